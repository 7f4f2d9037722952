"""The 2026 dossier additions (exchange.md): papers, VNeID check, result document, outcome `stopped`.

export → load into an empty database → export gives the same lines with every new field;
a bad value is refused with its line number and the field's path.
"""

import io
import json

import pytest

from .conftest import FULL_DOSSIER, MIN_DOSSIER, dossier, lines
from .test_dossier_rules import check
from motcua.dossiers.models import Dossier, ResultDocument, Status
from motcua.exchange.exporting import export_dossiers
from motcua.exchange.loading import load_jsonl

SHA_A = "9f2c" + "0" * 59 + "1"
SHA_B = "ab" * 32

PAPERS = [
    {"name": "Tờ khai đăng ký khai sinh", "form": "original", "digitized": True, "reused": False,
     "from_data_store": False, "sha256": SHA_A},
    {"name": "Giấy chứng sinh", "form": "certified_copy", "digitized": False, "reused": True},
    {"name": "Căn cước công dân của người đi khai", "form": "copy", "from_data_store": True},
    {"name": "Tờ khai nộp trên Cổng", "form": "electronic"},
    {"name": "Giấy tờ không rõ hình thức"},
]

WITH_EVERYTHING = dossier(
    applicant={**FULL_DOSSIER["applicant"], "vneid_verified": True},
    components=PAPERS,
    result_document={"sha256": SHA_B, "electronic": True, "signed_at": "2023-04-12T15:05:00+07:00",
                     "signed_by": "Nguyễn Văn B", "pushed_to_data_store": True},
)
# Handling stopped at the citizen's request; the VNeID check known to have failed; a paper result.
STOPPED = dossier(
    MIN_DOSSIER,
    applicant={"kind": "citizen", "name": "Lê Thị C", "vneid_verified": False},
    resolved_at="2023-04-12T11:00:00+07:00",
    outcome="stopped",
    components=[{"name": "Đơn đề nghị", "form": "original", "digitized": True, "sha256": SHA_B}],
    result_document={"electronic": False, "pushed_to_data_store": False},
)


def export():
    out = io.StringIO()
    export_dossiers("38", None, out=out)
    return out.getvalue()


def canonical(*objs):
    return "".join(json.dumps(obj, ensure_ascii=False) + "\n" for obj in objs)


@pytest.mark.django_db
def test_new_fields_export_load_export_identical(catalog):
    report = load_jsonl("dossiers", lines(STOPPED, WITH_EVERYTHING))
    assert report.ok, report.error_lines()
    first = export()
    # Ordered by receipt: WITH_EVERYTHING (08:30) before STOPPED (09:00); every key as written.
    assert first == canonical(WITH_EVERYTHING, STOPPED)

    stopped = Dossier.objects.get(code=STOPPED["code"])
    assert (stopped.status, stopped.outcome, stopped.applicant_vneid_verified) == (Status.STOPPED, "stopped", False)
    full = Dossier.objects.get(code=WITH_EVERYTHING["code"])
    assert full.applicant_vneid_verified is True
    assert full.components[1] == {"name": "Giấy chứng sinh", "form": "certified_copy", "digitized": False, "reused": True}
    document = full.result_document
    assert (document.sha256, document.electronic, document.signed_by, document.pushed_to_data_store) == (
        SHA_B, True, "Nguyễn Văn B", True,
    )

    ResultDocument.objects.all().delete()
    Dossier.objects.all().delete()
    again = load_jsonl("dossiers", first.splitlines())
    assert (again.created, again.errors) == (2, [])
    assert export() == first
    # Loading the export once more changes nothing.
    third = load_jsonl("dossiers", first.splitlines())
    assert (third.created, third.unchanged) == (0, 2)


@pytest.mark.django_db
def test_absent_new_fields_stay_absent(catalog):
    # A dossier written before 2026: no papers, no check, no result document; export adds none.
    assert load_jsonl("dossiers", lines(FULL_DOSSIER)).ok
    assert export() == canonical(FULL_DOSSIER)
    d = Dossier.objects.get()
    assert (d.applicant_vneid_verified, d.components, ResultDocument.objects.count()) == (None, [], 0)


@pytest.mark.django_db
def test_a_changed_paper_is_a_different_line(catalog):
    assert load_jsonl("dossiers", lines(WITH_EVERYTHING)).ok
    changed = dossier(WITH_EVERYTHING, components=[dict(PAPERS[0], reused=True)] + PAPERS[1:])
    report = load_jsonl("dossiers", lines(changed))
    assert report.error_lines() == [f"line 1: hồ sơ {WITH_EVERYTHING['code']} đã có trong hệ thống với nội dung khác"]


BAD = [
    (dossier(components=[{"name": "Tờ khai", "form": "scan"}]),
     'line 3: trường "components[0].form" có giá trị không hợp lệ "scan" (cho phép: original, copy, certified_copy, electronic)'),
    (dossier(components=[{"name": "Tờ khai", "sha256": "abc"}]),
     'line 3: trường "components[0].sha256" phải là mã băm SHA-256 gồm 64 chữ số hệ mười sáu, nhận được "abc"'),
    (dossier(components=[{"name": "Tờ khai", "sha256": "g" * 64}]), 'trường "components[0].sha256" phải là mã băm SHA-256'),
    (dossier(components=[{"name": "Tờ khai", "digitized": False, "sha256": SHA_A}]),
     'trường "components[0].sha256" chỉ có khi giấy tờ đã số hóa, nhưng "components[0].digitized" là false'),
    (dossier(components=[{"form": "copy"}]), 'thiếu trường bắt buộc "components[0].name"'),
    (dossier(components=[{"name": "Tờ khai", "reused": "yes"}]),
     'trường "components[0].reused" phải là true/false, nhận được chuỗi "yes"'),
    (dossier(components=[{"name": "Tờ khai", "pages": 3}]), 'trường không xác định "components[0].pages"'),
    (dossier(components={"name": "Tờ khai"}), 'trường "components" phải là danh sách'),
    (dossier(applicant={**FULL_DOSSIER["applicant"], "vneid_verified": 1}),
     'trường "applicant.vneid_verified" phải là true/false, nhận được số 1'),
    (dossier(result_document={"sha256": SHA_A.upper()[:63]}), 'trường "result_document.sha256" phải là mã băm SHA-256'),
    (dossier(result_document={"signed_at": "2023-04-11T08:00:00+07:00"}),
     'trường "result_document.signed_at" (2023-04-11T08:00:00+07:00) sớm hơn "received_at"'),
    (dossier(result_document={"signed_on": "2023-04-12"}), 'trường không xác định "result_document.signed_on"'),
    (dossier(result_document="yes"), 'trường "result_document" phải là đối tượng'),
    (dossier(drop=["resolved_at", "returned_at", "return_channel"], outcome="stopped"),
     'line 3: trường "outcome" ("stopped") chỉ được có khi có "resolved_at"'),
    (dossier(outcome="paused"), "cho phép: approved, refused, withdrawn, stopped"),
]


@pytest.mark.django_db
@pytest.mark.parametrize("bad, expected", BAD)
def test_bad_new_field_is_refused_naming_it(catalog, bad, expected):
    check(bad, expected)
    assert ResultDocument.objects.count() == 0


def test_the_exchange_knows_the_forms_a_dossier_records():
    from motcua.dossiers.papers import PaperForm
    from motcua.exchange.dossier_papers import PAPER_FORMS

    assert PAPER_FORMS == tuple(PaperForm.values)


def test_one_definition_of_a_papers_form():
    # The counter's list of forms is the papers' forms without the electronic filing, the same labels:
    # PaperForm (models) is the only place that names them.
    from motcua.dossiers.models import ComponentForm, PaperForm

    assert ComponentForm.choices == [c for c in PaperForm.choices if c[0] != "electronic"]
    assert PaperForm.ELECTRONIC.label == "Bản điện tử"
