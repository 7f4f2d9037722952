"""Papers one by one on the dossier page: a scan attaches to one paper, a paper needing no scan says why (TT 03/2025 Điều 5)."""

import hashlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from motcua.dossiers.models import Attachment, DossierEvent
from tests.web_dossier.conftest import client_for, snapshot
from tests.web_dossier.test_actions import PDF, at_status, post

pytestmark = pytest.mark.django_db


def test_scan_of_one_paper_and_an_exempt_paper_on_the_page(desk, clock, media):
    # The desk conftest receives three papers: the declaration, the birth certificate, the ID card copy.
    d = at_status(desk, "received")
    page = client_for(desk.officer).get(f"/can-bo/ho-so/{d.code}/").content.decode()
    assert page.count("chưa số hóa") == 3
    assert '<option value="2">2. Giấy chứng sinh</option>' in page

    upload = SimpleUploadedFile("giay-chung-sinh.pdf", PDF, content_type="application/pdf")
    response = post(desk.officer, d, "attach", {"file": upload, "kind": "component", "paper": "2"})
    assert response.status_code == 302, response.content.decode()[:2000]
    attachment = Attachment.objects.get(dossier=d)
    sha = hashlib.sha256(PDF).hexdigest()
    assert attachment.sha256 == sha
    d.refresh_from_db()
    assert d.components[1] == {"name": "Giấy chứng sinh", "form": "original", "quantity": 1, "digitized": True,
                               "sha256": sha, "attachment": attachment.pk}
    assert d.components[0] == {"name": "Tờ khai đăng ký khai sinh", "form": "original", "quantity": 1}
    event = DossierEvent.objects.filter(verb="attach_file").get()
    assert event.data["paper"] == 2 and event.data["before"]["components"][1] == {
        "name": "Giấy chứng sinh", "form": "original", "quantity": 1,
    }

    response = post(desk.officer, d, "exempt-paper", {"paper": "3", "exemption": "shown_only"})
    assert response.status_code == 302, response.content.decode()[:2000]
    d.refresh_from_db()
    assert d.components[2]["exemption"] == "shown_only" and d.components[2]["digitized"] is False

    page = client_for(desk.officer).get(f"/can-bo/ho-so/{d.code}/").content.decode()
    scan = page.split('data-testid="paper-scan-2"')[1].split("</span>")[0]
    assert "đã số hóa" in scan and sha[:12] in scan
    exempt = page.split('data-testid="paper-scan-3"')[1].split("</span>")[0]
    assert "không phải số hóa: Giấy tờ chỉ xuất trình để đối chiếu" in exempt
    assert "chưa số hóa" in page.split('data-testid="paper-scan-1"')[1].split("</span>")[0]


def test_a_paper_the_dossier_has_not_is_refused_and_changes_nothing(desk, clock, media):
    d = at_status(desk, "received")
    before = snapshot(d)
    response = post(desk.officer, d, "exempt-paper", {"paper": "9", "exemption": "secret"})
    assert response.status_code == 400
    assert snapshot(d) == before
    # A scanned paper cannot then be called exempt.
    upload = SimpleUploadedFile("to-khai.pdf", PDF, content_type="application/pdf")
    assert post(desk.officer, d, "attach", {"file": upload, "kind": "component", "paper": "1"}).status_code == 302
    before = snapshot(d)
    response = post(desk.officer, d, "exempt-paper", {"paper": "1", "exemption": "secret"})
    assert response.status_code == 400
    assert "đã có bản số hóa" in response.content.decode()
    assert snapshot(d) == before


def test_the_export_writes_each_papers_scan(desk, clock, media):
    import json

    from motcua.dossiers.models import Dossier
    from motcua.exchange.exporting import canonical_lines

    d = at_status(desk, "received")
    upload = SimpleUploadedFile("to-khai.pdf", PDF, content_type="application/pdf")
    assert post(desk.officer, d, "attach", {"file": upload, "kind": "component", "paper": "1"}).status_code == 302
    [(code, line)] = list(canonical_lines(Dossier.objects.filter(pk=d.pk)))
    papers = json.loads(line)["components"]
    # The exchange carries name, form, flags and hash; the quantity and the attachment's id stay inside.
    assert papers == [
        {"name": "Tờ khai đăng ký khai sinh", "form": "original", "digitized": True, "sha256": hashlib.sha256(PDF).hexdigest()},
        {"name": "Giấy chứng sinh", "form": "original"},
        {"name": "Căn cước công dân của người đi đăng ký", "form": "copy"},
    ]
