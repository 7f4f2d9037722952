"""The appendix 01b rows as data: codes in the table's order, kinds, legends and sources."""

from motcua.reports.indicators import BY_CODE, INDICATORS, VALUE_CODES


def test_values_are_every_row_but_headings_in_order():
    headings = [row.code for row in INDICATORS if row.kind == "heading"]
    assert headings == ["1", "1.2", "1.3", "1.4", "2", "3", "3.2", "3.3", "3.4", "4", "5"]
    assert len(VALUE_CODES) == 64
    assert VALUE_CODES[:3] == ("1.1", "1.1.1", "1.1.2")
    assert VALUE_CODES[VALUE_CODES.index("3.3.2") : VALUE_CODES.index("3.3.2") + 7] == (
        "3.3.2", "3.3.2.a", "3.3.2.b", "3.3.2.c", "3.3.2.d", "3.3.3", "3.3.4"
    )
    assert VALUE_CODES[-1] == "7.6"


def test_labels_units_and_kinds_as_printed():
    row = BY_CODE["3.3.1.c"]
    assert (row.label, row.unit, row.kind, row.source) == (
        "Tiếp nhận trực tuyến mức độ 3 (một phần)", "", "count", "dossiers"
    )
    row = BY_CODE["3.2.4"]
    assert (row.label, row.unit, row.kind) == (
        "Tỷ lệ TTHC đã được phê duyệt quy trình nội bộ (theo tiêu chuẩn ISO)", "%", "percent"
    )
    assert (BY_CODE["1.1"].kind, BY_CODE["1.1"].source) == ("text", "register")
    assert BY_CODE["3.3.2.d"].label == "Giải quyết trực tuyến mức độ 4"


def test_flag_legends():
    assert BY_CODE["1.4.2"].legend == {0: "Trực tuyến", 1: "Phát phiếu", 2: "Kết hợp"}
    assert BY_CODE["7.1"].legend == {0: "Chưa có", 1: "2 cấp", 2: "3 cấp"}
    assert BY_CODE["5.4.1"].legend_text() == "Có = 1, Không = 0"
    flags = [row.code for row in INDICATORS if row.kind == "flag"]
    assert flags == ["1.4.2", "1.5", "5.4.1", "6.1", "6.2", "7.1", "7.2.1", "7.4.1", "7.6"]


def test_sources():
    by_source = {}
    for row in INDICATORS:
        if row.has_value:
            by_source.setdefault(row.source, []).append(row.code)
    assert by_source["register + dossiers"] == ["1.4.1", "1.4.2"]
    assert by_source["manual"] == ["6.1", "6.2", "7.1", "7.2.1", "7.4.1", "7.6"]
    assert len(by_source["dossiers"]) == 15 and len(by_source["catalog"]) == 13
    assert all(BY_CODE[code].computed for code in by_source["catalog"] + by_source["dossiers"] + ["1.4.1"])
    assert all(BY_CODE[code].entered for code in by_source["register"] + by_source["manual"])
