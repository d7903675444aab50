"""Merge two records of one person, organisation or act into one, and undo it, losing nothing.

A merge keeps one record and hides the other (`merged_into`): what pointed at the merged record
(a person's involvements, interventions and affiliations; an act's reports, witnesses and
interventions) is repointed to the kept one; the kept record takes the merged one's names as
aliases, its roles, the fields it lacked, and the stricter of the two confidentiality levels,
so that a restricted name never surfaces on a record that viewers see. The merged record itself
is not changed, nor deleted: its description, contact details and testimony wait on it.

A `Merge` row lists by id what moved, and undoing moves back exactly that. Merges are undone in
the order opposite to the one they were made in, record by record: a merge whose kept record was
merged again, or took another record since, is undone after that later merge.

Every merge and undo is one transaction and one audit entry on each record (ids, never names).
`by` is the editor or administrator who merges, or None for the command line.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models import Model, Q
from django.utils import timezone

from vigil.audit.models import Action
from vigil.audit.services import record_event
from vigil.records import access, services  # services calls acts_merge for the review: a module import, not a name
from vigil.records.models import (
    Act,
    ActSource,
    Affiliation,
    Confidentiality,
    Intervention,
    Involvement,
    InvolvementRole,
    Merge,
    MergeKind,
    Organisation,
    Person,
    Role,
    SearchEntry,
)

MODELS: dict[str, type[Model]] = {MergeKind.PERSON: Person, MergeKind.ORGANISATION: Organisation, MergeKind.ACT: Act}
_STRICTNESS = [Confidentiality.PUBLIC, Confidentiality.INTERNAL, Confidentiality.RESTRICTED]
# The fields an act takes from the act merged into it when it has no value of its own.
_ACT_FILLED = (
    "duration_days",
    "amount",
    "currency",
    "place",
    "country",
    "perpetrator_kind",
    "perpetrator_name",
    "legal_basis",
    "victim_count",
    "victim_description",
)


class MergeError(Exception):
    """A merge or an undo that cannot be made; the message says why and what to do."""


def kind_of(record: Model) -> str:
    """Return the merge kind of a person, an organisation or an act."""
    for kind, model in MODELS.items():
        if isinstance(record, model):
            return kind
    raise TypeError(f"{type(record).__name__} records are not merged")


def people_merge(*, kept: Person, merged: Person, by: Any) -> Merge:
    """Merge one person into another: one person with one timeline."""
    return _merge(kept, merged, by)


def organisations_merge(*, kept: Organisation, merged: Organisation, by: Any) -> Merge:
    """Merge one organisation into another."""
    return _merge(kept, merged, by)


def acts_merge(*, kept: Act, merged: Act, by: Any) -> Merge:
    """Merge one act into another: the merged act's sources become the kept act's corroborating sources."""
    return _merge(kept, merged, by)


def merge_records(*, kept: Any, merged: Any, by: Any) -> Merge:
    """Merge a person, an organisation or an act into another of its kind."""
    return _merge(kept, merged, by)


def merge_undo(*, merge: Merge, by: Any) -> Merge:
    """Undo a merge: the merged record is seen again with all it had, and the kept one as it was."""
    if by is not None and not access.may_review(by):
        raise MergeError("Only an editor or an administrator may undo a merge.")
    with transaction.atomic():
        merge = Merge.objects.select_for_update().get(pk=merge.pk)
        if merge.undone_at is not None:
            raise MergeError(f"Merge #{merge.pk} was undone already.")
        later = (
            Merge.objects.filter(kind=merge.kind, pk__gt=merge.pk, undone_at__isnull=True)
            .filter(Q(kept_id__in=[merge.kept_id, merge.merged_id]) | Q(merged_id__in=[merge.kept_id, merge.merged_id]))
            .order_by("-pk")
            .first()
        )
        if later is not None:
            raise MergeError(f"Undo merge #{later.pk} first: it was made later with one of these records.")
        model = MODELS[merge.kind]
        kept = model.objects.select_for_update().get(pk=merge.kept_id)
        merged = model.objects.select_for_update().get(pk=merge.merged_id)
        _UNDO[merge.kind](kept, merged, merge.moved)
        for name, value in merge.moved.get("fields", {}).items():
            _set(kept, name, value)
        merged.merged_into = None
        merged.save(update_fields=["merged_into", "updated_at"])
        kept.save()
        merge.undone_at = timezone.now()
        merge.undone_by = by
        merge.save(update_fields=["undone_at", "undone_by"])
        record_event(actor=by, action=Action.UNMERGE, target=kept, fields={"merge": merge.pk, "merged": merged.pk})
        record_event(actor=by, action=Action.UNMERGE, target=merged, fields={"merge": merge.pk, "kept": kept.pk})
        _reindex(merge.kind, [kept, merged], merge.moved)
    return merge


def current(kind: str, pk: int) -> int | None:
    """Return the id of the live record that a merged record now lives in (following merges of merges)."""
    model = MODELS[kind]
    seen: set[int] = set()
    while pk not in seen:
        seen.add(pk)
        into = model.objects.filter(pk=pk).values_list("merged_into_id", flat=True).first()
        if into is None:
            return pk if model.objects.filter(pk=pk).exists() else None
        pk = into
    return None


def merges_of(record: Model) -> list[Merge]:
    """Return the merges made into this record, newest first, undone ones included."""
    return merges_into(kind_of(record), [record.pk]).get(record.pk, [])


def merges_into(kind: str, ids: list[int]) -> dict[int, list[Merge]]:
    """Return the merges made into each of these records, by the kept record's id, newest first."""
    found: dict[int, list[Merge]] = {}
    for merge in Merge.objects.filter(kind=kind, kept_id__in=ids).select_related("created_by", "undone_by"):
        found.setdefault(merge.kept_id, []).append(merge)
    return found


def _merge(kept: Any, merged: Any, by: Any) -> Merge:
    if by is not None and not access.may_review(by):
        raise MergeError("Only an editor or an administrator may merge records.")
    kind = kind_of(kept)
    if type(merged) is not type(kept):
        raise MergeError("Only records of one kind are merged: a person with a person, an act with an act.")
    if kept.pk == merged.pk:
        raise MergeError("A record cannot be merged into itself.")
    model = MODELS[kind]
    with transaction.atomic():
        locked = {r.pk: r for r in model.objects.select_for_update().filter(pk__in=[kept.pk, merged.pk])}
        if len(locked) != 2:
            raise MergeError("One of the two records no longer exists.")
        kept, merged = locked[kept.pk], locked[merged.pk]
        for record in (kept, merged):
            if record.merged_into_id is not None:
                raise MergeError(f"#{record.pk} was merged into #{record.merged_into_id} already.")
        moved = _MOVE[kind](kept, merged)
        fields = _take_fields(kept, merged, kind)
        if fields:
            moved["fields"] = fields
        kept.save()
        merged.merged_into = kept
        merged.save(update_fields=["merged_into", "updated_at"])
        merge = Merge.objects.create(kind=kind, kept_id=kept.pk, merged_id=merged.pk, moved=moved, created_by=by)
        counts = {name: len(ids) for name, ids in moved.items() if isinstance(ids, list)}
        record_event(
            actor=by, action=Action.MERGE, target=kept, fields={"merge": merge.pk, "merged": merged.pk, **counts}
        )
        record_event(actor=by, action=Action.MERGE, target=merged, fields={"merge": merge.pk, "kept": kept.pk})
        _reindex(kind, [kept, merged], moved)
    return merge


# What a merge moves, kind by kind; each returns the ids it moved, for the undo ---------------------------


def _parties_move(kept: Person | Organisation, merged: Person | Organisation) -> dict[str, Any]:
    field = "person" if isinstance(kept, Person) else "organisation"
    moved: dict[str, Any] = {}
    involvements = list(Involvement.objects.filter(**{field: merged}).values_list("pk", flat=True))
    Involvement.objects.filter(pk__in=involvements).update(**{field: kept})
    interventions = list(Intervention.objects.filter(**{f"by_{field}": merged}).values_list("pk", flat=True))
    Intervention.objects.filter(pk__in=interventions).update(**{f"by_{field}": kept})
    affiliations = list(Affiliation.objects.filter(**{field: merged}).values_list("pk", flat=True))
    Affiliation.objects.filter(pk__in=affiliations).update(**{field: kept})
    known = {kept.name, *kept.aliases.values_list("name", flat=True)}
    aliases = [name for name in dict.fromkeys([merged.name, *merged.aliases.values_list("name", flat=True)]) if name]
    added = [name for name in aliases if name not in known]
    for name in added:
        kept.aliases.create(name=name)
    roles = sorted(set(merged.roles.values_list("pk", flat=True)) - set(kept.roles.values_list("pk", flat=True)))
    kept.roles.add(*Role.objects.filter(pk__in=roles))
    moved.update(involvements=involvements, interventions=interventions, affiliations=affiliations)
    moved.update(aliases=added, roles=roles)
    return moved


def _parties_undo(kept: Person | Organisation, merged: Person | Organisation, moved: dict[str, Any]) -> None:
    field = "person" if isinstance(kept, Person) else "organisation"
    Involvement.objects.filter(pk__in=moved.get("involvements", []), **{field: kept}).update(**{field: merged})
    Intervention.objects.filter(pk__in=moved.get("interventions", []), **{f"by_{field}": kept}).update(
        **{f"by_{field}": merged}
    )
    Affiliation.objects.filter(pk__in=moved.get("affiliations", []), **{field: kept}).update(**{field: merged})
    kept.aliases.filter(name__in=moved.get("aliases", [])).delete()
    kept.roles.remove(*Role.objects.filter(pk__in=moved.get("roles", [])))


def _acts_move(kept: Act, merged: Act) -> dict[str, Any]:
    if kept.type_id != merged.type_id:
        raise MergeError(
            f"Act #{merged.pk} is a {merged.type} and act #{kept.pk} a {kept.type}: correct the type of one first."
        )
    victims = {
        act.pk: act.involvements.filter(role=InvolvementRole.VICTIM).values_list("person_id", "organisation_id").first()
        for act in (kept, merged)
    }
    if victims[kept.pk] and victims[merged.pk] and victims[kept.pk] != victims[merged.pk]:
        raise MergeError(
            f"Acts #{kept.pk} and #{merged.pk} name different victims: "
            "if they are one person or organisation, merge those first."
        )
    told = set(ActSource.objects.filter(act=kept).values_list("source_id", flat=True))
    reports = list(ActSource.objects.filter(act=merged).exclude(source_id__in=told).values_list("pk", flat=True))
    ActSource.objects.filter(pk__in=reports).update(act=kept)
    # the victim moves only to an act that names none; witnesses and perpetrators not named on the kept act move
    present = set(kept.involvements.values_list("role", "person_id", "organisation_id"))
    involvements = [
        pk
        for pk, role, person, organisation in merged.involvements.values_list(
            "pk", "role", "person_id", "organisation_id"
        )
        if (role, person, organisation) not in present
        and not (role == InvolvementRole.VICTIM and victims[kept.pk] is not None)
    ]
    Involvement.objects.filter(pk__in=involvements).update(act=kept)
    interventions = list(merged.interventions.values_list("pk", flat=True))
    already = set(kept.interventions.values_list("pk", flat=True))
    added = [pk for pk in interventions if pk not in already]
    kept.interventions.add(*added)
    merged.interventions.remove(*interventions)
    return {
        "reports": reports,
        "involvements": involvements,
        "interventions_added": added,
        "interventions": interventions,
    }


def _acts_undo(kept: Act, merged: Act, moved: dict[str, Any]) -> None:
    ActSource.objects.filter(pk__in=moved.get("reports", []), act=kept).update(act=merged)
    Involvement.objects.filter(pk__in=moved.get("involvements", []), act=kept).update(act=merged)
    kept.interventions.remove(*moved.get("interventions_added", []))
    merged.interventions.add(*Intervention.objects.filter(pk__in=moved.get("interventions", [])))


_MOVE: dict[str, Any] = {
    MergeKind.PERSON: _parties_move,
    MergeKind.ORGANISATION: _parties_move,
    MergeKind.ACT: _acts_move,
}
_UNDO: dict[str, Any] = {
    MergeKind.PERSON: _parties_undo,
    MergeKind.ORGANISATION: _parties_undo,
    MergeKind.ACT: _acts_undo,
}


def _take_fields(kept: Any, merged: Any, kind: str) -> dict[str, Any]:
    """Give the kept record what it lacks from the merged one; return the fields changed with their old values."""
    before: dict[str, Any] = {}
    names = _ACT_FILLED if kind == MergeKind.ACT else ("country",)
    for name in names:
        attname = kept._meta.get_field(name).attname
        if getattr(kept, attname) in (None, "") and getattr(merged, attname) not in (None, ""):
            before[attname] = _json(getattr(kept, attname))
            setattr(kept, attname, getattr(merged, attname))
    if kind == MergeKind.ACT and kept.date is None and merged.date is not None:
        before.update(date=None, date_precision=kept.date_precision)
        kept.date, kept.date_precision = merged.date, merged.date_precision
    if _STRICTNESS.index(merged.confidentiality) > _STRICTNESS.index(kept.confidentiality):
        before["confidentiality"] = kept.confidentiality
        kept.confidentiality = merged.confidentiality
    return before


def _json(value: Any) -> Any:
    """Return a field's value as the JSON of `Merge.moved` keeps it (decimals as text)."""
    return value if value is None or isinstance(value, (str, int, float)) else str(value)


def _set(record: Any, attname: str, value: Any) -> None:
    field = next(f for f in record._meta.concrete_fields if f.attname == attname)
    setattr(record, attname, None if value is None else field.to_python(value))


def _reindex(kind: str, records: list[Any], moved: dict[str, Any]) -> None:
    """Index the records again: the kept one with its new aliases, and hide the merged one from search."""
    live = [r for r in records if r.merged_into_id is None]
    hidden = [r.pk for r in records if r.merged_into_id is not None]
    SearchEntry.objects.filter(kind=kind, record_id__in=hidden).delete()
    if kind == MergeKind.ACT:
        services.search_index(acts=live)
        return
    acts = list(Act.objects.filter(involvements__in=moved.get("involvements", [])).distinct())
    if kind == MergeKind.PERSON:
        services.search_index(people=live, acts=acts)
    else:
        services.search_index(organisations=live, acts=acts)
