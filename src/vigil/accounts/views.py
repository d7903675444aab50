"""The login: password (with the lockout), then the second factor, or its enrolment where it is required."""

from __future__ import annotations

import base64
import time
from typing import Any

import django_otp
import segno
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import authenticate, get_user_model, login
from django.contrib.auth.decorators import login_required
from django.contrib.auth.signals import user_login_failed
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render, resolve_url
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect
from django.views.decorators.debug import sensitive_post_parameters
from django_otp.plugins.otp_totp.models import TOTPDevice

from vigil.accounts import selectors, services
from vigil.accounts.addresses import client_address
from vigil.accounts.forms import LoginForm, TokenForm
from vigil.accounts.selectors import Lockout

PENDING = "vigil_login_pending"  # the user who gave the right password, until the second factor is passed
ENROLLING = "vigil_enrolling_device"
PENDING_SECONDS = 300


@sensitive_post_parameters("password")
@csrf_protect
@never_cache
def login_view(request: HttpRequest) -> HttpResponse:
    """Check the user name and password; log in, or go on to the second factor."""
    next_url = _next(request)
    if request.user.is_authenticated:
        return HttpResponseRedirect(next_url)
    form = LoginForm(request.POST if request.method == "POST" else None)
    context: dict[str, Any] = {"form": form, "next": next_url}
    if not form.is_valid():
        return render(request, "workspace/login.html", context)
    username, address = form.cleaned_data["username"], client_address(request)
    lockout = selectors.login_lockout(username=username, address=address)
    if lockout is None:
        user = authenticate(request, username=username, password=form.cleaned_data["password"])
        if user is None:  # authenticate() has sent user_login_failed
            services.login_failure_record(username=username, address=address)
            lockout = selectors.login_lockout(username=username, address=address)
            context["failed"] = True
    else:
        user = None
        user_login_failed.send(sender=__name__, credentials={"username": username}, request=request)
    if user is None:
        context["lockout"] = _lockout_message(lockout) if lockout else None
        return render(request, "workspace/login.html", context, status=429 if lockout else 200)
    if selectors.two_factor_required(user) or selectors.totp_device(user):
        request.session.cycle_key()
        request.session[PENDING] = {"user": user.pk, "backend": user.backend, "at": int(time.time()), "next": next_url}
        return redirect("accounts:two_factor")
    login(request, user)
    services.login_failures_clear(username=username)
    return HttpResponseRedirect(next_url)


@csrf_protect
@never_cache
def two_factor(request: HttpRequest) -> HttpResponse:
    """Ask for the authenticator's code; a user who must have a second factor and has none enrols here."""
    pending = request.session.get(PENDING)
    user = _pending_user(pending)
    if user is None:
        if request.session.pop(PENDING, None) is not None:
            messages.info(request, _("Log in again: the time for the second step ran out."))
        return redirect("workspace:login")
    device = selectors.totp_device(user)
    enrolling = device is None
    if enrolling:
        device = _enrolling_device(request, user)
    form = TokenForm(request.POST if request.method == "POST" else None)
    address = client_address(request)
    lockout = selectors.login_lockout(username=user.get_username(), address=address)
    if form.is_valid() and lockout is None:
        try:
            if enrolling:
                services.totp_enrolment_confirm(device=device, token=form.cleaned_data["token"])
            else:
                services.totp_verify(device=device, token=form.cleaned_data["token"])
        except services.TokenRefused:
            services.login_failure_record(username=user.get_username(), address=address)
            user_login_failed.send(sender=__name__, credentials={"username": user.get_username()}, request=request)
            form.add_error("token", _("That code is not right, or was used already. Try the next one."))
            lockout = selectors.login_lockout(username=user.get_username(), address=address)
        else:
            del request.session[PENDING]
            request.session.pop(ENROLLING, None)
            login(request, user, backend=pending["backend"])
            django_otp.login(request, device)
            services.login_failures_clear(username=user.get_username())
            return HttpResponseRedirect(pending["next"])
    context = {"form": form, "enrolling": enrolling, "lockout": _lockout_message(lockout) if lockout else None}
    if enrolling:
        context |= _enrolment(device)
    return render(request, "accounts/two_factor.html", context, status=429 if lockout else 200)


@login_required
@csrf_protect
@never_cache
def enrol(request: HttpRequest) -> HttpResponse:
    """Turn on the second factor for one's own login (optional for documenters, required for administrators)."""
    user = request.user
    if selectors.totp_device(user) is not None and ENROLLING not in request.session:
        return render(request, "accounts/enrol.html", {"enrolled": True})
    device = _enrolling_device(request, user)
    form = TokenForm(request.POST if request.method == "POST" else None)
    if form.is_valid():
        try:
            services.totp_enrolment_confirm(device=device, token=form.cleaned_data["token"])
        except services.TokenRefused:
            form.add_error("token", _("That code is not right, or was used already. Try the next one."))
        else:
            request.session.pop(ENROLLING, None)
            django_otp.login(request, device)
            messages.success(request, _("Two-factor login is on. Vigil will ask for a code at each login."))
            return redirect("accounts:enrol")
    return render(request, "accounts/enrol.html", {"form": form, "enrolled": False, **_enrolment(device)})


def _next(request: HttpRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return target
    return resolve_url(settings.LOGIN_REDIRECT_URL)


def _pending_user(pending: dict | None) -> Any:
    if not pending or time.time() - pending.get("at", 0) > PENDING_SECONDS:
        return None
    return get_user_model().objects.filter(pk=pending["user"], is_active=True).first()


def _enrolling_device(request: HttpRequest, user: Any) -> TOTPDevice:
    """Return the device being enrolled in this session, or start one."""
    device = TOTPDevice.objects.filter(pk=request.session.get(ENROLLING), user=user, confirmed=False).first()
    if device is None:
        device = services.totp_enrolment_start(user=user)
        request.session[ENROLLING] = device.pk
    return device


def _enrolment(device: TOTPDevice) -> dict[str, Any]:
    """Return the secret as text (grouped for typing) and as an inline SVG QR code of its otpauth address."""
    secret = base64.b32encode(device.bin_key).decode("ascii").rstrip("=")
    url = device.config_url
    return {
        "secret": " ".join(secret[i : i + 4] for i in range(0, len(secret), 4)),
        "otpauth": url,
        "qr_svg": segno.make(url, error="m").svg_inline(scale=4, title=_("QR code of the secret")),
    }


def _lockout_message(lockout: Lockout) -> str:
    minutes = lockout.minutes_left
    if lockout.by_address:
        text = ngettext(
            "Too many failed logins from this network. Try again in %(minutes)d minute.",
            "Too many failed logins from this network. Try again in %(minutes)d minutes.",
            minutes,
        )
    else:
        text = ngettext(
            "Too many failed logins for this user name. Try again in %(minutes)d minute.",
            "Too many failed logins for this user name. Try again in %(minutes)d minutes.",
            minutes,
        )
    return text % {"minutes": minutes}
