"""One set of figure definitions: which dossiers, ratings and apologies a figure of a unit over a period counts.

Every surface that states a figure — the report (motcua.reports.compute), its
per-field statistics, the dashboards and drill-downs, the public statistics
page and API, the QĐ 766 index — takes its conditions from here, so the same
unit and period give the same number everywhere.

Covered units: the unit, every unit below it, and the units it replaced in a
merger with theirs (`covered_units`, the units' own rule).

Periods are local (Asia/Ho_Chi_Minh) days: P = [start 00:00, end + 1 day
00:00) in local time, whatever offset a time was stored with.

Dossier figures over P (rules.md, indicators.md 3.3.x):
- received: received in P;
- decided: a decision made in P — approved, or refused with reasons; a
  withdrawal is no decision;
- early: decided before the local due day; on time: decided on the due day,
  not after the due time; late: decided after the due time
  (motcua.dossiers.timeliness.classify in SQL). Early + on time = 3.3.2, "in
  time"; an apology does not make a late dossier on time;
- withdrawn: withdrawn, or stopped at the citizen's request (Mẫu 05), in P:
  both end the handling without a decision;
- carried over: received before P and not resolved before it;
- open at the end of P: received before its end and not resolved by then,
  within its due time or past it at the end of P;
- online: received on a partial or full online channel;
- synced (QĐ 766 index 1.4): received in P and delivered to the national
  portal — at least one of its outbox messages was delivered (motcua.nationalportal);
- owing a fee (QĐ 766 index 3.6): of a procedure with a fee line above 0 đ,
  not quoted 0 đ nor exempted; paid online: a payment on the national portal
  or the province's gateway (motcua.payments) made before the end of P.
Ratings: given in P with a known channel (as 1.4.1 counts them); satisfied =
very satisfied or satisfied. Apologies: issued in P.

Conditions are Q objects for aggregate filters (Count("pk", filter=…)), so a
surface asks for all its figures in one query.

The additive figures — received, decided (in time, early, on time, late, by
channel, field kind, publication), withdrawn, rated, apologised — are declared
once in EVENTS as (anchor instant, condition); InPeriod builds their Q objects
from it, and motcua.tallies keeps their counts per unit and local month, so
that the headline figures here and the report's rows read whole past months
from those tallies and count only the rest on the records.
"""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass

from django.db.models import BooleanField, Count, DateTimeField, Exists, F, Func, OuterRef, Q, QuerySet
from django.db.models.functions import TruncDate
from django.db.models.lookups import GreaterThanOrEqual, LessThan

from motcua.catalog.models import FieldKind, Procedure
from motcua.dossiers.models import Apology, Channel, Dossier, Outcome, Rating, RatingChannel, RatingValue
from motcua.dossiers.queries import day_start
from motcua.dossiers.timeliness import LOCAL_TZ
from motcua.lib.numbers import percent
from motcua.lib.periods import Period
from motcua.payments.models import DossierFee, Method, Payment
from motcua.units.models import Unit, subtree_with_predecessors

DECISIONS = (Outcome.APPROVED, Outcome.REFUSED)
# Ends of handling that are no decision: counted as withdrawals everywhere.
ENDED_WITHOUT_DECISION = (Outcome.WITHDRAWN, Outcome.STOPPED)
ONLINE_CHANNELS = (Channel.ONLINE_PARTIAL, Channel.ONLINE_FULL)
IN_PERSON_CHANNELS = (Channel.COUNTER, Channel.POSTAL)
# A rating counts only with a known channel, so that 1.4.2 is never undetermined.
RATING_CHANNELS = (RatingChannel.ONLINE, RatingChannel.PAPER, RatingChannel.KIOSK)
SURVEY_FORM_CHANNELS = (RatingChannel.PAPER, RatingChannel.KIOSK)


def covered_units(unit: Unit) -> QuerySet:
    """Return the units whose records a figure of `unit` counts: its subtree and its merged predecessors'."""
    return subtree_with_predecessors(unit)


def local_bounds(period: Period) -> tuple[dt.datetime, dt.datetime]:
    """Return the aware local instants [start 00:00, end + 1 day 00:00) of a period."""
    return day_start(period.start), day_start(period.end + dt.timedelta(days=1))


class LocalDate(TruncDate):
    """The local (LOCAL_TZ) calendar day of a stored instant, as TruncDate(…, tzinfo=LOCAL_TZ).

    On SQLite, Django's TruncDate calls a Python function for every row (0.25 s
    for a commune's quarter of 13,000 decisions, two days per row); SQLite's own
    date() shifted by the zone's offset gives the same day natively, as long as
    the zone has kept one offset (Việt Nam: +07:00 since 1975).
    """

    def __init__(self, expression, **extra):
        super().__init__(expression, tzinfo=LOCAL_TZ, **extra)

    def as_sqlite(self, compiler, connection, **extra_context):
        minutes = fixed_offset_minutes(LOCAL_TZ)
        if minutes is None:
            return self.as_sql(compiler, connection, **extra_context)
        sql, params = compiler.compile(self.lhs)
        return f"date({sql}, %s)", (*params, f"{minutes:+d} minutes")


@functools.cache
def fixed_offset_minutes(zone) -> int | None:
    """Return the zone's UTC offset in minutes when it was the same from 1976 to 2100, else None."""
    offsets = {
        zone.utcoffset(dt.datetime(year, month, 1))
        for year in range(1976, 2101)
        for month in (1, 4, 7, 10)
    }
    if len(offsets) != 1:
        return None
    return int(offsets.pop().total_seconds() // 60)


# ------------------------------------------------------------ conditions on one dossier, whatever the period

IS_DECISION = Q(outcome__in=DECISIONS)
IS_ONLINE = Q(channel__in=ONLINE_CHANNELS)
IS_IN_PERSON = Q(channel__in=IN_PERSON_CHANNELS)
# Resolved not after the due time in force: early or on time (3.3.2).
IN_TIME = Q(resolved_at__lte=F("due_at"))
LATE = Q(resolved_at__gt=F("due_at"))
# Resolved before the local due day (which implies in time).
BEFORE_DUE_DAY = Q(LessThan(LocalDate("resolved_at"), LocalDate("due_at")))
ON_DUE_DAY_OR_AFTER = Q(GreaterThanOrEqual(LocalDate("resolved_at"), LocalDate("due_at")))
# Reached the national portal: one of its messages was delivered. The delivery stores the time of the first one
# on the dossier (motcua.nationalportal.delivery.record), so the index reads a column, not the outbox.
SYNCED = Q(portal_synced_at__isnull=False)


# ------------------------------------------------------------ the additive figures, declared once

@dataclass(frozen=True)
class Event:
    """A figure that counts events: the records of `model` whose instant `anchor` falls in P and meet `condition`.

    Its count over P is the sum of its counts over any split of P into
    disjoint sub-periods, so a period's count can be read as whole local
    months kept by motcua.tallies plus its partial-month edges counted here.
    """

    model: type
    anchor: str
    condition: Q

    def within(self, start: dt.datetime, end: dt.datetime) -> Q:
        """The condition of a record counted over [start, end): its anchor in it, and the figure's own condition."""
        return Q(**{f"{self.anchor}__gte": start, f"{self.anchor}__lt": end}) & self.condition

    @property
    def unit_field(self) -> str:
        """The path from a record of `model` to the unit it counts for (the dossier's unit)."""
        return "unit_id" if self.model is Dossier else "dossier__unit_id"


def _procedures_of_kind(kind: str) -> Q:
    # `procedure_id IN (procedures of that kind)`, a small hashed subquery, rather than joining every
    # dossier row to its procedure and field (about 30 % of a province-year's dossier query).
    return Q(procedure_id__in=Procedure.objects.filter(field__kind=kind).values("pk"))


def _dossier_events() -> dict[str, Event]:
    received = {"received": Q(), "received_online": IS_ONLINE, "received_in_person": IS_IN_PERSON}
    received |= {f"received_{channel}": Q(channel=channel) for channel in Channel.values}
    decided = {
        "decided": IS_DECISION,
        "in_time": IS_DECISION & IN_TIME,
        "early": IS_DECISION & BEFORE_DUE_DAY,
        "on_time": IS_DECISION & IN_TIME & ON_DUE_DAY_OR_AFTER,
        "late": IS_DECISION & LATE,
        "withdrawn": Q(outcome__in=ENDED_WITHOUT_DECISION),
        "in_time_land": IS_DECISION & IN_TIME & _procedures_of_kind(FieldKind.LAND),
        "in_time_construction": IS_DECISION & IN_TIME & _procedures_of_kind(FieldKind.CONSTRUCTION),
        "decided_portal": IS_DECISION & Q(published_portal=True),
        "decided_website": IS_DECISION & Q(published_website=True),
    }
    decided |= {f"in_time_{channel}": IS_DECISION & IN_TIME & Q(channel=channel) for channel in Channel.values}
    return {name: Event(Dossier, "received_at", q) for name, q in received.items()} | {
        name: Event(Dossier, "resolved_at", q) for name, q in decided.items()
    }


# A rating counts only with a known channel (RATING_CHANNELS).
_RATED = Q(channel__in=RATING_CHANNELS)
# Every additive figure: received in P (by channel), decided in P (in time, early, on time, late; by channel,
# by field kind, published), withdrawn, ratings given in P (by value and channel), apologies issued in P.
EVENTS: dict[str, Event] = _dossier_events() | {
    "rated": Event(Rating, "at", _RATED),
    "rated_very_satisfied": Event(Rating, "at", _RATED & Q(value=RatingValue.VERY_SATISFIED)),
    "rated_satisfied": Event(Rating, "at", _RATED & Q(value=RatingValue.SATISFIED)),
    "rated_unsatisfied": Event(Rating, "at", _RATED & Q(value=RatingValue.UNSATISFIED)),
    "rated_online": Event(Rating, "at", Q(channel=RatingChannel.ONLINE)),
    "rated_forms": Event(Rating, "at", Q(channel__in=SURVEY_FORM_CHANNELS)),
    "apologised": Event(Apology, "issued_at", Q()),
}


class InPeriod:
    """The conditions of every figure over one period, as Q objects on Dossier (ratings and apologies apart).

    Every EVENTS name is an attribute (p.received, p.in_time, p.rated, …); the
    figures that are no event count (carried over, open at the end) follow.
    """

    def __init__(self, period: Period):
        self.period = period
        self.start, self.end = start, end = local_bounds(period)
        for name, event in EVENTS.items():
            setattr(self, name, event.within(start, end))
        self.received_synced = self.received & SYNCED
        not_resolved_before = Q(resolved_at__isnull=True) | Q(resolved_at__gte=start)
        self.carried_over = Q(received_at__lt=start) & not_resolved_before
        # Every dossier handled during P: received before its end, not resolved before its start.
        self.handled = Q(received_at__lt=end) & not_resolved_before
        self.open_at_end = Q(received_at__lt=end) & (Q(resolved_at__isnull=True) | Q(resolved_at__gte=end))
        self.open_within = self.open_at_end & Q(due_at__gte=end)
        self.open_past_due = self.open_at_end & Q(due_at__lt=end)


def dossiers_of(unit: Unit) -> QuerySet:
    """Return the dossiers of the units `unit`'s figures cover."""
    return Dossier.objects.filter(unit__in=covered_units(unit))


def ratings_of(unit: Unit) -> QuerySet:
    return Rating.objects.filter(dossier__unit__in=covered_units(unit))


def apologies_of(unit: Unit) -> QuerySet:
    return Apology.objects.filter(dossier__unit__in=covered_units(unit))


def counts(rows: QuerySet, conditions: dict[str, Q]) -> dict[str, int]:
    """Return {name: how many of `rows` meet the condition}, in one aggregate query."""
    return rows.aggregate(**{name: Count("pk", filter=condition) for name, condition in conditions.items()})


# ------------------------------------------------------------ the headline figures (public page, API, dashboard)


@dataclass(frozen=True)
class Headline:
    """The figures the public statistics page and API state for a unit and period."""

    received: int = 0
    online_received: int = 0
    resolved: int = 0
    resolved_early: int = 0
    resolved_on_time: int = 0
    resolved_late: int = 0
    ratings: int = 0
    satisfied: int = 0

    @property
    def resolved_in_time(self) -> int:
        """Early or on time: appendix 3.3.2."""
        return self.resolved_early + self.resolved_on_time

    @property
    def on_time_percent(self) -> float | None:
        return percent(self.resolved_in_time, self.resolved)

    @property
    def online_percent(self) -> float | None:
        return percent(self.online_received, self.received)

    @property
    def satisfied_percent(self) -> float | None:
        return percent(self.satisfied, self.ratings)

    def __add__(self, other: "Headline") -> "Headline":
        return Headline(*(a + b for a, b in zip(self._values(), other._values())))

    def _values(self) -> tuple[int, ...]:
        return tuple(getattr(self, name) for name in self.__dataclass_fields__)


# {Headline field: EVENTS figure}
_HEADLINE_EVENTS = {
    "received": "received",
    "online_received": "received_online",
    "resolved": "decided",
    "resolved_early": "early",
    "resolved_on_time": "on_time",
    "resolved_late": "late",
}


@dataclass(frozen=True)
class RatingCounts:
    """The ratings given in P, by value and by channel."""

    very_satisfied: int = 0
    satisfied: int = 0
    unsatisfied: int = 0
    online: int = 0
    forms: int = 0

    @property
    def total(self) -> int:
        return self.very_satisfied + self.satisfied + self.unsatisfied

    @property
    def satisfied_total(self) -> int:
        """Very satisfied or satisfied."""
        return self.very_satisfied + self.satisfied


# {RatingCounts field: EVENTS figure}
_RATING_EVENTS = {name: f"rated_{name}" for name in RatingCounts.__dataclass_fields__}


def _tallied(units, period: Period, names, by_unit: bool = False):
    # The monthly tallies cache these very EVENTS (motcua.tallies imports this module).
    from motcua.tallies import tally

    return (tally.totals_by_unit if by_unit else tally.totals)(units, period, names)


def _figures(values: dict[str, int], ratings: RatingCounts | None = None) -> Headline:
    ratings = ratings or RatingCounts(**{field: values[name] for field, name in _RATING_EVENTS.items()})
    return Headline(**{field: values[name] for field, name in _HEADLINE_EVENTS.items()},
                    ratings=ratings.total, satisfied=ratings.satisfied_total)


def rating_counts(unit: Unit, period: Period) -> RatingCounts:
    """Return the ratings of `unit`'s covered units given in `period`."""
    values = _tallied(covered_units(unit), period, _RATING_EVENTS.values())
    return RatingCounts(**{field: values[name] for field, name in _RATING_EVENTS.items()})


def headline(unit: Unit, period: Period, ratings: RatingCounts | None = None) -> Headline:
    """Return the headline figures of `unit` over `period` (its ratings too, unless given)."""
    names = [*_HEADLINE_EVENTS.values(), *([] if ratings else _RATING_EVENTS.values())]
    return _figures(_tallied(covered_units(unit), period, names), ratings)


def headline_by_unit(units: QuerySet | list[int], period: Period) -> dict[int, Headline]:
    """Return {unit id: its own records' headline figures} for `units` (units or their ids)."""
    names = [*_HEADLINE_EVENTS.values(), *_RATING_EVENTS.values()]
    return {unit_id: _figures(values) for unit_id, values in _tallied(units, period, names, by_unit=True).items()}


# ------------------------------------------------------------ the QĐ 766 service index (index766.md)

class FeeBearing(Func):
    """True when one of a procedure's fee lines (Procedure.fees, motcua.payments.fees) has a non-zero amount."""

    output_field = BooleanField()

    def __init__(self):
        super().__init__(F("fees"))

    def as_postgresql(self, compiler, connection, **extra_context):
        sql, params = compiler.compile(self.source_expressions[0])
        return f"jsonb_path_exists(COALESCE({sql}, '[]'::jsonb), %s::jsonpath)", (*params, "$[*] ? (@.amount > 0)")

    def as_sql(self, compiler, connection, **extra_context):
        sql, params = compiler.compile(self.source_expressions[0])
        return f"EXISTS (SELECT 1 FROM json_each(COALESCE({sql}, '[]')) WHERE json_extract(value, '$.amount') > 0)", params


# 3.5, 3.5b, 3.6 (index766.md). On Procedure: a non-zero fee line; online payment offered.
PROCEDURE_WITH_FEE = Q(FeeBearing())
PAYABLE_ONLINE = Q(online_payment=True)
# On Payment: money paid on the national portal or through the province's payment gateway (refunds and
# exemptions are no payment).
PAID_ONLINE = Q(method__in=(Method.PORTAL, Method.PROVINCE_GATEWAY), amount__gt=0)
# On Dossier: of a procedure with a non-zero fee, less the dossiers that owe nothing — quoted 0 đ (every
# line exempt for the applicant's group) or exempted with a reason (our rule "fee_owed").
OWES_A_FEE = (
    Q(procedure__in=Procedure.objects.filter(PROCEDURE_WITH_FEE).values("pk"))
    & ~Q(pk__in=DossierFee.objects.filter(total=0).values("dossier"))
    & ~Q(pk__in=Payment.objects.filter(method=Method.EXEMPT).values("dossier"))
)

# Stored per dossier (Dossier.paper_*, generated from its papers by the database).
PAPER_DIGITIZED = Q(paper_digitized=True)
PAPER_REUSED = Q(paper_reused=True)
PAPER_FROM_DATA_STORE = Q(paper_from_data_store=True)
# Sets of procedures rather than joins: a year of a province probes a small hashed set per dossier.
PAPER_RESULT = Q(procedure__in=Procedure.objects.filter(paper_result=True).values("pk"))
# Stored per dossier with its result document (ResultDocument.dossier_facts).
ELECTRONIC_RESULT = Q(result_electronic=True)
RESULT_IN_DATA_STORE = Q(result_in_data_store=True)
VNEID_VERIFIED = Q(applicant_vneid_verified=True)
# Chứng thực: the field whose electronic results are e-certified copies (index766.md, our rule "e_copy").
CERTIFICATION_FIELD = Q(procedure__in=Procedure.objects.filter(field__code__startswith="chung_thuc").values("pk"))


class LocalMonthEnd(Func):
    """The first instant (local time) of the month after the one a stored instant falls in.

    The end of the month a dossier was received in, so that one grouped query
    gives every month of a trend its own period end (IndexPeriod.by_month).
    """

    output_field = DateTimeField()

    def as_postgresql(self, compiler, connection, **extra_context):
        zone = str(LOCAL_TZ)
        sql, params = compiler.compile(self.source_expressions[0])
        return (f"((date_trunc('month', ({sql}) AT TIME ZONE %s) + interval '1 month') AT TIME ZONE %s)",
                (*params, zone, zone))

    def as_sqlite(self, compiler, connection, **extra_context):
        minutes = fixed_offset_minutes(LOCAL_TZ)
        if minutes is None:
            raise NotImplementedError("LocalMonthEnd on SQLite needs a zone with one UTC offset")
        sql, params = compiler.compile(self.source_expressions[0])
        # Stored instants are UTC text 'YYYY-MM-DD HH:MM:SS[.ffffff]': datetime() writes the same shape.
        return (f"datetime({sql}, %s, 'start of month', '+1 month', %s)",
                (*params, f"{minutes:+d} minutes", f"{-minutes:+d} minutes"))


class IndexPeriod:
    """The dossier conditions of the QĐ 766 index over one period (index766.md), as Q objects on Dossier.

    2.1 on time: a dossier received in P is on time when its handling ended
    (decided, refused, stopped or withdrawn: `resolved_at`) before the end of P
    and not after its due time in force (supplement pauses are in it), or when
    it had not ended by the end of P (24:00 of P's last day) and its due time
    is not before that instant. A dossier whose only end is a supplement
    request (waiting for the citizen at the end of P) ends at that request
    (the earliest one still waiting, so: one waiting request made not after
    the due time); more than one supplement request makes it late.

    Supplements, complaints and "unsatisfied" ratings are read as sets of
    dossiers (`pk IN (…)`, not a subquery per dossier): PostgreSQL builds each
    set once and probes it per row. Only a request still waiting at E is
    compared with its own dossier's due time, per dossier, and only for the
    dossiers not ended by E (benchmarks/index766.py).

    3.6: a dossier owing a fee (OWES_A_FEE) is paid online when one of its
    online payments (PAID_ONLINE) was made before E.

    Papers, results and the portal are read from facts stored on the dossier
    (paper_*, result_*, portal_synced_at), procedures as small sets: a year of
    a province is one pass over its dossiers' own columns.

    `by_month=True` (a period of whole months): every dossier is judged at the
    end of the month it was received in, so that one query grouped by that
    month (`month_end`) gives each month the counts of its own IndexPeriod.
    """

    def __init__(self, period: Period, by_month: bool = False):
        from motcua.dossiers.models import Supplement
        from motcua.feedback.models import Feedback, Kind

        self.period = period
        self.start, self.end = start, end = local_bounds(period)
        self.received = Q(received_at__gte=start, received_at__lt=end)
        self.month_end = LocalMonthEnd("received_at")
        # Supplement requests and payments made before P's end (by month: before the end of the dossier's month).
        if by_month:
            end, related_end = self.month_end, LocalMonthEnd("dossier__received_at")
            span = Q(dossier__received_at__gte=start, dossier__received_at__lt=self.end)
        else:
            related_end, span = end, Q()
        requests = Supplement.objects.filter(span, requested_at__lt=related_end)
        repeated = requests.order_by().values("dossier").annotate(n=Count("pk")).filter(n__gt=1).values("dossier")
        waiting = requests.filter(Q(received_at__isnull=True) | Q(received_at__gte=related_end))
        # Asked per dossier, and only of those not ended by E: a set would join every request to its dossier.
        waiting_in_time = Exists(waiting.filter(dossier=OuterRef("pk"), requested_at__lte=OuterRef("due_at")))
        ended = Q(resolved_at__lt=end)
        not_ended = Q(resolved_at__isnull=True) | Q(resolved_at__gte=end)
        self.on_time = ~Q(pk__in=repeated) & (
            (ended & Q(resolved_at__lte=F("due_at")))
            | (not_ended & Q(waiting_in_time))
            | (not_ended & ~Q(pk__in=waiting.values("dossier")) & Q(due_at__gte=end))
        )
        self.late = ~self.on_time
        self.online = IS_ONLINE & (~PAPER_RESULT | ELECTRONIC_RESULT)
        self.digitized = PAPER_DIGITIZED & (~PAPER_RESULT | ELECTRONIC_RESULT)
        # 5.4: a complaint about the dossier, or an "unsatisfied" rating of it.
        complaints = Feedback.objects.filter(kind=Kind.COMPLAINT).values("dossier_code")
        unsatisfied = Rating.objects.filter(value=RatingValue.UNSATISFIED).values("dossier")
        self.complained = Q(code__in=complaints) | Q(pk__in=unsatisfied)
        # 3.6: owing a fee, and paid online by E.
        self.owes_fee = OWES_A_FEE
        self.paid_online = OWES_A_FEE & Q(pk__in=Payment.objects.filter(span, PAID_ONLINE, at__lt=related_end).values("dossier"))

# ------------------------------------------------------------ 1.4: the sync rate


@dataclass(frozen=True)
class SyncRate:
    """Dossiers received in P and those of them delivered to the national portal (QĐ 766 index 1.4)."""

    received: int = 0
    synced: int = 0

    @property
    def rate(self) -> float | None:
        """Synced / received, from 0 to 1; None when nothing was received (N/A)."""
        return self.synced / self.received if self.received else None


def sync_rate(unit: Unit, period: Period) -> SyncRate:
    """Return the sync rate of `unit`'s covered units over `period`, in one query."""
    p = InPeriod(period)
    return SyncRate(**counts(dossiers_of(unit).filter(p.received), {"received": p.received, "synced": p.received_synced}))
