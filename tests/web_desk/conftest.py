"""Fixtures of the officer's pages: two communes with hand-placed dossiers, seen at a fixed instant."""

import datetime as dt
from types import SimpleNamespace

import pytest

from motcua.accounts.models import Role
from motcua.catalog.models import Field
from motcua.dossiers.models import Dossier, Status, Supplement
from tests.desk.conftest import make_procedure, vn
from tests.factories import make_tree, make_user

# Wednesday 11/03/2026 10:00 in Việt Nam: "today" of every time-dependent test here.
NOW = vn(2026, 3, 11, 10, 0)


@pytest.fixture
def frozen_now(monkeypatch):
    """Make timezone.now() return NOW for the views and queries under test."""
    monkeypatch.setattr("django.utils.timezone.now", lambda: NOW.astimezone(dt.timezone.utc))
    return NOW


def put(unit, code, received, due, *, procedure, status=Status.RECEIVED, applicant="", channel="counter", **extra):
    """Create a dossier row as it would stand after its actions, with hand-chosen times."""
    return Dossier.objects.create(
        code=code,
        unit=unit,
        procedure=procedure,
        channel=channel,
        received_at=received,
        due_at=due,
        status=status,
        applicant_kind="citizen",
        applicant_name=applicant,
        applicant_id_number="038090001234",
        **extra,
    )


@pytest.fixture
def world(db, frozen_now):
    province, district, commune_a, commune_b, other_province, other_commune = make_tree()
    birth = make_procedure("1.001193")  # "Thủ tục đăng ký khai sinh", field ho-tich
    copy_field = Field.objects.create(code="chung-thuc", name="Chứng thực")
    copies = make_procedure("2.000815", steps=False)
    copies.name, copies.field = "Chứng thực bản sao từ bản chính", copy_field
    copies.save()
    officer = make_user("motcua", commune_a, Role.DESK_OFFICER, first_name="Lan", last_name="Lê Thị")
    specialist = make_user("tuphap", commune_a, Role.SPECIALIST, first_name="Hùng", last_name="Trần Văn")
    leader = make_user("chutich", commune_a, Role.LEADER)
    officer_b = make_user("motcua_b", commune_b, Role.DESK_OFFICER)
    oversight = make_user("huyen", district, Role.OVERSIGHT)
    a = "H56.20.03-"
    # Received Mon 02/03, due Thu 05/03: open and overdue.
    a1 = put(commune_a, a + "260302-0001", vn(2026, 3, 2, 8), vn(2026, 3, 5, 8), procedure=birth, applicant="Nguyễn Văn An")
    # Due today 16:00, with the specialist, sent by post.
    a2 = put(
        commune_a, a + "260310-0001", vn(2026, 3, 10, 9), vn(2026, 3, 11, 16), procedure=copies,
        status=Status.ASSIGNED, applicant="Trần Thị Bình", channel="postal", assignee=specialist,
    )
    # Received today, due Friday: neither today nor within one working day.
    a3 = put(
        commune_a, a + "260311-0001", vn(2026, 3, 11, 8), vn(2026, 3, 13, 8), procedure=birth,
        status=Status.PROCESSING, applicant="Lê Văn Đức", channel="online_full", assignee=specialist,
    )
    # Due Mon 09/03 but waiting for papers asked for on 06/03: the clock stopped in time, not overdue.
    a4 = put(
        commune_a, a + "260305-0001", vn(2026, 3, 5, 8), vn(2026, 3, 9, 8), procedure=birth,
        status=Status.AWAITING_SUPPLEMENT, applicant="Phạm Thị Dung",
    )
    Supplement.objects.create(dossier=a4, requested_at=vn(2026, 3, 6, 9), reason="Thiếu giấy chứng sinh")
    # Returned on Fri 06/03 (within the last 7 days).
    a5 = put(
        commune_a, a + "260227-0001", vn(2026, 2, 27, 8), vn(2026, 3, 3, 8), procedure=copies,
        status=Status.RETURNED, applicant="Đặng Văn Em", resolved_at=vn(2026, 3, 2, 15), outcome="approved",
        returned_at=vn(2026, 3, 6, 9),
    )
    # Approved, result not yet handed back.
    a6 = put(
        commune_a, a + "260309-0001", vn(2026, 3, 9, 8), vn(2026, 3, 12, 8), procedure=birth,
        status=Status.APPROVED, applicant="Vũ Thị Giang", resolved_at=vn(2026, 3, 10, 15), outcome="approved",
    )
    # Commune B: an overdue dossier of an applicant with the same name as a1's.
    b1 = put(commune_b, "H56.20.04-260310-0001", vn(2026, 3, 10, 8), vn(2026, 3, 10, 16), procedure=birth, applicant="Nguyễn Văn An")
    return SimpleNamespace(
        province=province, district=district, unit=commune_a, unit_b=commune_b, other_commune=other_commune,
        birth=birth, copies=copies, officer=officer, specialist=specialist, leader=leader, officer_b=officer_b,
        oversight=oversight, a1=a1, a2=a2, a3=a3, a4=a4, a5=a5, a6=a6, b1=b1,
    )
