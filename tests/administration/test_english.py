"""The administration pages in English (cookie django_language=en); Vietnamese stays the default.

Names that are data (units, fields, procedures, people, declared days' reasons)
stay as entered; the pages' own words, the choice labels, the messages and the
history's labels follow the page's language.
"""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from motcua.administration.templatetags.admin_names import details_lines
from motcua.catalog.models import Field
from motcua.workdays.models import DeclaredDay
from tests.jobs.work import IMMEDIATE

PREVIEW = {"received_date": "2026-06-05", "received_time": "09:00", "value": "3", "duration_unit": "working_day"}


def english(user) -> Client:
    client = Client()
    client.force_login(user)
    client.cookies["django_language"] = "en"
    return client


def page(client, url, **params) -> str:
    response = client.get(url, params)
    assert response.status_code == 200, url
    return response.content.decode()


def check(html, english_texts, vietnamese_texts):
    for text in english_texts:
        assert text in html, text
    for text in vietnamese_texts:
        assert text not in html, text


def test_index_and_history_in_english(env):
    client = english(env.admin)
    client.post("/quan-tri/lich/khai-bao/", {"date": "2026-06-08", "kind": "day_off", "note": "Nghỉ bù", "province": env.province.pk, "confirm": "1"})
    html = page(client, "/quan-tri/")
    assert '<html lang="en">' in html
    check(
        html,
        ["Administration", "Overview", "Procedures", "Fields", "Working calendar", "Users", "Change history",
         "You manage: Tỉnh Thanh Hóa and 3 unit(s) below it.", "Procedure catalogue", "procedures applying in your units",
         "days off and make-up working days declared for", "active accounts", "Recent changes", "declared a day off",
         "08/06/2026 — Day off (in lieu or extra)", "<b>date</b>: 2026-06-08", "<b>reason</b>: Nghỉ bù",
         "See the full change history"],
        ["Tổng quan", "Phạm vi quản lý", "Danh mục thủ tục", "Thay đổi gần đây", "khai báo ngày nghỉ", "Lịch sử thay đổi",
         "Người thay đổi", "nghỉ thêm"],
    )
    html = page(client, "/quan-tri/lich-su/")
    check(html, ["Change history", "Time", "Changed by", "Action", "Item", "Details", "declared a day off"],
          ["Thời điểm", "Thao tác", "Chi tiết"])


def test_procedure_list_and_edit_in_english(env):
    client = english(env.admin)
    html = page(client, "/quan-tri/thu-tuc/")
    check(
        html,
        ["Administrative procedure catalogue", "Find a procedure", "All fields", "All levels", "Filter", "1 procedure(s).",
         "Search works without Vietnamese accents", "Procedure name", "Time limit", "3 working days", "Online", "Steps",
         "Commune, ward or township"],
        ["Danh mục thủ tục hành chính", "Tìm thủ tục", "Mọi lĩnh vực", "ngày làm việc", "Tên thủ tục", "Xã, phường, thị trấn"],
    )
    assert "Thủ tục đăng ký khai sinh" in html  # the procedure's own name
    html = page(client, f"/quan-tri/thu-tuc/{env.procedure.pk}/")
    check(
        html,
        ["Edit procedure", "level: commune, ward or township", "current committed time limit: <strong>3 working days</strong>",
         "Processing time limit", "Legal time limit", "Reduced time limit (committed)", "Not reduced", "calendar days",
         "same day", "Mechanism, online service and fees", "Not online", "Fully online (level 4)", "Fees and charges", "Applying units",
         "Dossier documents", "Kind of copy", "Certified copy", "Internal workflow", "One-stop desk officer", "Specialist",
         "Save procedure", "Change history of the procedure", "No changes yet."],
        ["Thời hạn giải quyết", "Không cắt giảm", "Không trực tuyến", "Cán bộ một cửa", "Lưu thủ tục", "Quy trình nội bộ",
         "Chưa có thay đổi nào"],
    )


def test_procedure_messages_in_english(env):
    client = english(env.admin)
    url = f"/quan-tri/thu-tuc/{env.procedure.pk}/"
    form = client.get(url).context["form"]
    steps = [{"step_id": s.pk, "position": s.position, "name": s.name, "role": s.role, "working_hours": s.working_hours}
             for s in env.procedure.steps.order_by("position")]
    data = {
        **{k: v for k, v in form.initial.items() if v not in (None, False) and k != "units"},
        "reduced_duration_value": "5", "reduced_duration_unit": "working_day",
        "steps-TOTAL_FORMS": str(len(steps)), "steps-INITIAL_FORMS": str(len(steps)),
        **{f"steps-{n}-{k}": v for n, s in enumerate(steps) for k, v in s.items()},
    }
    html = client.post(url, data).content.decode()
    assert "The reduced time limit (5 working days) may not be longer than the legal time limit (3 working days)." in html
    response = client.post(url, {**data, "reduced_duration_value": "", "reduced_duration_unit": ""}, follow=True)
    assert "Procedure 1.001193 saved. Dossiers already received keep the due date they were given." in response.content.decode()
    html = page(client, url)
    # The post ticked no unit: the procedure now applies at every unit.
    check(html, ["edited procedure", "<b>applying units</b>: 16003; 16004 → —"], ["sửa thủ tục", "đơn vị áp dụng"])


def test_fields_in_english(env):
    client = english(env.admin)
    html = page(client, "/quan-tri/linh-vuc/")
    check(html, ["Procedure fields", "Code", "Field name", "Separate report group", "Add a field", "Field code"],
          ["Lĩnh vực thủ tục", "Tên lĩnh vực", "Thêm lĩnh vực"])
    response = client.post("/quan-tri/linh-vuc/", {"code": "dat-dai", "name": "Đất đai", "kind": "land"}, follow=True)
    html = response.content.decode()
    check(html, ["Field Đất đai added.", "Land"], ["Đã thêm lĩnh vực"])
    html = client.post("/quan-tri/linh-vuc/", {"code": "dat dai", "name": "X"}).content.decode()
    assert "The code may contain only unaccented letters, digits, hyphens and underscores." in html
    html = page(client, f"/quan-tri/linh-vuc/{Field.objects.get(code='dat-dai').pk}/")
    check(html, ["Edit the field “Đất đai”", "Save"], ["Sửa lĩnh vực"])


def test_calendar_and_office_hours_in_english(env):
    client = english(env.admin)
    html = page(client, "/quan-tri/lich/", unit=env.commune_a.pk, month="2026-09", **PREVIEW)
    check(
        html,
        ["Working calendar", "Show month", "September 2026 — Xã Hoằng Lưu", "← Previous month", "Next month →", "Monday",
         "Sunday", "National Day", "weekend", "make-up working day", "Office hours of Xã Hoằng Lưu:", "(default)",
         "change office hours", "Try a due date", "Date received", "Time received", "Time limit", "Work out the due date",
         "A dossier received at 09:00 on Friday 05/06/2026 with a time limit of 3 working days is due at 09:00 on Wednesday 10/06/2026.",
         "Declare a day off / make-up working day", "Day off (in lieu or extra)", "Working day (make-up day)", "Applies to",
         "Declare", "Days off and make-up working days declared for 2026", "No day declared for 2026."],
        ["Tháng 9", "Thứ Hai", "Quốc khánh", "Thử tính hạn trả", "Hồ sơ nhận", "hẹn trả", "Khai báo", "Chưa khai báo"],
    )
    response = client.post("/quan-tri/lich/khai-bao/", {"date": "2026-06-10", "kind": "working_day", "province": env.province.pk})
    assert "A make-up working day must be a Saturday or a Sunday; 10/06/2026 is a Wednesday." in response.content.decode()
    form = {"date": "2026-06-08", "kind": "day_off", "note": "Nghỉ bù", "province": env.province.pk}
    html = client.post("/quan-tri/lich/khai-bao/", form).content.decode()
    check(html, ["This declaration moves the due times of 0 open dossiers", "Confirm the declaration"],
          ["Khai báo này dời hạn", "Xác nhận khai báo"])
    response = client.post("/quan-tri/lich/khai-bao/", {**form, "confirm": "1"}, follow=True)
    html = response.content.decode()
    check(html, ["Declared: day off (in lieu or extra) on 08/06/2026; due times of 0 open dossiers moved.", "Day off",
                 "Tỉnh Thanh Hóa", "Nghỉ bù"], ["Đã khai báo"])
    declared = DeclaredDay.objects.get()
    response = client.post(f"/quan-tri/lich/ngay/{declared.pk}/xoa/", follow=True)
    assert "Declared day 08/06/2026 removed; due times of 0 open dossiers moved." in response.content.decode()
    html = page(client, f"/quan-tri/lich/gio-lam-viec/{env.commune_a.pk}/")
    check(html, ["Office hours of Xã Hoằng Lưu", "This unit has no office hours of its own", "Morning from", "Afternoon until",
                 "A working day always counts as 8 working hours.", "Save office hours", "← Working calendar"],
          ["Sáng từ", "Lưu giờ làm việc"])
    times = {"morning_start": "07:30", "morning_end": "07:00", "afternoon_start": "13:00", "afternoon_end": "17:00"}
    html = client.post(f"/quan-tri/lich/gio-lam-viec/{env.commune_a.pk}/", times).content.decode()
    assert "The morning must end after it starts." in html


def test_users_in_english(env):
    client = english(env.admin)
    html = page(client, "/quan-tri/nguoi-dung/")
    check(html, ["Users", "Add a user", "Search by name or username", "All roles", "Username", "Full name", "Role", "Status",
                 "One-stop desk officer", "Oversight officer (district/province)", "Administrator", "Active"],
          ["Thêm người dùng", "Mọi vai trò", "Cán bộ một cửa", "Hoạt động"])
    html = page(client, "/quan-tri/nguoi-dung/them/")
    check(html, ["Add a user", "Family and middle names", "Given name", "Choose a unit", "Initial password",
                 "Repeat the password", "Create account"], ["Họ và tên đệm", "Mật khẩu ban đầu", "Tạo tài khoản"])
    bad = {"username": "a b", "last_name": "", "first_name": "Mai", "unit": env.commune_a.pk, "role": "desk_officer",
           "password": "mat-khau-dai-1", "password_again": "mat-khau-khac"}
    html = client.post("/quan-tri/nguoi-dung/them/", bad).content.decode()
    check(html, ["A username may contain only letters, digits and the characters @ . + - _.", "The two passwords do not match."], [])
    html = client.post("/quan-tri/nguoi-dung/them/", {**bad, "username": "mai", "password": "abc", "password_again": "abc"}).content.decode()
    assert "The password is too short: it needs at least" in html
    response = client.post("/quan-tri/nguoi-dung/them/", {**bad, "username": "mai", "password_again": "mat-khau-dai-1"}, follow=True)
    html = response.content.decode()
    check(html, ["Account mai created.", "Name, unit and role", "Reset password", "Deactivate / reactivate account",
                 "Deactivate account", "created user", "<b>role</b>: One-stop desk officer"],
          ["Đã tạo tài khoản", "Đặt lại mật khẩu", "Khóa tài khoản", "tạo người dùng"])
    target = response.context["target"]
    response = client.post(f"/quan-tri/nguoi-dung/{target.pk}/trang-thai/", {"active": "0"}, follow=True)
    check(response.content.decode(), ["Account mai deactivated.", "Deactivated", "Reactivate account"], ["Đã khóa"])
    html = page(client, f"/quan-tri/nguoi-dung/{env.admin.pk}/")
    assert "You cannot deactivate your own account." in html


def test_data_load_in_english(env, settings, tmp_path):
    settings.TASKS = IMMEDIATE
    settings.MEDIA_ROOT = tmp_path
    env.admin.is_superuser = True
    env.admin.save()
    client = english(env.admin)
    html = page(client, "/quan-tri/nap-du-lieu/")
    check(html, ["Data loads", "A JSON Lines file in the exchange format", "Kind of data", "Administrative units",
                 "Administrative procedures", "JSON Lines file (.jsonl)", "Load file"],
          ["Loại dữ liệu", "Đơn vị hành chính", "Nạp tệp"])
    html = client.post("/quan-tri/nap-du-lieu/", {"kind": "units", "file": SimpleUploadedFile("a.csv", b"x")}).content.decode()
    assert "Only JSON Lines files (.jsonl) are accepted." in html
    good = json.dumps({"code": "16005", "name": "Xã Hoằng Thắng", "level": "commune", "parent": "388"}, ensure_ascii=False)
    response = client.post("/quan-tri/nap-du-lieu/", {"kind": "units", "file": SimpleUploadedFile("u.jsonl", good.encode() + b"\n")},
                           follow=True)
    html = response.content.decode()
    check(html, ["Load result", "Load administrative units from u.jsonl", "Done", "1 lines loaded.",
                 "Loaded 1 new unit(s), 0 updated, 0 unchanged.", "File u.jsonl loaded", "Lines", "Created", "Updated",
                 "Unchanged", "← Load another file"],
          ["Nạp đơn vị hành chính", "Đã nạp", "Số dòng", "Thêm mới", "Không đổi"])
    response = client.post("/quan-tri/nap-du-lieu/", {"kind": "units", "file": SimpleUploadedFile("b.jsonl", b"{bad\n")}, follow=True)
    html = response.content.decode()
    check(html, ["Nothing loaded: file b.jsonl has errors", "Correct the lines below", "line 1: ",
                 "1 lines checked: errors found, nothing loaded.", "Nothing loaded: 1 line(s) with errors."],
          ["Không nạp dòng nào", "có lỗi, không nạp"])
    html = page(client, "/quan-tri/nap-du-lieu/")
    check(html, ["Recent loads", "Time", "Task", "Status", "Result", "Load administrative units from u.jsonl",
                 "Loaded 1 new unit(s), 0 updated, 0 unchanged."], ["Đã xong"])
    html = page(client, "/quan-tri/")
    check(html, ["loaded administrative units", "Load administrative units from u.jsonl #", "<b>file</b>: u.jsonl",
                 "<b>created</b>: 1"], ["nạp đơn vị hành chính"])


def test_history_details_in_english(settings):
    from django.utils import translation

    with translation.override("en"):
        assert details_lines({"steps": [[["Tiếp nhận", "desk_officer", "2.00"]],
                                        [["Tiếp nhận", "desk_officer", "2.00"], ["Thẩm định", "specialist", "1.50"]]]}) == [
            ("steps", "1 step(s) → 2 step(s): Tiếp nhận (2 h) / Thẩm định (1.5 h)")
        ]
        assert details_lines({"online": ["none", "full"], "legal_duration_unit": ["working_day", "calendar_day"]}) == [
            ("online", "Not online → Fully online (level 4)"),
            ("time limit unit", "working days → calendar days"),
        ]


def test_vietnamese_stays_the_default(env):
    client = Client()
    client.force_login(env.admin)
    html = client.get("/quan-tri/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert '<html lang="vi">' in html
    check(html, ["Tổng quan", "Phạm vi quản lý: Tỉnh Thanh Hóa và 3 đơn vị trực thuộc.", "Danh mục thủ tục", "Thay đổi gần đây"],
          ["Overview", "You manage", "Recent changes"])
    html = client.get("/quan-tri/lich/", {"unit": env.commune_a.pk, "month": "2026-09", **PREVIEW}).content.decode()
    check(html, ["Tháng 9 năm 2026 — Xã Hoằng Lưu", "Thứ Hai", "Quốc khánh",
                 "Hồ sơ nhận 09:00 Thứ Sáu ngày 05/06/2026 với thời hạn 3 ngày làm việc hẹn trả 09:00 Thứ Tư ngày 10/06/2026."],
          ["September", "Monday", "National Day"])
    html = client.get(f"/quan-tri/thu-tuc/{env.procedure.pk}/").content.decode()
    check(html, ["thời hạn cam kết hiện nay: <strong>3 ngày làm việc</strong>", "cấp xã, phường, thị trấn", "Cán bộ một cửa"],
          ["working days", "One-stop desk officer"])


@pytest.mark.parametrize("value, unit, vietnamese, english_text", [
    (1, "working_day", "1 ngày làm việc", "1 working day"),
    (4, "working_hour", "4 giờ làm việc", "4 working hours"),
    (10, "calendar_day", "10 ngày", "10 days"),
    (None, "same_day", "trong ngày", "same day"),
])
def test_durations_in_both_languages(value, unit, vietnamese, english_text):
    from django.utils import translation

    from motcua.administration.procedures import describe_duration

    assert describe_duration(value, unit) == vietnamese
    with translation.override("en"):
        assert describe_duration(value, unit) == english_text
