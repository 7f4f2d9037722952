"""`motcua backup` / `motcua restore`: one tar.gz with a manifest, the database snapshot and every uploaded file.

Layout, in this order (restore reads it as a stream, manifest first):
  manifest.json               format, version, engine, created_at, rows per table, applied migrations, SHA-256 of every file
  database/motcua.sqlite3     SQLite: a copy made with the online backup API
  database/motcua.pgdump      PostgreSQL: pg_dump custom format
  media/<path>                every file under MEDIA_ROOT (attachments …)
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import os
import shutil
import tarfile
import tempfile
from pathlib import Path, PurePosixPath

from django.conf import settings

from motcua.ops import databases
from motcua.ops.databases import OpsError

FORMAT = "motcua-backup"
VERSION = 1
MANIFEST = "manifest.json"
DATABASE_MEMBER = {"sqlite": "database/motcua.sqlite3", "postgresql": "database/motcua.pgdump"}
CHUNK = 1 << 20


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        while chunk := f.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def media_files(root: Path) -> list[Path]:
    """Every regular file under MEDIA_ROOT, sorted, as paths relative to it."""
    if not root.is_dir():
        return []
    found = []
    for folder, _, names in os.walk(root):
        for name in names:
            path = Path(folder, name)
            if path.is_file() and not path.is_symlink():
                found.append(path.relative_to(root))
    return sorted(found)


class _Hashing(io.RawIOBase):
    """Read a file while hashing it (tarfile pulls exactly the size it was told)."""

    def __init__(self, f):
        self.f, self.digest = f, hashlib.sha256()

    def readable(self):
        return True

    def read(self, size=-1):
        data = self.f.read(size)
        self.digest.update(data)
        return data


def _add_bytes(tar: tarfile.TarFile, name: str, data: bytes) -> None:
    info = tarfile.TarInfo(name)
    info.size, info.mode, info.mtime = len(data), 0o600, int(dt.datetime.now().timestamp())
    tar.addfile(info, io.BytesIO(data))


def backup(output: Path) -> dict:
    """Write the backup file; return its manifest."""
    output = Path(output)
    if not output.parent.is_dir():
        raise OpsError(f"không có thư mục {output.parent} để ghi tệp sao lưu")
    vendor = databases.engine()
    media_root = Path(settings.MEDIA_ROOT)
    with tempfile.TemporaryDirectory(prefix=".motcua-backup-", dir=output.parent) as work:
        # The database first: every file its rows name was stored before the row was committed.
        snapshot = Path(work) / "database"
        created_at = dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")
        rows, migrations = databases.snapshot(snapshot)
        # Files are written once and never changed, so hashing them before writing the archive
        # lets the manifest come first; a file changed in between is caught when it is written.
        files, sizes = {}, {}
        for relative in media_files(media_root):
            name = relative.as_posix()
            try:
                sizes[name] = (media_root / relative).stat().st_size
                files[name] = _sha256(media_root / relative)
            except FileNotFoundError:
                sizes.pop(name, None)
        manifest = {
            "format": FORMAT,
            "version": VERSION,
            "created_at": created_at,
            "database": {"engine": vendor, "member": DATABASE_MEMBER[vendor], "sha256": _sha256(snapshot), "rows": rows},
            "migrations": migrations,
            "media": {"files": len(files), "bytes": sum(sizes.values()), "sha256": files},
        }
        partial = Path(work) / "backup.tar.gz"
        with tarfile.open(partial, "w:gz") as tar:
            _add_bytes(tar, MANIFEST, json.dumps(manifest, ensure_ascii=False, indent=1).encode())
            tar.add(snapshot, arcname=DATABASE_MEMBER[vendor], recursive=False)
            for name, digest in files.items():
                changed = OpsError(f"tệp {name} thay đổi trong lúc sao lưu; hãy sao lưu lại")
                try:
                    f = open(media_root / name, "rb")
                except FileNotFoundError:
                    raise changed from None
                with f:
                    info = tar.gettarinfo(fileobj=f, arcname=f"media/{name}")
                    reader = _Hashing(f)
                    if info.size != sizes[name]:
                        raise changed
                    tar.addfile(info, reader)
                    if reader.digest.hexdigest() != digest:
                        raise changed
        os.chmod(partial, 0o600)
        os.replace(partial, output)
    return manifest


# --- restore --------------------------------------------------------------------------------


def _media_name(member: tarfile.TarInfo) -> str:
    """The path under MEDIA_ROOT of an archive member, refusing anything that would land outside it."""
    path = PurePosixPath(member.name)
    if not member.isfile() or path.parts[0] != "media" or len(path.parts) < 2 or ".." in path.parts or path.is_absolute():
        raise OpsError(f"tệp sao lưu có mục lạ: {member.name}")
    return PurePosixPath(*path.parts[1:]).as_posix()


def _copy_hashed(source, target: Path) -> str:
    digest = hashlib.sha256()
    target.parent.mkdir(parents=True, exist_ok=True)
    with open(target, "wb") as out:
        while chunk := source.read(CHUNK):
            digest.update(chunk)
            out.write(chunk)
    return digest.hexdigest()


def _read_manifest(tar: tarfile.TarFile) -> dict:
    first = tar.next()
    if first is None or first.name != MANIFEST:
        raise OpsError("không phải tệp sao lưu của motcua (thiếu manifest.json ở đầu)")
    try:
        manifest = json.load(tar.extractfile(first))
    except ValueError:
        raise OpsError("manifest.json của tệp sao lưu hỏng") from None
    if manifest.get("format") != FORMAT:
        raise OpsError("không phải tệp sao lưu của motcua")
    if manifest.get("version") != VERSION:
        raise OpsError(f"tệp sao lưu phiên bản {manifest.get('version')}, bản motcua này đọc phiên bản {VERSION}")
    return manifest


def emptiness_problem() -> str | None:
    """Why the target is not empty (a database with rows `migrate` did not write, or uploaded files); None if empty."""
    occupied = databases.occupied_tables()
    if occupied:
        table, rows = sorted(occupied.items(), key=lambda item: -item[1])[0]
        return f"cơ sở dữ liệu đích đã có dữ liệu ({len(occupied)} bảng, ví dụ {table}: {rows} dòng)"
    files = media_files(Path(settings.MEDIA_ROOT))
    if files:
        return f"thư mục tệp đính kèm đích đã có {len(files)} tệp ({Path(settings.MEDIA_ROOT)})"
    return None


def restore(path: Path, *, force: bool = False) -> dict:
    """Restore the backup file into this database and data directory; return its manifest."""
    path = Path(path)
    if not path.is_file():
        raise OpsError(f"không có tệp sao lưu {path}")
    vendor = databases.engine()
    if not force and (problem := emptiness_problem()):
        raise OpsError(f"{problem}; phục hồi chỉ vào nơi trống, hoặc thêm --force để thay thế")
    media_root = Path(settings.MEDIA_ROOT)
    media_root.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix=".motcua-restore-", dir=media_root.parent) as work:
        staging = Path(work) / "media"
        database_file = Path(work) / "database"
        try:
            tar = tarfile.open(path, "r|gz")
        except (tarfile.TarError, OSError):
            raise OpsError(f"không đọc được tệp sao lưu {path}") from None
        with tar:
            manifest = _read_manifest(tar)
            database = manifest["database"]
            if database["engine"] != vendor:
                raise OpsError(f"tệp sao lưu là cơ sở dữ liệu {database['engine']}, nơi phục hồi là {vendor}")
            if newer := databases.unknown_migrations(manifest["migrations"]):
                raise OpsError(f"tệp sao lưu từ bản motcua mới hơn (có migration {newer[0]}); hãy cập nhật motcua rồi phục hồi")
            expected = manifest["media"]["sha256"]
            seen_database = False
            found = {}
            try:
                for member in tar:
                    if member.name == MANIFEST:  # iterating a stream repeats the members already read
                        continue
                    if member.name == database["member"]:
                        if _copy_hashed(tar.extractfile(member), database_file) != database["sha256"]:
                            raise OpsError("cơ sở dữ liệu trong tệp sao lưu sai SHA-256")
                        seen_database = True
                        continue
                    name = _media_name(member)
                    found[name] = _copy_hashed(tar.extractfile(member), staging / name)
            except (tarfile.TarError, EOFError, OSError) as error:
                raise OpsError(f"tệp sao lưu hỏng: {error}") from None
        if not seen_database:
            raise OpsError("tệp sao lưu thiếu cơ sở dữ liệu")
        wrong = sorted(name for name in expected.keys() | found.keys() if expected.get(name) != found.get(name))
        if wrong:
            raise OpsError(f"{len(wrong)} tệp đính kèm không khớp SHA-256 trong manifest, ví dụ {wrong[0]}")
        # Everything read and checked: now replace the target.
        databases.replace_with(database_file)
        if media_root.exists():
            shutil.rmtree(media_root)
        staging.mkdir(exist_ok=True)
        os.replace(staging, media_root)
    rows = databases.table_rows()
    differ = sorted(t for t in database["rows"] if rows.get(t) != database["rows"][t])
    if differ:
        raise OpsError(f"sau khi phục hồi, số dòng bảng {differ[0]} là {rows.get(differ[0])}, manifest ghi {database['rows'][differ[0]]}")
    restored = {name.as_posix(): _sha256(media_root / name) for name in media_files(media_root)}
    if restored != expected:
        raise OpsError("sau khi phục hồi, tệp đính kèm không khớp manifest")
    return manifest
