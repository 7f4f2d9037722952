"""`motcua backup` → `motcua restore` into a fresh data directory: the same export, history, versions and files.

Every step is the real console command in a child process with its own
MOTCUA_HOME (and, for PostgreSQL, its own throw-away databases).
"""

import io
import json
import subprocess
import sys
import tarfile
import uuid
from collections import Counter

import pytest

from tests.ops.helpers import ROOT, child_env, motcua

SEED = [sys.executable, "-m", "tests.ops.seed"]
EXPORT = ("export", "dossiers", "--unit", "16003", "--period", "2023")


def seed(*args, env):
    return subprocess.run([*SEED, *args], env=env, cwd=ROOT, capture_output=True, text=True, check=True).stdout


def dump(env) -> dict:
    return json.loads(seed("dump", env=env))


def round_trip(source, target, tmp_path):
    seed("load", "8", env=source)
    before = dump(source)
    assert len(before["dossiers"]) == 8 and len(before["attachments"]) == 8 and len(before["events"]) > 16
    # The files read back are the ones hashed when they were stored.
    assert all(stored == read for _, _, stored, read in before["attachments"])
    backup = tmp_path / "motcua.tar.gz"
    assert "8 tệp đính kèm" in motcua("backup", "-o", str(backup), env=source).stdout

    # A target `migrate` has prepared counts as empty.
    motcua("migrate", "--verbosity", "0", env=target)
    motcua("restore", str(backup), env=target)
    assert motcua(*EXPORT, env=target).stdout == motcua(*EXPORT, env=source).stdout != ""
    assert dump(target) == before

    # Not into a target holding data, and refusing changes nothing.
    refused = motcua("restore", str(backup), env=target, check=False)
    assert refused.returncode == 1
    assert len(refused.stderr.strip().splitlines()) == 1 and "--force" in refused.stderr
    assert dump(target) == before
    motcua("restore", "--force", str(backup), env=target)
    assert dump(target) == before
    return backup


@pytest.mark.sqlite
def test_round_trip_on_sqlite(tmp_path):
    backup = round_trip(child_env(tmp_path / "a"), child_env(tmp_path / "b"), tmp_path)
    with tarfile.open(backup) as tar:
        names = tar.getnames()
        manifest = json.load(tar.extractfile("manifest.json"))
    assert names[:2] == ["manifest.json", "database/motcua.sqlite3"]
    assert sorted(names[2:]) == sorted(f"media/{n}" for n in manifest["media"]["sha256"])
    assert manifest["database"]["engine"] == "sqlite" and manifest["database"]["rows"]["dossiers_dossier"] == 8
    assert manifest["media"]["files"] == 8


@pytest.mark.sqlite
def test_restore_refuses_uploaded_files_in_the_target(tmp_path):
    source, target = child_env(tmp_path / "a"), child_env(tmp_path / "b")
    seed("load", "1", env=source)
    motcua("backup", "-o", str(tmp_path / "b.tar.gz"), env=source)
    stray = tmp_path / "b" / "media" / "attachments" / "cu.pdf"
    stray.parent.mkdir(parents=True)
    stray.write_bytes(b"%PDF-1.7 old")
    refused = motcua("restore", str(tmp_path / "b.tar.gz"), env=target, check=False)
    assert refused.returncode == 1 and "1 tệp" in refused.stderr
    assert stray.read_bytes() == b"%PDF-1.7 old"


@pytest.mark.sqlite
def test_restore_refuses_a_backup_of_a_newer_motcua(tmp_path):
    source, target = child_env(tmp_path / "a"), child_env(tmp_path / "b")
    seed("load", "1", env=source)
    motcua("backup", "-o", str(tmp_path / "b.tar.gz"), env=source)
    with tarfile.open(tmp_path / "b.tar.gz") as old, tarfile.open(tmp_path / "newer.tar.gz", "w:gz") as new:
        for member in old.getmembers():
            data = old.extractfile(member).read()
            if member.name == "manifest.json":
                manifest = json.loads(data)
                manifest["migrations"].append("dossiers.9999_from_the_future")
                data = json.dumps(manifest).encode()
                member.size = len(data)
            new.addfile(member, io.BytesIO(data))
    refused = motcua("restore", str(tmp_path / "newer.tar.gz"), env=target, check=False)
    assert refused.returncode == 1 and "dossiers.9999_from_the_future" in refused.stderr
    assert not (tmp_path / "b" / "media").exists()
    # The untouched backup restores.
    motcua("restore", str(tmp_path / "b.tar.gz"), env=target)
    assert dump(target) == dump(source)


@pytest.mark.sqlite
def test_restore_refuses_what_is_not_a_backup(tmp_path):
    (tmp_path / "x.tar.gz").write_bytes(b"not a backup")
    result = motcua("restore", str(tmp_path / "x.tar.gz"), env=child_env(tmp_path / "home"), check=False)
    assert result.returncode == 1 and len(result.stderr.strip().splitlines()) == 1
    missing = motcua("restore", env=child_env(tmp_path / "home"), check=False)
    assert missing.returncode == 2


@pytest.mark.sqlite
def test_a_backup_taken_while_dossiers_are_written_is_consistent(tmp_path):
    source, target = child_env(tmp_path / "a"), child_env(tmp_path / "b")
    seed("load", "2", env=source)
    stop = tmp_path / "stop"
    writer = subprocess.Popen([*SEED, "write", str(stop)], env=source, cwd=ROOT, stdout=subprocess.PIPE, text=True)
    try:
        motcua("backup", "-o", str(tmp_path / "live.tar.gz"), env=source)
    finally:
        stop.touch()
        written = int(writer.communicate(timeout=300)[0])
    assert writer.returncode == 0
    motcua("restore", str(tmp_path / "live.tar.gz"), env=target)
    after, restored = dump(source), dump(target)
    assert len(after["dossiers"]) == 2 + written
    # The snapshot is one moment of the system: each dossier with exactly the events of its
    # version, each attachment row with its file and the same SHA-256, as they were then.
    events_per_dossier = Counter(e["dossier_id"] for e in restored["events"])
    assert len(events_per_dossier) == len(restored["dossiers"]) >= 2
    assert sorted(events_per_dossier.values()) == sorted(version for _, version, _ in restored["dossiers"])
    assert all(stored == read for _, _, stored, read in restored["attachments"])
    later = {code: version for code, version, _ in after["dossiers"]}
    assert all(later[code] >= version for code, version, _ in restored["dossiers"])
    assert {a[1] for a in restored["attachments"]} <= {a[1] for a in after["attachments"]}


@pytest.fixture
def postgres_databases():
    import psycopg

    admin = "postgresql://postgres@127.0.0.1:5432/postgres"
    # Names of this run's own: CI runs the SQLite and PostgreSQL passes side by side.
    run = uuid.uuid4().hex[:8]
    names = [f"motcua_backup_src_{run}", f"motcua_backup_dst_{run}"]
    try:
        connection = psycopg.connect(admin, autocommit=True)
    except psycopg.OperationalError:
        pytest.skip("PostgreSQL is not reachable on 127.0.0.1:5432")
    with connection:
        for name in names:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}"')
            connection.execute(f'CREATE DATABASE "{name}"')
        yield [f"postgres://postgres@127.0.0.1:5432/{name}" for name in names]
        for name in names:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.mark.postgres
def test_round_trip_on_postgresql(tmp_path, postgres_databases):
    src, dst = postgres_databases
    backup = round_trip(
        child_env(tmp_path / "a", DATABASE_URL=src), child_env(tmp_path / "b", DATABASE_URL=dst), tmp_path
    )
    with tarfile.open(backup) as tar:
        manifest = json.load(tar.extractfile("manifest.json"))
    assert manifest["database"]["engine"] == "postgresql" and manifest["database"]["member"] == "database/motcua.pgdump"
    # An SQLite data directory does not take a PostgreSQL backup.
    other = motcua("restore", str(backup), env=child_env(tmp_path / "c"), check=False)
    assert other.returncode == 1 and "postgresql" in other.stderr
