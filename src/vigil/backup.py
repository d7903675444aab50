"""Write and restore encrypted backups: the database, the field keys and the archived originals.

A backup is one age-format file (age-encryption.org/v1) holding a tar archive:
`manifest.json` (format, database engine, migrations, row counts, a SHA-256 per member),
the database (`database.sqlite3`, an online-backup snapshot, or `database.json`, Django's
serialisation of every table in one repeatable-read transaction), `field-keys` (so that the
backup restores on a new machine; age protects it) and `archive/<sha256>` for each original.
Restoring decrypts and checks everything in memory before it writes anything.
docs/decisions/2026-11-26-encryption.md gives the reasons.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import json
import os
import secrets
import sqlite3
import tarfile
from dataclasses import dataclass
from datetime import UTC, datetime, time
from pathlib import Path
from typing import Any

import pyrage
from django.apps import apps
from django.conf import settings
from django.core import serializers
from django.core.management import call_command
from django.core.management.color import no_style
from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection, models, transaction
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.recorder import MigrationRecorder

from vigil.audit.chain import KEY_ENVIRONMENT as AUDIT_KEY_ENVIRONMENT
from vigil.audit.chain import KEY_FILE_NAME as AUDIT_KEY_FILE_NAME
from vigil.core import crypto
from vigil.core.archive import Archive, ArchiveError
from vigil.records import keys
from vigil.records.models import Term

FORMAT = "vigil-backup/1"
AGE_HEADER = b"age-encryption.org/v1\n"
# Rebuilt by `migrate` on the restored side, or worthless there (sessions end with a restore).
_NOT_BACKED_UP = {"contenttypes.ContentType", "auth.Permission", "sessions.Session", "migrations.Migration"}


class BackupError(Exception):
    """A backup that cannot be written or restored; the message says why and what to do."""


@dataclass(frozen=True)
class Written:
    path: Path
    rows: int
    files: int
    size: int


@dataclass(frozen=True)
class Restored:
    rows: int
    files: int


def backup_write(*, to: Path, recipients: list[str], passphrase: str | None = None) -> Written:
    """Write an encrypted backup to a new file, for age recipients (age1…) or a passphrase."""
    encrypt = _encrypter(recipients, passphrase)
    if to.exists():
        raise BackupError(f"{to} already exists: choose a new file name (a backup never overwrites one)")
    manifest: dict[str, Any] = {
        "format": FORMAT,
        "created_at": datetime.now(UTC).isoformat(),
        "engine": connection.vendor,
        "migrations": _migrations(),
        "members": {},
    }
    members: dict[str, bytes] = {}
    if connection.vendor == "sqlite":
        members["database.sqlite3"], manifest["rows"] = _snapshot_sqlite()
    else:
        members["database.json"], manifest["rows"] = _snapshot_json()
    with contextlib.suppress(crypto.KeyMissing):  # none when no sensitive value was ever written
        members["field-keys"] = crypto.format_keyring(keys.keyring()).encode("ascii")
    audit_key = _audit_key_file()
    if audit_key.exists():  # without it a restored trail could be neither verified nor continued
        members["audit-key"] = audit_key.read_bytes()
    archive = Archive(Path(settings.ARCHIVE_DIR))
    for sha256 in _archived_hashes(archive):
        try:
            members[f"archive/{sha256}"] = archive.get(sha256)
        except ArchiveError as error:
            raise BackupError(f"{error}; nothing was written") from None
    manifest["members"] = {name: hashlib.sha256(content).hexdigest() for name, content in members.items()}
    sealed = encrypt(_tar({"manifest.json": json.dumps(manifest, indent=1).encode(), **members}))
    _write_new(to, sealed)
    originals = sum(name.startswith("archive/") for name in members)
    return Written(to, sum(manifest["rows"].values()), originals, len(sealed))


def backup_restore(*, source: Path, identities: list[str], passphrase: str | None = None) -> Restored:
    """Restore a backup into this installation, which must hold no records, users or originals."""
    members = _open(source, identities, passphrase)
    manifest = json.loads(members.pop("manifest.json"))
    if manifest["engine"] != connection.vendor:
        raise BackupError(
            f"this backup holds a {manifest['engine']} database and this installation uses {connection.vendor}: "
            "restore it into an installation of the same kind; nothing was restored"
        )
    unknown = set(manifest["migrations"]) - {f"{app}.{name}" for app, name in MigrationLoader(None).disk_migrations}
    if unknown:
        raise BackupError(
            f"this backup was made by a newer Vigil (migrations {', '.join(sorted(unknown)[:3])}): "
            "upgrade Vigil first; nothing was restored"
        )
    _refuse_unless_empty()
    archive = Archive(Path(settings.ARCHIVE_DIR))
    originals = {name: content for name, content in members.items() if name.startswith("archive/")}
    key_file = keys.key_file()
    keys_before = key_file.read_bytes() if key_file.exists() else None
    audit_key = _audit_key_file()
    audit_key_written = False
    try:
        if "field-keys" in members:
            keys.keyring_install(crypto.parse_keyring(members["field-keys"].decode("ascii"), where="the backup"))
        if "audit-key" in members and not audit_key.exists() and not os.environ.get(AUDIT_KEY_ENVIRONMENT):
            _write_new(audit_key, members["audit-key"])
            audit_key_written = True
        for content in originals.values():
            archive.put(content)
        if "database.sqlite3" in members:
            _restore_sqlite(members["database.sqlite3"])  # one step of the backup API: all or nothing
        else:
            _restore_json(members["database.json"])  # one transaction
    except BaseException:
        _undo(archive, originals, key_file, keys_before)  # leave the installation empty, as it was
        if audit_key_written:
            audit_key.unlink(missing_ok=True)
        raise
    call_command("migrate", interactive=False, verbosity=0)
    counts = _row_counts()
    for label, expected in manifest["rows"].items():
        if counts.get(label, 0) != expected:
            raise BackupError(f"after the restore {label} has {counts.get(label, 0)} rows, the backup {expected}")
    return Restored(sum(manifest["rows"].values()), len(originals))


def _undo(archive: Archive, originals: dict[str, bytes], key_file: Path, keys_before: bytes | None) -> None:
    for name in originals:
        archive.path(name.removeprefix("archive/")).unlink(missing_ok=True)
    if keys_before is None:
        key_file.unlink(missing_ok=True)
    else:
        key_file.write_bytes(keys_before)


def _encrypter(recipients: list[str], passphrase: str | None) -> Any:
    if bool(recipients) == bool(passphrase):
        raise BackupError("give either age recipients (--recipient age1…) or a passphrase, not both or neither")
    if passphrase:
        return lambda data: pyrage.passphrase.encrypt(data, passphrase)
    parsed = []
    for recipient in recipients:
        try:
            parsed.append(pyrage.x25519.Recipient.from_str(recipient.strip()))
        except pyrage.RecipientError:
            raise BackupError(f"{recipient!r} is not an age public key (age1…)") from None
    return lambda data: pyrage.encrypt(data, parsed)


def _open(source: Path, identities: list[str], passphrase: str | None) -> dict[str, bytes]:
    """Decrypt and unpack a backup in memory, checking every member against the manifest."""
    try:
        sealed = source.read_bytes()
    except OSError as error:
        raise BackupError(f"cannot read {source}: {error.strerror}") from None
    if not sealed.startswith(AGE_HEADER):
        raise BackupError(f"{source} is not an age-encrypted Vigil backup; nothing was restored")
    by_passphrase = b"\n-> scrypt " in sealed[:200]
    if by_passphrase and not passphrase:
        raise BackupError(f"{source} is encrypted with a passphrase: give it (--passphrase-file); nothing was restored")
    if not by_passphrase and not identities:
        raise BackupError(f"{source} is encrypted for age keys: give an identity file (--identity)")
    try:
        if by_passphrase:
            plain = pyrage.passphrase.decrypt(sealed, passphrase)
        else:
            plain = pyrage.decrypt(sealed, [_identity(text) for text in identities])
    except pyrage.DecryptError:
        raise BackupError(
            f"{source} cannot be decrypted: the key or passphrase is wrong, or the file was damaged "
            "(altered or cut short); nothing was restored"
        ) from None
    try:
        with tarfile.open(fileobj=io.BytesIO(plain), mode="r:") as tar:
            members = {m.name: tar.extractfile(m).read() for m in tar.getmembers() if m.isfile()}  # type: ignore[union-attr]
        manifest = json.loads(members["manifest.json"])
    except (tarfile.TarError, KeyError, ValueError):
        raise BackupError(f"{source} decrypts but is not a Vigil backup; nothing was restored") from None
    if manifest.get("format") != FORMAT:
        raise BackupError(f"{source} is a backup of format {manifest.get('format')!r}, not {FORMAT}")
    listed = manifest["members"]
    if set(listed) != set(members) - {"manifest.json"} or any(
        hashlib.sha256(members[name]).hexdigest() != digest for name, digest in listed.items()
    ):
        raise BackupError(f"{source}: its contents do not match its manifest; nothing was restored")
    return members


def _identity(text: str) -> Any:
    lines = [line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")]
    try:
        return pyrage.x25519.Identity.from_str(lines[0])
    except (IndexError, pyrage.IdentityError):
        raise BackupError("the identity file holds no age secret key (AGE-SECRET-KEY-1…)") from None


def _backed_up_models() -> list[type[models.Model]]:
    app_list = [(config, None) for config in apps.get_app_configs()]
    return [
        model
        for model in serializers.sort_dependencies(app_list, allow_cycles=True)
        if model._meta.managed and not model._meta.proxy and model._meta.label not in _NOT_BACKED_UP
    ]


def _row_counts() -> dict[str, int]:
    return {model._meta.label: model._base_manager.count() for model in _backed_up_models()}


def _migrations() -> list[str]:
    return sorted(f"{app}.{name}" for app, name in MigrationRecorder(connection).applied_migrations())


def _snapshot_sqlite() -> tuple[bytes, dict[str, int]]:
    """Copy the live database page by page (SQLite's online backup) into memory, never to disk."""
    connection.ensure_connection()
    copy = sqlite3.connect(":memory:")
    try:
        connection.connection.backup(copy)
        tables = {name for (name,) in copy.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        counts = {
            model._meta.label: copy.execute(f'SELECT count(*) FROM "{model._meta.db_table}"').fetchone()[0]  # noqa: S608  # nosec B608: a table name of our own models, no input
            for model in _backed_up_models()
            if model._meta.db_table in tables
        }
        return _rollback_journal(copy.serialize()), counts
    finally:
        copy.close()


def _snapshot_json() -> tuple[bytes, dict[str, int]]:
    """Serialise every table in one read-only, repeatable-read transaction: one consistent moment."""
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        counts = _row_counts()
        objects = (obj for model in _backed_up_models() for obj in model._base_manager.order_by("pk").iterator())
        rows = serializers.serialize("python", objects, use_natural_foreign_keys=True)
    return json.dumps(rows, cls=_ExactEncoder, ensure_ascii=False).encode("utf-8"), counts


class _ExactEncoder(DjangoJSONEncoder):
    """Keep times to the microsecond (Django's JSON serialiser cuts them to milliseconds)."""

    def default(self, o: Any) -> Any:
        if isinstance(o, datetime | time):
            return o.isoformat()
        return super().default(o)


def _archived_hashes(archive: Archive) -> list[str]:
    if not archive.root.exists():
        return []
    return sorted(path.name for path in archive.root.glob("*/*/*") if len(path.name) == 64)


def _audit_key_file() -> Path:
    return Path(settings.DATA_DIR) / AUDIT_KEY_FILE_NAME


def _shipped(model: type[models.Model]) -> bool:
    """Tell whether `migrate` itself fills a model: the vocabularies, the role groups (records/roles.py)."""
    return issubclass(model, Term) or model._meta.label == "auth.Group"


def _refuse_unless_empty() -> None:
    """Refuse an installation with any row but the shipped vocabularies, or any original."""
    tables = set(connection.introspection.table_names())
    held = [
        f"{model._meta.label} ({model._base_manager.count()})"
        for model in _backed_up_models()
        if model._meta.db_table in tables and not _shipped(model) and model._base_manager.exists()
    ]
    archive = Path(settings.ARCHIVE_DIR)
    if archive.exists() and any(path.is_file() for path in archive.rglob("*")):
        held.append(f"originals in {archive}")
    if held:
        raise BackupError(
            "this installation is not empty: it holds " + ", ".join(held) + "; restore into a new data directory "
            "and an empty database; nothing was restored"
        )


def _restore_sqlite(database: bytes) -> None:
    """Write the snapshot into the live database file through the online backup API (WAL-safe)."""
    snapshot = sqlite3.connect(":memory:")
    try:
        snapshot.deserialize(_rollback_journal(database))
        connection.ensure_connection()
        snapshot.backup(connection.connection)
    finally:
        snapshot.close()
    connection.close()


def _rollback_journal(database: bytes) -> bytes:
    """Mark a database image as not in WAL mode (header bytes 18-19), which memory databases cannot open."""
    return database[:18] + b"\x01\x01" + database[20:] if len(database) >= 100 else database


def _restore_json(database: bytes) -> None:
    """Load the serialised rows in one transaction, keeping their ids, then move the id sequences on."""
    call_command("migrate", interactive=False, verbosity=0)
    restored: set[type[models.Model]] = set()
    with transaction.atomic():
        for model in _backed_up_models():
            if _shipped(model):  # the vocabularies and role groups `migrate` added give way to the backup's
                model._base_manager.all().delete()
        forward = []
        rows = json.loads(database.decode("utf-8"))
        for item in serializers.deserialize("python", rows, handle_forward_references=True):
            item.save()
            restored.add(type(item.object))
            if item.deferred_fields:
                forward.append(item)
        for item in forward:
            item.save_deferred_fields()
        with connection.cursor() as cursor:
            for statement in connection.ops.sequence_reset_sql(no_style(), list(restored)):
                cursor.execute(statement)


def _tar(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w:", format=tarfile.PAX_FORMAT) as tar:
        for name, content in members.items():
            info = tarfile.TarInfo(name)
            info.size, info.mode = len(content), 0o600
            tar.addfile(info, io.BytesIO(content))
    return buffer.getvalue()


def _write_new(path: Path, content: bytes) -> None:
    temporary = path.with_name(f".{path.name}.{secrets.token_hex(4)}")
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(descriptor, "wb") as out:
            out.write(content)
            out.flush()
            os.fsync(out.fileno())
        os.link(temporary, path)  # fails rather than replace a file made meanwhile
    finally:
        temporary.unlink(missing_ok=True)
