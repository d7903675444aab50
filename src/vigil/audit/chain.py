"""The HMAC chain: each entry's MAC covers its sequence number, its content and the MAC before it.

The key never lives in the database: whoever can write the database but not read the key
file (or the environment) cannot forge an entry, nor remove, insert or reorder one unseen.
This module holds the arithmetic; it reads no settings and touches no database.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

KEY_FILE_NAME = "audit_key"
KEY_ENVIRONMENT = "VIGIL_AUDIT_KEY"
KEY_MIN_CHARS = 32
GENESIS = ""  # the "previous MAC" of the first entry


class AuditKeyError(Exception):
    """The audit key cannot be read, or is too short to be a key."""


@dataclass(frozen=True, slots=True)
class Content:
    """What an entry says, as it is covered by its MAC."""

    sequence: int
    at: datetime
    actor_id: int | None
    actor: str
    action: str
    target_type: str
    target_id: str
    fields: dict[str, Any]
    redacted: list[str]
    ip: str


@dataclass(frozen=True, slots=True)
class Head:
    """The last entry of a chain: its sequence number and MAC, written `SEQUENCE:MAC`."""

    sequence: int
    mac: str

    def __str__(self) -> str:
        return f"{self.sequence}:{self.mac}"

    @classmethod
    def parse(cls, value: str) -> Head:
        """Read a head written by `vigil audit head`; raise ValueError with what is wrong."""
        sequence, _, mac = value.strip().partition(":")
        if not sequence.isdigit() or (sequence != "0" and len(mac) != 64):
            raise ValueError(f"{value!r} is not an audit head; expected SEQUENCE:MAC as `vigil audit head` prints it")
        return cls(int(sequence), mac.lower())


@dataclass(frozen=True, slots=True)
class Break:
    """Where a chain stops being trustworthy: the first entry concerned, and what happened to it."""

    sequence: int
    row_id: int | None
    message: str


def load_key(data_dir: Path, *, create: bool = True) -> bytes:
    """Return VIGIL_AUDIT_KEY, else the key file in the data directory, made once with mode 0600.

    With `create` false (the trail already has entries) a missing key is an error, not a new
    key: a new one would fork the chain, and verify would fail at the first entry.
    """
    value = os.environ.get(KEY_ENVIRONMENT, "")
    if value:
        if len(value) < KEY_MIN_CHARS:
            raise AuditKeyError(f"{KEY_ENVIRONMENT} must be at least {KEY_MIN_CHARS} characters long")
        return value.encode("utf-8")
    path = data_dir / KEY_FILE_NAME
    if not path.exists():
        if not create:
            raise AuditKeyError(
                f"the audit trail has entries but its key is missing: restore {path} from your copy of it, "
                f"or set {KEY_ENVIRONMENT} as before"
            )
        _key_file_create(path)
    try:
        key = path.read_text(encoding="ascii").strip()
    except OSError as error:
        raise AuditKeyError(f"cannot read the audit key {path}: {error.strerror}") from None
    if len(key) < KEY_MIN_CHARS:
        raise AuditKeyError(f"the audit key {path} is empty or too short; restore it from your copy of the key")
    return key.encode("ascii")


def _key_file_create(path: Path) -> None:
    """Write a new key beside the path, then link it into place, so that no reader sees it half written."""
    draft = path.with_name(f".{path.name}.{os.urandom(8).hex()}")
    descriptor = os.open(draft, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(descriptor, "w", encoding="ascii") as out:
            out.write(os.urandom(32).hex())
            out.flush()
            os.fsync(out.fileno())
        os.link(draft, path)
    except FileExistsError:
        pass  # another process made it a moment ago: theirs is the key
    finally:
        draft.unlink(missing_ok=True)


def canonical(content: Content, previous_mac: str) -> bytes:
    """Serialise an entry's content with the MAC before it, the same way on every database."""
    document = {
        "sequence": content.sequence,
        "at": content.at.isoformat(timespec="microseconds"),
        "actor_id": content.actor_id,
        "actor": content.actor,
        "action": content.action,
        "target_type": content.target_type,
        "target_id": content.target_id,
        "fields": content.fields,
        "redacted": sorted(content.redacted),
        "ip": content.ip,
        "previous": previous_mac,
    }
    return json.dumps(document, sort_keys=True, separators=(",", ":"), ensure_ascii=True).encode("ascii")


def mac(key: bytes, content: Content, previous_mac: str) -> str:
    """Return the hex HMAC-SHA256 of an entry's content chained to the MAC before it."""
    return hmac.new(key, canonical(content, previous_mac), hashlib.sha256).hexdigest()


def verify(
    key: bytes, entries: Iterable[tuple[int, Content, str]], head: Head | None = None
) -> tuple[int, Break | None]:
    """Check entries (row id, content, stored MAC) in sequence order; return how many held and the first break.

    A removed entry shows as a gap in the sequence; an edited, inserted or moved one as a MAC
    that does not match; a removed tail only against a head kept elsewhere, which must still be
    the MAC of the entry of its sequence number (entries written since are fine).
    """
    expected, previous, checked = 1, GENESIS, 0
    mac_at_head = GENESIS if head is not None and head.sequence == 0 else None
    for row_id, content, stored in entries:
        if content.sequence > expected:
            return checked, Break(expected, None, f"entry #{expected} is missing: it was removed")
        if content.sequence < expected:  # only reachable if the sequence were not unique
            return checked, Break(content.sequence, row_id, f"entry #{content.sequence} appears twice")
        if not hmac.compare_digest(mac(key, content, previous), stored):
            return checked, Break(
                content.sequence,
                row_id,
                f"entry #{content.sequence} (row {row_id}) does not match its MAC: "
                "it was edited, inserted, or moved from elsewhere in the chain",
            )
        if head is not None and content.sequence == head.sequence:
            mac_at_head = stored
        previous, expected, checked = stored, expected + 1, checked + 1
    if head is None:
        return checked, None
    last = expected - 1
    if last < head.sequence:
        missing = (
            f"entry #{head.sequence} is"
            if last + 1 == head.sequence
            else f"entries #{last + 1} to #{head.sequence} are"
        )
        return checked, Break(last + 1, None, f"{missing} missing: the chain was cut after #{last}")
    if mac_at_head is None or not hmac.compare_digest(mac_at_head, head.mac):
        return checked, Break(
            head.sequence,
            None,
            f"entry #{head.sequence} is not the entry the head was taken from: the chain was rewritten from there",
        )
    return checked, None
