"""Sections I–V drafted from the appendix values: the same figures, "chưa có số liệu" for nulls, edits replace drafts."""

import io
import re

import pytest
from django.core.management import call_command

from motcua.reports.compute import compute_appendix
from motcua.reports.narrative import SECTION_KEYS, build_narrative, set_section_text
from motcua.reports.wording import NO_DATA, next_period_title, number_text, percent_text, place_name
from motcua.lib.periods import parse_period

pytestmark = pytest.mark.django_db


def figure(pattern: str, text: str) -> int:
    """Return the number a pattern's group captures, thousands dots removed."""
    found = re.search(pattern, text)
    assert found, pattern
    return int(found.group(1).replace(".", ""))


def test_dossier_figures_equal_the_appendix(scenario, q2):
    values = compute_appendix(scenario.units.a, q2).values
    text = build_narrative(scenario.units.a, q2).section("II.2").paragraphs[2]
    assert text.startswith("Trong quý II năm 2023, UBND xã đã tiếp nhận 10 hồ sơ, trong đó tiếp nhận trực tiếp 5 hồ sơ")
    assert figure(r"đã tiếp nhận ([\d.]+) hồ sơ", text) == values["3.3.1"]
    assert figure(r"tiếp nhận trực tiếp ([\d.]+) hồ sơ", text) == values["3.3.1.a"]
    assert figure(r"qua dịch vụ bưu chính công ích ([\d.]+) hồ sơ", text) == values["3.3.1.b"]
    assert figure(r"trực tuyến một phần ([\d.]+) hồ sơ", text) == values["3.3.1.c"]
    assert figure(r"trực tuyến toàn trình ([\d.]+) hồ sơ", text) == values["3.3.1.d"]
    assert figure(r"đã giải quyết đúng hạn ([\d.]+) hồ sơ", text) == values["3.3.2"]
    on_time = text.split("đã giải quyết đúng hạn", 1)[1]
    assert figure(r"tiếp nhận trực tiếp ([\d.]+) hồ sơ", on_time) == values["3.3.2.a"]
    assert figure(r"trực tuyến toàn trình ([\d.]+) hồ sơ", on_time) == values["3.3.2.d"]
    assert figure(r"đất đai ([\d.]+) hồ sơ", text) == values["3.3.3"]
    assert figure(r"xây dựng ([\d.]+) hồ sơ", text) == values["3.3.4"]


def test_catalog_apologies_and_ratings_equal_the_appendix(scenario, q2):
    values = compute_appendix(scenario.units.a, q2).values
    section = build_narrative(scenario.units.a, q2).section("II.2")
    text = " ".join(section.paragraphs)
    assert figure(r"Tổng số TTHC đang áp dụng: ([\d.]+) thủ tục", text) == values["3.1.3"]
    assert figure(r"công bố mới ([\d.]+) thủ tục", text) == values["3.1.1"]
    assert f"quy trình nội bộ: {percent_text(values['3.2.4'])}" in text  # 75%
    assert "điện tử hóa: 66,67%" in text
    assert figure(r"đã ban hành ([\d.]+) văn bản xin lỗi", text) == values["3.5"]
    assert figure(r"có ([\d.]+) lượt đánh giá", text) == values["1.4.1"]
    assert "rất hài lòng 1 lượt, hài lòng 1 lượt, không hài lòng 0 lượt; tỷ lệ hài lòng đạt 100%" in text
    assert figure(r"([\d.]+) hồ sơ đã giải quyết được công khai trên Cổng", text) == values["3.4.1"]
    # The per-field statistics agree with 3.3.2: early + on time = on time in the appendix's sense.
    early = figure(r"giải quyết trước hạn ([\d.]+)", text)
    assert early + figure(r", đúng hạn ([\d.]+), quá hạn", text) == values["3.3.2"]
    first = build_narrative(scenario.units.a, q2).section("I").paragraphs
    assert figure(r"đã thu thập ([\d.]+) phiếu khảo sát", " ".join(first)) == values["1.4.1"]
    assert "hình thức khảo sát: kết hợp" in " ".join(first)


def test_null_values_are_written_as_no_data(scenario, q2):
    narrative = build_narrative(scenario.units.a, q2)
    assert compute_appendix(scenario.units.a, q2).values["1.1.1"] is None
    assert f"số nhiệm vụ đề ra trong kế hoạch: {NO_DATA}" in narrative.section("I").paragraphs[0]
    assert narrative.section("II.5").paragraphs == [
        f"Quy chế chi tiêu nội bộ: {NO_DATA}.",
        f"Quy chế quản lý tài sản công: {NO_DATA}.",
    ]


def test_entered_values_are_stated(scenario, q2):
    where = ["--unit", "16003", "--period", "2023-Q2"]
    call_command("report", "set", *where, "1.1.1=1234", "1.1.2=10", "6.1=1", "6.2=0",
                 "1.1=252/QĐ-UBND ngày 30/12/2022", "4.1.4=12,5", stdout=io.StringIO())
    narrative = build_narrative(scenario.units.a, q2)
    first = narrative.section("I").paragraphs[0]
    assert "số nhiệm vụ đề ra trong kế hoạch: 1.234 nhiệm vụ" in first
    assert "hoàn thành đến hết kỳ báo cáo: 10 nhiệm vụ (đạt 0,81%)" in first
    assert "(Quyết định số 252/QĐ-UBND ngày 30/12/2022)" in narrative.section("intro").paragraphs[0]
    assert narrative.section("II.5").paragraphs == [
        "UBND xã đã xây dựng và thực hiện Quy chế chi tiêu nội bộ.",
        "UBND xã chưa thực hiện Quy chế quản lý tài sản công.",
    ]
    assert "so với năm 2015: 12,5%" in narrative.section("II.3").paragraphs[0]


def test_saved_text_replaces_the_draft(scenario, q2):
    unit = scenario.units.a
    drafted = build_narrative(unit, q2).section("V")
    assert (drafted.paragraphs, drafted.edited) == (["Không có."], False)
    set_section_text(unit, q2, "V", "Đề nghị UBND huyện hỗ trợ kinh phí.\n\nĐề nghị tập huấn.")
    # Matched on the dates: the same quarter written as a date range.
    same = parse_period("2023-04-01..2023-06-30")
    edited = build_narrative(unit, same).section("V")
    assert (edited.paragraphs, edited.edited) == (["Đề nghị UBND huyện hỗ trợ kinh phí.", "Đề nghị tập huấn."], True)
    assert build_narrative(scenario.units.b, q2).section("V").paragraphs == ["Không có."]
    assert set_section_text(unit, q2, "V", "  ") is None
    assert build_narrative(unit, q2).section("V").paragraphs == ["Không có."]
    with pytest.raises(ValueError, match="mục báo cáo không hợp lệ"):
        set_section_text(unit, q2, "VI", "x")


def test_sections_and_titles(scenario, q2):
    narrative = build_narrative(scenario.units.a, q2)
    assert [s.key for s in narrative.sections] == list(SECTION_KEYS)
    titles = [s.title for s in narrative.sections if s.level == 1]
    assert [t.split(".")[0] for t in titles] == ["I", "II", "III", "IV", "V"]
    assert titles[3] == "IV. PHƯƠNG HƯỚNG, NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH TRỌNG TÂM QUÝ III NĂM 2023"
    assert narrative.section("closing").paragraphs == [
        "Trên đây là báo cáo kết quả thực hiện cải cách hành chính quý II năm 2023 của UBND xã Hoằng Lưu./."
    ]
    district = build_narrative(scenario.units.district, q2)
    assert "UBND huyện đã tiếp nhận 12 hồ sơ" in district.section("II.2").paragraphs[2]
    assert "nhiệm vụ UBND tỉnh, Chủ tịch UBND tỉnh giao" in district.section("I").paragraphs[2]


def test_names_and_numbers(scenario):
    assert place_name(scenario.units.a) == "Hoằng Lưu"
    assert number_text(1234567) == "1.234.567"
    assert (percent_text(66.67), percent_text(75.0), percent_text(0.5)) == ("66,67%", "75%", "0,5%")
    assert [next_period_title(parse_period(p)) for p in ("2023-Q2", "2023-Q4", "2023-H1", "2023-9M", "2023")] == [
        "quý III năm 2023", "quý I năm 2024", "6 tháng cuối năm 2023", "quý IV năm 2023", "năm 2024",
    ]
