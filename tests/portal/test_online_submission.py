"""Online submission: a valid form makes an online dossier with its files; every bad input is refused next to its field, saving nothing."""

import re
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from motcua.dossiers.models import Attachment, Channel, Dossier, DossierEvent, ReturnChannel
from motcua.dossiers.online import do_submit_online_dossier
from motcua.dossiers.error_codes import DossierActionError
from tests.desk.conftest import make_procedure
from tests.portal.conftest import prove, vn

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 40


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def client(client):
    """A citizen's browser that went through the proof step with the form's phone (0987 654 321)."""
    return prove(client)


# The birth registration's papers as the catalog lists them: two every applicant brings, one only when authorised.
PAPERS = [
    {"name": "Tờ khai đăng ký khai sinh", "form": "original", "quantity": 1},
    {"name": "Giấy chứng sinh", "form": "original", "quantity": 1},
    {"name": "Văn bản ủy quyền (trường hợp ủy quyền)", "form": "certified_copy", "quantity": 1},
]


@pytest.fixture
def online(desk, media):
    desk.procedure.online = "full"
    desk.procedure.components = PAPERS
    desk.procedure.save()
    desk.partial = make_procedure(code="2.000815", online="partial", components=PAPERS)
    desk.offline = make_procedure(code="2.000999", online="none")
    return desk


def stored_files(media: Path) -> list[Path]:
    return [p for p in media.rglob("*") if p.is_file()]


def form(desk, **overrides):
    data = {
        "unit": desk.unit.pk,
        "procedure": desk.procedure.pk,
        "applicant_name": "Trần Thị Bích",
        "id_number": "038190004321",
        "phone": "0987 654 321",
        "email": "",
        "address": "",
        "paper_1": SimpleUploadedFile("to-khai.pdf", PDF, content_type="application/pdf"),
        "paper_2": SimpleUploadedFile("chung-sinh.png", PNG, content_type="image/png"),
        "result_delivery": "online",
        "consent": "on",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def test_submission_makes_an_online_dossier_with_its_files(client, online, media):
    response = client.post("/nop-truc-tuyen/", form(online))
    dossier = Dossier.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/nop-truc-tuyen/da-nop/{dossier.code}/"
    assert dossier.code.startswith("H56.20.03-")
    assert dossier.channel == Channel.ONLINE_FULL
    assert dossier.result_delivery == ReturnChannel.ONLINE
    assert dossier.applicant_name == "Trần Thị Bích" and dossier.applicant_id_number == "038190004321"
    assert [c["name"] for c in dossier.components] == ["Tờ khai đăng ký khai sinh", "Giấy chứng sinh"]
    attachments = list(Attachment.objects.order_by("id"))
    assert [(x.original_name, x.content_type, x.size) for x in attachments] == [
        ("to-khai.pdf", "application/pdf", len(PDF)),
        ("chung-sinh.png", "image/png", len(PNG)),
    ]
    assert len(stored_files(media)) == 2
    # Stored under the unit and the day, with a random name: never the applicant's file name.
    assert all(re.fullmatch(rf"attachments/{online.unit.code}/2\d{{3}}/\d\d/\d\d/[0-9a-f]{{32}}\.(pdf|png)", x.file.name) for x in attachments)
    # The citizen has no account: the history records the portal (no actor).
    assert list(DossierEvent.objects.values_list("verb", "actor")) == [("receive", None), ("attach_file", None), ("attach_file", None)]
    receipt = client.get(response["Location"])
    page = receipt.content.decode()
    assert dossier.code in page and "Trần T** B***" in page and "<svg" in page
    assert "038190004321" not in page
    pdf = client.get(f"/nop-truc-tuyen/da-nop/{dossier.code}/giay-tiep-nhan.pdf")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    assert "no-store" in pdf["Cache-Control"]
    # Another browser holding the code is asked for the 4 digits first, and sees nothing personal.
    stranger = Client()
    asked = stranger.get(response["Location"])
    assert asked.status_code == 200 and 'name="so_cuoi"' in asked.content.decode()
    assert "Trần T** B***" not in asked.content.decode()
    assert stranger.get(f"/nop-truc-tuyen/da-nop/{dossier.code}/giay-tiep-nhan.pdf")["Location"] == response["Location"]
    assert stranger.get(f"/tra-cuu/{dossier.code}/").status_code == 200


def test_partial_procedures_make_partial_online_dossiers(client, online):
    client.post("/nop-truc-tuyen/", form(online, procedure=online.partial.pk))
    assert Dossier.objects.get().channel == Channel.ONLINE_PARTIAL


def test_after_hours_counts_from_the_next_working_morning(online):
    paper = SimpleUploadedFile("a.pdf", PDF)
    applicant = {"name": "Trần Thị Bích", "id_number": "038190004321", "phone": "0987654321"}
    # Monday 5 June 2023, 18:00: the clock starts Tuesday 07:00; 3 working days
    # (24 h) run out exactly at Thursday 17:00, which is the due time.
    dossier = do_submit_online_dossier(online.unit, online.procedure, applicant, [("Tờ khai", paper)], at=vn(2023, 6, 5, 18, 0))
    assert dossier.received_at == vn(2023, 6, 5, 18, 0)
    assert dossier.due_at == vn(2023, 6, 8, 17, 0)
    assert dossier.code == "H56.20.03-230605-0001"


BAD_INPUTS = [
    ("no-unit", {"unit": ""}, "unit", "Xin chọn cơ quan tiếp nhận"),
    ("no-procedure", {"procedure": ""}, "procedure", "Xin chọn thủ tục"),
    ("offline-procedure", {"procedure": "OFFLINE"}, "procedure", "không được cung cấp trực tuyến"),
    ("no-name", {"applicant_name": "  "}, "applicant_name", "Xin ghi họ và tên"),
    ("short-id", {"id_number": "03809000"}, "id_number", "đúng 12 chữ số"),
    ("bad-province", {"id_number": "999090001234"}, "id_number", "mã tỉnh"),
    ("future-birth", {"id_number": "038299001234"}, "id_number", "năm sinh"),
    ("bad-phone", {"phone": "gọi tôi"}, "phone", "Số điện thoại chỉ gồm chữ số"),
    ("bad-email", {"email": "khong-phai-thu"}, "email", "thư điện tử không hợp lệ"),
    # A required paper missing: the message names it.
    ("no-required-paper", {"paper_2": None}, "paper_2", "Cần đính kèm tệp của giấy tờ «Giấy chứng sinh»."),
    ("not-a-scan", {"paper_1": SimpleUploadedFile("to-khai.pdf", b"GIF89a" + b"\x00" * 30)}, "paper_1", "không phải PDF, JPEG hoặc PNG"),
    ("empty-file", {"paper_2": SimpleUploadedFile("rong.pdf", b"")}, "paper_2", "rỗng"),
    ("bad-extra", {"extras": [SimpleUploadedFile("anh.gif", b"GIF89a" + b"\x00" * 30)]}, "extras", "«anh.gif» không phải PDF"),
    ("empty-extra", {"extras": [SimpleUploadedFile("rong.pdf", b"")]}, "extras", "Tệp «rong.pdf» rỗng."),
    (
        "too-many-extras",
        {"extras": [SimpleUploadedFile(f"them-{n}.pdf", PDF) for n in range(6)]},
        "extras",
        "Chỉ đính kèm được tối đa 5 tệp giấy tờ khác; bạn đã chọn 6 tệp.",
    ),
    ("no-delivery", {"result_delivery": None}, "result_delivery", "Xin chọn hình thức nhận kết quả."),
    ("bad-delivery", {"result_delivery": "pigeon"}, "result_delivery", "Xin chọn một hình thức nhận kết quả trong danh sách."),
    ("postal-without-address", {"result_delivery": "postal"}, "address", "Nhận kết quả qua bưu chính cần địa chỉ nhận"),
    ("no-consent", {"consent": None}, "consent", "cam đoan và đồng ý"),
]


@pytest.mark.parametrize("overrides,field,message", [b[1:] for b in BAD_INPUTS], ids=[b[0] for b in BAD_INPUTS])
def test_bad_input_is_refused_next_to_its_field(client, online, media, overrides, field, message):
    if overrides.get("procedure") == "OFFLINE":
        overrides = {"procedure": online.offline.pk}
    response = client.post("/nop-truc-tuyen/", form(online, **overrides))
    assert response.status_code == 200
    page = response.content.decode()
    assert message in page
    # The message sits right after the input it is about, which is marked invalid.
    error_at = page.index(message)
    input_at = page.rindex(f'name="{field}"', 0, error_at)
    assert 'aria-invalid="true"' in page[input_at - 300 : error_at]
    assert Dossier.objects.count() == 0 and Attachment.objects.count() == 0 and DossierEvent.objects.count() == 0
    assert stored_files(media) == []


def test_too_large_file_is_refused(client, online, media, settings):
    settings.MOTCUA_MAX_UPLOAD_MB = 0.001  # 1,048 bytes
    big = SimpleUploadedFile("to-khai.pdf", PDF + b"0" * 2000)
    page = client.post("/nop-truc-tuyen/", form(online, paper_1=big)).content.decode()
    # 2,044 bytes = 0.0019 MB, over the 0.001 MB limit; the message sits under the paper it is about.
    assert "vượt giới hạn" in page
    assert page.index('name="paper_1"') < page.index("vượt giới hạn") < page.index('name="paper_2"')
    assert Dossier.objects.count() == 0 and stored_files(media) == []


def test_procedure_of_another_unit_is_refused(client, online, media):
    online.procedure.units.add(online.unit_b)
    page = client.post("/nop-truc-tuyen/", form(online)).content.decode()
    assert "không được cung cấp trực tuyến tại cơ quan đã chọn" in page
    assert Dossier.objects.count() == 0


def test_a_failure_after_storing_leaves_no_file(online, media, monkeypatch):
    saves = []
    original = Attachment.save

    def fail_on_second(self, *args, **kwargs):
        saves.append(self)
        if len(saves) == 2:
            raise RuntimeError("ổ đĩa đầy")
        return original(self, *args, **kwargs)

    monkeypatch.setattr(Attachment, "save", fail_on_second)
    papers = [("Tờ khai", SimpleUploadedFile("a.pdf", PDF)), ("Giấy chứng sinh", SimpleUploadedFile("b.png", PNG))]
    applicant = {"name": "Trần Thị Bích", "id_number": "038190004321", "phone": "0987654321"}
    with pytest.raises(RuntimeError):
        do_submit_online_dossier(online.unit, online.procedure, applicant, papers)
    assert Dossier.objects.count() == 0 and Attachment.objects.count() == 0
    assert stored_files(media) == []


def test_the_action_itself_refuses_offline_procedures(online):
    applicant = {"name": "Trần Thị Bích", "id_number": "038190004321", "phone": "0987654321"}
    with pytest.raises(DossierActionError, match="không được cung cấp trực tuyến"):
        do_submit_online_dossier(online.unit, online.offline, applicant, [("Tờ khai", SimpleUploadedFile("a.pdf", PDF))])
    assert Dossier.objects.count() == 0


def test_the_form_lists_only_procedures_offered_online_at_the_unit(client, online):
    page = client.get(f"/nop-truc-tuyen/?unit={online.unit.pk}").content.decode()
    select = page[page.index('<select id="id_procedure"') : page.index("</select>", page.index('<select id="id_procedure"'))]
    assert f'value="{online.procedure.pk}"' in select and f'value="{online.partial.pk}"' in select
    assert f'value="{online.offline.pk}"' not in select
    # htmx swaps the same options in when the unit changes.
    options = client.get(f"/nop-truc-tuyen/thu-tuc/?unit={online.unit.pk}").content.decode()
    assert options.count("<option") == 3
    assert "Trực tuyến toàn trình" in options and "Trực tuyến một phần" in options
    # A unit of another level offers none of them.
    assert client.get(f"/nop-truc-tuyen/thu-tuc/?unit={online.district.pk}").content.decode().count("<option") == 1


def test_submission_needs_the_csrf_token(online):
    strict = Client(enforce_csrf_checks=True)
    assert strict.post("/nop-truc-tuyen/", form(online)).status_code == 403
    assert Dossier.objects.count() == 0


def test_submission_is_rate_limited(client, online, settings):
    from django.core.cache import cache

    cache.clear()  # the proof step's requests counted too
    settings.MOTCUA_PUBLIC_RATE_LIMIT = "2/minute"
    assert client.get("/nop-truc-tuyen/").status_code == 200
    assert client.post("/nop-truc-tuyen/", form(online)).status_code == 302
    response = client.post("/nop-truc-tuyen/", form(online))
    assert response.status_code == 429
    assert "Quá nhiều yêu cầu" in response.content.decode()
    assert Dossier.objects.count() == 1
