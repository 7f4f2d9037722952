"""The worklist in a real browser: a filter change reloads the table through htmx and the URL keeps it."""

import pytest

from motcua.accounts.models import Role
from tests.desk.conftest import make_procedure, vn
from tests.factories import make_tree, make_user
from tests.web_desk.conftest import put

pytestmark = pytest.mark.django_db(transaction=True)


def test_filter_by_channel_updates_the_table_and_the_url(page, login):
    _, _, commune, commune_b, *_ = make_tree()
    procedure = make_procedure("1.001193")
    officer = make_user("tiepnhan", commune, Role.DESK_OFFICER)
    put(commune, "H56.20.03-260302-0001", vn(2026, 3, 2, 8), vn(2026, 3, 5, 8), procedure=procedure, applicant="Nguyễn Văn An")
    put(commune, "H56.20.03-260303-0001", vn(2026, 3, 3, 8), vn(2026, 3, 6, 8), procedure=procedure, applicant="Trần Thị Bình", channel="postal")
    put(commune_b, "H56.20.04-260303-0001", vn(2026, 3, 3, 8), vn(2026, 3, 6, 8), procedure=procedure, applicant="Lê Văn Cường", channel="postal")
    login(officer)
    page.goto("/can-bo/ho-so/")
    rows = page.locator("table.worklist tbody tr")
    assert rows.count() == 2  # commune B's dossier is never listed
    page.get_by_label("Hình thức").select_option("postal")
    page.wait_for_url("**channel=postal**")
    page.wait_for_function("document.querySelectorAll('table.worklist tbody tr').length === 1")
    assert rows.first.get_attribute("data-code") == "H56.20.03-260303-0001"
    assert "received_from" not in page.url  # filters not in use stay out of the bookmark
    # Typing a name without diacritics narrows the list too.
    page.get_by_label("Hình thức").select_option("")
    page.get_by_label("Tìm mã hồ sơ, người nộp").fill("nguyen van an")
    page.wait_for_url("**q=nguyen**")
    page.wait_for_function("document.querySelectorAll('table.worklist tbody tr').length === 1")
    assert rows.first.get_attribute("data-code") == "H56.20.03-260302-0001"
    # The URL is bookmarkable: loading it afresh gives the same rows.
    page.goto(page.url)
    assert [r.get_attribute("data-code") for r in rows.all()] == ["H56.20.03-260302-0001"]


def test_dates_out_of_order_show_the_message_by_the_field(page, login):
    _, _, commune, *_ = make_tree()
    officer = make_user("tiepnhan", commune, Role.DESK_OFFICER)
    login(officer)
    page.goto("/can-bo/ho-so/?received_from=10/03/2026&received_to=05/03/2026")
    assert "phải sau hoặc bằng ngày «từ»" in page.locator("#err-received_to").inner_text()
    assert page.get_by_label("đến ngày").get_attribute("aria-invalid") == "true"
