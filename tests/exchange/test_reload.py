"""Loading the same file again adds nothing; a different line for a loaded code is an error."""

import pytest

from .conftest import FULL_DOSSIER, MIN_DOSSIER, counts, dossier, lines
from motcua.dossiers.models import Dossier
from motcua.exchange.loading import load_jsonl
from motcua.exchange.schema import digest, dossier_line


@pytest.mark.django_db
def test_reloading_the_same_file_adds_nothing(catalog):
    first = load_jsonl("dossiers", lines(FULL_DOSSIER, MIN_DOSSIER))
    assert (first.created, first.unchanged) == (2, 0)
    assert first.summary() == "đã nạp 2 hồ sơ mới, 0 không đổi"
    after_first = counts()
    assert after_first == (2, 1, 1, 1)
    again = load_jsonl("dossiers", lines(FULL_DOSSIER, MIN_DOSSIER))
    assert (again.created, again.unchanged, again.errors) == (0, 2, [])
    assert counts() == after_first


@pytest.mark.django_db
def test_the_same_content_written_differently_is_unchanged(catalog):
    assert load_jsonl("dossiers", lines(FULL_DOSSIER)).ok
    # Same instants in UTC, keys in another order, explicit nulls: the canonical line is the same.
    same = dict(reversed(list(dossier(
        received_at="2023-04-12T01:30:00Z",
        due_at="2023-04-12T09:30:00+00:00",
        return_channel="counter",
        published={"portal": True, "website": True},
    ).items())))
    same["applicant"] = {**FULL_DOSSIER["applicant"], "email": None}
    report = load_jsonl("dossiers", lines(same))
    assert (report.created, report.unchanged, report.errors) == (0, 1, [])


@pytest.mark.django_db
def test_new_lines_are_added_next_to_unchanged_ones(catalog):
    assert load_jsonl("dossiers", lines(FULL_DOSSIER)).ok
    report = load_jsonl("dossiers", lines(FULL_DOSSIER, MIN_DOSSIER))
    assert (report.created, report.unchanged) == (1, 1)
    assert report.summary() == "đã nạp 1 hồ sơ mới, 1 không đổi"


@pytest.mark.django_db
def test_different_content_for_a_loaded_code_is_an_error(catalog):
    assert load_jsonl("dossiers", lines(FULL_DOSSIER, MIN_DOSSIER)).ok
    changed = dossier(outcome="refused")
    report = load_jsonl("dossiers", lines(MIN_DOSSIER, changed))
    assert report.error_lines() == ["line 2: hồ sơ H56.20.03-230412-0001 đã có trong hệ thống với nội dung khác"]
    assert Dossier.objects.get(code=FULL_DOSSIER["code"]).outcome == "approved"


@pytest.mark.django_db
def test_the_stored_digest_is_that_of_the_canonical_line(catalog):
    from motcua.exchange.schema import validate_dossier

    assert load_jsonl("dossiers", lines(FULL_DOSSIER)).ok
    rec, errs = validate_dossier(FULL_DOSSIER)
    assert not errs
    assert Dossier.objects.get().exchange_digest == digest(dossier_line(rec))


@pytest.mark.django_db
def test_a_dossier_entered_in_the_application_is_compared_by_content(catalog):
    assert load_jsonl("dossiers", lines(FULL_DOSSIER)).ok
    Dossier.objects.update(exchange_digest="")  # as if entered at the desk
    report = load_jsonl("dossiers", lines(FULL_DOSSIER))
    assert (report.unchanged, report.errors) == (1, [])
    report = load_jsonl("dossiers", lines(dossier(channel="postal")))
    assert [n for n, _ in report.errors] == [1]
