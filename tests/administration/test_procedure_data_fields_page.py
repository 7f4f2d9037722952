"""The procedure page defines the procedure's own data fields, checked as the catalog file's `data_fields` are."""

import pytest

from motcua.administration.models import ChangeRecord
from motcua.catalog.models import Procedure
from tests.administration.test_procedure_pages import CREATE_URL, full_post, rows

pytestmark = pytest.mark.django_db

COPIES = {"position": "1", "key": "copies", "label": "Số bản sao", "type": "integer", "required": "on",
          "choices": "", "min": "1", "max": "50", "help": ""}
KIND = {"position": "2", "key": "kind", "label": "Loại giấy tờ", "type": "choice", "required": "",
        "choices": "cccd=Căn cước; gks=Giấy khai sinh", "min": "", "max": "", "help": "Giấy tờ cần chứng thực"}


def test_data_fields_are_saved_from_the_page_and_shown_in_the_history(as_admin, env):
    response = as_admin.post(CREATE_URL, full_post(env, **rows("data_fields", [COPIES, KIND])))
    assert response.status_code == 302
    procedure = Procedure.objects.get(code="2.000815")
    assert procedure.data_fields == [
        {"key": "copies", "label": "Số bản sao", "type": "integer", "required": True, "min": 1, "max": 50},
        {"key": "kind", "label": "Loại giấy tờ", "type": "choice", "required": False,
         "choices": [{"value": "cccd", "label": "Căn cước"}, {"value": "gks", "label": "Giấy khai sinh"}],
         "help": "Giấy tờ cần chứng thực"},
    ]
    record = ChangeRecord.objects.get(object_kind="procedure", object_id=str(procedure.pk))
    assert record.details["data_fields"] == [None, ["Số bản sao (copies, integer)", "Loại giấy tờ (kind, choice)"]]
    # The page shows them again as rows to edit.
    page = as_admin.get(f"/quan-tri/thu-tuc/{procedure.pk}/").content.decode()
    assert 'value="cccd=Căn cước; gks=Giấy khai sinh"' in page


def test_a_choice_without_choices_is_refused_and_nothing_is_saved(as_admin, env):
    bad = {**KIND, "choices": ""}
    response = as_admin.post(CREATE_URL, full_post(env, **rows("data_fields", [bad])))
    assert response.status_code == 200 and not Procedure.objects.filter(code="2.000815").exists()
    assert "choices" in response.content.decode()


def test_fee_lines_are_saved_from_the_page_checked_as_the_catalog_files_are(as_admin, env):
    fees = [{"position": "1", "name": "Lệ phí chứng thực bản sao", "amount": "2.000", "per": "page"}]
    response = as_admin.post(CREATE_URL, full_post(env, **rows("fees", fees)))
    assert response.status_code == 302
    procedure = Procedure.objects.get(code="2.000815")
    assert procedure.fees == [{"name": "Lệ phí chứng thực bản sao", "amount": 2000, "per": "page"}]
    record = ChangeRecord.objects.get(object_kind="procedure", object_id=str(procedure.pk))
    assert record.details["fees"] == [None, ["Lệ phí chứng thực bản sao: 2000 đồng/page"]]


def test_a_fee_line_without_an_amount_is_refused(as_admin, env):
    fees = [{"position": "1", "name": "Lệ phí", "amount": "", "per": "dossier"}]
    response = as_admin.post(CREATE_URL, full_post(env, **rows("fees", fees)))
    assert response.status_code == 200 and not Procedure.objects.filter(code="2.000815").exists()
    assert "dòng phí 1" in response.content.decode()
