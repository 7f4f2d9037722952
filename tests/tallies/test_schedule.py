"""The workers store the tallies of past months on their own schedule, so that reports seldom count dossiers."""

import datetime as dt

import pytest
from django_tasks_db.models import DBTaskResult

from motcua.dossiers.models import Dossier
from motcua.jobs.workers import queue_due_schedules
from motcua.tallies.models import Tally
from motcua.tallies.tasks import refresh_tallies
from tests.desk.conftest import vn

pytestmark = pytest.mark.django_db
DATABASE_QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
T0 = dt.datetime(2026, 12, 7, 1, 0, tzinfo=dt.timezone.utc)


def test_the_refresh_is_queued_once_per_interval(settings):
    settings.TASKS = DATABASE_QUEUE
    settings.MOTCUA_SWEEP_MINUTES = settings.MOTCUA_NOTICE_RESCUE_MINUTES = 0
    settings.MOTCUA_TALLIES_REFRESH_MINUTES = 60
    assert queue_due_schedules(T0) == ["tallies"]
    assert queue_due_schedules(T0 + dt.timedelta(minutes=59)) == []
    assert queue_due_schedules(T0 + dt.timedelta(minutes=60)) == ["tallies"]
    assert DBTaskResult.objects.filter(task_path="motcua.tallies.tasks.refresh_tallies").count() == 2


def test_the_task_stores_the_months_that_are_over(desk):
    received = vn(2023, 4, 10, 9)
    Dossier.objects.create(code="X", unit=desk.unit, procedure=desk.procedure, channel="counter",
                           received_at=received, due_at=received + dt.timedelta(days=3))
    assert refresh_tallies.call()["stored"] > 0
    assert Tally.objects.get(unit_id=desk.unit.pk, month=dt.date(2023, 4, 1)).received == 1
    # Every month is stored and valid: the next run has nothing to do.
    assert refresh_tallies.call() == {"stored": 0}
