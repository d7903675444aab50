"""Pseudonyms: how a person who did not consent to be named appears in public pages and exports.

A pseudonym is an HMAC of the person's id under a key kept outside the database
(settings.PSEUDONYM_KEY), so that it is stable across pages and exports, tells partners that two
acts concern the same person, and cannot be turned back into the name without the key: unlike
initials or a hash of the name, which a reader with a list of activists could match.
"""

from __future__ import annotations

import hashlib
import hmac
import re
from collections.abc import Callable, Iterable

from django.conf import settings
from django.utils.translation import gettext as _

from vigil.records.models import Person

# Crockford's base 32: no I, L, O or U, so that a pseudonym read aloud or copied by hand stays right
ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
CODE_LENGTH = 8  # 40 bits: collisions stay unlikely far beyond the people one group documents


def pseudonym_code(person_id: int) -> str:
    """Return the stable code of a person, like "7F3K-Q2MD"."""
    digest = hmac.new(_key(), f"person:{person_id}".encode(), hashlib.sha256).digest()
    number = int.from_bytes(digest[:5], "big")
    letters = "".join(ALPHABET[(number >> (5 * i)) & 31] for i in reversed(range(CODE_LENGTH)))
    return f"{letters[:4]}-{letters[4:]}"


def pseudonym(person: Person) -> str:
    """Return a person's pseudonym as shown: "Person 7F3K-Q2MD"."""
    return _("Person %(code)s") % {"code": pseudonym_code(person.pk)}


def public_name(person: Person) -> str:
    """Return a person's name if they consented to be named in publications, else their pseudonym."""
    return person.name if person.consent_to_publish else pseudonym(person)


def redactor(people: Iterable[Person]) -> Callable[[str], str]:
    """Return a function that replaces, in a text, each name and alias of these people who did not consent.

    Free text written about an act (an event's title, a place, a charge) may name its victim or a
    witness; before it leaves Vigil each such name becomes the person's pseudonym.
    """
    replacements: dict[str, str] = {}
    for person in people:
        if person.consent_to_publish:
            continue
        for name in [person.name, *(alias.name for alias in person.aliases.all())]:
            if name.strip():
                replacements[name.strip().casefold()] = pseudonym(person)
    if not replacements:
        return lambda text: text
    # longest first, so that "Dana Issayeva" is replaced whole before "Dana"
    pattern = re.compile(
        "|".join(re.escape(name) for name in sorted(replacements, key=len, reverse=True)), re.IGNORECASE
    )

    def redact(text: str) -> str:
        withheld = _("[name withheld]")
        return pattern.sub(lambda match: replacements.get(match.group(0).casefold(), withheld), text) if text else text

    return redact


def _key() -> bytes:
    return settings.PSEUDONYM_KEY.encode()
