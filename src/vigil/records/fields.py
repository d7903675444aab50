"""A text field whose values are encrypted at rest (AES-GCM, vigil.core.crypto), bound to their row.

In Python the attribute is the plain text; in the database it is an envelope whose associated
data names the table, column and primary key. A value is opened when first read from its
instance (lists that never show it never decrypt it), so `values()` and `values_list()` give
`Sealed` placeholders, never plain text and never garbage. Because the envelope needs the row's
id, values are written only by `Model.save()`: a new row is inserted with the column empty and
the envelope written just after, in the same transaction. `QuerySet.update()`, `bulk_create()`
and filters on a value's contents are refused with a clear error.
"""

from __future__ import annotations

from typing import Any

from django.db import models
from django.db.models.query_utils import DeferredAttribute
from django.db.models.signals import post_save, pre_save
from django.dispatch import receiver

from vigil.core import crypto
from vigil.records import keys

_SAVING = "_vigil_saving_sensitive"
_PENDING = "_vigil_pending_sensitive"
_RAW = "_vigil_raw_save"


class Sealed:
    """An encrypted value as stored, with the row it belongs to once known."""

    __slots__ = ("envelope", "row_id")

    def __init__(self, envelope: str, row_id: Any = None):
        self.envelope = envelope
        self.row_id = row_id

    def __str__(self) -> str:
        return "[encrypted]"

    __repr__ = __str__

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Sealed) and other.envelope == self.envelope

    def __hash__(self) -> int:
        return hash(self.envelope)

    @property
    def key_id(self) -> str:
        return crypto.key_id_of(self.envelope)


class EncryptedTextField(models.TextField):
    """Free text that names or locates people at risk: encrypted at rest, empty allowed."""

    def __init__(self, *args: Any, **kwargs: Any):
        kwargs.setdefault("blank", True)
        kwargs.setdefault("default", "")
        super().__init__(*args, **kwargs)

    def contribute_to_class(self, cls: type[models.Model], name: str, private_only: bool = False) -> None:
        super().contribute_to_class(cls, name, private_only)
        setattr(cls, self.attname, _OpeningAttribute(self))

    def context(self, row_id: Any) -> bytes:
        """Return the associated data of this column in one row."""
        return crypto.context(self.model._meta.db_table, self.column, row_id)

    def open(self, sealed: Sealed, row_id: Any) -> str:
        """Decrypt a stored value of this column in a row."""
        crypto.parse(sealed.envelope)  # a damaged value is named as such even where no key is at hand
        return crypto.open_envelope(sealed.envelope, keyring=keys.keyring(), aad=self.context(row_id))

    def seal(self, plaintext: str, row_id: Any) -> Sealed:
        """Encrypt a value for this column in a row under the newest key."""
        keyring = keys.keyring(create=True)
        return Sealed(crypto.seal(plaintext, keyring=keyring, aad=self.context(row_id)), row_id)

    def pre_save(self, model_instance: models.Model, add: bool) -> Any:
        raw = model_instance.__dict__.get(self.attname, "")
        row_id = model_instance.pk
        if isinstance(raw, Sealed):
            if raw.row_id == row_id:
                return raw  # unchanged and unread: stored as it was
            raw = self.open(raw, raw.row_id)  # a copied instance: bind the value to its new row
            model_instance.__dict__[self.attname] = raw
        if raw in (None, ""):
            return ""
        if row_id is None:
            if not model_instance.__dict__.get(_SAVING):
                raise crypto.CryptoError(
                    f"{self.model._meta.label}.{self.name} is encrypted for its row: create such records "
                    "one by one with save(), not bulk_create()"
                )
            model_instance.__dict__.setdefault(_PENDING, []).append(self)
            return ""
        return self.seal(str(raw), row_id)

    def from_db_value(self, value: Any, expression: Any, connection: Any) -> Any:
        if value in (None, ""):
            return ""
        return Sealed(value)

    def to_python(self, value: Any) -> Any:
        if value is None or isinstance(value, Sealed):
            return value or ""
        return str(value)

    def get_prep_value(self, value: Any) -> Any:
        return value if isinstance(value, Sealed) else super().get_prep_value(value)

    def get_db_prep_value(self, value: Any, connection: Any, prepared: bool = False) -> Any:
        if isinstance(value, Sealed):
            return value.envelope
        if value in (None, ""):
            return ""
        raise crypto.CryptoError(
            f"{self.model._meta.label}.{self.name} is encrypted for its row: set it on the instance and save(); "
            "it cannot be written by QuerySet.update() nor searched by its contents"
        )

    def value_to_string(self, obj: models.Model) -> str:
        return str(self.value_from_object(obj))


class _OpeningAttribute(DeferredAttribute):
    """Open a stored value on first read through its instance; keep what is assigned as it is."""

    field: EncryptedTextField

    def __get__(self, instance: Any, cls: Any = None) -> Any:
        if instance is None:
            return self
        value = super().__get__(instance, cls)
        if isinstance(value, Sealed) and not instance.__dict__.get(_RAW):
            row_id = value.row_id if value.row_id is not None else instance.pk
            plain = self.field.open(value, row_id)
            instance.__dict__[self.field.attname] = plain
            return plain
        return value

    def __set__(self, instance: Any, value: Any) -> None:
        if isinstance(value, Sealed) and value.row_id is None:
            value = Sealed(value.envelope, instance.pk)
        instance.__dict__[self.field.attname] = value


def encrypted_fields(model: type[models.Model]) -> list[EncryptedTextField]:
    """Return a model's encrypted fields."""
    return [field for field in model._meta.concrete_fields if isinstance(field, EncryptedTextField)]


@receiver(pre_save, dispatch_uid="vigil.records.fields.mark_saving")
def _mark_saving(sender: type[models.Model], instance: models.Model, raw: bool = False, **kwargs: Any) -> None:
    """Let pre_save know a new row is saved one by one; seal the values of a raw save (loaddata, restore).

    A raw save writes the attributes as they are, without the fields' pre_save.
    """
    fields = encrypted_fields(sender)
    if not fields:
        return
    instance.__dict__[_SAVING] = True
    if raw:
        instance.__dict__[_RAW] = True  # a raw save reads the attributes: let it read the envelopes
        for field in fields:
            value = instance.__dict__.get(field.attname)
            if value and not isinstance(value, Sealed):
                if instance.pk is None:
                    raise crypto.CryptoError(f"a raw save of {sender._meta.label} needs its primary key")
                instance.__dict__[field.attname] = field.seal(str(value), instance.pk)


@receiver(post_save, dispatch_uid="vigil.records.fields.seal_pending")
def _seal_pending(sender: type[models.Model], instance: models.Model, using: str, **kwargs: Any) -> None:
    """Write the envelopes of a new row's values now that the row has its id (same transaction)."""
    instance.__dict__.pop(_SAVING, None)
    instance.__dict__.pop(_RAW, None)
    pending: list[EncryptedTextField] = instance.__dict__.pop(_PENDING, [])
    if pending:
        sealed = {field.attname: field.seal(str(instance.__dict__[field.attname]), instance.pk) for field in pending}
        sender._base_manager.using(using).filter(pk=instance.pk).update(**sealed)
