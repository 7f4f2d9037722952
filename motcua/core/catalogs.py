"""Translation catalogs: compile the English .po sources into the .mo files gettext reads.

The sources live in motcua/locale/<lang>/LC_MESSAGES/django.po (msgids are the
Vietnamese text the pages are written in). Compiled catalogs are build
products, so they are not kept in git: they are written under MOTCUA_HOME
(settings.LOCALE_PATHS) when a process starts and a source is newer, with no
need for GNU gettext's msgfmt on the machine.
"""

from __future__ import annotations

import ast
import logging
import os
import struct
from pathlib import Path


logger = logging.getLogger(__name__)


class CatalogError(ValueError):
    """A .po file could not be read."""


def read_po(text: str, name: str = "django.po") -> dict[str, str]:
    """Return {msgid: msgstr} of a .po file's translated, non-fuzzy entries (the header under "")."""
    messages: dict[str, str] = {}
    msgctxt: list[str] | None = None
    msgid: list[str] | None = None
    msgstr: list[str] | None = None
    current: list[str] | None = None
    fuzzy = False

    def flush():
        nonlocal msgctxt, msgid, msgstr, fuzzy
        if msgid is not None and msgstr is not None:
            key, value = "".join(msgid), "".join(msgstr)
            if msgctxt is not None:
                # The key pgettext and {% translate … context … %} look up.
                key = "".join(msgctxt) + "\x04" + key
            if value and (not fuzzy or key == ""):
                messages[key] = value
        msgctxt = msgid = msgstr = None
        fuzzy = False

    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line:
            flush()
            continue
        if line.startswith("#,") and "fuzzy" in line:
            flush()
            fuzzy = True
            continue
        if line.startswith("#"):
            continue
        keyword, _, rest = line.partition(" ")
        if keyword == "msgctxt":
            if msgstr is not None:
                flush()
            msgctxt = [_string(rest, name, number)]
            current = msgctxt
        elif keyword == "msgid":
            if msgstr is not None:  # a new entry without a blank line before it
                flush()
            msgid = [_string(rest, name, number)]
            current = msgid
        elif keyword == "msgstr":
            if msgid is None:
                raise CatalogError(f"{name} dòng {number}: msgstr không có msgid đứng trước")
            msgstr = [_string(rest, name, number)]
            current = msgstr
        elif line.startswith('"'):
            if current is None:
                raise CatalogError(f"{name} dòng {number}: chuỗi không thuộc msgid/msgstr nào")
            current.append(_string(line, name, number))
        else:
            # Plural forms are not used by motcua's catalogs.
            raise CatalogError(f"{name} dòng {number}: không hiểu «{line[:40]}»")
    flush()
    return messages


def _string(token: str, name: str, number: int) -> str:
    token = token.strip()
    if not (len(token) >= 2 and token[0] == token[-1] == '"'):
        raise CatalogError(f"{name} dòng {number}: cần một chuỗi trong dấu nháy kép")
    return ast.literal_eval(token)


def mo_bytes(messages: dict[str, str]) -> bytes:
    """Return the GNU .mo encoding of a catalog (sorted keys, no hash table)."""
    keys = sorted(messages)
    ids = [k.encode() for k in keys]
    strs = [messages[k].encode() for k in keys]
    count = len(keys)
    header_size = 7 * 4
    ids_table = header_size
    strs_table = ids_table + count * 8
    data_start = strs_table + count * 8
    offsets, data = [], b""
    for blob in ids:
        offsets.append((len(blob), data_start + len(data)))
        data += blob + b"\0"
    for blob in strs:
        offsets.append((len(blob), data_start + len(data)))
        data += blob + b"\0"
    header = struct.pack("<7I", 0x950412DE, 0, count, ids_table, strs_table, 0, 0)
    tables = b"".join(struct.pack("<2I", length, offset) for length, offset in offsets)
    return header + tables + data


def merge_catalogs(sources: list[Path]) -> tuple[dict[str, str], list[str]]:
    """Merge the .po files of one language; return the catalog and the msgids translated two ways (first file wins)."""
    merged: dict[str, str] = {}
    origin: dict[str, str] = {}
    conflicts: list[str] = []
    for po in sources:
        for msgid, msgstr in read_po(po.read_text(encoding="utf-8"), po.name).items():
            if msgid in merged:
                if msgid and merged[msgid] != msgstr:
                    conflicts.append(f"«{msgid[:60]}» được dịch khác nhau trong {origin[msgid]} và {po.name}")
                continue
            merged[msgid], origin[msgid] = msgstr, po.name
    # gettext decodes with the header's charset, ASCII when there is none.
    merged.setdefault("", "Content-Type: text/plain; charset=UTF-8\n")
    return merged, conflicts


def ensure_compiled(source: Path, target: Path) -> list[Path]:
    """Compile each language's .po files under `source` into one django.mo under `target` when stale; return the files written.

    A language may keep its messages in several .po files (one per area of the
    application: desk.po, portal.po …); they are merged into the single
    "django" domain gettext reads. A msgid translated two ways is logged (the
    test suite refuses it) and the first file's translation is kept: a wording
    slip must not stop the application.
    """
    written = []
    for messages_dir in sorted(source.glob("*/LC_MESSAGES")):
        sources = sorted(messages_dir.glob("*.po"))
        if not sources:
            continue
        mo = target / messages_dir.relative_to(source) / "django.mo"
        if mo.exists() and mo.stat().st_mtime >= max(po.stat().st_mtime for po in sources):
            continue
        merged, conflicts = merge_catalogs(sources)
        for conflict in conflicts:
            logger.warning("bản dịch %s: %s", messages_dir.parent.name, conflict)
        mo.parent.mkdir(parents=True, exist_ok=True)
        partial = mo.with_suffix(f".{os.getpid()}.tmp")
        partial.write_bytes(mo_bytes(merged))
        partial.replace(mo)  # atomic: a concurrent reader never sees half a catalog
        written.append(mo)
    return written
