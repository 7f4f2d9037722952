"""Load the demo province: units, catalog, generated dossiers and one login per role.

Every step is idempotent: units and procedures are upserted by the exchange
loaders, dossiers already in the database are left as they are (so a later
run only adds the days since, and never conflicts with a dossier that was
still open last time), users are created once.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from django.contrib.auth.models import Group, Permission
from django.db import transaction

from motcua.demo import generate

DATA_DIR = Path(__file__).resolve().parent / "data"
UNITS_FILE = DATA_DIR / "units.jsonl"
PROCEDURES_FILE = DATA_DIR / "procedures.jsonl"

# Demo only: every demo login shares this password; never use the demo users in a real deployment.
DEMO_PASSWORD = "motcua2026"
MAIN_COMMUNE = "16000"
DEMO_GROUP = "Cán bộ dùng thử (dữ liệu mẫu)"
# What the demo's staff users may look at in the admin: public reference data only.
DEMO_GROUP_PERMISSIONS = [
    ("units", "view_unitlevel"),
    ("units", "view_unit"),
    ("catalog", "view_field"),
    ("catalog", "view_procedure"),
    ("catalog", "view_procedurestep"),
    ("workdays", "view_declaredday"),
    ("workdays", "view_workschedule"),
]


@dataclass(frozen=True)
class DemoUser:
    username: str
    role: str
    unit: str  # the unit's stable id (the code, for every unit but the new Xã Hoằng Châu)
    last_name: str
    first_name: str
    superuser: bool = False


DEMO_USERS = [
    DemoUser("motcua", "desk_officer", MAIN_COMMUNE, "Nguyễn Thị", "Hoa"),
    DemoUser("chuyenvien", "specialist", MAIN_COMMUNE, "Lê Văn", "Minh"),
    DemoUser("lanhdao", "leader", MAIN_COMMUNE, "Lê Đình", "Thắng"),
    # The new Xã Hoằng Châu (since 1 Jul 2025) holds Hoằng Lưu's old code 15976 and sees its past files and reports.
    DemoUser("hoangchau", "leader", "15976-2025", "Đỗ Thị", "Thu"),
    DemoUser("huyen", "oversight", "399", "Phạm Thị", "Lan"),
    DemoUser("tinh", "oversight", "38", "Trịnh Xuân", "Bình"),
    DemoUser("quantri", "administrator", "38", "Hoàng Văn", "Nam", superuser=True),
]


class DemoLoadError(Exception):
    """A demo file did not load; the message lists the bad lines."""


@dataclass
class DemoSummary:
    units: object = None
    procedures: object = None
    dossiers: object = None
    dossiers_already_there: int = 0
    periods: list[tuple[dt.date, dt.date]] = field(default_factory=list)
    users_created: int = 0
    feedback: int = 0
    # Commune-years whose reform registers were filled (motcua.demo.registers).
    register_years: int = 0
    # Dossiers of the main commune queued for the national portal (the demo's worker delivers them).
    portal_queued: int = 0


def load_demo(*, seed: int = generate.DEFAULT_SEED, years=generate.DEFAULT_YEARS, now: dt.datetime | None = None) -> DemoSummary:
    """Load units, procedures, dossiers and users of the demo; return what each step did."""
    from motcua.dossiers.models import Dossier
    from motcua.exchange.loading import load_file, load_jsonl
    from motcua.units.models import Unit

    now = (now or dt.datetime.now(generate.LOCAL_TZ)).astimezone(generate.LOCAL_TZ)
    summary = DemoSummary()
    summary.units = _checked(load_file("units", UNITS_FILE), UNITS_FILE.name)
    summary.procedures = _checked(load_file("procedures", PROCEDURES_FILE), PROCEDURES_FILE.name)

    communes = list(Unit.objects.filter(code__in=commune_codes()).select_related("level"))
    summary.periods = generate.demo_periods(now.date(), years)
    existing = set(Dossier.objects.filter(unit__in=communes).values_list("code", flat=True))

    def new_lines():
        for line, code in _lines_with_codes(communes, summary.periods, seed, now):
            if code in existing:
                summary.dossiers_already_there += 1
            else:
                yield line

    summary.dossiers = _checked(load_jsonl("dossiers", new_lines(), today=now.date()), "hồ sơ sinh ngẫu nhiên")
    from motcua.demo.registers import load_registers

    summary.register_years = load_registers(communes, now.date(), years)
    summary.users_created = ensure_users()
    from motcua.accounts.models import User
    from motcua.demo.feedback import load_feedback

    main_commune = Unit.objects.filter(code=MAIN_COMMUNE).first()
    summary.feedback = load_feedback(main_commune, User.objects.filter(username="lanhdao").first(), now)
    summary.portal_queued = queue_for_portal(main_commune, now)
    from motcua.tallies.tally import refresh

    # The months already over, tallied now, so the first report reads them rather than the dossiers.
    refresh()
    return summary


# The main commune's dossiers of the last months go to the national portal (QĐ 766 index 1.4 and 3.3).
PORTAL_DAYS = 92


def queue_for_portal(unit, now: dt.datetime) -> int:
    """Queue the current state of `unit`'s dossiers received in the last PORTAL_DAYS days that have no message yet.

    The demo's worker delivers them to the portal simulator; return how many were queued.
    """
    from motcua.dossiers.models import Dossier
    from motcua.nationalportal.delivery import push_current_state

    if unit is None:
        return 0
    rows = Dossier.objects.filter(unit=unit, received_at__gte=now - dt.timedelta(days=PORTAL_DAYS), portal_messages=None)
    return push_current_state(rows)


def commune_codes() -> list[str]:
    """Return the codes of the communes in the demo units file."""
    import json

    with open(UNITS_FILE, encoding="utf-8") as fh:
        return [obj["code"] for obj in map(json.loads, filter(str.strip, fh)) if obj["level"] == "commune"]


def ensure_users() -> int:
    """Create the demo logins that do not exist yet; return how many were created."""
    from motcua.accounts.models import User
    from motcua.units.models import Unit

    units = {u.uid: u for u in Unit.objects.filter(uid__in={u.unit for u in DEMO_USERS})}
    created = 0
    with transaction.atomic():
        group = _demo_group()
        for spec in DEMO_USERS:
            user, is_new = User.objects.get_or_create(
                username=spec.username,
                defaults={
                    "unit": units[spec.unit],
                    "role": spec.role,
                    "last_name": spec.last_name,
                    "first_name": spec.first_name,
                    # Staff, so the admin pages serve as the demo's interface for now.
                    "is_staff": True,
                    "is_superuser": spec.superuser,
                },
            )
            if is_new:
                user.set_password(DEMO_PASSWORD)
                user.save(update_fields=["password"])
                if not spec.superuser:
                    user.groups.add(group)
                created += 1
    return created


def _demo_group() -> Group:
    group, _ = Group.objects.get_or_create(name=DEMO_GROUP)
    wanted = []
    for app_label, codename in DEMO_GROUP_PERMISSIONS:
        perm = Permission.objects.filter(content_type__app_label=app_label, codename=codename).first()
        if perm is not None:
            wanted.append(perm)
    group.permissions.add(*wanted)
    return group


def _lines_with_codes(communes, periods, seed, now):
    import json

    for obj in generate.generate_dossiers(communes, periods, seed=seed, now=now):
        yield json.dumps(obj, ensure_ascii=False), obj["code"]


def _checked(report, source: str):
    if report.errors:
        shown = "\n".join(report.error_lines()[:10])
        more = len(report.errors) - 10
        tail = f"\n… và {more} lỗi khác" if more > 0 else ""
        raise DemoLoadError(f"không nạp được {source}: {report.summary()}\n{shown}{tail}")
    return report
