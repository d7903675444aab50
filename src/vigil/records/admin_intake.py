"""The administration's page for taking in an article: read it, preview its draft report, save it as draft records.

A documenter gives a web address, a file or pasted text. "Preview" reads the article, extracts its
draft report and archives the original bytes; nothing is written to the database. The preview
carries a signed token that names the archived original and how it was read, never the bytes
themselves. "Save as draft records" reads the original back from the archive and extracts again
(extraction is deterministic), so what is saved is what the documenter saw, and a token cannot
bring in content that Vigil did not read itself.

The intake modules load trafilatura and language models; they are imported when the page is
used, so that starting Django (every `vigil` command, every test run) does not pay for them.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import PurePath
from typing import TYPE_CHECKING, Any

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core import signing
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from vigil.core import vocab
from vigil.core.archive import Archive, ArchiveError
from vigil.core.report import Report, ReportedAct, ReportError
from vigil.intake import IntakeError
from vigil.records.models import Source
from vigil.records.services import AlreadyImported, Original, report_import

if TYPE_CHECKING:
    from django.contrib.admin import ModelAdmin

    from vigil.intake.article import Article

TEMPLATE = "admin/records/source/intake.html"
SAVE_SALT = "vigil.records.admin_intake.save"
TOKEN_VERSION = 1
TOKEN_MAX_AGE = timedelta(days=1)
UPLOAD_MAX_BYTES = 10 * 1024 * 1024  # vigil.intake.article.MAX_BYTES: checked here before the upload is read
OTHER_LANGUAGE = "other"
LANGUAGE_CHOICES = (
    ("", _("As detected")),
    ("en", _("English")),
    ("ru", _("Russian")),
    ("fr", _("French")),
    ("es", _("Spanish")),
    (OTHER_LANGUAGE, _("Another language")),
)
_LANGUAGE_NAMES = {code: name for code, name in LANGUAGE_CHOICES if code and code != OTHER_LANGUAGE}
_INPUTS = ("url", "file", "text")
_FILE_NAME_LIMIT = 200  # an article's id is made of its file name, and ids are 200 characters at most
_CHARSET = re.compile(r"[A-Za-z0-9._:\-]{1,40}")


class IntakeForm(forms.Form):
    """One article, given as a web address, a file or pasted text, with optional corrections."""

    url = forms.URLField(
        label=_("Web address"),
        required=False,
        max_length=2000,
        assume_scheme="https",
        help_text=_("The address of the article's page, such as https://example.org/news/123."),
    )
    file = forms.FileField(
        label=_("File"),
        required=False,
        help_text=_("A saved web page (HTML), a plain-text file or an article JSON; 10 MB at most."),
    )
    text = forms.CharField(
        label=_("Text"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 12, "cols": 90}),
        help_text=_(
            "The article's text, copied and pasted. A short first line without a full stop is taken as the "
            "title; a line such as 'Published: 2025-03-04' gives the date."
        ),
    )
    language = forms.ChoiceField(
        label=_("Language"),
        required=False,
        choices=LANGUAGE_CHOICES,
        help_text=_("Choose only if Vigil takes the language wrongly."),
    )
    published = forms.DateField(
        label=_("Publication date"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_(
            "Give it when the article does not say it or says it wrongly: dates such as 'on Friday' are "
            "counted from it."
        ),
    )

    def article_fields(self) -> list[forms.BoundField]:
        """Return the three ways of giving the article, for the template."""
        return [self[name] for name in _INPUTS]

    def correction_fields(self) -> list[forms.BoundField]:
        """Return the optional corrections, for the template."""
        return [self["language"], self["published"]]

    def clean_file(self) -> Any:
        upload = self.cleaned_data.get("file")
        if upload is not None and upload.size > UPLOAD_MAX_BYTES:
            raise forms.ValidationError(
                gettext("This file is %(size).1f MB; an article may be at most %(limit)d MB.")
                % {"size": upload.size / 1024 / 1024, "limit": UPLOAD_MAX_BYTES // 1024 // 1024}
            )
        return upload

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if any(name in self.errors for name in _INPUTS):
            return cleaned  # the field's own error says more than "give one of them"
        given = [name for name in _INPUTS if cleaned.get(name)]
        if not given:
            raise forms.ValidationError(
                gettext("Give the article in one of three ways: its web address, a file, or its text pasted below.")
            )
        if len(given) > 1:
            labels = gettext(" and ").join(str(self.fields[name].label).lower() for name in given)
            raise forms.ValidationError(
                gettext("Give only one of web address, file and text: you gave %(given)s.") % {"given": labels}
            )
        return cleaned


INTAKE_PERMISSIONS = ("records.add_source", "records.add_act", "records.add_person", "records.add_organisation")


def intake_view(request: HttpRequest, model_admin: ModelAdmin[Source]) -> HttpResponse:
    """Show the intake form; preview the draft report of an article; save a previewed draft as records."""
    # saving writes a source and the acts, people and organisations it reports
    if not model_admin.has_add_permission(request) or not request.user.has_perms(INTAKE_PERMISSIONS):
        raise PermissionDenied
    if request.method == "POST" and "save" in request.POST:
        return _save(request)
    form = IntakeForm(request.POST, request.FILES) if request.method == "POST" else IntakeForm()
    context: dict[str, Any] = {}
    if form.is_bound and form.is_valid():
        try:
            context = _preview(form.cleaned_data, request)
        except IntakeError as error:
            form.add_error(None, str(error))
    return TemplateResponse(
        request,
        TEMPLATE,
        {
            **model_admin.admin_site.each_context(request),
            "opts": Source._meta,
            "title": "Take in an article",
            "form": form,
            **context,
        },
    )


# Preview and save -------------------------------------------------------------------------------


class IntakeSaveError(Exception):
    """A previewed draft that cannot be saved; the message says why, and `source_id` names a source already there."""

    def __init__(self, message: str, *, source_id: int | None = None):
        self.source_id = source_id
        super().__init__(message)


def preview(data: dict[str, Any], user: Any) -> dict[str, Any]:
    """Read the article of a valid IntakeForm, extract its draft report and archive the original.

    Return what a preview shows: the draft, and the signed token that saving it needs.
    """
    origin, content = _receive(data)
    origin["language"] = data.get("language") or ""
    origin["published"] = data["published"].isoformat() if data.get("published") else ""
    article = _article_of(origin, content)
    report = _extract(article, origin["language"])
    archived = Archive(settings.ARCHIVE_DIR).put(content)
    token = signing.dumps(
        {"v": TOKEN_VERSION, "user": str(user.pk), "sha256": archived.sha256, **origin}, salt=SAVE_SALT
    )
    return {"draft": _draft(report, archived.sha256), "token": token}


def save_previewed(token: str, user: Any) -> tuple[Source, int]:
    """Check a preview's token, read its original back from the archive, and save the draft records.

    Return the source and how many acts it reports; raise IntakeSaveError with a message to show.
    """
    try:
        payload = signing.loads(token, salt=SAVE_SALT, max_age=TOKEN_MAX_AGE)
    except signing.SignatureExpired:
        raise IntakeSaveError(
            gettext("This preview is more than a day old, so it cannot be saved. Take the article in again.")
        ) from None
    except signing.BadSignature:
        payload = None
    if not isinstance(payload, dict) or payload.get("v") != TOKEN_VERSION or payload.get("user") != str(user.pk):
        raise IntakeSaveError(
            gettext(
                "This preview cannot be saved: it was changed, or made for another user. Take the article in again."
            )
        )
    try:
        content = Archive(settings.ARCHIVE_DIR).get(payload["sha256"])
    except ArchiveError:
        raise IntakeSaveError(
            gettext("The original of this preview is no longer in the archive. Take the article in again.")
        ) from None
    try:
        article = _article_of(payload, content)
        report = _extract(article, payload["language"])
        source = report_import(
            report=report,
            original=Original(
                content,
                _media_type(payload, article),
                article.text,
                retrieved_at=datetime.fromisoformat(payload["retrieved_at"]),
            ),
            created_by=user,
            where=_label(payload),
        )
    except AlreadyImported as error:
        raise IntakeSaveError(gettext("This article is already recorded."), source_id=error.source_id) from None
    except (IntakeError, ReportError) as error:
        raise IntakeSaveError(gettext("Nothing was saved: %(error)s") % {"error": error}) from None
    return source, len(report.acts)


def _preview(data: dict[str, Any], request: HttpRequest) -> dict[str, Any]:
    return preview(data, request.user)


def _save(request: HttpRequest) -> HttpResponse:
    """Save a previewed draft and open its source; on failure, say why on the intake page."""
    here = reverse("admin:records_source_intake")
    try:
        source, count = save_previewed(request.POST.get("token", ""), request.user)
    except IntakeSaveError as error:
        if error.source_id is not None:
            link = reverse("admin:records_source_change", args=[error.source_id])
            messages.error(
                request,
                format_html(
                    'This article is already recorded: <a href="{}">open its source</a>. Nothing was saved.', link
                ),
            )
        else:
            messages.error(request, str(error))
        return HttpResponseRedirect(here)
    messages.success(request, f"Saved: {count} {'act' if count == 1 else 'acts'} as drafts.")
    return HttpResponseRedirect(reverse("admin:records_source_change", args=[source.pk]))


# Reading the article ----------------------------------------------------------------------------


def _receive(data: dict[str, Any]) -> tuple[dict[str, Any], bytes]:
    """Take the bytes the documenter gave, fetching a web address; return how to read them, and them."""
    now = datetime.now(UTC).isoformat()
    if data.get("url"):
        from vigil.intake.fetch import fetch

        fetched = fetch(data["url"], guard=_guard())
        origin = {
            "kind": "url",
            "url": fetched.url,
            "final_url": fetched.final_url,
            "status": fetched.status,
            "content_type": fetched.content_type,
            "charset": fetched.charset,
            "retrieved_at": fetched.retrieved_at.isoformat(),
        }
        return origin, fetched.body
    if data.get("file"):
        upload = data["file"]
        name = PurePath(upload.name or "upload").name[-_FILE_NAME_LIMIT:]  # the end keeps the extension
        upload.seek(0)
        return {"kind": "file", "file_name": name, "retrieved_at": now}, upload.read(UPLOAD_MAX_BYTES + 1)
    return {"kind": "text", "retrieved_at": now}, data["text"].encode("utf-8")


def _guard() -> Any:
    """Return the fetch guard: public addresses only, and the (ip, port) pairs that tests open in settings."""
    from vigil.intake.fetch import Guard

    allowed = getattr(settings, "VIGIL_INTAKE_FETCH_ALLOW", ())
    return Guard(allow=frozenset((str(ip), int(port)) for ip, port in allowed))


def _article_of(origin: dict[str, Any], content: bytes) -> Article:
    """Read the article from its original bytes as it was read when received, with the corrections given."""
    from vigil.intake.article import article_from_bytes, article_from_fetched, article_from_text
    from vigil.intake.fetch import Fetched

    if origin["kind"] == "url":
        article = article_from_fetched(
            Fetched(
                url=origin["url"],
                final_url=origin["final_url"],
                status=origin["status"],
                headers={},
                content_type=origin["content_type"],
                charset=origin["charset"],
                body=content,
                sha256=hashlib.sha256(content).hexdigest(),
                retrieved_at=datetime.fromisoformat(origin["retrieved_at"]),
            )
        )
    elif origin["kind"] == "file":
        article = article_from_bytes(content, file_name=origin["file_name"])
    else:
        article = article_from_text(content)
    if origin["published"]:
        article = replace(article, published=date.fromisoformat(origin["published"]))
    language = origin["language"]
    if language == OTHER_LANGUAGE:
        return replace(article, language=article.language if article.language not in _LANGUAGE_NAMES else None)
    return replace(article, language=language) if language else article


def _extract(article: Article, language: str) -> Report:
    """Extract the draft report; "another language" keeps the language blank unless another one was detected."""
    from vigil.intake.pipeline import extract

    report = extract(article)
    if language == OTHER_LANGUAGE:
        return replace(report, source=replace(report.source, language=article.language))
    return report


def _media_type(origin: dict[str, Any], article: Article) -> str:
    """Return the media type to archive the original under, with the charset it was read in when known."""
    if origin["kind"] == "text":
        return "text/plain; charset=utf-8"
    media = article.media_type or "application/octet-stream"
    charset = origin.get("charset")
    return f"{media}; charset={charset}" if charset and _CHARSET.fullmatch(charset) else media


def _label(origin: dict[str, Any]) -> str:
    if origin["kind"] == "url":
        return str(origin["final_url"] or origin["url"])
    if origin["kind"] == "file":
        return str(origin["file_name"])
    return "the pasted text"


# What the preview shows -------------------------------------------------------------------------


def _draft(report: Report, sha256: str) -> dict[str, Any]:
    """Return the draft report as the preview shows it: labels instead of codes, numbers without trailing zeros."""
    source = report.source
    act_types, perpetrators, interventions = (
        {term.code: term.label for term in vocab.terms(name)}
        for name in ("act_types", "perpetrators", "intervention_types")
    )
    return {
        "id": report.id,
        "title": source.title or "",
        "publisher": source.publisher or "",
        "published": source.published.isoformat() if source.published else "",
        "language": _LANGUAGE_NAMES.get(source.language, source.language) if source.language else "",
        "url": source.url or "",
        "file_name": source.file or "",
        "sha256": sha256,
        "acts": [_act_row(act, act_types, perpetrators) for act in report.acts],
        "interventions": [{"by": i.by, "type": interventions.get(i.type, i.type)} for i in report.interventions],
    }


def _act_row(act: ReportedAct, act_types: dict[str, str], perpetrators: dict[str, str]) -> dict[str, Any]:
    return {
        "type_code": act.type,
        "type": act_types.get(act.type, act.type),
        "victim": act.victim or "",
        "kind": act.victim_kind,
        "count": act.victim_count if act.victim_count is not None else "",
        "date": act.date.isoformat() or "",
        "duration": f"{_number(act.duration_days)} days" if act.duration_days is not None else "",
        "amount": f"{_number(act.amount)} {act.currency or ''}".strip() if act.amount is not None else "",
        "place": act.place or "",
        "country": act.country or "",
        "perpetrator": perpetrators.get(act.perpetrator, act.perpetrator),
        "legal_basis": act.legal_basis or "",
    }


def _number(value: Decimal) -> str:
    return f"{value.normalize():f}"
