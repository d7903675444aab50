"""Read the audit trail: browse it, check its chain, and give its head to keep elsewhere."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db.models import QuerySet
from django.utils import timezone

from vigil.audit import chain
from vigil.audit.models import AuditEntry
from vigil.audit.services import audit_key

VERIFY_CHUNK = 2000


@dataclass(frozen=True, slots=True)
class AuditFilters:
    actor: str = ""
    action: str = ""
    since: date | None = None
    until: date | None = None


@dataclass(frozen=True, slots=True)
class Verified:
    """The outcome of checking the chain: how many entries held, and the first break if any."""

    checked: int
    broken: chain.Break | None


def entries_browse(filters: AuditFilters) -> QuerySet[AuditEntry]:
    """Return the entries that match the filters, newest first."""
    entries = AuditEntry.objects.order_by("-sequence")
    if filters.actor:
        entries = entries.filter(actor__icontains=filters.actor)
    if filters.action:
        entries = entries.filter(action=filters.action)
    if filters.since:
        entries = entries.filter(at__gte=_start_of(filters.since))
    if filters.until:
        entries = entries.filter(at__lt=_start_of(filters.until + timedelta(days=1)))
    return entries


def chain_verify(head: chain.Head | None = None) -> Verified:
    """Check every entry's MAC in sequence order, and that the chain still reaches `head` when given."""
    checked, broken = chain.verify(audit_key(), _contents(), head)
    return Verified(checked, broken)


def chain_head() -> chain.Head:
    """Return the last entry's sequence number and MAC (0 and no MAC for an empty trail)."""
    last = AuditEntry.objects.order_by("-sequence").values_list("sequence", "mac").first()
    return chain.Head(*last) if last else chain.Head(0, "")


def _contents() -> Iterator[tuple[int, chain.Content, str]]:
    # keyset pages, not OFFSET: the trail only grows, and a million entries must verify in one pass
    after = -1
    while True:
        page = list(AuditEntry.objects.filter(sequence__gt=after).order_by("sequence")[:VERIFY_CHUNK])
        if not page:
            return
        for entry in page:
            yield entry.pk, _content(entry), entry.mac
        after = page[-1].sequence


def _content(entry: AuditEntry) -> chain.Content:
    return chain.Content(
        sequence=entry.sequence,
        at=entry.at,
        actor_id=entry.actor_id,
        actor=entry.actor,
        action=entry.action,
        target_type=entry.target_type,
        target_id=entry.target_id,
        fields=entry.fields if isinstance(entry.fields, dict) else {"": entry.fields},
        redacted=entry.redacted if isinstance(entry.redacted, list) else [str(entry.redacted)],
        ip=entry.ip,
    )


def _start_of(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min), timezone.get_current_timezone())
