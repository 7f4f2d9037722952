"""The fee of a dossier as printed forms show it (Mẫu 01 receipt): Vietnamese, amounts written out in đồng."""

from __future__ import annotations

from motcua.payments.fees import PER_LABELS, dong
from motcua.payments.models import DossierFee


def fee_lines_for_print(dossier) -> dict | None:
    """{"lines": [{"name", "rate", "units", "total"}], "total"} of the fee quoted at intake, or None when there is none."""
    fee = DossierFee.objects.filter(dossier_id=dossier.pk).first()
    if fee is None:
        return None
    lines = [
        {
            "name": line["name"],
            "rate": f"{dong(line['amount'])}/{PER_LABELS.get(line['per'], line['per'])}",
            "units": line["units"],
            "total": "Miễn" if line.get("exempt") else dong(line["total"]),
        }
        for line in fee.lines
    ]
    return {"lines": lines, "total": dong(fee.total)}
