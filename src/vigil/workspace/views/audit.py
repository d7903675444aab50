"""The audit trail, for administrators: every change, export, restricted read and login, newest first."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required, permission_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from vigil.audit import selectors
from vigil.workspace.forms import AuditFilterForm

PER_PAGE = 100


@login_required
@permission_required("audit.view_auditentry", raise_exception=True)
def audit_trail(request: HttpRequest) -> HttpResponse:
    """List the audit entries by user, action and dates; nothing here can change them."""
    form = AuditFilterForm(request.GET or None)
    page = Paginator(selectors.entries_browse(form.filters()), PER_PAGE).get_page(request.GET.get("page"))
    context = {"title": _("Audit trail"), "form": form, "page": page, "head": selectors.chain_head()}
    return render(request, "workspace/audit.html", context)
