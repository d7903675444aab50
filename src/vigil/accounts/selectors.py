"""Reads of the accounts app: is a login locked out, does a user need or have a second factor."""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.db.models import Max
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from vigil.accounts.models import LoginFailure


@dataclass(frozen=True)
class Lockout:
    """Logins refused until `until`: for the account tried, or for the address it came from."""

    until: datetime
    by_address: bool

    @property
    def minutes_left(self) -> int:
        return max(1, math.ceil((self.until - timezone.now()).total_seconds() / 60))


def login_lockout(*, username: str, address: str) -> Lockout | None:
    """Return the lockout that holds for this user name or this address now, else None.

    Failures count within the last VIGIL_LOCKOUT_MINUTES; the lockout lasts that long after the
    last of them. Unknown user names are counted alike, so a lockout says nothing of who exists.
    """
    window = timedelta(minutes=settings.VIGIL_LOCKOUT_MINUTES)
    since = timezone.now() - window
    recent = LoginFailure.objects.filter(at__gte=since)
    for by_address, failures, limit in (
        (False, recent.filter(username_key=username_key(username)), settings.VIGIL_LOCKOUT_ATTEMPTS),
        (True, recent.filter(address=address), settings.VIGIL_LOCKOUT_ADDRESS_ATTEMPTS),
    ):
        summary = failures.aggregate(last=Max("at"))
        if summary["last"] is not None and failures.count() >= limit:
            return Lockout(until=summary["last"] + window, by_address=by_address)
    return None


def username_key(username: str) -> str:
    """Return the user name as failures are counted: case-folded, so that 'Admin' and 'admin' count as one."""
    return username.strip().casefold()[:150]


def two_factor_required(user: Any) -> bool:
    """Say whether the user must pass a second factor: administrators and anyone who may enter the admin."""
    return bool(user.is_active and (user.is_superuser or user.is_staff))


def totp_device(user: Any) -> TOTPDevice | None:
    """Return the user's confirmed TOTP device, if any."""
    return TOTPDevice.objects.filter(user=user, confirmed=True).order_by("pk").first()
