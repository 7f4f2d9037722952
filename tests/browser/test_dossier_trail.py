"""The step trail in Chromium: after each action the dossier page and Mẫu 06 show the same step, holder and states (issue 13)."""

import re

import pytest

from tests.browser.test_desk_dossier import act, open_as, staff, status_of  # noqa: F401 (fixtures)
from tests.desk.conftest import receive
from tests.desk.test_trail import four_steps
from tests.forms.conftest import pdf_table_rows
from tests.web_dossier.conftest import vn

pytestmark = pytest.mark.django_db(transaction=True)

NAMES = ["Tiếp nhận hồ sơ", "Thẩm định hồ sơ", "Ký duyệt kết quả", "Trả kết quả"]
CLASSES = {
    "done": "step-done",
    "current": "step-current",
    "pending": "step-todo",
    "paused": "step-paused",
    "stopped": "step-stopped",
    "skipped": "step-skipped",
}
# What Mẫu 06 prints for a step that is not finished (a stopped step: the dossiers here end by a stop request).
SHEET = {
    "current": "Đang thực hiện",
    "pending": "Chưa đến",
    "paused": "Tạm dừng",
    "stopped": "Dừng (theo đề nghị dừng xử lý)",
    "skipped": "Không thực hiện",
}


def page_trail(tab):
    """(class, text) of each row of the page's step table, and the 'Người đang xử lý' cell."""
    rows = tab.locator("#dossier-body table.steps tbody tr")
    found = [(rows.nth(i).get_attribute("class"), rows.nth(i).inner_text()) for i in range(rows.count())]
    return found, tab.locator("#current-holder").inner_text().strip()


def sheet_steps(tab, code) -> list[list[str]]:
    """The rows of Mẫu 06's step table (section II), read from the PDF the page links to."""
    response = tab.request.get(f"/ho-so/{code}/bieu-mau/control_sheet.pdf")
    assert response.ok
    rows = pdf_table_rows(response.body())
    header = next(n for n, r in enumerate(rows) if r[0] == "Bước")
    return [r for r in rows[header:] if r[0].isdigit()]


def check(tab, code, states, who, holder):
    """Each step in its state (and with its person) on the page and in Mẫu 06; who handles the dossier now."""
    rows, shown_holder = page_trail(tab)
    assert [r[0] for r in rows] == [CLASSES[s] for s in states]
    for (css, text), name, person in zip(rows, NAMES, who):
        assert name in text
        if person:
            assert person in text, (name, text)
    assert shown_holder == holder
    # Mẫu 06: step, name, person, hours, started, ended (or the state), timeliness.
    sheet = sheet_steps(tab, code)
    assert [r[1] for r in sheet] == NAMES
    for row, state, person in zip(sheet, states, who):
        if state in SHEET:
            assert row[5] == SHEET[state], (row, state)
        else:
            assert re.fullmatch(r"\d\d giờ \d\d phút, ngày \d\d/\d\d/\d{4}", row[5]), row
            assert row[6] in ("Trước hạn", "Đúng hạn", "Quá hạn"), row
        if person:
            assert row[2] == person, (row, person)


O, S, LEAD = "Lê Thị Lan", "Trần Văn Hùng", "Phạm Văn Minh"


def received(staff, **extra):
    """A dossier of the four-step procedure received at the counter; its page address and code."""
    procedure = four_steps(**extra)
    procedure.units.set([staff["unit"]])
    ns = type("D", (), {"officer": staff["officer"], "unit": staff["unit"], "procedure": procedure})
    dossier = receive(ns, vn(2023, 6, 5, 8, 0), procedure=procedure)
    return f"/can-bo/ho-so/{dossier.code}/", dossier.code


def test_trail_through_assign_submit_send_back_approve_return(staff, open_as):
    url, code = received(staff)
    o, s, lead = O, S, LEAD

    officer = open_as(staff["officer"])
    officer.goto(url)
    # Received by Lê Thị Lan, with the desk; nobody assigned yet.
    check(officer, code, ["current", "pending", "pending", "pending"], [o, "", "", ""], "Cán bộ một cửa")
    act(officer, "assign", {"select": str(staff["specialist"].pk)})
    check(officer, code, ["done", "current", "pending", "pending"], [o, s, "", ""], s)

    specialist = open_as(staff["specialist"])
    specialist.goto(url)
    act(specialist, "start")
    check(specialist, code, ["done", "current", "pending", "pending"], [o, s, "", ""], s)
    act(specialist, "submit-for-decision", {"textarea": "Đã dự thảo"})
    assert status_of(specialist) == "awaiting_decision"
    check(specialist, code, ["done", "done", "current", "pending"], [o, s, "", ""], "Lãnh đạo")

    leader = open_as(staff["leader"])
    leader.goto(url)
    act(leader, "send-back", {"textarea": "Bổ sung ý kiến thẩm định"})
    check(leader, code, ["done", "current", "pending", "pending"], [o, s, "", ""], s)

    specialist.goto(url)
    act(specialist, "submit-for-decision", {"textarea": "Đã bổ sung"})
    leader.goto(url)
    act(leader, "approve")
    assert status_of(leader) == "approved"
    # Decided, not yet returned: the return step is the desk's, in progress.
    check(leader, code, ["done", "done", "done", "current"], [o, s, lead, ""], "Cán bộ một cửa")

    officer.goto(url)
    act(officer, "return-result", {"select": "counter"})
    assert status_of(officer) == "returned"
    check(officer, code, ["done", "done", "done", "done"], [o, s, lead, o], "đã kết thúc xử lý")


def assigned_and_started(staff, open_as, url):
    """The officer assigns the dossier on its page, the specialist starts it on his; their tabs."""
    officer = open_as(staff["officer"])
    officer.goto(url)
    act(officer, "assign", {"select": str(staff["specialist"].pk)})
    specialist = open_as(staff["specialist"])
    specialist.goto(url)
    act(specialist, "start")
    return officer, specialist


def test_trail_through_a_supplement_and_a_refusal(staff, open_as):
    url, code = received(staff)
    o, s, lead = O, S, LEAD

    officer, specialist = assigned_and_started(staff, open_as, url)
    act(specialist, "request-supplement", {"textarea": "Thiếu giấy chứng sinh"})
    check(specialist, code, ["done", "paused", "pending", "pending"], [o, s, "", ""], s)
    officer.goto(url)
    act(officer, "receive-supplement")
    check(officer, code, ["done", "current", "pending", "pending"], [o, s, "", ""], s)
    specialist.goto(url)
    act(specialist, "submit-for-decision", {"textarea": "Đã dự thảo"})
    leader = open_as(staff["leader"])
    leader.goto(url)
    act(leader, "refuse", {"textarea": "Không đủ điều kiện"}, confirm=True)
    assert status_of(leader) == "refused"
    check(leader, code, ["done", "done", "done", "current"], [o, s, lead, ""], "Cán bộ một cửa")


def test_refusal_without_reasons_asks_no_confirmation_and_names_the_missing_reason(staff, open_as):
    url, code = received(staff)
    officer, specialist = assigned_and_started(staff, open_as, url)
    act(specialist, "submit-for-decision", {"textarea": "Đã dự thảo"})
    leader = open_as(staff["leader"])
    leader.goto(url)
    dialogs = []
    leader.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.accept()))
    # The reasons left empty: the page used to ask "Từ chối giải quyết hồ sơ này?" first.
    act(leader, "refuse", {"textarea": "   "})
    assert dialogs == []
    panel = leader.locator('details[data-action="refuse"]')
    assert "Từ chối giải quyết phải nêu rõ lý do." in panel.inner_text()
    assert status_of(leader) == "awaiting_decision"
    # The panel stays open with the message: with reasons the confirmation is asked, and accepting it refuses.
    panel.locator("textarea").fill("Không đủ điều kiện")
    old_body = leader.locator("#dossier-body").element_handle()
    panel.locator("button[type=submit]").click()
    leader.wait_for_function("body => !body.isConnected", arg=old_body)
    assert dialogs == ["Từ chối giải quyết hồ sơ này? Thao tác không hoàn tác được."]
    assert status_of(leader) == "refused"
    assert code in leader.url


def test_trail_through_a_stop_request(staff, open_as):
    url, code = received(staff)
    o, s = O, S
    officer, specialist = assigned_and_started(staff, open_as, url)
    check(specialist, code, ["done", "current", "pending", "pending"], [o, s, "", ""], s)
    officer.goto(url)
    act(officer, "stop", {"textarea": "Không còn nhu cầu"}, confirm=True)
    assert status_of(officer) == "stopped"
    # The specialist's step stopped where it was, the later ones will not be done; nobody handles it.
    check(officer, code, ["done", "stopped", "skipped", "skipped"], [o, "", "", ""], "đã kết thúc xử lý")
    # (Mẫu 05 exists from TT 03/2025 on; this 2023 dossier has none — test_signed_result_and_stop prints it.)


def test_trail_through_a_transfer_and_back(staff, open_as):
    url, code = received(staff, code="2.000002", mechanism="interlinked_across_levels")
    o, s = O, S
    officer, specialist = assigned_and_started(staff, open_as, url)
    act(specialist, "transfer", {"input[name=to_agency]": "Chi cục Thuế"})
    assert status_of(specialist) == "transferred"
    page_rows, holder = page_trail(specialist)
    assert "Chi cục Thuế" in page_rows[1][1]
    check(specialist, code, ["done", "paused", "pending", "pending"], [o, s, "", ""], s)
    officer.goto(url)
    act(officer, "receive-back", {"input[name=result]": "Đã xác nhận nghĩa vụ thuế"})
    # The desk took the papers back; the step goes on with the specialist, who submits it.
    check(officer, code, ["done", "current", "pending", "pending"], [o, s, "", ""], s)
    specialist.goto(url)
    act(specialist, "submit-for-decision", {"textarea": "Đã dự thảo"})
    check(specialist, code, ["done", "done", "current", "pending"], [o, s, "", ""], "Lãnh đạo")
