"""Intake puts a dossier on its procedure's first step only where the procedure applies."""

import pytest

from motcua.dossiers.actions import _applicability_and_first_step
from motcua.dossiers.error_codes import DossierActionError
from motcua.dossiers.error_codes import DossierErrorCode as E

from .conftest import make_procedure, receive, vn


@pytest.mark.parametrize("steps", [True, False], ids=["with steps", "without steps"])
@pytest.mark.parametrize(
    ("listed", "applies"),
    [((), True), (("unit",), True), (("unit_b",), False), (("unit_b", "unit"), True)],
    ids=["lists none", "lists it", "lists another", "lists both"],
)
def test_applicability_and_first_step(desk, steps, listed, applies):
    procedure = make_procedure(code="2.000815", steps=steps)
    procedure.units.set([getattr(desk, name) for name in listed])
    found, step = _applicability_and_first_step(procedure, desk.unit)
    assert found is applies
    assert (step.position, step.name) == (1, "Tiếp nhận, chuyển hồ sơ") if steps else step is None


def test_intake_where_the_procedure_does_not_apply_is_refused(desk):
    desk.procedure.units.set([desk.unit_b])
    with pytest.raises(DossierActionError) as refused:
        receive(desk, vn(2023, 6, 5, 9, 0))
    assert refused.value.code == E.PROCEDURE_NOT_APPLICABLE


def test_intake_starts_on_the_first_step(desk):
    dossier = receive(desk, vn(2023, 6, 5, 9, 0))
    assert dossier.current_step.position == 1
