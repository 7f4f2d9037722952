"""Entering register and manual rows, section texts and the document's header data from the report page."""

import re

import pytest
from django.urls import reverse

from motcua.reports.compute import compute_appendix
from motcua.reports.models import ManualValue, ReportMeta, ReportSectionText
from motcua.reports.narrative import build_narrative

ENTER = reverse("reports:report_entered_values")
SECTION = reverse("reports:report_section")
META = reverse("reports:report_meta")
SCOPE = {"unit": "16003", "period": "2023-Q2"}


def _message_for(html: str, field: str) -> str:
    m = re.search(rf'<small class="field-error" id="loi-{re.escape(field)}">(.*?)</small>', html)
    return m.group(1) if m else ""


def test_valid_values_are_saved_and_shown_in_the_appendix(as_user, staff, scenario, q2):
    client = as_user(staff.leader_a)
    response = client.post(ENTER, {**SCOPE, "v-1.1.1": "28", "v-1.1.2": "25", "v-6.1": "1", "v-7.2.3.a": "66,5",
                                   "v-1.1": "252/QĐ-UBND ngày 30/12/2022"})
    assert response.status_code == 302
    assert response["Location"].endswith("#so-lieu-nhap")
    values = compute_appendix(scenario.units.a, q2).values
    assert (values["1.1.1"], values["1.1.2"], values["6.1"], values["7.2.3.a"]) == (28, 25, 1, 66.5)
    assert values["1.1"] == "252/QĐ-UBND ngày 30/12/2022"
    html = client.get(reverse("reports:report"), SCOPE).content.decode()
    row = re.search(r'<tr class="" data-code="1.1.1">.*?</tr>', html, re.S).group(0)
    assert '<td class="num">28</td>' in row
    assert "nhập tay" in row
    # The form shows the unit's own values back, the percent with a decimal comma.
    assert 'name="v-7.2.3.a" type="text" value="66,5"' in html


def test_one_bad_value_saves_nothing_and_is_explained_next_to_its_field(as_user, staff):
    client = as_user(staff.leader_a)
    response = client.post(ENTER, {**SCOPE, "v-1.1.1": "28", "v-1.1.2": "nhiều", "v-6.1": "5", "v-4.1.4": "120"})
    html = response.content.decode()
    assert response.status_code == 200
    assert not ManualValue.objects.exists()
    assert _message_for(html, "v-1.1.2") == "1.1.2 phải là số nguyên không âm, không phải “nhiều”."
    assert _message_for(html, "v-6.1") == "6.1 chỉ nhận Có = 1, Không = 0, không phải “5”."
    assert _message_for(html, "v-4.1.4") == "4.1.4 = 120: tỷ lệ phần trăm phải từ 0 đến 100."
    assert _message_for(html, "v-1.1.1") == ""
    # What was typed stays in the form to be corrected.
    assert 'name="v-1.1.2" type="text" value="nhiều"' in html
    assert "Chưa lưu số liệu nào" in html


def test_empty_value_clears_a_row(as_user, staff, scenario, q2):
    client = as_user(staff.leader_a)
    client.post(ENTER, {**SCOPE, "v-1.1.1": "28"})
    client.post(ENTER, {**SCOPE, "v-1.1.1": ""})
    assert compute_appendix(scenario.units.a, q2).values["1.1.1"] is None


def test_computed_row_cannot_be_posted(as_user, staff):
    response = as_user(staff.leader_a).post(ENTER, {**SCOPE, "v-3.3.1": "999", "v-1.1.1": "3"})
    assert response.status_code == 400
    assert "3.3.1" in response.content.decode()
    assert not ManualValue.objects.exists()


@pytest.mark.parametrize("who", ["officer_a"])
def test_desk_officer_reads_but_cannot_edit(as_user, staff, who):
    client = as_user(getattr(staff, who))
    html = client.get(reverse("reports:report"), SCOPE).content.decode()
    assert "Lưu số liệu nhập tay" not in html
    assert "Lưu mục này" not in html
    assert client.post(ENTER, {**SCOPE, "v-1.1.1": "3"}).status_code == 403
    assert client.post(SECTION, {**SCOPE, "key": "I", "text": "x", "action": "save"}).status_code == 403
    assert client.post(META, {**SCOPE, "document_number": "1/BC-UBND"}).status_code == 403
    assert not ManualValue.objects.exists() and not ReportSectionText.objects.exists()
    assert not ReportMeta.objects.exists()


def test_specialist_and_district_oversight_may_edit_the_commune(as_user, staff, scenario, q2):
    assert as_user(staff.specialist_a).post(ENTER, {**SCOPE, "v-1.1.1": "3"}).status_code == 302
    assert as_user(staff.district).post(ENTER, {**SCOPE, "v-1.1.2": "2"}).status_code == 302
    values = compute_appendix(scenario.units.a, q2).values
    assert (values["1.1.1"], values["1.1.2"]) == (3, 2)


def test_forged_period_is_refused(as_user, staff):
    response = as_user(staff.leader_a).post(ENTER, {"unit": "16003", "period": "2023-06-30..2023-04-01",
                                                    "v-1.1.1": "3"})
    assert response.status_code == 400
    assert "ngày kết thúc trước ngày bắt đầu" in response.content.decode()
    assert not ManualValue.objects.exists()


def test_section_text_saved_then_restored_to_the_draft(as_user, staff, scenario, q2):
    client = as_user(staff.leader_a)
    response = client.post(SECTION, {**SCOPE, "key": "II.2", "action": "save",
                                      "text": "Đoạn thứ nhất.\n\nĐoạn thứ hai."})
    assert response.status_code == 302
    assert response["Location"].endswith("#muc-II-2")
    section = build_narrative(scenario.units.a, q2).section("II.2")
    assert section.edited and section.paragraphs == ["Đoạn thứ nhất.", "Đoạn thứ hai."]
    assert ReportSectionText.objects.get().updated_by == staff.leader_a
    html = client.get(reverse("reports:report"), SCOPE).content.decode()
    assert "Khôi phục bản dự thảo từ số liệu" in html

    client.post(SECTION, {**SCOPE, "key": "II.2", "action": "restore", "text": "bị bỏ qua"})
    section = build_narrative(scenario.units.a, q2).section("II.2")
    assert not section.edited
    # The draft states the hand-worked figures of the scenario again.
    assert "đã tiếp nhận 10 hồ sơ" in " ".join(section.paragraphs)
    assert not ReportSectionText.objects.exists()


def test_unknown_section_key_is_refused(as_user, staff):
    response = as_user(staff.leader_a).post(SECTION, {**SCOPE, "key": "VI", "action": "save", "text": "x"})
    assert response.status_code == 400
    assert not ReportSectionText.objects.exists()


def test_too_long_section_text_is_refused_by_the_field(as_user, staff):
    response = as_user(staff.leader_a).post(SECTION, {**SCOPE, "key": "I", "action": "save", "text": "x" * 20001})
    assert "Nội dung dài tối đa 20000 ký tự." in response.content.decode()
    assert not ReportSectionText.objects.exists()


def test_report_meta_saved(as_user, staff, scenario):
    response = as_user(staff.leader_a).post(META, {
        **SCOPE, "document_number": "125/BC-UBND", "issued_on": "2023-06-20", "place_name": "",
        "signer_title": "PHÓ CHỦ TỊCH", "signer_name": "Lê Văn Bình", "recipients": "- UBND huyện;\n- Lưu: VT.",
    })
    assert response.status_code == 302
    meta = ReportMeta.objects.get(unit=scenario.units.a)
    assert (meta.document_number, str(meta.issued_on), meta.signer_name) == ("125/BC-UBND", "2023-06-20", "Lê Văn Bình")


def test_report_date_before_the_period_is_refused_next_to_the_field(as_user, staff):
    response = as_user(staff.leader_a).post(META, {**SCOPE, "document_number": "125/BC-UBND",
                                                   "issued_on": "2023-03-31"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Ngày ban hành không được trước ngày bắt đầu kỳ báo cáo (01/04/2023)." in html
    assert not ReportMeta.objects.exists()


def test_rows_of_a_kept_register_are_shown_not_entered(as_user, staff, scenario):
    import datetime as dt

    from motcua.reform.models import ReformPlan

    ReformPlan.objects.create(unit=scenario.units.a, year=2023, decision_number="252/QĐ-UBND",
                              decision_date=dt.date(2022, 12, 30))
    client = as_user(staff.leader_a)
    html = client.get(reverse("reports:report"), SCOPE).content.decode()
    row = re.search(r'<tr class="" data-code="1.1">.*?</tr>', html, re.S).group(0)
    assert "252/QĐ-UBND ngày 30/12/2022" in row and "sổ theo dõi" in row
    assert 'name="v-1.1"' not in html and 'name="v-1.1.1"' not in html
    assert 'name="v-6.1"' in html  # manual rows stay editable
    # The blank register fields are not sent, so manual rows save.
    assert client.post(ENTER, {**SCOPE, "v-6.1": "1"}).status_code == 302
    # A register row posted anyway is refused, and nothing else of the post is saved.
    response = client.post(ENTER, {**SCOPE, "v-6.2": "1", "v-1.1.1": "5"})
    assert response.status_code == 200
    assert "1.1.1 được tính từ sổ theo dõi cải cách hành chính của đơn vị, không nhập tay." in response.content.decode()
    assert set(ManualValue.objects.values_list("code", flat=True)) == {"6.1"}
