"""Every reading of citizens' personal data is a row (who, when, which dossier or how many rows); oversight reads its units' rows."""

import html
import os
import stat

import pytest
from django.test import Client

from motcua.api.tokens import create_token
from motcua.privacy.files import ensure_private_data_dir
from motcua.privacy.models import AccessRecord
from tests.desk.conftest import desk, receive, vn  # noqa: F401
from tests.english import vietnamese_finder

pytestmark = pytest.mark.django_db


def signed_in(user, **extra) -> Client:
    client = Client(**extra)
    client.force_login(user)
    return client


def rows():
    return list(AccessRecord.objects.order_by("id").values_list("user__username", "kind", "dossier_code", "rows", "unit__code", "ip"))


def test_a_dossier_page_view_is_logged(desk):
    d = receive(desk, vn(2023, 6, 5, 8, 0))
    assert signed_in(desk.officer, REMOTE_ADDR="10.1.2.3").get(f"/can-bo/ho-so/{d.code}/").status_code == 200
    assert rows() == [("motcua", "view", d.code, None, desk.unit.code, "10.1.2.3")]
    # A dossier of another unit is not shown, so nothing was read.
    assert signed_in(desk.officer_b).get(f"/can-bo/ho-so/{d.code}/").status_code == 404
    assert len(rows()) == 1


def test_an_xlsx_export_is_logged_with_its_row_count(desk):
    for minute in range(3):
        receive(desk, vn(2023, 6, 5, 8, minute))
    response = signed_in(desk.officer).get("/can-bo/ho-so/xuat.xlsx")
    assert response.status_code == 200
    assert rows() == [("motcua", "export", "", 3, desk.unit.code, "127.0.0.1")]
    assert AccessRecord.objects.get().detail == "XLSX danh sách hồ sơ"


def test_an_api_read_is_logged(desk):
    d = receive(desk, vn(2023, 6, 5, 8, 0))
    token = create_token(desk.officer, "tests")[1]
    api = Client(headers={"Authorization": f"Bearer {token}"})
    assert api.get(f"/api/dossiers/{d.code}").status_code == 200
    assert api.get("/api/dossiers").status_code == 200
    assert [r[:4] for r in rows()] == [("motcua", "api_read", d.code, None), ("motcua", "export", "", 1)]


def test_the_log_is_append_only(desk):
    d = receive(desk, vn(2023, 6, 5, 8, 0))
    signed_in(desk.officer).get(f"/can-bo/ho-so/{d.code}/")
    record = AccessRecord.objects.get()
    record.dossier_code = "khác"
    for attempt in (record.save, record.delete, lambda: AccessRecord.objects.update(ip=""), lambda: AccessRecord.objects.all().delete()):
        with pytest.raises(PermissionError):
            attempt()
    assert AccessRecord.objects.get().dossier_code == d.code


def test_oversight_reads_its_units_rows_filtered_and_paged(desk):
    mine = receive(desk, vn(2023, 6, 5, 8, 0))
    signed_in(desk.officer).get(f"/can-bo/ho-so/{mine.code}/")
    signed_in(desk.specialist).get(f"/can-bo/ho-so/{mine.code}/")
    # A reading in another province's commune: not the district's business.
    AccessRecord.objects.create(user=desk.leader_other, unit=desk.other_commune, kind="view", dossier_code="H99-230605-0001")
    page = signed_in(desk.oversight).get("/quan-tri/truy-cap-du-lieu/")
    assert page.status_code == 200
    text = page.content.decode()
    assert "Số lần truy cập: 2." in text and "H99-230605-0001" not in text and "(motcua)" in text and "(tuphap)" in text
    filtered = signed_in(desk.oversight).get("/quan-tri/truy-cap-du-lieu/", {"nguoi": "tuphap", "kind": "view"}).content.decode()
    assert "Số lần truy cập: 1." in filtered and "(motcua)" not in filtered
    # The leader of another commune sees only that commune's row.
    other = signed_in(desk.leader_other).get("/quan-tri/truy-cap-du-lieu/").content.decode()
    assert "Số lần truy cập: 1." in other and "H99-230605-0001" in other


def test_the_page_is_paged(desk, settings):
    d = receive(desk, vn(2023, 6, 5, 8, 0))
    AccessRecord.objects.bulk_create(
        [AccessRecord(user=desk.officer, unit=desk.unit, kind="view", dossier_code=d.code) for _ in range(51)]
    )
    client = signed_in(desk.leader)
    first = client.get("/quan-tri/truy-cap-du-lieu/").content.decode()
    assert "Số lần truy cập: 51." in first and "Trang 1/2" in first and first.count(f"<td>{d.code}</td>") == 50
    second = client.get("/quan-tri/truy-cap-du-lieu/", {"trang": 2}).content.decode()
    assert second.count(f"<td>{d.code}</td>") == 1


def test_desk_roles_cannot_read_the_log(desk):
    for user in (desk.officer, desk.specialist):
        assert signed_in(user).get("/quan-tri/truy-cap-du-lieu/").status_code == 403
    assert Client().get("/quan-tri/truy-cap-du-lieu/").status_code == 302


vietnamese_left = vietnamese_finder(["Tiếng Việt", "Nghị định 13/2023/NĐ-CP"])


def test_the_page_in_english(desk):
    d = receive(desk, vn(2023, 6, 5, 8, 0))
    signed_in(desk.officer).get(f"/can-bo/ho-so/{d.code}/")
    signed_in(desk.officer).get("/can-bo/ho-so/xuat.xlsx")
    client = signed_in(desk.oversight)
    client.cookies["django_language"] = "en"
    response = client.get("/quan-tri/truy-cap-du-lieu/", {"tu_ngay": "khong-phai-ngay"})
    page = html.unescape(response.content.decode())
    for english in ["Personal data access log", "Kind of access", "Viewed a dossier", "Exported data", "Lines", "Accesses: 2.", "Filter", "Not a valid date."]:
        assert english in page, english
    names = [desk.officer.get_full_name(), desk.unit.name, desk.district.name, "XLSX danh sách hồ sơ"]
    assert vietnamese_left(response, names) == []


def test_the_data_directory_and_database_are_private(tmp_path):
    os.umask(0o022)
    home = tmp_path / "motcua-home"
    ensure_private_data_dir(home, home / "motcua.sqlite3")
    assert stat.S_IMODE(home.stat().st_mode) == 0o700
    assert stat.S_IMODE((home / "motcua.sqlite3").stat().st_mode) == 0o600
    # An existing, open installation is closed at its next start.
    os.chmod(home, 0o755)
    os.chmod(home / "motcua.sqlite3", 0o644)
    (home / "motcua.sqlite3-wal").write_bytes(b"")
    ensure_private_data_dir(home, home / "motcua.sqlite3")
    modes = [stat.S_IMODE(p.stat().st_mode) for p in (home, home / "motcua.sqlite3", home / "motcua.sqlite3-wal")]
    assert modes == [0o700, 0o600, 0o600]


def test_the_command_line_creates_them_private(tmp_path):
    import subprocess
    import sys

    home = tmp_path / "new-home"
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env.update(MOTCUA_HOME=str(home))
    done = subprocess.run([sys.executable, "-m", "motcua", "check"], env=env, capture_output=True, text=True, timeout=180)
    assert done.returncode == 0, done.stderr
    assert stat.S_IMODE(home.stat().st_mode) == 0o700
    assert stat.S_IMODE((home / "motcua.sqlite3").stat().st_mode) == 0o600


def test_the_menu_leads_the_readers_there(desk):
    for user, shown in ((desk.oversight, True), (desk.leader, True), (desk.officer, False), (desk.specialist, False)):
        page = signed_in(user).get("/can-bo/").content.decode()
        assert ('href="/quan-tri/truy-cap-du-lieu/"' in page) is shown, user.username
    page = signed_in(desk.oversight).get("/quan-tri/truy-cap-du-lieu/").content.decode()
    assert 'aria-current="page"' in page.split('href="/quan-tri/truy-cap-du-lieu/"', 1)[1][:40]


def test_a_command_line_export_is_logged_for_its_unit(desk, tmp_path):
    from django.core.management import call_command

    for minute in range(2):
        receive(desk, vn(2023, 6, 5, 8, minute))
    call_command("export", "dossiers", "--unit", desk.unit.code, "-o", str(tmp_path / "ho-so.jsonl"))
    record = AccessRecord.objects.get()
    assert (record.user, record.kind, record.rows, record.unit) == (None, "export", 2, desk.unit)
    assert record.detail.startswith(f"JSONL motcua export → {tmp_path / 'ho-so.jsonl'} (tài khoản hệ điều hành ")
    page = signed_in(desk.oversight).get("/quan-tri/truy-cap-du-lieu/").content.decode()
    assert "Dòng lệnh" in page and "Số lần truy cập: 1." in page
