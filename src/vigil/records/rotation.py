"""Move every sensitive value to the newest field key (`vigil keys rotate`), in restartable batches."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.db import models, transaction

from vigil.records.fields import EncryptedTextField, encrypted_fields
from vigil.records.keys import keyring


@dataclass(frozen=True)
class Column:
    """One encrypted column."""

    model: type[models.Model]
    field: EncryptedTextField

    @property
    def label(self) -> str:
        return f"{self.model._meta.label}.{self.field.name}"


def sensitive_columns() -> list[Column]:
    """Return every encrypted column of every installed model."""
    return [Column(model, field) for model in apps.get_models() for field in encrypted_fields(model)]


def values_by_key() -> Counter[str]:
    """Count the stored sensitive values under each key id (without decrypting any)."""
    counts: Counter[str] = Counter()
    for column in sensitive_columns():
        stored = column.model._base_manager.exclude(**{column.field.attname: ""})
        counts.update(sealed.key_id for sealed in stored.values_list(column.field.attname, flat=True).iterator())
    return counts


def values_rotate(*, batch_size: int = 500, after_batch: Callable[[int, int], None] | None = None) -> int:
    """Re-encrypt every sensitive value not under the newest key, one transaction per batch.

    Safe to stop at any moment and run again: each batch commits values that are complete under
    one key or the other, and a rerun picks up only those not yet under the newest key. A value
    changed by a documenter while its batch ran is left as they saved it (compare-and-swap).
    Return how many values were re-encrypted; `after_batch(rotated, remaining)` is called after
    each committed batch.
    """
    newest = keyring().newest
    remaining = sum(n for key_id, n in values_by_key().items() if key_id != newest)
    rotated = 0
    for column in sensitive_columns():
        attname = column.field.attname
        manager = column.model._base_manager
        last: Any = None
        while True:
            rows = manager.exclude(**{attname: ""}).order_by("pk")
            if last is not None:
                rows = rows.filter(pk__gt=last)
            batch = [(pk, sealed) for pk, sealed in rows.values_list("pk", attname)[:batch_size]]
            if not batch:
                break
            last = batch[-1][0]
            stale = [(pk, sealed) for pk, sealed in batch if sealed.key_id != newest]
            if not stale:
                continue
            with transaction.atomic():
                for pk, sealed in stale:
                    renewed = column.field.seal(column.field.open(sealed, pk), pk)
                    rotated += manager.filter(pk=pk, **{attname: sealed}).update(**{attname: renewed})
            remaining -= len(stale)
            if after_batch is not None:
                after_batch(rotated, max(remaining, 0))
    return rotated
