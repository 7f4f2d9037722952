"""A desk at work in its own process: many dossiers changing state, interleaved (the fault test and the benchmark).

    python -c "import django; django.setup(); from tests.nationalportal.drive import main; main(200, 'times.json')"

Each dossier follows one of four paths (by its number modulo 4), all at the time
of the action; the dossiers advance a step each in turn, twenty at a time, so
that many dossiers' messages are in the outbox together. Every action's
duration is written to `times` (JSON list of seconds) when given.
"""

from __future__ import annotations

import json
import time

from motcua.accounts.models import Role, User
from motcua.dossiers import actions as a
from motcua.dossiers.stopping import do_stop_dossier
from tests.desk.conftest import APPLICANT, COMPONENTS, make_procedure
from tests.factories import make_tree, make_user

# Path of dossier n: its steps after the receipt, each (action, who).
PATHS = [
    ["assign", "start", "submit", "approve", "return"],
    ["assign", "start", "request_supplement", "receive_supplement", "submit", "refuse"],
    ["withdraw"],
    ["assign", "stop"],
]
BATCH = 20


def world():
    """The commune, its staff and procedure (created on the first call)."""
    if not User.objects.filter(username="motcua").exists():
        _, _, commune, *_ = make_tree()
        make_procedure()
        make_user("motcua", commune, Role.DESK_OFFICER, first_name="Lan", last_name="Lê Thị")
        make_user("tuphap", commune, Role.SPECIALIST, first_name="Hùng", last_name="Trần Văn")
        make_user("chutich", commune, Role.LEADER)
    officer, specialist, leader = (User.objects.get(username=u) for u in ("motcua", "tuphap", "chutich"))
    from motcua.catalog.models import Procedure

    return officer, specialist, leader, officer.unit, Procedure.objects.get(code="1.001193")


def step(name, d, officer, specialist, leader):
    if name == "assign":
        return a.do_assign_dossier(officer, d, specialist)
    if name == "start":
        return a.do_start_processing(specialist, d)
    if name == "submit":
        return a.do_submit_for_decision(specialist, d)
    if name == "approve":
        return a.do_approve_dossier(leader, d)
    if name == "refuse":
        return a.do_refuse_dossier(leader, d, ["Không đủ điều kiện theo quy định"])
    if name == "return":
        return a.do_return_result(officer, d)
    if name == "request_supplement":
        return a.do_request_supplement(specialist, d, "Thiếu giấy chứng sinh bản chính")
    if name == "receive_supplement":
        return a.do_receive_supplement(officer, d)
    if name == "withdraw":
        return a.do_withdraw_dossier(officer, d, "Công dân đề nghị rút hồ sơ")
    if name == "stop":
        return do_stop_dossier(officer, d, "Công dân đề nghị dừng xử lý")
    raise ValueError(name)


def main(count: int, times_path: str | None = None, start: int = 0) -> None:
    officer, specialist, leader, unit, procedure = world()
    times: list[float] = []

    def timed(fn, *args):
        began = time.perf_counter()
        result = fn(*args)
        times.append(time.perf_counter() - began)
        return result

    for first in range(start, start + count, BATCH):
        numbers = range(first, min(first + BATCH, start + count))
        dossiers = {
            n: timed(a.do_receive_dossier, officer, unit, procedure, "counter", None, dict(APPLICANT), list(COMPONENTS), "counter")
            for n in numbers
        }
        for k in range(max(len(p) for p in PATHS)):
            for n in numbers:
                path = PATHS[n % len(PATHS)]
                if k < len(path):
                    dossiers[n] = timed(step, path[k], dossiers[n], officer, specialist, leader)
    if times_path:
        with open(times_path, "w") as out:
            json.dump(times, out)
