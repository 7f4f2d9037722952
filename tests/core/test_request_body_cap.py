"""A request whose body is larger than the cap is refused with 413 before its body is read."""

import json
import socket
from urllib.parse import urlsplit

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


def raw_post(live_server, path: str, length: int, content_type: str, sent: bytes = b"x" * 1024) -> bytes:
    """Send the headers of a POST announcing `length` bytes and only the first KB; return what the server answers."""
    url = urlsplit(live_server.url)
    with socket.create_connection((url.hostname, url.port), timeout=30) as sock:
        head = (
            f"POST {path} HTTP/1.1\r\nHost: {url.hostname}:{url.port}\r\n"
            f"Content-Type: {content_type}\r\nContent-Length: {length}\r\n\r\n"
        )
        sock.sendall(head.encode() + sent)
        answer = b""
        while b"\r\n\r\n" not in answer:
            answer += sock.recv(65536)
        head, _, body = answer.partition(b"\r\n\r\n")
        length = int(next(line.split(b":")[1] for line in head.split(b"\r\n") if line.lower().startswith(b"content-length:")))
        while len(body) < length:
            body += sock.recv(65536)
        answer = head + b"\r\n\r\n" + body
        return answer


def test_a_200_mb_post_is_refused_by_a_real_server_without_reading_it(live_server, settings):
    settings.MOTCUA_MAX_REQUEST_MB = 100
    answer = raw_post(live_server, "/nop-truc-tuyen/", 200 * 1024 * 1024, "multipart/form-data; boundary=xyz")
    status_line, _, rest = answer.partition(b"\r\n")
    assert status_line.startswith(b"HTTP/1.1 413"), answer[:300]
    assert "vượt giới hạn 100 MB" in rest.decode()


def test_the_api_answers_in_its_error_shape(live_server, settings):
    settings.MOTCUA_MAX_REQUEST_MB = 1
    answer = raw_post(live_server, "/api/dossiers/X-1/attachments", 5 * 1024 * 1024, "multipart/form-data; boundary=xyz")
    head, _, body = answer.partition(b"\r\n\r\n")
    assert head.startswith(b"HTTP/1.1 413")
    assert json.loads(body) == {
        "code": "request_too_large",
        "message": "nội dung yêu cầu (5 MB) vượt giới hạn 1 MB",
        "details": {"limit_mb": 1},
    }


def test_a_body_within_the_cap_goes_through(settings):
    settings.MOTCUA_MAX_REQUEST_MB = 1
    client = Client()
    assert client.post("/dang-nhap/", {"username": "a", "password": "b" * 1000}).status_code == 200
    response = client.post("/dang-nhap/", {"username": "a", "password": "b" * (2 * 1024 * 1024)})
    assert response.status_code == 413
    assert "vượt giới hạn 1 MB" in response.content.decode()


def test_the_refusal_is_english_for_an_english_user(settings):
    settings.MOTCUA_MAX_REQUEST_MB = 1
    client = Client()
    client.cookies["django_language"] = "en"
    response = client.post("/dang-nhap/", {"username": "a", "password": "b" * (2 * 1024 * 1024)})
    assert response.status_code == 413
    assert "What was sent (2 MB) is over the system&#x27;s limit of 1 MB" in response.content.decode()


def test_the_load_page_keeps_its_own_larger_limit(settings):
    from motcua.core.request_limits import LOAD_PAGE, cap_mb
    from django.urls import reverse

    assert reverse("administration:load") == LOAD_PAGE
    settings.MOTCUA_MAX_REQUEST_MB = 1
    settings.MOTCUA_MAX_LOAD_MB = 3
    assert cap_mb(LOAD_PAGE) == 4 and cap_mb("/nop-truc-tuyen/") == 1
    client = Client()
    # 2 MB: over the general cap, within the load page's (the view then asks for sign-in).
    body = {"kind": "units", "pad": "x" * (2 * 1024 * 1024)}
    assert client.post(LOAD_PAGE, body).status_code == 302
    assert client.post("/nop-truc-tuyen/xac-minh/", body).status_code == 413
