"""Diacritic folding and accent-insensitive patterns for Vietnamese search."""

import re
import unicodedata

import pytest

from motcua.lib.text import accent_insensitive_pattern, fold_vietnamese, matches_all, search_terms


@pytest.mark.parametrize(
    "text, folded",
    [
        ("Đăng ký khai sinh", "dang ky khai sinh"),
        ("ĐĂNG KÝ KẾT HÔN", "dang ky ket hon"),
        ("Chứng thực bản sao từ bản chính", "chung thuc ban sao tu ban chinh"),
        ("Nguyễn Thị Ánh Tuyết", "nguyen thi anh tuyet"),
        ("Ủy ban nhân dân xã Hoằng Lưu", "uy ban nhan dan xa hoang luu"),
        ("Giỗ Tổ Hùng Vương", "gio to hung vuong"),
        ("đường Lê Lợi", "duong le loi"),
        ("1.001193", "1.001193"),
        ("", ""),
    ],
)
def test_fold_removes_every_vietnamese_diacritic_and_lowercases(text, folded):
    assert fold_vietnamese(text) == folded


def test_fold_treats_decomposed_and_precomposed_text_alike():
    text = "Trường Đại học Bách khoa"
    assert fold_vietnamese(unicodedata.normalize("NFD", text)) == fold_vietnamese(text) == "truong dai hoc bach khoa"


def test_search_terms_and_matches_all():
    terms = search_terms("  dang KY   khai ")
    assert terms == ["dang", "ky", "khai"]
    assert matches_all(terms, "1.001193", "Thủ tục đăng ký khai sinh")
    assert not matches_all(search_terms("dang ky ket hon"), "Thủ tục đăng ký khai sinh")
    assert matches_all(search_terms("001193"), "1.001193", "Đăng ký khai sinh")


@pytest.mark.parametrize("name", ["Nguyễn Văn An", "NGUYỄN VĂN AN", "nguyen van an", "Nguyen Van An"])
def test_accent_insensitive_pattern_matches_any_spelling(name):
    for term in ("nguyen", "Nguyễn", "NGUYEN", "văn"):
        assert re.search(accent_insensitive_pattern(term), name), (term, name)


def test_accent_insensitive_pattern_does_not_match_other_words():
    assert not re.search(accent_insensitive_pattern("hung"), "Nguyễn Văn Bình")
    assert re.search(accent_insensitive_pattern("hung"), "Nguyễn Văn Hùng")
    # Regular-expression characters are literal.
    assert re.search(accent_insensitive_pattern("a.b"), "xa.by")
    assert not re.search(accent_insensitive_pattern("a.b"), "axb")


def test_accent_insensitive_pattern_classes_hold_single_letters_only():
    for term in "abcdefghijklmnopqrstuvwxyz":
        pattern = accent_insensitive_pattern(term)
        assert not any(unicodedata.combining(ch) for ch in pattern)
