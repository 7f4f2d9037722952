"""The reference report (a real Q2/2023 commune report, text from a PDF with letters lost) reads exactly."""

import pytest

from motcua.reports.extract import extract_file
from motcua.reports.indicators import VALUE_CODES

# Read by hand from the seed's appendix: the second "1.1.2"/"1.1.3" under 1.2 are
# 1.2.2/1.2.3, the printed "3.3.5" is 3.3.4, 1.4.2 is blank, 5.4.1's value sits
# before a page break in the middle of its legend, 7.1's note "100% UBND cấp xã" is not its value.
EXPECTED = {
    "1.1": "252/QĐ-UBND ngày 30/12/2023", "1.1.1": 28, "1.1.2": 10, "1.1.3": 2,
    "1.2.1": 0, "1.2.2": 0, "1.2.3": 0, "1.3.1": 28, "1.3.2": 8, "1.3.3": 0,
    "1.4.1": 0, "1.4.2": None, "1.5": 0,
    "2.1": 0, "2.2": 0, "2.3": 0, "2.4": 0, "2.5": 0,
    "3.1": 187, "3.1.1": 3, "3.1.2": 0, "3.1.3": 187,
    "3.2.1": 108, "3.2.2": 0, "3.2.3": 79, "3.2.4": 100.0, "3.2.5": 100.0, "3.2.6": 0,
    "3.3.1": 602, "3.3.1.a": 255, "3.3.1.b": 0, "3.3.1.c": 172, "3.3.1.d": 198,
    "3.3.2": 602, "3.3.2.a": 255, "3.3.2.b": 0, "3.3.2.c": 172, "3.3.2.d": 198,
    "3.3.3": 0, "3.3.4": 0,
    "3.4.1": 370, "3.4.2": 467, "3.4.3": 214, "3.5": 0,
    "4.1.1": 0, "4.1.2": 19, "4.1.3": 0, "4.1.4": 0.0,
    "5.4": 0, "5.4.1": 1, "5.4.2": 0.0, "5.4.5": 0, "5.4.6": 0,
    "6.1": 1, "6.2": 1,
    "7.1": 1, "7.2.1": 1, "7.2.3": 354, "7.2.3.a": 100.0, "7.2.3.b": 30.0,
    "7.4.1": 1, "7.5.1": 8, "7.5.2": 31, "7.6": 1,
}


@pytest.fixture
def seed(seed_path):
    return extract_file(seed_path)


def test_expected_covers_every_value_code():
    assert list(EXPECTED) == list(VALUE_CODES)


def test_every_appendix_value_reads_exactly(seed):
    assert list(seed["values"]) == list(VALUE_CODES)
    wrong = {code: (seed["values"][code], want) for code, want in EXPECTED.items() if seed["values"][code] != want}
    assert wrong == {}
    # Types too: counts are whole numbers, percentages decimals.
    assert all(type(seed["values"][code]) is type(want) for code, want in EXPECTED.items())


def test_unit_and_period_from_the_heading(seed):
    assert list(seed) == ["unit", "period", "values", "figures", "approximate", "statements", "parts", "checks"]
    assert seed["unit"] == {"code": None, "name": "Xã Hoằng Lưu"}
    assert seed["period"] == {"label": "2023-Q2", "start": "2023-04-01", "end": "2023-06-30"}


def test_the_table_breaks_c1_c2_c4_c6(seed):
    by_rule = {}
    for found in seed["checks"]:
        by_rule.setdefault(found["rule"], []).append(found)
    assert set(by_rule) == {"C1", "C2", "C4", "C6", "C10", "C11"}
    assert by_rule["C1"][0]["message"] == "3.3.1 = 602 nhưng 3.3.1.a + b + c + d = 625"
    assert by_rule["C2"][0]["values"]["3.3.2"] == 602
    assert [b["rows"] for b in by_rule["C4"]] == [["3.4.3", "3.1.3"]]
    assert by_rule["C6"][0]["message"] == "7.2.3.a + 7.2.3.b = 130% vượt quá 100%"
    assert all(set(b) == {"rule", "severity", "rows", "values", "message"} for b in seed["checks"])


def test_the_narrative_contradicts_the_table_c10(seed):
    c10 = [b for b in seed["checks"] if b["rule"] == "C10"]
    online = next(b for b in c10 if b["rows"] == ["3.3.1.c", "3.3.1.d"])
    assert "347" in online["message"] and "370" in online["message"]
    surveys = next(b for b in c10 if b["rows"] == ["1.4.1"])
    assert "25 phiếu khảo sát" in surveys["message"]


def test_dates_after_the_report_or_impossible_c11(seed):
    c11 = [b["message"] for b in seed["checks"] if b["rule"] == "C11"]
    # The date line is blank; the report was signed on 12/06/2023.
    assert any("29/12/2023" in m and "3153/QĐ-UBND" in m and "12/06/2023" in m for m in c11)
    assert any("319/01/2023" in m and "không có thật" in m for m in c11)
    assert any("30/12/2023" in m for m in c11)  # the appendix's plan decision, 2022 in the prose
    assert not any("30/12/2022" in m or "15/7/2021" in m for m in c11)
