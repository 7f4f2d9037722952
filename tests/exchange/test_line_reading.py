"""Lines that are not UTF-8 JSON objects; blank lines; the byte-order mark."""

import json

import pytest

from .conftest import MIN_DOSSIER, counts, lines
from motcua.exchange.loading import load_jsonl


@pytest.mark.django_db
def test_bad_lines_of_every_kind_are_reported_with_their_numbers(catalog):
    good = json.dumps(MIN_DOSSIER, ensure_ascii=False).encode()
    report = load_jsonl(
        "dossiers",
        [
            good + b"\n",
            b"\n",
            b'{"code": "H56.20.03-230412-0003", \xff}\n',
            b"{not json}\n",
            b"[1, 2]\n",
            b'"text"\n',
            b"   \n",
            b'{"code": NaN}\n',
        ],
    )
    assert [n for n, _ in report.errors] == [3, 4, 5, 6, 8]
    assert report.errors[0][1].startswith("dòng không phải UTF-8 hợp lệ")
    assert report.errors[1][1] == "dòng không phải JSON hợp lệ: tên trường phải đặt trong dấu ngoặc kép (cột 2)"
    assert report.errors[2][1] == "dòng phải là một đối tượng JSON, nhận được danh sách"
    assert report.errors[3][1] == "dòng phải là một đối tượng JSON, nhận được chuỗi"
    assert report.errors[4][1].startswith("dòng không phải JSON hợp lệ")
    assert counts() == (0, 0, 0, 0)


@pytest.mark.django_db
def test_blank_lines_and_bom_are_ignored(catalog):
    text = "\ufeff" + json.dumps(MIN_DOSSIER, ensure_ascii=False)
    report = load_jsonl("dossiers", [text.encode("utf-8"), b"", b"\r\n"])
    assert report.ok, report.error_lines()
    assert report.created == 1


@pytest.mark.django_db
def test_text_lines_are_accepted_too(catalog):
    report = load_jsonl("dossiers", lines(MIN_DOSSIER))
    assert (report.created, report.unchanged, report.errors) == (1, 0, [])


def test_unknown_kind_is_refused():
    with pytest.raises(ValueError):
        load_jsonl("people", [])
