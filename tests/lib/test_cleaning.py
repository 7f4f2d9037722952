"""One rule for control, bidi and zero-width characters at every input."""

import pytest

from motcua.lib.cleaning import UnsafeText, clean_text, printable, problem


def test_ordinary_vietnamese_passes_unchanged():
    assert clean_text("Nguyễn Thị Ánh Tuyết") == "Nguyễn Thị Ánh Tuyết"
    assert problem("Đặng Văn Em") is None


def test_zero_width_characters_are_removed():
    assert clean_text("Ng\u200buyễn\ufeff Văn\u200d An") == "Nguyễn Văn An"


@pytest.mark.parametrize(
    "text, named",
    [
        ("An\x01", "ký tự điều khiển (U+0001)"),
        ("An\x7f", "ký tự điều khiển (U+007F)"),
        ("An\x85", "ký tự điều khiển (U+0085)"),
        ("\u202eAn", "ký tự điều khiển hướng chữ (U+202E)"),
        ("An\u2066", "ký tự điều khiển hướng chữ (U+2066)"),
        ("dòng 1\ndòng 2", "ký tự xuống dòng hoặc tab (U+000A)"),
        ("An\tBình", "ký tự xuống dòng hoặc tab (U+0009)"),
    ],
)
def test_controls_and_bidi_are_refused_naming_the_character(text, named):
    with pytest.raises(UnsafeText) as raised:
        clean_text(text)
    assert str(raised.value) == f"chứa {named}, không được phép"


def test_multiline_fields_take_tab_and_line_breaks_only():
    assert clean_text("dòng 1\r\ndòng 2\tcột", multiline=True) == "dòng 1\r\ndòng 2\tcột"
    with pytest.raises(UnsafeText):
        clean_text("dòng 1\x0bdòng 2", multiline=True)
    with pytest.raises(UnsafeText):
        clean_text("\u202edòng", multiline=True)


def test_printable_drops_what_the_rule_refuses_keeping_line_breaks():
    assert printable("A\x01n\u202e\u200b\nB\tC") == "An\nB\tC"


def test_loads_refuse_zero_width_rather_than_change_the_line():
    assert problem("A\u200bn") is None
    assert problem("A\u200bn", zero_width_ok=False) == "chứa ký tự vô hình (U+200B), không được phép"
