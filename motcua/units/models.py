"""Administrative units: a tree of People's Committees whose levels are data.

A unit has an identity of its own (`uid`, stable, never reused) apart from its
statistics code: codes and names are held for validity intervals
(`UnitDesignation`), so one code can belong to two units at different times
(Hoằng Lưu's 15976 went to the new Hoằng Châu on 1 Jul 2025). `Unit.code` and
`Unit.name` are the unit's latest code and name, kept for convenience.
"""

from __future__ import annotations

import bisect
import datetime as dt

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models, transaction
from django.db.models import QuerySet as QuerySetType


class UnitLevel(models.Model):
    """A level of the administrative tree (province, district, commune …)."""

    code = models.SlugField("mã cấp", max_length=32, unique=True)
    name = models.CharField("tên cấp", max_length=64)
    # 1 = province; larger numbers are further down the tree.
    rank = models.PositiveSmallIntegerField("thứ bậc")

    class Meta:
        ordering = ["rank"]
        verbose_name = "cấp hành chính"
        verbose_name_plural = "cấp hành chính"

    def __str__(self):
        return self.name


def _validity_in_order(name: str) -> models.CheckConstraint:
    return models.CheckConstraint(
        condition=models.Q(valid_to__isnull=True)
        | models.Q(valid_from__isnull=True)
        | models.Q(valid_to__gte=models.F("valid_from")),
        name=name,
    )


class Unit(models.Model):
    """A People's Committee (Ủy ban nhân dân) at some level."""

    # The unit's own identity: unique, never reused, no "/" (it builds `path`).
    # A unit first known by a code gets that code as its id.
    uid = models.CharField(
        "mã định danh ổn định",
        max_length=64,
        unique=True,
        blank=True,
        help_text="Không đổi khi đơn vị đổi mã hoặc tên; để trống để dùng mã đơn vị.",
        validators=[RegexValidator(r"^[^/]+$", "Mã định danh không được chứa ký tự “/”.")],
    )
    # The latest statistics code and name (see `designations` for their history).
    code = models.CharField("mã đơn vị hành chính", max_length=16, db_index=True)
    name = models.CharField("tên", max_length=200)
    level = models.ForeignKey(UnitLevel, on_delete=models.PROTECT, verbose_name="cấp")
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="children", verbose_name="đơn vị cấp trên"
    )
    agency_id = models.CharField("mã định danh cơ quan", max_length=64, blank=True)
    valid_from = models.DateField("hiệu lực từ", null=True, blank=True)
    valid_to = models.DateField("hiệu lực đến", null=True, blank=True)
    successors = models.ManyToManyField(
        "self", symmetrical=False, blank=True, related_name="predecessors", verbose_name="đơn vị kế thừa"
    )
    # Materialised path of stable ids ("38/388/16003/"): subtree queries are one
    # indexed prefix match instead of a recursive walk.
    path = models.CharField(max_length=255, db_index=True, editable=False)

    class Meta:
        ordering = ["path"]
        verbose_name = "đơn vị hành chính"
        verbose_name_plural = "đơn vị hành chính"
        constraints = [_validity_in_order("unit_validity_in_order")]

    def __str__(self):
        return f"{self.name} ({self.code})"

    def compute_path(self) -> str:
        prefix = self.parent.path if self.parent_id else ""
        return f"{prefix}{self.uid}/"

    def save(self, *args, **kwargs):
        """Save; a unit with at most one designation keeps it equal to its code, name and validity."""
        with transaction.atomic():
            if not self.uid:
                self.uid = free_uid(self.code, self.valid_from)
            self.path = self.compute_path()
            mirror = None
            if self.code:
                rows = list(self.designations.all()[:2]) if self.pk else []
                if len(rows) <= 1:
                    mirror = rows[0] if rows else UnitDesignation()
                    mirror.code, mirror.name = self.code, self.name
                    mirror.valid_from, mirror.valid_to = self.valid_from, self.valid_to
                    check_designations(self, [mirror])
            super().save(*args, **kwargs)
            if mirror is not None:
                mirror.unit = self
                mirror.save()

    def subtree(self):
        """Return this unit and every unit below it."""
        return Unit.objects.filter(path__startswith=self.path)

    def ancestors(self) -> list[Unit]:
        """Return the units above this one, nearest first."""
        uids = self.path.rstrip("/").split("/")[:-1]
        by_uid = {u.uid: u for u in Unit.objects.filter(uid__in=uids)}
        return [by_uid[c] for c in reversed(uids) if c in by_uid]

    def province(self) -> Unit:
        """Return the top of this unit's tree."""
        top = self.path.split("/", 1)[0]
        return self if top == self.uid else Unit.objects.get(uid=top)

    def is_valid_on(self, day) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and (self.valid_to is None or day <= self.valid_to)


class UnitDesignation(models.Model):
    """A code and name a unit held from `valid_from` to `valid_to` (open ends: null).

    One code belongs to one unit at any moment (`check_designations`), and a
    unit holds one code at a time.
    """

    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="designations", verbose_name="đơn vị")
    code = models.CharField("mã đơn vị hành chính", max_length=16, db_index=True)
    name = models.CharField("tên", max_length=200)
    valid_from = models.DateField("từ ngày", null=True, blank=True)
    valid_to = models.DateField("đến ngày", null=True, blank=True)

    class Meta:
        ordering = ["unit", "valid_from"]
        verbose_name = "mã và tên theo thời gian"
        verbose_name_plural = "mã và tên theo thời gian"
        constraints = [_validity_in_order("unit_designation_validity_in_order")]

    def __str__(self):
        return f"{self.code} {self.name} ({interval_text(self.valid_from, self.valid_to)})"

    def covers(self, day: dt.date) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and (self.valid_to is None or day <= self.valid_to)


# ---------------------------------------------------------------- intervals


def _day(value: dt.date | None) -> str:
    return value.strftime("%d/%m/%Y") if value else ""


def interval_text(valid_from: dt.date | None, valid_to: dt.date | None) -> str:
    """Render a validity interval in Vietnamese: "01/07/2025 – 30/06/2026", "từ …", "đến …", "không thời hạn"."""
    if valid_from and valid_to:
        return f"{_day(valid_from)} – {_day(valid_to)}"
    if valid_from:
        return f"từ {_day(valid_from)}"
    if valid_to:
        return f"đến {_day(valid_to)}"
    return "không thời hạn"


def intervals_overlap(a_from, a_to, b_from, b_to) -> bool:
    """Whether two closed intervals of days (None = open end) share a day."""
    return (a_from is None or b_to is None or a_from <= b_to) and (b_from is None or a_to is None or b_from <= a_to)


def designation_conflicts(rows) -> list[str]:
    """Return a Vietnamese reason for every pair of designations that may not coexist.

    `rows` are `(unit_label, unit_key, code, valid_from, valid_to)`: two rows of
    one code and different units must not overlap, nor two rows of one unit.
    Pure: the exchange loader uses it on whole files, `check_designations` on one unit.
    """
    reasons = []
    rows = sorted(rows, key=lambda r: (r[2], r[3] or dt.date.min))
    for i, (label, key, code, start, end) in enumerate(rows):
        for other_label, other_key, other_code, other_start, other_end in rows[i + 1 :]:
            if other_code != code:
                break
            if other_key != key and intervals_overlap(start, end, other_start, other_end):
                reasons.append(
                    f"mã đơn vị {code} của {other_label} ({interval_text(other_start, other_end)}) trùng thời gian với "
                    f"{label} ({interval_text(start, end)}): mỗi mã chỉ thuộc một đơn vị tại một thời điểm"
                )
    by_unit = sorted(rows, key=lambda r: (str(r[1]), r[3] or dt.date.min))
    for i, (label, key, code, start, end) in enumerate(by_unit):
        for _l, other_key, other_code, other_start, other_end in by_unit[i + 1 :]:
            if other_key != key:
                break
            if intervals_overlap(start, end, other_start, other_end):
                reasons.append(
                    f"{label} giữ hai mã cùng lúc: {code} ({interval_text(start, end)}) và "
                    f"{other_code} ({interval_text(other_start, other_end)})"
                )
    return reasons


def check_designations(unit: Unit, rows: list[UnitDesignation]) -> None:
    """Raise ValidationError (Vietnamese) when `rows`, as the whole history of `unit`, clash with each other or another unit."""
    label = unit.name or unit.code
    mine = [(label, "self", r.code, r.valid_from, r.valid_to) for r in rows]
    others = UnitDesignation.objects.filter(code__in={r.code for r in rows}).select_related("unit")
    if unit.pk:
        others = others.exclude(unit_id=unit.pk)
    theirs = [(d.unit.name, d.unit_id, d.code, d.valid_from, d.valid_to) for d in others]
    reasons = designation_conflicts(mine + theirs)
    if reasons:
        raise ValidationError(reasons)


def set_designations(unit: Unit, rows: list[tuple[str, str, dt.date | None, dt.date | None]]) -> None:
    """Replace the unit's history of codes and names by `rows` (code, name, from, to); the last becomes current.

    Refused with a Vietnamese ValidationError, nothing changed, when a code
    would belong to two units at once or the unit would hold two codes at once.
    """
    built = [UnitDesignation(unit=unit, code=c, name=n, valid_from=f, valid_to=t) for c, n, f, t in rows]
    built.sort(key=lambda d: d.valid_from or dt.date.min)
    check_designations(unit, built)
    with transaction.atomic():
        unit.designations.all().delete()
        UnitDesignation.objects.bulk_create(built)
        if built:
            unit.code, unit.name = built[-1].code, built[-1].name
            Unit.objects.filter(pk=unit.pk).update(code=unit.code, name=unit.name)


def free_uid(code: str, valid_from: dt.date | None = None) -> str:
    """A stable id for a new unit: its code, or `{code}-{year it starts}` (then `-2`, `-3` …) when taken."""
    base = code or "unit"
    candidates = [base, f"{base}-{valid_from.year}" if valid_from else f"{base}-2"]
    for candidate in candidates:
        if not Unit.objects.filter(uid=candidate).exists():
            return candidate
    n = 2
    while Unit.objects.filter(uid=f"{candidates[1]}-{n}").exists():
        n += 1
    return f"{candidates[1]}-{n}"


# ---------------------------------------------------------------- finding a unit by code


class CodeBook:
    """`find_unit`'s rule over rows loaded once, for bulk work (the exchange loaders).

    `held`: (code, valid_from, valid_to, value) for every designation; `ids`:
    stable id → value. `get(text, day)` returns the value `find_unit` would name.
    """

    def __init__(self, held, ids: dict):
        self.by_code: dict[str, list[tuple]] = {}
        for code, start, end, value in held:
            self.by_code.setdefault(code, []).append((start, end, value))
        for rows in self.by_code.values():
            rows.sort(key=lambda r: r[0] or dt.date.min)
        self.ids = ids

    def holder(self, text: str, day: dt.date):
        """The value of the unit holding code `text` on `day`, or None."""
        for start, end, value in self.by_code.get(text, ()):
            if (start is None or start <= day) and (end is None or day <= end):
                return value
        return None

    def get(self, text: str, day: dt.date):
        found = self.holder(text, day)
        if found is not None:
            return found
        if text in self.ids:
            return self.ids[text]
        rows = self.by_code.get(text, ())
        before = [value for start, _end, value in rows if start is None or start <= day]
        if before:
            return before[-1]
        return rows[0][2] if rows else None


def find_unit(text: str, on: dt.date | None = None, queryset: QuerySetType | None = None) -> Unit | None:
    """Return the unit `text` names on day `on` (default: today), among `queryset` (default: all units).

    The one rule every command, page and file uses:
    1. the unit holding the code `text` on that day;
    2. else the unit whose stable id is `text`;
    3. else the code's last holder before that day, else its first holder after.
    Commands and pages about a period resolve on the period's last day, so
    `--unit 15976 --period 2023-Q2` is Xã Hoằng Lưu and `--period 2025-Q3` the new Xã Hoằng Châu.
    """
    from django.utils import timezone

    if not text:
        return None
    units = Unit.objects.all() if queryset is None else queryset
    held = UnitDesignation.objects.filter(code=text, unit__in=units).select_related("unit__level")
    day = on or timezone.localdate()
    book = CodeBook(((row.code, row.valid_from, row.valid_to, row.unit) for row in held), {})
    found = book.holder(text, day)
    if found is None:
        by_id = units.filter(uid=text).select_related("level").first()
        book.ids = {text: by_id} if by_id else {}
        found = book.get(text, day)
    return found


def covered_unit_ids(units) -> dict[int, frozenset[int]]:
    """Return {unit id: ids of the units `subtree_with_predecessors(unit)` gives}, for many units in two queries.

    The same rule as subtree_with_predecessors (the unit's subtree and,
    transitively, every predecessor's), read from every unit's path and every
    merger edge at once, so that a page listing a province's communes does
    not walk each commune's predecessors with queries of its own.
    """
    units = list(units)
    if not units:
        return {}
    predecessors: dict[int, list[int]] = {}
    for pred, succ in Unit.successors.through.objects.values_list("from_unit_id", "to_unit_id"):
        predecessors.setdefault(succ, []).append(pred)
    rows = sorted(Unit.objects.values_list("path", "pk"))
    paths = [path for path, _ in rows]
    path_of = {pk: path for path, pk in rows}
    covered = {}
    for unit in units:
        ids, seen, frontier = set(), set(), [unit.pk]
        while frontier:
            current = frontier.pop()
            if current in seen or current not in path_of:
                continue
            seen.add(current)
            prefix = path_of[current]
            # Paths sort with their subtree right after them: one bisected run per prefix.
            at = bisect.bisect_left(paths, prefix)
            while at < len(rows) and paths[at].startswith(prefix):
                ids.add(rows[at][1])
                at += 1
            frontier.extend(predecessors.get(current, ()))
        covered[unit.pk] = frozenset(ids)
    return covered


def subtree_with_predecessors(unit: Unit) -> QuerySetType:
    """Return the units whose records a report for `unit` covers: its subtree and every predecessor's subtree.

    A unit created by a merger reports, for past periods, the records of the
    units it replaced; predecessors are followed transitively.
    """
    paths, seen, frontier = [], set(), [unit]
    while frontier:
        current = frontier.pop()
        if current.pk in seen:
            continue
        seen.add(current.pk)
        paths.append(current.path)
        frontier.extend(current.predecessors.all())
    query = models.Q()
    for path in paths:
        query |= models.Q(path__startswith=path)
    return Unit.objects.filter(query)
