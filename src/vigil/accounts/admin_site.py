"""The administration site: only for staff who passed the second factor, and only through Vigil's login."""

from urllib.parse import urlencode

from django.contrib import admin
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse


class VigilAdminSite(admin.AdminSite):
    site_header = site_title = "Vigil"
    index_title = "Records"

    def has_permission(self, request: HttpRequest) -> bool:
        """Let in active staff whose session passed the second factor (django-otp's is_verified)."""
        user = request.user
        return bool(super().has_permission(request) and user.is_verified())  # type: ignore[union-attr]

    def login(self, request: HttpRequest, extra_context: dict | None = None) -> HttpResponse:
        """Send every login to Vigil's own, which counts failures and asks for the second factor."""
        next_url = request.GET.get("next") or reverse("admin:index")
        return HttpResponseRedirect(f"{reverse('workspace:login')}?{urlencode({'next': next_url})}")
