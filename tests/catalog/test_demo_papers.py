"""The demo catalog lists realistic papers for every procedure, and they load as the intake checklist."""

import json

import pytest

from motcua.catalog.models import Procedure
from motcua.demo import install
from motcua.exchange import schema
from motcua.exchange.loading import load_file


def _procedures():
    with open(install.PROCEDURES_FILE, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


PROCEDURES = _procedures()


def test_every_demo_procedure_lists_its_papers_and_the_lines_are_valid():
    for obj in PROCEDURES:
        rec, reasons = schema.validate_procedure(obj)
        assert reasons == [], obj["code"]
        assert 2 <= len(rec["components"]) <= 8, obj["code"]
        # The first paper is what the applicant fills in or signs: a form, a request, a draft or the original to copy.
        assert rec["components"][0]["form"] == "original", obj["code"]


def test_well_known_procedures_ask_for_the_papers_the_law_names():
    papers = {p["code"]: [(c["name"], c["form"]) for c in p["components"]] for p in PROCEDURES}
    assert papers["1.001193"][:2] == [
        ("Tờ khai đăng ký khai sinh theo mẫu", "original"),
        ("Giấy chứng sinh (hoặc văn bản của người làm chứng, giấy cam đoan về việc sinh)", "original"),
    ]
    assert papers["2.000815"] == [
        ("Bản chính giấy tờ, văn bản làm cơ sở để chứng thực bản sao", "original"),
        ("Bản sao cần chứng thực", "copy"),
    ]
    assert papers["1.000894"][0] == ("Tờ khai đăng ký kết hôn theo mẫu", "original")


@pytest.mark.django_db
def test_the_demo_catalog_loads_with_its_papers():
    assert load_file("units", install.UNITS_FILE).ok
    report = load_file("procedures", install.PROCEDURES_FILE)
    assert report.ok, report.error_lines()
    birth = Procedure.objects.get(code="1.001193")
    assert birth.components[0] == {"name": "Tờ khai đăng ký khai sinh theo mẫu", "form": "original", "quantity": 1}
    assert Procedure.objects.filter(components=[]).count() == 0


@pytest.mark.parametrize(
    "value, message",
    [
        ([{"name": "Tờ khai", "form": "photo"}], "Giấy tờ thứ 1: loại bản phải là bản chính, bản sao hoặc bản sao chứng thực."),
        ([{"name": "Tờ khai"}, {"name": "tờ khai"}], "Giấy tờ thứ 2 «tờ khai» bị lặp lại."),
        ({"name": "Tờ khai"}, "Cần một danh sách tối đa 50 giấy tờ."),
    ],
)
@pytest.mark.django_db
def test_the_django_admin_refuses_bad_papers(value, message):
    from motcua.catalog.admin import ProcedureAdminForm

    form = ProcedureAdminForm(data={"components": json.dumps(value, ensure_ascii=False)})
    form.is_valid()
    assert form.errors["components"] == [message]
