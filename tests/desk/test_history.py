"""Every action appends one event in the same transaction, bumps the version, and announces it after commit."""

import pytest

from motcua.dossiers import actions as a
from motcua.dossiers.error_codes import DossierActionError
from motcua.dossiers.events import dossier_event_committed
from motcua.dossiers.models import DossierEvent
from tests.desk.conftest import receive, vn

pytestmark = pytest.mark.django_db


def test_full_lifecycle_history(desk):
    d = receive(desk, vn(2023, 6, 5, 8, 0))
    steps = [
        (desk.officer, a.do_assign_dossier, (desk.specialist,), "received", "assigned"),
        (desk.specialist, a.do_start_processing, (), "assigned", "processing"),
        (desk.specialist, a.do_hand_over_dossier, (desk.specialist2, "Hồ sơ đủ điều kiện"), "processing", "processing"),
        (desk.specialist2, a.do_submit_for_decision, ("Trình ký",), "processing", "awaiting_decision"),
        (desk.leader, a.do_send_back_dossier, ("Sửa lại dự thảo",), "awaiting_decision", "processing"),
        (desk.specialist2, a.do_submit_for_decision, (), "processing", "awaiting_decision"),
        (desk.leader, a.do_approve_dossier, (), "awaiting_decision", "approved"),
        (desk.officer, a.do_return_result, ("counter",), "approved", "returned"),
        (desk.officer, a.do_publish_result, (True, True), "returned", "returned"),
        (desk.officer, a.do_record_rating, ("very_satisfied", "kiosk"), "returned", "returned"),
    ]
    for minute, (actor, action, args, from_status, to_status) in enumerate(steps, 1):
        version = d.version
        d = action(actor, d, *args, at=vn(2023, 6, 5, 9, minute), expected_version=version)
        assert d.version == version + 1
        event = d.events.order_by("-id").first()
        assert (event.actor, event.from_status, event.to_status) == (actor, from_status, to_status)
        assert event.at == vn(2023, 6, 5, 9, minute)
        assert event.data["version"] == d.version
    assert d.events.count() == len(steps) + 1
    approve = d.events.get(verb="approve")
    # The procedure's last step is the leader's (3): once approved no step is current, and the history says so.
    leader_step = d.procedure.steps.get(position=3).pk
    assert approve.data["before"] == {"status": "awaiting_decision", "resolved_at": None, "outcome": "", "current_step": leader_step}
    assert approve.data["after"] == {
        "status": "approved",
        "resolved_at": "2023-06-05T09:07:00+07:00",
        "outcome": "approved",
        "current_step": None,
    }
    send_back = d.events.get(verb="send_back")
    assert send_back.reason == "Sửa lại dự thảo"


def test_history_is_append_only(desk):
    d = receive(desk, vn(2023, 6, 5, 8, 0))
    event = d.events.get()
    event.reason = "sửa lịch sử"
    with pytest.raises(PermissionError):
        event.save()
    with pytest.raises(PermissionError):
        event.delete()
    with pytest.raises(PermissionError):
        DossierEvent.objects.filter(pk=event.pk).update(reason="x")
    with pytest.raises(PermissionError):
        DossierEvent.objects.all().delete()
    assert DossierEvent.objects.get(pk=event.pk).reason == "Nhập lại hồ sơ tiếp nhận trên giấy"


def test_events_are_announced_after_commit_only(desk, django_capture_on_commit_callbacks):
    seen = []

    def listener(sender, event, **kwargs):
        seen.append(event.verb)

    dossier_event_committed.connect(listener)
    try:
        with django_capture_on_commit_callbacks(execute=True) as callbacks:
            d = receive(desk, vn(2023, 6, 5, 8, 0))
        assert len(callbacks) == 1 and seen == ["receive"]
        with django_capture_on_commit_callbacks(execute=True) as callbacks:
            with pytest.raises(DossierActionError):
                a.do_approve_dossier(desk.leader, d, at=vn(2023, 6, 5, 9, 0))
        assert callbacks == [] and seen == ["receive"]
    finally:
        dossier_event_committed.disconnect(listener)


def test_the_callers_instance_is_left_alone(desk):
    d = receive(desk, vn(2023, 6, 5, 8, 0))
    updated = a.do_assign_dossier(desk.officer, d, desk.specialist, at=vn(2023, 6, 5, 9, 0))
    assert (d.status, d.version) == ("received", 1)
    assert (updated.status, updated.version) == ("assigned", 2)
