"""The report-reading page and the job pages in English (cookie django_language=en); Vietnamese stays the default.

What the reading finds in the reports (the breach messages, the failure
reasons) and the summary workbook stay Vietnamese: they describe Vietnamese
documents.
"""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from motcua.jobs.display import job_text
from motcua.jobs.models import Job
from tests.extract.documents import SEED
from tests.factories import make_tree, make_user
from tests.jobs.work import IMMEDIATE

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def inline_jobs(settings, tmp_path):
    settings.TASKS = IMMEDIATE
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def oversight(client):
    _, district, *_ = make_tree()
    user = make_user("huyen", district, "oversight")
    client.force_login(user)
    return user


@pytest.fixture
def english(client, oversight):
    client.cookies["django_language"] = "en"
    return client


def seed_upload():
    return SimpleUploadedFile("bao-cao-xa-hoang-luu.txt", SEED.read_bytes())


def test_upload_page_in_english(english):
    response = english.get("/bao-cao/doc/")
    html = response.content.decode()
    assert response.headers["Content-Language"] == "en"
    assert "any statistics table and the figures the narrative states" in html
    for text in ("Read the units’ reports", "Report files", "Reporting period", "Read and check",
                 ".pdf, .docx or .txt files; at most 20 MB each, at most 60 files.", "For example: 2023-Q2 (second quarter)"):
        assert text in html, text
    for vietnamese in ("Đọc báo cáo của các đơn vị", "Các tệp báo cáo", "Đọc và kiểm tra", "mỗi tệp tối đa"):
        assert vietnamese not in html, vietnamese


def test_upload_errors_in_english(english):
    response = english.post("/bao-cao/doc/", {"files": [], "period": "quý hai"})
    html = response.content.decode()
    assert "Choose at least one report file (.pdf, .docx or .txt)." in html
    assert "Invalid reporting period: quý hai (use 2023-Q2, 2023-H1, 2023-9M or 2023)." in html
    bad = SimpleUploadedFile("bao-cao.pdf", b"Hello, not a PDF at all")
    response = english.post("/bao-cao/doc/", {"files": [bad], "period": "2023-Q2"})
    assert "«bao-cao.pdf»: the content is plain text, which does not match the .pdf extension" in response.content.decode()
    response = english.post("/bao-cao/doc/", {"files": [seed_upload()], "period": "2023-04-01..2023-06-30"})
    assert "choose a period such as 2023-Q2, not a date range" in response.content.decode()


def test_result_page_and_job_pages_in_english(english):
    response = english.post("/bao-cao/doc/", {"files": [seed_upload()], "period": "2023-Q2"})
    job = Job.objects.get()
    assert job.label == "Đọc 1 báo cáo kỳ 2023-Q2"  # stored in Vietnamese, shown in the reader's language
    html = english.get(response.url).content.decode()
    for text in ("Reading 1 report(s) for period 2023-Q2", "Read 1/1 files, found 9 breach(es)", "period 2023-Q2, read at",
                 "Download the summary workbook (.xlsx)", "Indicators read", "Rule", "Figures printed in the report",
                 "Dossiers received (3.3.1) equal the sum over channels a + b + c + d", "Read other reports"):
        assert text in html, text
    for vietnamese in ("Đọc 1 báo cáo", "Đã đọc 1/1 tệp", "Tải bảng tổng hợp", "Số chỉ tiêu đọc được",
                       "Hồ sơ tiếp nhận (3.3.1) bằng tổng"):
        assert vietnamese not in html, vietnamese
    for text in ("Figures read", "dossiers received in total", "Narrative sentences read and what they were compared with",
                 "Sentence", "Compared with", "received online", "disagrees", "survey forms"):
        assert text in html, text
    for vietnamese in ("Số liệu đọc được", "Các câu trong phần thuyết minh", "không khớp", "tổng số hồ sơ tiếp nhận"):
        assert vietnamese not in html, vietnamese
    # The breach found in the report is the checker's Vietnamese sentence.
    assert "3.3.1 = 602 nhưng 3.3.1.a + b + c + d = 625" in html
    earlier = english.get("/bao-cao/doc/").content.decode()
    assert "Earlier readings" in earlier and "Done" in earlier and "Reading 1 report(s)" in earlier
    jobs = english.get("/tac-vu/").content.decode()
    assert "My tasks" in jobs and "Reading 1 report(s) for period 2023-Q2" in jobs and "Done" in jobs
    detail = english.get(f"/tac-vu/{job.pk}/").content.decode()
    assert "Started at" in detail and "View the result" in detail and "Download tong-hop-01b-2023-Q2.xlsx" in detail
    assert "Processed 1/1 files" in detail


def test_forbidden_page_in_english(client):
    _, district, a, *_ = make_tree()
    client.force_login(make_user("motcua", a, "desk_officer"))
    client.cookies["django_language"] = "en"
    response = client.get("/bao-cao/doc/")
    assert response.status_code == 403
    assert "You may not read the units’ reports" in response.content.decode()


def test_job_texts_translate_and_keep_the_unknown(settings):
    from django.utils import translation

    with translation.override("en"):
        assert job_text("Đang đọc tệp 2/5: xa-a.pdf") == "Reading file 2/5: xa-a.pdf"
        assert job_text("Không đọc được báo cáo nào trong 3 tệp") == "None of the 3 files could be read as a report"
        assert job_text("Nạp 3 tệp JSONL") == "Nạp 3 tệp JSONL"
    with translation.override("vi"):
        assert job_text("Đang đọc tệp 2/5: xa-a.pdf") == "Đang đọc tệp 2/5: xa-a.pdf"


def test_vietnamese_stays_the_default(client, oversight):
    response = client.post("/bao-cao/doc/", {"files": [seed_upload()], "period": "2023-Q2"}, HTTP_ACCEPT_LANGUAGE="en")
    html = client.get(response.url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Đọc 1 báo cáo kỳ 2023-Q2" in html and "Đã đọc 1/1 tệp, phát hiện 9 vi phạm" in html
    assert "Tải bảng tổng hợp (.xlsx)" in html and "Reading 1 report" not in html
    assert "Tác vụ của tôi" in client.get("/tac-vu/").content.decode()
