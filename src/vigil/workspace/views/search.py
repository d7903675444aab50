"""Full-text search over sources and every kind of record."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Page, Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from vigil.records import selectors
from vigil.records.models import SearchKind

PER_PAGE = 20


@login_required
def search(request: HttpRequest) -> HttpResponse:
    """Search sources, acts, events, people and organisations for the words given; filter by kind."""
    query = request.GET.get("q", "").strip()[:200]
    kind = request.GET.get("kind", "")
    kind = kind if kind in SearchKind.values else ""
    try:
        number = max(1, int(request.GET.get("page", "1")))
    except ValueError:
        number = 1
    results = selectors.search(query, user=request.user, kind=kind, offset=(number - 1) * PER_PAGE, limit=PER_PAGE)
    page: Page | None = None
    if results.total:
        paginator = Paginator(range(results.total), PER_PAGE)
        page = paginator.get_page(number)
        page.object_list = results.hits
    kinds = [(value, label, results.by_kind.get(value, 0)) for value, label in SearchKind.choices]
    return render(
        request,
        "workspace/search.html",
        {"query": query, "kind": kind, "results": results, "page": page, "kinds": kinds},
    )
