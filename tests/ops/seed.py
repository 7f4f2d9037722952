"""Data for the backup tests, written and read by a child process in its own MOTCUA_HOME / DATABASE_URL.

  python -m tests.ops.seed load N       N dossiers of Xã Hoằng Lưu with history and attachments
  python -m tests.ops.seed write STOP   receive dossiers (with a scan each) until the file STOP exists
  python -m tests.ops.seed dump         JSON: dossiers with versions, every history event, attachments' SHA-256
"""

import hashlib
import json
import os
import sys
from pathlib import Path

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "motcua.settings")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.files.uploadedfile import SimpleUploadedFile  # noqa: E402

from motcua.cli import ensure_schema, prepare_data_dir  # noqa: E402

PDF = b"%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


def setup():
    from motcua.accounts.models import Role
    from tests.desk.conftest import make_procedure
    from tests.factories import make_tree, make_user

    _, _, commune, *_ = make_tree()
    procedure = make_procedure()
    officer = make_user("motcua", commune, Role.DESK_OFFICER, first_name="Lan", last_name="Lê Thị")
    specialist = make_user("tuphap", commune, Role.SPECIALIST)
    return commune, procedure, officer, specialist


def receive(commune, procedure, officer, n, at):
    from motcua.dossiers import actions as a
    from tests.desk.conftest import APPLICANT, BACKDATED, COMPONENTS

    d = a.do_receive_dossier(
        officer, commune, procedure, "counter", at, dict(APPLICANT, name=f"Nguyễn Văn {n}"), list(COMPONENTS), "counter", reason=BACKDATED
    )
    scan = PDF + f"hồ sơ số {n}".encode() * (n + 1)
    return a.do_attach_file(officer, d, SimpleUploadedFile(f"to-khai-{n}.pdf", scan), "component", at=at)


def load(count: int):
    import datetime as dt

    from motcua.dossiers import actions as a
    from tests.desk.conftest import vn

    commune, procedure, officer, specialist = setup()
    for n in range(count):
        at = vn(2023, 6, 5, 8, 0) + dt.timedelta(hours=n)
        d = receive(commune, procedure, officer, n, at)
        if n % 2:
            d = a.do_assign_dossier(officer, d, specialist, at=at + dt.timedelta(minutes=5))
            d = a.do_start_processing(specialist, d, at=at + dt.timedelta(minutes=10))
        if n % 3 == 0:
            a.do_withdraw_dossier(officer, d, "công dân xin rút", at=at + dt.timedelta(minutes=20))


def write_until(stop: Path):
    from django.utils import timezone

    from motcua.accounts.models import User
    from motcua.catalog.models import Procedure
    from motcua.units.models import Unit

    commune, procedure = Unit.objects.get(code="16003"), Procedure.objects.get(code="1.001193")
    officer = User.objects.get(username="motcua")
    n = 0
    while not stop.exists():
        receive(commune, procedure, officer, n, timezone.now())
        n += 1
    print(n)


def dump():
    from motcua.dossiers.models import Attachment, Dossier, DossierEvent

    def sha(attachment):
        with attachment.file.open("rb") as f:
            return hashlib.sha256(f.read()).hexdigest()

    out = {
        "dossiers": list(Dossier.objects.order_by("code").values_list("code", "version", "status")),
        "events": [
            {k: str(v) for k, v in row.items()} for row in DossierEvent.objects.order_by("id").values()
        ],
        "attachments": [
            (x.dossier.code, x.file.name, x.sha256, sha(x)) for x in Attachment.objects.select_related("dossier").order_by("id")
        ],
    }
    json.dump(out, sys.stdout, ensure_ascii=False)


if __name__ == "__main__":
    command = sys.argv[1]
    if command in {"load", "write"}:
        if not os.environ.get("DATABASE_URL"):
            prepare_data_dir(settings.DATA_DIR, settings.DATABASES["default"]["NAME"])
        ensure_schema()
    if command == "load":
        load(int(sys.argv[2]))
    elif command == "write":
        write_until(Path(sys.argv[2]))
    elif command == "dump":
        dump()
