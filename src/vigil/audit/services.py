"""Write the audit trail: record_event appends one entry to the chain, inside the caller's transaction.

Services call it last in their transaction, so that a write and its entry commit or roll back
together, and the chain's lock is held for as short a time as can be.
"""

from __future__ import annotations

import os
import unicodedata
from collections.abc import Iterable, Mapping
from datetime import date, datetime
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Model
from django.http import HttpRequest
from django.utils import timezone

from vigil.audit import chain
from vigil.audit.models import Action, AuditEntry

# Logged by name only, never by value. records.models.SENSITIVE_FIELDS (the encrypted fields)
# is added to these when it is declared; a field that holds a person's contact details,
# testimony, place of detention or a witness's identity belongs on one of the two lists.
SENSITIVE_FIELDS = frozenset(
    {
        "password",
        "contact",
        "contact_details",
        "email",
        "phone",
        "address",
        "testimony",
        "detention_place",
        "place_of_detention",
        "witness",
        "witnesses",
        "witness_identity",
        "notes",
        "text",
        "otp_secret",
        "totp_secret",
    }
)
READABLE_ESCAPES = {"\\": "\\\\", "\n": "\\n", "\r": "\\r", "\t": "\\t"}
VALUE_MAX_CHARS = 200
NAME_MAX_CHARS = 150
# one number for every Vigil database: appends to the chain queue on it (PostgreSQL)
CHAIN_LOCK = 0x76696769_6C617564


def record_event(
    *,
    actor: Any,
    action: str,
    target: Model | tuple[str, Any] | None = None,
    fields: Mapping[str, Any] | Iterable[str] | None = None,
    request: HttpRequest | None = None,
) -> AuditEntry:
    """Append one entry to the audit chain and return it.

    `actor` is a user, None for the system (the command line), or the name typed at a failed login.
    `target` is a record, or (type, id) for something that is not one (an export of a list).
    `fields` maps field names to their new values, or lists names only; sensitive fields, and
    every field of a restricted record, are kept by name only.
    """
    action = Action(action).value
    target_type, target_id = _target(target)
    kept, redacted = _fields(fields, restricted=_is_restricted(target))
    actor_id, actor_name = _actor(actor)
    with transaction.atomic():
        _lock_chain()
        last = AuditEntry.objects.order_by("-sequence").values_list("sequence", "mac").first()
        sequence, previous = (last[0] + 1, last[1]) if last else (1, chain.GENESIS)
        content = chain.Content(
            sequence=sequence,
            at=timezone.now(),
            actor_id=actor_id,
            actor=actor_name,
            action=action,
            target_type=target_type,
            target_id=target_id,
            fields=kept,
            redacted=redacted,
            ip=_ip(request),
        )
        return AuditEntry.objects.create(
            sequence=content.sequence,
            at=content.at,
            actor_id=content.actor_id,
            actor=content.actor,
            action=content.action,
            target_type=content.target_type,
            target_id=content.target_id,
            fields=content.fields,
            redacted=sorted(content.redacted),
            ip=content.ip,
            mac=chain.mac(audit_key(), content, previous),
        )


def record_read(user: Any, record: Model, request: HttpRequest | None = None) -> AuditEntry | None:
    """Record that a user opened a restricted record; records of other levels are not logged."""
    if not _is_restricted(record):
        return None
    return record_event(actor=user, action=Action.READ, target=record, request=request)


def record_export(request: HttpRequest, listing: str, *, filters: Iterable[str] = ()) -> AuditEntry:
    """Record that a user downloaded a list; the filters are kept by name, since their words may name someone."""
    return record_event(
        actor=request.user,
        action=Action.EXPORT,
        target=(listing, None),
        fields={"format": "csv", "filters": ", ".join(sorted(set(filters)))},
        request=request,
    )


def encode_name(name: str) -> str:
    """Escape a username's backslashes and control, format and separator characters, so that it shows as typed.

    A name like "admin\\nlogin ok" must not pass for two lines of the trail, nor hide a
    right-to-left override; the escaped form is what is stored and shown.
    """
    out = []
    for character in name[:NAME_MAX_CHARS]:
        if character in READABLE_ESCAPES:
            out.append(READABLE_ESCAPES[character])
        elif unicodedata.category(character)[0] == "C" or unicodedata.category(character) in ("Zl", "Zp"):
            code = ord(character)
            out.append(f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}")
        else:
            out.append(character)
    return "".join(out)


def sensitive_fields() -> frozenset[str]:
    """Return the names of the fields whose values the trail never keeps."""
    from vigil.records import models as records_models

    declared = getattr(records_models, "SENSITIVE_FIELDS", ())
    if isinstance(declared, Mapping):  # {model: [field, ...]} is accepted as well as a flat list
        declared = [name for names in declared.values() for name in names]
    return SENSITIVE_FIELDS | {str(name).rsplit(".", 1)[-1] for name in declared}


def audit_key() -> bytes:
    """Return the chain's key: VIGIL_AUDIT_KEY, or the key file in the data directory."""
    return _key(str(settings.DATA_DIR), os.environ.get(chain.KEY_ENVIRONMENT, ""))


@cache
def _key(data_dir: str, environment: str) -> bytes:
    """Read the key once per data directory and environment value: it is read on every append.

    A key is made only for an empty trail; errors are not cached, so a restored key is read next time.
    """
    return chain.load_key(Path(data_dir), create=not AuditEntry.objects.exists())


def _lock_chain() -> None:
    """Make appends queue: SQLite's write transactions already do (BEGIN IMMEDIATE); PostgreSQL takes a lock."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [CHAIN_LOCK])


def _target(target: Model | tuple[str, Any] | None) -> tuple[str, str]:
    if target is None:
        return "", ""
    if isinstance(target, tuple):
        kind, pk = target
        return str(kind), "" if pk is None else str(pk)
    return target._meta.label_lower, str(target.pk)


def _is_restricted(target: object) -> bool:
    from vigil.records.models import Confidentiality

    return getattr(target, "confidentiality", None) == Confidentiality.RESTRICTED


def _fields(fields: Mapping[str, Any] | Iterable[str] | None, *, restricted: bool) -> tuple[dict[str, Any], list[str]]:
    if fields is None:
        return {}, []
    sensitive = sensitive_fields()
    if not isinstance(fields, Mapping):
        return {}, sorted({str(name) for name in fields})
    kept: dict[str, Any] = {}
    redacted = []
    for name, value in fields.items():
        if restricted or name in sensitive:
            redacted.append(str(name))
        else:
            kept[str(name)] = _plain(value)
    return kept, sorted(redacted)


def _plain(value: Any) -> Any:
    """Turn a value into one that JSON keeps as it is on every database: text, a whole number, true/false or null."""
    if value is None or isinstance(value, bool | int):
        return value
    if isinstance(value, Model):
        return value.pk
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Decimal | float):
        return str(value)
    text = str(value)
    return text if len(text) <= VALUE_MAX_CHARS else text[: VALUE_MAX_CHARS - 1] + "…"


def _actor(actor: Any) -> tuple[int | None, str]:
    if isinstance(actor, str):  # a name typed at a failed login: no account need have it
        return None, encode_name(actor)
    if actor is None or not getattr(actor, "is_authenticated", False):
        return None, ""
    return actor.pk, encode_name(actor.get_username())


def _ip(request: HttpRequest | None) -> str:
    """Return the address the connection came from; X-Forwarded-For is whatever the client says, so it is not used."""
    if request is None:
        return ""
    return str(request.META.get("REMOTE_ADDR", ""))[:45]
