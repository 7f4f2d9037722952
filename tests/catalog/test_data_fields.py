"""A procedure's own data fields: the definitions' check and the values' check, worked by hand (pure code, no database)."""

import datetime as dt

from motcua.catalog.data_fields import check_definitions, check_values, labelled

BIRTH = [
    {"key": "child_name", "label": "Họ, chữ đệm, tên người được khai sinh", "type": "text", "required": True, "max": 100},
    {"key": "child_sex", "label": "Giới tính", "type": "choice", "required": True,
     "choices": [{"value": "nam", "label": "Nam"}, {"value": "nu", "label": "Nữ"}]},
    {"key": "birth_date", "label": "Ngày, tháng, năm sinh", "type": "date", "required": True, "max": "today"},
    {"key": "father_name", "label": "Họ, chữ đệm, tên người cha", "type": "text"},
]
COPIES = [
    {"key": "pages", "label": "Số trang của bản chính", "type": "integer", "required": True, "min": 1, "max": 500},
    {"key": "copies", "label": "Số bản sao", "type": "integer", "required": True, "min": 1, "max": 100},
    {"key": "urgent", "label": "Cần lấy ngay", "type": "boolean"},
]
DAY = dt.date(2026, 3, 10)


def definitions(items):
    clean, problems = check_definitions(items)
    assert problems == [], [p.text() for p in problems]
    return clean


# ---------------------------------------------------------------- definitions


def test_definitions_come_out_canonical():
    clean = definitions(BIRTH)
    # "required" is always written (false when absent); the KEYS order; choices as objects.
    assert clean[3] == {"key": "father_name", "label": "Họ, chữ đệm, tên người cha", "type": "text", "required": False}
    assert list(clean[1]) == ["key", "label", "type", "required", "choices"]
    # A choice given as a string is its own value and label.
    short = definitions([{"key": "sex", "label": "Giới tính", "type": "choice", "choices": ["Nam", "Nữ"]}])
    assert short[0]["choices"] == [{"value": "Nam", "label": "Nam"}, {"value": "Nữ", "label": "Nữ"}]
    # Checking the canonical list again changes nothing.
    assert definitions(clean) == clean


def test_each_bad_definition_is_named_by_its_item_attribute_and_key():
    items = [
        {"key": "Child Name", "label": "Tên", "type": "text"},
        {"key": "sex", "label": "Giới tính", "type": "number"},
        {"key": "sex", "label": "Giới tính", "type": "choice"},
        {"key": "pages", "label": "Số trang", "type": "integer", "min": 10, "max": 2},
        {"key": "note", "label": "", "type": "text", "colour": "đỏ"},
    ]
    clean, problems = check_definitions(items)
    assert clean == []
    texts = [p.text() for p in problems]
    assert texts == [
        'trường "data_fields[0].key" (mục «Child Name») phải là mã gồm chữ thường không dấu, chữ số và «_», '
        'bắt đầu bằng chữ, tối đa 40 ký tự; nhận được "Child Name"',
        'trường "data_fields[1].type" (mục «sex») có kiểu không hợp lệ "number" (cho phép: text, date, integer, choice, boolean)',
        'trường "data_fields[2].key" (mục «sex») lặp lại mã "sex" của mục data_fields[1]',
        'trường "data_fields[2].choices" (mục «sex») mục kiểu «choice» cần danh sách lựa chọn (tối đa 50); nhận được null',
        'trường "data_fields[3].max" (mục «pages») (2) nhỏ hơn min (10)',
        'trường "data_fields[4].colour" (mục «note») không phải thuộc tính của mục dữ liệu '
        "(cho phép: key, label, type, required, choices, min, max, help)",
        'trường "data_fields[4].label" (mục «note») cần ghi nhãn tiếng Việt (tối đa 200 ký tự, một dòng); nhận được ""',
    ]


def test_bounds_belong_to_their_types():
    _, problems = check_definitions([
        {"key": "ok", "label": "Đồng ý", "type": "boolean", "max": 1},
        {"key": "born", "label": "Ngày sinh", "type": "date", "min": "05/03/2024"},
    ])
    assert [(p.index, p.attribute) for p in problems] == [(0, "max"), (1, "min")]
    assert "không có giới hạn min/max" in problems[0].message


# ---------------------------------------------------------------- values


def test_good_values_are_kept_in_the_definitions_order_and_blanks_left_out():
    clean, errors = check_values(
        definitions(BIRTH),
        {"birth_date": "2026-03-05", "child_sex": "nu", "child_name": "  Nguyễn Thị Hoa ", "father_name": ""},
        today=DAY,
    )
    assert errors == {}
    assert clean == {"child_name": "Nguyễn Thị Hoa", "child_sex": "nu", "birth_date": "2026-03-05"}
    assert list(clean) == ["child_name", "child_sex", "birth_date"]


def test_required_missing_bad_date_and_unknown_choice():
    _, errors = check_values(definitions(BIRTH), {"child_sex": "khac", "birth_date": "2026-02-30"}, today=DAY)
    assert errors == {
        "child_name": "cần ghi «Họ, chữ đệm, tên người được khai sinh»",
        "child_sex": '«Giới tính» không có lựa chọn "khac" (chọn một trong: Nam, Nữ)',
        # 30 February does not exist.
        "birth_date": '«Ngày, tháng, năm sinh» phải là ngày có thật dạng YYYY-MM-DD, nhận được "2026-02-30"',
    }


def test_a_birth_after_the_day_of_receipt_is_refused():
    # max "today" is the day of receipt: 11/03/2026 is one day after 10/03/2026.
    _, errors = check_values(definitions(BIRTH), {"child_name": "A", "child_sex": "nam", "birth_date": "2026-03-11"}, today=DAY)
    assert errors == {"birth_date": "«Ngày, tháng, năm sinh» không được sau hôm nay, nhận được 11/03/2026"}


def test_integer_out_of_range_wrong_type_and_unknown_key():
    _, errors = check_values(definitions(COPIES), {"pages": 0, "copies": "3", "colour": "đỏ"})
    assert errors == {
        "colour": 'thủ tục không có mục dữ liệu "colour" (có: pages, copies, urgent)',
        # 0 < min 1.
        "pages": "«Số trang của bản chính» phải từ 1 đến 500, nhận được 0",
        # A number written as text is not an integer in JSON.
        "copies": '«Số bản sao» phải là số nguyên, nhận được "3"',
    }
    # 501 > max 500; true is not a number.
    _, errors = check_values(definitions(COPIES), {"pages": 501, "copies": True})
    assert errors["pages"] == "«Số trang của bản chính» phải từ 1 đến 500, nhận được 501"
    assert errors["copies"] == "«Số bản sao» phải là số nguyên, nhận được true"


def test_a_loaded_record_is_not_asked_for_required_values():
    clean, errors = check_values(definitions(COPIES), {"urgent": False}, require=False)
    assert (clean, errors) == ({"urgent": False}, {})


def test_values_are_written_as_people_read_them():
    rows = labelled(definitions(BIRTH + COPIES), {"birth_date": "2026-03-05", "child_sex": "nu", "urgent": True, "old": 3})
    assert [(r["label"], r["value"]) for r in rows] == [
        ("Giới tính", "Nữ"),
        ("Ngày, tháng, năm sinh", "05/03/2026"),
        ("Cần lấy ngay", "Có"),
        # A key the catalog no longer defines is still shown, under its key.
        ("old", "3"),
    ]
