import pytest
from django.contrib.auth.models import AnonymousUser

from motcua.accounts.models import Role, User
from motcua.accounts.scoping import can_act_for, scoped, visible_units
from motcua.units.models import Unit
from tests.factories import make_tree, make_user

pytestmark = pytest.mark.django_db


def codes(queryset):
    return sorted(queryset.values_list("code", flat=True))


@pytest.fixture
def tree():
    return make_tree()


@pytest.mark.parametrize("role", [Role.DESK_OFFICER, Role.SPECIALIST, Role.LEADER])
def test_commune_staff_see_only_their_unit(tree, role):
    commune_a = tree[2]
    user = make_user("officer", commune_a, role)
    assert codes(visible_units(user)) == ["16003"]


def test_district_oversight_sees_its_communes_not_the_province_or_others(tree):
    district = tree[1]
    user = make_user("huyen", district, Role.OVERSIGHT)
    assert codes(visible_units(user)) == ["16003", "16004", "388"]


def test_province_oversight_sees_its_whole_tree_only(tree):
    province = tree[0]
    user = make_user("tinh", province, Role.OVERSIGHT)
    assert codes(visible_units(user)) == ["16003", "16004", "38", "388"]


def test_user_without_unit_sees_nothing(tree):
    user = User.objects.create_user(username="lost", password="x-test-pass")
    assert codes(visible_units(user)) == []
    assert codes(visible_units(AnonymousUser())) == []


def test_scoped_filters_any_queryset_by_unit_field(tree):
    province, district, commune_a, commune_b, *_ = tree
    user = make_user("officer", commune_b, Role.DESK_OFFICER)
    # Units themselves: scoping on the primary key.
    assert codes(scoped(Unit.objects.all(), user, field="pk")) == ["16004"]
    assert codes(scoped(Unit.objects.all(), AnonymousUser(), field="pk")) == []


def test_can_act_for_checks_unit_and_role(tree):
    province, district, commune_a, commune_b, other_province, other_commune = tree
    officer = make_user("officer", commune_a, Role.DESK_OFFICER)
    assert can_act_for(officer, commune_a)
    assert not can_act_for(officer, commune_b)
    assert not can_act_for(officer, commune_a, roles={Role.LEADER})
    oversight = make_user("huyen", district, Role.OVERSIGHT)
    assert can_act_for(oversight, commune_b)
    assert not can_act_for(oversight, other_commune)
