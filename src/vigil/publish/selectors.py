"""Read what the public may see: published, public records through records/access.py, names pseudonymised."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.db.models import F, QuerySet
from django.utils.translation import gettext

from vigil.core.report import Report, ReportedAct, SourceInfo
from vigil.publish.pseudonyms import public_name, redactor
from vigil.records import access
from vigil.records.models import Act, Involvement, InvolvementRole, Person, Source
from vigil.records.selectors import act_reported

PUBLIC = AnonymousUser()


@dataclass(frozen=True, slots=True)
class PublicAct:
    """An act as the public sees it: every text that could name someone already redacted."""

    pk: int
    act: Act
    victim: str
    event_title: str
    place: str
    legal_basis: str
    sources: list[Source]


def public_acts() -> QuerySet[Act]:
    """Return the acts the public may see, newest first."""
    return (
        access.visible_acts(PUBLIC)
        .select_related("type", "perpetrator_kind", "event")
        .order_by(F("date").desc(nulls_last=True), "-id")
    )


def public_act(pk: Any) -> PublicAct:
    """Return one act as the public sees it; raise Http404 when the public may not see it."""
    return public_view(access.get_act_for(PUBLIC, pk, public_acts()))


def public_view(act: Act) -> PublicAct:
    """Return what the public sees of an act the public may see."""
    people = list(
        Person.objects.filter(involvements__act=act).prefetch_related("aliases").distinct()
    )  # every person named with the act, seen or not: their names are redacted from its text
    redact = redactor(people)
    victims = access.visible_involvements(PUBLIC).filter(act=act, role=InvolvementRole.VICTIM)
    names = [_victim_name(involvement) for involvement in victims.select_related("person", "organisation")]
    sources = list(access.visible_sources(PUBLIC).filter(act_reports__act=act).order_by("published", "id"))
    return PublicAct(
        pk=act.pk,
        act=act,
        victim=", ".join(names) or redact(act.victim_description),
        event_title=redact(act.event.title),
        place=redact(act.place),
        legal_basis=redact(act.legal_basis),
        sources=sources,
    )


def public_reports() -> Iterator[Report]:
    """Yield, for partners, each public source as an exchange-format report of its public acts.

    Victims without consent are pseudonymised and free text redacted; a source's text and URL
    are never included, since the article itself names the people.
    """
    acts = public_acts()
    for source in access.visible_sources(PUBLIC).order_by("id").iterator(chunk_size=200):
        reported = [public_view(act) for act in acts.filter(reports__source=source).order_by("reports__id")]
        if not reported:
            continue
        people = Person.objects.filter(involvements__act__in=[view.pk for view in reported]).prefetch_related("aliases")
        redact = redactor(people.distinct())
        yield Report(
            id=f"source-{source.pk}",
            source=SourceInfo(
                title=redact(source.title) or None,
                publisher=source.publisher or None,
                published=source.published,
                language=source.language or None,
            ),
            acts=tuple(_reported_act(view) for view in reported),
        )


def _reported_act(view: PublicAct) -> ReportedAct:
    return act_reported(view.act, victim=view.victim, place=view.place, legal_basis=view.legal_basis, incident=None)


def _victim_name(involvement: Involvement) -> str:
    if involvement.person is not None:
        return public_name(involvement.person)
    if access.visible_organisations(PUBLIC).filter(pk=involvement.organisation_id).exists():
        return str(involvement.organisation)
    return gettext("an organisation")
