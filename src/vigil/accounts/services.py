"""Writes of the accounts app: failed logins, second-factor enrolment, and ending a user's sessions."""

from __future__ import annotations

from datetime import timedelta
from importlib import import_module
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from vigil.accounts.models import LoginFailure, UserSession
from vigil.accounts.selectors import username_key

FAILURES_KEPT = timedelta(days=7)


class TokenRefused(Exception):
    """The code given is not the one the authenticator shows now."""


def login_failure_record(*, username: str, address: str) -> None:
    """Count a failed login (a wrong password, or a wrong second-factor code) for the lockout.

    Failures older than FAILURES_KEPT are removed on the way: the lockout needs minutes of them, the
    admin's list a few days; the audit trail is the lasting record of each attempt.
    """
    now = timezone.now()
    with transaction.atomic():
        LoginFailure.objects.filter(at__lt=now - FAILURES_KEPT).delete()
        LoginFailure.objects.create(username_key=username_key(username), address=address, at=now)


def login_failures_clear(*, username: str) -> int:
    """Forget the failures of an account after a full login; its address keeps its count."""
    deleted, _ = LoginFailure.objects.filter(username_key=username_key(username)).delete()
    return deleted


def totp_enrolment_start(*, user: Any) -> TOTPDevice:
    """Give the user a new, unconfirmed TOTP device (replacing an earlier unconfirmed one)."""
    with transaction.atomic():
        TOTPDevice.objects.filter(user=user, confirmed=False).delete()
        return TOTPDevice.objects.create(user=user, name="authenticator", confirmed=False)


def totp_enrolment_confirm(*, device: TOTPDevice, token: str) -> TOTPDevice:
    """Confirm a new device with a code it shows; the user's earlier devices are removed.

    Raises TokenRefused when the code is wrong, and the device stays unconfirmed.
    """
    with transaction.atomic():
        if device.confirmed or not device.verify_token(token.strip()):
            raise TokenRefused
        TOTPDevice.objects.filter(user=device.user).exclude(pk=device.pk).delete()
        device.confirmed = True
        device.save(update_fields=["confirmed"])
    return device


def totp_verify(*, device: TOTPDevice, token: str) -> None:
    """Check a code of the user's device; a code is accepted once only (django-otp keeps the last step used)."""
    if not device.verify_token(token.strip()):
        raise TokenRefused


def user_session_register(*, user: Any, session_key: str) -> None:
    """Remember a session opened by a login, so that it can be ended with the user's others."""
    UserSession.objects.get_or_create(session_key=session_key, defaults={"user": user})


def user_session_forget(*, session_key: str) -> None:
    """Forget a session that ended (the user logged out)."""
    UserSession.objects.filter(session_key=session_key).delete()


def user_sessions_end(*, user: Any) -> int:
    """End every session of the user (after a deactivation or a new password); return how many."""
    store = import_module(settings.SESSION_ENGINE).SessionStore
    keys = list(UserSession.objects.filter(user=user).values_list("session_key", flat=True))
    for key in keys:
        store(session_key=key).delete()
    UserSession.objects.filter(session_key__in=keys).delete()
    return len(keys)
