"""The inbox of drafts, taking an article in, and the review of a draft source into verified records."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from vigil.audit.services import record_read
from vigil.intake import IntakeError
from vigil.records import admin_intake, selectors, services
from vigil.records.models import Act, ActSource, VictimKind
from vigil.workspace.forms import ActReviewForm, act_initial
from vigil.workspace.highlight import ActWords, act_words, highlight

# rejecting a draft act removes it: part of a review, not a deletion of verified records
REVIEW_PERMISSIONS = ("records.change_act", "records.add_person", "records.change_person")
PER_PAGE = 50


@login_required
def inbox(request: HttpRequest) -> HttpResponse:
    """List the drafts to review, newest first, with who took each in and when."""
    page = Paginator(selectors.drafts_inbox(user=request.user), PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "workspace/inbox.html", {"page": page})


@login_required
@permission_required(admin_intake.INTAKE_PERMISSIONS, raise_exception=True)
def intake(request: HttpRequest) -> HttpResponse:
    """Take an article in: preview its draft report, then save it as drafts and go on to review them."""
    if request.method == "POST" and "save" in request.POST:
        try:
            source, count = admin_intake.save_previewed(request.POST.get("token", ""), request.user)
        except admin_intake.IntakeSaveError as error:
            if error.source_id is not None:
                link = reverse("workspace:source", args=[error.source_id])
                messages.error(
                    request,
                    format_html('{} <a href="{}">{}</a>', _("This article is already recorded."), link, _("Open it.")),
                )
            else:
                messages.error(request, str(error))
            return redirect("workspace:intake")
        messages.success(
            request, ngettext("Saved %(n)d act as a draft.", "Saved %(n)d acts as drafts.", count) % {"n": count}
        )
        # a contributor may take in but not review: they go on to the source they saved
        return redirect(
            "workspace:review" if request.user.has_perms(REVIEW_PERMISSIONS) else "workspace:source", pk=source.pk
        )
    form = (
        admin_intake.IntakeForm(request.POST, request.FILES) if request.method == "POST" else admin_intake.IntakeForm()
    )
    context: dict[str, Any] = {"form": form}
    if form.is_bound and form.is_valid():
        try:
            context |= admin_intake.preview(form.cleaned_data, request.user)
        except IntakeError as error:
            form.add_error(None, str(error))
    return render(request, "workspace/intake.html", context, status=400 if form.errors else 200)


@dataclass
class ReviewRow:
    """One draft act on the review page: the act, the source's account of it, its form, similar names and acts."""

    number: int
    act: Act
    report: ActSource
    form: ActReviewForm
    current: Any
    suggestions: list[selectors.Suggestion]
    matches: list[selectors.ActMatch]


@login_required
@permission_required(REVIEW_PERMISSIONS, raise_exception=True)
def review(request: HttpRequest, pk: int) -> HttpResponse:
    """Review a draft source: check each act against the text, correct it, accept or reject it, save as verified."""
    source = selectors.source_reviewed(pk, user=request.user)
    record_read(request.user, source, request)
    reports = list(source.act_reports.all())
    posted = request.method == "POST"
    forms = [
        ActReviewForm(request.POST, act_id=r.act_id)
        if posted
        else ActReviewForm(initial=act_initial(r.act), act_id=r.act_id)
        for r in reports
    ]
    saving = posted and "save" in request.POST
    if saving and all([form.is_valid() for form in forms]):  # noqa: C419 (every form validated, to show every error)
        try:
            outcome = services.source_review(
                source=source, reviews=[form.review() for form in forms], reviewed_by=request.user
            )
        except services.ReviewError as error:
            messages.error(request, str(error))
        else:
            messages.success(
                request,
                _("Saved. Verified: %(verified)d; rejected: %(rejected)d.")
                % {"verified": outcome.verified, "rejected": outcome.rejected},
            )
            if outcome.told_already:
                messages.success(
                    request,
                    ngettext(
                        "%(n)d act was already recorded: this source now corroborates it.",
                        "%(n)d acts were already recorded: this source now corroborates them.",
                        outcome.told_already,
                    )
                    % {"n": outcome.told_already},
                )
            return redirect("workspace:source", pk=source.pk)
    rows = [
        _row(number, report, form, request.user)
        for number, (report, form) in enumerate(zip(reports, forms, strict=True), 1)
    ]
    text = highlight(
        source.text,
        [
            ActWords(
                row.number,
                act_words(
                    row.report.victim_name,
                    row.act.victim_description,
                    row.act.place,
                    row.act.perpetrator_name,
                    row.act.legal_basis,
                ),
            )  # fmt: skip
            for row in rows
        ],
    )
    return render(
        request,
        "workspace/review.html",
        {"source": source, "rows": rows, "text": text, "show_errors": saving},
        status=400 if saving else 200,
    )


def _row(number: int, report: ActSource, form: ActReviewForm, user: Any) -> ReviewRow:
    act = report.act
    victims = act.victim_involvements
    current = victims[0].party if victims else None
    if form.is_bound:
        name = form.data.get(form.add_prefix("victim_name"), "")
        kind = form.data.get(form.add_prefix("victim_kind"), act.victim_kind)
    else:
        name, kind = (str(current) if current else report.victim_name), act.victim_kind
    suggestions = []
    if kind in (VictimKind.PERSON, VictimKind.ORGANIZATION) and name:
        suggestions = selectors.party_suggestions(
            name, user=user, organisation=kind == VictimKind.ORGANIZATION, exclude=[current.pk] if current else []
        )
    matches = selectors.act_matches(act, user=user) if act.status == "draft" else []
    return ReviewRow(number, act, report, form, current, suggestions, matches)
