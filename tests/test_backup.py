"""Encrypted backups (vigil/backup.py): round trips on SQLite and PostgreSQL, and failing closed."""

import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pyrage
import pytest
from django.conf import settings
from django.core import serializers
from django.core.management import call_command
from django.db import connection

from tests.builders import report_dict
from vigil.backup import BackupError, _backed_up_models, backup_restore, backup_write
from vigil.core.archive import Archive
from vigil.core.report import parse_report
from vigil.records import keys
from vigil.records.merging import people_merge
from vigil.records.models import Act, Involvement, Person, Source
from vigil.records.services import report_import, user_create

VIGIL = str(Path(sys.executable).with_name("vigil"))
PASSPHRASE = "correct horse battery staple, Almaty edition"


@pytest.fixture
def installation(tmp_path, settings):
    """Give the test its own key file and archive folder."""
    settings.FIELD_KEYS_FILE = tmp_path / "data" / "field-keys"
    settings.ARCHIVE_DIR = tmp_path / "data" / "archive"
    settings.FIELD_KEYS_FILE.parent.mkdir()
    return settings


@pytest.fixture
def identity():
    return pyrage.x25519.Identity.generate()


def fill() -> dict[str, bytes]:
    """Write records with every kind of sensitive value, a login and two archived originals."""
    user_create(username="editor", password="a-long-enough-password")
    source = report_import(report=parse_report(report_dict()))
    source.informant = "Informant: the victim's cousin, Signal only"
    source.save()
    act = Act.objects.order_by("pk").first()
    act.place_of_detention = "Temporary detention centre No. 1, cell 14"
    act.save()
    involvement = Involvement.objects.order_by("pk").first()
    involvement.testimony = "«They took my phone at the door», she said."
    involvement.save()
    person = Person.objects.order_by("pk").first()
    person.contact_details = "Mother: +7 700 555 01 02"
    person.save()
    # a merge into a later record: the restore meets the merged person before the one it points to
    people_merge(kept=Person.objects.order_by("pk").last(), merged=person, by=None)
    archive = Archive(Path(settings.ARCHIVE_DIR))
    originals = [b"<html>first original</html>", "второй оригинал".encode()]
    return {archive.put(content).sha256: content for content in originals}


def state() -> dict[str, list]:
    """Return every backed-up row, sensitive values as their plain text, by model."""
    return {
        model._meta.label: serializers.serialize(
            "python", model._base_manager.order_by("pk"), use_natural_foreign_keys=True
        )
        for model in _backed_up_models()
    }


def archived(settings) -> dict[str, bytes]:
    root = Path(settings.ARCHIVE_DIR)
    return {path.name: path.read_bytes() for path in root.glob("*/*/*")} if root.exists() else {}


def wipe(settings) -> None:
    """Make this installation an empty one: no rows, no originals, no field keys."""
    call_command("flush", interactive=False, verbosity=0)
    shutil.rmtree(settings.ARCHIVE_DIR, ignore_errors=True)
    Path(settings.FIELD_KEYS_FILE).unlink()


@pytest.mark.django_db(transaction=True)
def test_a_backup_restores_record_by_record_and_file_by_file(installation, identity, tmp_path):
    originals = fill()
    before, files = state(), archived(installation)
    assert files == originals and before["records.Person"]
    key_ring = keys.keyring()

    written = backup_write(to=tmp_path / "vigil.age", recipients=[str(identity.to_public())])
    assert written.files == 2 and written.rows == sum(len(rows) for rows in before.values())
    assert (tmp_path / "vigil.age").stat().st_mode & 0o777 == 0o600
    wipe(installation)
    assert Person.objects.count() == 0

    restored = backup_restore(source=tmp_path / "vigil.age", identities=[str(identity)])

    assert (restored.rows, restored.files) == (written.rows, 2)
    assert state() == before
    assert archived(installation) == files
    assert keys.keyring().keys == key_ring.keys
    assert Path(installation.FIELD_KEYS_FILE).stat().st_mode & 0o777 == 0o600
    assert Person.objects.order_by("pk").first().contact_details == "Mother: +7 700 555 01 02"
    assert Person.objects.order_by("pk").first().merged_into == Person.objects.order_by("pk").last()
    restored_source = Source.objects.get()
    restored_source.informant = "changed after the restore"
    restored_source.save()  # the restored installation writes new values too
    assert Source.objects.get().informant == "changed after the restore"


@pytest.mark.django_db(transaction=True)
def test_a_passphrase_backup_restores_and_a_wrong_passphrase_restores_nothing(installation, tmp_path):
    fill()
    before = state()
    backup_write(to=tmp_path / "vigil.age", recipients=[], passphrase=PASSPHRASE)
    wipe(installation)

    with pytest.raises(BackupError, match="key or passphrase is wrong, or the file was damaged"):
        backup_restore(source=tmp_path / "vigil.age", identities=[], passphrase="not the passphrase")
    assert Person.objects.count() == 0 and archived(installation) == {}
    assert not Path(installation.FIELD_KEYS_FILE).exists()

    backup_restore(source=tmp_path / "vigil.age", identities=[], passphrase=PASSPHRASE)
    assert state() == before


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("damage", ["flip a byte in the middle", "flip the last byte", "cut the tail"])
def test_a_damaged_backup_fails_closed_and_writes_nothing(installation, identity, tmp_path, damage):
    fill()
    path = tmp_path / "vigil.age"
    backup_write(to=path, recipients=[str(identity.to_public())])
    content = bytearray(path.read_bytes())
    if damage == "cut the tail":
        del content[-100:]
    else:
        content[len(content) // 2 if "middle" in damage else -1] ^= 0x01
    path.write_bytes(bytes(content))
    wipe(installation)

    with pytest.raises(BackupError, match="cannot be decrypted: .* nothing was restored"):
        backup_restore(source=path, identities=[str(identity)])
    assert Person.objects.count() == 0 and Source.objects.count() == 0
    assert archived(installation) == {} and not Path(installation.FIELD_KEYS_FILE).exists()


@pytest.mark.django_db(transaction=True)
def test_a_wrong_identity_or_no_key_restores_nothing(installation, identity, tmp_path):
    fill()
    backup_write(to=tmp_path / "vigil.age", recipients=[str(identity.to_public())])
    wipe(installation)
    stranger = pyrage.x25519.Identity.generate()
    with pytest.raises(BackupError, match="cannot be decrypted"):
        backup_restore(source=tmp_path / "vigil.age", identities=[str(stranger)])
    with pytest.raises(BackupError, match="encrypted for age keys: give an identity file"):
        backup_restore(source=tmp_path / "vigil.age", identities=[], passphrase=PASSPHRASE)
    assert Person.objects.count() == 0 and archived(installation) == {}


@pytest.mark.django_db(transaction=True)
def test_a_restore_refuses_an_installation_that_holds_records(installation, identity, tmp_path):
    fill()
    backup_write(to=tmp_path / "vigil.age", recipients=[str(identity.to_public())])
    before = state()
    with pytest.raises(
        BackupError,
        match=r"not empty: it holds .*auth.User \(1\), .*records.Person \(2\).* originals in .*nothing was",
    ):
        backup_restore(source=tmp_path / "vigil.age", identities=[str(identity)])
    assert state() == before


@pytest.mark.django_db
def test_a_backup_never_overwrites_a_file_and_needs_exactly_one_kind_of_key(installation, identity, tmp_path):
    existing = tmp_path / "vigil.age"
    existing.write_bytes(b"an earlier backup")
    with pytest.raises(BackupError, match="already exists"):
        backup_write(to=existing, recipients=[str(identity.to_public())])
    assert existing.read_bytes() == b"an earlier backup"
    with pytest.raises(BackupError, match="either age recipients"):
        backup_write(to=tmp_path / "new.age", recipients=[], passphrase=None)
    with pytest.raises(BackupError, match="'age1nope' is not an age public key"):
        backup_write(to=tmp_path / "new.age", recipients=["age1nope"])
    assert not (tmp_path / "new.age").exists()


@pytest.mark.django_db
def test_a_file_that_is_not_a_backup_is_refused(installation, tmp_path):
    path = tmp_path / "notes.txt"
    path.write_text("shopping list", encoding="utf-8")
    with pytest.raises(BackupError, match="is not an age-encrypted Vigil backup"):
        backup_restore(source=path, identities=[], passphrase=PASSPHRASE)
    sealed = tmp_path / "other.age"
    sealed.write_bytes(pyrage.passphrase.encrypt(b"not a tar archive", PASSPHRASE))
    with pytest.raises(BackupError, match="decrypts but is not a Vigil backup"):
        backup_restore(source=sealed, identities=[], passphrase=PASSPHRASE)


@pytest.mark.skipif(os.environ.get("DATABASE_URL", "").startswith("postgres"), reason="a fresh SQLite installation")
@pytest.mark.django_db(transaction=True)
def test_the_commands_restore_into_a_new_data_directory(installation, identity, tmp_path):
    fill()
    database = connection.settings_dict["NAME"]
    source_env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{database}",
        "VIGIL_DATA_DIR": str(Path(installation.FIELD_KEYS_FILE).parent),
        "VIGIL_FIELD_KEYS_FILE": str(installation.FIELD_KEYS_FILE),
    }
    backup = tmp_path / "vigil.age"
    made = subprocess.run(
        [VIGIL, "backup", "--to", str(backup), "--recipient", str(identity.to_public())],
        env=source_env, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert made.returncode == 0, made.stderr
    assert made.stdout.startswith(f"wrote {backup}: ")

    new_dir = tmp_path / "new"
    identity_file = tmp_path / "identity.txt"
    identity_file.write_text(f"# the backup key\n{identity}\n", encoding="ascii")
    new_env = {key: value for key, value in os.environ.items() if key != "DATABASE_URL"} | {
        "VIGIL_DATA_DIR": str(new_dir)
    }
    restore = [VIGIL, "restore", str(backup), "--identity", str(identity_file)]
    done = subprocess.run(restore, env=new_env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert "restored" in done.stdout and "2 originals" in done.stdout

    with sqlite3.connect(new_dir / "vigil.sqlite3") as restored:
        assert restored.execute("SELECT name FROM records_person ORDER BY id").fetchall() == list(
            Person.objects.order_by("pk").values_list("name")
        )
    listed = subprocess.run([VIGIL, "keys", "list"], env=new_env, capture_output=True, text=True, timeout=120)
    assert listed.returncode == 0 and "4 values  (newest)" in listed.stdout

    again = subprocess.run(restore, env=new_env, capture_output=True, text=True, timeout=120)
    assert again.returncode == 1 and "this installation is not empty" in again.stderr
