"""The history's details read in Vietnamese: labels for the stored keys, "before → after" for changes."""

from motcua.administration.templatetags.admin_names import details_lines


def test_changes_read_before_and_after():
    details = {"legal_duration_value": [3, 5], "online": ["none", "full"], "units": [["16003"], ["16003", "16004"]], "fee": ["", "Miễn lệ phí"]}
    assert details_lines(details) == [
        ("thời hạn theo quy định", "3 → 5"),
        ("trực tuyến", "Không trực tuyến → Trực tuyến toàn trình (mức độ 4)"),
        ("đơn vị áp dụng", "16003 → 16003; 16004"),
        ("phí, lệ phí", "— → Miễn lệ phí"),
    ]


def test_steps_show_their_count_and_the_new_list():
    details = {"steps": [[["Tiếp nhận", "desk_officer", "2.00"]], [["Tiếp nhận", "desk_officer", "2.00"], ["Thẩm định", "specialist", "1.50"]]]}
    assert details_lines(details) == [("các bước", "1 bước → 2 bước: Tiếp nhận (2 giờ) / Thẩm định (1,5 giờ)")]


def test_plain_values_of_a_creation():
    assert details_lines({"username": "tiepnhan2", "role": "desk_officer"}) == [
        ("tên đăng nhập", "tiepnhan2"),
        ("vai trò", "Cán bộ một cửa"),
    ]
