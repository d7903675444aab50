"""The public pages: the acts that are published and public, for anyone, without a login."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from vigil.publish import selectors

PER_PAGE = 50


def acts(request: HttpRequest) -> HttpResponse:
    """List the published, public acts, newest first, victims named only with their consent."""
    page = Paginator(selectors.public_acts(), PER_PAGE).get_page(request.GET.get("page"))
    page.object_list = [selectors.public_view(act) for act in page.object_list]
    return render(request, "publish/acts.html", {"page": page})


def act(request: HttpRequest, pk: int) -> HttpResponse:
    """Show one published, public act; any other answers 404, like an act that does not exist."""
    return render(request, "publish/act.html", {"view": selectors.public_act(pk)})
