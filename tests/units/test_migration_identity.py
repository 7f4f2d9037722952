"""The data migration: every existing unit keeps its code as its stable id (paths unchanged) and gets one designation."""

import datetime as dt

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE, AFTER = [("units", "0002_levels")], [("units", "0003_unit_identity_and_designations")]


def _migrate(target):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(target)
    return executor.loader.project_state(target).apps


def test_existing_units_get_their_code_as_id_and_one_designation():
    old = _migrate(BEFORE)
    try:
        Unit, Level = old.get_model("units", "Unit"), old.get_model("units", "UnitLevel")
        province = Unit.objects.create(code="38", name="Tỉnh Thanh Hóa", level=Level.objects.get(code="province"), path="38/")
        Unit.objects.create(code="15976", name="Xã Hoằng Lưu", level=Level.objects.get(code="commune"), parent=province,
                            path="38/15976/", valid_to=dt.date(2025, 6, 30))
        new = _migrate(AFTER)
        Unit = new.get_model("units", "Unit")
        assert sorted(Unit.objects.values_list("uid", "code", "path")) == [("15976", "15976", "38/15976/"), ("38", "38", "38/")]
        rows = new.get_model("units", "UnitDesignation").objects.values_list("unit__uid", "code", "name", "valid_from", "valid_to")
        assert sorted(rows) == [("15976", "15976", "Xã Hoằng Lưu", None, dt.date(2025, 6, 30)), ("38", "38", "Tỉnh Thanh Hóa", None, None)]
    finally:
        _migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())
