"""Find the field keys of this installation: VIGIL_FIELD_KEYS, else the key file in the data directory.

The key file is made (mode 0600) the first time a sensitive value is written, never when one is
read: a missing key file on a database that holds encrypted values is an error to report, not a
reason to start a new keyring.
"""

from __future__ import annotations

import os
import threading
from pathlib import Path

from django.conf import settings

from vigil.core import crypto

ENVIRONMENT = "VIGIL_FIELD_KEYS"

_lock = threading.Lock()
_cache: dict[str, tuple[object, crypto.Keyring]] = {}


def key_file() -> Path:
    """Return where this installation keeps its field keys."""
    return Path(settings.FIELD_KEYS_FILE)


def keyring(*, create: bool = False) -> crypto.Keyring:
    """Return the current keyring, read again whenever the key file changed (after `vigil keys add`)."""
    if os.environ.get(ENVIRONMENT):
        return crypto.parse_keyring(os.environ[ENVIRONMENT], where=f"the {ENVIRONMENT} variable")
    path = key_file()
    with _lock:
        if create and not path.exists():
            _create(path)
        try:
            status = path.stat()
        except FileNotFoundError:
            return crypto.read_key_file(path)  # raises KeyMissing with its message
        stamp = (status.st_mtime_ns, status.st_size, status.st_ino)
        cached = _cache.get(str(path))
        if cached is None or cached[0] != stamp:
            cached = (stamp, crypto.read_key_file(path))
            _cache[str(path)] = cached
        return cached[1]


def keyring_add() -> str:
    """Add a new newest key to the key file and return its id (values move to it on `vigil keys rotate`)."""
    if os.environ.get(ENVIRONMENT):
        raise crypto.CryptoError(f"the keys come from {ENVIRONMENT}: add a key there, newest last")
    path = key_file()
    with _lock:
        current = crypto.read_key_file(path) if path.exists() else crypto.Keyring(where=f"the key file {path}")
        updated = crypto.add_key(current)
        crypto.write_key_file(path, updated)
        _cache.pop(str(path), None)
    return updated.newest


def keyring_install(incoming: crypto.Keyring) -> None:
    """Write restored keys into the key file, keeping any key already there after them."""
    path = key_file()
    with _lock:
        if os.environ.get(ENVIRONMENT):
            current = crypto.parse_keyring(os.environ[ENVIRONMENT], where=f"the {ENVIRONMENT} variable")
            crypto.merge(incoming, current)  # refuse a clash; the variable stays the source of keys
            return
        current = crypto.read_key_file(path) if path.exists() else crypto.Keyring(where=f"the key file {path}")
        crypto.write_key_file(path, crypto.merge(crypto.Keyring(incoming.keys, current.where), current))
        _cache.pop(str(path), None)


def _create(path: Path) -> None:
    """Make the first key file; another process that made one first wins (a link never replaces)."""
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    draft = path.with_name(f".{path.name}.new.{os.getpid()}")
    crypto.write_key_file(draft, crypto.add_key(crypto.Keyring(where=f"the key file {path}")))
    try:
        os.link(draft, path)
    except FileExistsError:
        pass
    finally:
        draft.unlink()
