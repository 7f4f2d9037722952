"""The demo's procedures define their own data fields, and generated dossiers carry plausible values for them."""

import datetime as dt

import pytest

from motcua.catalog.data_fields import check_values
from motcua.catalog.models import Procedure
from motcua.demo import generate
from motcua.demo.generate import generate_dossiers
from tests.demo.conftest import NOW, PERIODS

pytestmark = pytest.mark.django_db

WITH_DATA = {"1.001193": "khai sinh", "2.000815": "chứng thực bản sao", "1.000656": "khai tử"}


@pytest.fixture
def dossiers(demo_catalog):
    return list(generate_dossiers(demo_catalog, PERIODS, seed=7, now=NOW))


def test_the_most_used_procedures_define_fields(demo_catalog):
    defined = dict(Procedure.objects.values_list("code", "data_fields"))
    assert {code for code, fields in defined.items() if fields} == set(WITH_DATA)
    assert [f["key"] for f in defined["2.000815"]] == ["document_name", "pages", "copies"]


def test_every_generated_dossier_of_those_procedures_has_complete_valid_data(demo_catalog, dossiers):
    definitions = dict(Procedure.objects.values_list("code", "data_fields"))
    seen = {code: 0 for code in WITH_DATA}
    for obj in dossiers:
        if obj["procedure"] not in WITH_DATA:
            assert "data" not in obj
            continue
        seen[obj["procedure"]] += 1
        received = dt.date.fromisoformat(obj["received_at"][:10])
        # Checked as an intake would: every required value, in its type and range.
        clean, errors = check_values(definitions[obj["procedure"]], obj["data"], today=received)
        assert errors == {}, (obj["code"], errors)
        assert clean == obj["data"]
        if obj["procedure"] == "1.001193":
            born = dt.date.fromisoformat(obj["data"]["birth_date"])
            # Registered within the 60 days the law allows.
            assert dt.timedelta(days=1) <= received - born <= dt.timedelta(days=60)
            assert obj["applicant"]["name"] in (obj["data"]["mother_name"], obj["data"].get("father_name"))
    # A month of 2023 and six weeks of 2026 over the demo's communes: each procedure comes up.
    assert all(n >= 3 for n in seen.values()), seen


def test_the_data_leaves_every_other_generated_value_as_it_was(demo_catalog, dossiers, monkeypatch):
    monkeypatch.setattr(generate, "demo_data", lambda *args: None)
    without = list(generate_dossiers(demo_catalog, PERIODS, seed=7, now=NOW))
    assert without == [{k: v for k, v in obj.items() if k != "data"} for obj in dossiers]
