"""The code an authenticator app would show now, computed from a device's or a page's secret."""

import base64
import time

from django_otp.oath import TOTP


def code_now(key: bytes, *, steps_ahead: int = 0) -> str:
    """Return the six-digit TOTP code of the key for the current 30-second step (or one after it)."""
    totp = TOTP(key)
    totp.time = time.time() + 30 * steps_ahead
    return f"{totp.token():06d}"


def key_of_secret(secret: str) -> bytes:
    """Return the key of a base32 secret as the enrolment page shows it (grouped, without padding)."""
    text = secret.replace(" ", "").upper()
    return base64.b32decode(text + "=" * (-len(text) % 8))
