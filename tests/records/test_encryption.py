"""Sensitive fields encrypted at rest (records/fields.py), their keys (records/keys.py) and rotation."""

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.db import connection, transaction
from django.urls import reverse

from vigil.core import crypto
from vigil.records import keys
from vigil.records.fields import Sealed
from vigil.records.models import SENSITIVE_FIELDS, Person
from vigil.records.rotation import sensitive_columns, values_by_key, values_rotate

VIGIL = str(Path(sys.executable).with_name("vigil"))


@pytest.fixture
def key_file(tmp_path, settings):
    """Give the test a key file of its own (none yet: it is made on the first write)."""
    settings.FIELD_KEYS_FILE = tmp_path / "field-keys"
    return settings.FIELD_KEYS_FILE


def stored(table: str, column: str, row_id: int) -> str:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {column} FROM {table} WHERE id = %s", [row_id])  # noqa: S608
        return cursor.fetchone()[0]


def people(count: int, prefix: str = "tel. +7 701 000") -> list[Person]:
    with transaction.atomic():
        return [Person.objects.create(name=f"Person {n}", contact_details=f"{prefix} {n:04}") for n in range(count)]


def test_every_declared_sensitive_field_is_encrypted_and_every_encrypted_field_declared():
    declared = {(label, name) for label, names in SENSITIVE_FIELDS.items() for name in names}
    assert declared == {(column.model._meta.label, column.field.name) for column in sensitive_columns()}
    assert len(declared) >= 4


@pytest.mark.django_db
def test_a_sensitive_value_is_stored_as_an_envelope_and_read_back_as_text(key_file):
    person = Person.objects.create(name="Aliya", contact_details="Сестра: +7 777 123 45 67")
    raw = stored("records_person", "contact_details", person.pk)
    assert raw.startswith("enc1:") and "777" not in raw
    assert Person.objects.get(pk=person.pk).contact_details == "Сестра: +7 777 123 45 67"
    assert key_file.stat().st_mode & 0o777 == 0o600


@pytest.mark.django_db
def test_an_empty_value_stays_empty_and_needs_no_key(key_file):
    person = Person.objects.create(name="Nobody")
    assert stored("records_person", "contact_details", person.pk) == ""
    assert Person.objects.get(pk=person.pk).contact_details == ""
    assert not key_file.exists()


@pytest.mark.django_db
def test_values_and_values_list_give_placeholders_not_text(key_file):
    Person.objects.create(name="Aliya", contact_details="secret address")
    value = Person.objects.values_list("contact_details", flat=True).get()
    assert isinstance(value, Sealed) and str(value) == "[encrypted]"


@pytest.mark.django_db
def test_an_envelope_copied_to_another_row_fails_closed(key_file):
    first, second = people(2)
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE records_person SET contact_details = %s WHERE id = %s",
            [stored("records_person", "contact_details", first.pk), second.pk],
        )
    with pytest.raises(crypto.NotOpened, match=f"records_person/contact_details/{second.pk}"):
        _ = Person.objects.get(pk=second.pk).contact_details


@pytest.mark.django_db
def test_plain_text_written_behind_vigils_back_is_refused_not_shown(key_file):
    person = Person.objects.create(name="Aliya")
    with connection.cursor() as cursor:
        cursor.execute("UPDATE records_person SET contact_details = 'typed in by SQL' WHERE id = %s", [person.pk])
    with pytest.raises(crypto.NotOpened, match="not an encrypted envelope"):
        _ = Person.objects.get(pk=person.pk).contact_details


@pytest.mark.django_db
def test_a_missing_key_file_fails_with_what_to_do_and_is_not_recreated(key_file):
    person = Person.objects.create(name="Aliya", contact_details="secret")
    key_file.unlink()
    with pytest.raises(crypto.KeyMissing, match="does not exist: restore it from your backup"):
        _ = Person.objects.get(pk=person.pk).contact_details
    assert not key_file.exists()


@pytest.mark.django_db
def test_a_different_key_under_the_same_id_fails_closed(key_file):
    person = Person.objects.create(name="Aliya", contact_details="secret")
    key_id = keys.keyring().newest
    crypto.write_key_file(key_file, crypto.Keyring({key_id: os.urandom(32)}))
    with pytest.raises(crypto.NotOpened, match="fails authentication"):
        _ = Person.objects.get(pk=person.pk).contact_details


@pytest.mark.django_db
def test_keys_may_come_from_the_environment(key_file, monkeypatch):
    monkeypatch.setenv(keys.ENVIRONMENT, f"env1:{crypto.format_keyring(crypto.add_key(crypto.Keyring())).split()[-1]}")
    person = Person.objects.create(name="Aliya", contact_details="secret")
    assert stored("records_person", "contact_details", person.pk).startswith("enc1:env1:")
    assert not key_file.exists()


@pytest.mark.django_db
def test_update_and_bulk_create_are_refused_and_write_nothing(key_file):
    (person,) = people(1)
    with pytest.raises(crypto.CryptoError, match=r"save\(\)"), transaction.atomic():
        Person.objects.filter(pk=person.pk).update(contact_details="overwritten")
    with pytest.raises(crypto.CryptoError, match="not bulk_create"), transaction.atomic():
        Person.objects.bulk_create([Person(name="Bulk", contact_details="lost?")])
    assert Person.objects.get(pk=person.pk).contact_details == "tel. +7 701 000 0000"
    assert not Person.objects.filter(name="Bulk").exists()


@pytest.mark.django_db
def test_an_unread_value_is_saved_unchanged_and_a_copied_record_gets_its_own_envelope(key_file):
    (person,) = people(1)
    before = stored("records_person", "contact_details", person.pk)
    loaded = Person.objects.get(pk=person.pk)
    loaded.name = "Renamed"
    loaded.save()
    assert stored("records_person", "contact_details", person.pk) == before
    loaded.pk = None
    loaded.save()
    assert Person.objects.get(pk=loaded.pk).contact_details == "tel. +7 701 000 0000"


@pytest.mark.django_db
def test_rotation_interrupted_after_two_batches_finishes_on_a_rerun(key_file):
    people(7)
    old = keys.keyring().newest
    new = keys.keyring_add()
    batches = []

    def stop_after_two(rotated, remaining):
        batches.append((rotated, remaining))
        if len(batches) == 2:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        values_rotate(batch_size=3, after_batch=stop_after_two)
    assert batches == [(3, 4), (6, 1)]
    assert values_by_key() == {new: 6, old: 1}
    assert values_rotate(batch_size=3) == 1
    assert values_by_key() == {new: 7}
    assert values_rotate(batch_size=3) == 0
    assert [p.contact_details for p in Person.objects.order_by("pk")] == [f"tel. +7 701 000 {n:04}" for n in range(7)]


def subprocess_env(key_file: Path) -> dict[str, str]:
    settings = connection.settings_dict
    if connection.vendor == "sqlite":
        url = f"sqlite:///{settings['NAME']}"
    else:
        host = f"{settings['HOST'] or '127.0.0.1'}:{settings['PORT'] or 5432}"
        url = f"postgres://{settings['USER']}@{host}/{settings['NAME']}"
    return {**os.environ, "DATABASE_URL": url, "VIGIL_FIELD_KEYS_FILE": str(key_file)}


@pytest.mark.django_db(transaction=True)
def test_rotation_killed_midway_leaves_every_value_readable_and_a_rerun_finishes(key_file):
    # More batches than a pipe holds progress lines (64 KiB / ~30 bytes): the command cannot finish
    # before it is killed, however slowly this test reads, because it blocks on a full pipe.
    people(2500)
    old, new = keys.keyring().newest, keys.keyring_add()
    rotate = [VIGIL, "keys", "rotate", "--batch-size", "1"]
    process = subprocess.Popen(rotate, env=subprocess_env(key_file), stdout=subprocess.PIPE, text=True)
    for _ in range(5):
        assert process.stdout.readline().startswith("re-encrypted ")
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=60)
    process.stdout.close()

    midway = values_by_key()
    assert midway[new] >= 5 and midway[old] > 0, f"the rotation ended before it was killed: {midway}"
    assert sum(midway.values()) == 2500
    expected = [f"tel. +7 701 000 {n:04}" for n in range(2500)]
    assert [p.contact_details for p in Person.objects.order_by("pk")] == expected

    rerun = subprocess.run(rotate[:3], env=subprocess_env(key_file), capture_output=True, text=True, timeout=300)
    assert rerun.returncode == 0, rerun.stderr
    assert f"done: {midway[old]} values re-encrypted" in rerun.stdout
    assert values_by_key() == {new: 2500}
    assert [p.contact_details for p in Person.objects.order_by("pk")] == expected


@pytest.mark.django_db(transaction=True)
def test_keys_list_shows_each_key_with_its_values_and_flags_a_missing_one(key_file):
    people(3)
    first = keys.keyring().newest
    listed = subprocess.run([VIGIL, "keys", "list"], env=subprocess_env(key_file), capture_output=True, text=True)
    assert (listed.returncode, listed.stdout) == (0, f"{first}  3 values  (newest)\n")
    crypto.write_key_file(key_file, crypto.add_key(crypto.Keyring()))
    listed = subprocess.run([VIGIL, "keys", "list"], env=subprocess_env(key_file), capture_output=True, text=True)
    assert listed.returncode == 1
    assert f"{first}  3 values  MISSING from the key file {key_file}" in listed.stderr


@pytest.mark.django_db
def test_the_admin_shows_and_saves_a_sensitive_field_encrypted(key_file, client):
    client.force_login(get_user_model().objects.create_superuser("operator", password="x-long-enough-password"))
    response = client.post(
        reverse("admin:records_person_add"),
        {
            "name": "Gulnara",
            "status": "draft",
            "confidentiality": "internal",
            "contact_details": "Lawyer: +7 705 111 22 33",
            "aliases-TOTAL_FORMS": "0", "aliases-INITIAL_FORMS": "0",
            "affiliations-TOTAL_FORMS": "0", "affiliations-INITIAL_FORMS": "0",
        },
    )  # fmt: skip
    assert response.status_code == 302, response.content.decode()[:2000]
    person = Person.objects.get(name="Gulnara")
    assert stored("records_person", "contact_details", person.pk).startswith("enc1:")
    page = client.get(reverse("admin:records_person_change", args=[person.pk])).content.decode()
    assert "Lawyer: +7 705 111 22 33" in page
