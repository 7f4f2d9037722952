"""Small builders for test data: a province → district → commune tree and users."""

from motcua.accounts.models import User
from motcua.units.models import Unit, UnitLevel


def level(code: str) -> UnitLevel:
    return UnitLevel.objects.get(code=code)


def make_unit(code, name, level_code, parent=None, agency_id="", **extra) -> Unit:
    return Unit.objects.create(
        code=code, name=name, level=level(level_code), parent=parent, agency_id=agency_id, **extra
    )


def make_tree():
    """Build Thanh Hóa → Hoằng Hóa → two communes, and Nghệ An → one commune."""
    province = make_unit("38", "Tỉnh Thanh Hóa", "province", agency_id="H56")
    district = make_unit("388", "Huyện Hoằng Hóa", "district", province, "H56.20")
    commune_a = make_unit("16003", "Xã Hoằng Lưu", "commune", district, "H56.20.03")
    commune_b = make_unit("16004", "Xã Hoằng Phụ", "commune", district, "H56.20.04")
    other_province = make_unit("40", "Tỉnh Nghệ An", "province", agency_id="H40")
    other_commune = make_unit("17001", "Xã Nghi Lộc", "commune", other_province, "H40.01")
    return province, district, commune_a, commune_b, other_province, other_commune


def make_user(username, unit, role, **extra) -> User:
    return User.objects.create_user(username=username, password="x-test-pass", unit=unit, role=role, **extra)
