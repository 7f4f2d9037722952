"""The report page, dashboard and drill-down in English (cookie django_language=en); Vietnamese stays the default.

The appendix's indicator labels, the narrative and the generated documents are
official Vietnamese text: they stay Vietnamese whatever the page language.
"""

import io
import re

import pytest
from docx import Document
from django.urls import reverse

SCOPE = {"unit": "16003", "period": "2023-Q2"}


@pytest.fixture
def english(as_user, staff):
    client = as_user(staff.leader_a)
    client.cookies["django_language"] = "en"
    return client


def _text(html: str) -> str:
    """Return the page's visible text, tags and scripts removed."""
    html = re.sub(r"<script.*?</script>|<textarea.*?</textarea>", " ", html, flags=re.S)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_report_page_in_english(english):
    response = english.get(reverse("reports:report"), SCOPE)
    assert response.status_code == 200
    html = response.content.decode()
    assert response.headers["Content-Language"] == "en"
    for text in (
        "Administrative reform report", "Q2 2023", "(from 01/04/2023 to 30/06/2023)", "Show report",
        "Reporting period", "Quarter", "Unit", "Downloads", "Appendix 01b (Excel)", "Report (Word)",
        "Appendix 01b — Administrative reform statistics", "Consistency checks (C1–C9)",
        "Appendix 02 — Administrative procedure results by field", "Total dossiers", "Carried over",
        "Document details", "Document number", "Save document details", "Report text", "Save this section",
        "Manually entered figures", "Save entered figures", "Dashboard",
    ):
        assert text in html, text
    text = _text(html)
    for vietnamese in (
        "Báo cáo cải cách hành chính", "Xem báo cáo", "Tải về", "Thông tin văn bản", "Lưu mục này",
        "Số liệu nhập tay", "Kiểm tra tính nhất quán", "Kỳ báo cáo", "Kỳ trước chuyển qua", "Lưu thông tin",
    ):
        assert vietnamese not in text, vietnamese
    assert '<th scope="col" class="num">Total dossiers</th>' in html
    # The official row labels and the drafted report text stay Vietnamese.
    assert "Số lượng hồ sơ đã tiếp nhận" in html


def test_report_messages_and_form_errors_in_english(english):
    response = english.post(reverse("reports:report_entered_values"), {**SCOPE, "v-1.1.1": "abc"})
    html = response.content.decode()
    assert "Nothing has been saved: correct the marked boxes and save again." in html
    assert "1 box(es) are not valid; nothing has been saved." in html
    response = english.post(reverse("reports:report_meta"), {**SCOPE, "issued_on": "2023-01-05"}, follow=True)
    assert "The date of issue cannot be before the reporting period starts (01/04/2023)." in response.content.decode()
    response = english.post(reverse("reports:report_meta"), {**SCOPE, "document_number": "125/BC-UBND"}, follow=True)
    assert "The report’s document details have been saved." in response.content.decode()
    response = english.get(reverse("reports:report"), {"unit": "16003", "kind": "quy", "year": "2023"})
    assert "Choose a quarter." in response.content.decode()


def test_downloads_stay_vietnamese_under_the_english_cookie(english):
    response = english.get(reverse("reports:report_download", args=["phu-luc-json"]), SCOPE)
    body = response.content.decode()
    assert response.status_code == 200
    assert "quý II năm 2023" in body or "2023-Q2" in body
    response = english.get(reverse("reports:report_download", args=["bao-cao-docx"]), SCOPE)
    text = "\n".join(p.text for p in Document(io.BytesIO(response.content)).paragraphs)
    assert "quý II năm 2023" in text and "Q2 2023" not in text and "report" not in text.lower()
    response = english.post(reverse("reports:report_build", args=["bao-cao-docx"]), SCOPE, HTTP_HX_REQUEST="true")
    assert "Ready:" in response.content.decode()


def test_dashboard_in_english(english):
    html = english.get(reverse("reports:dashboard"), SCOPE).content.decode()
    for text in (
        "Dashboard", "Show dashboard", "Report page", "Key figures", "Dossiers received", "Resolved on time",
        "Received online", "Satisfaction rate", "Apology letters", "Dossiers received by channel", "In person",
        "By post (BCCI)", "Partly online", "Fully online", "Resolved on time, by month", "Data table",
        "show the list", "Bar chart:",
    ):
        assert text in html, text
    for vietnamese in ("Bảng điều khiển", "Hồ sơ tiếp nhận", "Tỷ lệ hài lòng", "Biểu đồ cột", "xem danh sách", "Trực tiếp"):
        assert vietnamese not in html, vietnamese


def test_drilldown_in_english(english):
    html = english.get(reverse("reports:drilldown"), {**SCOPE, "indicator": "3.3.1.a"}).content.decode()
    for text in ("Dossiers received in the period, in person", "indicator 3.3.1.a", "Total:", "Dossier code",
                 "Procedure", "Date received", "Due date", "Date resolved", "Result", "Report page"):
        assert text in html, text
    for vietnamese in ("Hồ sơ tiếp nhận trong kỳ", "Tổng số:", "Mã hồ sơ", "Hạn trả", "Trang báo cáo"):
        assert vietnamese not in html, vietnamese
    ratings = english.get(reverse("reports:drilldown"), {**SCOPE, "indicator": "danh-gia"}).content.decode()
    assert "Applicants’ satisfaction ratings in the period" in ratings and "Rating" in ratings


def test_vietnamese_stays_the_default(as_user, staff):
    client = as_user(staff.leader_a)
    html = client.get(reverse("reports:report"), SCOPE, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    for text in ("Báo cáo cải cách hành chính", "quý II năm 2023", "(từ 01/04/2023 đến 30/06/2023)", "Tải về",
                 "Phụ lục 01b (Excel)", "Lưu số liệu nhập tay", "Tổng số hồ sơ"):
        assert text in html, text
    assert "Administrative reform report" not in html
    board = client.get(reverse("reports:dashboard"), SCOPE).content.decode()
    assert "Bảng điều khiển" in board and "Hồ sơ tiếp nhận theo hình thức" in board and "Dashboard" not in board
    drill = client.get(reverse("reports:drilldown"), {**SCOPE, "indicator": "3.3.1.a"}).content.decode()
    assert "Hồ sơ tiếp nhận trong kỳ, trực tiếp" in drill and "Ngày tiếp nhận" in drill
