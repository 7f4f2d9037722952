"""The report reading and the progress bar with the real parts: gunicorn, `motcua worker`, a database file or server.

The web server is killed and started again while the reading waits in the queue: the
job lives in the database, the worker runs it, and the page the officer left open
shows the result once the new server answers.
"""

import signal

import pytest

from tests.browser.conftest import PASSWORD
from tests.browser.test_reports_reading import check_results_and_download, upload_two_reports
from tests.jobs.site import free_port, make_site
from tests.jobs.test_worker_process import DATABASES, JOBS, SETUP_OFFICER, START


@pytest.fixture(params=DATABASES)
def site(request, tmp_path):
    yield from make_site(tmp_path / "site", request.param)


@pytest.fixture
def web(site, browser):
    """Start gunicorn for the site and sign the oversight officer in; return (port, page)."""
    site.python(SETUP_OFFICER)
    port = free_port()
    site.start_web(port)
    context = browser.new_context(
        base_url=f"http://127.0.0.1:{port}", locale="vi-VN", timezone_id="Asia/Ho_Chi_Minh",
        viewport={"width": 1280, "height": 900},
    )
    context.set_default_timeout(15_000)
    page = context.new_page()
    page.goto("/dang-nhap/")
    page.get_by_label("Tên đăng nhập").fill("huyen")
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_load_state()
    yield port, page
    context.close()


def test_reading_survives_a_restart_of_the_web_server(site, web, tmp_path):
    port, page = web
    upload_two_reports(page, tmp_path)

    # No worker yet: the reading waits in the queue, and the page says why.
    page.wait_for_selector(".job-progress[data-status='queued'] .job-waiting")
    assert site.healthz(port) == {"status": "ok", "database": "ok", "worker": "none", "queue": 1}

    # The web server dies with the job still queued, and comes back; then a worker starts.
    [gunicorn] = [p for p in site.processes if "gunicorn" in str(p.args)]
    site.kill(gunicorn, signal.SIGKILL)
    assert site.healthz(port) is None
    site.start_web(port)
    site.start_worker()

    # The page left open keeps polling; once the worker is done it reloads with the results.
    page.wait_for_selector(".reading-files", timeout=90_000)
    health = site.healthz(port)
    assert (health["worker"], health["queue"]) == ("ok", 0)
    check_results_and_download(page)


def test_progress_bar_is_watched_while_the_worker_runs_the_job(site, web, tmp_path):
    _, page = web
    site.start_worker()
    gate = tmp_path / "gate"
    [job] = site.python(START.format(func="tests.jobs.work.wait_for_gate", kwargs=[{"gate": str(gate)}]))
    page.goto(f"/tac-vu/{job}/")
    # The worker holds the job at step 1 of 2 until the test opens the gate.
    page.wait_for_selector(".job-progress[data-status='running'] .job-message:has-text('Bước 1/2')", timeout=60_000)
    assert page.locator("progress").get_attribute("value") == "50"
    assert "50 %" in page.locator(".job-message").inner_text()
    gate.touch()
    page.wait_for_selector(".job-progress[data-status='succeeded']", timeout=60_000)
    assert page.locator("progress").get_attribute("value") == "100"
    assert "Xong 2 bước" in page.locator(".job-summary").inner_text()
    assert site.python(JOBS.format(ids=[job]))[str(job)][0] == "succeeded"
