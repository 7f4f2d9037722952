"""The worklist: every filter against hand-placed dossiers, scoping, errors next to the field, htmx partial."""

import re

import pytest

pytestmark = pytest.mark.django_db

URL = "/can-bo/ho-so/"


def codes(client, user, query=""):
    """Return the dossier codes the worklist shows `user` for a query string, in table order."""
    client.force_login(user)
    response = client.get(URL + ("?" + query if query else ""))
    assert response.status_code == 200
    return re.findall(r'<tr data-code="([^"]+)"', response.content.decode())


def short(*dossiers):
    return [d.code for d in dossiers]


def test_unfiltered_list_is_the_units_dossiers_newest_first(client, world):
    w = world
    assert codes(client, w.officer) == short(w.a3, w.a2, w.a6, w.a4, w.a1, w.a5)


def test_officer_of_commune_b_sees_only_b(client, world):
    assert codes(client, world.officer_b) == short(world.b1)


def test_search_by_name_ignores_diacritics_and_stays_in_scope(client, world):
    # "Nguyễn Văn An" also applies in commune B (b1): never shown to A's officer.
    assert codes(client, world.officer, "q=nguyen+van+an") == short(world.a1)
    # "dang" is "Đặng" folded, not "Đức" nor "Dung".
    assert codes(client, world.officer, "q=dang") == short(world.a5)


def test_search_by_part_of_the_code(client, world):
    assert codes(client, world.officer, "q=260310") == short(world.a2)


def test_status_filter_takes_several_values(client, world):
    assert codes(client, world.officer, "status=assigned&status=processing") == short(world.a3, world.a2)


def test_procedure_and_field_filters(client, world):
    assert codes(client, world.officer, "procedure=2.000815") == short(world.a2, world.a5)
    assert codes(client, world.officer, "field=chung-thuc") == short(world.a2, world.a5)
    assert codes(client, world.officer, "field=ho-tich&channel=online_full") == short(world.a3)


def test_channel_filter(client, world):
    assert codes(client, world.officer, "channel=postal") == short(world.a2)


def test_assignee_filter(client, world):
    assert codes(client, world.specialist, "assignee=me") == short(world.a3, world.a2)
    assert codes(client, world.officer, "assignee=me") == []
    assert codes(client, world.officer, "assignee=none") == short(world.a6, world.a4, world.a1, world.a5)


def test_received_between_two_days_in_either_date_format(client, world):
    # 05/03 00:00 to the end of 10/03, local days.
    assert codes(client, world.officer, "received_from=05/03/2026&received_to=10/03/2026") == short(world.a2, world.a6, world.a4)
    assert codes(client, world.officer, "received_from=2026-03-10") == short(world.a3, world.a2)


def test_dates_out_of_order_are_refused_next_to_the_field(client, world):
    client.force_login(world.officer)
    response = client.get(URL + "?received_from=10/03/2026&received_to=05/03/2026")
    html = response.content.decode()
    error = re.search(r'<small class="field-error" id="err-received_to">([^<]*)</small>', html).group(1)
    assert "phải sau hoặc bằng ngày «từ»" in error
    assert 'aria-invalid="true"' in html
    # The bad pair filters nothing: the list stays the unit's.
    assert len(re.findall(r"<tr data-code=", html)) == 6


def test_malformed_date_is_refused_next_to_the_field(client, world):
    client.force_login(world.officer)
    html = client.get(URL + "?received_from=31/02/2026").content.decode()
    assert re.search(r'id="err-received_from">Ngày không hợp lệ', html)


def test_due_filters(client, world, frozen_now):
    # At Wed 11/03 10:00: a1 is past due; a4's clock stopped before its due time.
    assert codes(client, world.officer, "due=overdue") == short(world.a1)
    # a2 is due at 16:00 today.
    assert codes(client, world.officer, "due=today") == short(world.a2)
    # One working day ahead is Thu 12/03 10:00: a2 only (a3 is due Fri, a6 is decided).
    assert codes(client, world.officer, "due=soon") == short(world.a2)


def test_sort_by_due_time(client, world):
    w = world
    assert codes(client, w.officer, "sort=due_at") == short(w.a5, w.a1, w.a4, w.a2, w.a6, w.a3)


def test_oversight_picks_one_unit_below(client, world):
    assert codes(client, world.oversight, "unit=16004") == short(world.b1)
    assert set(codes(client, world.oversight)) == set(short(world.a1, world.a2, world.a3, world.a4, world.a5, world.a6, world.b1))


def test_another_units_code_shows_no_row_and_says_why(client, world):
    client.force_login(world.officer)
    for other in ("16004", "38", "17001", "nonexistent"):
        html = client.get(URL + "?unit=" + other).content.decode()
        assert re.findall(r"<tr data-code=", html) == [], other
        assert "không thuộc phạm vi của bạn" in html


def test_htmx_request_gets_the_table_only(client, world):
    client.force_login(world.officer)
    response = client.get(URL + "?due=overdue", headers={"HX-Request": "true"})
    html = response.content.decode()
    assert "<html" not in html
    assert re.findall(r'<tr data-code="([^"]+)"', html) == short(world.a1)
    # Filter errors are swapped next to their fields, out of band.
    assert 'id="err-received_to" hx-swap-oob="true"' in html


def test_rows_show_remaining_time_and_late_badge(client, world):
    client.force_login(world.officer)
    html = client.get(URL + "?sort=due_at").content.decode()
    row_a1 = re.search(r'<tr data-code="%s">(.*?)</tr>' % re.escape(world.a1.code), html, re.S).group(1)
    # Working periods 07:00–11:30 and 13:30–17:00 (8 h a day). Due Thu 05/03 08:00, now Wed 11/03 10:00:
    # 05/03 08:00→11:30 and 13:30→17:00 (7 h), Fri 06/03 (8 h), Mon–Tue 09–10/03 (16 h), 11/03 07:00→10:00 (3 h)
    # = 34 working hours = 4 days 2 hours.
    assert "quá hạn 4 ngày 2 giờ" in row_a1, row_a1
    assert "badge-late" in row_a1
    row_a2 = re.search(r'<tr data-code="%s">(.*?)</tr>' % re.escape(world.a2.code), html, re.S).group(1)
    # Due 16:00 today: 10:00→11:30 and 13:30→16:00 = 4 h.
    assert "còn 4 giờ" in row_a2 and "badge-late" not in row_a2
    assert f'href="/can-bo/ho-so/{world.a2.code}/"' in row_a2
    assert "Trần Văn Hùng" in row_a2  # Vietnamese order: family name first


def test_fifty_rows_a_page(client, world):
    from tests.web_desk.conftest import put
    from tests.desk.conftest import vn

    for n in range(1, 50):
        put(world.unit, f"H56.20.03-260211-{n:04d}", vn(2026, 2, 11, 8), vn(2026, 2, 12, 8), procedure=world.birth,
            status="returned", applicant="Khách", resolved_at=vn(2026, 2, 11, 9), returned_at=vn(2026, 2, 11, 10))
    # 6 + 49 = 55 dossiers: 50 on page 1, 5 on page 2 (the oldest, 27/02's a5 is newer than 11/02's).
    page1 = codes(client, world.officer)
    page2 = codes(client, world.officer, "page=2")
    assert len(page1) == 50 and len(page2) == 5
    assert not set(page1) & set(page2)
    assert page2 == [f"H56.20.03-260211-{n:04d}" for n in (45, 46, 47, 48, 49)]


def test_signed_out_user_goes_to_login(client, world):
    response = client.get(URL)
    assert response.status_code == 302 and "/dang-nhap/" in response["Location"]


def test_export_of_the_current_filter_as_xlsx(client, world):
    import io

    from openpyxl import load_workbook

    client.force_login(world.officer)
    html = client.get(URL + "?procedure=2.000815&q=").content.decode()
    # The link carries the filters in use, not the empty ones.
    assert 'href="/can-bo/ho-so/xuat.xlsx?procedure=2.000815"' in html
    response = client.get("/can-bo/ho-so/xuat.xlsx?procedure=2.000815")
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    sheet = load_workbook(io.BytesIO(response.content)).active
    values = list(sheet.iter_rows(values_only=True))
    assert values[0][:4] == ("Mã hồ sơ", "Đơn vị", "Người nộp", "Thủ tục")
    assert [(r[0], r[2], r[9]) for r in values[1:]] == [
        (world.a2.code, "Trần Thị Bình", "Đã phân công"),
        (world.a5.code, "Đặng Văn Em", "Đã trả kết quả"),
    ]
    # Received 10/03 09:00 local, written as the local wall-clock time.
    assert values[1][6].strftime("%d/%m/%Y %H:%M") == "10/03/2026 09:00"


def test_export_never_holds_another_units_rows(client, world):
    import io

    from openpyxl import load_workbook

    client.force_login(world.officer)
    response = client.get("/can-bo/ho-so/xuat.xlsx?unit=16004")
    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    assert len(rows) == 1  # the header only


def test_status_badges(world):
    from django.template.loader import render_to_string

    from motcua.dossiers.models import Supplement
    from tests.desk.conftest import vn

    def badge(d):
        return render_to_string("desk/_status_badge.html", {"dossier": d}).strip()

    assert badge(world.a1) == '<span class="badge badge-late" data-status="received">Mới tiếp nhận · quá hạn</span>'
    assert badge(world.a2) == '<span class="badge" data-status="assigned">Đã phân công</span>'
    assert badge(world.a4) == '<span class="badge badge-warn" data-status="awaiting_supplement">Chờ bổ sung hồ sơ</span>'
    assert badge(world.a6) == '<span class="badge badge-ok" data-status="approved">Đã giải quyết</span>'
    # Returned on 06/03 but decided on 02/03, before its due time 03/03: on time.
    assert badge(world.a5) == '<span class="badge badge-ok" data-status="returned">Đã trả kết quả</span>'
    world.a5.resolved_at = vn(2026, 3, 4, 9)
    assert badge(world.a5) == '<span class="badge badge-late" data-status="returned">Đã trả kết quả · trễ hạn</span>'
    # Papers asked for after the due time: the dossier was already late when the clock stopped.
    world.a4.open_supplement_since = vn(2026, 3, 10, 9)
    assert "· quá hạn" in badge(world.a4)


def test_export_writes_a_hostile_name_as_text_not_a_formula(client, world):
    import io

    from openpyxl import load_workbook

    from tests.spreadsheet import formula_cells

    hostile = '=HYPERLINK("http://evil.example","Bấm vào đây")'
    from motcua.dossiers.models import Dossier

    Dossier.objects.filter(pk=world.a2.pk).update(applicant_name=hostile)
    client.force_login(world.officer)
    response = client.get("/can-bo/ho-so/xuat.xlsx?procedure=2.000815")
    assert response.status_code == 200
    assert formula_cells(response.content) == []
    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    assert [r[2] for r in rows[1:]] == [hostile, "Đặng Văn Em"]


def test_export_survives_a_control_character_stored_before_the_input_rule(client, world):
    import io

    from openpyxl import load_workbook

    # Put straight into the table, as rows saved before inputs were cleaned are.
    from motcua.dossiers.models import Dossier

    Dossier.objects.filter(pk=world.a2.pk).update(applicant_name="Trần\x01 Thị\u202e Bình")
    client.force_login(world.officer)
    response = client.get("/can-bo/ho-so/xuat.xlsx?procedure=2.000815")
    assert response.status_code == 200
    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    assert rows[1][2] == "Trần Thị Bình"
