"""Security middleware: the second factor required where it must be, and the Content-Security-Policy."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _

from vigil.accounts.selectors import two_factor_required
from vigil.accounts.sessions import session_ended


class TwoFactorRequiredMiddleware:
    """End a session of an administrator that did not pass the second factor.

    Vigil's login never opens such a session; this catches any other way one could exist (a session
    from before two-factor was required, or a user made staff while logged in).
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if user.is_authenticated and two_factor_required(user) and not user.is_verified():  # type: ignore[union-attr]
            return session_ended(request, _("Administrators log in with a second factor. Log in again."))
        return self.get_response(request)


class ContentSecurityPolicyMiddleware:
    """Send the Content-Security-Policy (settings.VIGIL_CSP) and a Permissions-Policy on every answer.

    Vigil's pages load scripts and styles from its own static files only: no inline script, no inline
    style, no other host; so an injected <script> or onclick= does not run even if it got through.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.policy = "; ".join(f"{name} {' '.join(values)}" for name, values in settings.VIGIL_CSP.items())

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.headers.setdefault("Content-Security-Policy", self.policy)
        response.headers.setdefault("Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=()")
        return response
