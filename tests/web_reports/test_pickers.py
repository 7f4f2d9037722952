"""The unit and period pickers of the report page and dashboard: periods built right, bad ones refused by the field."""

import datetime as dt
import re

import pytest
from django.urls import reverse

from motcua.reports.web_forms import default_period, picker_data

REPORT = reverse("reports:report")


def _field_error(html: str, field: str) -> str:
    """Return the message printed under the picker's field, or ""."""
    m = re.search(rf'<div class="picker-field picker-{field}">(.*?)</div>', html, re.S)
    assert m, f"no picker field {field}"
    errors = re.findall(r'<small class="field-error"[^>]*>(.*?)</small>', m.group(1))
    return " ".join(errors)


def test_quarter_picker_shows_that_quarter(as_user, staff):
    response = as_user(staff.leader_a).get(REPORT, {"unit": "16003", "kind": "quy", "year": "2023", "quarter": "2"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "quý II năm 2023" in html
    assert "(từ 01/04/2023 đến 30/06/2023)" in html
    # No rule is breached, but the rows the unit enters are blank: a finding, not "no discrepancy".
    assert "Không phát hiện sai lệch" not in html
    assert "Thiếu số liệu" in html


@pytest.mark.parametrize(
    "kind, extra, title",
    [
        ("6-thang-dau", {}, "6 tháng đầu năm 2023"),
        ("6-thang-cuoi", {}, "6 tháng cuối năm 2023"),
        ("9-thang", {}, "9 tháng năm 2023"),
        ("nam", {}, "năm 2023"),
    ],
)
def test_other_period_kinds(as_user, staff, kind, extra, title):
    response = as_user(staff.leader_a).get(REPORT, {"unit": "16003", "kind": kind, "year": "2023", **extra})
    assert response.status_code == 200
    assert f"Xã Hoằng Lưu (16003) — {title}" in response.content.decode()


def test_custom_range_in_order_is_a_date_range_period(as_user, staff):
    response = as_user(staff.leader_a).get(
        REPORT, {"unit": "16003", "kind": "khoang", "start": "2023-04-01", "end": "2023-04-30"}
    )
    assert "từ ngày 01/04/2023 đến ngày 30/04/2023" in response.content.decode()


def test_reversed_range_is_refused_next_to_the_end_date(as_user, staff):
    response = as_user(staff.leader_a).get(
        REPORT, {"unit": "16003", "kind": "khoang", "start": "2023-06-30", "end": "2023-04-01"}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert _field_error(html, "end") == "Ngày kết thúc phải bằng hoặc sau ngày bắt đầu."
    assert 'id="phu-luc"' not in html  # nothing computed for a wrong period
    assert 'aria-invalid="true"' in html


@pytest.mark.parametrize(
    "params, field, message",
    [
        ({"kind": "quy", "year": "2023"}, "quarter", "Chọn quý."),
        ({"kind": "quy", "year": "1800", "quarter": "2"}, "year", "Năm phải từ 2000 đến 2100."),
        ({"kind": "nam", "year": "hai nghìn"}, "year", "Năm phải là một số, ví dụ 2023."),
        ({"kind": "nam"}, "year", "Nhập năm của kỳ báo cáo."),
        ({"kind": "khoang", "start": "2023-02-30", "end": "2023-03-01"}, "start", "Nhập ngày hợp lệ, ví dụ 01/04/2023."),
        ({"kind": "khoang", "end": "2023-03-01"}, "start", "Nhập ngày bắt đầu của khoảng thời gian."),
        ({"kind": "thang"}, "kind", "Loại kỳ báo cáo không hợp lệ."),
    ],
)
def test_bad_period_fields_get_a_vietnamese_message_by_the_field(as_user, staff, params, field, message):
    response = as_user(staff.leader_a).get(REPORT, {"unit": "16003", **params})
    html = response.content.decode()
    assert message in _field_error(html, field)
    assert 'id="phu-luc"' not in html


def test_malformed_period_in_a_link_is_reported_on_the_period_kind(as_user, staff):
    response = as_user(staff.leader_a).get(REPORT, {"unit": "16003", "period": "2023-Q9"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Kỳ báo cáo không hợp lệ" in _field_error(html, "kind")


def test_unit_picker_lists_visible_units_in_tree_order(as_user, staff):
    html = as_user(staff.district).get(REPORT, {"unit": "388", "period": "2023-Q2"}).content.decode()
    select = re.search(r'<select name="unit".*?</select>', html, re.S).group(0)
    codes = re.findall(r'<option value="(\d+)"', select)
    assert codes == ["388", "16003", "16004"]
    # Communes are indented under their district.
    assert "\u00a0\u00a0\u00a0\u00a0Xã Hoằng Lưu (16003)" in select


def test_page_without_parameters_shows_own_unit_and_last_quarter(as_user, staff):
    html = as_user(staff.leader_a).get(REPORT).content.decode()
    assert "Xã Hoằng Lưu (16003) —" in html


def test_default_period_is_the_last_whole_quarter():
    assert default_period(dt.date(2026, 11, 25)) == "2026-Q3"
    assert default_period(dt.date(2026, 2, 1)) == "2025-Q4"
    assert default_period(dt.date(2026, 4, 1)) == "2026-Q1"


def test_picker_data_round_trips_labels():
    assert picker_data("1", "2023-Q2") == {"unit": "1", "year": "2023", "kind": "quy", "quarter": "2"}
    assert picker_data("1", "2023-9M") == {"unit": "1", "year": "2023", "kind": "9-thang"}
    assert picker_data("1", "2023") == {"unit": "1", "year": "2023", "kind": "nam"}
    assert picker_data("1", "2023-04-01..2023-06-30") == {
        "unit": "1", "kind": "khoang", "start": "2023-04-01", "end": "2023-06-30"
    }
