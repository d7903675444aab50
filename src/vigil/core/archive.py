"""Keep the original bytes of every source, addressed by their SHA-256.

A source is evidence: what was published may be edited or taken down later, so Vigil keeps
the bytes it read and their hash. Files are content-addressed (`ab/cd/abcd…`), written once
through a temporary file and a rename, never changed; storing the same bytes twice is a no-op.
"""

from __future__ import annotations

import hashlib
import os
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path

_SHA256 = re.compile(r"[0-9a-f]{64}")


class ArchiveError(Exception):
    """An archived original that is missing or no longer matches its hash."""


@dataclass(frozen=True, slots=True)
class Archived:
    """What the archive holds for one original."""

    sha256: str
    size: int


class Archive:
    """A folder of originals named by their SHA-256."""

    def __init__(self, root: Path):
        self.root = Path(root)

    def put(self, content: bytes) -> Archived:
        """Store bytes (once) and return their hash and size."""
        digest = hashlib.sha256(content).hexdigest()
        path = self.path(digest)
        if not path.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".incoming-")
            try:
                with os.fdopen(handle, "wb") as out:
                    out.write(content)
                    out.flush()
                    os.fsync(out.fileno())
                os.chmod(temporary, 0o440)
                os.replace(temporary, path)
            except BaseException:
                Path(temporary).unlink(missing_ok=True)
                raise
        return Archived(digest, len(content))

    def get(self, sha256: str) -> bytes:
        """Return the bytes stored under a hash, checking that they still match it."""
        path = self.path(sha256)
        try:
            content = path.read_bytes()
        except FileNotFoundError:
            raise ArchiveError(f"the original {sha256} is missing from the archive {self.root}") from None
        if hashlib.sha256(content).hexdigest() != sha256:
            raise ArchiveError(f"the original {sha256} in {self.root} no longer matches its hash")
        return content

    def path(self, sha256: str) -> Path:
        """Return where the bytes of a hash are kept."""
        if not _SHA256.fullmatch(sha256):
            raise ValueError(f"{sha256!r} is not a SHA-256 hex digest")
        return self.root / sha256[:2] / sha256[2:4] / sha256
