"""The report page in Chromium: a district's oversight officer picks a commune and quarter, downloads, drills down."""

import io

import pytest

from tests.factories import make_user
from tests.reports import scenario as scenario_module

pytestmark = pytest.mark.django_db(transaction=True)


def test_district_officer_reports_on_a_commune_and_drills_down(page, login, tmp_path):
    scenario = scenario_module.build()
    officer = make_user("huyen", scenario.units.district, "oversight")
    login(officer)

    page.goto("/bao-cao/")
    page.get_by_label("Đơn vị", exact=True).select_option("16003")
    page.get_by_label("Kỳ báo cáo", exact=True).select_option("quy")
    page.get_by_label("Năm", exact=True).fill("2023")
    page.get_by_label("Quý", exact=True).select_option("2")
    page.get_by_role("button", name="Xem báo cáo").click()
    page.wait_for_load_state()

    assert "Xã Hoằng Lưu (16003) — quý II năm 2023" in page.locator("hgroup").inner_text()
    # No rule is breached, but the commune has entered nothing: the panel says what is missing.
    panel = page.locator("article.checks")
    assert panel.get_by_text("Thiếu số liệu", exact=True).is_visible()
    assert "6.1, 6.2, 7.1, 7.2.1" in panel.inner_text()
    assert page.get_by_text("Không phát hiện sai lệch").count() == 0
    assert page.locator('tr[data-code="3.3.1"] td.num').inner_text() == "10"
    assert page.locator('tr[data-code="3.3.2"] td.num').inner_text() == "6"

    with page.expect_download() as download_info:
        page.get_by_role("button", name="Báo cáo (Word)").click()
    download = download_info.value
    assert download.suggested_filename == "bao-cao-cchc-16003-2023-Q2.docx"
    target = tmp_path / download.suggested_filename
    download.save_as(target)
    from docx import Document

    doc = Document(io.BytesIO(target.read_bytes()))
    rows = {r.cells[0].text: r.cells[3].text for t in doc.tables if len(t.columns) == 5 for r in t.rows}
    assert rows["3.3.1"] == "10" and rows["3.3.2"] == "6"
    assert rows["7.4"] == "" and "7.5" in rows
    assert "Đã lập xong" in page.locator("#tep-da-lap").inner_text()
    # The buttons are usable again once the build is over.
    assert page.get_by_role("button", name="Báo cáo (Word)").is_enabled()

    page.get_by_role("link", name="Bảng điều khiển", exact=True).last.click()
    page.wait_for_url("**/bao-cao/bang-dieu-khien/**")
    assert page.locator("svg.chart").count() == 5
    page.locator('svg.chart a[aria-label="Trực tiếp: 5 — xem danh sách"]').click()
    page.wait_for_url("**/bao-cao/chi-tiet/**")
    assert page.locator("#so-luong").inner_text() == "5"
    assert page.locator("table.drilldown tbody tr").count() == 5
    assert page.get_by_role("link", name="A-01").get_attribute("href") == "/can-bo/ho-so/A-01/"
