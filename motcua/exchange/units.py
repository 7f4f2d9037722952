"""units.jsonl, versions 1 and 2 (docs/exchange.md, "units.jsonl"): checking, loading and export.

Version 1 lines (no `format` field) name a unit by its statistics code, which
is also its stable id. Version 2 lines carry `"format": 2` and an `id` (the
unit's stable id); their `parent` and `successors` name ids, and `history`
lists the codes and names the unit held over time, so that one code can
belong to two units at different times. Both may be mixed in one file: a v1
line's code is the id it names.
"""

from __future__ import annotations

import datetime as dt
import functools
from typing import TextIO

from motcua.exchange import schema
from motcua.exchange.schema import show

FORMAT_2 = 2
UNIT_V2_KEYS = ("format", "id") + schema.UNIT_KEYS + ("history",)
_UNIT_V2_KEYSET = frozenset(UNIT_V2_KEYS)
_HISTORY_KEYSET = frozenset(("code", "name", "valid_from", "valid_to"))


# ---------------------------------------------------------------- checking one line


def _read_code(obj: dict, key: str, path: str, errs: list, *, max_len: int, required=True) -> str:
    value = schema.read_str(obj, key, path, errs, required=required, max_len=max_len)
    if value and "/" in value:
        errs.append(f'trường "{path}" không được chứa ký tự "/": {show(value)}')
        return ""
    return value


def validate_unit_line(obj: dict) -> tuple[dict, list[str]]:
    """Check a units.jsonl line of either version; the record carries `id` and `history` (None: code and name throughout)."""
    if "format" not in obj or obj["format"] is None:
        rec, errs = schema.validate_unit(obj)
        rec["id"], rec["history"] = rec["code"], None
        return rec, errs
    errs: list[str] = []
    if obj["format"] != FORMAT_2 or isinstance(obj["format"], bool):
        return {"code": "", "id": ""}, [schema.bad_choice("format", obj["format"], ["2"])]
    body = {k: v for k, v in obj.items() if k not in ("format", "id", "history")}
    rec, errs = schema.validate_unit(body)
    # Version 2 references are ids, up to 64 characters.
    rec["parent"] = _read_code(obj, "parent", "parent", errs, max_len=64, required=False) or None
    errs[:] = [e for e in errs if not e.startswith(('trường "parent" dài quá', 'trường "parent" không được là'))]
    errs[:] = [e for e in errs if not e.startswith('trường "successors" không được chứa')]
    schema._unknown(obj, _UNIT_V2_KEYSET, "", errs)
    rec["id"] = _read_code(obj, "id", "id", errs, max_len=64)
    if rec["id"] and rec["id"] == rec["parent"]:
        errs.append(f'trường "parent" không được là chính đơn vị {show(rec["id"])}')
    if rec["id"] and rec["id"] in rec["successors"]:
        errs.append(f'trường "successors" không được chứa chính đơn vị {show(rec["id"])}')
    rec["history"] = _read_history(obj, rec, errs) if obj.get("history") is not None else None
    return rec, errs


def _read_history(obj: dict, rec: dict, errs: list) -> list[tuple] | None:
    items = schema.read_list(obj, "history", "history", errs)
    history = []
    for i, item in enumerate(items):
        path = f"history[{i}]"
        if not isinstance(item, dict):
            errs.append(schema.wrong_type(path, "đối tượng", item))
            continue
        before = len(errs)
        schema._unknown(item, _HISTORY_KEYSET, f"{path}.", errs)
        code = _read_code(item, "code", f"{path}.code", errs, max_len=16)
        name = schema.read_str(item, "name", f"{path}.name", errs, required=True, max_len=200)
        start = schema.read_date(item, "valid_from", f"{path}.valid_from", errs)
        end = schema.read_date(item, "valid_to", f"{path}.valid_to", errs)
        schema.not_before(end, f"{path}.valid_to", start, f"{path}.valid_from", errs)
        if len(errs) == before:
            history.append((code, name, start, end))
    if not items:
        errs.append('trường "history" không được là danh sách rỗng')
    history.sort(key=lambda h: h[2] or dt.date.min)
    if history and len(history) == len(items) and (history[-1][0], history[-1][1]) != (rec["code"], rec["name"]):
        errs.append(
            f'"code" và "name" phải là mã và tên mới nhất trong "history" ({show(history[-1][0])}, {show(history[-1][1])})'
        )
    return history


def designations_of(rec: dict) -> list[tuple]:
    """The (code, name, valid_from, valid_to) rows a line gives its unit: its history, or its code and name throughout."""
    if rec["history"] is not None:
        return list(rec["history"])
    return [(rec["code"], rec["name"], rec["valid_from"], rec["valid_to"])]


# ---------------------------------------------------------------- export


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


def export_units(out: TextIO) -> int:
    """Write every unit as canonical units.jsonl lines in tree order; return how many.

    Version 1 when it can say everything (every unit's id is its code, and its
    code and name never changed), else version 2 for every line. Export → load
    into an empty database → export gives the same bytes.
    """
    from motcua.units.models import Unit, UnitDesignation

    units = list(Unit.objects.select_related("level").order_by("path"))
    uid_of = {u.pk: u.uid for u in units}
    successors: dict[int, list[str]] = {}
    for from_id, to_id in Unit.successors.through.objects.values_list("from_unit_id", "to_unit_id"):
        successors.setdefault(from_id, []).append(uid_of[to_id])
    history: dict[int, list[tuple]] = {}
    for row in UnitDesignation.objects.values_list("unit_id", "code", "name", "valid_from", "valid_to"):
        history.setdefault(row[0], []).append(row[1:])
    for rows in history.values():
        rows.sort(key=lambda h: h[2] or dt.date.min)

    def plain(u) -> bool:
        return history.get(u.pk, []) == [(u.code, u.name, u.valid_from, u.valid_to)]

    v1 = all(u.uid == u.code and plain(u) for u in units)
    for u in units:
        obj = {"format": FORMAT_2, "id": u.uid} if not v1 else {}
        obj.update(
            code=u.code,
            name=u.name,
            level=u.level.code,
            parent=uid_of[u.parent_id] if u.parent_id else None,
            agency_id=u.agency_id or None,
            valid_from=_iso(u.valid_from),
            valid_to=_iso(u.valid_to),
            successors=sorted(successors.get(u.pk, [])),
        )
        if not v1 and not plain(u):
            obj["history"] = [
                {"code": c, "name": n, "valid_from": _iso(f), "valid_to": _iso(t)} for c, n, f, t in history.get(u.pk, [])
            ]
        out.write(schema._ENCODE(obj) + "\n")
    return len(units)


# ---------------------------------------------------------------- loading


@functools.cache
def unit_loader():
    """The loader class of units.jsonl (built on first use: it extends `loading`'s reference loader, which imports this module lazily)."""
    from motcua.exchange.loading import BATCH_SIZE, _ReferenceLoader

    class UnitLoader(_ReferenceLoader):
        """Upsert units by stable id (a v1 line's id is its code); check references, cycles and code intervals first."""

        validate = staticmethod(validate_unit_line)
        noun = "đơn vị"
        key = "id"

        def run(self, lines) -> None:
            from motcua.units.models import Unit, UnitDesignation, UnitLevel

            self.read(lines)
            levels = dict(UnitLevel.objects.values_list("code", "pk"))
            db = {
                row["uid"]: row
                for row in Unit.objects.values(
                    "pk", "uid", "code", "name", "level_id", "parent_id", "agency_id", "valid_from", "valid_to", "path"
                )
            }
            uid_of = {row["pk"]: uid for uid, row in db.items()}
            Through = Unit.successors.through
            db_successors: dict[str, set[str]] = {}
            for from_id, to_id in Through.objects.values_list("from_unit_id", "to_unit_id"):
                db_successors.setdefault(uid_of[from_id], set()).add(uid_of[to_id])
            db_history: dict[str, list[tuple]] = {}
            for unit_id, *row in UnitDesignation.objects.values_list("unit_id", "code", "name", "valid_from", "valid_to"):
                db_history.setdefault(uid_of[unit_id], []).append(tuple(row))
            for rows in db_history.values():
                rows.sort(key=lambda h: h[2] or dt.date.min)

            in_file = {rec["id"]: (lineno, rec) for lineno, rec in self.records}
            # Ids of the file's bad lines still count as existing, so their
            # references do not produce a second, misleading error.
            known = set(db) | set(in_file) | set(self.line_of)
            for lineno, rec in self.records:
                if rec["level"] not in levels:
                    self.error(lineno, schema.bad_choice("level", rec["level"], sorted(levels, key=levels.get)))
                if rec["parent"] and rec["parent"] not in known:
                    self.error(lineno, f'trường "parent" tham chiếu đơn vị không có trong tệp và hệ thống {show(rec["parent"])}')
                for i, successor in enumerate(rec["successors"]):
                    if successor not in known:
                        self.error(
                            lineno,
                            f'trường "successors[{i}]" tham chiếu đơn vị không có trong tệp và hệ thống {show(successor)}',
                        )

            # The tree after loading: the file's lines override the database.
            parent_of = {uid: (uid_of[row["parent_id"]] if row["parent_id"] else None) for uid, row in db.items()}
            successors_of = {uid: set(s) for uid, s in db_successors.items()}
            history_of = dict(db_history)
            for uid, (lineno, rec) in in_file.items():
                parent_of[uid] = rec["parent"]
                successors_of[uid] = set(rec["successors"])
                history_of[uid] = designations_of(rec)
            self._check_cycles(in_file, parent_of, successors_of)
            self._check_codes(in_file, history_of, {uid: row["name"] for uid, row in db.items()})
            if self.report.errors:
                return

            paths = _paths(parent_of)
            ids = {uid: row["pk"] for uid, row in db.items()}

            def fields(rec) -> dict:
                """The unit's columns a line sets (its parent already has an id)."""
                return {
                    "code": rec["code"],
                    "name": rec["name"],
                    "level_id": levels[rec["level"]],
                    "parent_id": ids[rec["parent"]] if rec["parent"] else None,
                    "agency_id": rec["agency_id"],
                    "valid_from": rec["valid_from"],
                    "valid_to": rec["valid_to"],
                }
            new_uids = [uid for uid in in_file if uid not in db]
            for depth in sorted({paths[u].count("/") for u in new_uids}):
                objs = []
                for uid in new_uids:
                    if paths[uid].count("/") != depth:
                        continue
                    objs.append(Unit(uid=uid, path=paths[uid], **fields(in_file[uid][1])))
                Unit.objects.bulk_create(objs, batch_size=BATCH_SIZE)
                ids.update((u.uid, u.pk) for u in objs)
            self.report.created = len(new_uids)

            changed: list[Unit] = []
            changed_uids: set[str] = set()
            for uid, row in db.items():
                wanted = dict(row)
                wanted["path"] = paths[uid]
                if uid in in_file:
                    wanted.update(fields(in_file[uid][1]))
                if wanted != row:
                    changed.append(Unit(**{("id" if k == "pk" else k): v for k, v in wanted.items()}))
                    if uid in in_file and any(wanted[k] != row[k] for k in row if k != "path"):
                        changed_uids.add(uid)
            if changed:
                Unit.objects.bulk_update(
                    changed,
                    ["code", "name", "level_id", "parent_id", "agency_id", "valid_from", "valid_to", "path"],
                    batch_size=500,
                )

            drop, add = [], []
            history_drop, history_add = [], []
            for uid, (lineno, rec) in in_file.items():
                wanted = set(rec["successors"])
                if wanted != db_successors.get(uid, set()):
                    if uid in db:
                        changed_uids.add(uid)
                        drop.append(ids[uid])
                    add.extend(Through(from_unit_id=ids[uid], to_unit_id=ids[s]) for s in rec["successors"])
                if history_of[uid] != db_history.get(uid, []):
                    if uid in db:
                        changed_uids.add(uid)
                        history_drop.append(ids[uid])
                    history_add.extend(
                        UnitDesignation(unit_id=ids[uid], code=c, name=n, valid_from=f, valid_to=t)
                        for c, n, f, t in history_of[uid]
                    )
            for i in range(0, len(drop), 500):
                Through.objects.filter(from_unit_id__in=drop[i : i + 500]).delete()
            Through.objects.bulk_create(add, batch_size=BATCH_SIZE)
            for i in range(0, len(history_drop), 500):
                UnitDesignation.objects.filter(unit_id__in=history_drop[i : i + 500]).delete()
            UnitDesignation.objects.bulk_create(history_add, batch_size=BATCH_SIZE)
            self.report.updated = len(changed_uids)
            self.report.unchanged = len(in_file) - len(new_uids) - len(changed_uids)

        def _check_codes(self, in_file, history_of, db_names) -> None:
            """One code belongs to one unit at a time, and a unit holds one code at a time, after loading."""
            from motcua.units.models import designation_conflicts

            def label(uid):
                return in_file[uid][1]["name"] if uid in in_file else db_names.get(uid, uid)

            holders: dict[str, set[str]] = {}
            for uid, rows in history_of.items():
                for code, *_ in rows:
                    holders.setdefault(code, set()).add(uid)
            for uid, (lineno, rec) in in_file.items():
                near = {other for code, *_ in history_of[uid] for other in holders[code]}
                rows = [(label(u), u, c, f, t) for u in sorted(near) for c, _n, f, t in history_of[u]]
                relevant = {code for code, *_ in history_of[uid]}
                for reason in designation_conflicts([r for r in rows if r[1] == uid or r[2] in relevant]):
                    if label(uid) in reason:
                        self.error(lineno, reason)

        _check_cycles = _check_cycles_of_units

    return UnitLoader


def _paths(parent_of: dict[str, str | None]) -> dict[str, str]:
    """Materialised paths ("38/388/16003/") of every unit of an acyclic parent map (keys: stable ids)."""
    paths: dict[str, str] = {}
    for uid in parent_of:
        chain = []
        node = uid
        while node is not None and node not in paths:
            chain.append(node)
            node = parent_of.get(node)
        prefix = paths[node] if node is not None else ""
        for c in reversed(chain):
            prefix = f"{prefix}{c}/"
            paths[c] = prefix
    return paths


def _check_cycles_of_units(self, in_file, parent_of, successors_of) -> None:
    # Parents: walk up from every unit of the file.
    acyclic: set[str] = set()
    for uid in in_file:
        chain, pos = [], {}
        node = uid
        while node is not None and node not in acyclic:
            if node in pos:
                cycle = chain[pos[node] :] + [node]
                if uid in cycle:
                    self.error(in_file[uid][0], f"đơn vị cấp trên tạo thành vòng lặp: {' → '.join(cycle)}")
                break
            pos[node] = len(chain)
            chain.append(node)
            node = parent_of.get(node)
        else:
            acyclic.update(chain)
    # Successors: a unit must not succeed itself through a chain.
    for uid in in_file:
        stack = [(s, [uid, s]) for s in sorted(successors_of.get(uid, ()))]
        visited = set()
        while stack:
            node, trail = stack.pop()
            if node == uid:
                self.error(in_file[uid][0], f"đơn vị kế thừa tạo thành vòng lặp: {' → '.join(trail)}")
                break
            if node in visited:
                continue
            visited.add(node)
            stack.extend((s, trail + [s]) for s in sorted(successors_of.get(node, ())))

