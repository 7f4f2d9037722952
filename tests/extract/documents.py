"""Generate reform reports in several layouts (Word table, Word paragraphs, PDF, damaged text) for the reader's tests."""

from __future__ import annotations

import html
import textwrap
from pathlib import Path

from motcua.reports.indicators import BY_CODE, FLAG, INDICATORS, PERCENT

# A copy of ../shared/seed kept with the tests, so the suite does not depend on
# where the repository is cloned.
SEED = Path(__file__).resolve().parent / "data" / "bao-cao-cchc-quy-II-2023.txt"

# A consistent appendix (every rule C1–C9 holds) with figures unlike the seed's.
CONSISTENT = {
    "1.1": "15/QĐ-UBND ngày 05/01/2023", "1.1.1": 30, "1.1.2": 12, "1.1.3": 4,
    "1.2.1": 3, "1.2.2": 3, "1.2.3": 2, "1.3.1": 12, "1.3.2": 9, "1.3.3": 1,
    "1.4.1": 60, "1.4.2": 2, "1.5": 1,
    "2.1": 1, "2.2": 2, "2.3": 5, "2.4": 1, "2.5": 1,
    "3.1": 150, "3.1.1": 6, "3.1.2": 2, "3.1.3": 150,
    "3.2.1": 90, "3.2.2": 10, "3.2.3": 50, "3.2.4": 97.5, "3.2.5": 66.67, "3.2.6": 12,
    "3.3.1": 410, "3.3.1.a": 150, "3.3.1.b": 5, "3.3.1.c": 105, "3.3.1.d": 150,
    "3.3.2": 398, "3.3.2.a": 145, "3.3.2.b": 5, "3.3.2.c": 100, "3.3.2.d": 148,
    "3.3.3": 20, "3.3.4": 7, "3.4.1": 390, "3.4.2": 398, "3.4.3": 60, "3.5": None,
    "4.1.1": 21, "4.1.2": 20, "4.1.3": 1, "4.1.4": 12.5,
    "5.4": 0, "5.4.1": 1, "5.4.2": 50.0, "5.4.5": 0, "5.4.6": 0,
    "6.1": 0, "6.2": 1, "7.1": 2, "7.2.1": 1, "7.2.3": 512, "7.2.3.a": 85.5, "7.2.3.b": 14.5,
    "7.4.1": 0, "7.5.1": 40, "7.5.2": 70, "7.6": 1,
}

# Flags a Word table prints as the words of their legend, not as numbers.
WORDS = {"1.4.2": "Kết hợp", "1.5": "Có", "7.1": "3 cấp", "7.2.1": "Đã kết nối", "7.4.1": "Chưa"}


def variant(**changes) -> dict:
    """Return the consistent values with some changed: variant(**{"3.3.1": 500})."""
    values = dict(CONSISTENT)
    values.update(changes)
    return values


def shown(code: str, value, words: bool = False) -> str:
    """Format a value as a report prints it: "97,5", "602", "" for blank, a legend word for a flag."""
    if value is None:
        return ""
    if words and code in WORDS and BY_CODE[code].legend.get(value) and WORDS[code] in BY_CODE[code].legend.values():
        return BY_CODE[code].legend[value] if value in BY_CODE[code].legend else str(value)
    if isinstance(value, float):
        text = f"{value:.2f}".rstrip("0").rstrip(".")
        return text.replace(".", ",")
    return str(value)


def rows(values: dict, sub_codes: bool = True, words: bool = False):
    """Yield (printed number, label, unit, value) for every row of the appendix, headings included."""
    for row in INDICATORS:
        code = row.code
        printed = code
        if code[-1] in "abcd" and code[-2] == ".":
            printed = code if sub_codes else ""
        value = "" if not row.has_value else shown(code, values.get(code), words)
        unit = row.unit if row.kind != FLAG else row.legend_text()
        yield printed, row.label, unit, value


def narrative(values: dict, unit: str, place: str, period_title: str, date_line: str) -> str:
    """Return the heading and prose of a consistent report: its figures are the table's."""
    v = values
    online = v["3.3.1.c"] + v["3.3.1.d"]
    return "\n".join([
        f"ỦY BAN NHÂN DÂN                 CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        f"{unit.upper()}                      Độc lập – Tự do – Hạnh phúc",
        f"Số: 25/BC-UBND                  {place}, {date_line}",
        "BÁO CÁO",
        f"Kết quả thực hiện cải cách hành chính {period_title}",
        "I. CÔNG TÁC CHỈ ĐẠO ĐIỀU HÀNH",
        f"Thực hiện Quyết định số {v['1.1']} của Chủ tịch UBND xã về ban hành Kế hoạch cải cách "
        "hành chính năm 2023; Kế hoạch số 03/KH-UBND ngày 06/01/2023 về tự kiểm tra công tác CCHC.",
        "II. KẾT QUẢ THỰC HIỆN",
        f"Trong kỳ UBND đã tiếp nhận {v['3.3.1']} hồ sơ, trong đó tiếp nhận trực tiếp {v['3.3.1.a']} hồ sơ, "
        f"qua mạng {online} hồ sơ. Đã giải quyết và trả hồ sơ đúng hạn {v['3.3.2']} hồ sơ.",
        f"Kết quả cung cấp dịch vụ công trực tuyến: mức độ 3: {v['3.3.1.c']} hồ sơ; mức độ 4: {v['3.3.1.d']} hồ sơ.",
        f"Trong kỳ tổ chức phát 20 phiếu khảo sát mức độ hài lòng, kết quả 20/20 phiếu đánh giá hài lòng; "
        f"đánh giá trên dịch vụ công trực tuyến được 40 lượt người.",
        f"Tổng số TTHC đang thực hiện là {v['3.1.3']}.",
        "",
    ])


# Phụ lục 02 (per-field statistics), which a built report prints right after 01b: numbers in every row.
# Its totals agree with CONSISTENT (410 received; 398 on time + 4 late = 402 resolved), so C12 holds across tables.
STATISTICS = [
    "Phụ lục 02",
    "THỐNG KÊ TÌNH HÌNH, KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH THEO LĨNH VỰC",
]
STATISTICS_ROWS = [
    ["STT", "Lĩnh vực", "Tổng số hồ sơ", "Đã giải quyết", "Quá hạn"],
    ["1", "Chứng thực", "210", "206", "3"],
    ["2", "Hộ tịch", "200", "196", "1"],
    ["", "Tổng cộng", "410", "402", "4"],
]


def text_layout(values: dict, unit: str, place: str, period_title: str, date_line: str, width: int = 48) -> str:
    """Return a plain-text report laid out like the reference: labels wrapped, unit and value on the last line."""
    out = [narrative(values, unit, place, period_title, date_line), "Phụ lục 01b",
           f"THỐNG KÊ SỐ LIỆU VỀ KẾT QUẢ THỰC HIỆN CÔNG TÁC CẢI CÁCH HÀNH CHÍNH TẠI UBND {unit.upper()}",
           "STT", "Chỉ tiêu thống kê", "Đơn vị tính Số liệu"]
    for printed, label, unit_text, value in rows(values, sub_codes=False):
        wrapped = textwrap.wrap(label, width) or [""]
        if printed.endswith((".a",)) or not printed:
            printed = ""
        first = f"{printed} {wrapped[0]}".strip()
        body = [first, *wrapped[1:]]
        legend = [part for part in unit_text.split(", ")] if "=" in unit_text else [unit_text]
        out.extend(body[:-1])
        if "=" in unit_text:
            out.append(body[-1])
            out.extend(legend)
            out.append(value)
        else:
            out.append(f"{body[-1]} {unit_text} {value}".rstrip())
    return "\n".join(out) + "\n"


def damage(text: str, letters: str) -> str:
    """Replace every one of `letters` by a blank, as a PDF text layer without their glyphs does."""
    return text.translate({ord(ch): " " for ch in letters})


def write_text(path: Path, values: dict, letters: str = "", statistics: bool = False, **heading) -> Path:
    """Write a damaged plain-text report; with `statistics`, Phụ lục 02 follows the appendix."""
    text = text_layout(values, **heading)
    if statistics:
        text += "\n".join([*STATISTICS, *(" ".join(row) for row in STATISTICS_ROWS)]) + "\n"
    path.write_text(damage(text, letters), encoding="utf-8")
    return path


def write_docx(path: Path, values: dict, statistics: bool = False, **heading) -> Path:
    """Write a Word report: prose paragraphs, the appendix as a 4-column table with flags as words."""
    import docx

    document = docx.Document()
    for line in narrative(values, **heading).splitlines():
        document.add_paragraph(line)
    document.add_paragraph("Phụ lục 01b")
    document.add_paragraph("THỐNG KÊ SỐ LIỆU VỀ KẾT QUẢ THỰC HIỆN CÔNG TÁC CẢI CÁCH HÀNH CHÍNH")
    table = document.add_table(rows=1, cols=4)
    for cell, text in zip(table.rows[0].cells, ["STT", "Chỉ tiêu thống kê", "Đơn vị tính", "Số liệu"]):
        cell.text = text
    for record in rows(values, sub_codes=True, words=True):
        for cell, text in zip(table.add_row().cells, record):
            cell.text = text
    if statistics:
        for line in STATISTICS:
            document.add_paragraph(line)
        table = document.add_table(rows=0, cols=len(STATISTICS_ROWS[0]))
        for record in STATISTICS_ROWS:
            for cell, text in zip(table.add_row().cells, record):
                cell.text = text
    document.save(str(path))
    return path


def write_docx_paragraphs(path: Path, values: dict, **heading) -> Path:
    """Write a Word report whose appendix is paragraphs, one per row: "3.3.1 Số lượng … Số lượng hồ sơ 602"."""
    import docx

    document = docx.Document()
    for line in narrative(values, **heading).splitlines():
        document.add_paragraph(line)
    document.add_paragraph("PHỤ LỤC 01b")
    for printed, label, unit, value in rows(values, sub_codes=False):
        document.add_paragraph(f"{printed} {label} {unit} {value}".strip())
    document.save(str(path))
    return path


def write_pdf(path: Path, values: dict, align: str = "top", page_numbers: bool = False, statistics: bool = False,
              **heading) -> Path:
    """Write a PDF rendered by WeasyPrint from HTML: the appendix a table with blank numbers for sub-rows.

    `align="middle"` centres every cell vertically, as Word and the built report do, so a wrapped label
    prints around its row's number and value; `page_numbers` prints one above each page; `statistics`
    adds Phụ lục 02 after the appendix.
    """
    from weasyprint import HTML

    prose = "".join(f"<p>{html.escape(line)}</p>" for line in narrative(values, **heading).splitlines()[3:])
    unit = heading["unit"].upper()
    cells = "".join(
        "<tr>" + "".join(f"<td>{html.escape(text)}</td>" for text in record) + "</tr>"
        for record in rows(values, sub_codes=False)
    )
    page_style = "@page { @top-center { content: counter(page); } }" if page_numbers else ""
    after = ""
    if statistics:
        after = "".join(f"<p>{html.escape(line)}</p>" for line in STATISTICS) + "<table>" + "".join(
            "<tr>" + "".join(f"<td>{html.escape(text)}</td>" for text in record) + "</tr>" for record in STATISTICS_ROWS
        ) + "</table>"
    page = f"""<html><head><meta charset="utf-8"><style>
      body {{ font-family: 'DejaVu Serif'; font-size: 11pt; }}
      {page_style}
      table {{ border-collapse: collapse; width: 100%; }} td, th {{ border: 1px solid #000; padding: 2pt; vertical-align: {align}; }}
      td:nth-child(2) {{ width: 60%; }} .head td {{ border: none; text-align: center; }}
    </style></head><body>
      <table class="head"><tr><td>ỦY BAN NHÂN DÂN<br>{html.escape(unit)}</td>
      <td>CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM<br>Độc lập – Tự do – Hạnh phúc</td></tr>
      <tr><td>Số: 25/BC-UBND</td><td>{html.escape(heading['place'])}, {html.escape(heading['date_line'])}</td></tr></table>
      {prose}
      <p style="page-break-before: always">Phụ lục 01b</p>
      <p>THỐNG KÊ SỐ LIỆU VỀ KẾT QUẢ THỰC HIỆN CÔNG TÁC CẢI CÁCH HÀNH CHÍNH</p>
      <table><thead><tr><th>STT</th><th>Chỉ tiêu thống kê</th><th>Đơn vị tính</th><th>Số liệu</th></tr></thead>
      <tbody>{cells}</tbody></table>{after}</body></html>"""
    HTML(string=page).write_pdf(str(path))
    return path
