"""Downloads of the report page: right content type, file name and content; the Word report states the page's figures."""

import io
import json
import re

import pytest
from django.urls import reverse

from motcua.reports.compute import compute_appendix
from tests.reports.scenario import EXPECTED_A
from tests.reports.test_signing import PASSWORD, make_p12, validate

SCOPE = {"unit": "16003", "period": "2023-Q2"}
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _download(client, kind, scope=SCOPE):
    return client.get(reverse("reports:report_download", args=[kind]), scope)


@pytest.mark.parametrize(
    "kind, content_type, name, magic",
    [
        ("phu-luc-json", "application/json", "phu-luc-01b-16003-2023-Q2.json", b"{"),
        ("phu-luc-xlsx", XLSX, "phu-luc-01b-16003-2023-Q2.xlsx", b"PK"),
        ("phu-luc-docx", DOCX, "phu-luc-01b-16003-2023-Q2.docx", b"PK"),
        ("bao-cao-docx", DOCX, "bao-cao-cchc-16003-2023-Q2.docx", b"PK"),
        ("bao-cao-pdf", "application/pdf", "bao-cao-cchc-16003-2023-Q2.pdf", b"%PDF"),
    ],
)
def test_each_download_has_its_type_name_and_a_body(as_user, staff, kind, content_type, name, magic):
    response = _download(as_user(staff.officer_a), kind)
    assert response.status_code == 200
    assert response["Content-Type"] == content_type
    assert response["Content-Disposition"] == f'attachment; filename="{name}"'
    assert response.content.startswith(magic) and len(response.content) > 100


def test_date_range_file_name(as_user, staff):
    response = _download(as_user(staff.leader_a), "bao-cao-docx", {"unit": "16003", "period": "2023-04-01..2023-06-30"})
    assert 'filename="bao-cao-cchc-16003-2023-04-01_2023-06-30.docx"' in response["Content-Disposition"]


def test_appendix_json_is_the_exchange_shape_with_the_hand_worked_values(as_user, staff):
    data = json.loads(_download(as_user(staff.leader_a), "phu-luc-json").content)
    assert data["unit"] == {"code": "16003", "name": "Xã Hoằng Lưu"}
    assert data["period"] == {"label": "2023-Q2", "start": "2023-04-01", "end": "2023-06-30"}
    assert {code: data["values"][code] for code in EXPECTED_A} == EXPECTED_A
    assert data["checks"] == []


def test_appendix_xlsx_holds_the_values(as_user, staff):
    from openpyxl import load_workbook

    sheet = load_workbook(io.BytesIO(_download(as_user(staff.leader_a), "phu-luc-xlsx").content)).active
    by_code = {row[0]: row[3] for row in sheet.iter_rows(min_row=6, values_only=True) if row[0]}
    assert by_code["3.3.1"] == 10 and by_code["3.3.2"] == 6 and by_code["3.2.5"] == 66.67


def _page_values(html: str) -> dict[str, str]:
    """Return {code: value as printed} of the appendix table on the report page."""
    values = {}
    for code, cell in re.findall(r'data-code="([^"]+)">.*?<td class="num">(.*?)</td>', html, re.S):
        values[code] = re.sub(r"<[^>]+>", "", cell).strip()
    return values


def _docx_values(data: bytes) -> dict[str, str]:
    """Return {code: value cell} of the appendix table in a Word report."""
    from docx import Document

    doc = Document(io.BytesIO(data))
    values = {}
    for table in doc.tables:
        if table.rows and table.rows[0].cells[0].text.strip() == "STT" and len(table.columns) == 5:
            for row in table.rows[1:]:
                values[row.cells[0].text.strip()] = row.cells[3].text.strip()
    return values


def test_word_report_contains_the_figures_the_page_shows(as_user, staff, scenario, q2):
    client = as_user(staff.leader_a)
    client.post(reverse("reports:report_entered_values"), {**SCOPE, "v-1.1.1": "1234"})
    page = _page_values(client.get(reverse("reports:report"), SCOPE).content.decode())
    docx = _docx_values(_download(client, "bao-cao-docx").content)
    assert page["3.3.1"] == docx["3.3.1"] == "10"
    assert page["3.3.2"] == docx["3.3.2"] == "6"
    assert page["3.2.5"] == docx["3.2.5"] == "66,67"
    assert page["1.1.1"] == docx["1.1.1"] == "1.234"
    # Every row the page prints, the Word table prints the same way.
    assert set(page) == set(docx)
    assert page == docx


def test_word_report_carries_the_saved_number_and_section(as_user, staff):
    from docx import Document

    client = as_user(staff.leader_a)
    client.post(reverse("reports:report_meta"), {**SCOPE, "document_number": "125/BC-UBND", "issued_on": "2023-06-20"})
    client.post(reverse("reports:report_section"), {**SCOPE, "key": "V", "action": "save",
                                                    "text": "Đề nghị UBND huyện hỗ trợ máy quét."})
    doc = Document(io.BytesIO(_download(client, "bao-cao-docx").content))
    text = "\n".join(p.text for p in doc.paragraphs) + "\n".join(
        cell.text for table in doc.tables for row in table.rows for cell in row.cells
    )
    assert "Số: 125/BC-UBND" in text
    assert "Hoằng Lưu, ngày 20 tháng 6 năm 2023" in text
    assert "Đề nghị UBND huyện hỗ trợ máy quét." in text


def test_unknown_download_is_404_and_bad_period_400(as_user, staff):
    client = as_user(staff.leader_a)
    assert _download(client, "bao-cao-odt").status_code == 404
    response = _download(client, "bao-cao-docx", {"unit": "16003", "period": "quý hai"})
    assert response.status_code == 400
    assert "Kỳ báo cáo không hợp lệ" in response.content.decode()


def test_htmx_build_answers_with_a_link_only_its_builder_can_fetch(as_user, staff, client):
    as_user(staff.leader_a)
    response = client.post(reverse("reports:report_build", args=["bao-cao-docx"]), SCOPE, HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Đã lập xong" in html and "bao-cao-cchc-16003-2023-Q2.docx" in html
    url = re.search(r'href="([^"]+)"', html).group(1)
    fetched = client.get(url)
    assert fetched.status_code == 200
    assert fetched["Content-Type"] == DOCX
    assert b"".join(fetched.streaming_content).startswith(b"PK")
    client.force_login(staff.specialist_a)
    assert client.get(url).status_code == 404


def test_report_page_offers_progress_on_builds(as_user, staff):
    html = as_user(staff.leader_a).get(reverse("reports:report"), SCOPE).content.decode()
    assert 'hx-indicator="#dang-lap"' in html and "Đang lập báo cáo…" in html
    assert 'hx-disabled-elt="closest fieldset"' in html


@pytest.fixture
def certificate(tmp_path, settings, monkeypatch):
    cert = make_p12(tmp_path / "ubnd.p12")
    settings.MOTCUA_SIGN_P12 = str(tmp_path / "ubnd.p12")
    monkeypatch.setenv("MOTCUA_SIGN_PASSWORD", PASSWORD)
    return cert


def test_signed_pdf_validates_against_the_certificate(as_user, staff, certificate):
    client = as_user(staff.leader_a)
    assert "Báo cáo ký số (PDF)" in client.get(reverse("reports:report"), SCOPE).content.decode()
    response = _download(client, "bao-cao-ky-so")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert 'filename="bao-cao-cchc-16003-2023-Q2-ky-so.pdf"' in response["Content-Disposition"]
    _, status = validate(response.content, certificate)
    assert status.intact and status.valid and status.trusted


def test_only_leaders_sign(as_user, staff, certificate):
    client = as_user(staff.officer_a)
    assert "Báo cáo ký số" not in client.get(reverse("reports:report"), SCOPE).content.decode()
    assert _download(client, "bao-cao-ky-so").status_code == 403


def test_wrong_certificate_password_is_a_vietnamese_message(as_user, staff, certificate, monkeypatch):
    monkeypatch.setenv("MOTCUA_SIGN_PASSWORD", "sai")
    response = _download(as_user(staff.leader_a), "bao-cao-ky-so")
    assert response.status_code == 503
    text = response.content.decode()
    assert "Không ký số được: chứng thư số trên máy chủ không mở được" in text
    assert "ubnd.p12" not in text  # no server path shown


def test_without_certificate_no_signed_button(as_user, staff, settings):
    settings.MOTCUA_SIGN_P12 = ""
    html = as_user(staff.leader_a).get(reverse("reports:report"), SCOPE).content.decode()
    assert "Báo cáo ký số" not in html


def test_json_values_equal_compute(as_user, staff, scenario, q2):
    data = json.loads(_download(as_user(staff.leader_a), "phu-luc-json").content)
    assert data == json.loads(json.dumps(compute_appendix(scenario.units.a, q2).as_dict()))


def test_htmx_build_reports_a_signing_failure_in_place(as_user, staff, certificate, monkeypatch):
    monkeypatch.setenv("MOTCUA_SIGN_PASSWORD", "sai")
    response = as_user(staff.leader_a).post(
        reverse("reports:report_build", args=["bao-cao-ky-so"]), SCOPE, HTTP_HX_REQUEST="true"
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert '<p class="field-error" role="alert">Không ký số được: chứng thư số trên máy chủ không mở được' in html
    assert "data-auto-download" not in html
