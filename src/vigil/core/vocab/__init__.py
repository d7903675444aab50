"""Read the controlled vocabularies that Vigil ships, declared as YAML data beside this module.

The database holds the vocabularies in force (an administrator may add terms); these files
are their seed and the reference that the pure core validates against when no database is
at hand.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources

import yaml

VOCABULARIES = ("act_types", "perpetrators", "intervention_types", "roles")


@dataclass(frozen=True, slots=True)
class Term:
    """One entry of a controlled vocabulary."""

    code: str
    label: str
    label_ru: str
    description: str = ""
    applies_to: str = ""


@cache
def terms(vocabulary: str) -> tuple[Term, ...]:
    """Return the terms of one shipped vocabulary, in their declared order."""
    if vocabulary not in VOCABULARIES:
        raise KeyError(f"no vocabulary named {vocabulary!r}; known: {', '.join(VOCABULARIES)}")
    text = resources.files(__package__).joinpath(f"{vocabulary}.yaml").read_text(encoding="utf-8")
    return tuple(Term(**entry) for entry in yaml.safe_load(text))


def codes(vocabulary: str) -> frozenset[str]:
    """Return the codes of one shipped vocabulary."""
    return frozenset(term.code for term in terms(vocabulary))
