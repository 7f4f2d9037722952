"""The demo commune has citizens' feedback in each state, once."""

import datetime as dt

from motcua.demo import install
from motcua.demo.feedback import load_feedback

from .conftest import NOW


def test_demo_feedback_in_every_state_and_loaded_once(demo_catalog):
    from motcua.accounts.models import User
    from motcua.feedback.models import Feedback
    from motcua.units.models import Unit

    install.ensure_users()
    commune = Unit.objects.get(code=install.MAIN_COMMUNE)
    leader = User.objects.get(username="lanhdao")
    assert load_feedback(commune, leader, NOW) == 4
    statuses = sorted(Feedback.objects.filter(unit=commune).values_list("status", flat=True))
    assert statuses == ["answered", "answered", "processing", "received"]
    answered = Feedback.objects.filter(unit=commune, status="answered").order_by("created_at")
    # Sent 41 days before NOW at 08:15, answered two days later by the leader.
    first = answered[0]
    assert first.created_at == dt.datetime(2026, 10, 15, 8, 15, tzinfo=NOW.tzinfo)
    assert first.answered_by == leader and first.answered_at == first.created_at + dt.timedelta(days=2)
    assert all(f.tracking_code.startswith(("PA-", "KN-")) for f in Feedback.objects.all())
    assert load_feedback(commune, leader, NOW) == 0
    assert Feedback.objects.count() == 4
