"""One record's page: a person's or organisation's timeline, an event, a source with its archived original."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch, QuerySet
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from vigil.audit.services import record_read
from vigil.core.archive import Archive, ArchiveError
from vigil.records import access, merging, selectors, services
from vigil.records.models import Act, Affiliation, MergeKind, Organisation, Person
from vigil.workspace.forms import ConsentForm
from vigil.workspace.views import merges

# The archived original is sent as a download, never shown inline: it is someone else's page.
SAFE_INLINE = ("text/plain",)


@login_required
def person(request: HttpRequest, pk: int) -> HttpResponse:
    """Show a person and the timeline of every act against them, with the sources of each."""
    try:
        found = access.get_person_for(request.user, pk, _with_ties(Person, "organisation", request.user))
    except Http404:
        return _merged_elsewhere(request, MergeKind.PERSON, pk)
    record_read(request.user, found, request)
    timeline = selectors.person_timeline(found, user=request.user)
    context = {"party": found, "kind": "person", "timeline": timeline}
    if access.may_review(request.user):
        context["consent_form"] = ConsentForm(initial={"consent": "yes" if found.consent_to_publish else "no"})
        context["merges"] = merging.merges_of(found)
    return render(request, "workspace/party.html", context)


@login_required
@require_POST
def person_consent(request: HttpRequest, pk: int) -> HttpResponse:
    """Record whether a person agreed to be named in publications: editors and administrators only."""
    found = access.get_person_for(request.user, pk)
    form = ConsentForm(request.POST)
    if not form.is_valid():
        return HttpResponseBadRequest(_("Choose whether the person agreed to be named."))
    try:
        services.person_consent_record(person=found, consent=form.cleaned_data["consent"], recorded_by=request.user)
    except services.ConsentError:
        raise PermissionDenied from None
    messages.success(request, _("The person's consent is recorded."))
    return redirect("workspace:person", pk=found.pk)


@login_required
def organisation(request: HttpRequest, pk: int) -> HttpResponse:
    """Show an organisation, the acts against it and those against its members."""
    try:
        found = access.get_organisation_for(request.user, pk, _with_ties(Organisation, "person", request.user))
    except Http404:
        return _merged_elsewhere(request, MergeKind.ORGANISATION, pk)
    record_read(request.user, found, request)
    context = {
        "party": found,
        "kind": "organisation",
        "timeline": selectors.organisation_timeline(found, user=request.user),
        "member_acts": selectors.member_acts(found, user=request.user),
    }
    if access.may_review(request.user):
        context["merges"] = merging.merges_of(found)
    return render(request, "workspace/party.html", context)


@login_required
def act(request: HttpRequest, pk: int) -> HttpResponse:
    """Open an act where it is shown: on its event's page."""
    try:
        found = access.get_act_for(request.user, pk, Act.objects.only("id", "event_id"))
    except Http404:
        return _merged_elsewhere(request, MergeKind.ACT, pk)
    return redirect(f"{reverse('workspace:event', args=[found.event_id])}#act-{found.pk}")


@login_required
def event(request: HttpRequest, pk: int) -> HttpResponse:
    """Show an event, its acts with their victims, and the sources that report them."""
    found = access.get_event_for(request.user, pk)
    record_read(request.user, found, request)
    acts = selectors.event_acts(found, user=request.user)
    context = {
        "event": found,
        "acts": acts,
        "sources": selectors.sources_of(acts),
        "interventions": selectors.event_interventions(found, user=request.user),
    }
    if access.may_review(request.user):
        context["merges"] = sorted(merging.merges_into(MergeKind.ACT, [a.pk for a in acts]).items())
        # acts told here that were merged into acts of other events: where to find them now
        context["merged_away"] = list(
            Act.objects.filter(event=found, merged_into__isnull=False).values_list("pk", "merged_into_id")
        )
    return render(request, "workspace/event.html", context)


@login_required
def source(request: HttpRequest, pk: int) -> HttpResponse:
    """Show a source: what it says, the acts it reports, and its archived original with the SHA-256."""
    found = access.get_source_for(request.user, pk)
    record_read(request.user, found, request)
    acts = selectors.source_acts(found, user=request.user)
    return render(request, "workspace/source.html", {"source": found, "acts": acts})


@login_required
def original(request: HttpRequest, pk: int) -> HttpResponse:
    """Send the archived original of a source, byte for byte as it was received."""
    found = access.get_source_for(request.user, pk)
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


def _merged_elsewhere(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    """Send the reader of a merged record's address to the record it was merged into, if she may see that one."""
    into = merging.current(kind, pk)
    if into is None or into == pk:
        raise Http404
    merges.GETTERS[kind](request.user, into)  # Http404 when she may not see it: as if the address did not exist
    messages.info(request, _("Record #%(pk)s was merged into this one.") % {"pk": pk})
    return redirect(merges.page(kind, into))


def _with_ties(model: type[Person] | type[Organisation], other: str, user: object) -> QuerySet:
    """Return a person or organisation queryset with its aliases and the ties to parties the user may see."""
    parties = access.visible_organisations(user) if other == "organisation" else access.visible_people(user)
    ties = Affiliation.objects.filter(**{f"{other}__in": parties}).select_related(other)
    return model.objects.prefetch_related("aliases", Prefetch("affiliations", queryset=ties))
