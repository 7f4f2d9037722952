"""The report page's checks panel lists blank entered rows as a finding, and the date field names its default."""

import re

import pytest
from django.urls import reverse

from motcua.reports.models import ReportMeta

REPORT = reverse("reports:report")
ENTER = reverse("reports:report_entered_values")
META = reverse("reports:report_meta")
SCOPE = {"unit": "16003", "period": "2023-Q2"}
ENTERED_FLAGS = {"v-6.1": "1", "v-6.2": "1", "v-7.1": "1", "v-7.2.1": "1", "v-7.4.1": "1", "v-7.6": "1"}


def _panel(html: str) -> str:
    return re.search(r'<article class="checks[^"]*".*?</article>', html, re.S).group(0)


def test_blank_entered_rows_are_a_finding_not_no_discrepancy(as_user, staff):
    client = as_user(staff.leader_a)
    panel = _panel(client.get(REPORT, SCOPE).content.decode())
    assert "checks-breached" in panel
    assert "Không phát hiện sai lệch" not in panel
    assert "Thiếu số liệu" in panel
    assert "6.1, 6.2, 7.1, 7.2.1, 7.2.3, 7.2.3.a, 7.2.3.b, 7.4.1, 7.6." in panel

    # Enter the six manual rows: they leave the finding, the register rows stay in it.
    assert client.post(ENTER, {**SCOPE, **ENTERED_FLAGS}).status_code == 302
    panel = _panel(client.get(REPORT, SCOPE).content.decode())
    codes = re.search(r"Chỉ tiêu chưa có số liệu trong kỳ: ([^<]*)\.", panel).group(1).split(", ")
    assert codes[-4:] == ["5.4.6", "7.2.3", "7.2.3.a", "7.2.3.b"]
    assert not {"6.1", "6.2", "7.1", "7.2.1", "7.4.1", "7.6"} & set(codes)


def test_reader_sees_the_finding_without_the_entry_link(as_user, staff):
    panel = _panel(as_user(staff.officer_a).get(REPORT, SCOPE).content.decode())
    assert "Thiếu số liệu" in panel and "#so-lieu-nhap" not in panel


def test_group_headings_of_the_printed_table_are_on_the_page(as_user, staff):
    html = as_user(staff.leader_a).get(REPORT, SCOPE).content.decode()
    codes = re.findall(r'<tr class="[^"]*" data-code="([^"]+)">', html)
    i = codes.index("7.4")
    assert codes[i - 1 : i + 4] == ["7.2.3.b", "7.4", "7.4.1", "7.5", "7.5.1"]
    assert re.search(r'<tr class="heading" data-code="6">\s*<td>6</td>\s*<td><strong>Cải cách tài chính công</strong>',
                     html)


def test_date_field_names_the_default_date(as_user, staff, scenario, q2):
    client = as_user(staff.leader_a)
    html = client.get(REPORT, SCOPE).content.decode()
    # Q2/2023 is past: its report is dated on its deadline, six days after 30 June.
    assert "Để trống: ngày 06/07/2023." in html
    html = as_user(staff.officer_a).get(REPORT, SCOPE).content.decode()
    assert re.search(r"<dt>Ngày ban hành</dt><dd>06/07/2023</dd>", html)
    # A saved date wins over the default.
    ReportMeta.objects.create(unit=scenario.units.a, period_start=q2.start, period_end=q2.end, issued_on="2023-07-03")
    html = as_user(staff.officer_a).get(REPORT, SCOPE).content.decode()
    assert re.search(r"<dt>Ngày ban hành</dt><dd>03/07/2023</dd>", html)


@pytest.fixture
def english(as_user, staff):
    client = as_user(staff.leader_a)
    client.cookies["django_language"] = "en"
    return client


def test_finding_in_english(english):
    html = english.get(REPORT, SCOPE).content.decode()
    panel = _panel(html)
    assert "Missing data" in panel and "Rows without data for the period: 1.1, 1.1.1," in panel
    assert "Enter the figures" in panel
    assert "Leave blank for 06/07/2023." in html
