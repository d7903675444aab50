"""Idle and absolute session expiry: a session ends after VIGIL_SESSION_IDLE_MINUTES without a request, and
VIGIL_SESSION_MAX_HOURS after its login, whatever happens in between."""

from __future__ import annotations

import time
from collections.abc import Callable
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext as _

LOGIN_AT = "vigil_login_at"
SEEN_AT = "vigil_seen_at"
SEEN_EVERY = 60  # seconds: the last-seen time is written at most this often, not on every request


class SessionExpiryMiddleware:
    """End a logged-in session that sat idle too long or outlived its absolute limit."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated:
            now = int(time.time())
            login_at = request.session.get(LOGIN_AT, 0)
            seen_at = request.session.get(SEEN_AT, 0)
            if (
                now - login_at > settings.VIGIL_SESSION_MAX_HOURS * 3600
                or now - seen_at > settings.VIGIL_SESSION_IDLE_MINUTES * 60
            ):
                return session_ended(request, _("Your session ended. Log in again to go on."))
            if now - seen_at >= SEEN_EVERY:
                request.session[SEEN_AT] = now
        return self.get_response(request)


def session_ended(request: HttpRequest, message: str) -> HttpResponse:
    """Log the user out (the session is deleted, not just forgotten) and send them to the login."""
    logout(request)
    messages.info(request, message)
    query = urlencode({"next": request.get_full_path()}) if request.method == "GET" else ""
    return HttpResponseRedirect(reverse("workspace:login") + (f"?{query}" if query else ""))
