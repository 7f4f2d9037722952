"""A file with bad lines loads nothing and reports every bad line."""

import pytest

from .conftest import FULL_DOSSIER, MIN_DOSSIER, counts, dossier, lines
from motcua.exchange.loading import BATCH_SIZE, load_jsonl


@pytest.mark.django_db
def test_every_bad_line_is_reported_and_nothing_is_written(catalog):
    report = load_jsonl(
        "dossiers",
        lines(
            FULL_DOSSIER,  # 1 good
            dossier(MIN_DOSSIER, code="H56.20.03-230412-0003", channel="fax"),  # 2 bad
            dossier(MIN_DOSSIER, code="H56.20.03-230412-0004"),  # 3 good
            dossier(MIN_DOSSIER, code="H56.20.03-230412-0005", due_at="2023-04-12T08:00:00+07:00"),  # 4 bad
            "",
            dossier(MIN_DOSSIER, code="H56.20.03-230412-0006", unit="99999"),  # 6 bad
        ),
    )
    assert [n for n, _ in report.errors] == [2, 4, 6]
    assert report.created == 0
    assert counts() == (0, 0, 0, 0)
    assert report.summary() == "không nạp gì: 3 dòng có lỗi"


@pytest.mark.django_db
def test_a_bad_line_after_written_batches_rolls_them_back(catalog):
    good = [
        dossier(MIN_DOSSIER, code=f"H56.20.03-230412-{i:04d}") for i in range(1, BATCH_SIZE + 10)
    ]
    bad = dossier(MIN_DOSSIER, code="H56.20.03-230412-9999", channel="fax")
    report = load_jsonl("dossiers", lines(*good, bad))
    assert report.error_lines() == [
        f'line {len(good) + 1}: trường "channel" có giá trị không hợp lệ "fax" '
        "(cho phép: counter, postal, online_partial, online_full)"
    ]
    assert counts() == (0, 0, 0, 0)


@pytest.mark.django_db
def test_existing_data_is_kept_when_a_later_file_is_bad(catalog):
    assert load_jsonl("dossiers", lines(FULL_DOSSIER)).ok
    before = counts()
    report = load_jsonl("dossiers", lines(MIN_DOSSIER, dossier(MIN_DOSSIER, code="x")))
    assert [n for n, _ in report.errors] == [2]
    assert counts() == before
