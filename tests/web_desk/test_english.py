"""The desk's staff pages in English (the language cookie): home per role, intake, receipt, counter refusal, worklist, decision queue.

Every page's own text is English; the data (names of units, procedures,
people, papers) stays as entered; Vietnamese stays the default.
"""

import re

import pytest
from django.test import Client

from motcua.catalog.models import Procedure
from motcua.dossiers.models import CounterRefusal, Dossier
from tests.english import vietnamese_finder

pytestmark = pytest.mark.django_db

# Always allowed: the way back to Vietnamese, official names of forms, an example of what to type.
KEPT = [
    "Tiếng Việt",
    "Mẫu 01",
    "Giấy tiếp nhận hồ sơ và hẹn trả kết quả",
    "Giấy tiếp nhận",
    "khai sinh, dang ky ket hon",
]


def signed_in(user, language="en") -> Client:
    client = Client()
    client.force_login(user)
    if language:
        client.cookies["django_language"] = language
    return client


vietnamese_left = vietnamese_finder(KEPT)


def data_of(world) -> list[str]:
    from motcua.accounts.models import User
    from motcua.catalog.models import Field
    from motcua.units.models import Unit

    people = []
    for u in User.objects.all():
        people += [u.get_full_name(), f"{u.last_name} {u.first_name}", u.first_name, u.last_name]
    return [
        *Unit.objects.values_list("name", flat=True),
        *Procedure.objects.values_list("name", flat=True),
        *Field.objects.values_list("name", flat=True),
        *Dossier.objects.values_list("applicant_name", flat=True),
        *[p for p in people if p.strip()],
    ]


def test_desk_officer_home_in_english(world):
    response = signed_in(world.officer).get("/can-bo/")
    page = response.content.decode()
    assert response.status_code == 200 and '<html lang="en">' in page
    for text in ["Hello, Lê Thị Lan", "One-stop desk officer", "Received today", "Due today", "Overdue",
                 "Awaiting supplementary documents", "Result ready to return", "Results returned (last 7 days)",
                 "Receive a new dossier", "All dossiers"]:
        assert text in page, text
    assert vietnamese_left(response, data_of(world)) == []


def test_specialist_leader_and_oversight_homes_in_english(world):
    response = signed_in(world.specialist).get("/can-bo/")
    page = response.content.decode()
    for text in ["Assigned to me", "Mine, due today", "Mine, overdue", "Dossiers assigned to me", "Time left", "left"]:
        assert text in page, text
    assert vietnamese_left(response, data_of(world)) == []

    response = signed_in(world.leader).get("/can-bo/")
    page = response.content.decode()
    for text in ["Awaiting my decision", "Overdue in the unit", "Apology letters to sign", "Leader"]:
        assert text in page, text
    assert vietnamese_left(response, data_of(world)) == []

    response = signed_in(world.oversight).get("/can-bo/")
    page = response.content.decode()
    for text in ["By unit", "Unit", "In progress", "Overdue", "Received this month", "Oversight officer (district/province)"]:
        assert text in page, text
    assert vietnamese_left(response, data_of(world)) == []


def test_home_stays_vietnamese_by_default(world):
    client = Client(headers={"accept-language": "en-GB,en;q=0.9"})
    client.force_login(world.officer)
    page = client.get("/can-bo/").content.decode()
    assert '<html lang="vi">' in page
    assert "Xin chào, Lê Thị Lan" in page and "Tiếp nhận hôm nay" in page and "Đã trả kết quả (7 ngày qua)" in page
    assert "Hello" not in page and "Received today" not in page


def test_worklist_in_english_with_filters_table_and_remaining_time(world):
    client = signed_in(world.officer)
    response = client.get("/can-bo/ho-so/")
    page = response.content.decode()
    for text in ["<h1>Dossiers</h1>", "Search by dossier code or applicant", "Due", "Handled by", "Sort", "Procedure",
                 "Field", "Channel", "Received from", "Newest first", "Earliest due first", "Overdue",
                 "Due soon (1 working day)", "Handled by me", "Not assigned", "All", "In person", "By post (BCCI)",
                 "Fully online", "Awaiting the leader&#x27;s decision", "Filter", "Clear filters", "Dossier code",
                 "Applicant", "Due date", "Download this list (XLSX)", "Dossiers: 6", "overdue by", "left",
                 "paused (awaiting supplement)", "Result returned", "Dossier code or applicant&#x27;s name"]:
        assert text in page, text
    assert 'class="remaining-late"' in page
    assert vietnamese_left(response, data_of(world)) == []


def test_worklist_errors_and_empty_result_in_english(world):
    client = signed_in(world.officer)
    response = client.get("/can-bo/ho-so/", {"received_from": "32/13/2026", "due": "x", "q": "không có ai"})
    page = response.content.decode()
    assert "Invalid date; write it as dd/mm/yyyy." in page
    assert "«x» is not one of the choices." in page
    assert "No dossiers match the filters." in page
    assert vietnamese_left(response, [*data_of(world), "không có ai"]) == []
    response = client.get("/can-bo/ho-so/", {"received_from": "10/03/2026", "received_to": "01/03/2026"}, headers={"HX-Request": "true"})
    assert "The “to” date must be on or after the “from” date." in response.content.decode()
    response = client.get("/can-bo/ho-so/", {"unit": world.other_commune.code})
    assert f"The unit «{world.other_commune.code}» is outside your scope." in response.content.decode()


def test_worklist_export_stays_vietnamese_in_english(world):
    from io import BytesIO

    from openpyxl import load_workbook

    export = signed_in(world.officer).get("/can-bo/ho-so/xuat.xlsx", {"due": "overdue"})
    assert export.status_code == 200
    sheet = load_workbook(BytesIO(export.content)).active
    values = " ".join(str(c.value) for row in sheet.iter_rows() for c in row if c.value is not None)
    assert "quá hạn" in values and "overdue" not in values


def test_intake_page_and_procedure_partial_in_english(world):
    client = signed_in(world.officer)
    response = client.get("/can-bo/tiep-nhan/")
    page = response.content.decode()
    for text in ["Dossier intake", "1. Administrative procedure", "Find the procedure", "2. Applicant",
                 "Citizen", "Organisation", "Full name / organisation name", "Personal ID number (CCCD)",
                 "3. Receipt and return of the result", "Channel", "Result delivery", "Time received",
                 "Leave blank for now.", "Receive and issue a dossier code", "Refuse at the counter",
                 "Instructions to complete the papers", "Refusal at the counter", "Reasons / instructions (one point per line)",
                 "Record and print the slip", "(choose it in section 1, if any)"]:
        assert text in page, text
    assert vietnamese_left(response, data_of(world)) == []

    response = client.get(f"/can-bo/tiep-nhan/thu-tuc/{world.birth.pk}/")
    page = response.content.decode()
    for text in ["Processing time:", "3 working days", "Result due if received now:", " on ", "Received", "Document",
                 "Kind of copy", "Quantity", "Original", "Certified copy", "Add a document row"]:
        assert text in page, text
    assert vietnamese_left(response, data_of(world)) == []

    response = client.get("/can-bo/tiep-nhan/thu-tuc/", {"q": "xyz"})
    assert "No procedure applied at this unit matches «xyz»." in response.content.decode()


def test_intake_errors_receipt_and_counter_refusal_in_english(world):
    from django.urls import reverse

    client = signed_in(world.officer)
    response = client.post(reverse("desk:intake"), {"applicant_kind": "citizen"})
    assert "Please choose the administrative procedure." in response.content.decode()
    response = client.post(
        reverse("desk:intake"),
        {"procedure": world.birth.pk, "applicant_kind": "citizen", "applicant_id_number": "12", "comp-0-name": "Tờ khai", "comp-0-quantity": "0"},
    )
    page = response.content.decode()
    assert response.status_code == 422
    for text in ["Please fill in this field.",
                 "The ID number (CCCD) is not valid: it must have exactly 12 digits.",
                 "Some rows of the document checklist are not valid.", "The quantity must be a whole number from 1 to 99."]:
        assert text in page, text
    assert vietnamese_left(response, [*data_of(world), "Tờ khai"]) == []

    response = client.post(
        reverse("desk:intake"),
        {"procedure": world.birth.pk, "channel": "counter", "applicant_kind": "citizen", "applicant_name": "Hoàng Văn Khải",
         "applicant_id_number": "038090001234", "result_delivery": "postal", "comp-0-name": "Tờ khai", "comp-0-form": "original",
         "comp-0-quantity": "1"},
    )
    assert response.status_code == 302
    response = client.get(response["Location"])
    page = response.content.decode()
    for text in ["Dossier received", "Dossier code:", "Received at", " on ", "In person", "Result due",
                 "result delivery: by post (bcci)", "Status", "Received", "Print the receipt (Mẫu 01)",
                 "Open the dossier", "Receive another dossier"]:
        assert text in page, text
    assert vietnamese_left(response, data_of(world)) == []

    response = client.post(reverse("desk:counter_refusal"), {"refusal-kind": "refused", "refusal-applicant_name": ""})
    page = response.content.decode()
    assert "Please enter the applicant&#x27;s name." in page and "Please state the reasons for refusal or the instructions." in page
    response = client.post(
        reverse("desk:counter_refusal"),
        {"refusal-kind": "refused", "refusal-applicant_name": "Hoàng Văn Khải", "refusal-reasons": "Thiếu tờ khai"},
    )
    assert response.status_code == 302
    refusal = CounterRefusal.objects.get()
    response = client.get(response["Location"])
    page = response.content.decode()
    for text in ["Recorded: refusal at the counter", "No dossier code issued.", "Applicant", "Time", "Reasons for refusal",
                 "Print the slip", "Receive another dossier"]:
        assert text in page, text
    assert vietnamese_left(response, [*data_of(world), *refusal.reasons]) == []


def test_decision_queue_in_english(world):
    from motcua.dossiers.models import Status

    Dossier.objects.filter(pk=world.a3.pk).update(status=Status.AWAITING_DECISION)
    client = signed_in(world.leader)
    response = client.get("/can-bo/phe-duyet/")
    page = response.content.decode()
    for text in ["Dossiers awaiting decision", "earliest due first", "Submitted at", "Decision", "Approve", "Refuse…",
                 "Reasons for refusal (one per line)", f"Refuse dossier {world.a3.code}?"]:
        assert text in page, text
    assert vietnamese_left(response, data_of(world)) == []
    # A refusal without reasons, then an approval: the row's messages are English.
    url = f"/can-bo/phe-duyet/{world.a3.code}/"
    version = Dossier.objects.get(pk=world.a3.pk).version
    response = client.post(url + "refuse/", {"expected_version": version, "reasons": ""}, headers={"HX-Request": "true"})
    assert "A refusal must state its reasons." in response.content.decode()
    response = client.post(url + "approve/", {"expected_version": version}, headers={"HX-Request": "true"})
    assert f"Dossier {world.a3.code} approved." in response.content.decode()
    response = client.post(url + "approve/", {"expected_version": version}, headers={"HX-Request": "true"})
    assert "Someone else has just updated this dossier" in response.content.decode()

    Dossier.objects.filter(status=Status.AWAITING_DECISION).update(status=Status.PROCESSING)
    response = client.get("/can-bo/phe-duyet/")
    assert "No dossiers are awaiting a decision." in response.content.decode()


def _desk_messages() -> set[str]:
    """Return the msgids the desk's templates and code use, those built at run time included ("context\\x04text" for pgettext)."""
    from pathlib import Path

    from django.conf import settings

    from motcua.accounts.models import Role
    from motcua.desk.action_forms import ACTION, ACTIONS
    from motcua.desk.intake import _DURATIONS
    from motcua.desk.worklist import _AMOUNTS
    from motcua.dossiers import models as m
    from motcua.dossiers.events import Verb

    root = Path(settings.BASE_DIR) / "desk"
    found = set()
    for template in (root / "templates").rglob("*.html"):
        text = template.read_text(encoding="utf-8")
        for match in re.finditer(r'{%\s*translate\s+"([^"]*)"(?:\s+context\s+"([^"]*)")?\s*%}', text):
            found.add((match[2] + "\x04" if match[2] else "") + match[1])
        for match in re.finditer(r"{%\s*blocktranslate([^%]*)%}(.*?){%\s*endblocktranslate\s*%}", text, re.S):
            found.add(re.sub(r"{{\s*(\w+)\s*}}", r"%(\1)s", match[2]))
    for module in root.glob("*.py"):
        text = module.read_text(encoding="utf-8")
        found.update(re.findall(r'\b(?:_|gettext|gettext_lazy|gettext_noop)\(\s*"((?:[^"\\]|\\.)*)"\s*\)', text))
        found.update(a + "\x04" + b for a, b in re.findall(r'\bpgettext(?:_lazy)?\(\s*"([^"]*)",\s*"([^"]*)"\s*\)', text))
    for choices in [m.Status, m.Channel, m.ReturnChannel, m.ApplicantKind, m.ComponentForm, m.CounterRefusalKind,
                    m.AttachmentKind, m.RatingValue, m.RatingChannel, m.Outcome, Verb, Role]:
        found.update(str(label) for _, label in choices.choices)
    for spec in ACTIONS.values():
        found |= {ACTION + "\x04" + spec.label, ACTION + "\x04" + spec.button, f"Đã {spec.label.lower()}: hồ sơ %(code)s."}
        if spec.confirm:
            found.add(spec.confirm)
    for pair in [*_AMOUNTS.values(), *_DURATIONS.values()]:
        found.update(pair)
    return found


def test_every_message_of_the_desk_has_its_english():
    from pathlib import Path

    from django.conf import settings

    from motcua.core.catalogs import merge_catalogs

    catalog, conflicts = merge_catalogs(sorted((Path(settings.BASE_DIR) / "locale" / "en" / "LC_MESSAGES").glob("*.po")))
    assert conflicts == []
    messages = _desk_messages()
    assert len(messages) > 300
    assert sorted(m for m in messages if m not in catalog) == []
