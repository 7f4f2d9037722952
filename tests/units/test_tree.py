import datetime as dt

import pytest
from django.db import IntegrityError

from motcua.units.models import Unit, subtree_with_predecessors
from tests.factories import make_tree, make_unit

pytestmark = pytest.mark.django_db


def codes(queryset):
    return sorted(queryset.values_list("code", flat=True))


def test_levels_are_data_seeded_for_both_structures():
    from motcua.units.models import UnitLevel

    assert list(UnitLevel.objects.values_list("code", flat=True)) == ["province", "district", "commune"]


def test_path_and_subtree():
    province, district, commune_a, commune_b, *_ = make_tree()
    assert commune_a.path == "38/388/16003/"
    assert codes(province.subtree()) == ["16003", "16004", "38", "388"]
    assert codes(district.subtree()) == ["16003", "16004", "388"]
    assert codes(commune_a.subtree()) == ["16003"]


def test_ancestors_and_province():
    province, district, commune_a, *_ = make_tree()
    assert [u.code for u in commune_a.ancestors()] == ["388", "38"]
    assert commune_a.province() == province
    assert province.province() == province


def test_two_level_structure_after_2025():
    province, district, commune_a, commune_b, *_ = make_tree()
    merged = make_unit("16999", "Xã Hoằng Lưu mới", "commune", province, "H56.99", valid_from=dt.date(2025, 7, 1))
    assert merged.path == "38/16999/"
    assert codes(province.subtree()) == ["16003", "16004", "16999", "38", "388"]


def test_merged_unit_covers_its_predecessors_transitively():
    province, district, commune_a, commune_b, *_ = make_tree()
    intermediate = make_unit("16500", "Xã trung gian", "commune", district, "H56.20.50")
    merged = make_unit("16999", "Xã mới", "commune", province, "H56.99", valid_from=dt.date(2025, 7, 1))
    commune_a.successors.add(intermediate)
    intermediate.successors.add(merged)
    commune_b.successors.add(merged)
    assert codes(subtree_with_predecessors(merged)) == ["16003", "16004", "16500", "16999"]
    assert codes(subtree_with_predecessors(commune_b)) == ["16004"]


def test_validity_interval():
    province, district, commune_a, *_ = make_tree()
    commune_a.valid_from, commune_a.valid_to = dt.date(2008, 1, 1), dt.date(2025, 6, 30)
    commune_a.save()
    assert commune_a.is_valid_on(dt.date(2025, 6, 30))
    assert not commune_a.is_valid_on(dt.date(2025, 7, 1))
    assert not commune_a.is_valid_on(dt.date(2007, 12, 31))


def test_validity_out_of_order_is_refused_by_the_database():
    province, *_ = make_tree()
    with pytest.raises(IntegrityError):
        make_unit("99999", "Xã sai", "commune", province, valid_from=dt.date(2025, 1, 1), valid_to=dt.date(2024, 1, 1))
