"""An oversight officer reads two commune reports in the browser and downloads the workbook.

The live server runs in a thread of the test process on pytest-django's in-memory
SQLite database, which no worker process can open; so here the reading runs through
django-tasks' ImmediateBackend, inside the upload request. The same reading by a real
`motcua worker` beside a real gunicorn (restarted mid-way), with the progress bar
watched, is tests/browser/test_worker.py.
"""

import io

import pytest
from openpyxl import load_workbook

from motcua.jobs.models import Job, Status
from tests.extract.documents import CONSISTENT, SEED, write_docx
from tests.factories import make_tree, make_user
from tests.jobs.work import IMMEDIATE

pytestmark = pytest.mark.django_db(transaction=True)


def upload_two_reports(page, tmp_path):
    """Upload the seed report and a consistent one for 2023-Q2 on the reading page."""
    consistent = write_docx(tmp_path / "hoang-dong.docx", CONSISTENT, unit="Xã Hoằng Đông", place="Hoằng Đông",
                            period_title="quý II năm 2023", date_line="ngày 05 tháng 7 năm 2023")
    page.goto("/bao-cao/doc/")
    page.get_by_label("Các tệp báo cáo").set_input_files([str(SEED), str(consistent)])
    page.get_by_label("Kỳ báo cáo").fill("2023-Q2")
    page.get_by_role("button", name="Đọc và kiểm tra").click()


def check_results_and_download(page, timeout=60_000):
    """Wait for the two files' rows, check their breaches, download the workbook and check its totals."""
    page.wait_for_selector(".reading-files", timeout=timeout)
    rows = page.locator(".reading-files tbody tr")
    assert rows.count() == 2
    seed_row = rows.nth(0).inner_text()
    assert "Xã Hoằng Lưu" in seed_row and "63/64" in seed_row
    for rule in ("C1", "C2", "C4", "C6", "C10", "C11"):
        assert rule in seed_row
    assert "Không phát hiện vi phạm" in rows.nth(1).inner_text()
    assert "3.3.1 = 602 nhưng 3.3.1.a + b + c + d = 625" in page.locator("#tep-1 .reading-checks").inner_text()

    with page.expect_download() as download_info:
        page.get_by_role("button", name="Tải bảng tổng hợp (.xlsx)").click()
    download = download_info.value
    assert download.suggested_filename == "tong-hop-01b-2023-Q2.xlsx"
    book = load_workbook(io.BytesIO(open(download.path(), "rb").read()))
    sheet = book["Tổng hợp"]
    totals = {row[0].value: [c.value for c in row[3:]] for row in sheet.iter_rows(min_row=3)}
    assert totals["3.3.1"] == [602, 410, 1012]


def test_oversight_reads_two_reports_and_downloads_the_summary(page, login, settings, tmp_path):
    settings.TASKS = IMMEDIATE
    settings.MEDIA_ROOT = tmp_path / "media"
    _, district, *_ = make_tree()
    login(make_user("huyen", district, "oversight"))
    upload_two_reports(page, tmp_path)
    # The reading ran in the upload request; the result page shows it.
    page.wait_for_selector(".reading-files", timeout=60_000)
    job = Job.objects.get()
    assert job.status == Status.SUCCEEDED and job.percent == 100
    assert job.message == "Đã xử lý 2/2 tệp"
    check_results_and_download(page)
