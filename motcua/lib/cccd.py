"""Citizen identity numbers (căn cước công dân / số định danh cá nhân) and masking helpers.

Pure code. A 12-digit number is: 3 digits of birth-province code, 1 digit of
century and sex (1900s: 0 male, 1 female; 2000s: 2/3; 2100s: 4/5), 2 digits
of birth year, 6 digits of serial (rules.md, "Citizen identity numbers").
Only the structure can be checked: no checksum exists.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

# The 63 province codes of the birth-registration list (Thông tư 59/2021/TT-BCA),
# valid for numbers issued before and after the 2025 province mergers.
PROVINCES: dict[str, str] = {
    "001": "Hà Nội",
    "002": "Hà Giang",
    "004": "Cao Bằng",
    "006": "Bắc Kạn",
    "008": "Tuyên Quang",
    "010": "Lào Cai",
    "011": "Điện Biên",
    "012": "Lai Châu",
    "014": "Sơn La",
    "015": "Yên Bái",
    "017": "Hòa Bình",
    "019": "Thái Nguyên",
    "020": "Lạng Sơn",
    "022": "Quảng Ninh",
    "024": "Bắc Giang",
    "025": "Phú Thọ",
    "026": "Vĩnh Phúc",
    "027": "Bắc Ninh",
    "030": "Hải Dương",
    "031": "Hải Phòng",
    "033": "Hưng Yên",
    "034": "Thái Bình",
    "035": "Hà Nam",
    "036": "Nam Định",
    "037": "Ninh Bình",
    "038": "Thanh Hóa",
    "040": "Nghệ An",
    "042": "Hà Tĩnh",
    "044": "Quảng Bình",
    "045": "Quảng Trị",
    "046": "Thừa Thiên Huế",
    "048": "Đà Nẵng",
    "049": "Quảng Nam",
    "051": "Quảng Ngãi",
    "052": "Bình Định",
    "054": "Phú Yên",
    "056": "Khánh Hòa",
    "058": "Ninh Thuận",
    "060": "Bình Thuận",
    "062": "Kon Tum",
    "064": "Gia Lai",
    "066": "Đắk Lắk",
    "067": "Đắk Nông",
    "068": "Lâm Đồng",
    "070": "Bình Phước",
    "072": "Tây Ninh",
    "074": "Bình Dương",
    "075": "Đồng Nai",
    "077": "Bà Rịa - Vũng Tàu",
    "079": "TP Hồ Chí Minh",
    "080": "Long An",
    "082": "Tiền Giang",
    "083": "Bến Tre",
    "084": "Trà Vinh",
    "086": "Vĩnh Long",
    "087": "Đồng Tháp",
    "089": "An Giang",
    "091": "Kiên Giang",
    "092": "Cần Thơ",
    "093": "Hậu Giang",
    "094": "Sóc Trăng",
    "095": "Bạc Liêu",
    "096": "Cà Mau",
}

MALE = "male"
FEMALE = "female"

# 4th digit → (century, sex).
_CENTURY_SEX: dict[str, tuple[int, str]] = {
    "0": (1900, MALE),
    "1": (1900, FEMALE),
    "2": (2000, MALE),
    "3": (2000, FEMALE),
    "4": (2100, MALE),
    "5": (2100, FEMALE),
}


@dataclass(frozen=True)
class CccdInfo:
    number: str
    province_code: str
    province_name: str
    sex: str  # "male" | "female"
    birth_year: int
    serial: str


def parse_cccd(number: str, today: dt.date | None = None) -> CccdInfo:
    """Decode a 12-digit identity number; raise ValueError with a Vietnamese reason when it is malformed."""
    if not isinstance(number, str):
        raise ValueError("số định danh phải là một chuỗi 12 chữ số")
    if len(number) != 12 or not (number.isascii() and number.isdigit()):
        raise ValueError("số định danh phải gồm đúng 12 chữ số")
    province = number[:3]
    if province not in PROVINCES:
        raise ValueError(f"mã tỉnh nơi đăng ký khai sinh {province} không có trong danh sách 63 tỉnh, thành phố")
    century_sex = _CENTURY_SEX.get(number[3])
    if century_sex is None:
        raise ValueError(f"chữ số thế kỷ và giới tính {number[3]} không hợp lệ (cho phép 0–5)")
    century, sex = century_sex
    birth_year = century + int(number[4:6])
    this_year = (today or dt.date.today()).year
    if birth_year > this_year:
        raise ValueError(f"năm sinh {birth_year} sau năm hiện tại {this_year}")
    return CccdInfo(number, province, PROVINCES[province], sex, birth_year, number[6:])


def validate_cccd(number: str, today: dt.date | None = None) -> str | None:
    """Return None when `number` is a structurally valid CCCD number, else the reason (Vietnamese)."""
    try:
        parse_cccd(number, today)
    except ValueError as exc:
        return str(exc)
    return None


def mask_id_number(number: str | None, visible: int = 4) -> str:
    """Hide all but the last `visible` characters: "038090001234" → "********1234"."""
    if not number:
        return ""
    number = str(number)
    if len(number) <= visible:
        return "*" * len(number)
    return "*" * (len(number) - visible) + number[-visible:]


def mask_phone(phone: str | None) -> str:
    """Keep the first 4 and last 3 digits: "0912345678" → "0912***678"."""
    if not phone:
        return ""
    phone = str(phone)
    if len(phone) <= 7:
        return phone[:2] + "*" * (len(phone) - 2) if len(phone) > 2 else "*" * len(phone)
    return phone[:4] + "*" * (len(phone) - 7) + phone[-3:]
