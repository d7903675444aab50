"""Write records: every change of state goes through one function here, in one transaction."""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.auth.password_validation import validate_password
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from vigil.audit.models import Action
from vigil.audit.services import record_event
from vigil.core import vocab
from vigil.core.archive import Archive, Archived
from vigil.core.linking import link_reports
from vigil.core.report import Problem, Report, ReportedAct, ReportError, act_to_dict, read_report
from vigil.records import access, merging, selectors
from vigil.records.models import (
    SENSITIVE_FIELDS,
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
    Role,
    SearchEntry,
    Source,
    VictimKind,
)
from vigil.records.roles import UserRole

VOCABULARY_MODELS = {
    "act_types": ActType,
    "perpetrators": PerpetratorKind,
    "intervention_types": InterventionType,
    "roles": Role,
}
ARTICLE_MAX_BYTES = 20 * 1024 * 1024
SAMPLE_REPORTS = Path(__file__).resolve().parent.parent / "sample" / "reports"


class AlreadyImported(Exception):
    """A report whose id is already the id of a source in the database."""

    def __init__(self, report_id: str, source_id: int):
        self.report_id, self.source_id = report_id, source_id
        super().__init__(f"report {report_id!r} is already imported as source #{source_id}")


@dataclass(frozen=True, slots=True)
class Original:
    """The bytes a source was read from, their media type, the text taken from them, and when they were received."""

    content: bytes
    media_type: str
    text: str
    retrieved_at: datetime | None = None


@dataclass(frozen=True, slots=True)
class Loaded:
    imported: int
    skipped: int


def user_create(
    *, username: str, password: str, email: str = "", role: UserRole | str = UserRole.EDITOR, admin: bool = False
) -> Any:
    """Create a login with a role (records/roles.py); `admin` is the same as the administrator role.

    Administrators are superusers; editors may also open the administration, where they see
    what records/access.py lets them; contributors and viewers work in the workspace only.
    """
    role = UserRole.ADMINISTRATOR if admin else UserRole(role)
    user_model = get_user_model()
    candidate = user_model(username=username, email=email)
    validate_password(password, user=candidate)
    with transaction.atomic():
        if role is UserRole.ADMINISTRATOR:
            user = user_model.objects.create_superuser(username=username, email=email, password=password)
        else:
            user = user_model.objects.create_user(
                username=username, email=email, password=password, is_staff=role is UserRole.EDITOR
            )
        user.groups.set([Group.objects.get(name=role.value)])
        record_event(
            actor=None,
            action=Action.CREATE,
            target=user,
            fields={"username": user.get_username(), "role": role.value, "email": email, "password": None},  # nosec B105: the field is named, never its value
        )
    return user


def demo_user_reset(*, username: str, password: str) -> Any:
    """Create the demo login, or give it a new password: a documenter of the workspace.

    Not an administrator: administrators log in with a second factor (an authenticator app), which
    someone trying the demo may not have at hand.
    """
    user_model = get_user_model()
    with transaction.atomic():
        user, _ = user_model.objects.get_or_create(username=username)
        user.is_active = True
        user.is_staff = user.is_superuser = False
        user.set_password(password)
        user.save()
        # an editor who sees every record but may not open the administration: trying the demo
        # needs no authenticator app (the administration asks staff for a second factor)
        user.groups.set([Group.objects.get(name=UserRole.EDITOR.value)])
        record_event(actor=None, action=Action.CHANGE, target=user, fields={"role": "editor", "password": None})  # nosec B105
    return user


class ConsentError(Exception):
    """A consent that cannot be recorded; the message says why."""


def person_consent_record(*, person: Person, consent: bool, recorded_by: Any) -> Person:
    """Record whether a person agreed to be named in what Vigil publishes, with who recorded it and when.

    Only editors and administrators record consent: it decides whether a name leaves Vigil.
    """
    if not access.may_review(recorded_by):
        raise ConsentError("Only an editor or an administrator may record a person's consent.")
    with transaction.atomic():
        person = Person.objects.select_for_update().get(pk=person.pk)
        person.consent_to_publish = consent
        person.consent_recorded_at = timezone.now()
        person.consent_recorded_by = recorded_by
        person.save(update_fields=["consent_to_publish", "consent_recorded_at", "consent_recorded_by", "updated_at"])
        record_event(actor=recorded_by, action=Action.CHANGE, target=person, fields={"consent_to_publish": consent})
    return person


def sample_load(*, created_by: Any = None) -> Loaded:
    """Import the sample reports that ship with Vigil; those already imported are skipped."""
    imported = skipped = 0
    for path in sorted(SAMPLE_REPORTS.glob("*.json")):
        try:
            report_import_file(path=path, created_by=created_by)
        except AlreadyImported:
            skipped += 1
        else:
            imported += 1
    return Loaded(imported, skipped)


def vocabularies_sync(*, using: str = "default") -> int:
    """Add the shipped vocabulary terms that the database lacks; return how many were added.

    Terms an administrator added, edited or retired are left as they are.
    """
    added = 0
    for name, model in VOCABULARY_MODELS.items():
        existing = set(model.objects.using(using).values_list("code", flat=True))
        for position, term in enumerate(vocab.terms(name)):
            if term.code in existing:
                continue
            fields: dict[str, Any] = {
                "label": term.label,
                "label_ru": term.label_ru,
                "description": term.description,
            }
            if model is Role:
                fields["applies_to"] = term.applies_to or Role.AppliesTo.BOTH
            model.objects.using(using).create(code=term.code, position=position * 10, **fields)
            added += 1
    return added


def report_import_file(*, path: Path, articles_dir: Path | None = None, created_by: Any = None) -> Source:
    """Import one exchange-format file as draft records; raise ReportError or AlreadyImported.

    With `articles_dir`, the article that `source.file` names is archived as the original.
    """
    report = read_report(path, vocabularies=selectors.vocabularies_in_force())
    original = _article_original(report, articles_dir, where=str(path)) if articles_dir else None
    return report_import(report=report, original=original, created_by=created_by, where=str(path))


def report_import(
    *, report: Report, original: Original | None = None, created_by: Any = None, where: str = "<report>"
) -> Source:
    """Create draft records from a report, in one transaction: its source, one event, acts, parties.

    Names are matched only within the report (the same name is the same person); matching
    against people already recorded is the linking step's work, confirmed by a documenter.
    """
    existing = Source.objects.filter(report_id=report.id).values_list("id", flat=True).first()
    if existing is not None:
        raise AlreadyImported(report.id, existing)
    terms = _terms_for(report, where)
    if original is None and report.source.text:
        original = Original(report.source.text.encode("utf-8"), "text/plain; charset=utf-8", report.source.text)
    archived = Archive(settings.ARCHIVE_DIR).put(original.content) if original else None

    try:
        with transaction.atomic():
            source = _report_write(report, original, archived, created_by, terms)
            _search_index_source(source)
            _audit_created(source, created_by)
    except IntegrityError:
        # another import of the same report won the race: say so, as the check above would have
        existing = Source.objects.filter(report_id=report.id).values_list("id", flat=True).first()
        if existing is None:
            raise
        raise AlreadyImported(report.id, existing) from None
    return source


def _audit_created(source: Source, actor: Any) -> None:
    """Write one audit entry per record an import created, the source last with the report it came from."""
    acts = list(Act.objects.filter(reports__source=source).order_by("pk"))
    involved = Involvement.objects.filter(act__in=acts)
    created: list[Any] = [
        *Event.objects.filter(acts__in=acts).distinct().order_by("pk"),
        *Person.objects.filter(pk__in=involved.values("person_id")).order_by("pk"),
        *Organisation.objects.filter(Q(pk__in=involved.values("organisation_id")) | Q(interventions__source=source))
        .distinct()
        .order_by("pk"),
        *acts,
        *involved.order_by("pk"),
        *Intervention.objects.filter(source=source).order_by("pk"),
    ]
    for record in created:
        record_event(actor=actor, action=Action.CREATE, target=record, fields={"source": source.pk})
    record_event(
        actor=actor,
        action=Action.CREATE,
        target=source,
        fields={"report_id": source.report_id, "acts": len(acts), "archive_sha256": source.archive_sha256},
    )


def _search_index_source(source: Source) -> None:
    """Index a source and every record it reports."""
    acts = list(Act.objects.filter(reports__source=source))
    victims = Involvement.objects.filter(act__in=acts)
    search_index(
        sources=[source],
        events=list(Event.objects.filter(acts__in=acts).distinct()),
        acts=acts,
        people=list(Person.objects.filter(pk__in=victims.values("person_id"))),
        organisations=list(
            (
                Organisation.objects.filter(pk__in=victims.values("organisation_id"))
                | Organisation.objects.filter(interventions__source=source)
            ).distinct()
        ),
    )


def _report_write(
    report: Report,
    original: Original | None,
    archived: Archived | None,
    created_by: Any,
    terms: dict[str, dict[str, Any]],
) -> Source:
    info = report.source
    source = Source.objects.create(
        report_id=report.id,
        url=info.url or "",
        publisher=info.publisher or "",
        title=info.title or "",
        published=info.published,
        language=info.language or "",
        file_name=info.file or "",
        archive_sha256=archived.sha256 if archived else "",
        archive_size=archived.size if archived else None,
        archive_media_type=original.media_type if original else "",
        text=original.text if original else "",
        retrieved_at=original.retrieved_at if original else None,
        created_by=created_by,
    )
    event = _event_for(report, created_by)
    parties = _Parties(created_by)
    acts = [_act_create(act, source, event, terms, parties, created_by) for act in report.acts]
    for reported in report.interventions:
        intervention = Intervention.objects.create(
            type=terms["intervention_types"][reported.type],
            by_organisation=parties.organisation(reported.by),
            event=event,
            source=source,
            created_by=created_by,
        )
        intervention.acts.set(acts)
    return source


def _act_create(
    reported: ReportedAct,
    source: Source,
    event: Event,
    terms: dict[str, dict[str, Any]],
    parties: _Parties,
    created_by: Any,
) -> Act:
    is_group = reported.victim_kind == VictimKind.GROUP
    act = Act.objects.create(
        event=event,
        type=terms["act_types"][reported.type],
        victim_kind=reported.victim_kind,
        victim_count=reported.victim_count,
        victim_description=(reported.victim or "") if is_group else "",
        date=reported.date.start,
        date_precision=reported.date.precision,
        duration_days=reported.duration_days,
        amount=reported.amount,
        currency=reported.currency or "",
        country=reported.country or "",
        place=reported.place or "",
        perpetrator_kind=terms["perpetrators"][reported.perpetrator],
        legal_basis=reported.legal_basis or "",
        incident_key=reported.incident or "",
        created_by=created_by,
    )
    if reported.victim and not is_group:
        victim = (
            parties.person(reported.victim)
            if reported.victim_kind == VictimKind.PERSON
            else parties.organisation(reported.victim)
        )
        Involvement.objects.create(
            act=act,
            role=InvolvementRole.VICTIM,
            person=victim if isinstance(victim, Person) else None,
            organisation=victim if isinstance(victim, Organisation) else None,
            created_by=created_by,
        )
    ActSource.objects.create(act=act, source=source, victim_name=reported.victim or "", reported=act_to_dict(reported))
    return act


class _Parties:
    """People and organisations of one report, made once per distinct name."""

    def __init__(self, created_by: Any):
        self.created_by = created_by
        self.people: dict[str, Person] = {}
        self.organisations: dict[str, Organisation] = {}

    def person(self, name: str) -> Person:
        if name not in self.people:
            self.people[name] = Person.objects.create(name=name, created_by=self.created_by)
        return self.people[name]

    def organisation(self, name: str) -> Organisation:
        if name not in self.organisations:
            self.organisations[name] = Organisation.objects.create(name=name, created_by=self.created_by)
        return self.organisations[name]


def _event_for(report: Report, created_by: Any) -> Event:
    """Make the report's event: its title, and the date, country and place most of its acts share."""
    dated = Counter(act.date for act in report.acts if act.date.start)
    when = max(dated, key=lambda d: (dated[d], d)) if dated else None
    countries = Counter(act.country for act in report.acts if act.country)
    places = Counter(act.place for act in report.acts if act.place)
    title = report.source.title or f"Reported by {report.source.publisher or report.id}"
    return Event.objects.create(
        title=title[:500],
        start_date=when.start if when else None,
        start_date_precision=when.precision if when else "unknown",
        country=countries.most_common(1)[0][0] if countries else "",
        place=places.most_common(1)[0][0] if places else "",
        created_by=created_by,
    )


def _terms_for(report: Report, where: str) -> dict[str, dict[str, Any]]:
    """Look up the vocabulary rows a report uses; raise ReportError for codes not in force."""
    used = {
        "act_types": {act.type for act in report.acts},
        "perpetrators": {act.perpetrator for act in report.acts},
        "intervention_types": {i.type for i in report.interventions},
    }
    terms: dict[str, dict[str, Any]] = {}
    problems = []
    for name, codes in used.items():
        model = VOCABULARY_MODELS[name]
        terms[name] = {t.code: t for t in model.objects.filter(code__in=codes, is_active=True)}
        problems += [Problem(name, f"{code!r} is not a term in force") for code in sorted(codes - terms[name].keys())]
    if problems:
        raise ReportError(where, problems)
    return terms


def _article_original(report: Report, articles_dir: Path, *, where: str) -> Original | None:
    """Read the article that `source.file` names (an article JSON with `text`, or plain text)."""
    if not report.source.file:
        return None
    path = articles_dir / Path(report.source.file).name
    if not path.is_file():
        raise ReportError(where, [Problem("source.file", f"no article {path.name!r} in {articles_dir}")])
    if path.stat().st_size > ARTICLE_MAX_BYTES:
        raise ReportError(where, [Problem("source.file", f"the article {path.name!r} is over 20 MB")])
    content = path.read_bytes()
    try:
        text = content.decode("utf-8")
        if path.suffix == ".json":
            article = json.loads(text)
            return Original(content, "application/json", str(article.get("text") or ""))
    except (UnicodeDecodeError, json.JSONDecodeError, AttributeError):
        raise ReportError(
            where, [Problem("source.file", f"the article {path.name!r} is not UTF-8 JSON or text")]
        ) from None
    return Original(content, "text/plain; charset=utf-8", text)


# Review: a documenter checks a draft source against its text and saves it as verified records -------


KEEP = "keep"
NEW = "new"


@dataclass(frozen=True, slots=True)
class ActReview:
    """A documenter's decision on one draft act: rejected, or accepted with its fields as corrected.

    `victim_link` says who the victim is: KEEP the party the draft names (renamed to
    `victim_name`), NEW for a new record of that name, or the id of a person or organisation
    already recorded, to which `victim_name` is added as an alias when it is written otherwise.
    `same_as` is the id of an act already recorded that this one is (selectors.act_matches
    proposes them): the act is accepted, then merged into that act, whose corroborating source
    this source becomes.
    """

    act_id: int
    accept: bool
    fields: dict[str, Any]
    victim_name: str = ""
    victim_link: str | int = KEEP
    same_as: int | None = None


@dataclass(frozen=True, slots=True)
class Reviewed:
    verified: int
    rejected: int
    told_already: int = 0  # of the verified: merged into an act already recorded


class ReviewError(Exception):
    """A review that cannot be saved as given; the message says what to change."""


ACT_REVIEW_FIELDS = frozenset(
    {
        "type",
        "victim_kind",
        "victim_count",
        "victim_description",
        "date",
        "date_precision",
        "duration_days",
        "amount",
        "currency",
        "country",
        "place",
        "perpetrator_kind",
        "perpetrator_name",
        "legal_basis",
        "description",
    }
)


def source_review(*, source: Source, reviews: list[ActReview], reviewed_by: Any) -> Reviewed:
    """Save a documenter's review of a draft source, in one transaction: acts verified or rejected.

    Accepted acts take the corrected fields and are verified with their victim; rejected acts are
    deleted, with the draft people, organisations and events left without any act. The source is
    verified once none of its acts is a draft any more. The search index follows.

    A draft party linked to a recorded one in one act is merged into it: the other acts that keep
    the draft's party (KEEP) follow the link, so that one person is not linked act by act.

    An act said to be the same as one already recorded (`same_as`) is accepted with that act's
    victim, unless linked to another, then merged into it (records/merging.py): the recorded act
    keeps its fields and gains this source as a corroborating one.
    """
    with transaction.atomic():
        source = Source.objects.select_for_update().get(pk=source.pk)
        acts = {act.pk: act for act in Act.objects.filter(reports__source=source).select_for_update()}
        unknown = [review.act_id for review in reviews if review.act_id not in acts]
        if unknown:
            raise ReviewError(f"Acts {unknown} are not reported by this source.")
        verified = rejected = told_already = 0
        touched_parties: set[tuple[type, int]] = set()
        events = {act.event_id for act in acts.values()}
        told = _told_already(reviews, acts, reviewed_by)
        reviews = _follow_merges([_victim_of_told(review, told) for review in reviews], acts)
        for review in reviews:
            act = acts[review.act_id]
            touched_parties |= _victims_of(act)
            if review.accept:
                _act_accept(act, review, reviewed_by, touched_parties)
                verified += 1
                if review.same_as is not None:
                    _act_merge_into_told(act, told[review.same_as], reviewed_by)
                    told_already += 1
            else:
                if act.merged_from.exists():
                    raise ReviewError(
                        f"Act #{act.pk} holds acts merged into it: undo those merges before rejecting it."
                    )
                _search_forget("act", [act.pk])
                _audit_delete(act, reviewed_by)
                act.delete()
                rejected += 1
        _drop_orphans(touched_parties, reviewed_by)
        for event in Event.objects.filter(pk__in=events):
            if not event.acts.exists():
                _search_forget("event", [event.pk])
                _audit_delete(event, reviewed_by)
                event.delete()
            elif not event.acts.filter(status="draft").exists() and event.status == "draft":
                event.status = "verified"
                event.save(update_fields=["status", "updated_at"])
                record_event(actor=reviewed_by, action=Action.CHANGE, target=event, fields={"status": event.status})
        if not Act.objects.filter(reports__source=source, status="draft").exists():
            source.status = "verified"
            source.save(update_fields=["status", "updated_at"])
        record_event(
            actor=reviewed_by,
            action=Action.CHANGE,
            target=source,
            fields={"status": source.status, "verified": verified, "rejected": rejected, "told already": told_already},
        )
        accepted = [r.act_id for r in reviews if r.accept] + [r.same_as for r in reviews if r.accept and r.same_as]
        search_index(
            sources=[source],
            events=list(Event.objects.filter(pk__in=events)),
            acts=list(Act.objects.filter(pk__in=accepted, merged_into__isnull=True)),
            people=list(Person.objects.filter(pk__in=[pk for kind, pk in touched_parties if kind is Person])),
            organisations=list(
                Organisation.objects.filter(pk__in=[pk for kind, pk in touched_parties if kind is Organisation])
            ),
        )
    return Reviewed(verified, rejected, told_already)


def _told_already(reviews: list[ActReview], acts: dict[int, Act], user: Any) -> dict[int, Act]:
    """Return the recorded acts that reviewed acts are said to be, by id; raise ReviewError for one not found."""
    wanted = {review.same_as for review in reviews if review.accept and review.same_as is not None}
    found = {act.pk: act for act in access.visible_acts(user).filter(pk__in=wanted)}
    for review in reviews:
        if review.accept and review.same_as is not None and (review.same_as not in found or review.same_as in acts):
            raise ReviewError(
                f"Act #{review.act_id}: there is no other recorded act #{review.same_as} to add this source to."
            )
    return found


def _victim_of_told(review: ActReview, told: dict[int, Act]) -> ActReview:
    """Link the victim of an act said to be a recorded one to that act's victim, unless linked otherwise."""
    if not review.accept or review.same_as is None or review.victim_link != KEEP:
        return review
    victim = told[review.same_as].involvements.filter(role=InvolvementRole.VICTIM).first()
    kind = review.fields.get("victim_kind", told[review.same_as].victim_kind)
    if victim is None:
        return review
    party = victim.person_id if kind == VictimKind.PERSON else victim.organisation_id
    if party is None:
        return review
    return replace(review, victim_link=party)


def _act_merge_into_told(act: Act, told: Act, user: Any) -> None:
    """Merge a reviewed act into the recorded act it is: its source becomes a corroborating source of that act."""
    act.refresh_from_db()
    try:
        merging.acts_merge(kept=told, merged=act, by=user)
    except merging.MergeError as error:
        raise ReviewError(f"Act #{act.pk} is not added to act #{told.pk}: {error}") from None


def _follow_merges(reviews: list[ActReview], acts: dict[int, Act]) -> list[ActReview]:
    """Point the acts that keep a draft party at the recorded party it is linked to in another act."""
    drafts = {review.act_id: _draft_victim(acts[review.act_id]) for review in reviews}
    merged = {
        drafts[review.act_id]: review.victim_link
        for review in reviews
        if review.accept and isinstance(review.victim_link, int) and drafts[review.act_id] is not None
    }
    return [
        replace(review, victim_link=merged[drafts[review.act_id]])
        if review.accept and review.victim_link == KEEP and drafts[review.act_id] in merged
        else review
        for review in reviews
    ]


def _draft_victim(act: Act) -> tuple[str, int] | None:
    """Return the act's victim as (kind, id) when it is a draft record, else None."""
    victim = act.involvements.filter(role=InvolvementRole.VICTIM).first()
    if victim is None:
        return None
    party = victim.party
    if party is None or party.status != "draft":
        return None
    return ("person" if isinstance(party, Person) else "organisation", party.pk)


def _victims_of(act: Act) -> set[tuple[type, int]]:
    parties: set[tuple[type, int]] = set()
    for involvement in act.involvements.filter(role=InvolvementRole.VICTIM):
        if involvement.person_id:
            parties.add((Person, involvement.person_id))
        if involvement.organisation_id:
            parties.add((Organisation, involvement.organisation_id))
    return parties


def _act_accept(act: Act, review: ActReview, user: Any, touched: set[tuple[type, int]]) -> None:
    changed: dict[str, Any] = {}
    for name, value in review.fields.items():
        if name not in ACT_REVIEW_FIELDS:
            raise ReviewError(f"{name!r} is not a field a review may change.")
        if _field_value(act, name) != _field_value_of(value):
            changed[name] = value
        setattr(act, name, value)
    act.status = "verified"
    act.save()
    record_event(actor=user, action=Action.CHANGE, target=act, fields={**changed, "status": act.status})
    victim = act.involvements.filter(role=InvolvementRole.VICTIM).select_related("person", "organisation").first()
    if act.victim_kind == VictimKind.GROUP:
        if victim is not None:
            _audit_delete(victim, user)
            victim.delete()
        return
    model: type[Person] | type[Organisation] = Person if act.victim_kind == VictimKind.PERSON else Organisation
    name = " ".join(review.victim_name.split())
    current = victim.party if victim is not None else None
    if not isinstance(current, model):
        current = None
    party_changes: dict[str, Any] = {}
    party_action = Action.CHANGE
    if isinstance(review.victim_link, int):
        party = model.objects.filter(pk=review.victim_link).first()
        if party is None:
            raise ReviewError(f"There is no {model._meta.verbose_name} #{review.victim_link} to link to.")
        if name and name != party.name:
            party.aliases.get_or_create(name=name[:300])
            party_changes["aliases"] = name[:300]
    elif review.victim_link == KEEP and current is not None:
        party = current
        if name and name != party.name:
            if party.name:  # the name it had stays findable: it is how a source wrote it
                party.aliases.get_or_create(name=party.name)
            party.name = name[:300]
            party_changes["name"] = party.name
    elif name:
        party = model.objects.create(name=name[:300], created_by=user)
        party_action, party_changes = Action.CREATE, {"name": party.name}
    else:
        raise ReviewError(f"Act #{act.pk}: give the victim's name, or choose 'unnamed group'.")
    if party.status != "verified":
        party_changes["status"] = "verified"
    party.status = "verified"
    party.save()
    party.aliases.filter(name=party.name).delete()
    if party_changes:
        record_event(actor=user, action=party_action, target=party, fields=party_changes)
    touched.add((model, party.pk))
    victim_action = Action.CHANGE
    if victim is None:
        victim = Involvement(act=act, role=InvolvementRole.VICTIM, created_by=user)
        victim_action = Action.CREATE
    victim.person = party if isinstance(party, Person) else None
    victim.organisation = party if isinstance(party, Organisation) else None
    victim.status = "verified"
    victim.save()
    record_event(
        actor=user,
        action=victim_action,
        target=victim,
        fields={"person": victim.person_id, "organisation": victim.organisation_id, "status": victim.status},
    )


def _field_value(record: Any, name: str) -> Any:
    """Return a field's value as a review gives it: the id of a related record, else the value."""
    field = record._meta.get_field(name)
    return getattr(record, field.attname) if field.is_relation else getattr(record, name)


def _field_value_of(value: Any) -> Any:
    return getattr(value, "pk", value)


def _audit_delete(record: Any, actor: Any) -> None:
    """Write the deletion of a record to the audit trail, before it is deleted (its id is gone after)."""
    record_event(actor=actor, action=Action.DELETE, target=record)


def _drop_orphans(parties: set[tuple[type, int]], actor: Any) -> None:
    """Delete the draft people and organisations that no act, intervention or affiliation names any more."""
    for model, pk in parties:
        # a party merged into another is kept whole for the merge's undo (records/merging.py)
        party = model.objects.filter(pk=pk, status="draft", merged_into__isnull=True).first()
        if party is None or party.involvements.exists() or party.interventions.exists() or party.affiliations.exists():
            continue
        _search_forget("person" if model is Person else "organisation", [pk])
        _audit_delete(party, actor)
        party.delete()


# Incidents: the acts that several sources tell of one real-world act -------------------------------------


@dataclass(frozen=True, slots=True)
class Linked:
    """What `incident_keys_link` found: acts, incidents told by several sources, keys changed (or to change)."""

    acts: int
    shared: int
    changed: int


def incident_keys_link(*, actor: Any = None, dry_run: bool = False) -> Linked:
    """Give the acts that several sources tell of one real-world act a shared incident key, in one transaction.

    The keys are core.linking.link_reports' over every source as a report, as `vigil extract --link`
    gives them to articles; running it again changes nothing. An act that several sources
    report (a corroborated act) takes one key, and with it the acts linked to any of its reports.
    One audit entry tells how many keys changed; the keys themselves, which hold victims' names,
    are not in it. With `dry_run`, nothing is written.
    """
    with transaction.atomic():
        pairs = list(selectors.source_reports_with_acts())
        linked = link_reports([report for report, _ in pairs])
        keys = _incident_keys(
            [
                (act_id, act.incident or "")
                for (_, act_ids), report in zip(pairs, linked, strict=True)
                for act_id, act in zip(act_ids, report.acts, strict=True)
            ]
        )
        sources: dict[str, set[str]] = {}
        for report, act_ids in pairs:
            for act_id in act_ids:
                sources.setdefault(keys[act_id], set()).add(report.id)
        changed = [
            act
            for act in Act.objects.filter(pk__in=list(keys)).only("id", "incident_key")
            if act.incident_key != keys[act.pk]
        ]
        outcome = Linked(len(keys), sum(1 for told in sources.values() if len(told) > 1), len(changed))
        if dry_run or not changed:
            return outcome
        for act in changed:
            act.incident_key = keys[act.pk]
        Act.objects.bulk_update(changed, ["incident_key"], batch_size=1000)
        record_event(
            actor=actor,
            action=Action.CHANGE,
            target=("records.act", None),
            fields={"incident keys changed": outcome.changed, "acts": outcome.acts, "shared incidents": outcome.shared},
        )
    return outcome


def _incident_keys(found: list[tuple[int, str]]) -> dict[int, str]:
    """Return one key per act: an act told by several reports joins the incidents of all its reports.

    `found` holds (act id, key) for each report's act, in the reports' order; an incident joined
    so keeps one of its keys, the same one on every run over the same records.
    """
    parent: dict[str, str] = {}

    def root(key: str) -> str:
        while parent.setdefault(key, key) != key:
            key = parent[key]
        return key

    first: dict[int, str] = {}
    for act_id, key in found:
        if act_id in first:
            a, b = root(first[act_id]), root(key)
            if a != b:
                parent[b] = a
        else:
            first[act_id] = key
            root(key)
    return {act_id: root(key) for act_id, key in first.items()}


# The search index ----------------------------------------------------------------------------------


def search_index(
    *,
    sources: list[Source] = (),  # type: ignore[assignment]
    events: list[Event] = (),  # type: ignore[assignment]
    acts: list[Act] = (),  # type: ignore[assignment]
    people: list[Person] = (),  # type: ignore[assignment]
    organisations: list[Organisation] = (),  # type: ignore[assignment]
) -> int:
    """Write the search entries of these records, replacing the ones they had; return how many were written."""
    entries = selectors.search_entries(
        sources=sources, events=events, acts=acts, people=people, organisations=organisations
    )
    with transaction.atomic():
        for kind in {entry.kind for entry in entries}:
            SearchEntry.objects.filter(
                kind=kind, record_id__in=[e.record_id for e in entries if e.kind == kind]
            ).delete()
        SearchEntry.objects.bulk_create(entries, batch_size=500)
    return len(entries)


def search_rebuild() -> int:
    """Write the search entries of every record again; return how many were written."""
    written = 0
    with transaction.atomic():
        SearchEntry.objects.all().delete()
        for model, name in (
            (Source, "sources"),
            (Event, "events"),
            (Person, "people"),
            (Organisation, "organisations"),
            (Act, "acts"),
        ):
            ids = list(model.objects.values_list("pk", flat=True))
            for start in range(0, len(ids), 2000):
                chunk = list(model.objects.filter(pk__in=ids[start : start + 2000]))
                entries = selectors.search_entries(**{name: chunk})
                SearchEntry.objects.bulk_create(entries, batch_size=500)
                written += len(entries)
    return written


def _search_forget(kind: str, ids: list[int]) -> None:
    SearchEntry.objects.filter(kind=kind, record_id__in=ids).delete()


def sensitive_details_update(*, record: Any, values: dict[str, str], changed_by: Any) -> list[str]:
    """Change a record's sensitive fields (SENSITIVE_FIELDS) in one transaction; return the names changed.

    Only the names of the fields changed leave this function: never their values.
    """
    allowed = set(SENSITIVE_FIELDS.get(record._meta.label, ()))
    unknown = set(values) - allowed
    if unknown:
        raise ValueError(f"{record._meta.label} has no sensitive field {', '.join(sorted(unknown))}")
    with transaction.atomic():
        locked = type(record).objects.select_for_update().get(pk=record.pk)
        changed = [name for name, value in values.items() if getattr(locked, name) != value]
        for name in changed:
            setattr(locked, name, values[name])
            setattr(record, name, values[name])
        if changed:
            locked.save(update_fields=[*changed, "updated_at"])
            record_event(actor=changed_by, action=Action.CHANGE, target=locked, fields=changed)  # names only
    return changed
