"""The one-stop desk's printed forms (PDF) and the dossier register (XLSX), by the rules in force on the receipt date.

Public API:
    render_form(record, form_name) -> bytes        a PDF, for a Dossier or a CounterRefusal
    available_forms(record) -> list[str]           the form names printable now
    dossier_register_xlsx(unit, period, user=None) -> bytes   the register (Sổ theo dõi hồ sơ)
    refusal_letter(dossier) -> bytes               Mẫu 03 of a refused dossier, the letter its leader signs
Form names are in motcua.forms.rulesets (RECEIPT, SUPPLEMENT_REQUEST, …).
"""


def render_form(record, form_name: str) -> bytes:
    """Return the PDF of a form for a dossier or a counter refusal."""
    from motcua.forms.render import render_form as render

    return render(record, form_name)


def available_forms(record) -> list[str]:
    """List the form names that can be printed for a dossier or a counter refusal now."""
    from motcua.forms.render import available_forms as available

    return available(record)


def dossier_register_xlsx(unit, period, user=None) -> bytes:
    """Return the register of the dossiers a unit received in a period, as an XLSX workbook."""
    from motcua.forms.register import dossier_register_xlsx as register

    return register(unit, period, user=user)


def refusal_letter(dossier) -> bytes:
    """Return Mẫu 03 of a refused dossier as PDF: the letter its leader signs (motcua.dossiers.results)."""
    from motcua.forms.rulesets import REFUSAL

    return render_form(dossier, REFUSAL)
