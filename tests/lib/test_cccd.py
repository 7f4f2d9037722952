"""Citizen identity numbers: structure checks worked out by hand, and masking."""

import datetime as dt

import pytest

from motcua.lib.cccd import FEMALE, MALE, PROVINCES, mask_id_number, mask_phone, parse_cccd, validate_cccd

TODAY = dt.date(2025, 6, 1)


def test_the_official_list_has_63_provinces():
    assert len(PROVINCES) == 63
    assert PROVINCES["038"] == "Thanh Hóa"
    assert PROVINCES["079"] == "TP Hồ Chí Minh"
    assert PROVINCES["096"] == "Cà Mau"


def test_a_number_decoded_by_hand():
    # 038 Thanh Hóa | 0 = 1900s, male | 90 → 1990 | 001234 serial
    info = parse_cccd("038090001234", TODAY)
    assert (info.province_code, info.province_name, info.sex, info.birth_year, info.serial) == (
        "038", "Thanh Hóa", MALE, 1990, "001234",
    )
    assert validate_cccd("038090001234", TODAY) is None


@pytest.mark.parametrize(
    "number,province,sex,year",
    [
        ("001185000001", "Hà Nội", FEMALE, 1985),  # 1 = 1900s female
        ("079303000123", "TP Hồ Chí Minh", FEMALE, 2003),  # 3 = 2000s female
        ("096224999999", "Cà Mau", MALE, 2024),  # 2 = 2000s male
        ("046000000000", "Thừa Thiên Huế", MALE, 1900),
    ],
)
def test_valid_numbers(number, province, sex, year):
    info = parse_cccd(number, TODAY)
    assert (info.province_name, info.sex, info.birth_year) == (province, sex, year)


@pytest.mark.parametrize(
    "number,reason",
    [
        ("03809000123", "số định danh phải gồm đúng 12 chữ số"),
        ("0380900012345", "số định danh phải gồm đúng 12 chữ số"),
        ("03809000123a", "số định danh phải gồm đúng 12 chữ số"),
        ("０３８０９０００１２３４", "số định danh phải gồm đúng 12 chữ số"),  # full-width digits
        ("003090001234", "mã tỉnh nơi đăng ký khai sinh 003 không có trong danh sách 63 tỉnh, thành phố"),
        ("097090001234", "mã tỉnh nơi đăng ký khai sinh 097"),
        ("038690001234", "chữ số thế kỷ và giới tính 6 không hợp lệ (cho phép 0–5)"),
        ("038990001234", "chữ số thế kỷ và giới tính 9 không hợp lệ"),
        ("038230001234", "năm sinh 2030 sau năm hiện tại 2025"),
        ("038400001234", "năm sinh 2100 sau năm hiện tại 2025"),
    ],
)
def test_invalid_numbers(number, reason):
    assert reason in validate_cccd(number, TODAY)


def test_birth_year_is_checked_against_today():
    assert validate_cccd("038225001234", TODAY) is None  # born 2025, this year
    assert validate_cccd("038226001234", TODAY) == "năm sinh 2026 sau năm hiện tại 2025"
    assert validate_cccd("038226001234", dt.date(2026, 1, 1)) is None
    assert validate_cccd(None) == "số định danh phải là một chuỗi 12 chữ số"


def test_masks():
    assert mask_id_number("038090001234") == "********1234"
    assert mask_id_number("") == ""
    assert mask_id_number("123") == "***"
    assert mask_phone("0912345678") == "0912***678"
    assert mask_phone("02373852123") == "0237****123"
    assert mask_phone(None) == ""
    assert mask_phone("12345") == "12***"
