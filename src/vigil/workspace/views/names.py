"""Check a name: the people and organisations already recorded that a new name may be."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from vigil.records import access, selectors


@login_required
def check_name(request: HttpRequest) -> HttpResponse:
    """Show the recorded people and organisations a typed name may be, each with how sure and why."""
    if not access.may_take_in(request.user):
        raise PermissionDenied
    name = request.GET.get("q", "").strip()[:200]
    found = selectors.name_check(name, user=request.user) if name else None
    return render(request, "workspace/names.html", {"name": name, "found": found})
