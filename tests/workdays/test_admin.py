"""The admin pages for declared days and office hours."""

import datetime as dt

import pytest

from motcua.workdays.models import DayKind, DeclaredDay, WorkSchedule

pytestmark = pytest.mark.django_db


def test_declared_days_changelist_with_filters(admin_client, units):
    DeclaredDay.objects.create(date=dt.date(2024, 3, 18), kind=DayKind.DAY_OFF, note="Nghỉ thêm")
    DeclaredDay.objects.create(province=units["province"], date=dt.date(2023, 3, 18), kind=DayKind.WORKING_DAY)
    response = admin_client.get("/admin/workdays/declaredday/")
    assert response.status_code == 200
    page = response.content.decode()
    assert "Toàn quốc" in page and "Thứ Hai" in page and "Tỉnh Thanh Hóa" in page

    response = admin_client.get("/admin/workdays/declaredday/", {"nam": "2024", "kind__exact": "day_off", "q": "thêm"})
    assert response.status_code == 200
    assert list(response.context["cl"].result_list.values_list("date", flat=True)) == [dt.date(2024, 3, 18)]


def test_declared_day_form_offers_only_provinces(admin_client, units):
    response = admin_client.get("/admin/workdays/declaredday/add/")
    assert response.status_code == 200
    choices = list(response.context["adminform"].form.fields["province"].queryset)
    assert set(choices) == {units["province"], units["other_province"]}


def test_work_schedule_changelist(admin_client, units):
    WorkSchedule.objects.create(unit=units["district"], morning_start=dt.time(7, 30), afternoon_start=dt.time(13, 0))
    response = admin_client.get("/admin/workdays/workschedule/", {"q": "388"})
    assert response.status_code == 200
    assert "07:30–11:30" in response.content.decode()


def test_add_declared_day_through_the_admin(admin_client, units):
    response = admin_client.post(
        "/admin/workdays/declaredday/add/",
        {"date": "2024-03-16", "kind": "working_day", "province": units["province"].pk, "note": "Làm bù"},
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    assert DeclaredDay.objects.get().date == dt.date(2024, 3, 16)
