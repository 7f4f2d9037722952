"""No staff page answers an anonymous visitor: every URL under the staff prefixes sends to the sign-in page."""

import re

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

pytestmark = pytest.mark.django_db

STAFF_PREFIXES = ("can-bo/", "bao-cao/", "cai-cach/", "quan-tri/", "tac-vu/", "so-theo-doi", "ho-so/", "tu-choi-tiep-nhan/")
# A value for each kind of path parameter: enough to resolve, never a real record.
SAMPLE = {"int": "1", "str": "H56.20.03-230605-0001", "slug": "receipt", "path": "x"}


def _routes(resolver=None, prefix=""):
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        pattern = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            yield from _routes(entry, pattern)
        elif isinstance(entry, URLPattern):
            yield pattern


def _concrete(pattern: str) -> str:
    def fill(match):
        converter = match.group(1) or "str"
        return SAMPLE.get(converter, "1")

    return "/" + re.sub(r"<(?:(\w+):)?\w+>", fill, pattern).replace("^", "").replace("$", "")


STAFF_URLS = sorted({_concrete(p) for p in _routes() if p.startswith(STAFF_PREFIXES)})


def test_there_are_staff_pages_to_check():
    assert len(STAFF_URLS) > 40


@pytest.mark.parametrize("url", STAFF_URLS)
def test_anonymous_visitor_is_sent_to_sign_in(client, url):
    for method in (client.get, client.post):
        response = method(url)
        # Sign-in redirect, or a refusal; never the page itself.
        assert response.status_code in (302, 403, 404, 405), (url, response.status_code)
        if response.status_code == 302:
            assert response["Location"].startswith("/dang-nhap/"), (url, response["Location"])
