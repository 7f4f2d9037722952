"""A dossier's values of its procedure's own data fields: checked at intake, whatever the way in.

The desk's intake, the online form and the API pass what they received to the
intake actions (do_receive_dossier, do_submit_online_dossier), which call
`clean_dossier_data` before anything is written. A fault refuses the intake
with INVALID_DATA; the error's `field_errors` ({key: reason}) lets a page put
each reason next to its field, and the API returns them in `details.errors`.
"""

from __future__ import annotations

import datetime as dt

from motcua.catalog.data_fields import check_values, labelled
from motcua.dossiers.error_codes import DossierActionError, DossierErrorCode as E


def clean_dossier_data(procedure, values, day: dt.date | None = None) -> dict:
    """Return the values to keep for a dossier of `procedure` received on `day`, or refuse them.

    Required fields, types, ranges, choices and unknown keys are checked
    (motcua.catalog.data_fields.check_values); blank values are left out.
    """
    clean, errors = check_values(procedure.data_fields or [], values, today=day)
    if errors:
        error = DossierActionError(E.INVALID_DATA, "; ".join(errors.values()))
        error.field_errors = errors
        error.api_details = {"errors": errors}
        raise error
    return clean


def dossier_data_rows(dossier) -> list[dict]:
    """Return the dossier's kept values as [{"key", "label", "value"}], as pages and printed forms show them."""
    return labelled(dossier.procedure.data_fields or [], dossier.data or {})
