"""The registers as data: which model, its URL slug, title, columns and how a period selects its rows.

Pages, XLSX import/export and actions are generic over these specs, so that
the fourteen registers behave alike: one spec a register.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Model, Q, QuerySet

from motcua.lib.periods import Period
from motcua.reform import models as m
from motcua.reform.figures import STAFF_BASELINE_YEAR


@dataclass(frozen=True)
class Register:
    slug: str
    title: str
    model: type[Model]
    # Form fields, XLSX columns and history fields, in this order.
    fields: tuple[str, ...]
    # Columns of the list page (the XLSX export has every field).
    columns: tuple[str, ...]
    # How a period selects rows: a date field within the period, or a year field equal to the period's year.
    date_field: str = ""
    year_field: str = ""
    # A foreign key to another register, written in XLSX by that record's natural key.
    parent: dict[str, tuple[type[Model], str]] = field(default_factory=dict)
    # The indicator rows this register feeds, as shown on the index.
    rows: str = ""

    @property
    def key(self) -> str:
        return self.model._meta.model_name

    def label(self, name: str) -> str:
        """Return a field's Vietnamese label, capitalised as a column header."""
        text = str(self.model._meta.get_field(name).verbose_name)
        return text[:1].upper() + text[1:]

    def in_period(self, queryset: QuerySet, period: Period) -> QuerySet:
        """Return the rows of `queryset` that belong to `period`."""
        if self.date_field:
            return queryset.filter(**{f"{self.date_field}__gte": period.start, f"{self.date_field}__lte": period.end})
        if self.year_field:
            return queryset.filter(Q(**{self.year_field: period.year}))
        return queryset


REGISTERS: tuple[Register, ...] = (
    Register(
        "ke-hoach", "Kế hoạch CCHC năm", m.ReformPlan,
        ("year", "decision_number", "decision_date"),
        ("year", "decision_number", "decision_date"), year_field="year", rows="1.1",
    ),
    Register(
        "nhiem-vu", "Nhiệm vụ CCHC (kế hoạch và cấp trên giao)", m.ReformTask,
        ("kind", "year", "title", "assigned_on", "assigned_by", "deadline", "owner", "status", "completed_on"),
        ("kind", "title", "deadline", "owner", "status", "completed_on"), year_field="year",
        rows="1.1.1, 1.1.2, 1.3.1–1.3.3",
    ),
    Register(
        "van-ban-chi-dao", "Văn bản chỉ đạo CCHC", m.DirectiveDocument,
        ("number", "issued_on", "summary"), ("number", "issued_on", "summary"), date_field="issued_on", rows="1.1.3",
    ),
    Register(
        "kiem-tra", "Cuộc kiểm tra (CCHC, kỷ luật kỷ cương)", m.Inspection,
        ("kind", "reference", "department", "inspected_on", "notes"),
        ("kind", "reference", "department", "inspected_on"), date_field="inspected_on", rows="1.2.1, 5.4.2",
    ),
    Register(
        "van-de-kiem-tra", "Vấn đề phát hiện qua kiểm tra", m.InspectionIssue,
        ("inspection", "description", "resolved_on"), ("inspection", "description", "resolved_on"),
        date_field="inspection__inspected_on", parent={"inspection": (m.Inspection, "reference")}, rows="1.2.2, 1.2.3",
    ),
    Register(
        "ke-hoach-tu-kiem-tra", "Kế hoạch tự kiểm tra kỷ luật, kỷ cương", m.SelfInspectionPlan,
        ("year", "number", "issued_on", "department_count"), ("year", "number", "issued_on", "department_count"),
        year_field="year", rows="5.4.1, 5.4.2",
    ),
    Register(
        "ky-luat", "Xử lý kỷ luật cán bộ, công chức", m.DisciplineCase,
        ("person_name", "position_kind", "decided_on", "form", "by_party"),
        ("person_name", "position_kind", "decided_on", "form", "by_party"), date_field="decided_on",
        rows="5.4, 5.4.5, 5.4.6",
    ),
    Register(
        "dot-khao-sat", "Đợt khảo sát sự hài lòng", m.SurveyCampaign,
        ("title", "starts_on", "ends_on"), ("title", "starts_on", "ends_on"), date_field="starts_on", rows="1.4.1, 1.4.2",
    ),
    Register(
        "phieu-khao-sat", "Phiếu khảo sát thu được", m.SurveyCollection,
        ("campaign", "collected_on", "channel", "responses", "satisfied"),
        ("campaign", "collected_on", "channel", "responses", "satisfied"), date_field="collected_on",
        parent={"campaign": (m.SurveyCampaign, "title")}, rows="1.4.1, 1.4.2",
    ),
    Register(
        "hoat-dong", "Đối thoại, tuyên truyền CCHC", m.Activity,
        ("kind", "held_on", "title", "participants"), ("kind", "held_on", "title", "participants"),
        date_field="held_on", rows="1.5",
    ),
    Register(
        "vbqppl", "Văn bản quy phạm pháp luật", m.LegalDocument,
        ("number", "title", "issued_on", "checked_on", "reviewed_on", "recommended_on", "recommendation", "handled_on"),
        ("number", "title", "issued_on", "checked_on", "reviewed_on", "recommended_on", "handled_on"),
        rows="2.1–2.5",
    ),
    Register(
        "can-bo", "Cán bộ, công chức", m.StaffMember,
        ("full_name", "kind", "position", "qualification", "political_theory", "started_on", "ended_on", "end_reason"),
        ("full_name", "kind", "position", "qualification", "started_on", "ended_on", "end_reason"),
        rows="4.1.2–4.1.4",
    ),
    Register(
        "bien-che", "Biên chế được giao", m.StaffQuota,
        ("year", "quota", "decision"), ("year", "quota", "decision"), rows="4.1.1, 4.1.4",
    ),
    Register(
        "van-ban-di", "Sổ văn bản đi", m.OutgoingDocument,
        ("number_symbol", "issued_on", "summary", "recipients", "to_state_agency", "delivery"),
        ("number_symbol", "issued_on", "recipients", "to_state_agency", "delivery"), date_field="issued_on",
        rows="7.2.3, 7.2.3.a, 7.2.3.b",
    ),
)
BY_SLUG: dict[str, Register] = {r.slug: r for r in REGISTERS}
BY_KEY: dict[str, Register] = {r.key: r for r in REGISTERS}


def register_of(record: Model) -> Register:
    """Return the spec of a record's register."""
    return BY_KEY[record._meta.model_name]


def in_period_legal(queryset: QuerySet, period: Period) -> QuerySet:
    """Return legal documents with any of their dates in `period`."""
    q = Q()
    for name in ("issued_on", "checked_on", "reviewed_on", "recommended_on", "handled_on"):
        q |= Q(**{f"{name}__gte": period.start, f"{name}__lte": period.end})
    return queryset.filter(q)


def rows_in_period(register: Register, queryset: QuerySet, period: Period) -> QuerySet:
    """Return the rows of a register that belong to `period` (what its list shows for the period)."""
    if register.model is m.LegalDocument:
        return in_period_legal(queryset, period)
    if register.model is m.StaffMember:
        # Staff in post at some time during the period.
        return queryset.filter(Q(started_on__lte=period.end), Q(ended_on__isnull=True) | Q(ended_on__gte=period.start))
    if register.model is m.StaffQuota:
        return queryset.filter(year__in=[STAFF_BASELINE_YEAR, period.year])
    return register.in_period(queryset, period)
