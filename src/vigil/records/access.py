"""Who may see which record: the one place every view, export, search, count and admin page asks.

Each role sees:
- administrator and editor: every record, restricted ones included;
- viewer: the records that are not restricted;
- contributor: the records they took in themselves (created_by), unless restricted;
- the anonymous public: the records that are published and public (and who suffered a public
  act, when neither the involvement nor the party is restricted: vigil.publish names them only
  with their consent, and by a pseudonym otherwise);
- an inactive login, or one without a role: nothing.

A record is seen only with what holds it: an act with its event, an involvement with its act
and its party. A person, organisation or act merged into another (records/merging.py) is seen by
nobody: it lives on, whole, only to be restored if the merge is undone. A record that a user may
not see answers exactly like one that does not exist (Http404), so that its id, its existence and
its confidentiality stay hidden.
"""

from __future__ import annotations

from typing import Any, TypeVar

from django.db.models import Model, Q, QuerySet
from django.http import Http404

from vigil.records.models import (
    Act,
    ActSource,
    Confidentiality,
    Event,
    Intervention,
    Involvement,
    Organisation,
    Person,
    ReviewStatus,
    Source,
)
from vigil.records.roles import UserRole, role_of

M = TypeVar("M", bound=Model)

# Roles that see restricted records and documents (review, verify).
TRUSTED = (UserRole.ADMINISTRATOR, UserRole.EDITOR)


def sees_restricted(user: Any) -> bool:
    """Say whether a user sees restricted records (and so every record)."""
    return role_of(user) in TRUSTED


def may_review(user: Any) -> bool:
    """Say whether a user may review drafts into verified records: editors and administrators."""
    return role_of(user) in TRUSTED


def may_take_in(user: Any) -> bool:
    """Say whether a user may take articles in as drafts: every role but the viewer's."""
    return role_of(user) in (*TRUSTED, UserRole.CONTRIBUTOR)


def may_use_admin(user: Any) -> bool:
    """Say whether a user may open the administration: staff administrators and editors."""
    return bool(user.is_active and user.is_staff) and role_of(user) in TRUSTED


def record_rule(user: Any, prefix: str = "") -> Q | None:
    """Return the condition on a record's own fields for the user to see it, or None when they see nothing.

    `prefix` names the record from another model ("event__" for an act's event).
    """
    role = role_of(user)
    if role in TRUSTED:
        return Q()
    if role in (UserRole.VIEWER, UserRole.CONTRIBUTOR):
        rule = ~Q(**{f"{prefix}confidentiality": Confidentiality.RESTRICTED})
        if role is UserRole.CONTRIBUTOR:
            rule &= Q(**{f"{prefix}created_by": user})
        return rule
    if _is_public(user):
        return Q(**{f"{prefix}status": ReviewStatus.PUBLISHED, f"{prefix}confidentiality": Confidentiality.PUBLIC})
    return None


def visible(records: QuerySet[M], user: Any) -> QuerySet[M]:
    """Return the records of a queryset that the user may see, with what holds them."""
    model = records.model
    if model not in (Event, Source, Person, Organisation, Intervention, Act, Involvement, ActSource):
        raise TypeError(f"records/access.py has no rule for {model.__name__}")
    rule = record_rule(user)
    if rule is None:
        return records.none()
    records = records.filter(_not_merged(model))
    if role_of(user) in TRUSTED:
        return records  # everything: no subqueries on the lists editors use most
    if model is Act:
        rule &= _held_by(user, "event__")
    elif model is Involvement and not _is_public(user):
        rule &= involvement_rule(user)
    elif model is Involvement:
        # The public sees who suffered a public act, named only with consent (vigil.publish pseudonymises):
        # the involvement and its party need not be published themselves, only not restricted.
        not_restricted = ~Q(confidentiality=Confidentiality.RESTRICTED)
        rule = (
            not_restricted
            & Q(act__in=visible_acts(user))
            & (
                Q(person__in=Person.objects.filter(not_restricted))
                | Q(organisation__in=Organisation.objects.filter(not_restricted))
            )
        )
    elif model is ActSource:
        return records.filter(act__in=visible_acts(user), source__in=visible_sources(user))
    return records.filter(rule)


def visible_acts(user: Any) -> QuerySet[Act]:
    """Return the acts the user may see."""
    return visible(Act.objects.all(), user)


def visible_events(user: Any) -> QuerySet[Event]:
    """Return the events the user may see."""
    return visible(Event.objects.all(), user)


def visible_people(user: Any) -> QuerySet[Person]:
    """Return the people the user may see."""
    return visible(Person.objects.all(), user)


def visible_organisations(user: Any) -> QuerySet[Organisation]:
    """Return the organisations the user may see."""
    return visible(Organisation.objects.all(), user)


def visible_sources(user: Any) -> QuerySet[Source]:
    """Return the sources the user may see."""
    return visible(Source.objects.all(), user)


def visible_involvements(user: Any) -> QuerySet[Involvement]:
    """Return the involvements the user may see: their own rule, their act's and their party's."""
    return visible(Involvement.objects.all(), user)


def visible_interventions(user: Any) -> QuerySet[Intervention]:
    """Return the interventions the user may see."""
    return visible(Intervention.objects.all(), user)


def visible_reports(user: Any) -> QuerySet[ActSource]:
    """Return the sources' reports of acts that the user may see: both the act and the source visible."""
    return visible(ActSource.objects.all(), user)


def visible_reports_of(user: Any, act_ids: list[int]) -> QuerySet[ActSource]:
    """Return the reports of these acts that the user may see: visible_reports' rule, narrowed to them first.

    `visible_reports(user).filter(act_id__in=...)` is the same set, but below editor its rules run
    over every act and source: 90 ms for a page of 50 acts among 100,000 (bench/acts.py).
    """
    return ActSource.objects.filter(
        act__in=visible_acts(user).filter(pk__in=act_ids).values("pk"),
        source__in=visible_sources(user).filter(act_reports__act_id__in=act_ids).values("pk"),
    )


def _not_merged(model: type[Model]) -> Q:
    """Return the rule that hides merged records, and what only a merged act holds."""
    if model in (Act, Person, Organisation):
        return Q(merged_into__isnull=True)
    if model in (Involvement, ActSource):
        return Q(act__merged_into__isnull=True)
    return Q()


def get_for(records: QuerySet[M], user: Any, pk: Any) -> M:
    """Return the record with this id if the user may see it; raise Http404 alike when missing or forbidden."""
    try:
        return visible(records, user).get(pk=pk)
    except (records.model.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


def get_act_for(user: Any, pk: Any, records: QuerySet[Act] | None = None) -> Act:
    """Return an act the user may see, or raise Http404."""
    return get_for(Act.objects.all() if records is None else records, user, pk)


def get_event_for(user: Any, pk: Any, records: QuerySet[Event] | None = None) -> Event:
    """Return an event the user may see, or raise Http404."""
    return get_for(Event.objects.all() if records is None else records, user, pk)


def get_person_for(user: Any, pk: Any, records: QuerySet[Person] | None = None) -> Person:
    """Return a person the user may see, or raise Http404."""
    return get_for(Person.objects.all() if records is None else records, user, pk)


def get_organisation_for(user: Any, pk: Any, records: QuerySet[Organisation] | None = None) -> Organisation:
    """Return an organisation the user may see, or raise Http404."""
    return get_for(Organisation.objects.all() if records is None else records, user, pk)


def get_source_for(user: Any, pk: Any, records: QuerySet[Source] | None = None) -> Source:
    """Return a source the user may see, or raise Http404."""
    return get_for(Source.objects.all() if records is None else records, user, pk)


def involvement_rule(user: Any, prefix: str = "") -> Q:
    """Return the condition for a logged-in user to see an involvement beyond its own level.

    The same as "its act, and its person or organisation, are visible", written as joins:
    subqueries over every act made a viewer's list of 50 acts scan 100,000 (bench/web.py --role viewer).
    """
    return (
        _rule_or_nothing(user, f"{prefix}act__")
        & _held_by(user, f"{prefix}act__event__")
        & (
            (Q(**{f"{prefix}person__isnull": False}) & _rule_or_nothing(user, f"{prefix}person__"))
            | (Q(**{f"{prefix}organisation__isnull": False}) & _rule_or_nothing(user, f"{prefix}organisation__"))
        )
    )


def _rule_or_nothing(user: Any, prefix: str) -> Q:
    rule = record_rule(user, prefix)
    return rule if rule is not None else Q(pk__in=[])


def _is_public(user: Any) -> bool:
    return user is not None and not user.is_authenticated


def _held_by(user: Any, prefix: str) -> Q:
    rule = record_rule(user, prefix)
    # a contributor's act may sit in an event someone else recorded: the event's level still counts
    if role_of(user) is UserRole.CONTRIBUTOR:
        return ~Q(**{f"{prefix}confidentiality": Confidentiality.RESTRICTED})
    return rule if rule is not None else Q(pk__in=[])
