"""The dossier page in Chromium: processing to the result, a supplement pause, two officers at once."""

import re
from types import SimpleNamespace

import pytest

from motcua.accounts.models import Role
from motcua.catalog.models import Procedure
from motcua.desk.dossier_actions import STALE
from motcua.dossiers import actions as a
from motcua.dossiers.models import DossierEvent
from tests.browser.conftest import PASSWORD
from tests.desk.conftest import make_procedure, receive
from tests.factories import make_tree, make_user
from tests.web_dossier.conftest import Clock, vn

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def staff():
    _, _, commune, *_ = make_tree()
    make_procedure()
    return {
        "unit": commune,
        "officer": make_user("motcua", commune, Role.DESK_OFFICER, first_name="Lan", last_name="Lê Thị"),
        "officer2": make_user("motcua2", commune, Role.DESK_OFFICER, first_name="Hoa", last_name="Đỗ Thị"),
        "specialist": make_user("tuphap", commune, Role.SPECIALIST, first_name="Hùng", last_name="Trần Văn"),
        "leader": make_user("chutich", commune, Role.LEADER, first_name="Minh", last_name="Phạm Văn"),
    }


@pytest.fixture
def open_as(browser, live_server, settings):
    """Return a function opening a new browser context signed in as a user; its page is returned."""
    contexts = []

    def sign_in(user):
        context = browser.new_context(
            base_url=live_server.url, locale="vi-VN", timezone_id="Asia/Ho_Chi_Minh", viewport={"width": 1280, "height": 900}
        )
        context.set_default_timeout(15_000)
        contexts.append(context)
        tab = context.new_page()
        tab.goto("/dang-nhap/")
        tab.get_by_label("Tên đăng nhập").fill(user.username)
        tab.get_by_label("Mật khẩu").fill(PASSWORD)
        tab.get_by_role("button", name="Đăng nhập").click()
        tab.wait_for_url("**/can-bo/**")
        return tab

    yield sign_in
    for context in contexts:
        context.close()


def staff_ns(staff):
    """Adapt the staff dict to tests.desk.conftest.receive's `desk` argument."""
    return SimpleNamespace(officer=staff["officer"], unit=staff["unit"], procedure=Procedure.objects.get(code="1.001193"))


def act(tab, action, fill=None, confirm=False):
    """Open an action's panel on the dossier page, fill it, submit it and wait for the page body to be swapped."""
    panel = tab.locator(f'details[data-action="{action}"]')
    panel.locator("summary").click()
    for selector, value in (fill or {}).items():
        field = panel.locator(selector)
        if field.evaluate("e => e.tagName") == "SELECT":
            field.select_option(value)
        else:
            field.fill(value)
    if confirm:
        tab.once("dialog", lambda dialog: dialog.accept())
    old_body = tab.locator("#dossier-body").element_handle()
    panel.locator("button[type=submit]").click()
    # htmx replaces the whole body of the page: wait until the old one is gone.
    tab.wait_for_function("body => !body.isConnected", arg=old_body)


def status_of(tab) -> str:
    return tab.locator("#dossier-body h1 [data-status]").get_attribute("data-status")


def test_specialist_processes_leader_approves_from_the_queue_officer_returns_the_result(staff, open_as):
    dossier = receive(staff_ns(staff), vn(2023, 6, 5, 8, 0))
    url = f"/can-bo/ho-so/{dossier.code}/"

    officer = open_as(staff["officer"])
    officer.goto(url)
    act(officer, "assign", {"select": str(staff["specialist"].pk)})
    assert status_of(officer) == "assigned"

    specialist = open_as(staff["specialist"])
    specialist.goto(url)
    act(specialist, "start")
    assert status_of(specialist) == "processing"
    # The assignment started step 2 (the specialist's); handed to himself it stays there, in his hands.
    act(specialist, "hand-over", {"select": str(staff["specialist"].pk), "textarea": "Hồ sơ đủ thành phần"})
    assert "Thẩm định, dự thảo kết quả" in specialist.locator('[aria-current="step"]').inner_text()
    # Step 2 → step 3, the leader's: the dossier awaits the decision.
    act(specialist, "hand-over", {"select": str(staff["leader"].pk), "textarea": "Đã dự thảo giấy khai sinh"})
    assert status_of(specialist) == "awaiting_decision"

    leader = open_as(staff["leader"])
    leader.goto("/can-bo/phe-duyet/")
    row = leader.locator(f'tr[data-code="{dossier.code}"]')
    row.get_by_role("button", name="Phê duyệt").click()
    leader.locator(f'tr[data-code="{dossier.code}"].queue-row-done').wait_for()
    assert "Đã phê duyệt: hồ sơ" in leader.locator(f'tr[data-code="{dossier.code}"]').inner_text()

    officer.goto(url)
    assert status_of(officer) == "approved"
    act(officer, "return-result", {"select": "counter"})
    assert status_of(officer) == "returned"

    timeline = officer.locator(".timeline-item")
    rows = [timeline.nth(i).inner_text() for i in range(timeline.count())]
    expected = [
        ("Tiếp nhận hồ sơ", "Lê Thị Lan"),
        ("Phân công xử lý", "Lê Thị Lan"),
        ("Bắt đầu xử lý", "Trần Văn Hùng"),
        ("Chuyển bước xử lý", "Trần Văn Hùng"),
        ("Chuyển bước xử lý", "Trần Văn Hùng"),
        ("Phê duyệt", "Phạm Văn Minh"),
        ("Trả kết quả", "Lê Thị Lan"),
    ]
    assert len(rows) == len(expected)
    for text, (what, who) in zip(rows, expected):
        assert text.startswith(what) and who in text
    assert "Đang xử lý → Chờ lãnh đạo quyết định" in rows[4]
    assert "Lý do, ghi chú: Đã dự thảo giấy khai sinh" in rows[4]
    assert [e.actor.username for e in DossierEvent.objects.filter(dossier=dossier).order_by("id")] == [
        "motcua", "motcua", "tuphap", "tuphap", "tuphap", "chutich", "motcua",
    ]


def test_supplement_request_and_arrival_move_the_due_time_shown(staff, open_as, monkeypatch):
    import django.utils.timezone

    clock = Clock(vn(2023, 6, 5, 9, 0))
    monkeypatch.setattr(django.utils.timezone, "now", clock)
    dossier = receive(staff_ns(staff), vn(2023, 6, 5, 8, 0))
    dossier = a.do_assign_dossier(staff["officer"], dossier, staff["specialist"])
    a.do_start_processing(staff["specialist"], dossier)
    url = f"/can-bo/ho-so/{dossier.code}/"

    clock.at = vn(2023, 6, 6, 9, 0)
    specialist = open_as(staff["specialist"])
    specialist.goto(url)
    # 3 working days from Mon 05/06 08:00.
    assert specialist.get_by_test_id("due-at").inner_text() == "08:00 08/06/2023"
    act(specialist, "request-supplement", {"textarea": "Bổ sung bản chính giấy chứng sinh"})
    assert status_of(specialist) == "awaiting_supplement"
    # The clock stopped Tue 09:00 with Tue 6 h + Wed 8 h + Thu 1 h = 15 h = 1 day 7 hours left.
    assert specialist.get_by_test_id("clock").inner_text() == (
        "Tạm dừng chờ bổ sung từ 09:00 06/06/2023; còn 1 ngày 7 giờ làm việc khi nhận đủ"
    )

    clock.at = vn(2023, 6, 8, 10, 30)
    officer = open_as(staff["officer"])
    officer.goto(url)
    act(officer, "receive-supplement")
    assert status_of(officer) == "processing"
    # Waited Tue 09:00 → Thu 10:30: 6 h + 8 h + 3.5 h = 17.5 working hours.
    # Thu 08:00 + 17.5 h = Thu 3.5 + 3.5, Fri 8, Mon 12/06 07:00 + 2.5 h → 09:30.
    assert officer.get_by_test_id("due-at").inner_text() == "09:30 12/06/2023"
    waited = officer.locator("section", has_text="Yêu cầu bổ sung").locator("tbody tr").first.inner_text()
    assert "2 ngày 1 giờ 30 phút" in waited and "10:30 08/06/2023" in waited
    # Mon 12/06 09:30 is 1 day 7 hours of working time after Thu 10:30, as before the pause.
    assert officer.get_by_test_id("clock").inner_text() == "Còn 1 ngày 7 giờ làm việc"


def test_two_officers_on_the_same_dossier_the_second_is_told_it_changed(staff, open_as):
    dossier = receive(staff_ns(staff), vn(2023, 6, 5, 8, 0))
    url = f"/can-bo/ho-so/{dossier.code}/"
    first, second = open_as(staff["officer"]), open_as(staff["officer2"])
    first.goto(url)
    second.goto(url)

    act(first, "assign", {"select": str(staff["specialist"].pk)})
    assert status_of(first) == "assigned"

    # The second officer's page still shows version 1: the withdrawal is refused.
    act(second, "withdraw", {"textarea": "Người nộp xin rút"}, confirm=True)
    notice = second.locator(".stale-notice")
    assert notice.inner_text() == STALE
    # Its panel stays open, now with the current version: the page shows the assignment.
    assert second.locator('details[data-action="withdraw"]').get_attribute("open") is not None
    assert status_of(second) == "assigned"
    assert re.search(r"Trần Văn Hùng", second.locator("#dossier-body").inner_text())
    dossier.refresh_from_db()
    assert (dossier.status, dossier.version) == ("assigned", 2)
    assert not DossierEvent.objects.filter(dossier=dossier, verb="withdraw").exists()


def test_officer_corrects_the_applicants_name_and_the_history_keeps_both(staff, open_as):
    dossier = receive(staff_ns(staff), vn(2023, 6, 5, 8, 0))
    officer = open_as(staff["officer"])
    officer.goto(f"/can-bo/ho-so/{dossier.code}/")
    act(
        officer,
        "correct-applicant",
        {
            '[name="name"]': "Nguyễn Văn Anh",
            '[name="reason"]': "Ghi sai khi tiếp nhận",
        },
    )
    history = officer.locator(".timeline").inner_text()
    assert "Sửa thông tin người nộp" in history and "Ghi sai khi tiếp nhận" in history
    assert "Nguyễn Văn A" in history and "Nguyễn Văn Anh" in history
    assert "Nguyễn Văn Anh" in officer.locator("#dossier-body").inner_text()
