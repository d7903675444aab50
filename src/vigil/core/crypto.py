"""Encrypt sensitive field values with AES-256-GCM under keys kept outside the database.

A value is stored as an envelope, `enc1:<key id>:<base64url(nonce ‖ ciphertext ‖ tag)>`. The
associated data names the table, column and row, so a ciphertext copied into another row or
column fails to open instead of showing the wrong person's details. Keys live in a keyring
(a file of `<id> <base64 key>` lines, the last the newest, or the VIGIL_FIELD_KEYS variable);
old keys stay so that rows not yet rotated still open. docs/decisions/2026-11-26-encryption.md
gives the reasons.
"""

from __future__ import annotations

import base64
import binascii
import os
import re
import secrets
import stat
from dataclasses import dataclass, field
from pathlib import Path

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

PREFIX = "enc1"
KEY_BYTES = 32
NONCE_BYTES = 12
_KEY_ID = re.compile(r"[a-z0-9]{1,16}")
_ENVELOPE = re.compile(r"enc1:([a-z0-9]{1,16}):([A-Za-z0-9_-]+={0,2})")


class CryptoError(Exception):
    """A sensitive value that cannot be encrypted or opened; the message says what to do."""


class KeyMissing(CryptoError):
    """The keyring holds no key with the id a value was encrypted under, or no key at all."""


class NotOpened(CryptoError):
    """A value that fails authentication: altered, moved from another row, or a wrong key."""


@dataclass(frozen=True)
class Keyring:
    """Field keys by id, in the order they were made; the last is used for new values."""

    keys: dict[str, bytes] = field(default_factory=dict)
    where: str = "the keyring"

    @property
    def newest(self) -> str:
        """Return the id of the key that encrypts new values."""
        if not self.keys:
            raise KeyMissing(f"{self.where} holds no field key")
        return list(self.keys)[-1]

    def key(self, key_id: str) -> bytes:
        """Return the key with an id, or fail with a message that says where keys are kept."""
        try:
            return self.keys[key_id]
        except KeyError:
            raise KeyMissing(
                f"field key {key_id!r} is not in {self.where}: restore the key file from your backup "
                "(sensitive values encrypted under it cannot be read without it)"
            ) from None


def context(table: str, column: str, row_id: object) -> bytes:
    """Return the associated data that binds a value to its table, column and row."""
    return f"vigil/v1/{table}/{column}/{row_id}".encode()


def seal(plaintext: str, *, keyring: Keyring, aad: bytes) -> str:
    """Encrypt a value under the keyring's newest key and return its envelope."""
    key_id = keyring.newest
    nonce = os.urandom(NONCE_BYTES)
    sealed = AESGCM(keyring.key(key_id)).encrypt(nonce, plaintext.encode("utf-8"), aad)
    return f"{PREFIX}:{key_id}:{base64.urlsafe_b64encode(nonce + sealed).decode('ascii')}"


def open_envelope(envelope: str, *, keyring: Keyring, aad: bytes) -> str:
    """Decrypt an envelope; fail closed (never return garbage) when anything does not match."""
    key_id, payload = parse(envelope)
    if len(payload) < NONCE_BYTES + 16:
        raise NotOpened("a sensitive value is truncated")
    try:
        plain = AESGCM(keyring.key(key_id)).decrypt(payload[:NONCE_BYTES], payload[NONCE_BYTES:], aad)
    except InvalidTag:
        raise NotOpened(
            f"a sensitive value ({aad.decode(errors='replace')}) fails authentication: it was altered, "
            f"copied from another row, or {keyring.where} holds a different key under id {key_id!r}"
        ) from None
    return plain.decode("utf-8")


def key_id_of(envelope: str) -> str:
    """Return the id of the key an envelope was encrypted under."""
    return parse(envelope)[0]


def parse(envelope: str) -> tuple[str, bytes]:
    """Split an envelope into its key id and payload; refuse anything that is not one."""
    match = _ENVELOPE.fullmatch(envelope)
    if not match:
        raise NotOpened("a sensitive column holds a value that is not an encrypted envelope (written outside Vigil?)")
    try:
        return match[1], base64.urlsafe_b64decode(match[2])
    except (binascii.Error, ValueError):
        raise NotOpened("a sensitive value's envelope is damaged") from None


def new_key_id(taken: set[str] | None = None) -> str:
    """Return a random key id not already taken."""
    while True:
        key_id = secrets.token_hex(4)
        if key_id not in (taken or set()):
            return key_id


def parse_keyring(text: str, *, where: str) -> Keyring:
    """Read keyring text: `<id> <base64 key>` per line (or `id:key` separated by commas); # comments."""
    keys: dict[str, bytes] = {}
    entries = [part for line in text.splitlines() for part in line.split(",")]
    for number, entry in enumerate(entries, 1):
        entry = entry.split("#", 1)[0].strip()
        if not entry:
            continue
        parts = entry.replace(":", " ", 1).split()
        if len(parts) != 2 or not _KEY_ID.fullmatch(parts[0]):
            raise CryptoError(f"{where}, entry {number}: expected '<key id> <base64 key>'")
        try:
            key = base64.b64decode(parts[1], validate=True)
        except (binascii.Error, ValueError):
            raise CryptoError(f"{where}, entry {number}: the key is not base64") from None
        if len(key) != KEY_BYTES:
            raise CryptoError(f"{where}, entry {number}: a key must be {KEY_BYTES} bytes, not {len(key)}")
        if parts[0] in keys:
            raise CryptoError(f"{where}: key id {parts[0]!r} appears twice")
        keys[parts[0]] = key
    return Keyring(keys, where)


def format_keyring(keyring: Keyring) -> str:
    """Return the key file text for a keyring."""
    lines = ["# Vigil field keys: never delete a key while values use it (vigil keys list); newest last"]
    lines += [f"{key_id} {base64.b64encode(key).decode('ascii')}" for key_id, key in keyring.keys.items()]
    return "\n".join(lines) + "\n"


def read_key_file(path: Path) -> Keyring:
    """Read a key file, refusing one that other users may read."""
    where = f"the key file {path}"
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        raise KeyMissing(f"{where} does not exist: restore it from your backup, or set VIGIL_FIELD_KEYS") from None
    if mode & (stat.S_IRWXG | stat.S_IRWXO):
        raise CryptoError(f"{where} may be read by other users: run `chmod 600 {path}`")
    return parse_keyring(path.read_text(encoding="ascii"), where=where)


def write_key_file(path: Path, keyring: Keyring) -> None:
    """Write a key file atomically with mode 0600 (a temporary file renamed over the old one)."""
    temporary = path.with_name(f".{path.name}.{secrets.token_hex(4)}")
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(descriptor, "w", encoding="ascii") as out:
            out.write(format_keyring(keyring))
            out.flush()
            os.fsync(out.fileno())
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


def add_key(keyring: Keyring) -> Keyring:
    """Return the keyring with a new random key, which becomes the newest."""
    key_id = new_key_id(set(keyring.keys))
    return Keyring({**keyring.keys, key_id: AESGCM.generate_key(bit_length=KEY_BYTES * 8)}, keyring.where)


def merge(ours: Keyring, theirs: Keyring) -> Keyring:
    """Return our keys followed by theirs that we lack; refuse two different keys under one id."""
    for key_id, key in theirs.keys.items():
        if key_id in ours.keys and not secrets.compare_digest(ours.keys[key_id], key):
            raise CryptoError(f"key id {key_id!r} names different keys in {ours.where} and {theirs.where}")
    return Keyring({**ours.keys, **{k: v for k, v in theirs.keys.items() if k not in ours.keys}}, ours.where)
