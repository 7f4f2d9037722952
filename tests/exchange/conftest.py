"""Fixtures of the exchange tests: a small unit tree, one procedure, and JSONL helpers."""

import copy
import json

import pytest

from motcua.exchange.loading import load_jsonl

UNITS = [
    {"code": "38", "name": "Tỉnh Thanh Hóa", "level": "province", "parent": None, "agency_id": "H56"},
    {"code": "388", "name": "Huyện Hoằng Hóa", "level": "district", "parent": "38", "agency_id": "H56.20"},
    {"code": "16003", "name": "Xã Hoằng Lưu", "level": "commune", "parent": "388", "agency_id": "H56.20.03"},
    {"code": "16004", "name": "Xã Hoằng Phụ", "level": "commune", "parent": "388", "agency_id": "H56.20.04"},
    {"code": "40", "name": "Tỉnh Nghệ An", "level": "province", "parent": None, "agency_id": "H40"},
    {"code": "17001", "name": "Xã Nghi Lộc", "level": "commune", "parent": "40", "agency_id": "H40.01"},
]

PROCEDURES = [
    {
        "code": "1.001193",
        "name": "Thủ tục đăng ký khai sinh",
        "field": {"code": "ho_tich", "name": "Hộ tịch"},
        "level": "commune",
        "legal_duration": {"value": 1, "unit": "working_day"},
        "reduced_duration": {"value": 4, "unit": "working_hour"},
        "mechanism": "one_stop",
        "online": "full",
        "online_payment": True,
        "boundary_free": False,
        "internal_process": {"approved": True, "electronic": True},
        "announced_on": "2023-05-10",
        "abolished_on": None,
        "units": ["16003", "16004"],
    },
    {
        "code": "1.004227",
        "name": "Thủ tục chứng thực bản sao từ bản chính",
        "field": {"code": "chung_thuc", "name": "Chứng thực"},
        "level": "commune",
        "legal_duration": {"value": None, "unit": "same_day"},
        "units": ["16003"],
    },
]

# A complete dossier line of exchange.md, in canonical form already.
FULL_DOSSIER = {
    "code": "H56.20.03-230412-0001",
    "unit": "16003",
    "procedure": "1.001193",
    "channel": "counter",
    "received_at": "2023-04-12T08:30:00+07:00",
    "due_at": "2023-04-12T16:30:00+07:00",
    "applicant": {"kind": "citizen", "name": "Nguyễn Văn A", "id_number": "038090001234", "phone": "0912345678"},
    "supplements": [{"requested_at": "2023-04-12T09:00:00+07:00", "received_at": "2023-04-12T10:00:00+07:00"}],
    "apologies": [
        {"issued_at": "2023-04-12T11:00:00+07:00", "new_due_at": "2023-04-13T11:00:00+07:00", "reason": "Chờ xác minh"}
    ],
    "resolved_at": "2023-04-12T15:10:00+07:00",
    "outcome": "approved",
    "returned_at": "2023-04-12T16:00:00+07:00",
    "return_channel": "counter",
    "published": {"portal": True, "website": True},
    "digitized": {"components": True, "result": True},
    "ratings": [{"at": "2023-04-12T16:05:00+07:00", "value": "very_satisfied", "channel": "online"}],
}

# The smallest valid dossier: required fields only.
MIN_DOSSIER = {
    "code": "H56.20.03-230412-0002",
    "unit": "16003",
    "procedure": "1.004227",
    "channel": "online_full",
    "received_at": "2023-04-12T09:00:00+07:00",
    "due_at": "2023-04-12T16:30:00+07:00",
}


def dossier(base=None, drop=(), **changes):
    """A copy of FULL_DOSSIER (or `base`) with keys changed or dropped."""
    obj = copy.deepcopy(base or FULL_DOSSIER)
    for key in drop:
        obj.pop(key, None)
    obj.update(changes)
    return obj


def lines(*objs):
    """JSONL text lines of `objs`; a str item is taken as a raw line."""
    return [o if isinstance(o, str) else json.dumps(o, ensure_ascii=False) for o in objs]


def load(kind, *objs):
    return load_jsonl(kind, lines(*objs))


def procedure(**changes):
    """A copy of the first of PROCEDURES with keys changed."""
    obj = dict(PROCEDURES[0])
    obj.update(changes)
    return obj


def load_procedures(*objs):
    """Load procedure lines: objects, or raw str lines."""
    return load("procedures", *objs)


@pytest.fixture
def units(db):
    report = load("units", *UNITS)
    assert report.ok, report.error_lines()
    return report


@pytest.fixture
def catalog(units):
    report = load("procedures", *PROCEDURES)
    assert report.ok, report.error_lines()
    return report


def counts():
    from motcua.dossiers.models import Apology, Dossier, Rating, Supplement

    return (Dossier.objects.count(), Supplement.objects.count(), Apology.objects.count(), Rating.objects.count())
