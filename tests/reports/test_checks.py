"""C1–C9 as pure functions over a values dict: each breach names its rule, rows, values and a Vietnamese message."""

import pytest

from motcua.reports.checks import check_c5, run_checks
from motcua.reports.indicators import VALUE_CODES

# A consistent report, loosely the reference report with its slips corrected.
CLEAN = {
    **dict.fromkeys(VALUE_CODES, 0),
    "1.1": "252/QĐ-UBND ngày 30/12/2022",
    "1.1.1": 28, "1.1.2": 10, "1.1.3": 2,
    "1.3.1": 28, "1.3.2": 8, "1.3.3": 0,
    "1.4.1": 0, "1.4.2": None,
    "3.1": 187, "3.1.1": 3, "3.1.3": 187, "3.2.1": 108, "3.2.3": 79, "3.2.4": 100.0, "3.2.5": 100.0,
    "3.3.1": 625, "3.3.1.a": 255, "3.3.1.c": 172, "3.3.1.d": 198,
    "3.3.2": 602, "3.3.2.a": 255, "3.3.2.c": 172, "3.3.2.d": 175,
    "3.4.1": 370, "3.4.2": 467, "3.4.3": 180,
    "4.1.2": 19, "5.4.1": 1, "6.1": 1, "6.2": 1, "7.1": 1, "7.2.1": 1,
    "7.2.3": 354, "7.2.3.a": 70.0, "7.2.3.b": 30.0, "7.4.1": 1, "7.5.1": 8, "7.5.2": 31, "7.6": 1,
}


def breaches(**changes):
    values = dict(CLEAN)
    values.update({code.replace("_", "."): value for code, value in changes.items()})
    return run_checks(values)


def only(found, rule):
    assert [b["rule"] for b in found] == [rule], found
    return found[0]


def test_the_clean_report_passes():
    assert run_checks(CLEAN) == []


def test_c1_received_split():
    # The reference report: 602 printed, 255 + 0 + 172 + 198 = 625.
    found = only(breaches(**{"3_3_1": 602}), "C1")
    assert found == {
        "rule": "C1",
        "severity": "error",
        "rows": ["3.3.1", "3.3.1.a", "3.3.1.b", "3.3.1.c", "3.3.1.d"],
        "values": {"3.3.1": 602, "3.3.1.a": 255, "3.3.1.b": 0, "3.3.1.c": 172, "3.3.1.d": 198},
        "message": "3.3.1 = 602 nhưng 3.3.1.a + b + c + d = 625",
    }


def test_c2_on_time_split():
    found = only(breaches(**{"3_3_2_d": 198}), "C2")
    assert found["message"] == "3.3.2 = 602 nhưng 3.3.2.a + b + c + d = 625"


def test_c3_land_and_construction_within_on_time():
    found = only(breaches(**{"3_3_3": 603}), "C3")
    assert (found["rows"], found["message"]) == (["3.3.3", "3.3.2"], "3.3.3 = 603 vượt quá 3.3.2 = 602")
    assert only(breaches(**{"3_3_4": 700}), "C3")["rows"] == ["3.3.4", "3.3.2"]


def test_c4_payment_and_online_within_the_catalog():
    # The reference report: 214 procedures with online payment out of 187.
    assert only(breaches(**{"3_4_3": 214}), "C4")["message"] == "3.4.3 = 214 vượt quá 3.1.3 = 187"
    found = only(breaches(**{"7_5_1": 100, "7_5_2": 100}), "C4")
    assert found["message"] == "7.5.1 + 7.5.2 = 200 vượt quá 3.1.3 = 187"


def test_c5_is_a_warning():
    found = only(breaches(**{"3_2_1": 100}), "C5")
    assert found["severity"] == "warning"
    assert found["message"].startswith("3.2.1 + 3.2.2 + 3.2.3 = 179 nhưng 3.1.3 = 187")


def test_c6_document_shares():
    # The reference report: 100 % electronic only and 30 % electronic with paper.
    found = only(breaches(**{"7_2_3_a": 100.0}), "C6")
    assert found["message"] == "7.2.3.a + 7.2.3.b = 130% vượt quá 100%"
    assert run_checks({**CLEAN, "7.2.3.a": 70.1, "7.2.3.b": 29.9}) == []  # no binary rounding surprise


def test_c7_tasks_and_inspections():
    assert only(breaches(**{"1_1_2": 29}), "C7")["message"] == "1.1.2 = 29 vượt quá 1.1.1 = 28"
    assert only(breaches(**{"1_2_2": 1, "1_2_3": 2}), "C7")["rows"] == ["1.2.3", "1.2.2"]
    found = only(breaches(**{"1_3_3": 21}), "C7")
    assert found["message"] == "1.3.2 + 1.3.3 = 29 vượt quá 1.3.1 = 28"


@pytest.mark.parametrize(
    "code, value, message",
    [
        ("3.2.4", 120.5, "3.2.4 = 120,5: tỷ lệ phải từ 0 đến 100%"),
        ("4.1.4", -1, "4.1.4 = -1: tỷ lệ phải từ 0 đến 100%"),
        ("2.1", -1, "2.1 = -1: số lượng phải là số nguyên không âm"),
        ("2.1", 1.5, "2.1 = 1,5: số lượng phải là số nguyên không âm"),
        ("2.1", "nhiều", "2.1 = “nhiều”: số lượng phải là số nguyên không âm"),
        ("6.1", 2, "6.1 = 2: chỉ nhận Có = 1, Không = 0"),
        ("7.1", 3, "7.1 = 3: chỉ nhận Chưa có = 0, 2 cấp = 1, 3 cấp = 2"),
    ],
)
def test_c8_kinds_and_legends(code, value, message):
    found = only(breaches(**{code.replace(".", "_"): value}), "C8")
    assert (found["rows"], found["values"], found["message"]) == ([code], {code: value}, message)


def test_c9_survey_form_blank_exactly_without_responses():
    found = only(breaches(**{"1_4_2": 1}), "C9")
    assert found["message"].startswith("1.4.1 = 0 nhưng 1.4.2 = 1")
    found = only(breaches(**{"1_4_1": 12}), "C9")
    assert found["message"].startswith("1.4.1 = 12 nhưng 1.4.2 để trống")
    assert run_checks({**CLEAN, "1.4.1": 12, "1.4.2": 2}) == []


def test_blank_values_are_not_compared():
    # An extracted report with blank cells: relations naming a blank are skipped.
    assert run_checks(dict.fromkeys(VALUE_CODES)) == []
    assert run_checks({**CLEAN, "3.3.1.b": None, "3.3.1": 1}) == []


def test_checks_need_no_database():
    # Pure functions over a plain dict: no django_db mark here, and any Mapping works.
    assert check_c5({"3.2.1": 1, "3.2.2": 1, "3.2.3": 1, "3.1.3": 3}) == []
