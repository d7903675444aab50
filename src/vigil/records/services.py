"""Write records: every change of state goes through one function here, in one transaction."""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.contrib.auth.password_validation import validate_password
from django.db import IntegrityError, transaction

from vigil.core import vocab
from vigil.core.archive import Archive, Archived
from vigil.core.report import Problem, Report, ReportedAct, ReportError, act_to_dict, read_report
from vigil.records import selectors
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
    Role,
    Source,
    VictimKind,
)

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


def user_create(*, username: str, password: str, email: str = "", admin: bool = False) -> Any:
    """Create a login: an administrator, or a documenter who may view, add and change records.

    Roles with per-record access come with the security work; until then a documenter is a
    staff user with the records app's view, add and change permissions.
    """
    user_model = get_user_model()
    candidate = user_model(username=username, email=email)
    validate_password(password, user=candidate)
    with transaction.atomic():
        if admin:
            return user_model.objects.create_superuser(username=username, email=email, password=password)
        user = user_model.objects.create_user(username=username, email=email, password=password, is_staff=True)
        user.user_permissions.set(
            Permission.objects.filter(content_type__app_label="records").exclude(codename__startswith="delete_")
        )
    return user


def demo_user_reset(*, username: str, password: str) -> Any:
    """Create the demo login, or give it a new password; it is an administrator of the demo database."""
    user_model = get_user_model()
    with transaction.atomic():
        user, _ = user_model.objects.get_or_create(username=username)
        user.is_staff = user.is_superuser = user.is_active = True
        user.set_password(password)
        user.save()
    return user


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
    except IntegrityError:
        # another import of the same report won the race: say so, as the check above would have
        existing = Source.objects.filter(report_id=report.id).values_list("id", flat=True).first()
        if existing is None:
            raise
        raise AlreadyImported(report.id, existing) from None
    return source


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
