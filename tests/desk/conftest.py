"""Fixtures of the desk tests: a commune with its staff and a birth-registration procedure with three steps."""

import datetime as dt
from types import SimpleNamespace
from zoneinfo import ZoneInfo

import pytest

from motcua.accounts.models import Role
from motcua.catalog.models import Field, Procedure, ProcedureStep
from motcua.dossiers.actions import do_receive_dossier
from motcua.dossiers.models import Apology, CounterRefusal, DailySequence, Dossier, DossierEvent, Handover, Rating, Supplement
from tests.factories import level, make_tree, make_user

VN = ZoneInfo("Asia/Ho_Chi_Minh")
APPLICANT = {"kind": "citizen", "name": "Nguyễn Văn A", "id_number": "038090001234", "phone": "0912345678"}
BACKDATED = "Nhập lại hồ sơ tiếp nhận trên giấy"
COMPONENTS = [
    {"name": "Tờ khai đăng ký khai sinh", "form": "original"},
    {"name": "Giấy chứng sinh", "form": "original"},
    {"name": "Căn cước công dân của người đi đăng ký", "form": "copy", "quantity": 1},
]


def vn(*args) -> dt.datetime:
    """Return an aware local (UTC+7) datetime: vn(2023, 6, 5, 8, 0)."""
    return dt.datetime(*args, tzinfo=VN)


def make_procedure(code="1.001193", value=3, unit="working_day", steps=True, **extra) -> Procedure:
    field, _ = Field.objects.get_or_create(code="ho-tich", defaults={"name": "Hộ tịch"})
    procedure = Procedure.objects.create(
        code=code,
        name="Thủ tục đăng ký khai sinh",
        field=field,
        level=level("commune"),
        legal_duration_value=value,
        legal_duration_unit=unit,
        **extra,
    )
    if steps:
        # 2 + 12 + 4 = 18 working hours of internal steps within the 3 working days.
        for position, name, role, hours in [
            (1, "Tiếp nhận, chuyển hồ sơ", Role.DESK_OFFICER, 2),
            (2, "Thẩm định, dự thảo kết quả", Role.SPECIALIST, 12),
            (3, "Ký duyệt kết quả", Role.LEADER, 4),
        ]:
            ProcedureStep.objects.create(procedure=procedure, position=position, name=name, role=role, working_hours=hours)
    return procedure


@pytest.fixture
def desk(db):
    province, district, commune, commune_b, other_province, other_commune = make_tree()
    return SimpleNamespace(
        province=province,
        district=district,
        unit=commune,
        unit_b=commune_b,
        other_commune=other_commune,
        procedure=make_procedure(),
        officer=make_user("motcua", commune, Role.DESK_OFFICER, first_name="Lan", last_name="Lê Thị"),
        specialist=make_user("tuphap", commune, Role.SPECIALIST, first_name="Hùng", last_name="Trần Văn"),
        specialist2=make_user("diachinh", commune, Role.SPECIALIST),
        leader=make_user("chutich", commune, Role.LEADER),
        officer_b=make_user("motcua_b", commune_b, Role.DESK_OFFICER),
        specialist_b=make_user("tuphap_b", commune_b, Role.SPECIALIST),
        leader_other=make_user("chutich_na", other_commune, Role.LEADER),
        oversight=make_user("huyen", district, Role.OVERSIGHT),
    )


def receive(desk, at, procedure=None, **overrides) -> Dossier:
    """Receive a dossier at desk.unit's counter at `at`."""
    args = dict(
        actor=desk.officer,
        unit=desk.unit,
        procedure=procedure or desk.procedure,
        channel="counter",
        received_at=at,
        applicant=dict(APPLICANT),
        components=list(COMPONENTS),
        result_delivery="counter",
        # The fixtures receive in 2023: a backdated receipt needs its reason.
        reason=BACKDATED,
    )
    args.update(overrides)
    return do_receive_dossier(**args)


def state(dossier=None) -> dict:
    """Return everything an action may write, to compare before and after a refused action."""
    out = {
        "events": list(DossierEvent.objects.values_list("id", flat=True)),
        "supplements": list(Supplement.objects.values()),
        "apologies": list(Apology.objects.values()),
        "handovers": list(Handover.objects.values()),
        "ratings": list(Rating.objects.values()),
        "refusals": list(CounterRefusal.objects.values()),
        "sequences": list(DailySequence.objects.values()),
        "dossiers": sorted(Dossier.objects.values_list("code", flat=True)),
    }
    if dossier is not None:
        # values() includes the non-editable fields (status, version) model_to_dict leaves out.
        out["dossier"] = Dossier.objects.filter(pk=dossier.pk).values().get()
    return out
