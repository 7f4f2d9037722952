"""Successors see their predecessors' records; predecessors' users and strangers do not see more."""

import datetime as dt

import pytest

from motcua.accounts.models import Role
from motcua.accounts.scoping import can_act_for, scoped, visible_units
from motcua.catalog.models import Procedure
from motcua.dossiers.models import Dossier
from motcua.units.models import Unit
from tests.factories import make_tree, make_unit, make_user

pytestmark = pytest.mark.django_db

JULY_2025 = dt.date(2025, 7, 1)


def names(queryset):
    return sorted(queryset.values_list("name", flat=True))


@pytest.fixture
def merged():
    """Hoằng Lưu (16003) and Hoằng Phụ (16004) → new Hoằng Châu, which takes the code 16003; Nghệ An apart."""
    province, district, luu, phu, other_province, other_commune = make_tree()
    for unit in (district, luu, phu):
        unit.valid_to = dt.date(2025, 6, 30)
        unit.save()
    chau = make_unit("16003", "Xã Hoằng Châu", "commune", province, "H56.83", valid_from=JULY_2025)
    luu.successors.add(chau)
    phu.successors.add(chau)
    return province, district, luu, phu, chau, other_commune


@pytest.mark.parametrize("role", [Role.DESK_OFFICER, Role.SPECIALIST, Role.LEADER])
def test_successor_staff_see_their_unit_and_its_predecessors(merged, role):
    province, district, luu, phu, chau, other = merged
    user = make_user("chau", chau, role)
    assert names(visible_units(user)) == ["Xã Hoằng Châu", "Xã Hoằng Lưu", "Xã Hoằng Phụ"]
    assert can_act_for(user, luu)
    assert not can_act_for(user, district)


def test_predecessors_are_followed_transitively(merged):
    province, district, luu, phu, chau, other = merged
    later = make_unit("16100", "Phường Hoằng Hóa", "commune", province, "H56.90", valid_from=dt.date(2030, 1, 1))
    chau.successors.add(later)
    user = make_user("phuong", later, Role.LEADER)
    assert names(visible_units(user)) == ["Phường Hoằng Hóa", "Xã Hoằng Châu", "Xã Hoằng Lưu", "Xã Hoằng Phụ"]


def test_predecessors_own_users_do_not_see_the_successor(merged):
    province, district, luu, phu, chau, other = merged
    assert names(visible_units(make_user("luu", luu, Role.LEADER))) == ["Xã Hoằng Lưu"]
    # The old district's oversight sees its old communes, not the new commune under the province.
    assert names(visible_units(make_user("huyen", district, Role.OVERSIGHT))) == [
        "Huyện Hoằng Hóa", "Xã Hoằng Lưu", "Xã Hoằng Phụ"
    ]


def test_strangers_see_nothing_of_the_merger(merged):
    province, district, luu, phu, chau, other = merged
    stranger = make_user("nghiloc", other, Role.LEADER)
    assert names(visible_units(stranger)) == ["Xã Nghi Lộc"]
    assert not can_act_for(stranger, chau) and not can_act_for(stranger, luu)
    nghe_an = make_user("nghean", Unit.objects.get(uid="40"), Role.OVERSIGHT)
    assert names(visible_units(nghe_an)) == ["Tỉnh Nghệ An", "Xã Nghi Lộc"]


def test_oversight_of_a_successor_sees_below_the_predecessors(merged):
    """A district replaced by a district: the new one's oversight sees the old one's communes."""
    province, district, luu, phu, chau, other = merged
    new_district = make_unit("389", "Thị xã Hoằng Hóa", "district", province, "H56.21", valid_from=JULY_2025)
    district.successors.add(new_district)
    user = make_user("thixa", new_district, Role.OVERSIGHT)
    assert names(visible_units(user)) == ["Huyện Hoằng Hóa", "Thị xã Hoằng Hóa", "Xã Hoằng Lưu", "Xã Hoằng Phụ"]


def make_dossier(unit, code):
    from tests.desk.conftest import make_procedure

    procedure = Procedure.objects.filter(code="1.001193").first() or make_procedure()
    received = dt.datetime(2023, 4, 12, 8, 30, tzinfo=dt.timezone.utc)
    return Dossier.objects.create(
        code=code, unit=unit, procedure=procedure, channel="counter", received_at=received, due_at=received,
        applicant_kind="citizen", applicant_name="Nguyễn Văn A",
    )


def test_records_of_predecessors_are_scoped_to_the_successor(merged):
    province, district, luu, phu, chau, other = merged
    old = make_dossier(luu, "H56.20.03-230412-0001")
    own = make_dossier(chau, "H56.83-250801-0001")
    make_dossier(other, "H40.01-230412-0001")
    assert sorted(scoped(Dossier.objects.all(), make_user("chau", chau, Role.LEADER)).values_list("code", flat=True)) == [
        old.code, own.code
    ]
    assert list(scoped(Dossier.objects.all(), make_user("luu", luu, Role.LEADER)).values_list("code", flat=True)) == [
        old.code
    ]
    assert not scoped(Dossier.objects.all(), make_user("nghiloc", other, Role.LEADER)).filter(
        unit__in=[luu, chau]
    ).exists()
