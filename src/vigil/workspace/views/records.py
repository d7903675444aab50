"""One record's page: a person's or organisation's timeline, an event, a source with its archived original."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from vigil.audit.services import record_read
from vigil.core.archive import Archive, ArchiveError
from vigil.records import selectors
from vigil.records.models import Act, Event, Organisation, Person, Source

# The archived original is sent as a download, never shown inline: it is someone else's page.
SAFE_INLINE = ("text/plain",)


@login_required
def person(request: HttpRequest, pk: int) -> HttpResponse:
    """Show a person and the timeline of every act against them, with the sources of each."""
    found = get_object_or_404(Person.objects.prefetch_related("aliases", "affiliations__organisation"), pk=pk)
    record_read(request.user, found, request)
    timeline = selectors.person_timeline(found)
    return render(request, "workspace/party.html", {"party": found, "kind": "person", "timeline": timeline})


@login_required
def organisation(request: HttpRequest, pk: int) -> HttpResponse:
    """Show an organisation, the acts against it and those against its members."""
    found = get_object_or_404(Organisation.objects.prefetch_related("aliases", "affiliations__person"), pk=pk)
    record_read(request.user, found, request)
    context = {
        "party": found,
        "kind": "organisation",
        "timeline": selectors.organisation_timeline(found),
        "member_acts": selectors.member_acts(found),
    }
    return render(request, "workspace/party.html", context)


@login_required
def act(request: HttpRequest, pk: int) -> HttpResponse:
    """Open an act where it is shown: on its event's page."""
    found = get_object_or_404(Act.objects.only("id", "event_id"), pk=pk)
    return redirect(f"{reverse('workspace:event', args=[found.event_id])}#act-{found.pk}")


@login_required
def event(request: HttpRequest, pk: int) -> HttpResponse:
    """Show an event, its acts with their victims, and the sources that report them."""
    found = get_object_or_404(Event, pk=pk)
    record_read(request.user, found, request)
    acts = selectors.event_acts(found)
    context = {
        "event": found,
        "acts": acts,
        "sources": selectors.sources_of(acts),
        "interventions": selectors.event_interventions(found),
    }
    return render(request, "workspace/event.html", context)


@login_required
def source(request: HttpRequest, pk: int) -> HttpResponse:
    """Show a source: what it says, the acts it reports, and its archived original with the SHA-256."""
    found = get_object_or_404(Source, pk=pk)
    record_read(request.user, found, request)
    return render(request, "workspace/source.html", {"source": found, "acts": selectors.source_acts(found)})


@login_required
def original(request: HttpRequest, pk: int) -> HttpResponse:
    """Send the archived original of a source, byte for byte as it was received."""
    found = get_object_or_404(Source, pk=pk)
    record_read(request.user, found, request)
    if not found.archive_sha256:
        raise Http404
    try:
        content = Archive(settings.ARCHIVE_DIR).get(found.archive_sha256)
    except ArchiveError:
        raise Http404 from None
    media = found.archive_media_type or "application/octet-stream"
    inline = media.split(";")[0].strip() in SAFE_INLINE
    response = HttpResponse(content, content_type=media if inline else "application/octet-stream")
    disposition = "inline" if inline else "attachment"
    response["Content-Disposition"] = f'{disposition}; filename="source-{found.pk}-{found.archive_sha256[:12]}"'
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response
