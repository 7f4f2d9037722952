"""People are named in Vietnamese order everywhere: family and middle names, then the given name."""

import pytest

from motcua.accounts.models import User


@pytest.mark.parametrize(
    ("last_name", "first_name", "expected"),
    [
        ("Lê Văn", "Minh", "Lê Văn Minh"),
        ("Nguyễn Thị", "Hoa", "Nguyễn Thị Hoa"),
        ("", "Hoa", "Hoa"),
        (" Trịnh ", " Bình ", "Trịnh Bình"),
        ("", "", ""),
    ],
)
def test_full_name_puts_family_name_first(last_name, first_name, expected):
    assert User(username="u", last_name=last_name, first_name=first_name).get_full_name() == expected


def test_str_falls_back_to_login_name():
    assert str(User(username="tiepnhan")) == "tiepnhan"
    assert str(User(username="tiepnhan", last_name="Lê Văn", first_name="Minh")) == "Lê Văn Minh"
