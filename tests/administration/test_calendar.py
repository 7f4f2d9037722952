"""Calendar pages: declared days with their checks, the month view, office hours and the due-time preview."""

import datetime as dt

from motcua.administration.models import ChangeRecord
from motcua.workdays.models import DayKind, DeclaredDay, WorkSchedule
from tests.administration.conftest import errors_of

# Friday 5 June 2026, 09:00, three working days (no holiday nearby).
PREVIEW = {"received_date": "2026-06-05", "received_time": "09:00", "value": "3", "duration_unit": "working_day"}


def declare(client, env, day, kind="day_off", note="", province=None, back="", confirm="1"):
    """Post the declaration form; confirm="" is the first click, which only counts the dossiers that would move."""
    province = env.province if province is None else province
    return client.post(
        "/quan-tri/lich/khai-bao/",
        {"date": day, "kind": kind, "note": note, "province": province.pk if province else "", "back": back, "confirm": confirm},
    )


def declare_errors(response, field):
    return response.context["declare_form"].errors.get(field, [])


def test_preview_moves_by_one_working_day_after_a_monday_off(as_admin, env):
    query = {"unit": env.commune_a.pk, "month": "2026-06", **PREVIEW}
    response = as_admin.get("/quan-tri/lich/", query)
    # Friday 09:00 → 6 h left that day; Monday 8 h, Tuesday 8 h, 2 h on Wednesday → Wednesday 09:00.
    assert response.context["preview"] == (
        "Hồ sơ nhận 09:00 Thứ Sáu ngày 05/06/2026 với thời hạn 3 ngày làm việc hẹn trả 09:00 Thứ Tư ngày 10/06/2026."
    )
    back = "&".join(f"{k}={v}" for k, v in query.items())
    response = declare(as_admin, env, "2026-06-08", note="Nghỉ bù", back=back)
    assert response.status_code == 302
    assert response["Location"].startswith("/quan-tri/lich/?unit=")
    response = as_admin.get(response["Location"])
    # Monday off: Tuesday 8 h, Wednesday 8 h, 2 h on Thursday → Thursday 09:00.
    assert response.context["preview"] == (
        "Hồ sơ nhận 09:00 Thứ Sáu ngày 05/06/2026 với thời hạn 3 ngày làm việc hẹn trả 09:00 Thứ Năm ngày 11/06/2026."
    )
    monday = next(d for week in response.context["weeks"] for d in week if d.day == dt.date(2026, 6, 8))
    assert not monday.working and monday.name == "Nghỉ bù"
    record = ChangeRecord.objects.get()
    assert (record.actor, record.unit, record.action) == (env.admin, env.province, "khai báo ngày nghỉ")


def test_month_view_names_public_holidays(as_admin, env):
    response = as_admin.get("/quan-tri/lich/", {"unit": env.commune_a.pk, "month": "2026-09"})
    days = {d.day: d for week in response.context["weeks"] for d in week}
    assert not days[dt.date(2026, 9, 2)].working
    assert days[dt.date(2026, 9, 2)].name == "Quốc khánh"
    assert days[dt.date(2026, 9, 3)].working
    assert not days[dt.date(2026, 9, 5)].working  # a Saturday
    body = response.content.decode()
    assert 'data-date="2026-09-02" data-working="0"' in body
    assert "Quốc khánh" in body


def test_make_up_day_on_a_weekday_is_refused(as_admin, env):
    response = declare(as_admin, env, "2026-06-10", kind="working_day")
    assert response.status_code == 200
    assert declare_errors(response, "date") == ["Ngày làm bù phải là Thứ Bảy hoặc Chủ Nhật; 10/06/2026 là Thứ Tư."]
    assert not DeclaredDay.objects.exists() and not ChangeRecord.objects.exists()


def test_day_off_on_a_public_holiday_is_refused(as_admin, env):
    response = declare(as_admin, env, "2026-09-02")
    assert declare_errors(response, "date") == ["Ngày 02/09/2026 đã là ngày nghỉ lễ: Quốc khánh."]
    response = declare(as_admin, env, "2026-06-07")
    assert declare_errors(response, "date") == ["Ngày 07/06/2026 (Chủ Nhật) vốn đã là ngày nghỉ."]
    assert not DeclaredDay.objects.exists()


def test_make_up_saturday_is_worked_and_declared_once(as_admin, env):
    assert declare(as_admin, env, "2026-06-13", kind="working_day", note="Làm bù cho 08/06").status_code == 302
    response = as_admin.get("/quan-tri/lich/", {"unit": env.commune_b.pk, "month": "2026-06"})
    saturday = next(d for week in response.context["weeks"] for d in week if d.day == dt.date(2026, 6, 13))
    assert saturday.working and saturday.css == "day-makeup"
    response = declare(as_admin, env, "2026-06-13")
    assert declare_errors(response, "date") == ["Ngày 13/06/2026 đã được khai báo (ngày làm việc (làm bù))."]
    assert DeclaredDay.objects.count() == 1


def test_district_administrator_cannot_declare_province_days(client, env):
    client.force_login(env.district_admin)
    page = client.get("/quan-tri/lich/")
    assert not page.context["may_declare"]
    response = declare(client, env, "2026-06-08")
    assert declare_errors(response, "province") == ["Bạn không quản lý tỉnh này."]
    assert not DeclaredDay.objects.exists()


def test_forged_province_of_another_tree_is_refused(as_admin, env):
    response = declare(as_admin, env, "2026-06-08", province=env.other_province)
    assert declare_errors(response, "province") == ["Bạn không quản lý tỉnh này."]
    # An empty province means nationwide: superusers only.
    response = as_admin.post("/quan-tri/lich/khai-bao/", {"date": "2026-06-08", "kind": "day_off", "province": ""})
    assert declare_errors(response, "province")
    assert not DeclaredDay.objects.exists()


def test_removing_a_declared_day(as_admin, client, env):
    declared = DeclaredDay.objects.create(province=env.province, date=dt.date(2026, 6, 8), kind=DayKind.DAY_OFF)
    other = DeclaredDay.objects.create(province=env.other_province, date=dt.date(2026, 6, 8), kind=DayKind.DAY_OFF)
    assert as_admin.post(f"/quan-tri/lich/ngay/{other.pk}/xoa/").status_code == 404
    assert as_admin.get(f"/quan-tri/lich/ngay/{declared.pk}/xoa/").status_code == 405
    assert as_admin.post(f"/quan-tri/lich/ngay/{declared.pk}/xoa/").status_code == 302
    assert list(DeclaredDay.objects.all()) == [other]
    assert ChangeRecord.objects.get().action == "xóa ngày khai báo"


def test_month_of_another_subtree_unit_is_refused(client, env):
    client.force_login(env.district_admin)
    response = client.get("/quan-tri/lich/", {"unit": env.province.pk, "month": "2026-06"})
    assert response.context["month_form"].errors["unit"] == ["Đơn vị không thuộc phạm vi quản lý của bạn."]
    assert response.context["weeks"] == []


def test_work_schedule_periods_must_be_in_order(as_admin, env):
    url = f"/quan-tri/lich/gio-lam-viec/{env.commune_a.pk}/"
    times = {"morning_start": "07:30", "morning_end": "11:30", "afternoon_start": "11:00", "afternoon_end": "17:00"}
    response = as_admin.post(url, times)
    assert errors_of(response, "afternoon_start") == ["Buổi chiều phải bắt đầu sau khi buổi sáng kết thúc."]
    assert not WorkSchedule.objects.exists()
    response = as_admin.post(url, {**times, "afternoon_start": "25:00"})
    assert errors_of(response, "afternoon_start")
    assert not WorkSchedule.objects.exists()
    assert as_admin.post(url, {**times, "afternoon_start": "13:00"}).status_code == 302
    schedule = WorkSchedule.objects.get(unit=env.commune_a)
    assert schedule.periods == ((dt.time(7, 30), dt.time(11, 30)), (dt.time(13, 0), dt.time(17, 0)))
    # The preview now starts counting the commune's day at 07:30: Friday 09:00 still gives Wednesday 09:00 (8-hour days).
    response = as_admin.get("/quan-tri/lich/", {"unit": env.commune_a.pk, "month": "2026-06", **PREVIEW})
    assert "hẹn trả 09:00 Thứ Tư ngày 10/06/2026" in response.context["preview"]


def test_work_schedule_of_another_subtree_is_404(client, env):
    client.force_login(env.district_admin)
    assert client.get(f"/quan-tri/lich/gio-lam-viec/{env.province.pk}/").status_code == 404
    assert client.get(f"/quan-tri/lich/gio-lam-viec/{env.other_commune.pk}/").status_code == 404


def test_preview_needs_a_duration(as_admin, env):
    response = as_admin.get("/quan-tri/lich/", {"unit": env.commune_a.pk, **PREVIEW, "value": ""})
    assert response.context["preview_form"].errors["value"] == ["Nhập thời hạn (từ 1 đến 365)."]
    assert response.context["preview"] is None
