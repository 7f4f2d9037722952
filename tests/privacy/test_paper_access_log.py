"""The papers carrying personal data are readings too: a scan, a printed form, the register, the receipt page.

Each view writes exactly one access record (who, which kind, which dossier or
how many rows, which unit); another unit's request is "not found" and writes none.
"""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from motcua.api.tokens import create_token
from motcua.dossiers import actions as a
from motcua.dossiers.models import Attachment
from motcua.privacy.models import AccessRecord
from tests.desk.conftest import desk, receive, vn  # noqa: F401

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n" + b"x" * 2000


def signed_in(user) -> Client:
    client = Client(REMOTE_ADDR="10.9.8.7")
    client.force_login(user)
    return client


def records():
    return list(
        AccessRecord.objects.order_by("id").values_list("user__username", "kind", "dossier_code", "rows", "unit__code", "detail", "ip")
    )


def read_once_then_refused(desk, path: str) -> list[tuple]:
    """GET `path` as the unit's officer (200), then as another commune's officer (404); return the records written."""
    assert signed_in(desk.officer).get(path).status_code == 200
    written = records()
    assert signed_in(desk.officer_b).get(path).status_code == 404
    assert records() == written
    return written


@pytest.fixture
def dossier(desk):
    return receive(desk, vn(2023, 6, 5, 8, 0))


def test_an_attachment_download_is_logged(desk, dossier, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    upload = SimpleUploadedFile("CCCD.pdf", PDF, content_type="application/pdf")
    a.do_attach_file(desk.officer, dossier, upload, "component", at=vn(2023, 6, 5, 8, 10), expected_version=1)
    pk = Attachment.objects.get().pk
    written = read_once_then_refused(desk, f"/can-bo/ho-so/{dossier.code}/tep/{pk}/")
    assert written == [("motcua", "view", dossier.code, None, desk.unit.code, f"Tệp số hóa số {pk}", "10.9.8.7")]


def test_the_api_list_of_a_dossiers_scans_is_logged(desk, dossier):
    def api(user) -> Client:
        return Client(REMOTE_ADDR="10.9.8.7", headers={"Authorization": f"Bearer {create_token(user, 'tests')[1]}"})

    # The scans' names are the applicant's papers ("CCCD Nguyễn Văn A.pdf"): a reading of personal data.
    assert api(desk.officer).get(f"/api/dossiers/{dossier.code}/attachments").status_code == 200
    written = records()
    assert written == [("motcua", "api_read", dossier.code, None, desk.unit.code, "API danh sách tệp số hóa", "10.9.8.7")]
    assert api(desk.officer_b).get(f"/api/dossiers/{dossier.code}/attachments").status_code == 404
    assert records() == written


@pytest.mark.parametrize("form", ["receipt", "control_sheet"])
def test_a_printed_form_is_logged(desk, dossier, form):
    written = read_once_then_refused(desk, f"/ho-so/{dossier.code}/bieu-mau/{form}.pdf")
    assert written == [("motcua", "view", dossier.code, None, desk.unit.code, f"PDF biểu mẫu {form}", "10.9.8.7")]


def test_a_counter_refusal_slip_is_logged_without_a_dossier_code(desk):
    refusal = a.do_refuse_at_counter(
        desk.officer, desk.unit, desk.procedure, {"name": "Trần Thị B"}, ["Thiếu giấy tờ"], at=vn(2023, 6, 5, 9, 0)
    )
    (record,) = read_once_then_refused(desk, f"/tu-choi-tiep-nhan/{refusal.pk}.pdf")
    assert record[:5] == ("motcua", "view", "", None, desk.unit.code)
    assert record[5].startswith(f"PDF phiếu tiếp nhận tại quầy số {refusal.pk}")


def test_the_register_is_logged_as_an_export_of_its_rows(desk, dossier):
    receive(desk, vn(2023, 6, 6, 8, 0))
    # Outside the period: not in the register, not counted.
    receive(desk, vn(2023, 7, 3, 8, 0))
    written = read_once_then_refused(desk, f"/so-theo-doi.xlsx?unit={desk.unit.code}&period=2023-Q2")
    assert written == [("motcua", "export", "", 2, desk.unit.code, f"XLSX sổ theo dõi hồ sơ {desk.unit.code} 2023-Q2", "10.9.8.7")]


def test_the_desk_receipt_page_is_logged(desk, dossier):
    written = read_once_then_refused(desk, f"/can-bo/tiep-nhan/bien-nhan/{dossier.code}/")
    assert written == [("motcua", "view", dossier.code, None, desk.unit.code, "Biên nhận hồ sơ", "10.9.8.7")]
