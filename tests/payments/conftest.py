"""Fixtures of the fee and payment tests: the desk's commune (tests/desk/conftest.py) and a chứng thực procedure with fees."""

import pytest

from motcua.payments.models import ApplicantGroup, FeeExemption
from tests.desk.conftest import desk, make_procedure, receive, vn  # noqa: F401

# Lệ phí chứng thực bản sao từ bản chính (Thông tư 226/2016/TT-BTC): 2.000 đ/trang.
CERTIFY_FEES = [
    {"name": "Lệ phí chứng thực bản sao", "amount": 2000, "per": "page"},
    {"name": "Phí cấp bản sao", "amount": 3000, "per": "copy"},
    {"name": "Phí hồ sơ", "amount": 5000, "per": "dossier"},
]


def make_certify(code="2.000815", fees=None):
    procedure = make_procedure(code, steps=False)
    procedure.name = "Chứng thực bản sao từ bản chính giấy tờ, văn bản"
    procedure.fees = CERTIFY_FEES if fees is None else fees
    procedure.save()
    return procedure


@pytest.fixture
def certify(db):
    return make_certify()


@pytest.fixture
def poor(certify):
    """Poor households (seeded by the migration) are exempt from the per-page fee of `certify`."""
    group = ApplicantGroup.objects.get(code="ho-ngheo")
    FeeExemption.objects.create(group=group, procedure=certify, fee_name="Lệ phí chứng thực bản sao")
    return group
