"""Read records. What a user may see comes from records/access.py: every selector that lists,
counts or searches records for someone takes that `user` and starts from access.visible_*."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

import pycountry
from django.db import connection
from django.db.models import Count, Exists, F, OuterRef, Prefetch, Q, QuerySet
from django.db.models.expressions import RawSQL

from vigil.core.codes import REPORT_ID
from vigil.core.dates import PartialDate
from vigil.core.linking import (
    EVENT_TYPES,
    RECENT_DAYS,
    SAME_DECISION_DAYS,
    SAME_OCCASION_DAYS,
    ActLikeness,
    origin,
    places_alike,
    same_act,
)
from vigil.core.names import Reason, index_forms, latin, match_organisation, match_person, search_keys, skeleton
from vigil.core.report import Report, ReportedAct, ReportedIntervention, SourceInfo, Vocabularies
from vigil.records import access
from vigil.records.models import (
    Act,
    ActSource,
    ActType,
    Event,
    Intervention,
    InterventionType,
    Involvement,
    InvolvementRole,
    Organisation,
    PerpetratorKind,
    Person,
    SearchEntry,
    SearchKind,
    Source,
    VictimKind,
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


def source_reports_with_acts() -> Iterator[tuple[Report, list[int]]]:
    """Yield every source as a report, with the ids of the acts its report's acts are, in the same order."""
    for source in _report_sources().order_by("id").iterator(chunk_size=200):
        yield source_report(source), [report.act_id for report in source.act_reports.all()]


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
        # an act merged into another is told through the kept act (records/merging.py)
        Prefetch("act_reports", queryset=act_reports.filter(act__merged_into__isnull=True).order_by("id")),
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
    return act_reported(
        act, victim=victim, place=act.place, legal_basis=act.legal_basis, incident=act.incident_key or None
    )


def act_reported(act: Act, *, victim: str | None, place: str, legal_basis: str, incident: str | None) -> ReportedAct:
    """Return an act in the exchange format, with its victim, place and legal basis as the caller shows them."""
    return ReportedAct(
        type=act.type.code,
        victim=victim or None,
        victim_kind=act.victim_kind,
        victim_count=act.victim_count,
        perpetrator=act.perpetrator_kind.code if act.perpetrator_kind else "unknown",
        date=PartialDate(act.date, act.date_precision),
        duration_days=act.duration_days,
        amount=act.amount,
        currency=act.currency or None,
        country=act.country or None,
        place=place or None,
        legal_basis=legal_basis or None,
        incident=incident or f"vigil-act-{act.pk}",
    )


def _active_codes(terms: QuerySet) -> frozenset[str]:
    return frozenset(terms.filter(is_active=True).values_list("code", flat=True))


# The workspace's lists ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Filters:
    """What a documenter narrows a list by; every field is optional."""

    q: str = ""
    country: str = ""
    type: str = ""
    perpetrator: str = ""
    status: str = ""
    date_from: date | None = None
    date_to: date | None = None


def drafts_inbox(*, user: Any) -> QuerySet[Source]:
    """Return the sources with acts still to review, newest first, with who took each in and how many acts."""
    acts = access.visible_acts(user)
    drafts = acts.filter(reports__source=OuterRef("pk"), status="draft")
    return (
        access.visible_sources(user)
        .filter(Exists(drafts) | Q(status="draft"))
        .select_related("created_by")
        .annotate(act_count=Count("act_reports", filter=Q(act_reports__act__in=acts.values("pk"))))
        .order_by("-created_at", "-id")
    )


def acts_browse(filters: Filters, *, user: Any) -> QuerySet[Act]:
    """Return the acts that match the filters, newest first, ready to list with their victims."""
    acts = _record_filters(access.visible_acts(user), SearchKind.ACT, "date", filters)
    if filters.country:
        acts = acts.filter(country=filters.country)
    if filters.type:
        acts = acts.filter(type__code=filters.type)
    if filters.perpetrator:
        acts = acts.filter(perpetrator_kind__code=filters.perpetrator)
    return _acts_listed(acts, user).order_by(F("date").desc(nulls_last=True), "-id")


def events_browse(filters: Filters, *, user: Any) -> QuerySet[Event]:
    """Return the events that match the filters (an act type or perpetrator: one of its acts), newest first."""
    events = _record_filters(access.visible_events(user), SearchKind.EVENT, "start_date", filters)
    if filters.country:
        events = events.filter(country=filters.country)
    if filters.type or filters.perpetrator:
        events = events.filter(Exists(_acts_by_kind(filters, user).filter(event=OuterRef("pk"))))
    return events.order_by(F("start_date").desc(nulls_last=True), "-id")


def people_browse(filters: Filters, *, user: Any) -> QuerySet[Person]:
    """Return the people that match the filters (act type, perpetrator, dates: of an act against them), by name."""
    return _parties_browse(access.visible_people(user), SearchKind.PERSON, "person", filters, user)


def organisations_browse(filters: Filters, *, user: Any) -> QuerySet[Organisation]:
    """Return the organisations that match the filters, by name."""
    return _parties_browse(access.visible_organisations(user), SearchKind.ORGANISATION, "organisation", filters, user)


def sources_browse(filters: Filters, *, user: Any) -> QuerySet[Source]:
    """Return the sources that match the filters, newest first."""
    sources = _record_filters(access.visible_sources(user), SearchKind.SOURCE, "published", filters)
    if filters.country or filters.type or filters.perpetrator:
        acts = _acts_by_kind(filters, user)
        if filters.country:
            acts = acts.filter(country=filters.country)
        sources = sources.filter(Exists(acts.filter(reports__source=OuterRef("pk"))))
    return sources.defer("text").order_by(F("published").desc(nulls_last=True), "-id")


def victim_act_counts(model: type[Person] | type[Organisation], ids: Iterable[int], *, user: Any) -> dict[int, int]:
    """Return how many acts each of these people or organisations suffered, of those the user may see."""
    field = "person_id" if model is Person else "organisation_id"
    rows = (
        access.visible_involvements(user)
        .filter(**{f"{field}__in": list(ids)}, role=InvolvementRole.VICTIM)
        .values(field)
        .annotate(n=Count("id"))
    )
    return {row[field]: row["n"] for row in rows}


def _record_filters(records: QuerySet[Any], kind: str, date_field: str, filters: Filters) -> QuerySet[Any]:
    """Apply the filters every kind of record has: its words, its review status, its date range."""
    if filters.q:
        records = records.filter(pk__in=_matching_ids(filters.q, kind))
    if filters.status:
        records = records.filter(status=filters.status)
    if filters.date_from:
        records = records.filter(**{f"{date_field}__gte": filters.date_from})
    if filters.date_to:
        records = records.filter(**{f"{date_field}__lte": filters.date_to})
    return records


def _parties_browse(parties: QuerySet, kind: str, field: str, filters: Filters, user: Any) -> QuerySet:
    if filters.q:
        parties = parties.filter(pk__in=_matching_ids(filters.q, kind))
    if filters.country:
        parties = parties.filter(country=filters.country)
    if filters.status:
        parties = parties.filter(status=filters.status)
    if filters.type or filters.perpetrator or filters.date_from or filters.date_to:
        acts = _acts_by_kind(filters, user)
        if filters.date_from:
            acts = acts.filter(date__gte=filters.date_from)
        if filters.date_to:
            acts = acts.filter(date__lte=filters.date_to)
        parties = parties.filter(
            Exists(
                access.visible_involvements(user).filter(
                    **{field: OuterRef("pk")}, role=InvolvementRole.VICTIM, act__in=acts.values("pk")
                )
            )
        )
    return parties.order_by("name", "id")


def _acts_by_kind(filters: Filters, user: Any) -> QuerySet[Act]:
    acts = access.visible_acts(user)
    if filters.type:
        acts = acts.filter(type__code=filters.type)
    if filters.perpetrator:
        acts = acts.filter(perpetrator_kind__code=filters.perpetrator)
    return acts


def _acts_listed(acts: QuerySet[Act], user: Any = None, *, everything: bool = False) -> QuerySet[Act]:
    """Ready acts to list with their visible victims (all of them only where `everything` is asked for)."""
    involvements = Involvement.objects.all() if everything else access.visible_involvements(user)
    victims = involvements.filter(role=InvolvementRole.VICTIM).select_related("person", "organisation")
    return acts.select_related("type", "perpetrator_kind", "event").prefetch_related(
        Prefetch("involvements", queryset=victims, to_attr="victim_involvements")
    )


# Records and their timelines --------------------------------------------------------------------------


def person_timeline(person: Person, *, user: Any) -> list[Act]:
    """Return every act against the person that the user may see, oldest first, each with its sources."""
    return _timeline(
        access.visible_acts(user).filter(
            involvements__in=access.visible_involvements(user).filter(person=person, role=InvolvementRole.VICTIM)
        ),
        user,
    )


def organisation_timeline(organisation: Organisation, *, user: Any) -> list[Act]:
    """Return every act against the organisation that the user may see, oldest first, each with its sources."""
    return _timeline(
        access.visible_acts(user).filter(
            involvements__in=access.visible_involvements(user).filter(
                organisation=organisation, role=InvolvementRole.VICTIM
            )
        ),
        user,
    )


def member_acts(organisation: Organisation, *, user: Any) -> list[Act]:
    """Return the acts against the organisation's members that the user may see, oldest first."""
    members = access.visible_people(user).filter(affiliations__organisation=organisation)
    return _timeline(
        access.visible_acts(user).filter(
            involvements__in=access.visible_involvements(user).filter(person__in=members, role=InvolvementRole.VICTIM)
        ),
        user,
    )


def event_acts(event: Event, *, user: Any) -> list[Act]:
    """Return the acts of an event that the user may see, in date order, with their victims and sources."""
    return _timeline(access.visible_acts(user).filter(event=event), user)


def sources_of(acts: Iterable[Act]) -> list[Source]:
    """Return the sources that report these acts (as listed by a timeline), in the order they were recorded."""
    return sorted({report.source for act in acts for report in act.reports.all()}, key=lambda source: source.pk)


def event_interventions(event: Event, *, user: Any) -> QuerySet[Intervention]:
    """Return what other parties did about an event, of what the user may see, with who did it."""
    return (
        access.visible_interventions(user)
        .filter(event=event)
        .filter(
            Q(by_organisation__isnull=True) | Q(by_organisation__in=access.visible_organisations(user)),
            Q(by_person__isnull=True) | Q(by_person__in=access.visible_people(user)),
            Q(source__isnull=True) | Q(source__in=access.visible_sources(user)),
        )
        .select_related("type", "by_organisation", "by_person", "source")
    )


def source_acts(source: Source, *, user: Any) -> list[Act]:
    """Return the acts a source reports that the user may see, in the order recorded, with their sources counted."""
    acts = list(_acts_listed(access.visible_acts(user).filter(reports__source=source), user).order_by("reports__id"))
    counts = act_source_counts(acts, user=user)
    for act in acts:
        act.source_count = counts[act.pk]  # type: ignore[attr-defined]
    return acts


def source_reviewed(source_id: int, *, user: Any) -> Source:
    """Return a source with what its review page shows: its acts, their victims, and the source's own accounts.

    Raise Http404 when the user may not see the source; its acts are those the user may see.
    """
    reports = (
        access.visible_reports(user)
        .select_related("act__type", "act__perpetrator_kind")
        .prefetch_related(
            Prefetch(
                "act__involvements",
                queryset=access.visible_involvements(user)
                .filter(role=InvolvementRole.VICTIM)
                .select_related("person", "organisation"),
                to_attr="victim_involvements",
            )
        )
    )
    return access.get_source_for(
        user, source_id, Source.objects.prefetch_related(Prefetch("act_reports", queryset=reports.order_by("id")))
    )


def _timeline(acts: QuerySet[Act], user: Any) -> list[Act]:
    reports = (
        access.visible_reports(user)
        .select_related("source")
        .only(
            "id", "act_id", "victim_name", "source__id", "source__title", "source__url", "source__publisher",
            "source__published", "source__archive_sha256", "source__status",
        )
    )  # fmt: skip
    return list(
        _acts_listed(acts.distinct(), user)
        .prefetch_related(Prefetch("reports", queryset=reports.order_by("source__published", "id")))
        .order_by(F("date").asc(nulls_last=True), "id")
    )


# Acts told by several sources: the same act recorded twice, and independent sources ---------------------


@dataclass(frozen=True, slots=True)
class SourceCount:
    """How many sources report an act, and how many independent origins (outlets) they come from."""

    sources: int
    independent: int


@dataclass(frozen=True, slots=True)
class ActMatch:
    """A recorded act that may be the same real-world act as another: how surely, why, and its sources."""

    act: Act
    likeness: ActLikeness
    sources: SourceCount


# The most candidates of one act that are compared in Python, after the database has narrowed them
ACT_MATCH_CANDIDATES = 300


def act_source_counts(acts: Iterable[Act | int], *, user: Any) -> dict[int, SourceCount]:
    """Return each act's sources and independent sources, of those the user may see, in one query.

    Sources are independent when they come from different outlets (core.linking.origin): two
    articles of one publisher, or of one web site when the publisher is not given, count once.
    """
    ids = [getattr(act, "pk", act) for act in acts]
    rows = access.visible_reports_of(user, ids).values_list("act_id", "source_id", "source__publisher", "source__url")
    by_act: dict[int, list[tuple[int, str, str]]] = {pk: [] for pk in ids}
    for act_id, source_id, publisher, url in rows:
        by_act[act_id].append((source_id, publisher, url))
    return {pk: _counted(found) for pk, found in by_act.items()}


def source_count(reports: Iterable[ActSource]) -> SourceCount:
    """Return the sources and independent sources of an act's reports, as listed (with their sources)."""
    return _counted([(r.source_id, r.source.publisher, r.source.url) for r in reports])


def _counted(sources: list[tuple[int, str, str]]) -> SourceCount:
    distinct = {source_id: (publisher, url) for source_id, publisher, url in sources}
    origins = {origin(publisher=p, url=u) or f"source:{pk}" for pk, (p, u) in distinct.items()}
    return SourceCount(len(distinct), len(origins))


def act_matches(act: Act, *, user: Any, limit: int = 5) -> list[ActMatch]:
    """Return the recorded acts, told by other sources, that may be this same act: surest first.

    A match is of the same type and victim kind, against the same victim record or one whose name
    is alike in any script, on a compatible date (core.linking.same_act), and in the same country
    and place when both acts give them. Only acts, victims and sources the user may see are
    compared, so a proposal never tells of a hidden record. The database narrows the candidates
    by type, date window and victim first; the names are compared in Python.
    """
    reports = list(access.visible_reports_of(user, [act.pk]).select_related("source"))
    victim = (
        access.visible_involvements(user)
        .filter(act=act, role=InvolvementRole.VICTIM)
        .select_related("person", "organisation")
        .first()
    )
    party = victim.party if victim is not None else None
    names = _victim_names(party, reports)
    if act.victim_kind != VictimKind.GROUP and not names:
        return []
    published = min((r.source.published for r in reports if r.source.published), default=None)
    candidates = _act_candidates(act, party, names, published, [r.source_id for r in reports], user)
    ours = [_as_reported(act, name) for name in names or [None]]
    found: list[tuple[ActLikeness, Act]] = []
    for candidate in candidates:
        if not (places_alike(act.place, candidate.place) and _countries_alike(act.country, candidate.country)):
            continue
        theirs = _candidate_names(candidate)
        if party is not None and theirs and candidate.victim_party == party:
            theirs = names[:1]  # the same record: its name stands for the victim
        likeness = max(
            (
                found_likeness
                for mine in ours
                for name in theirs or [None]
                if (
                    found_likeness := same_act(
                        mine,
                        _as_reported(candidate, name),
                        first_published=published,
                        second_published=candidate.first_published,
                    )
                )
                is not None
            ),
            key=lambda likeness: likeness.score,
            default=None,
        )
        if likeness is not None:
            found.append((likeness, candidate))
    found.sort(key=lambda pair: (-pair[0].score, -(pair[1].date or date.min).toordinal(), -pair[1].pk))
    return [
        ActMatch(candidate, likeness, source_count(candidate.seen_reports))  # type: ignore[attr-defined]
        for likeness, candidate in found[:limit]
    ]


def _victim_names(party: Person | Organisation | None, reports: list[ActSource]) -> list[str]:
    """Return the names an act's victim goes by: its record's, its aliases, and as its sources write it."""
    names = [str(party)] if party is not None else []
    if party is not None:
        names += [alias.name for alias in party.aliases.all()]
    names += [r.victim_name for r in reports if r.victim_name]
    return list(dict.fromkeys(name for name in names if name.strip()))[:8]


def _act_candidates(
    act: Act,
    party: Person | Organisation | None,
    names: list[str],
    published: date | None,
    source_ids: list[int],
    user: Any,
) -> list[Act]:
    """Return the acts the database finds may be this one: same type, victim kind, date window and victim."""
    candidates = (
        access.visible_acts(user)
        .filter(type_id=act.type_id, victim_kind=act.victim_kind)
        .filter(_date_window(act, published))
        .exclude(pk=act.pk)
        .exclude(pk__in=ActSource.objects.filter(source_id__in=source_ids).values("act_id"))
    )
    if act.country:
        candidates = candidates.filter(Q(country="") | Q(country=act.country))
    victims = access.visible_involvements(user).filter(role=InvolvementRole.VICTIM)
    if act.victim_kind == VictimKind.GROUP:
        if act.date is None or act.date_precision != "day" or not act.country:
            return []
        candidates = candidates.filter(date=act.date, date_precision="day", country=act.country)
        victims = victims.none()
    else:
        field = "person_id" if act.victim_kind == VictimKind.PERSON else "organisation_id"
        kind = SearchKind.PERSON if act.victim_kind == VictimKind.PERSON else SearchKind.ORGANISATION
        organisation = act.victim_kind != VictimKind.PERSON
        tokens = sorted({key[:5] for name in names for key in search_keys(name, organisation=organisation)})
        alike = Q(**{f"{field}__in": _matching_ids(" ".join(tokens), kind, any_word=True)}) if tokens else Q()
        same = Q(**{field: party.pk}) if party is not None else Q(pk__in=[])
        victims = victims.filter(same | alike if tokens else same)
        if act.date is not None or published:
            # a window of a year at most: the database walks the acts of the type in it (index
            # act_type_date) and checks each one's victim, rather than every act of every person of
            # an alike name (a year's acts: 58 to 24 ms median on 100,000 acts, bench/acts.py)
            candidates = candidates.filter(Exists(victims.filter(act_id=OuterRef("pk"))))
        else:
            candidates = candidates.filter(pk__in=victims.values("act_id"))
    found = list(
        candidates.select_related("type", "event")
        .prefetch_related(
            Prefetch(
                "involvements",
                queryset=access.visible_involvements(user)
                .filter(role=InvolvementRole.VICTIM)
                .select_related("person", "organisation")
                .prefetch_related("person__aliases", "organisation__aliases"),
                to_attr="victim_involvements",
            ),
        )
        .order_by("-date", "-id")[:ACT_MATCH_CANDIDATES]
    )
    reports: dict[int, list[ActSource]] = {candidate.pk: [] for candidate in found}
    seen = access.visible_reports_of(user, list(reports)).select_related("source")
    for report in seen.only("id", "act_id", "victim_name", "source__published", "source__publisher", "source__url"):
        reports[report.act_id].append(report)
    for candidate in found:
        involvements = candidate.victim_involvements  # type: ignore[attr-defined]
        candidate.victim_party = involvements[0].party if involvements else None  # type: ignore[attr-defined]
        candidate.seen_reports = reports[candidate.pk]  # type: ignore[attr-defined]
        # when the first source the user may see came out: what places an undated act
        candidate.first_published = min(  # type: ignore[attr-defined]
            (r.source.published for r in reports[candidate.pk] if r.source.published), default=None
        )
    return found


def _date_window(act: Act, published: date | None) -> Q:
    """Return the condition on another act's date for it to be on a compatible occasion with this one.

    Wider than core.linking's rule where SQL cannot say it simply (an undated act's recency is
    checked in Python), and narrower in one way: an undated act is news of its source, so it
    happened by the day the source came out, and a later act is not proposed for it.
    """
    undated = Q(date__isnull=True)
    if act.date is None:
        return undated | Q(date__range=(published - timedelta(days=RECENT_DAYS), published)) if published else Q()
    when = PartialDate(act.date, act.date_precision)  # type: ignore[arg-type]
    start, end = when.start, when.end
    if start is None or end is None:
        return Q()
    window = SAME_OCCASION_DAYS if act.type.code in EVENT_TYPES else SAME_DECISION_DAYS
    if act.date_precision == "day":
        return (
            undated
            | Q(date__range=(start - timedelta(days=window), start + timedelta(days=window)), date_precision="day")
            | Q(date=start.replace(day=1), date_precision="month")
            | Q(date=start.replace(month=1, day=1), date_precision="year")
        )
    inside = Q(date__range=(start, end))
    if act.date_precision == "month":
        return undated | inside | Q(date=start.replace(month=1), date_precision="year")
    return undated | inside


def _countries_alike(first: str, second: str) -> bool:
    return not first or not second or first == second


def _candidate_names(candidate: Act) -> list[str]:
    party = candidate.victim_party  # type: ignore[attr-defined]
    names = [str(party), *(alias.name for alias in party.aliases.all())] if party is not None else []
    names += [report.victim_name for report in candidate.seen_reports if report.victim_name]  # type: ignore[attr-defined]
    return list(dict.fromkeys(name for name in names if name.strip()))[:8]


def _as_reported(act: Act, victim: str | None) -> ReportedAct:
    return ReportedAct(
        type=act.type.code,
        victim=victim,
        victim_kind=act.victim_kind,
        perpetrator="unknown",
        date=PartialDate(act.date, act.date_precision),  # type: ignore[arg-type]
        country=act.country or None,
    )


# Similar names: the people and organisations a victim may already be ---------------------------------


@dataclass(frozen=True, slots=True)
class Suggestion:
    party: Person | Organisation
    score: float
    matched: str  # the name or alias that was found alike
    acts: int
    reasons: tuple[Reason, ...] = ()  # why the name was taken for this one, the main reason first

    @property
    def reason(self) -> Reason | None:
        return self.reasons[0] if self.reasons else None


# The most index matches a name's suggestions are chosen from, best ranked first
SUGGESTION_CANDIDATES = 100


def party_suggestions(
    name: str, *, user: Any, organisation: bool = False, exclude: Iterable[int] = (), limit: int = 5
) -> list[Suggestion]:
    """Return the recorded people (or organisations) whose name or an alias may be this one, surest first.

    The index is searched for the beginnings of the name's words (their stems, so that a case form
    finds its name) and an organisation's acronyms; the best ranked matches the user may see are
    then compared with core.names.match_person or match_organisation, which give the reason.
    """
    keys = sorted({key[:5] for key in search_keys(name, organisation=organisation)})
    if not keys:
        return []
    model: type[Person] | type[Organisation] = Organisation if organisation else Person
    kind = SearchKind.ORGANISATION if organisation else SearchKind.PERSON
    ids = _ranked_ids(keys, kind, SUGGESTION_CANDIDATES)
    parties = access.visible_organisations(user) if organisation else access.visible_people(user)
    candidates = parties.filter(pk__in=ids).exclude(pk__in=list(exclude)).prefetch_related("aliases")
    match = match_organisation if organisation else match_person
    found = []
    for party in candidates:
        alike = match(name, [party.name, *(alias.name for alias in party.aliases.all())])
        if alike is not None:
            found.append((alike, party))
    found.sort(key=lambda item: (-item[0].score, item[1].name, item[1].pk))
    counts = victim_act_counts(model, [party.pk for _, party in found[:limit]], user=user)
    return [
        Suggestion(party, alike.score, alike.name, counts.get(party.pk, 0), alike.reasons)
        for alike, party in found[:limit]
    ]


@dataclass(frozen=True, slots=True)
class NameCheck:
    people: list[Suggestion]
    organisations: list[Suggestion]


def name_check(name: str, *, user: Any, limit: int = 10) -> NameCheck:
    """Return the people and the organisations the user may see whose name may be this one, surest first."""
    return NameCheck(
        people=party_suggestions(name, user=user, limit=limit),
        organisations=party_suggestions(name, user=user, organisation=True, limit=limit),
    )


def _ranked_ids(words: list[str], kind: str, limit: int) -> list[int]:
    """Return the ids of the records of a kind whose entry has any of these word beginnings, best matched first.

    Best: matching the rarer words (SQLite's bm25; on PostgreSQL, the sum over the words matched of
    one over how many entries each matches, from the index alone: ts_rank would compute every
    matching entry's tsvector, 30 ms for a word that 2,500 organisations share).
    """
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(_POSTGRES_RANKED, [words, kind, limit])
        else:
            ranked = _SQLITE_MATCH + " ORDER BY records_searchentry_fts.rank, e.id LIMIT %s"
            cursor.execute(ranked, [_match_expression(words, any_word=True), kind, limit])
        return [row[0] for row in cursor.fetchall()]


_POSTGRES_RANKED = (
    "WITH hits AS (SELECT e.record_id, w.word FROM records_searchentry e, unnest(%s::text[]) AS w(word) "
    "WHERE e.kind = %s AND to_tsvector('simple'::regconfig, e.title || ' ' || e.body) "
    "@@ to_tsquery('simple', w.word || ':*')) "
    "SELECT record_id FROM hits JOIN (SELECT word, count(*) AS n FROM hits GROUP BY word) f USING (word) "
    "GROUP BY record_id ORDER BY sum(1.0 / n) DESC, record_id LIMIT %s"
)


# Full-text search --------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Hit:
    kind: str
    record_id: int
    title: str
    snippet: str
    act: Act | None = None  # an act hit's act, for pages that name it in the reader's language


@dataclass(frozen=True, slots=True)
class SearchResults:
    total: int
    by_kind: dict[str, int]
    hits: list[Hit]


_WORDS = re.compile(r"\w+", re.UNICODE)
# PostgreSQL refuses a tsvector over 1 MB; the beginning of a very long text is what is searched
SEARCH_BODY_LIMIT = 200_000
# In an entry's body, what follows this mark is for finding only (transliterations, labels), never shown;
# the index reads it as a separator, like a space
MACHINE_WORDS = "\x1f"
# The most matches a search looks at: enough for any query a documenter types, bounded for a large index
SEARCH_SCAN_LIMIT = 5000
SEARCH_MODELS: dict[str, Any] = {
    SearchKind.SOURCE: Source,
    SearchKind.ACT: Act,
    SearchKind.EVENT: Event,
    SearchKind.PERSON: Person,
    SearchKind.ORGANISATION: Organisation,
}
# CROSS JOIN keeps SQLite's order: the full-text index first, then the entries it found. With a
# plain JOIN the planner walked every entry of a kind and ran the MATCH for each: 4 s against
# 100,000 people, 0.5 ms this way (bench/names.py).
_SQLITE_MATCH = (
    "SELECT e.record_id FROM records_searchentry_fts "
    "CROSS JOIN records_searchentry e ON e.id = records_searchentry_fts.rowid "
    "WHERE records_searchentry_fts MATCH %s AND e.kind = %s"
)
_POSTGRES_MATCH = (
    "SELECT record_id FROM records_searchentry WHERE kind = %s "
    "AND to_tsvector('simple'::regconfig, title || ' ' || body) @@ to_tsquery('simple', %s)"
)


def search(query: str, *, user: Any, kind: str = "", offset: int = 0, limit: int = 20) -> SearchResults:
    """Search the records and sources the user may see for all the words of the query, best first.

    The index holds every record; its matches are narrowed by records/access.py before anything
    is counted or shown, so that a hidden record is neither listed nor counted.
    """
    words = search_words(query)
    if not words:
        return SearchResults(0, {}, [])
    match = _match_expression(words)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT id, kind, record_id FROM records_searchentry "
                "WHERE to_tsvector('simple'::regconfig, title || ' ' || body) @@ to_tsquery('simple', %s) "
                "ORDER BY ts_rank(to_tsvector('simple'::regconfig, title || ' ' || body), "
                "to_tsquery('simple', %s)) DESC, id DESC LIMIT %s",
                [match, match, SEARCH_SCAN_LIMIT],
            )
        else:
            cursor.execute(
                "SELECT e.id, e.kind, e.record_id FROM records_searchentry_fts "
                "CROSS JOIN records_searchentry e ON e.id = records_searchentry_fts.rowid "
                "WHERE records_searchentry_fts MATCH %s ORDER BY records_searchentry_fts.rank, e.id DESC LIMIT %s",
                [match, SEARCH_SCAN_LIMIT],
            )
        rows = cursor.fetchall()
    seen = _visible_ids(rows, user)
    found = [(pk, row_kind) for pk, row_kind, record_id in rows if record_id in seen.get(row_kind, set())]
    by_kind = dict(Counter(row_kind for _, row_kind in found))
    chosen = [pk for pk, row_kind in found if not kind or row_kind == kind][offset : offset + limit]
    entries = SearchEntry.objects.in_bulk(chosen)
    act_ids = [entry.record_id for entry in entries.values() if entry.kind == SearchKind.ACT]
    acts = {act.pk: act for act in _acts_listed(Act.objects.filter(pk__in=act_ids), user)}
    hits = []
    for pk in chosen:
        entry = entries[pk]
        act = acts.get(entry.record_id) if entry.kind == SearchKind.ACT else None
        hits.append(Hit(entry.kind, entry.record_id, entry.title, _snippet(entry.body, words), act))
    total = by_kind.get(kind, 0) if kind else sum(by_kind.values())
    return SearchResults(total, by_kind, hits)


def _visible_ids(rows: list[tuple[int, str, int]], user: Any) -> dict[str, set[int]]:
    """Return, per kind of record, the ids among the search rows that the user may see."""
    seen = {}
    for kind, model in SEARCH_MODELS.items():
        ids = [record_id for _, row_kind, record_id in rows if row_kind == kind]
        records = access.visible(model.objects.filter(pk__in=ids), user)
        if kind == SearchKind.ACT and not access.sees_restricted(user):
            # an act's entry holds its victims' names and its sources' excerpts: were one of them hidden
            # from the user, the act's being found would tell them what the hidden record says
            own = access.record_rule(user)
            hidden_party = Involvement.objects.filter(act=OuterRef("pk")).exclude(
                (own if own is not None else Q(pk__in=[])) & access.involvement_rule(user)
            )
            source_rule = access.record_rule(user, "source__")
            hidden_source = ActSource.objects.filter(act=OuterRef("pk")).exclude(
                source_rule if source_rule is not None else Q(pk__in=[])
            )
            records = records.exclude(Exists(hidden_party)).exclude(Exists(hidden_source))
        seen[kind] = set(records.values_list("pk", flat=True))
    return seen


def search_words(query: str) -> list[str]:
    """Return the words of a query, lowercased, as the index splits them."""
    return [word.lower() for word in _WORDS.findall(query)][:12]


def _match_expression(words: list[str], *, any_word: bool = False) -> str:
    if connection.vendor == "postgresql":
        return (" | " if any_word else " & ").join(f"{word}:*" for word in words)
    return (" OR " if any_word else " ").join(f'"{word}"*' for word in words)


def _matching_ids(query: str, kind: str, *, any_word: bool = False) -> RawSQL:
    """Return a subquery of the ids of the records of a kind whose entry has the query's words."""
    words = search_words(query)
    match = _match_expression(words, any_word=any_word) if words else ""
    if connection.vendor == "postgresql":
        return RawSQL(_POSTGRES_MATCH, [kind, match])  # noqa: S611 (constant SQL, values as parameters)  # nosec B611
    return RawSQL(_SQLITE_MATCH, [match or '""', kind])  # noqa: S611  # nosec B611


def _snippet(body: str, words: list[str], width: int = 160) -> str:
    """Return the stretch of the body around the first word found, to show under a hit.

    Only the words people wrote are shown: the transliterations and labels after MACHINE_WORDS are not.
    """
    body = body.split(MACHINE_WORDS, 1)[0].strip()
    lowered = body.lower()
    at = min((i for i in (lowered.find(word) for word in words) if i >= 0), default=-1)
    if at < 0:
        return body[:width].strip()
    start = max(0, at - width // 3)
    text = body[start : start + width].strip()
    return ("…" if start else "") + text + ("…" if start + width < len(body) else "")


# What the search index holds for each record ------------------------------------------------------------


def search_entries(
    *,
    sources: Iterable[Source] = (),
    events: Iterable[Event] = (),
    acts: Iterable[Act] = (),
    people: Iterable[Person] = (),
    organisations: Iterable[Organisation] = (),
) -> list[SearchEntry]:
    """Return the search entries of these records (unsaved): their titles, and all their words to search by.

    Names are indexed with their Latin transliteration and skeleton, so that a name typed in one
    script finds the same name written in another; a person's or organisation's also with its words'
    stems and an organisation's acronyms (core.names.index_forms), which party_suggestions looks up.
    """
    entries = [
        SearchEntry(
            kind=SearchKind.SOURCE,
            record_id=source.pk,
            title=str(source)[:1000],
            body=_words(source.publisher, source.url, source.text)[:SEARCH_BODY_LIMIT],
        )
        for source in sources
    ]
    entries += [
        SearchEntry(
            kind=SearchKind.EVENT,
            record_id=event.pk,
            title=event.title[:1000],
            body=_words(event.description, event.place, _country_name(event.country)),
        )
        for event in events
    ]
    for kind, model, batch in (
        (SearchKind.PERSON, Person, people),
        (SearchKind.ORGANISATION, Organisation, organisations),
    ):
        ids = [party.pk for party in batch]
        for party in model.objects.filter(pk__in=ids).prefetch_related("aliases"):
            names = [party.name, *(alias.name for alias in party.aliases.all())]
            entries.append(
                SearchEntry(
                    kind=kind,
                    record_id=party.pk,
                    title=party.name[:1000],
                    body=_words(
                        *names[1:],
                        party.description,
                        _country_name(party.country),
                        MACHINE_WORDS,
                        *_name_forms(names),
                        *index_forms(names, organisation=model is Organisation),
                    ),
                )
            )
    act_ids = [act.pk for act in acts]
    for start in range(0, len(act_ids), 500):
        for act in _acts_listed(
            Act.objects.filter(pk__in=act_ids[start : start + 500]), everything=True
        ).prefetch_related(
            Prefetch("reports", queryset=ActSource.objects.only("id", "act_id", "victim_name", "excerpt"))
        ):
            victims = [str(v.party) for v in act.victim_involvements]
            reported = [report.victim_name for report in act.reports.all() if report.victim_name]
            entries.append(
                SearchEntry(
                    kind=SearchKind.ACT,
                    record_id=act.pk,
                    title=act_title(act, victims)[:1000],
                    body=_words(
                        act.event.title,
                        act.place,
                        _country_name(act.country),
                        act.perpetrator_name,
                        act.legal_basis,
                        act.description,
                        act.victim_description,
                        *(report.excerpt for report in act.reports.all()),
                        MACHINE_WORDS,
                        act.type.label,
                        act.type.label_ru,
                        act.perpetrator_kind.label if act.perpetrator_kind else "",
                        act.perpetrator_kind.label_ru if act.perpetrator_kind else "",
                        *reported,
                        *_name_forms(victims + reported),
                    ),
                )
            )
    return entries


def act_title(act: Act, victims: list[str]) -> str:
    """Return how an act is named in lists: its type and its victim."""
    victim = ", ".join(victims) or act.victim_description or ""
    return f"{act.type.label}: {victim}" if victim else act.type.label


def _name_forms(names: Iterable[str]) -> list[str]:
    forms = set()
    for name in names:
        forms.add(latin(name))
        forms.add(skeleton(name))
    return sorted(form for form in forms if form)


def _words(*parts: Any) -> str:
    return " ".join(str(part) for part in parts if part)


def _country_name(code: str) -> str:
    country = pycountry.countries.get(alpha_2=code) if code else None
    return country.name if country else ""


def countries_in_use(*, user: Any) -> list[str]:
    """Return the codes of the countries that the acts, events, people or organisations the user sees are in."""
    codes: set[str] = set()
    for model in (Act, Event, Person, Organisation):
        codes.update(
            access.visible(model.objects.all(), user)
            .exclude(country="")
            .order_by()
            .values_list("country", flat=True)
            .distinct()
        )
    return sorted(codes)
