"""Lists of acts, events, people, organisations and sources: filtered, paginated, and exportable as CSV."""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import render
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from vigil.audit import services as audit
from vigil.records import selectors
from vigil.records.models import Organisation, Person
from vigil.workspace.forms import FilterForm
from vigil.workspace.templatetags.workspace import country_name

PER_PAGE = 50
CSV_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


@login_required
def acts(request: HttpRequest) -> HttpResponse:
    """List acts by country, type, dates, perpetrator, status and words."""
    return _browse(request, "acts", _("Acts"), selectors.acts_browse, _act_rows, ACT_COLUMNS)


@login_required
def events(request: HttpRequest) -> HttpResponse:
    """List events; the act type and perpetrator filters keep those with such an act."""
    return _browse(request, "events", _("Events"), selectors.events_browse, _event_rows, EVENT_COLUMNS)


@login_required
def people(request: HttpRequest) -> HttpResponse:
    """List people; act type, perpetrator and dates keep those who suffered such an act."""
    return _browse(request, "people", _("People"), selectors.people_browse, _party_rows, PARTY_COLUMNS)


@login_required
def organisations(request: HttpRequest) -> HttpResponse:
    """List organisations; act type, perpetrator and dates keep those that suffered such an act."""
    return _browse(
        request, "organisations", _("Organisations"), selectors.organisations_browse, _party_rows, PARTY_COLUMNS
    )


@login_required
def sources(request: HttpRequest) -> HttpResponse:
    """List sources by the dates they were published and the acts they report."""
    return _browse(request, "sources", _("Sources"), selectors.sources_browse, _source_rows, SOURCE_COLUMNS)


def _browse(
    request: HttpRequest,
    name: str,
    title: Any,
    select: Callable[..., QuerySet],
    rows: Callable[[Iterable[Any]], Iterator[list[Any]]],
    columns: list[str],
) -> HttpResponse:
    language = translation.get_language() or "en"
    countries = sorted(
        ((code, country_name(code, language)) for code in selectors.countries_in_use(user=request.user)),
        key=lambda c: c[1],
    )
    form = FilterForm(request.GET or None, countries=countries)
    records = select(form.filters(), user=request.user)
    if request.GET.get("format") == "csv":
        audit.record_export(
            request,
            name,
            filters=[key for key, value in request.GET.items() if value and key not in ("format", "page")],
        )
        return _csv(f"vigil-{name}.csv", columns, rows(records.iterator(chunk_size=500)))
    page = Paginator(records, PER_PAGE).get_page(request.GET.get("page"))
    if name in ("people", "organisations"):
        counts = selectors.victim_act_counts(
            Person if name == "people" else Organisation, [r.pk for r in page], user=request.user
        )
        for party in page:
            party.act_count = counts.get(party.pk, 0)
    if name == "acts":
        sources = selectors.act_source_counts(page, user=request.user)
        for act in page:
            act.source_count = sources[act.pk]
    return render(request, f"workspace/{name}.html", {"title": title, "form": form, "page": page})


# CSV --------------------------------------------------------------------------------------------------

ACT_COLUMNS = [
    "id", "date", "date_precision", "type", "victim", "victim_kind", "victim_count", "country", "place",
    "perpetrator", "perpetrator_name", "duration_days", "amount", "currency", "legal_basis", "status",
    "event_id", "event",
]  # fmt: skip
EVENT_COLUMNS = ["id", "title", "start_date", "start_date_precision", "end_date", "country", "place", "status"]
PARTY_COLUMNS = ["id", "name", "country", "status"]
SOURCE_COLUMNS = ["id", "title", "publisher", "url", "published", "language", "archive_sha256", "status"]


def _act_rows(acts: Iterable[Any]) -> Iterator[list[Any]]:
    for act in acts:
        victims = ", ".join(str(v.party) for v in act.victim_involvements) or act.victim_description
        yield [
            act.pk, act.date or "", act.date_precision, act.type.code, victims, act.victim_kind,
            act.victim_count or "", act.country, act.place,
            act.perpetrator_kind.code if act.perpetrator_kind else "", act.perpetrator_name,
            act.duration_days if act.duration_days is not None else "",
            act.amount if act.amount is not None else "", act.currency, act.legal_basis, act.status,
            act.event_id, act.event.title,
        ]  # fmt: skip


def _event_rows(events: Iterable[Any]) -> Iterator[list[Any]]:
    for e in events:
        yield [
            e.pk,
            e.title,
            e.start_date or "",
            e.start_date_precision,
            e.end_date or "",
            e.country,
            e.place,
            e.status,
        ]


def _party_rows(parties: Iterable[Any]) -> Iterator[list[Any]]:
    for party in parties:
        yield [party.pk, party.name, party.country, party.status]


def _source_rows(sources: Iterable[Any]) -> Iterator[list[Any]]:
    for s in sources:
        yield [s.pk, str(s), s.publisher, s.url, s.published or "", s.language, s.archive_sha256, s.status]


class _Echo:
    def write(self, value: str) -> str:
        return value


def _csv(filename: str, columns: list[str], rows: Iterator[list[Any]]) -> StreamingHttpResponse:
    """Stream rows as CSV; a cell that a spreadsheet would run as a formula is quoted with an apostrophe."""
    writer = csv.writer(_Echo())

    def lines() -> Iterator[str]:
        yield "\ufeff" + writer.writerow(columns)  # the BOM tells spreadsheets it is UTF-8
        for row in rows:
            yield writer.writerow([_safe_cell(cell) for cell in row])

    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _safe_cell(value: Any) -> Any:
    if isinstance(value, str) and value.startswith(CSV_FORMULA_START):
        return "'" + value
    return value
