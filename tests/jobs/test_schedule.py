"""The workers queue the sweep on its schedule: once per interval, however many of them ask."""

import datetime as dt

import pytest
from django_tasks_db.models import DBTaskResult

from motcua.jobs.models import Schedule
from motcua.jobs.workers import queue_due_schedules

pytestmark = pytest.mark.django_db
T0 = dt.datetime(2026, 12, 7, 1, 0, tzinfo=dt.timezone.utc)


def sweeps() -> int:
    return DBTaskResult.objects.filter(task_path="motcua.dossiers.tasks.sweep_due").count()


def test_the_sweep_is_queued_at_once_then_every_interval(settings):
    settings.MOTCUA_SWEEP_MINUTES = 10
    settings.MOTCUA_NOTICE_RESCUE_MINUTES = 0  # the notices' schedule: tests/notices/test_sending.py
    settings.MOTCUA_TALLIES_REFRESH_MINUTES = 0  # the tallies' schedule: tests/tallies/test_schedule.py
    assert queue_due_schedules(T0) == ["sweep"]
    # Other workers asking in the same interval queue nothing.
    assert queue_due_schedules(T0) == []
    assert queue_due_schedules(T0 + dt.timedelta(minutes=9, seconds=59)) == []
    assert sweeps() == 1
    assert queue_due_schedules(T0 + dt.timedelta(minutes=10)) == ["sweep"]
    row = Schedule.objects.get(name="sweep")
    assert (row.runs, row.last_run, row.next_run) == (2, T0 + dt.timedelta(minutes=10), T0 + dt.timedelta(minutes=20))
    assert sweeps() == 2


def test_zero_minutes_never_queues(settings):
    settings.MOTCUA_SWEEP_MINUTES = 0
    settings.MOTCUA_NOTICE_RESCUE_MINUTES = 0
    settings.MOTCUA_TALLIES_REFRESH_MINUTES = 0
    assert queue_due_schedules(T0) == []
    assert sweeps() == 0 and not Schedule.objects.exists()

