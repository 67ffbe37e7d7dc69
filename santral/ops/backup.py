"""Backup and restore of the database and the uploaded files (docs/deploy.md "Backups").

One archive (.tar.gz) holds `manifest.json`, the database and `media/`:
- PostgreSQL: `pg_dump --format=custom` (a consistent snapshot taken while the site runs);
  restore with `pg_restore --clean --single-transaction`, so a failed restore changes nothing.
  Rows load before the append-only triggers of the ledger and audit trail are created, so the
  restored rows are exactly the dumped ones and the triggers guard them again afterwards.
- SQLite: SQLite's online backup API, page by page (triggers included), both ways.
- Uploads on the local disk (MEDIA_ROOT) are archived and restored (files that were not in
  the backup are removed). Uploads on S3-compatible storage are not: keep them with the
  bucket's versioning or replication (the archive's manifest says which).
"""

import io
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from pathlib import Path

from django.conf import settings
from django.core.files.storage import FileSystemStorage, storages
from django.db import connections
from django.utils import timezone

FORMAT = 1


class BackupError(Exception):
    pass


def _pg_env(db: dict) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        {
            "PGHOST": str(db.get("HOST") or "127.0.0.1"),
            "PGPORT": str(db.get("PORT") or 5432),
            "PGUSER": str(db.get("USER") or ""),
            "PGDATABASE": str(db["NAME"]),
        }
    )
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = str(db["PASSWORD"])
    return env


def _tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        raise BackupError(
            f"{name} bulunamadı: PostgreSQL istemci araçlarını kurun "
            "(apt install postgresql-client)."
        )
    return path


def _run(args: list[str], env: dict[str, str]) -> None:
    result = subprocess.run(args, env=env, capture_output=True, text=True, check=False)  # noqa: S603
    if result.returncode != 0:
        raise BackupError(f"{Path(args[0]).name}: {result.stderr.strip()[:2000]}")


def _media_storage() -> FileSystemStorage | None:
    storage = storages["default"]
    return storage if isinstance(storage, FileSystemStorage) else None


def _dump_database(alias: str, target: Path) -> str:
    connection = connections[alias]
    if connection.vendor == "postgresql":
        _run(
            [
                _tool("pg_dump"),
                "--format=custom",
                "--no-owner",
                "--no-privileges",
                "-f",
                str(target),
            ],
            _pg_env(connection.settings_dict),
        )
        return "postgresql"
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        destination = sqlite3.connect(target)
        try:
            connection.connection.backup(destination)
        finally:
            destination.close()
        return "sqlite"
    raise BackupError(f"{connection.vendor} desteklenmiyor.")


def backup_create(output: Path, *, alias: str = "default") -> Path:
    """Write the archive to `output`; returns its path."""
    output.parent.mkdir(parents=True, exist_ok=True)
    media = _media_storage()
    with tempfile.TemporaryDirectory() as work:
        dump = Path(work) / "database"
        vendor = _dump_database(alias, dump)
        manifest = {
            "format": FORMAT,
            "created": timezone.now().isoformat(),
            "database": vendor,
            "media": "included" if media else "object storage (not included)",
        }
        partial = output.with_name(output.name + ".partial")
        with tarfile.open(partial, "w:gz") as archive:
            data = json.dumps(manifest, indent=2).encode()
            info = tarfile.TarInfo("manifest.json")
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))
            archive.add(dump, arcname="database")
            if media and Path(media.location).is_dir():
                archive.add(media.location, arcname="media")
        partial.replace(output)  # never a half-written archive under the final name
    return output


def _safe_members(archive: tarfile.TarFile) -> list[tarfile.TarInfo]:
    members = []
    for member in archive.getmembers():
        name = Path(member.name)
        if name.is_absolute() or ".." in name.parts or not (member.isfile() or member.isdir()):
            raise BackupError(f"Arşivde beklenmeyen kayıt: {member.name}")
        members.append(member)
    return members


def _restore_database(alias: str, dump: Path, vendor: str) -> None:
    connection = connections[alias]
    if connection.vendor != vendor:
        raise BackupError(
            f"Yedek {vendor} veritabanından alınmış; bu kurulum {connection.vendor} kullanıyor."
        )
    if vendor == "postgresql":
        env = _pg_env(connection.settings_dict)
        connection.close()  # pg_restore --clean needs the tables free of our locks
        _run(
            [
                _tool("pg_restore"),
                "--clean",
                "--if-exists",
                "--no-owner",
                "--no-privileges",
                "--single-transaction",
                "--exit-on-error",
                "-d",
                env["PGDATABASE"],
                str(dump),
            ],
            env,
        )
        return
    connection.ensure_connection()
    source = sqlite3.connect(dump)
    try:
        source.backup(connection.connection)
    finally:
        source.close()


def _restore_media(extracted: Path) -> None:
    media = _media_storage()
    if media is None:
        return
    location = Path(media.location)
    location.mkdir(parents=True, exist_ok=True)
    for child in location.iterdir():
        if child.is_dir() and not child.is_symlink():
            shutil.rmtree(child)
        else:
            child.unlink()
    if extracted.is_dir():
        for child in extracted.iterdir():
            shutil.move(str(child), location / child.name)


def backup_restore(archive_path: Path, *, alias: str = "default") -> dict:
    """Replace the database and the uploads with the archive's; returns its manifest."""
    with tempfile.TemporaryDirectory() as work, tarfile.open(archive_path, "r:gz") as archive:
        members = _safe_members(archive)
        names = {member.name for member in members}
        if "manifest.json" not in names or "database" not in names:
            raise BackupError("Bu bir Santral yedeği değil (manifest.json ya da database yok).")
        archive.extractall(work, members=members, filter="data")
        manifest = json.loads((Path(work) / "manifest.json").read_text())
        if manifest.get("format") != FORMAT:
            raise BackupError(f"Bilinmeyen yedek biçimi: {manifest.get('format')}")
        _restore_database(alias, Path(work) / "database", manifest["database"])
        if manifest.get("media") == "included":
            _restore_media(Path(work) / "media")
    return manifest


def default_backup_path() -> Path:
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M%S")
    directory = Path(os.environ.get("SANTRAL_BACKUP_DIR", settings.BASE_DIR / "var" / "backups"))
    return directory / f"santral-{stamp}.tar.gz"
