"""Read records. Per-record access checks will live in records/access.py (the security issue)."""

from __future__ import annotations

from collections.abc import Iterator

from django.db.models import Prefetch, QuerySet

from vigil.core.codes import REPORT_ID
from vigil.core.dates import PartialDate
from vigil.core.report import Report, ReportedAct, ReportedIntervention, SourceInfo, Vocabularies
from vigil.records.models import (
    ActSource,
    ActType,
    Intervention,
    InterventionType,
    Involvement,
    InvolvementRole,
    PerpetratorKind,
    Source,
)


def vocabularies_in_force() -> Vocabularies:
    """Return the codes of the active terms in the database, to check reports against."""
    return Vocabularies(
        act_types=_active_codes(ActType.objects.all()),
        perpetrators=_active_codes(PerpetratorKind.objects.all()),
        intervention_types=_active_codes(InterventionType.objects.all()),
    )


def source_reports(*, with_text: bool = False) -> Iterator[Report]:
    """Yield every source as an exchange-format report of the acts and interventions it reports."""
    for source in _report_sources().order_by("id").iterator(chunk_size=200):
        yield source_report(source, with_text=with_text)


def source_report(source: Source, *, with_text: bool = False) -> Report:
    """Return what one source reports, in the exchange format, with the names as it writes them.

    Acts and interventions come in the order they were recorded, so an export reproduces its import.
    """
    if "act_reports" not in getattr(source, "_prefetched_objects_cache", {}):
        source = _report_sources().get(pk=source.pk)
    return Report(
        id=source.report_id if source.report_id and REPORT_ID.fullmatch(source.report_id) else f"source-{source.pk}",
        source=SourceInfo(
            file=source.file_name or None,
            url=source.url or None,
            title=source.title or None,
            publisher=source.publisher or None,
            published=source.published,
            language=source.language or None,
            text=(source.text or None) if with_text else None,
        ),
        acts=tuple(_reported_act(report) for report in source.act_reports.all()),
        interventions=tuple(
            ReportedIntervention(by=str(i.by_organisation or i.by_person), type=i.type.code)
            for i in source.interventions.all()
        ),
    )


def _report_sources() -> QuerySet[Source]:
    victims = Involvement.objects.filter(role=InvolvementRole.VICTIM).select_related("person", "organisation")
    act_reports = ActSource.objects.select_related("act__type", "act__perpetrator_kind").prefetch_related(
        Prefetch("act__involvements", queryset=victims, to_attr="victim_involvements")
    )
    return Source.objects.prefetch_related(
        Prefetch("act_reports", queryset=act_reports.order_by("id")),
        Prefetch(
            "interventions",
            queryset=Intervention.objects.select_related("type", "by_organisation", "by_person").order_by("id"),
        ),
    )


def _reported_act(report: ActSource) -> ReportedAct:
    act = report.act
    victims = act.victim_involvements
    party = victims[0].party if victims else None
    victim = report.victim_name or (str(party) if party else None) or act.victim_description or None
    return ReportedAct(
        type=act.type.code,
        victim=victim,
        victim_kind=act.victim_kind,
        victim_count=act.victim_count,
        perpetrator=act.perpetrator_kind.code if act.perpetrator_kind else "unknown",
        date=PartialDate(act.date, act.date_precision),
        duration_days=act.duration_days,
        amount=act.amount,
        currency=act.currency or None,
        country=act.country or None,
        place=act.place or None,
        legal_basis=act.legal_basis or None,
        incident=act.incident_key or f"vigil-act-{act.pk}",
    )


def _active_codes(terms: QuerySet) -> frozenset[str]:
    return frozenset(terms.filter(is_active=True).values_list("code", flat=True))
