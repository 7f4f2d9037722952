"""The additive figures of a set of units over a period, read from monthly tallies where they are valid.

Every figure of motcua.dossiers.figures.EVENTS counts events keyed by an
instant (received, decided, rated, apologised in P), so its count over P is
the sum of its counts over any split of P. A period is split into the whole
local months it covers that are over (before the current local month) and
the rest — partial months at its edges, the current month and later. The
rest is counted on the records, with the same conditions as ever
(Event.within); each whole month is read from `Tally`, one row per (unit,
month) holding every figure of that unit's own records over that month, as
grouped by the same conditions. Summing over the covered units gives the
figure of a unit with its subtree and merged predecessors. The tallies are a
cache: dropping them all changes no figure, only its cost.

Which tallies are valid — generations:

- Database triggers (migration 0002_triggers) bump a counter `Generation`
  for every (unit, month) whose records a statement changes — the months of
  the old and new anchors — in the transaction of the change, whatever wrote
  it (actions, QuerySet.update/delete, bulk_create, raw SQL). A change of a
  procedure's field or a field's kind bumps the global generation (unit 0).
- A tally row stores the generations it was computed at, and the
  fingerprint of EVENTS' SQL (`definitions`); it is used only while both
  generations are still the current ones and the fingerprint is the same.
- A reader reads the generations BEFORE it counts the records and stores the
  row with them. A change committed after that read has bumped the
  generation, so the row it stores is invalid at once, whether its count saw
  the change or not: a stored row may be useless, never stale. A change not
  yet committed when the reader counts is not in the count, and bumps the
  generation when it commits. (Read committed: each statement sees what was
  committed before it started, the reading of generations first.)
- The writers' upsert of a generation row locks it until their commit, so
  concurrent changes of one unit's month queue there for the rest of their
  transaction; readers take no lock on it.

Missing or invalid tallies are computed on reading — one grouped query per
anchor for every missing (unit, month) at once — and stored, unless another
writer holds the database (SQLite) — then the figures are returned without
storing them — or unless more than FILL_ON_READ are missing: then those
units are counted on their records, as without tallies, and the workers'
refresh stores their months later. `motcua tallies refresh` fills every month before the current
one; `motcua tallies check` compares every valid tally with its records.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import logging
from collections import defaultdict
from collections.abc import Iterable

from django.db import OperationalError, connection, transaction
from django.db.models import Count, DateField, Func, Q, QuerySet
from django.utils import timezone

from motcua.dossiers.figures import EVENTS, Event, fixed_offset_minutes
from motcua.dossiers.queries import day_start
from motcua.dossiers.timeliness import LOCAL_TZ
from motcua.lib.periods import Period
from motcua.tallies.models import GLOBAL_MONTH, GLOBAL_UNIT, Generation, Tally

log = logging.getLogger(__name__)

Pair = tuple[int, dt.date]

# Counting missing months one by one and storing them costs about three times counting the records once (a
# province's year of 1,000,000 dossiers: 2.7 s against 0.9 s, benchmarks/report.py). A reader missing more
# (unit, month) tallies than this counts those units on their records instead and stores nothing; the
# workers' refresh (MOTCUA_TALLIES_REFRESH_MINUTES), `motcua load` and `motcua tallies refresh` store them.
FILL_ON_READ = 600


class LocalMonth(Func):
    """The first day of the local (LOCAL_TZ) month a stored instant falls in, computed natively.

    The same month as the triggers' (migration 0002_triggers): PostgreSQL's
    tallies_month(), SQLite's date(…, '+420 minutes', 'start of month').
    """

    output_field = DateField()

    def as_postgresql(self, compiler, connection, **extra_context):
        sql, params = compiler.compile(self.source_expressions[0])
        return f"(date_trunc('month', ({sql}) AT TIME ZONE %s))::date", (*params, str(LOCAL_TZ))

    def as_sqlite(self, compiler, connection, **extra_context):
        minutes = fixed_offset_minutes(LOCAL_TZ)
        if minutes is None:
            raise NotImplementedError("LocalMonth on SQLite needs a zone with one UTC offset")
        sql, params = compiler.compile(self.source_expressions[0])
        return f"date({sql}, %s, 'start of month')", (*params, f"{minutes:+d} minutes")


def next_month(month: dt.date) -> dt.date:
    return (month.replace(day=1) + dt.timedelta(days=32)).replace(day=1)


@functools.cache
def definitions() -> str:
    """Return a fingerprint of EVENTS as SQL: a changed condition makes every stored tally invalid."""
    text = "\n".join(
        f"{name} {event.model._meta.label} {event.anchor} {event.model.objects.filter(event.condition).query}"
        for name, event in EVENTS.items()
    )
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def split(period: Period, today: dt.date | None = None) -> tuple[list[dt.date], list[tuple[dt.datetime, dt.datetime]]]:
    """Return (whole local months of `period` before today's month, the rest as [start, end) instants)."""
    current = (today or timezone.localdate()).replace(day=1)
    first = period.start if period.start.day == 1 else next_month(period.start)
    months = []
    month = first
    while next_month(month) <= period.end + dt.timedelta(days=1) and month < current:
        months.append(month)
        month = next_month(month)
    end = day_start(period.end + dt.timedelta(days=1))
    if not months:
        return [], [(day_start(period.start), end)]
    edges = [(day_start(period.start), day_start(months[0])), (day_start(next_month(months[-1])), end)]
    return months, [(start, stop) for start, stop in edges if start < stop]


def _unit_ids(units) -> list[int]:
    if isinstance(units, QuerySet):
        return list(units.values_list("pk", flat=True))
    return [getattr(u, "pk", u) for u in units]


def totals(units, period: Period, names: Iterable[str] = EVENTS) -> dict[str, int]:
    """Return {figure: count} of `names` over `period` for the records of `units` (units or ids) together."""
    names = list(names)
    summed = dict.fromkeys(names, 0)
    for values in totals_by_unit(units, period, names).values():
        for name in names:
            summed[name] += values[name]
    return summed


def totals_by_unit(units, period: Period, names: Iterable[str] = EVENTS) -> dict[int, dict[str, int]]:
    """Return {unit id: {figure: count of its own records}} of `names` over `period`, for every unit of `units`."""
    names = list(names)
    ids = _unit_ids(units)
    result = {unit_id: dict.fromkeys(names, 0) for unit_id in ids}
    if not ids:
        return result
    months, edges = split(period)
    if months:
        complete = _read(ids, months, names, result)
        incomplete = [u for u in ids if complete.get(u) != len(months)]
        if incomplete:
            missing = {(u, m) for u in incomplete for m in months} - _valid_pairs(incomplete, months)
            if len(missing) <= FILL_ON_READ:
                for (unit_id, _month), values in fill(missing).items():
                    _add(result[unit_id], values, names)
            else:
                # Too many to count by month and store now: these units' whole months are counted on their
                # records, as without tallies, and left for `refresh` (the workers) to store.
                whole = (day_start(months[0]), day_start(next_month(months[-1])))
                counted = count_records(incomplete, [whole], names)
                for unit_id in incomplete:
                    result[unit_id] = dict.fromkeys(names, 0)
                    _add(result[unit_id], counted[unit_id], names)
    if edges:
        for unit_id, values in count_records(ids, edges, names).items():
            _add(result[unit_id], values, names)
    return result


def _add(into: dict[str, int], values: dict[str, int], names) -> None:
    for name in names:
        into[name] += values[name]


def _valid_sql(names: list[str], select: str, group: str, unit_count: int) -> str:
    placeholders = ", ".join(["%s"] * unit_count)
    return (
        f"SELECT {select} FROM tallies_tally t LEFT JOIN tallies_generation g "
        f"ON g.unit_id = t.unit_id AND g.month = t.month "
        f"WHERE t.unit_id IN ({placeholders}) AND t.month >= %s AND t.month <= %s "
        f"AND t.generation = COALESCE(g.generation, 0) AND t.definitions = %s "
        f"AND t.global_generation = COALESCE((SELECT generation FROM tallies_generation "
        f"WHERE unit_id = %s AND month = %s), 0) {group}"
    )


def _params(ids: list[int], months: list[dt.date]) -> list:
    adapt = connection.ops.adapt_datefield_value
    return [*ids, adapt(months[0]), adapt(months[-1]), definitions(), GLOBAL_UNIT, adapt(GLOBAL_MONTH)]


def _read(ids: list[int], months: list[dt.date], names: list[str], into: dict[int, dict[str, int]]) -> dict[int, int]:
    """Add the valid tallies of (ids × months) to `into`; return {unit id: how many of its months were valid}."""
    sums = ", ".join(f"SUM(t.{name})" for name in names)
    sql = _valid_sql(names, f"t.unit_id, COUNT(*), {sums}", "GROUP BY t.unit_id", len(ids))
    complete = {}
    with connection.cursor() as cursor:
        cursor.execute(sql, _params(ids, months))
        for unit_id, count, *values in cursor.fetchall():
            complete[unit_id] = count
            _add(into[unit_id], dict(zip(names, (int(v) for v in values))), names)
    return complete


def _valid_pairs(ids: list[int], months: list[dt.date]) -> set[Pair]:
    sql = _valid_sql([], "t.unit_id, t.month", "", len(ids))
    with connection.cursor() as cursor:
        cursor.execute(sql, _params(ids, months))
        rows = cursor.fetchall()
    return {(unit_id, _date(month)) for unit_id, month in rows}


def _date(value) -> dt.date:
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(value)


# ---------------------------------------------------------------- counting on the records


def _by_model(names: Iterable[str]) -> dict[type, dict[str, Event]]:
    grouped: dict[type, dict[str, Event]] = defaultdict(dict)
    for name in names:
        grouped[EVENTS[name].model][name] = EVENTS[name]
    return grouped


def _counted(name: str, condition: Q) -> Count:
    return Count("pk", filter=condition) if condition else Count("pk")


def count_records(ids: list[int], ranges: list[tuple[dt.datetime, dt.datetime]], names) -> dict[int, dict[str, int]]:
    """Return {unit id: {figure: count}} over the union of the disjoint `ranges`, counted on the records.

    One grouped query per model (dossiers, ratings, apologies).
    """
    result: dict[int, dict[str, int]] = defaultdict(lambda: dict.fromkeys(EVENTS, 0))
    for model, events in _by_model(names).items():
        unit = next(iter(events.values())).unit_field
        inside = Q()
        for anchor in {event.anchor for event in events.values()}:
            for start, end in ranges:
                inside |= Q(**{f"{anchor}__gte": start, f"{anchor}__lt": end})
        counts = {}
        for name, event in events.items():
            within = Q()
            for start, end in ranges:
                within |= event.within(start, end)
            counts[name] = Count("pk", filter=within)
        rows = model.objects.filter(**{f"{unit}__in": ids}).filter(inside).values(unit).annotate(**counts).order_by()
        for row in rows:
            result[row.pop(unit)].update(row)
    return result


def count_months(ids: list[int], months: list[dt.date]) -> dict[Pair, dict[str, int]]:
    """Return {(unit id, month): every EVENTS figure} for ids × months, counted on the records.

    One query per anchor, grouped by unit and local month; pairs without records are zero.
    """
    start, end = day_start(months[0]), day_start(next_month(months[-1]))
    result: dict[Pair, dict[str, int]] = defaultdict(lambda: dict.fromkeys(EVENTS, 0))
    anchors: dict[tuple[type, str], dict[str, Event]] = defaultdict(dict)
    for name, event in EVENTS.items():
        anchors[(event.model, event.anchor)][name] = event
    for (model, anchor), events in anchors.items():
        unit = next(iter(events.values())).unit_field
        rows = (
            model.objects.filter(**{f"{unit}__in": ids, f"{anchor}__gte": start, f"{anchor}__lt": end})
            .annotate(tally_month=LocalMonth(anchor))
            .values(unit, "tally_month")
            .annotate(**{name: _counted(name, event.condition) for name, event in events.items()})
            .order_by()
        )
        for row in rows:
            result[(row.pop(unit), _date(row.pop("tally_month")))].update(row)
    return result


# ---------------------------------------------------------------- storing


def generations(ids: list[int], months: list[dt.date]) -> tuple[dict[Pair, int], int]:
    """Return ({(unit id, month): generation} of ids × months, the global generation); absent rows are 0."""
    rows = Generation.objects.filter(
        Q(unit_id__in=ids, month__gte=months[0], month__lte=months[-1]) | Q(unit_id=GLOBAL_UNIT, month=GLOBAL_MONTH)
    ).values_list("unit_id", "month", "generation")
    found = {(unit_id, month): generation for unit_id, month, generation in rows}
    return found, found.pop((GLOBAL_UNIT, GLOBAL_MONTH), 0)


def fill(pairs: set[Pair]) -> dict[Pair, dict[str, int]]:
    """Count every figure of the (unit, month) `pairs` on the records, store the tallies; return the counts."""
    if not pairs:
        return {}
    ids = sorted({unit_id for unit_id, _ in pairs})
    months = sorted({month for _, month in pairs})
    # The generations first, then the records: a change committed in between leaves the row invalid.
    found, global_generation = generations(ids, months)
    counted = count_months(ids, months)
    values = {pair: counted[pair] for pair in sorted(pairs)}
    store(values, found, global_generation)
    return values


def store(values: dict[Pair, dict[str, int]], found: dict[Pair, int], global_generation: int) -> None:
    """Store the tallies `values` as of the generations read before they were counted."""
    columns = ["unit_id", "month", "generation", "global_generation", "definitions", *EVENTS]
    adapt = connection.ops.adapt_datefield_value
    rows = [
        (unit_id, adapt(month), found.get((unit_id, month), 0), global_generation, definitions(),
         *(figures[name] for name in EVENTS))
        for (unit_id, month), figures in values.items()
    ]
    update = ", ".join(f"{column} = excluded.{column}" for column in columns[2:])
    if connection.vendor == "postgresql":
        # One statement of one array per column: 6,000 rows in milliseconds, where one INSERT per row takes a second.
        types = ["bigint", "date", "bigint", "bigint", "text", *(["integer"] * len(EVENTS))]
        arrays = ", ".join(f"%s::{kind}[]" for kind in types)
        sql = (f"INSERT INTO {Tally._meta.db_table} ({', '.join(columns)}) SELECT * FROM unnest({arrays}) "
               f"ON CONFLICT (unit_id, month) DO UPDATE SET {update}")
        execute, params = "execute", [list(column) for column in zip(*rows)]
    else:
        # One statement however many rows (bulk_create would split them by SQLite's 999 parameters).
        sql = (f"INSERT INTO {Tally._meta.db_table} ({', '.join(columns)}) VALUES ({', '.join(['%s'] * len(columns))}) "
               f"ON CONFLICT (unit_id, month) DO UPDATE SET {update}")
        execute, params = "executemany", rows
    try:
        with transaction.atomic(), connection.cursor() as cursor:
            getattr(cursor, execute)(sql, params)
    except OperationalError as error:  # SQLite busy with another writer: the figures stand, uncached
        log.warning("không lưu được số liệu cộng dồn: %s", error)


def past_months(since: dt.date | None = None, today: dt.date | None = None) -> list[dt.date]:
    """Return the local months from `since` (default: the first month with a record) up to last month."""
    from motcua.dossiers.models import Dossier

    current = (today or timezone.localdate()).replace(day=1)
    if since is None:
        first = Dossier.objects.order_by("received_at").values_list("received_at", flat=True).first()
        if first is None:
            return []
        since = timezone.localtime(first, LOCAL_TZ).date()
    months, month = [], since.replace(day=1)
    while month < current:
        months.append(month)
        month = next_month(month)
    return months


def refresh(units=None, since: dt.date | None = None) -> int:
    """Store a valid tally for every unit (default: all) and month before the current one; return how many."""
    from motcua.units.models import Unit

    ids = _unit_ids(Unit.objects.all() if units is None else units)
    months = past_months(since)
    stored = 0
    for i in range(0, len(months), 12):  # a year at a time
        chunk = months[i:i + 12]
        missing = {(u, m) for u in ids for m in chunk} - _valid_pairs(ids, chunk) if ids else set()
        stored += len(fill(missing))
    return stored


def check(units=None, since: dt.date | None = None) -> list[str]:
    """Return one line per valid tally that differs from its records (none: the tallies are right)."""
    from motcua.units.models import Unit

    ids = _unit_ids(Unit.objects.all() if units is None else units)
    months = past_months(since)
    if not ids or not months:
        return []
    valid = _valid_pairs(ids, months)
    stored = Tally.objects.filter(unit_id__in=ids, month__gte=months[0], month__lte=months[-1])
    counted = count_months(ids, months)
    problems = []
    for tally in stored:
        if (tally.unit_id, tally.month) not in valid:
            continue
        for name in EVENTS:
            if getattr(tally, name) != counted[(tally.unit_id, tally.month)][name]:
                problems.append(f"đơn vị {tally.unit_id}, tháng {tally.month:%m/%Y}: {name} lưu "
                                f"{getattr(tally, name)}, đếm lại {counted[(tally.unit_id, tally.month)][name]}")
    return problems
