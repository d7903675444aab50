"""Merge two records of one person, organisation or act, after seeing both side by side; undo a merge.

Editors and administrators merge (records/access.py `may_review`); what moves and how the undo
restores it is records/merging.py's work.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from vigil.records import access, merging, selectors
from vigil.records.models import Act, Merge, MergeKind

GETTERS = {
    MergeKind.PERSON: access.get_person_for,
    MergeKind.ORGANISATION: access.get_organisation_for,
    MergeKind.ACT: access.get_act_for,
}
PAGES = {
    MergeKind.PERSON: "workspace:person",
    MergeKind.ORGANISATION: "workspace:organisation",
    MergeKind.ACT: "workspace:act",
}


@login_required
def merge(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    """Show the record and the one to merge into it side by side (GET ?other=ID); merge them (POST)."""
    if kind not in GETTERS:
        raise Http404
    kept = GETTERS[kind](request.user, pk)
    if not access.may_review(request.user):
        raise PermissionDenied
    other_id = request.POST.get("other") if request.method == "POST" else request.GET.get("other")
    context: dict[str, Any] = {"kind": kind, "kept": kept, "other_id": other_id or ""}
    if other_id:
        try:
            other = GETTERS[kind](request.user, int(other_id.strip().lstrip("#")))
        except (Http404, ValueError):
            context["error"] = _("There is no record #%(id)s of this kind that you may see.") % {"id": other_id}
        else:
            if request.method == "POST":
                try:
                    done = merging.merge_records(kept=kept, merged=other, by=request.user)
                except merging.MergeError as error:
                    context["error"] = str(error)
                else:
                    messages.success(
                        request,
                        _("#%(merged)s is merged into this record (merge #%(merge)s); you may undo it below.")
                        % {"merged": done.merged_id, "merge": done.pk},
                    )
                    return redirect(page(kind, kept.pk))
            context["other"] = other
            context["sides"] = [_side(kind, kept, request.user), _side(kind, other, request.user)]
    elif kind != MergeKind.ACT:
        context["suggestions"] = selectors.party_suggestions(
            kept.name, user=request.user, organisation=kind == MergeKind.ORGANISATION, exclude=[kept.pk]
        )
    status = 400 if "error" in context else 200
    return render(request, "workspace/merge.html", context, status=status)


@login_required
@require_POST
def undo(request: HttpRequest, pk: int) -> HttpResponse:
    """Undo a merge: both records are seen again as they were."""
    if not access.may_review(request.user):
        raise PermissionDenied
    done = get_object_or_404(Merge, pk=pk)
    kept = GETTERS[done.kind](request.user, done.kept_id)
    try:
        merging.merge_undo(merge=done, by=request.user)
    except merging.MergeError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            _("Merge #%(merge)s is undone: #%(merged)s is a record of its own again.")
            % {
                "merge": done.pk,
                "merged": done.merged_id,
            },
        )
    return redirect(page(done.kind, kept.pk))


def page(kind: str, pk: int) -> str:
    """Return the address of a person's, an organisation's or an act's page."""
    return reverse(PAGES[kind], args=[pk])


def _side(kind: str, record: Any, user: Any) -> dict[str, Any]:
    """Return what the confirmation page shows of one record: its name, level, aliases, acts and sources."""
    if kind == MergeKind.ACT:
        act: Act = record
        victims = [i.party for i in access.visible_involvements(user).filter(act=act, role="victim")]
        return {
            "record": act,
            "title": selectors.act_title(act, [str(v) for v in victims if v is not None]),
            "sources": list(access.visible_sources(user).filter(act_reports__act=act)),
        }
    timeline = (selectors.person_timeline if kind == MergeKind.PERSON else selectors.organisation_timeline)(
        record, user=user
    )
    return {
        "record": record,
        "title": record.name,
        "aliases": list(record.aliases.values_list("name", flat=True)),
        "acts": len(timeline),
    }
