"""Check the standard codes that records use: countries, languages, currencies."""

from __future__ import annotations

import re

import pycountry

LOCAL_CURRENCIES = frozenset({"KZT-MCI"})  # Kazakhstan's monthly calculation index (МРП)
USER_ASSIGNED_COUNTRIES = frozenset({"XK"})  # Kosovo: not in ISO 3166-1, in common use
REPORT_ID = re.compile(r"[\w.\-]{1,200}")


def country_code(text: str) -> str:
    """Return an ISO 3166-1 alpha-2 code, or raise ValueError naming the closest country."""
    code = text.strip().upper()
    if len(code) == 2 and (code in USER_ASSIGNED_COUNTRIES or pycountry.countries.get(alpha_2=code)):
        return code
    try:
        hint = f"; did you mean {pycountry.countries.lookup(text.strip()).alpha_2!r}?"
    except LookupError:
        hint = ""
    raise ValueError(f"{clip(text)!r} is not an ISO 3166-1 alpha-2 country code{hint}")


def language_code(text: str) -> str:
    """Return an ISO 639-1 code, or raise ValueError."""
    code = text.strip().lower()
    if len(code) == 2 and pycountry.languages.get(alpha_2=code):
        return code
    raise ValueError(f"{clip(text)!r} is not an ISO 639-1 language code (such as 'en' or 'ru')")


def currency_code(text: str) -> str:
    """Return an ISO 4217 code or KZT-MCI, or raise ValueError."""
    code = text.strip().upper()
    if code in LOCAL_CURRENCIES or (len(code) == 3 and pycountry.currencies.get(alpha_3=code)):
        return code
    raise ValueError(f"{clip(text)!r} is not an ISO 4217 currency code (such as 'KZT', 'EUR') or KZT-MCI")


def report_id(text: str) -> str:
    """Return a report id fit to name a file, or raise ValueError."""
    if REPORT_ID.fullmatch(text):
        return text
    raise ValueError(f"{clip(text)!r} may hold only letters, digits, '.', '-' and '_' (200 at most)")


def clip(text: str, limit: int = 60) -> str:
    """Shorten text quoted in a message."""
    return text if len(text) <= limit else text[: limit - 1] + "…"
