"""Refusals and approvals through the API take the same signing step as the desk (motcua.dossiers.results)."""

import pytest

from motcua.dossiers.models import Dossier, ResultDocument
from tests.api.conftest import receive, row_counts
from tests.reports.test_signing import PASSWORD, make_p12, validate

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def awaiting_decision(world) -> str:
    code = receive(world)["code"]
    for who, action, body in [
        ("officer", "assign", {"assignee": "tuphap"}),
        ("specialist", "start", {}),
        ("specialist", "submit-for-decision", {}),
    ]:
        response = world.client[who].post_json(f"/api/dossiers/{code}/actions/{action}", body)
        assert response.status_code == 200, response.content.decode()
    return code


def refuse(world, code):
    return world.client["leader"].post_json(f"/api/dossiers/{code}/actions/refuse", {"reasons": ["Giấy chứng sinh không hợp lệ"]})


def test_a_leader_with_a_certificate_refuses_with_a_signed_letter(world, tmp_path, monkeypatch):
    cert = make_p12(tmp_path / "ct.p12", name="Phạm Văn Minh")
    world.leader.signing_p12, world.leader.signing_password_env = str(tmp_path / "ct.p12"), "MOTCUA_SIGN_PASSWORD_MINH"
    world.leader.save()
    monkeypatch.setenv("MOTCUA_SIGN_PASSWORD_MINH", PASSWORD)
    code = awaiting_decision(world)
    response = refuse(world, code)
    assert response.status_code == 200 and response.json()["status"] == "refused"
    document = ResultDocument.objects.get(dossier__code=code)
    with document.attachment.file.open("rb") as handle:
        _, status = validate(handle.read(), cert)
    assert status.intact and status.valid and status.trusted
    assert document.signed_by == "Phạm Văn Minh"


def test_a_paper_result_refusal_without_a_certificate_is_refused_and_writes_nothing(world):
    world.procedure.paper_result = True
    world.procedure.save(update_fields=["paper_result"])
    code = awaiting_decision(world)
    before = (row_counts(), Dossier.objects.filter(code=code).values().get())
    response = refuse(world, code)
    assert response.status_code == 409
    assert "chứng thư số" in response.content.decode()
    assert (row_counts(), Dossier.objects.filter(code=code).values().get()) == before
