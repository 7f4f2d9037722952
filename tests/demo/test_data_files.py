"""The demo's units and procedures files: real codes, realistic catalog, loadable."""

import datetime as dt
import json
import re
from decimal import Decimal

import pytest

from motcua.accounts.models import Role
from motcua.demo import install

# National procedure codes (mã TTHC) look like 1.001193 or 2.000815.
NATIONAL_CODE = re.compile(r"^[1-9]\.\d{6}$")


def _read(path):
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


PROCEDURES = _read(install.PROCEDURES_FILE)
UNITS = _read(install.UNITS_FILE)


def committed_hours(proc) -> Decimal:
    duration = proc.get("reduced_duration") or proc["legal_duration"]
    value, unit = duration["value"], duration["unit"]
    if unit == "working_hour":
        return Decimal(value)
    if unit == "working_day":
        return Decimal(8 * value)
    if unit == "same_day":
        return Decimal(8)
    # Calendar days: only the working days among them count (5 of 7).
    return Decimal(8 * (value * 5 // 7))


def test_catalog_has_at_least_30_procedures_in_at_least_8_fields():
    assert len(PROCEDURES) >= 30
    assert len({p["field"]["code"] for p in PROCEDURES}) >= 8


def test_procedure_codes_are_unique_national_codes():
    codes = [p["code"] for p in PROCEDURES]
    assert len(codes) == len(set(codes))
    assert [c for c in codes if not NATIONAL_CODE.match(c)] == []


def test_well_known_procedures_carry_their_national_codes():
    names = {p["code"]: p["name"] for p in PROCEDURES}
    assert names["1.001193"] == "Thủ tục đăng ký khai sinh"
    assert names["1.000894"] == "Thủ tục đăng ký kết hôn"
    assert names["2.000815"].startswith("Thủ tục chứng thực bản sao từ bản chính")


def test_land_and_construction_fields_are_marked():
    kinds = {p["field"]["kind"] for p in PROCEDURES if p["field"].get("kind")}
    assert kinds == {"land", "construction"}


def test_every_step_role_is_a_user_role():
    roles = {step["role"] for p in PROCEDURES for step in p["internal_process"]["steps"]}
    assert roles <= set(Role.values)


def test_each_procedure_has_two_to_five_steps_received_and_returned_at_the_desk():
    for proc in PROCEDURES:
        steps = proc["internal_process"]["steps"]
        assert 2 <= len(steps) <= 5, proc["code"]
        assert steps[0]["role"] == "desk_officer", proc["code"]


def test_steps_fit_in_the_committed_duration():
    for proc in PROCEDURES:
        total = sum(Decimal(str(s["working_hours"])) for s in proc["internal_process"]["steps"])
        assert total <= committed_hours(proc), proc["code"]


def test_reduced_durations_cut_30_to_60_percent():
    reduced = [p for p in PROCEDURES if p.get("reduced_duration")]
    assert len(reduced) >= 5
    for proc in reduced:
        legal, cut = proc["legal_duration"], proc["reduced_duration"]
        assert legal["unit"] == cut["unit"] == "working_day", proc["code"]
        assert 0.3 <= 1 - cut["value"] / legal["value"] <= 0.6, proc["code"]


def test_catalog_exercises_mechanisms_online_levels_and_dates():
    assert {p["mechanism"] for p in PROCEDURES} == {"one_stop", "interlinked_same_level", "interlinked_across_levels"}
    assert {p["online"] for p in PROCEDURES} == {"none", "partial", "full"}
    announced = [dt.date.fromisoformat(p["announced_on"]) for p in PROCEDURES]
    assert sum(dt.date(2023, 4, 1) <= d <= dt.date(2023, 6, 30) for d in announced) >= 2
    assert [p["code"] for p in PROCEDURES if (p["abolished_on"] or "").startswith("2023")] != []


def test_units_file_has_two_mergers_one_handing_its_code_over():
    # A version 2 line names a unit by its "id"; a version 1 line's id is its code.
    by_id = {u.get("id", u["code"]): u for u in UNITS}
    merged = [u for u in UNITS if u.get("valid_from") == "2025-07-01" and u["level"] == "commune"]
    assert sorted((u["name"], u["code"]) for u in merged) == [("Xã Hoằng Châu", "15976"), ("Xã Hoằng Thanh", "16000")]
    for new in merged:
        assert new["parent"] == "38"
        new_id = new.get("id", new["code"])
        predecessors = [i for i, u in by_id.items() if new_id in u.get("successors", [])]
        assert len(predecessors) >= 3
        assert all(by_id[i]["valid_to"] == "2025-06-30" for i in predecessors)
    assert by_id["15976"]["name"] == "Xã Hoằng Lưu" and by_id["15976-2025"]["code"] == "15976"


@pytest.mark.django_db
def test_units_and_procedures_files_load_without_errors():
    from motcua.catalog.models import Procedure
    from motcua.exchange.loading import load_file
    from motcua.units.models import Unit

    units = load_file("units", install.UNITS_FILE)
    procedures = load_file("procedures", install.PROCEDURES_FILE)
    assert units.errors == [] and units.created == len(UNITS)
    assert procedures.errors == [] and procedures.created == len(PROCEDURES)
    for merged in Unit.objects.filter(valid_from=dt.date(2025, 7, 1)):
        assert merged.predecessors.count() >= 3
    assert Procedure.objects.get(code="1.001193").steps.count() == 4
    # Loading again changes nothing.
    assert load_file("procedures", install.PROCEDURES_FILE).unchanged == len(PROCEDURES)
