"""`motcua sweep`: reminders of dossiers due within N working hours or overdue, each sent once."""

import io

import pytest
from django.core import mail
from django.core.management import call_command

from motcua.dossiers import actions as a
from motcua.dossiers.models import SweepNotice
from motcua.dossiers.sweep import summary, sweep
from tests.desk.conftest import receive, vn

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff(desk):
    for user, email in [(desk.officer, "motcua@hoangluu.vn"), (desk.specialist, "tuphap@hoangluu.vn")]:
        user.email = email
        user.save(update_fields=["email"])
    return desk


def run(*args) -> str:
    out = io.StringIO()
    call_command("sweep", *args, stdout=out)
    return out.getvalue()


def test_due_soon_is_counted_in_working_hours(staff):
    # Due Mon 12/06/2023 10:00: from Fri 09/06 16:00 that is 1 h + 3 h = 4 working hours
    # (66 hours on the wall clock): due soon.
    monday_10 = receive(staff, vn(2023, 6, 7, 10, 0))
    # Due Mon 12/06 16:00: exactly 8 working hours away — still within 8.
    monday_16 = receive(staff, vn(2023, 6, 7, 16, 0))
    # Due Mon 12/06 16:30: 8.5 working hours away — not yet.
    receive(staff, vn(2023, 6, 7, 16, 30))
    result = sweep(now=vn(2023, 6, 9, 16, 0))
    assert [(i.dossier.code, i.kind) for i in result.items] == [
        (monday_10.code, "due_soon"),
        (monday_16.code, "due_soon"),
    ]
    assert [(i.dossier.code, i.kind) for i in sweep(now=vn(2023, 6, 9, 16, 0), within_hours=2).items] == []
    # Two working hours before a Monday 08:00 due time is Friday 16:00, not Monday 06:00.
    assert len(sweep(now=vn(2023, 6, 9, 16, 0), within_hours=4, dry_run=True).items) == 1


def test_each_notice_is_sent_once_across_runs(staff):
    overdue = receive(staff, vn(2023, 6, 5, 8, 0))  # due Thu 08/06 08:00
    overdue = a.do_assign_dossier(staff.officer, overdue, staff.specialist, at=vn(2023, 6, 5, 8, 30))
    soon = receive(staff, vn(2023, 6, 7, 10, 0))  # due Mon 12/06 10:00, nobody holds it

    first = run("--at", "2023-06-09T16:00+07:00")
    assert len(mail.outbox) == 2
    by_recipient = {tuple(m.to): m for m in mail.outbox}
    to_specialist = by_recipient[("tuphap@hoangluu.vn",)]
    assert to_specialist.subject == "[Một cửa] 1 hồ sơ quá hạn"
    assert overdue.code in to_specialist.body
    assert "chưa có phiếu xin lỗi và hẹn lại ngày trả kết quả" in to_specialist.body
    # Unassigned: the unit's desk officers.
    to_desk = by_recipient[("motcua@hoangluu.vn",)]
    assert to_desk.subject == "[Một cửa] 1 hồ sơ sắp đến hạn"
    assert soon.code in to_desk.body and "hạn 10:00 12/06/2023" in to_desk.body
    # No applicant data in e-mails.
    assert "Nguyễn Văn A" not in to_desk.body + to_specialist.body
    assert "Sắp đến hạn: 1 hồ sơ (1 thông báo mới gửi)." in first
    assert "Quá hạn: 1 hồ sơ (1 thông báo mới gửi)." in first
    assert "Đã gửi 2 thư điện tử (2 thông báo)." in first
    assert f"{overdue.code} — Xã Hoằng Lưu — hạn 08:00 08/06/2023" in first
    assert SweepNotice.objects.count() == 2

    # A few minutes later, and again the next morning: nothing new to say.
    second = run("--at", "2023-06-09T16:05+07:00")
    third = run("--at", "2023-06-12T07:30+07:00")
    assert len(mail.outbox) == 2
    assert "Đã gửi 0 thư điện tử" in second and "Đã gửi 0 thư điện tử" in third
    assert SweepNotice.objects.count() == 2

    # Once its due time passes, the due-soon dossier gets its overdue notice, once.
    run("--at", "2023-06-12T10:30+07:00")
    run("--at", "2023-06-12T10:35+07:00")
    assert len(mail.outbox) == 3
    assert mail.outbox[2].subject == "[Một cửa] 1 hồ sơ quá hạn"
    assert set(SweepNotice.objects.values_list("dossier__code", "kind")) == {
        (overdue.code, "overdue"),
        (soon.code, "due_soon"),
        (soon.code, "overdue"),
    }


def test_apology_flagged_from_one_working_day_before_the_due_time(staff):
    d = receive(staff, vn(2023, 6, 5, 8, 0))  # due Thu 08/06 08:00
    # Wed 07/06 07:00: 4.5 h + 3.5 h Wednesday + 1 h Thursday = 9 working hours left, more than a
    # working day (8 h): listed as due within 16 h, no apology yet.
    result = sweep(now=vn(2023, 6, 7, 7, 0), within_hours=16, dry_run=True)
    assert [i.dossier.code for i in result.items] == [d.code]
    assert result.apologies_to_prepare == []
    # Wed 07/06 10:00: 1.5 + 3.5 + 1 = 6 working hours left, under one working day: the apology is due now.
    result = sweep(now=vn(2023, 6, 7, 10, 0), dry_run=True)
    assert [i.dossier.code for i in result.apologies_to_prepare] == [d.code]


def test_apology_moves_the_appointment_and_leaves_the_apology_list(staff):
    d = receive(staff, vn(2023, 6, 5, 8, 0))  # due Thu 08/06 08:00
    result = sweep(now=vn(2023, 6, 8, 9, 0))
    assert [i.dossier.code for i in result.apologies_to_prepare] == [d.code]
    assert "Cần lập văn bản xin lỗi (còn dưới 1 ngày làm việc đến hạn hoặc đã quá hạn, chưa xin lỗi): 1 hồ sơ." in summary(
        result
    )
    d = a.do_issue_apology(staff.officer, d, vn(2023, 6, 12, 17, 0), "Chờ xác minh", at=vn(2023, 6, 8, 9, 30))
    # The new appointment (Mon 17:00) is 9.5 working hours after Fri 16:30: not yet.
    assert sweep(now=vn(2023, 6, 9, 16, 30)).items == []
    result = sweep(now=vn(2023, 6, 12, 9, 0))
    assert [(i.kind, i.appointment) for i in result.items] == [("due_soon", vn(2023, 6, 12, 17, 0))]
    assert result.apologies_to_prepare == []
    result = sweep(now=vn(2023, 6, 13, 8, 0))
    assert [(i.kind, i.appointment) for i in result.items] == [("overdue", vn(2023, 6, 12, 17, 0))]
    assert len(mail.outbox) == 3  # overdue at 08/06 09:00, then due soon and overdue for the new date


def test_dossiers_waiting_for_papers_or_resolved_are_skipped(staff):
    waiting = receive(staff, vn(2023, 6, 5, 8, 0))
    a.do_request_supplement(staff.officer, waiting, "Thiếu giấy chứng sinh", at=vn(2023, 6, 5, 9, 0))
    withdrawn = receive(staff, vn(2023, 6, 5, 8, 0))
    a.do_withdraw_dossier(staff.officer, withdrawn, "Rút", at=vn(2023, 6, 5, 9, 0))
    assert sweep(now=vn(2023, 6, 9, 16, 0)).items == []


def test_dry_run_sends_and_records_nothing(staff):
    receive(staff, vn(2023, 6, 5, 8, 0))
    out = run("--at", "2023-06-09T16:00+07:00", "--dry-run", "--within-hours", "16")
    assert "Quá hạn: 1 hồ sơ (1 thông báo cần gửi)." in out
    assert "16 giờ làm việc" in out
    assert "Chạy thử: không gửi thư, không ghi nhận thông báo." in out
    assert mail.outbox == [] and not SweepNotice.objects.exists()


def test_a_failed_email_is_retried_by_the_next_sweep(staff, monkeypatch):
    d = receive(staff, vn(2023, 6, 5, 8, 0))

    def refuse(self, fail_silently=False):
        raise ConnectionRefusedError("máy chủ thư không trả lời")

    with monkeypatch.context() as patch:
        patch.setattr("django.core.mail.EmailMessage.send", refuse)
        result = sweep(now=vn(2023, 6, 9, 16, 0))
    assert result.failures and not SweepNotice.objects.exists()
    assert "Lỗi gửi thư tới motcua@hoangluu.vn" in summary(result)
    sweep(now=vn(2023, 6, 9, 16, 5))
    assert [m.subject for m in mail.outbox] == ["[Một cửa] 1 hồ sơ quá hạn"]
    assert SweepNotice.objects.get().dossier == d


def test_notices_without_anyone_to_write_to_are_reported(desk):
    d = receive(desk, vn(2023, 6, 5, 8, 0))
    out = run("--at", "2023-06-09T16:00+07:00")
    assert "Không có người nhận cho 1 thông báo" in out and d.code in out
    assert mail.outbox == [] and not SweepNotice.objects.exists()


def test_command_refuses_bad_arguments():
    from django.core.management.base import CommandError

    with pytest.raises(CommandError):
        call_command("sweep", "--at", "2023-06-09T16:00", stdout=io.StringIO())
    with pytest.raises(CommandError):
        call_command("sweep", "--within-hours", "-1", stdout=io.StringIO())


def test_the_task_the_worker_queues_sends_each_notice_once(staff, settings):
    from motcua.dossiers.tasks import sweep_due
    from tests.jobs.work import IMMEDIATE

    settings.TASKS = IMMEDIATE
    overdue = receive(staff, vn(2023, 6, 5, 8, 0))  # long overdue by now; nobody holds it: the desk officer
    first = sweep_due.enqueue()
    assert first.return_value == {"due": 1, "notices_sent": 1, "emails_sent": 1, "failures": 0}
    assert [m.to for m in mail.outbox] == [["motcua@hoangluu.vn"]] and overdue.code in mail.outbox[0].body
    # The next scheduled run has nothing new to say.
    assert sweep_due.enqueue().return_value == {"due": 1, "notices_sent": 0, "emails_sent": 0, "failures": 0}
    assert len(mail.outbox) == 1
