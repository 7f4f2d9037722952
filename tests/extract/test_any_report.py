"""`report extract` on reports of any unit: prose in many wordings, colon and bullet lists, statistics tables
with one- or two-row headers (Word-like, tabbed, spaced, gridded), per-level and per-commune breakdowns,
comma decimals, English-typed numbers, text without diacritics, letters lost from a PDF, hedged figures.

Every document in tests/extract/reports/ was written by hand in the style of real reports; its expected
figures below were worked out by hand from the text (and balance: C12 holds in each, so `checks` is empty).
"""

import json

import pytest

from motcua.reports.extract import ExtractError, extract_file, extract_text
from tests.extract.documents import damage

REPORTS = __import__("pathlib").Path(__file__).resolve().parent / "reports"

EXPECTED = {
    "01-tin-phuong.txt": dict(
        figures={"received_total": 2265, "carried_over": 100, "received_new": 2165, "online_received": 1530,
                 "direct_received": 735, "resolved_total": 2200, "resolved_early": 2041, "resolved_on_time": 150,
                 "resolved_late": 9, "in_progress": 65, "in_progress_within_deadline": 60, "in_progress_overdue": 5,
                 "on_time_rate_percent": 99.59},
    ),
    "02-danh-sach-hai-cham.txt": dict(
        figures={"received_total": 10034, "carried_over": 48, "received_new": 9986, "resolved_total": 9980,
                 "resolved_early": 7512, "resolved_on_time": 2430, "resolved_late": 38, "in_progress": 54,
                 "on_time_rate_percent": 99.62},
    ),
    "03-gach-dau-dong.txt": dict(
        figures={"received_total": 1204, "carried_over": 34, "received_new": 1170, "resolved_total": 1150,
                 "resolved_early": 902, "resolved_on_time": 240, "resolved_late": 8, "in_progress": 54,
                 "in_progress_within_deadline": 50, "in_progress_overdue": 4},
    ),
    "04-huyen-cac-cap.txt": dict(
        figures={"received_total": 48120, "resolved_total": 47900, "in_progress": 220, "on_time_rate_percent": 99.1},
        parts={"cấp huyện": {"received_total": 12350, "resolved_total": 12300},
               "cấp xã": {"received_total": 35770, "resolved_total": 35600}},
    ),
    "05-uoc-tinh.txt": dict(
        figures={"resolved_total": 36412, "resolved_late": 57},
        approximate={"received_total": {"value": 37000, "as_written": "hơn 37 nghìn"},
                     "online_received": {"value": 21000, "as_written": "khoảng 21.000"},
                     "on_time_rate_percent": {"value": 99, "as_written": "gần 99%"}},
    ),
    "06-bang-hai-dong.txt": dict(
        figures={"received_total": 842, "carried_over": 12, "received_new": 830, "resolved_total": 820,
                 "resolved_early": 700, "resolved_on_time": 115, "resolved_late": 5, "in_progress": 22,
                 "in_progress_within_deadline": 20, "in_progress_overdue": 2},
    ),
    "07-bang-khoang-trang.txt": dict(
        figures={"received_total": 1540, "online_received": 910, "direct_received": 630, "resolved_total": 1500,
                 "resolved_early": 1100, "resolved_on_time": 380, "resolved_late": 20, "in_progress": 40,
                 "in_progress_within_deadline": 36, "in_progress_overdue": 4},
    ),
    "08-bang-luoi.txt": dict(
        # "Đúng hạn" with no "Trước hạn" column, and with "Quá hạn" making up all resolved: early and on time.
        figures={"received_total": 13070, "carried_over": 150, "received_new": 12920, "resolved_total": 12950,
                 "resolved_early_or_on_time": 12910, "resolved_late": 40, "in_progress_within_deadline": 115,
                 "in_progress_overdue": 5},
        parts={"Cấp huyện": {"received_total": 3210, "carried_over": 40, "received_new": 3170, "resolved_total": 3150,
                             "resolved_early_or_on_time": 3120, "resolved_late": 30, "in_progress_within_deadline": 55,
                             "in_progress_overdue": 5},
               "Cấp xã": {"received_total": 9860, "carried_over": 110, "received_new": 9750, "resolved_total": 9800,
                          "resolved_early_or_on_time": 9790, "resolved_late": 10, "in_progress_within_deadline": 60,
                          "in_progress_overdue": 0}},
    ),
    "09-bang-linh-vuc.txt": dict(
        figures={"received_total": 1000, "resolved_total": 985, "resolved_late": 5, "in_progress": 15},
    ),
    "10-khong-dau.txt": dict(
        figures={"received_total": 873, "online_received": 512, "direct_received": 361, "resolved_total": 860,
                 "resolved_early_or_on_time": 857, "resolved_late": 3, "in_progress": 13},
    ),
    "11-pdf-mat-chu.txt": dict(
        # "đúng hạn 425" of 425 resolved, no early figure: early and on time together.
        figures={"received_total": 431, "online_received": 220, "direct_received": 211, "resolved_total": 425,
                 "resolved_early_or_on_time": 425, "in_progress": 6, "on_time_rate_percent": 100},
    ),
    "12-so-kieu-anh.txt": dict(
        figures={"received_total": 2480, "resolved_total": 2470, "resolved_late": 4, "resolved_early_or_on_time": 2466,
                 "in_progress": 10, "on_time_rate_percent": 99.84},
    ),
    "13-thanh-pho.txt": dict(
        figures={"received_total": 15400, "resolved_total": 15210, "in_progress": 190},
        parts={"Bộ phận Một cửa thành phố": {"received_total": 4200, "online_received": 3900, "resolved_total": 4150},
               "cấp xã": {"received_total": 11200, "resolved_total": 11060, "in_progress": 140}},
    ),
    "14-tung-xa.txt": dict(
        figures={},
        parts={"Xã Vĩnh Hùng": {"received_total": 612, "resolved_total": 600},
               "Xã Vĩnh Tiến": {"received_total": 455, "resolved_total": 455},
               "Thị trấn Vĩnh Lộc": {"received_total": 1020, "resolved_total": 1003}},
    ),
    "15-thu-tuc.txt": dict(
        figures={"received_total": 390, "resolved_total": 384, "procedures_total": 214,
                 "procedures_online_full": 96, "procedures_online_partial": 58},
    ),
    "16-phuong-huong.txt": dict(figures={"resolved_on_time": 320}),
}


def _check(result: dict, expected: dict):
    assert result["values"] == {}
    assert result["figures"] == expected["figures"]
    assert result["approximate"] == expected.get("approximate", {})
    assert result["parts"] == expected.get("parts", {})
    assert result["checks"] == []


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_hand_written_report_reads_its_figures(name):
    _check(extract_file(REPORTS / name), EXPECTED[name])


def test_every_document_is_checked():
    assert sorted(p.name for p in REPORTS.glob("*.txt")) == sorted(EXPECTED)


def test_statements_name_the_sentence_and_figure():
    result = extract_file(REPORTS / "01-tin-phuong.txt")
    by_figure = {s["figure"]: s for s in result["statements"]}
    assert by_figure["received_total"]["value"] == 2265
    assert "tiếp nhận tổng số 2.265 hồ sơ" in by_figure["received_total"]["text"]
    # No appendix 01b and no other table: nothing to compare with.
    assert all(s["checked_against"] is None for s in result["statements"])
    hedged = [s for s in extract_file(REPORTS / "05-uoc-tinh.txt")["statements"] if s["approximate"]]
    assert {s["figure"] for s in hedged} == {"received_total", "online_received", "on_time_rate_percent"}


def test_word_document_made_from_the_text(tmp_path):
    import docx

    document = docx.Document()
    for line in (REPORTS / "01-tin-phuong.txt").read_text(encoding="utf-8").splitlines():
        document.add_paragraph(line)
    path = tmp_path / "tin-phuong.docx"
    document.save(str(path))
    _check(extract_file(path), EXPECTED["01-tin-phuong.txt"])


def test_word_table_with_a_two_row_header(tmp_path):
    """The table of 06 as a real Word table: the first row's cells merged over the columns they head."""
    import docx

    lines = (REPORTS / "06-bang-hai-dong.txt").read_text(encoding="utf-8").splitlines()
    document = docx.Document()
    for line in lines[:5]:
        document.add_paragraph(line)
    table = document.add_table(rows=3, cols=12)
    top = ["STT", "Tên đơn vị", "Tổng số hồ sơ phải giải quyết", "Trong đó", None, "Số hồ sơ đã giải quyết", None, None,
           None, "Số hồ sơ đang giải quyết", None, None]
    bottom = ["", "", "", "Kỳ trước chuyển sang", "Mới tiếp nhận", "Tổng số", "Trước hạn", "Đúng hạn", "Quá hạn",
              "Tổng số", "Trong hạn", "Quá hạn"]
    data = ["1", "UBND xã Hà Long", "842", "12", "830", "820", "700", "115", "5", "22", "20", "2"]
    for column, text in enumerate(top):
        if text is not None:
            table.cell(0, column).text = text
    table.cell(0, 3).merge(table.cell(0, 4))
    table.cell(0, 5).merge(table.cell(0, 8))
    table.cell(0, 9).merge(table.cell(0, 11))
    for column in range(3):
        table.cell(0, column).merge(table.cell(1, column))
    for column, text in enumerate(bottom):
        if text:
            table.cell(1, column).text = text
    for column, text in enumerate(data):
        table.cell(2, column).text = text
    path = tmp_path / "bang.docx"
    document.save(str(path))
    _check(extract_file(path), EXPECTED["06-bang-hai-dong.txt"])


def test_pdf_made_from_the_text(tmp_path):
    import html

    from weasyprint import HTML

    text = (REPORTS / "03-gach-dau-dong.txt").read_text(encoding="utf-8")
    body = "".join(f"<p>{html.escape(line)}</p>" for line in text.splitlines() if line.strip())
    path = tmp_path / "gach-dau-dong.pdf"
    HTML(string=f"<html><body>{body}</body></html>").write_pdf(path)
    _check(extract_file(path), EXPECTED["03-gach-dau-dong.txt"])


def test_letters_lost_from_every_sentence_still_read():
    # The whole of 01 with "ơ" and "đ" dropped, as a PDF without their glyphs gives it.
    text = damage((REPORTS / "01-tin-phuong.txt").read_text(encoding="utf-8"), "ơđ")
    assert extract_text(text)["figures"] == EXPECTED["01-tin-phuong.txt"]["figures"]


def test_command_line_prints_figures_and_refuses_a_text_without_any(motcua_cli, tmp_path):
    done = motcua_cli("report", "extract", REPORTS / "13-thanh-pho.txt")
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert result["values"] == {} and result["figures"]["received_total"] == 15400
    assert result["parts"]["cấp xã"]["in_progress"] == 140
    note = tmp_path / "thong-bao.txt"
    note.write_text("THÔNG BÁO\nLịch tiếp công dân tháng 7: thứ Hai và thứ Năm hằng tuần.\n", encoding="utf-8")
    done = motcua_cli("report", "extract", note)
    assert done.returncode == 1 and done.stdout == ""
    assert str(note) in done.stderr and len(done.stderr.strip().splitlines()) == 1


@pytest.mark.parametrize("sentence, figures", [
    ("Chưa giải quyết xong 156 hồ sơ, trong đó 150 hồ sơ chưa đến hạn, 6 hồ sơ đã quá hạn.",
     {"in_progress": 156, "in_progress_within_deadline": 150, "in_progress_overdue": 6}),
    ("Hồ sơ chưa được giải quyết: 12.", {"in_progress": 12}),
    # Received and resolved in one breath: neither figure is sure, unless a deadline word says resolved.
    ("Phường đã nhận và giải quyết 4.012 hồ sơ.", {}),
    ("Phường đã tiếp nhận và giải quyết đúng hạn 4.012 hồ sơ, đạt 100%.",
     {"resolved_on_time": 4012, "on_time_rate_percent": 100}),
    ("Có 1.245 hồ sơ đã được tiếp nhận, 1.200 hồ sơ đã được giải quyết và 45 hồ sơ đang xử lý.",
     {"received_total": 1245, "resolved_total": 1200, "in_progress": 45}),
    ("Đã xử lý 1.200 hồ sơ; trong đó: trước hạn: 800; đúng hạn: 390; trễ hạn: 10.",
     {"resolved_total": 1200, "resolved_early": 800, "resolved_on_time": 390, "resolved_late": 10}),
    ("Kết quả giải quyết: 1.200/1.245 hồ sơ đã giải quyết.", {}),
    ("Tiếp nhận 1.245 hồ sơ (tăng 8% so với cùng kỳ), tỷ lệ hồ sơ trực tuyến đạt 67,5%.", {"received_total": 1245}),
    ("Đã tiếp nhận xấp xỉ 1.300 hồ sơ, trong đó trực tuyến 900 hồ sơ.", {"online_received": 900}),
    ("Tổ chức 2 hội nghị với 150 đại biểu; hoàn thành 3 nhiệm vụ; ban hành 12 văn bản.", {}),
    # A part "and" the others is the whole unit.
    ("Bộ phận Một cửa thị xã và 7 xã, phường đã tiếp nhận 25.640 hồ sơ.", {"received_total": 25640}),
    ("Tại cấp huyện và cấp xã đã giải quyết 25.410 hồ sơ.", {"resolved_total": 25410}),
])
def test_wordings(sentence, figures):
    heading = "ỦY BAN NHÂN DÂN PHƯỜNG HÀM RỒNG\nBÁO CÁO\nKết quả quý II năm 2025\n"
    if figures:
        assert extract_text(heading + sentence)["figures"] == figures
    else:
        # No figure and no 01b table: not a report the reader can use.
        with pytest.raises(ExtractError, match="không có số liệu hồ sơ nào"):
            extract_text(heading + sentence)
