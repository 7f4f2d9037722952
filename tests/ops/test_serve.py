"""`motcua serve`: the real gunicorn server, refusing without a key or with a deployment error."""

import json
import re
import subprocess
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager

import pytest
from django.core.management.base import CommandError

from motcua.ops import serve
from tests.ops.helpers import MOTCUA, ROOT, TEST_KEY, child_env, free_port, motcua, wait_until_serving


def test_serve_refuses_to_start_without_a_secret_key(tmp_path):
    result = motcua("serve", "--addr", f"127.0.0.1:{free_port()}", env=child_env(tmp_path), check=False)
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "MOTCUA_SECRET_KEY" in lines[0]


def test_a_bad_address_is_a_bad_argument(tmp_path):
    result = motcua("serve", "--addr", "8000", env=child_env(tmp_path, MOTCUA_SECRET_KEY=TEST_KEY), check=False)
    assert result.returncode == 2
    assert "HOST:CỔNG" in result.stderr


def test_a_deployment_error_stops_the_server_before_it_listens(settings):
    settings.SECURE_REFERRER_POLICY = "không-có-chính-sách-này"
    report = serve.deploy_checks()
    assert [m.id for m in report.errors] == ["security.E023"]
    with pytest.raises(CommandError, match=r"check --deploy.*security\.E023"):
        serve.run("127.0.0.1:1", 1)


def test_deployment_warnings_do_not_stop_it(settings):
    settings.SESSION_COOKIE_SECURE = False
    report = serve.deploy_checks()
    assert report.errors == []
    assert "security.W012" in [m.id for m in report.warnings]


def fetch(url: str) -> tuple[int, str, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=120) as response:
            return response.status, response.headers.get("Content-Type", ""), response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers.get("Content-Type", ""), error.read()


@contextmanager
def running_server(home, **extra):
    """`motcua serve` on a free port with a key; yields (base URL, the process)."""
    port = free_port()
    env = child_env(home, MOTCUA_SECRET_KEY=TEST_KEY, MOTCUA_PUBLIC_RATE_LIMIT="10000/minute", **extra)
    process = subprocess.Popen(
        [*MOTCUA, "serve", "--addr", f"127.0.0.1:{port}", "--workers", "2"],
        env=env, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_serving(process, base + "/dang-nhap/")
        yield base, process
    finally:
        if process.poll() is None:
            process.terminate()
            process.communicate(timeout=120)


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    with running_server(tmp_path_factory.mktemp("serve-home")) as (base, _):
        yield base


def test_pages_and_their_stylesheets_come_from_the_real_server(server):
    status, content_type, body = fetch(server + "/dang-nhap/")
    assert status == 200 and content_type.startswith("text/html")
    stylesheets = re.findall(rb'<link[^>]+rel="stylesheet"[^>]+href="([^"]+)"', body)
    scripts = re.findall(rb'<script[^>]+src="([^"]+)"', body)
    assert stylesheets and scripts
    for href in stylesheets + scripts:
        status, content_type, asset = fetch(server + href.decode())
        assert status == 200 and asset, href
        assert content_type.split(";")[0] in {"text/css", "text/javascript", "application/javascript"}, href


def test_forty_parallel_requests_all_succeed(server):
    paths = ["/dang-nhap/", "/tra-cuu/"] * 20
    with ThreadPoolExecutor(max_workers=40) as pool:
        results = list(pool.map(lambda path: fetch(server + path)[0], paths))
    assert results == [200] * 40


def test_healthz_answers_ok(server):
    status, _, body = fetch(server + "/healthz")
    if status == 404:
        pytest.skip("/healthz is not there yet (issue 12, worker)")
    assert status == 200 and b'"ok"' in body


def test_the_demo_serves_through_the_same_server_without_a_key(tmp_path):
    port = free_port()
    process = subprocess.Popen(
        [*MOTCUA, "demo", "--years", "--now", "2026-11-25T17:00:00+07:00", "--addr", f"127.0.0.1:{port}"],
        env=child_env(tmp_path / "demo-home"), cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_serving(process, base + "/dang-nhap/", patience=900)
        status, _, body = fetch(base + "/dang-nhap/")
        css = re.search(rb'<link[^>]+rel="stylesheet"[^>]+href="([^"]+)"', body)[1].decode()
        assert status == 200 and fetch(base + css)[0] == 200
    finally:
        process.terminate()
        out, err = process.communicate(timeout=120)
    assert "Tài khoản dùng thử" in out
    assert "gunicorn" in err and "Starting gunicorn" in err
    assert "cảnh báo triển khai" not in err
    assert (tmp_path / "demo-home" / "secret_key").exists()


def test_with_json_logs_every_server_line_is_one_json_object(tmp_path):
    with running_server(tmp_path, MOTCUA_LOG_FORMAT="json") as (base, process):
        assert fetch(base + "/dang-nhap/")[0] == 200
        process.terminate()
        _, err = process.communicate(timeout=120)
    entries = [json.loads(line) for line in err.splitlines()]
    loggers = {entry["logger"] for entry in entries}
    assert {"gunicorn.error", "gunicorn.access", "motcua.ops.serve"} <= loggers
    assert any("GET /dang-nhap/" in e["message"] for e in entries if e["logger"] == "gunicorn.access")
    assert any("security.W004" in e["message"] for e in entries if e["level"] == "WARNING")
