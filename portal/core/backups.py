"""Backups that restore: a consistent snapshot of the database and the media, and back again.

SQLite is copied with its online backup API (one step, so the copy is one consistent moment; in
WAL mode the site keeps writing meanwhile), PostgreSQL with `pg_dump -Fc` (one snapshot
transaction). Media files are copied after the database, so every file the snapshot names is
there. A manifest lists the SHA-256 of every file; restore checks them before touching anything.
"""

import datetime
import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import time
import uuid
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.cache import caches
from django.db import DatabaseError, connections

from .pagecache import content_version, content_version_advance_past

__all__ = ["BackupError", "BackupResult", "backup_create", "backup_restore", "backup_verify"]

MANIFEST = "manifest.json"
MEDIA = "media"
DATABASE_FILES = {"sqlite": "database.sqlite3", "postgresql": "database.dump"}
FORMAT = 1


class BackupError(Exception):
    """A backup cannot be made or restored; the message is for the operator (Vietnamese)."""


@dataclass(frozen=True)
class BackupResult:
    directory: Path
    vendor: str
    media_files: int
    total_bytes: int
    seconds: float


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as file:
        for chunk in iter(lambda: file.read(1024 * 1024), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _database() -> tuple[str, dict]:
    connection = connections["default"]
    return connection.vendor, connection.settings_dict


def _pg_command(program: str, settings_dict: dict) -> tuple[list[str], dict]:
    command = [program, "--no-password", "--dbname", settings_dict["NAME"]]
    if settings_dict.get("HOST"):
        command += ["--host", str(settings_dict["HOST"])]
    if settings_dict.get("PORT"):
        command += ["--port", str(settings_dict["PORT"])]
    if settings_dict.get("USER"):
        command += ["--username", settings_dict["USER"]]
    env = {**os.environ}
    if settings_dict.get("PASSWORD"):
        env["PGPASSWORD"] = settings_dict["PASSWORD"]  # never on the command line
    return command, env


def _run(command: list[str], env: dict) -> None:
    result = subprocess.run(command, env=env, capture_output=True, text=True, check=False)  # noqa: S603
    if result.returncode != 0:
        raise BackupError(f"{command[0]} thất bại: {result.stderr.strip()[-2000:]}")


def _dump_database(vendor: str, settings_dict: dict, target: Path) -> None:
    if vendor == "sqlite":
        source = sqlite3.connect(str(settings_dict["NAME"]), timeout=20)
        copy = sqlite3.connect(target)
        try:
            source.backup(copy)  # all pages in one step: one consistent moment
            copy.execute("PRAGMA journal_mode=DELETE")  # the copy is one self-contained file
        finally:
            copy.close()
            source.close()
    elif vendor == "postgresql":
        command, env = _pg_command("pg_dump", settings_dict)
        _run([*command, "--format=custom", "--no-owner", "--file", str(target)], env)
    else:
        raise BackupError(f"Chưa hỗ trợ sao lưu cơ sở dữ liệu {vendor}.")


def _copy_tree(source: Path, target: Path) -> dict[str, str]:
    """Copy every regular file under source; return {relative path: sha256}."""
    hashes = {}
    target.mkdir(parents=True, exist_ok=True)
    if not source.exists():
        return hashes
    for path in sorted(source.rglob("*")):
        if not path.is_file() or path.is_symlink():
            continue
        relative = path.relative_to(source).as_posix()
        destination = target / relative
        destination.parent.mkdir(parents=True, exist_ok=True)
        try:
            shutil.copy2(path, destination)
        except FileNotFoundError:
            continue  # deleted while we copied (a rendition regenerated, say)
        hashes[relative] = _sha256(destination)
    return hashes


def backup_create(*, directory: Path) -> BackupResult:
    """Write a snapshot into `directory` (new or empty); it appears whole or not at all."""
    start = time.monotonic()
    directory = Path(directory).resolve()
    if directory.exists() and any(directory.iterdir()):
        raise BackupError(f"Thư mục {directory} đã có dữ liệu; hãy chọn một thư mục mới.")
    vendor, settings_dict = _database()
    partial = directory.parent / f".{directory.name}.partial-{uuid.uuid4().hex[:8]}"
    partial.mkdir(parents=True, mode=0o700)
    try:
        database_file = partial / DATABASE_FILES.get(vendor, "database")
        _dump_database(vendor, settings_dict, database_file)
        media = _copy_tree(Path(settings.MEDIA_ROOT), partial / MEDIA)
        manifest = {
            "format": FORMAT,
            "created_at": datetime.datetime.now(datetime.UTC).isoformat(),
            "vendor": vendor,
            "database": {"file": database_file.name, "sha256": _sha256(database_file)},
            "media": media,
        }
        (partial / MANIFEST).write_text(json.dumps(manifest, indent=1, ensure_ascii=False))
        if directory.exists():
            directory.rmdir()
        directory.parent.mkdir(parents=True, exist_ok=True)
        partial.rename(directory)
    except BaseException:
        shutil.rmtree(partial, ignore_errors=True)
        raise
    total = sum(path.stat().st_size for path in directory.rglob("*") if path.is_file())
    return BackupResult(directory, vendor, len(media), total, round(time.monotonic() - start, 2))


def backup_verify(*, directory: Path) -> dict:
    """The manifest of a backup whose every file is present and intact."""
    directory = Path(directory)
    try:
        manifest = json.loads((directory / MANIFEST).read_text())
    except (OSError, ValueError) as error:
        raise BackupError(f"Không đọc được {directory / MANIFEST}: {error}") from error
    if manifest.get("format") != FORMAT:
        raise BackupError("Bản sao lưu có định dạng không được hỗ trợ.")
    expected = {manifest["database"]["file"]: manifest["database"]["sha256"]}
    expected.update({f"{MEDIA}/{name}": digest for name, digest in manifest["media"].items()})
    for name, digest in expected.items():
        path = directory / name
        if not path.is_file() or _sha256(path) != digest:
            raise BackupError(f"Tệp {name} trong bản sao lưu bị thiếu hoặc đã bị thay đổi.")
    return manifest


def _restore_database(vendor: str, settings_dict: dict, source: Path) -> None:
    if vendor == "sqlite":
        connections["default"].close()
        backup = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
        live = sqlite3.connect(str(settings_dict["NAME"]), timeout=60)
        try:
            backup.backup(live)  # replaces every page under one write lock
            live.execute("PRAGMA journal_mode=WAL")
        finally:
            live.close()
            backup.close()
    else:
        connections["default"].close()
        command, env = _pg_command("pg_restore", settings_dict)
        _run(
            [*command, "--clean", "--if-exists", "--no-owner", "--single-transaction", str(source)],
            env,
        )


def _swap_media(source: Path) -> int:
    media_root = Path(settings.MEDIA_ROOT)
    media_root.parent.mkdir(parents=True, exist_ok=True)
    incoming = media_root.parent / f".{media_root.name}.restore-{uuid.uuid4().hex[:8]}"
    count = len(_copy_tree(source, incoming))
    outgoing = media_root.parent / f".{media_root.name}.old-{uuid.uuid4().hex[:8]}"
    if media_root.exists():
        media_root.rename(outgoing)
    incoming.rename(media_root)
    shutil.rmtree(outgoing, ignore_errors=True)
    return count


def backup_restore(*, directory: Path) -> BackupResult:
    """Replace the database and the media by the backup in `directory` (checked first)."""
    start = time.monotonic()
    directory = Path(directory).resolve()
    manifest = backup_verify(directory=directory)
    vendor, settings_dict = _database()
    if manifest["vendor"] != vendor:
        raise BackupError(
            f"Bản sao lưu của {manifest['vendor']} không khôi phục được vào {vendor}."
        )
    try:
        served = content_version()[0]
    except DatabaseError:  # the database being replaced may be the broken part
        served = 0
    _restore_database(vendor, settings_dict, directory / manifest["database"]["file"])
    media = _swap_media(directory / MEDIA)
    caches["default"].clear()  # pages and lookups cached from the database just replaced
    content_version_advance_past(served)  # and no page kept elsewhere passes for a new one
    total = sum(path.stat().st_size for path in directory.rglob("*") if path.is_file())
    return BackupResult(directory, vendor, media, total, round(time.monotonic() - start, 2))
