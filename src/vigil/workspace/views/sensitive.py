"""Editors change a record's sensitive details (encrypted at rest) on a page of their own."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import models
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from vigil.audit.services import record_read
from vigil.records import access
from vigil.records.models import SENSITIVE_FIELDS, Act, Involvement, Person, Source
from vigil.records.services import sensitive_details_update

KINDS: dict[str, type[models.Model]] = {"person": Person, "act": Act, "involvement": Involvement, "source": Source}


@login_required
def edit(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    """Show and save the sensitive fields of one record; others get the answer of a missing page."""
    model = KINDS.get(kind)
    if model is None or not request.user.has_perm(f"records.change_{model._meta.model_name}"):
        raise Http404
    record = access.get_for(model.objects.all(), request.user, pk)
    record_read(request.user, record, request)
    form_class = forms.modelform_factory(model, fields=SENSITIVE_FIELDS[model._meta.label])
    form = form_class(request.POST or None, instance=record)
    if request.method == "POST" and form.is_valid():
        values = {name: form.cleaned_data[name] for name in form.fields}
        changed = sensitive_details_update(record=record, values=values, changed_by=request.user)
        messages.success(request, _("Saved.") if changed else _("Nothing changed."))
        return redirect(_page_of(record))
    return render(request, "workspace/sensitive.html", {"form": form, "record": record, "back": _page_of(record)})


def _page_of(record: models.Model) -> str:
    if isinstance(record, Person):
        return reverse("workspace:person", args=[record.pk])
    if isinstance(record, Source):
        return reverse("workspace:source", args=[record.pk])
    act_id = record.act_id if isinstance(record, Involvement) else record.pk
    return reverse("workspace:act", args=[act_id])
