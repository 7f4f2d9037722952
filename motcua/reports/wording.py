"""The report's words for units, numbers, percentages, periods and flag rows (Vietnamese conventions).

Shared by the narrative, the document header and the dashboards: "Xã Hoằng Lưu"
→ "UBND xã Hoằng Lưu", 1234 → "1.234", 66.667 → "66,67%", quý II → "quý III năm 2023".
"""

from __future__ import annotations

import re
from decimal import Decimal

from motcua.lib.periods import Period
from motcua.units.models import Unit

NO_DATA = "chưa có số liệu"

# Longest first: "Thị xã" and "Thị trấn" before "Xã".
_PREFIXES = ("Thành phố", "Thị trấn", "Thị xã", "Phường", "Huyện", "Quận", "Tỉnh", "Xã", "Đặc khu")
_ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}
_LABEL = re.compile(r"^(?P<year>\d{4})(?:-(?P<part>Q[1-4]|H1|H2|9M))?$")


def split_unit_name(name: str) -> tuple[str, str]:
    """Split "Xã Hoằng Lưu" into ("Xã", "Hoằng Lưu"); an unknown prefix gives ("", name)."""
    for prefix in _PREFIXES:
        if name.startswith(prefix + " ") and len(name) > len(prefix) + 1:
            return prefix, name[len(prefix) + 1 :].strip()
    return "", name


def place_name(unit: Unit) -> str:
    """Return the unit's name without its prefix, as the date line prints it: "Hoằng Lưu"."""
    return split_unit_name(unit.name)[1]


def body_noun(unit: Unit) -> str:
    """Return the short name of the unit's People's Committee in running text: "UBND xã"."""
    prefix = split_unit_name(unit.name)[0]
    return f"UBND {prefix.lower()}" if prefix else "UBND"


def body_name(unit: Unit) -> str:
    """Return "UBND xã Hoằng Lưu"."""
    prefix, place = split_unit_name(unit.name)
    return f"UBND {prefix.lower()} {place}" if prefix else f"UBND {place}"


def number_text(value) -> str:
    """Format a count the Vietnamese way, with a dot between thousands: 1.234."""
    return f"{int(value):,}".replace(",", ".")


def percent_text(value) -> str:
    """Format a percentage with a decimal comma and no trailing zeros: 66,67% or 75%."""
    share = Decimal(str(value)).quantize(Decimal("0.01")).normalize()
    text = format(share, "f").replace(".", ",")
    return f"{text}%"


def value_text(value, kind: str = "count") -> str:
    """Format any appendix value as the table prints it; null gives ""."""
    if value is None:
        return ""
    if kind == "percent":
        return percent_text(value).rstrip("%")
    if isinstance(value, (int, float, Decimal)) and not isinstance(value, bool) and kind in ("count", "flag"):
        return number_text(value)
    return str(value)


def next_period_title(period: Period) -> str:
    """Return the title of the period after `period`: quý II → "quý III năm 2023"; a date range → "kỳ tới"."""
    m = _LABEL.match(period.label)
    if not m:
        return "kỳ tới"
    year, part = int(m["year"]), m["part"]
    if part is None:
        return f"năm {year + 1}"
    if part == "H2":
        return f"6 tháng đầu năm {year + 1}"
    if part == "H1":
        return f"6 tháng cuối năm {year}"
    if part == "9M":
        return f"quý IV năm {year}"
    quarter = int(part[1])
    return f"quý I năm {year + 1}" if quarter == 4 else f"quý {_ROMAN[quarter + 1]} năm {year}"


def count_phrase(values, code: str, noun: str) -> str:
    value = values.get(code)
    return NO_DATA if value is None else f"{number_text(value)} {noun}"


def percent_phrase(values, code: str) -> str:
    value = values.get(code)
    return NO_DATA if value is None else percent_text(value)


def capitalized(text: str) -> str:
    return text[:1].upper() + text[1:]


# Each flag as a clause of a sentence whose subject is the unit, by value.
_FLAG_CLAUSES = {
    "1.5": {
        0: "chưa tổ chức đối thoại của lãnh đạo với người dân, cộng đồng doanh nghiệp trên địa bàn",
        1: "đã tổ chức đối thoại của lãnh đạo với người dân, cộng đồng doanh nghiệp trên địa bàn",
    },
    "5.4.1": {
        0: "chưa ban hành kế hoạch tự kiểm tra kỷ luật, kỷ cương hành chính",
        1: "đã ban hành kế hoạch tự kiểm tra kỷ luật, kỷ cương hành chính",
    },
    "6.1": {0: "chưa xây dựng Quy chế chi tiêu nội bộ", 1: "đã xây dựng và thực hiện Quy chế chi tiêu nội bộ"},
    "6.2": {0: "chưa thực hiện Quy chế quản lý tài sản công", 1: "đã thực hiện Quy chế quản lý tài sản công"},
    "7.1": {
        0: "chưa có Hệ thống họp trực tuyến",
        1: "đã xây dựng và vận hành Hệ thống họp trực tuyến 2 cấp",
        2: "đã xây dựng và vận hành Hệ thống họp trực tuyến 3 cấp",
    },
    "7.2.1": {
        0: "chưa kết nối, liên thông Hệ thống quản lý văn bản điều hành từ tỉnh, huyện đến cấp xã",
        1: "đã kết nối, liên thông Hệ thống quản lý văn bản điều hành từ tỉnh, huyện đến cấp xã",
    },
    "7.4.1": {
        0: "chưa kết nối liên thông với Hệ thống thông tin một cửa điện tử cấp huyện, tỉnh",
        1: "đã kết nối liên thông với Hệ thống thông tin một cửa điện tử cấp huyện, tỉnh",
    },
    "7.6": {
        0: "chưa áp dụng Hệ thống quản lý chất lượng theo tiêu chuẩn TCVN ISO 9001:2015",
        1: "tiếp tục duy trì, áp dụng Hệ thống quản lý chất lượng theo tiêu chuẩn TCVN ISO 9001:2015",
    },
}


_FLAG_TOPICS = {
    "1.5": "Tổ chức đối thoại của lãnh đạo với người dân, cộng đồng doanh nghiệp",
    "5.4.1": "Kế hoạch tự kiểm tra kỷ luật, kỷ cương hành chính",
    "6.1": "Quy chế chi tiêu nội bộ",
    "6.2": "Quy chế quản lý tài sản công",
    "7.1": "Hệ thống họp trực tuyến",
    "7.2.1": "Kết nối, liên thông Hệ thống quản lý văn bản điều hành",
    "7.4.1": "Kết nối liên thông với Hệ thống thông tin một cửa điện tử cấp huyện, tỉnh",
    "7.6": "Áp dụng Hệ thống quản lý chất lượng theo tiêu chuẩn TCVN ISO 9001:2015",
}


def flag_sentence(values, code: str, subject: str) -> str:
    """Return the sentence of a flag row: "UBND xã đã …", or "<topic>: chưa có số liệu" when it is null."""
    value = values.get(code)
    clauses = _FLAG_CLAUSES[code]
    if value is None or int(value) not in clauses:
        return f"{_FLAG_TOPICS[code]}: {NO_DATA}."
    return f"{capitalized(subject)} {clauses[int(value)]}."
