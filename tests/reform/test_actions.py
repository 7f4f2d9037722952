"""Register changes: who may make them, version checks, and the history row each one writes."""

import pytest

from motcua.reform import models as m
from motcua.reform.actions import (
    RegisterError,
    do_create_register_record,
    do_delete_register_record,
    do_update_register_record,
)
from motcua.reform.registers import BY_SLUG

from .conftest import D

pytestmark = pytest.mark.django_db
TASKS = BY_SLUG["nhiem-vu"]
TASK = {"kind": "plan", "year": 2023, "title": "Niêm yết TTHC", "deadline": D(2023, 6, 30), "owner": "Văn phòng",
        "status": "in_progress"}


def test_create_and_update_write_history_with_before_and_after(people):
    record = do_create_register_record(people.specialist_a, TASKS, TASK)
    updated = do_update_register_record(
        people.leader_a, record, {**TASK, "status": "done", "completed_on": D(2023, 7, 3)}, version=1
    )
    assert updated.version == 2 and updated.late
    changes = list(m.RegisterChange.objects.filter(register="reformtask", record_id=record.pk).order_by("pk"))
    assert [(c.kind, c.user) for c in changes] == [("create", people.specialist_a), ("update", people.leader_a)]
    assert changes[0].before is None and changes[0].after["title"] == "Niêm yết TTHC"
    assert (changes[1].before["status"], changes[1].after["status"]) == ("in_progress", "done")
    assert (changes[1].before["completed_on"], changes[1].after["completed_on"]) == (None, "2023-07-03")


def test_stale_version_is_refused_and_changes_nothing(people):
    record = do_create_register_record(people.specialist_a, TASKS, TASK)
    do_update_register_record(people.specialist_a, record, {**TASK, "owner": "Tư pháp"}, version=1)
    with pytest.raises(RegisterError, match="người khác thay đổi"):
        do_update_register_record(people.leader_a, record, {**TASK, "owner": "Địa chính"}, version=1)
    assert m.ReformTask.objects.get().owner == "Tư pháp"
    assert m.RegisterChange.objects.count() == 2


def test_completion_before_assignment_is_refused_on_its_field(people):
    with pytest.raises(RegisterError) as refused:
        do_create_register_record(people.specialist_a, TASKS, {
            **TASK, "kind": "assigned", "assigned_on": D(2023, 5, 10), "status": "done", "completed_on": D(2023, 5, 1),
        })
    assert refused.value.errors["completed_on"] == ["Ngày hoàn thành không được trước ngày giao."]
    assert not m.ReformTask.objects.exists() and not m.RegisterChange.objects.exists()


@pytest.mark.parametrize("who", ["desk_a", "overseer", "specialist_b"])
def test_only_editing_roles_of_the_unit_may_change_it(people, who):
    record = do_create_register_record(people.specialist_a, TASKS, TASK)
    with pytest.raises(RegisterError, match="không có quyền"):
        do_update_register_record(getattr(people, who), record, {**TASK, "owner": "x"}, version=1)
    with pytest.raises(RegisterError, match="không có quyền"):
        do_delete_register_record(getattr(people, who), record, version=1)


def test_delete_keeps_the_history(people):
    record = do_create_register_record(people.specialist_a, TASKS, TASK)
    do_delete_register_record(people.specialist_a, record, version=1)
    assert not m.ReformTask.objects.exists()
    assert list(m.RegisterChange.objects.values_list("kind", flat=True).order_by("pk")) == ["create", "delete"]


def test_second_plan_for_a_year_is_refused(people):
    plans = BY_SLUG["ke-hoach"]
    values = {"year": 2023, "decision_number": "252/QĐ-UBND", "decision_date": D(2022, 12, 30)}
    do_create_register_record(people.specialist_a, plans, values)
    with pytest.raises(RegisterError):
        do_create_register_record(people.leader_a, plans, values)
    assert m.ReformPlan.objects.count() == 1
