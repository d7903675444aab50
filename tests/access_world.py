"""A small world of records at every confidentiality level, and a login of every role, for access tests.

Each level has its own source, event, two acts (against a person and an organisation), their
victims and a witness, with invented names; each name and place carries a sentinel word that
must never be seen by a role that may not see the level.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from tests.builders import act, report_dict
from vigil.core.report import parse_report
from vigil.records.models import (
    Act,
    Event,
    Intervention,
    InterventionType,
    Involvement,
    InvolvementRole,
    Organisation,
    Person,
    Source,
)
from vigil.records.services import Original, report_import, user_create

PASSWORD = "a-long-enough-password"
ROLES = ("administrator", "editor", "contributor", "viewer")
# "own": an internal draft the contributor took in; "internal" is someone else's
LEVELS = ("public", "internal", "restricted", "own")


@dataclass
class Level:
    """The records of one level."""

    source: Source
    event: Event
    act: Act
    organisation_act: Act
    person: Person
    organisation: Organisation
    witness: Person
    intervention: Intervention
    sentinel: str


@dataclass
class World:
    users: dict[str, Any] = field(default_factory=dict)
    levels: dict[str, Level] = field(default_factory=dict)


def build_world() -> World:
    """Make a login of each role and the records of each level."""
    world = World(users={role: user_create(username=role, password=PASSWORD, role=role) for role in ROLES})
    for level in LEVELS:
        creator = world.users["contributor"] if level == "own" else world.users["editor"]
        world.levels[level] = _level(level, creator)
    return world


def _level(level: str, created_by: Any) -> Level:
    sentinel = f"Zq{level}sentinel"
    data = report_dict(f"kz-2025-{level}", title=f"Report {sentinel}") | {
        "acts": [
            act(victim=f"Aru {sentinel}", place=f"Town {sentinel}", incident=f"{level}-person"),
            act(
                victim=f"Circle {sentinel}",
                victim_kind="organization",
                victim_count=None,
                type="registration_denial",
                incident=f"{level}-organisation",
            ),
        ],
        "interventions": [],
    }
    text = f"Article about {sentinel}"
    original = Original(text.encode(), "text/plain", text)
    source = report_import(report=parse_report(data), original=original, created_by=created_by)
    person_act, organisation_act = source.acts.order_by("reports__id")
    witness = Person.objects.create(name=f"Witness {sentinel}", created_by=created_by)
    Involvement.objects.create(act=person_act, role=InvolvementRole.WITNESS, person=witness, created_by=created_by)
    status, confidentiality = {
        "public": ("published", "public"),
        "internal": ("verified", "internal"),
        "restricted": ("verified", "restricted"),
        "own": ("draft", "internal"),
    }[level]
    acts = Act.objects.filter(pk__in=[person_act.pk, organisation_act.pk])
    intervention = Intervention.objects.create(
        type=InterventionType.objects.get(code="statement"),
        by_organisation=Organisation.objects.get(involvements__act=organisation_act),
        event_id=person_act.event_id,
        source=source,
        summary=f"Statement {sentinel}",
        created_by=created_by,
    )
    for records in (
        Intervention.objects.filter(pk=intervention.pk),
        Source.objects.filter(pk=source.pk),
        Event.objects.filter(pk=person_act.event_id),
        acts,
        Involvement.objects.filter(act__in=acts),
        Person.objects.filter(involvements__act__in=acts),
        Organisation.objects.filter(involvements__act__in=acts),
    ):
        records.update(status=status, confidentiality=confidentiality)
    return Level(
        source=Source.objects.get(pk=source.pk),
        event=Event.objects.get(pk=person_act.event_id),
        act=Act.objects.get(pk=person_act.pk),
        organisation_act=Act.objects.get(pk=organisation_act.pk),
        person=Person.objects.get(involvements__act=person_act, involvements__role="victim"),
        organisation=Organisation.objects.get(involvements__act=organisation_act),
        witness=witness,
        intervention=Intervention.objects.get(pk=intervention.pk),
        sentinel=sentinel,
    )


# What each role sees, by level (records/access.py's rules)
SEES = {
    "administrator": {"public", "internal", "restricted", "own"},
    "editor": {"public", "internal", "restricted", "own"},
    "viewer": {"public", "internal", "own"},
    "contributor": {"own"},
    "public": {"public"},
}
