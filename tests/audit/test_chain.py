"""The HMAC chain, tampered with by raw SQL as someone with the database but not the key would: each change is named."""

import pytest
from django.db import connection

from vigil.audit import chain
from vigil.audit.models import AuditEntry
from vigil.audit.selectors import chain_head, chain_verify
from vigil.audit.services import audit_key, record_event

TABLE = AuditEntry._meta.db_table


@pytest.fixture
def trail(db) -> list[AuditEntry]:
    """Write five entries: logins and changes of invented records."""
    return [
        record_event(actor=None, action="create", target=("records.person", n), fields={"name": f"Invented {n}"})
        for n in range(1, 6)
    ]


def sql(statement: str, params: list | None = None) -> None:
    with connection.cursor() as cursor:
        cursor.execute(statement.replace("{table}", connection.ops.quote_name(TABLE)), params or [])


def test_an_untouched_chain_holds_and_its_head_is_the_last_entry(trail):
    outcome = chain_verify(chain_head())

    assert (outcome.checked, outcome.broken) == (5, None)
    assert str(chain_head()) == f"5:{trail[-1].mac}"
    assert [e.sequence for e in AuditEntry.objects.order_by("sequence")] == [1, 2, 3, 4, 5]


def test_an_empty_trail_holds_and_has_head_zero(db):
    assert str(chain_head()) == "0:"
    assert chain_verify(chain.Head.parse("0:")).broken is None


@pytest.mark.parametrize(
    ("column", "value"),
    [
        ("fields", '{"name": "Someone else"}'),
        ("actor", "nobody"),
        ("action", "read"),
        ("target_id", "99"),
        ("ip", "10.0.0.9"),
    ],
)
def test_an_edited_entry_is_named(trail, column, value):
    sql(f"UPDATE {{table}} SET {column} = %s WHERE sequence = 3", [value])  # noqa: S608 (columns named by the test)

    outcome = chain_verify()

    assert outcome.checked == 2
    assert outcome.broken.sequence == 3
    assert "entry #3" in outcome.broken.message and "does not match its MAC" in outcome.broken.message


def test_an_edited_time_is_named(trail):
    sql("UPDATE {table} SET at = %s WHERE sequence = 4", [AuditEntry.objects.get(sequence=1).at])

    assert chain_verify().broken.sequence == 4


def test_a_removed_entry_is_named_by_its_missing_number(trail):
    sql("DELETE FROM {table} WHERE sequence = 2")

    outcome = chain_verify()

    assert (outcome.checked, outcome.broken.sequence) == (1, 2)
    assert outcome.broken.message == "entry #2 is missing: it was removed"


def test_a_removed_entry_with_the_rest_renumbered_is_named(trail):
    sql("DELETE FROM {table} WHERE sequence = 2")
    for sequence in (3, 4, 5):
        sql("UPDATE {table} SET sequence = %s WHERE sequence = %s", [sequence - 1, sequence])

    outcome = chain_verify()

    assert outcome.broken.sequence == 2 and "does not match its MAC" in outcome.broken.message


def test_an_entry_inserted_at_the_end_is_named(trail):
    forged = chain.Content(6, trail[-1].at, None, "", "delete", "records.person", "1", {}, [], "")
    sql(
        "INSERT INTO {table} (sequence, at, actor_id, actor, action, target_type, target_id, fields, redacted, ip, mac)"
        " VALUES (6, %s, NULL, '', 'delete', 'records.person', '1', '{}', '[]', '', %s)",
        [trail[-1].at, chain.mac(b"a key that is not the audit key, 32+ chars", forged, trail[-1].mac)],
    )

    outcome = chain_verify()

    assert (outcome.checked, outcome.broken.sequence) == (5, 6)


def test_an_entry_inserted_in_the_middle_is_named(trail):
    for sequence in (5, 4, 3):
        sql("UPDATE {table} SET sequence = %s WHERE sequence = %s", [sequence + 1, sequence])
    sql(
        "INSERT INTO {table} (sequence, at, actor_id, actor, action, target_type, target_id, fields, redacted, ip, mac)"
        " VALUES (3, %s, NULL, '', 'login', '', '', '{}', '[]', '', %s)",
        [trail[1].at, trail[2].mac],  # even a MAC copied from a real entry does not fit here
    )

    outcome = chain_verify()

    assert (outcome.checked, outcome.broken.sequence) == (2, 3)
    inserted = AuditEntry.objects.get(sequence=3)
    assert f"(row {inserted.pk})" in outcome.broken.message


def test_two_swapped_entries_are_named(trail):
    sql("UPDATE {table} SET sequence = 1000 WHERE sequence = 3")
    sql("UPDATE {table} SET sequence = 3 WHERE sequence = 4")
    sql("UPDATE {table} SET sequence = 4 WHERE sequence = 1000")

    outcome = chain_verify()

    assert (outcome.checked, outcome.broken.sequence) == (2, 3)
    assert f"(row {trail[3].pk})" in outcome.broken.message  # the row that was #4 now stands at #3


def test_a_cut_off_tail_holds_alone_and_is_caught_with_the_head_kept_elsewhere(trail):
    head = chain_head()
    sql("DELETE FROM {table} WHERE sequence >= 4")

    assert chain_verify().broken is None  # why the head must be kept where the server cannot reach
    outcome = chain_verify(head)

    assert (outcome.checked, outcome.broken.sequence) == (3, 4)
    assert outcome.broken.message == "entries #4 to #5 are missing: the chain was cut after #3"


def test_a_head_taken_earlier_still_verifies_after_more_entries(trail):
    head = chain_head()
    record_event(actor=None, action="login")

    assert chain_verify(head).broken is None


def test_a_tail_cut_and_written_again_does_not_match_the_head(trail):
    head = chain_head()
    sql("DELETE FROM {table} WHERE sequence >= 4")
    record_event(actor=None, action="create", target=("records.person", 4))
    record_event(actor=None, action="create", target=("records.person", 5))

    outcome = chain_verify(head)

    assert outcome.broken.sequence == 5
    assert "not the entry the head was taken from" in outcome.broken.message


def test_entries_made_with_one_key_fail_under_another(trail, monkeypatch):
    monkeypatch.setenv(chain.KEY_ENVIRONMENT, "another key, long enough to be one: 0123456789")

    assert chain_verify().broken.sequence == 1


def test_the_key_file_is_made_once_with_mode_0600(tmp_path, monkeypatch):
    monkeypatch.delenv(chain.KEY_ENVIRONMENT, raising=False)

    key = chain.load_key(tmp_path)

    assert (tmp_path / chain.KEY_FILE_NAME).stat().st_mode & 0o777 == 0o600
    assert chain.load_key(tmp_path) == key and len(key) == 64
    assert list(tmp_path.iterdir()) == [tmp_path / chain.KEY_FILE_NAME]  # no draft left beside it


def test_a_short_or_empty_key_is_refused(tmp_path, monkeypatch):
    monkeypatch.setenv(chain.KEY_ENVIRONMENT, "short")
    with pytest.raises(chain.AuditKeyError, match="at least 32 characters"):
        chain.load_key(tmp_path)
    monkeypatch.delenv(chain.KEY_ENVIRONMENT)
    (tmp_path / chain.KEY_FILE_NAME).write_text("")
    with pytest.raises(chain.AuditKeyError, match="empty or too short"):
        chain.load_key(tmp_path)


def test_the_key_is_not_in_the_database(trail):
    key = audit_key().decode()
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT * FROM {connection.ops.quote_name(TABLE)}")  # noqa: S608 (a constant table name)
        rows = cursor.fetchall()
    assert key not in repr(rows)


@pytest.mark.parametrize("value", ["", "5", "x:" + "0" * 64, "5:abc"])
def test_a_malformed_head_is_refused(value):
    with pytest.raises(ValueError, match="is not an audit head"):
        chain.Head.parse(value)


def test_vigil_check_refuses_a_key_file_others_may_read(tmp_path, settings, monkeypatch):
    from vigil.audit.checks import audit_key_check

    monkeypatch.delenv(chain.KEY_ENVIRONMENT, raising=False)
    settings.DATA_DIR = tmp_path
    assert audit_key_check() == []  # no key yet: it is made on the first entry
    chain.load_key(tmp_path)
    assert audit_key_check() == []

    (tmp_path / chain.KEY_FILE_NAME).chmod(0o644)

    assert [problem.id for problem in audit_key_check()] == ["vigil.E102"]
    monkeypatch.setenv(chain.KEY_ENVIRONMENT, "short")
    assert [problem.id for problem in audit_key_check()] == ["vigil.E101"]


def test_a_missing_key_is_not_replaced_while_the_trail_has_entries(trail, settings, tmp_path, monkeypatch):
    monkeypatch.delenv(chain.KEY_ENVIRONMENT, raising=False)
    settings.DATA_DIR = tmp_path  # a data directory whose key was lost

    with pytest.raises(chain.AuditKeyError, match="the audit trail has entries but its key is missing"):
        record_event(actor=None, action="login")

    assert not (tmp_path / chain.KEY_FILE_NAME).exists()
    assert AuditEntry.objects.count() == 5
