"""The online form as complete as the counter: the procedure's papers, the due date before submitting,
the result-delivery choice, and the receipt opened again from any browser with the code and 4 digits."""

import datetime as dt
import hashlib

import django.utils.timezone
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from motcua.dossiers.error_codes import DossierActionError
from motcua.dossiers.models import Attachment, Dossier, DossierEvent
from motcua.dossiers.online import do_submit_online_dossier, expected_due
from motcua.dossiers.papers import paper_needs_scan
from tests.portal.conftest import APPLICANT, prove, receive, vn
from tests.portal.test_online_submission import PAPERS, PDF, PNG, form, media, online  # noqa: F401

pytestmark = pytest.mark.django_db

# Friday 9 June 2023, 15:00 in Hà Nội: two working hours are left that day.
FRIDAY_3PM = vn(2023, 6, 9, 15, 0)


@pytest.fixture
def friday(monkeypatch):
    """The clock stands at Friday 9 June 2023, 15:00 (local), for the page, the proof and the dossier alike."""
    monkeypatch.setattr(django.utils.timezone, "now", lambda: FRIDAY_3PM.astimezone(dt.timezone.utc))


@pytest.fixture
def client(friday, client):
    return prove(client)


def submit(client, desk, **overrides):
    return client.post("/nop-truc-tuyen/", form(desk, **overrides))


def test_the_form_lists_the_procedures_papers_marking_required_and_conditional(client, online):
    page = client.get(f"/nop-truc-tuyen/?unit={online.unit.pk}&procedure={online.procedure.pk}").content.decode()
    papers = page[page.index('id="thanh-phan"') : page.index("</fieldset>", page.index('id="thanh-phan"'))]
    # One upload per paper of the catalog, in its order, then the extra files.
    assert [papers.index(f'name="paper_{n}"') for n in (1, 2, 3)] == sorted(papers.index(f'name="paper_{n}"') for n in (1, 2, 3))
    assert 'name="extras"' in papers and "multiple" in papers[papers.index('name="extras"') - 200 :]
    for paper in PAPERS:
        assert paper["name"] in papers
    # Two papers every applicant brings; the authorisation only "(trường hợp ủy quyền)".
    assert papers.count("(bắt buộc)") == 2 and papers.count("(nộp nếu thuộc trường hợp này)") == 1
    assert "Bản sao chứng thực, 1 bản" in papers
    # The result-delivery choice, electronic first.
    for value in ("online", "counter", "postal"):
        assert f'name="result_delivery" value="{value}"' in page


def test_choosing_the_unit_then_the_procedure(client, online):
    page = client.get(f"/nop-truc-tuyen/?unit={online.unit.pk}").content.decode()
    # Step 2: only the procedure is asked, with a GET form; no personal field yet.
    assert '<select id="id_procedure" name="procedure"' in page and 'name="id_number"' not in page
    page = client.get(f"/nop-truc-tuyen/?unit={online.unit.pk}&procedure={online.offline.pk}").content.decode()
    # A procedure not offered online is not offered here either: back to the choice.
    assert 'name="paper_1"' not in page and '<select id="id_procedure"' in page


def test_the_due_date_shown_is_the_one_the_dossier_gets(client, online):
    # Procedure: 3 working days = 24 working hours (07:00–11:00, 13:00–17:00).
    # Submitted Friday 9/6 15:00: Friday gives 2 h (to 17:00), the weekend none,
    # Monday 12/6 and Tuesday 13/6 give 8 h each (18 h), and Wednesday 14/6 the
    # last 6 h: 07:00–11:00 and 13:00–15:00. Due Wednesday 14/6/2023 at 15:00.
    page = client.get(f"/nop-truc-tuyen/?unit={online.unit.pk}&procedure={online.procedure.pk}").content.decode()
    assert '<strong id="han-du-kien">15:00 14/06/2023</strong>' in page
    assert expected_due(online.unit, online.procedure) == vn(2023, 6, 14, 15, 0)
    response = submit(client, online)
    assert response.status_code == 302
    dossier = Dossier.objects.get()
    assert dossier.received_at == FRIDAY_3PM and dossier.due_at == vn(2023, 6, 14, 15, 0)
    # The legal due time too, as at the counter (no reduced duration: the same).
    assert dossier.legal_due_at == vn(2023, 6, 14, 15, 0)
    assert '<dd id="hen-tra">15:00 14/06/2023</dd>' in client.get(response["Location"]).content.decode()


def test_each_paper_carries_its_scan(client, online):
    authorisation = SimpleUploadedFile("uy-quyen.pdf", PDF + b"% uy quyen\n")
    extra = SimpleUploadedFile("so-ho-khau.png", PNG + b"\x01")
    assert submit(client, online, paper_3=authorisation, extras=[extra]).status_code == 302
    dossier = Dossier.objects.get()
    attachments = list(Attachment.objects.order_by("id"))
    expected = [
        ("Tờ khai đăng ký khai sinh", "original", PDF),
        ("Giấy chứng sinh", "original", PNG),
        ("Văn bản ủy quyền (trường hợp ủy quyền)", "certified_copy", PDF + b"% uy quyen\n"),
        ("Giấy tờ khác: so-ho-khau.png", "copy", PNG + b"\x01"),
    ]
    assert len(dossier.components) == len(attachments) == 4
    for paper, attachment, (name, paper_form, content) in zip(dossier.components, attachments, expected):
        assert (paper["name"], paper["form"], paper["quantity"]) == (name, paper_form, 1)
        assert paper["digitized"] is True and paper["attachment"] == attachment.pk
        assert paper["sha256"] == attachment.sha256 == hashlib.sha256(content).hexdigest()
        assert not paper_needs_scan(paper)
    # Each file's event names the paper it is of.
    events = DossierEvent.objects.filter(verb="attach_file").order_by("id")
    assert [(e.data["paper"], e.data["component"]) for e in events] == [(n, name) for n, (name, _, _) in enumerate(expected, 1)]


def test_a_conditional_paper_may_be_left_out(client, online):
    # form() attaches papers 1 and 2 only: the authorisation is not needed here.
    assert submit(client, online).status_code == 302
    assert [p["name"] for p in Dossier.objects.get().components] == ["Tờ khai đăng ký khai sinh", "Giấy chứng sinh"]


def test_a_procedure_without_listed_papers_needs_one_file(client, online):
    online.procedure.components = []
    online.procedure.save()
    page = submit(client, online, paper_1=None, paper_2=None).content.decode()
    assert "Cần đính kèm ít nhất một tệp giấy tờ của hồ sơ." in page and Dossier.objects.count() == 0
    extra = SimpleUploadedFile("to-khai.pdf", PDF)
    assert submit(client, online, paper_1=None, paper_2=None, extras=[extra]).status_code == 302
    assert [p["name"] for p in Dossier.objects.get().components] == ["Giấy tờ khác: to-khai.pdf"]


@pytest.mark.parametrize(
    "delivery,address,shown",
    [("counter", "", "Trực tiếp"), ("postal", "Số 5 đường Lê Lợi, Hoằng Lưu", "Qua BCCI"), ("online", "", "Trực tuyến")],
)
def test_the_result_delivery_is_kept(client, online, delivery, address, shown):
    response = submit(client, online, result_delivery=delivery, address=address)
    dossier = Dossier.objects.get()
    assert dossier.result_delivery == delivery
    assert DossierEvent.objects.get(verb="receive").data["after"]["result_delivery"] == delivery
    page = client.get(response["Location"]).content.decode()
    assert f"<dt>Nhận kết quả</dt><dd>{shown}</dd>" in page


def test_the_action_refuses_postal_delivery_without_an_address(online):
    applicant = {"name": "Trần Thị Bích", "id_number": "038190004321", "phone": "0987654321"}
    with pytest.raises(DossierActionError, match="bưu chính cần địa chỉ"):
        do_submit_online_dossier(
            online.unit, online.procedure, applicant, [(PAPERS[0], SimpleUploadedFile("a.pdf", PDF))], result_delivery="postal"
        )
    with pytest.raises(DossierActionError, match="hình thức nhận kết quả «pigeon» không hợp lệ"):
        do_submit_online_dossier(
            online.unit, online.procedure, applicant, [(PAPERS[0], SimpleUploadedFile("a.pdf", PDF))], result_delivery="pigeon"
        )
    assert Dossier.objects.count() == 0


@pytest.fixture
def submitted(client, online):
    """A dossier this test's citizen submitted (ID 038190004321, phone 0987 654 321); its receipt's URL."""
    response = submit(client, online)
    return Dossier.objects.get(), response["Location"]


def test_a_new_browser_opens_the_receipt_with_the_code_and_4_digits(submitted):
    dossier, url = submitted
    other = Client()
    asked = other.get(url).content.decode()
    assert 'name="so_cuoi"' in asked and dossier.procedure.name not in asked and "Trần T** B***" not in asked
    # The last 4 digits of the ID number 038190004321.
    response = other.post(url, {"so_cuoi": "4321"})
    assert response.status_code == 302 and response["Location"] == url
    page = other.get(url).content.decode()
    assert dossier.code in page and "Trần T** B***" in page and dossier.procedure.name in page
    assert "<dt>Tình trạng</dt><dd><strong>Mới tiếp nhận</strong></dd>" in page
    pdf = other.get(f"{url}giay-tiep-nhan.pdf")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF") and "no-store" in pdf["Cache-Control"]


@pytest.mark.parametrize("digits,message", [("9999", "không khớp"), ("12a4", "Xin nhập đúng 4 chữ số")])
def test_wrong_digits_open_nothing(submitted, digits, message):
    dossier, url = submitted
    other = Client()
    page = other.post(url, {"so_cuoi": digits}).content.decode()
    assert message in page and 'aria-invalid="true"' in page
    assert "Trần T** B***" not in page and dossier.procedure.name not in page
    # Nor does the PDF: it sends the browser to the check.
    assert other.get(f"{url}giay-tiep-nhan.pdf")["Location"] == url


def test_wrong_digits_are_rate_limited(submitted, settings):
    dossier, url = submitted
    settings.MOTCUA_PUBLIC_CHECK_LIMIT = "2/hour"
    other = Client()
    for _ in range(2):
        assert "không khớp" in other.post(url, {"so_cuoi": "9999"}).content.decode()
    # The third try is refused even with the right digits.
    page = other.post(url, {"so_cuoi": "4321"}).content.decode()
    assert "Bạn đã nhập sai quá nhiều lần" in page
    assert 'name="so_cuoi"' in other.get(url).content.decode()


def test_the_receipt_pages_share_the_public_request_budget(submitted, settings):
    from django.core.cache import cache

    dossier, url = submitted
    cache.clear()
    settings.MOTCUA_PUBLIC_RATE_LIMIT = "2/minute"
    other = Client()
    assert other.get(url).status_code == 200
    assert other.post(url, {"so_cuoi": "4321"}).status_code == 302
    assert other.get(url).status_code == 429


def test_the_status_page_check_opens_the_receipt_too(submitted):
    dossier, url = submitted
    other = Client()
    page = other.post(f"/tra-cuu/{dossier.code}/", {"so_cuoi": "4321"}).content.decode()
    assert f'href="{url}"' in page
    assert "Trần T** B***" in other.get(url).content.decode()


def test_only_online_dossiers_have_a_receipt_here(desk):
    counter = receive(desk, vn(2023, 6, 5, 8, 0))
    assert Client().get(f"/nop-truc-tuyen/da-nop/{counter.code}/").status_code == 404
    assert Client().post(f"/nop-truc-tuyen/da-nop/{counter.code}/", {"so_cuoi": APPLICANT["id_number"][-4:]}).status_code == 404
    assert Client().get("/nop-truc-tuyen/da-nop/H56.20.03-230605-9999/").status_code == 404
    assert Client().get("/nop-truc-tuyen/da-nop/H56.20.03-230605-9999/giay-tiep-nhan.pdf").status_code == 404


def test_the_home_page_links_the_citizens_services(client):
    page = client.get("/").content.decode()
    home = page[page.index("citizen-links") :]
    for href in ("/nop-truc-tuyen/", "/tra-cuu/", "/phan-anh/", "/cong-khai/", "/thong-ke/"):
        assert f'href="{href}"' in home, href


def test_a_procedure_without_a_duration_is_refused_visibly(client, online):
    online.procedure.legal_duration_value, online.procedure.legal_duration_unit = None, ""
    online.procedure.save()
    shown = client.get(f"/nop-truc-tuyen/?unit={online.unit.pk}&procedure={online.procedure.pk}").content.decode()
    assert "Thủ tục này chưa có thời hạn giải quyết trong danh mục." in shown and 'id="han-du-kien"' not in shown
    page = submit(client, online).content.decode()
    # The refusal sits under the chosen procedure, although no select is shown for it.
    assert f'<small class="field-error" id="id_procedure_error">Thủ tục {online.procedure.code} chưa có thời hạn giải quyết.</small>' in page
    assert Dossier.objects.count() == 0 and Attachment.objects.count() == 0
