"""Mẫu 05 (Mẫu 07 from 1 Jul 2025), the register of dossiers: one row per dossier received in the period, local days."""

import datetime as dt
import io

import pytest
from openpyxl import load_workbook

from motcua.dossiers import actions as a
from motcua.forms import dossier_register_xlsx
from motcua.lib.periods import parse_period
from tests.forms.conftest import APPLICANT, full_history, receive, vn

pytestmark = pytest.mark.django_db


def rows(content: bytes) -> list[tuple]:
    """Return the data rows of the register: those whose first cell is a row number."""
    sheet = load_workbook(io.BytesIO(content)).active
    return [r for r in sheet.iter_rows(values_only=True) if isinstance(r[0], int)]


def cells(content: bytes) -> list:
    sheet = load_workbook(io.BytesIO(content)).active
    return [c for r in sheet.iter_rows(values_only=True) for c in r if c is not None]


def test_register_rows_for_a_quarter(desk):
    first = full_history(desk, vn(2023, 6, 5, 8, 0))
    second = receive(desk, vn(2023, 4, 3, 14, 0), applicant={**APPLICANT, "name": "Lê Văn C"})
    # 30/06 23:30 local is in Q2; 01/07 00:30 local (30/06 17:30 UTC) is in Q3.
    late_evening = receive(desk, vn(2023, 6, 30, 23, 30))
    next_quarter = receive(desk, dt.datetime(2023, 6, 30, 17, 30, tzinfo=dt.timezone.utc))
    receive(desk, vn(2023, 6, 6, 9, 0), actor=desk.officer_b, unit=desk.unit_b)

    content = dossier_register_xlsx(desk.unit, parse_period("2023-Q2"))
    data = rows(content)
    assert [r[1] for r in data] == [second.code, first.code, late_evening.code]
    assert next_quarter.code not in [r[1] for r in data]
    assert [r[0] for r in data] == [1, 2, 3]
    row = data[1]
    assert row[2] == "Thủ tục đăng ký khai sinh"
    assert row[3] == 1
    assert row[4] == "Nguyễn Văn A"
    assert row[5] == "0912345678"
    assert row[6] == "Xã Hoằng Lưu"
    # Local wall-clock times: received, due (moved by the supplement), sent on, decided, returned.
    assert row[7:12] == (
        dt.datetime(2023, 6, 5, 8, 0),
        dt.datetime(2023, 6, 8, 16, 0),
        dt.datetime(2023, 6, 5, 8, 30),
        dt.datetime(2023, 6, 9, 10, 0),
        dt.datetime(2023, 6, 9, 14, 0),
    )
    assert "Quá hạn" in row[13] and "Đã xin lỗi" in row[13]
    assert "Quá hạn" in data[0][13]  # still open long after its due time

    text = cells(content)
    assert "SỔ THEO DÕI HỒ SƠ" in text
    assert "Mẫu số 05" in text
    assert any("quý II năm 2023" in str(c) for c in text)
    assert any("Thông tư số 01/2018/TT-VPCP" in str(c) for c in text)
    assert "Tổng số: 3 hồ sơ." in text

    assert [r[1] for r in rows(dossier_register_xlsx(desk.unit, parse_period("2023-Q3")))] == [next_quarter.code]


def test_register_of_a_district_covers_its_communes_within_the_users_reach(desk):
    a_code = receive(desk, vn(2023, 6, 5, 9, 0)).code
    b_code = receive(desk, vn(2023, 6, 5, 9, 30), actor=desk.officer_b, unit=desk.unit_b).code
    period = parse_period("2023-06-01..2023-06-30")
    assert [r[1] for r in rows(dossier_register_xlsx(desk.district, period))] == [a_code, b_code]
    assert [r[1] for r in rows(dossier_register_xlsx(desk.district, period, user=desk.oversight))] == [a_code, b_code]
    # A commune officer asking for the district only gets his own commune's rows.
    assert [r[1] for r in rows(dossier_register_xlsx(desk.district, period, user=desk.officer))] == [a_code]


def test_register_under_the_2025_rules_is_mau_07(desk):
    d = receive(desk, vn(2025, 8, 4, 9, 0))
    a.do_withdraw_dossier(desk.officer, d, "Rút", at=vn(2025, 8, 4, 10, 0))
    content = dossier_register_xlsx(desk.unit, parse_period("2025-Q3"))
    text = cells(content)
    assert "Mẫu số 07" in text
    assert "TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG" in text
    assert rows(content)[0][13] == "Đã rút hồ sơ"


def test_empty_register(desk):
    content = dossier_register_xlsx(desk.unit, "2024")
    assert rows(content) == []
    assert "Tổng số: 0 hồ sơ." in cells(content)


def test_register_writes_user_data_as_text_and_survives_control_characters(desk):
    from motcua.dossiers.models import Dossier
    from tests.spreadsheet import formula_cells

    dossier = receive(desk, vn(2023, 6, 5, 8, 0))
    Dossier.objects.filter(pk=dossier.pk).update(
        applicant_name="=cmd|' /C calc'!A0", applicant_address="+84\x01 Lê Lợi", applicant_phone="@0912"
    )
    content = dossier_register_xlsx(desk.unit, parse_period("2023-Q2"))
    assert formula_cells(content) == []
    row = rows(content)[0]
    assert row[4] == "=cmd|' /C calc'!A0"
    assert row[5] == "+84 Lê Lợi, @0912"
