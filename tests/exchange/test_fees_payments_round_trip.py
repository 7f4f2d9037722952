"""exchange.md "Format additions": a procedure's `fees` and `subjects`, a dossier's `payments`.

Loaded exactly, exported exactly (export → load into an empty database → export
gives the same bytes), kept when absent, refused with the line and the field's path when wrong.
"""

import io
import json

import pytest

from .conftest import MIN_DOSSIER, PROCEDURES, dossier, lines, load_procedures, procedure
from motcua.catalog.models import Procedure
from motcua.exchange.exporting import export_dossiers, export_procedures
from motcua.exchange.loading import load_jsonl
from motcua.payments.models import Payment

pytestmark = pytest.mark.django_db

FEES = [
    {"name": "Lệ phí chứng thực bản sao", "amount": 2000, "per": "page"},
    {"name": "Phí cấp bản sao", "amount": 8000, "per": "copy"},
    {"name": "Phí xử lý hồ sơ", "amount": 0, "per": "dossier"},
]
# Received 08:30, returned 16:00 (FULL_DOSSIER): every payment lies in between.
PAYMENTS = [
    {"at": "2023-04-12T08:35:00+07:00", "amount": 8000, "method": "cash", "receipt": "BL-2023-000123"},
    {"at": "2023-04-12T08:40:00+07:00", "amount": 8000, "method": "cash", "receipt": "BL-2023-000124"},
    {"at": "2023-04-12T08:45:00+07:00", "amount": 8000, "method": "cash", "reason": "Thu trùng", "refund": True},
    {"at": "2023-04-12T09:00:00+07:00", "amount": 0, "method": "exempt", "reason": "Hộ nghèo, sổ hộ nghèo số 12"},
    {"at": "2023-04-12T15:00:00+07:00", "amount": 5000, "method": "province_gateway", "receipt": "GW-77"},
]


def exported_procedures() -> str:
    out = io.StringIO()
    export_procedures(out=out)
    return out.getvalue()


def exported_dossiers() -> str:
    out = io.StringIO()
    export_dossiers("38", None, out=out)
    return out.getvalue()


def test_fees_and_subjects_load_and_export_exactly(units):
    with_fees = procedure(fees=FEES, subjects=["citizen", "organisation"])
    report = load_procedures(with_fees, PROCEDURES[1])
    assert report.ok, report.error_lines()
    stored = Procedure.objects.get(code="1.001193")
    assert stored.fees == FEES and stored.subjects == ["citizen", "organisation"]
    # Never told: not known, and not written.
    assert Procedure.objects.get(code="1.004227").fees is None
    first = exported_procedures()
    line = json.loads(first.splitlines()[0])
    assert line["fees"] == FEES and line["subjects"] == ["citizen", "organisation"]
    assert "fees" not in json.loads(first.splitlines()[1])

    # Load the export into an empty catalog: the same bytes come back.
    Procedure.objects.all().delete()
    assert load_jsonl("procedures", first.splitlines()).ok
    assert exported_procedures() == first

    # A later line without fees keeps them; an empty list says "no fee" and is kept as such.
    assert load_procedures(procedure()).ok
    assert Procedure.objects.get(code="1.001193").fees == FEES
    assert load_procedures(procedure(fees=[])).ok
    assert Procedure.objects.get(code="1.001193").fees == []
    assert json.loads(exported_procedures().splitlines()[0])["fees"] == []


@pytest.mark.parametrize(
    "fees, where",
    [
        ([{"name": "Lệ phí", "amount": -1, "per": "page"}], "số tiền"),
        ([{"name": "Lệ phí", "amount": 2000.5, "per": "page"}], "số tiền"),
        ([{"name": "Lệ phí", "amount": 2000, "per": "tờ"}], "đơn vị tính"),
        ([{"name": "", "amount": 2000, "per": "page"}], "tên khoản"),
        ([{"name": "Lệ phí", "amount": 1, "per": "page"}, {"name": "lệ phí", "amount": 2, "per": "copy"}], "trùng tên"),
        ([{"name": "Lệ phí", "amount": 1, "per": "page", "vat": 10}], "vat"),
        ("2000 đ/trang", "danh sách"),
    ],
)
def test_bad_fees_are_refused_with_the_field(units, fees, where):
    report = load_procedures(procedure(fees=fees))
    assert not report.ok
    assert any('"fees"' in line and where in line for line in report.error_lines()), report.error_lines()
    assert not Procedure.objects.exists()


def test_bad_subjects_are_refused(units):
    report = load_procedures(procedure(subjects=["citizen", "company"]))
    assert not report.ok and any('"subjects[1]"' in line for line in report.error_lines())


def test_payments_load_and_export_exactly(catalog):
    full = dossier(payments=PAYMENTS)
    report = load_jsonl("dossiers", lines(full, MIN_DOSSIER))
    assert report.ok, report.error_lines()
    rows = list(Payment.objects.order_by("id").values_list("amount", "method", "receipt", "reason", "actor"))
    # The refund is stored negative: 8000 + 8000 - 8000 + 0 + 5000 = 13000 paid.
    assert rows == [
        (8000, "cash", "BL-2023-000123", "", None),
        (8000, "cash", "BL-2023-000124", "", None),
        (-8000, "cash", "", "Thu trùng", None),
        (0, "exempt", "", "Hộ nghèo, sổ hộ nghèo số 12", None),
        (5000, "province_gateway", "GW-77", "", None),
    ]
    assert sum(r[0] for r in rows) == 13000
    first = exported_dossiers()
    assert json.loads(first.splitlines()[0])["payments"] == PAYMENTS
    assert "payments" not in json.loads(first.splitlines()[1])

    # Into an empty database and out again: the same bytes.
    from motcua.dossiers.models import Dossier

    # Payment lines are append-only for the application; the test clears the table underneath it.
    Payment.objects.all()._raw_delete(Payment.objects.db)
    Dossier.objects.all().delete()
    assert load_jsonl("dossiers", first.splitlines()).ok
    assert exported_dossiers() == first


@pytest.mark.parametrize(
    "payment, message",
    [
        ({"at": "2023-04-12T08:00:00+07:00", "amount": 8000, "method": "cash"}, '"payments[0].at"'),  # before receipt 08:30
        ({"at": "2023-04-12T16:30:00+07:00", "amount": 8000, "method": "cash"}, '"returned_at"'),  # after return 16:00
        ({"at": "2023-04-12T09:00:00+07:00", "amount": -8000, "method": "cash"}, '"payments[0].amount"'),
        ({"at": "2023-04-12T09:00:00+07:00", "amount": "8000", "method": "cash"}, '"payments[0].amount"'),
        ({"at": "2023-04-12T09:00:00+07:00", "amount": 8000, "method": "momo"}, '"payments[0].method"'),
        ({"at": "2023-04-12T09:00:00+07:00", "amount": 8000, "method": "exempt"}, '"payments[0].amount"'),
        ({"at": "2023-04-12T09:00:00+07:00", "amount": 8000, "method": "cash", "refund": False}, '"payments[0].refund"'),
        ({"at": "2023-04-12T09:00:00+07:00", "amount": 8000, "method": "cash", "by": "Lan"}, "payments[0].by"),
    ],
)
def test_bad_payments_are_refused_with_the_field(catalog, payment, message):
    report = load_jsonl("dossiers", lines(dossier(payments=[payment])))
    assert not report.ok
    assert any(message in line for line in report.error_lines()), report.error_lines()
    assert not Payment.objects.exists()
