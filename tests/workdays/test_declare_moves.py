"""Declaring or removing a day moves the open dossiers crossing it, by exactly its working time (exchange.md).

Hand-worked on the default hours (07:00–11:30, 13:30–17:00: 8 h a day), in
March 2027 (no public holiday; Hùng Kings' day is 16/04/2027). The dossiers are
received in the future, so their remaining time runs from their receipt.
"""

import datetime as dt
import io

import pytest
from django.core.management import CommandError, call_command

from motcua.accounts.models import Role
from motcua.dossiers.models import Dossier, DossierEvent, Outcome, Status
from motcua.workdays.models import DeclaredDay
from tests.desk.conftest import make_procedure, vn
from tests.factories import make_tree, make_user

pytestmark = pytest.mark.django_db(transaction=False)


@pytest.fixture
def fx(db):
    province, district, commune, commune_b, other_province, other_commune = make_tree()
    procedure = make_procedure()

    def dossier(code, unit, received, due, legal=None, **extra):
        return Dossier.objects.create(
            code=code, unit=unit, procedure=procedure, channel="counter", received_at=received, due_at=due,
            legal_due_at=legal, status=extra.pop("status", Status.PROCESSING), **extra,
        )

    return {
        "province": province,
        "other_province": other_province,
        "admin": make_user("quantri_tinh", province, Role.ADMINISTRATOR),
        # Mon 08/03 09:00, 3 days → Thu 11/03 09:00; legal 4 days → Fri 12/03 09:00.
        "open": dossier("A", commune, vn(2027, 3, 8, 9, 0), vn(2027, 3, 11, 9, 0), vn(2027, 3, 12, 9, 0)),
        # Same, in the other commune of the province, no legal due time kept (older record).
        "open_b": dossier("B", commune_b, vn(2027, 3, 8, 9, 0), vn(2027, 3, 11, 9, 0)),
        # Due Tue 09/03 17:00: its time does not reach Wed 10/03.
        "before": dossier("C", commune, vn(2027, 3, 8, 9, 0), vn(2027, 3, 9, 17, 0), vn(2027, 3, 9, 17, 0)),
        # Received after the day.
        "after": dossier("D", commune, vn(2027, 3, 11, 9, 0), vn(2027, 3, 16, 9, 0), vn(2027, 3, 16, 9, 0)),
        "resolved": dossier(
            "E", commune, vn(2027, 3, 8, 9, 0), vn(2027, 3, 11, 9, 0), vn(2027, 3, 12, 9, 0),
            status=Status.APPROVED, resolved_at=vn(2027, 3, 9, 10, 0), outcome=Outcome.APPROVED,
        ),
        "withdrawn": dossier(
            "F", commune, vn(2027, 3, 8, 9, 0), vn(2027, 3, 11, 9, 0), vn(2027, 3, 12, 9, 0),
            status=Status.WITHDRAWN, resolved_at=vn(2027, 3, 9, 10, 0), outcome=Outcome.WITHDRAWN,
        ),
        "other_province_open": dossier("G", other_commune, vn(2027, 3, 8, 9, 0), vn(2027, 3, 11, 9, 0)),
    }


def run(*args) -> str:
    out = io.StringIO()
    call_command("calendar", *args, stdout=out)
    return out.getvalue().strip()


def dues(code):
    d = Dossier.objects.get(code=code)
    return d.due_at, d.legal_due_at, d.version


def test_declare_day_off_moves_crossing_open_dossiers_by_one_working_day(fx):
    unchanged = {code: dues(code) for code in "CDEFG"}
    assert run("declare", "--province", "38", "--date", "2027-03-10", "--kind", "off", "--reason", "Nghỉ thêm") == "2 open dossiers moved"
    # Wed 10/03 off: Thu 11/03 09:00 → Fri 12/03 09:00; Fri 12/03 09:00 → Mon 15/03 09:00.
    assert dues("A") == (vn(2027, 3, 12, 9, 0), vn(2027, 3, 15, 9, 0), 2)
    assert dues("B") == (vn(2027, 3, 12, 9, 0), None, 2)
    assert {code: dues(code) for code in "CDEFG"} == unchanged
    events = DossierEvent.objects.filter(verb="calendar_change")
    assert sorted(e.dossier.code for e in events) == ["A", "B"]
    event = events.get(dossier__code="A")
    assert event.from_status == event.to_status == "processing"
    assert event.actor is None
    assert event.data["before"] == {"due_at": "2027-03-11T09:00:00+07:00", "legal_due_at": "2027-03-12T09:00:00+07:00"}
    assert event.data["after"] == {"due_at": "2027-03-12T09:00:00+07:00", "legal_due_at": "2027-03-15T09:00:00+07:00"}
    assert "10/03/2027" in event.reason


def test_undeclare_moves_them_back(fx):
    run("declare", "--province", "38", "--date", "2027-03-10", "--kind", "off")
    assert run("undeclare", "--province", "38", "--date", "2027-03-10") == "2 open dossiers moved"
    assert dues("A") == (vn(2027, 3, 11, 9, 0), vn(2027, 3, 12, 9, 0), 3)
    assert not DeclaredDay.objects.exists()
    assert DossierEvent.objects.filter(verb="calendar_change", dossier__code="A").count() == 2


def test_make_up_saturday_brings_due_times_earlier(fx):
    # Received Fri 12/03 09:00 due Mon 15/03 09:00: 6 h on Friday + 2 h on Monday.
    # Sat 13/03 worked: 6 h Friday + 2 h Saturday → Sat 13/03 09:00.
    Dossier.objects.filter(code="D").update(received_at=vn(2027, 3, 12, 9, 0), due_at=vn(2027, 3, 15, 9, 0), legal_due_at=None)
    assert run("declare", "--province", "38", "--date", "2027-03-13", "--kind", "workday") == "1 open dossiers moved"
    assert dues("D")[0] == vn(2027, 3, 13, 9, 0)


def test_nothing_moves_when_no_open_dossier_crosses_the_day(fx):
    assert run("declare", "--province", "40", "--date", "2027-03-22", "--kind", "off") == "0 open dossiers moved"
    assert not DossierEvent.objects.exists()


def test_bad_input_is_named_and_changes_nothing(fx):
    with pytest.raises(CommandError, match="không phải mã tỉnh"):
        run("declare", "--province", "16003", "--date", "2027-03-10", "--kind", "off")
    with pytest.raises(CommandError, match="không hợp lệ"):
        run("declare", "--province", "38", "--date", "10/03/2027", "--kind", "off")
    with pytest.raises(CommandError, match="chưa khai báo ngày 10/03/2027"):
        run("undeclare", "--province", "38", "--date", "2027-03-10")
    with pytest.raises(CommandError, match="vốn đã là ngày nghỉ"):
        run("declare", "--province", "38", "--date", "2027-03-14", "--kind", "off")
    assert not DeclaredDay.objects.exists() and not DossierEvent.objects.exists()


def test_page_counts_before_saving_then_saves(client, fx):
    client.force_login(fx["admin"])
    form = {"date": "2027-03-10", "kind": "day_off", "note": "", "province": fx["province"].pk, "back": ""}
    response = client.post("/quan-tri/lich/khai-bao/", form)
    assert response.status_code == 200
    assert response.context["declare_preview"] == 2
    assert "Khai báo này dời hạn của 2 hồ sơ đang giải quyết" in response.content.decode()
    assert not DeclaredDay.objects.exists() and not DossierEvent.objects.exists()
    assert dues("A")[0] == vn(2027, 3, 11, 9, 0)
    response = client.post("/quan-tri/lich/khai-bao/", {**form, "confirm": "1"})
    assert response.status_code == 302
    assert dues("A")[:2] == (vn(2027, 3, 12, 9, 0), vn(2027, 3, 15, 9, 0))
    event = DossierEvent.objects.get(verb="calendar_change", dossier__code="A")
    assert event.actor == fx["admin"]
    declared = DeclaredDay.objects.get()
    response = client.post(f"/quan-tri/lich/ngay/{declared.pk}/xoa/", {"back": ""})
    assert dues("A")[:2] == (vn(2027, 3, 11, 9, 0), vn(2027, 3, 12, 9, 0))
