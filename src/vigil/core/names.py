"""Compare names written in any script: Latin letters first, then a skeleton that forgets how they were romanised.

"Юлия Щербакова", "Yulia Shcherbakova" and "Iuliia Shcherbakova" are one name to a documenter.
Each is transliterated to ASCII (ICU, through normality), then reduced to a skeleton where the
usual romanisation variants (shch/sch/sh, kh/h, yu/iu/u, j/y/i, doubled letters) coincide; two
names are compared by the Jaro-Winkler similarity of their skeletons, whatever the order of their
parts. Pure Python: no Django.
"""

from __future__ import annotations

import re

from normality import ascii_text
from rigour.text import jaro_winkler

SIMILAR = 0.86  # the similarity from which a recorded name is offered as the same person
_REPLACEMENTS = (
    ("shch", "s"),
    ("sch", "s"),
    ("sh", "s"),
    ("ch", "c"),
    ("zh", "z"),
    ("kh", "h"),
    ("ts", "c"),
    ("tz", "c"),
    ("yu", "u"),
    ("iu", "u"),
    ("ya", "a"),
    ("ia", "a"),
    ("yo", "o"),
    ("ye", "e"),
    ("ph", "f"),
    ("w", "v"),
    ("x", "ks"),
    ("q", "k"),
    ("j", "i"),
    ("y", "i"),
)
_NOT_LETTERS = re.compile(r"[^a-z0-9 ]+")
_DOUBLED = re.compile(r"([a-z])\1+")


def latin(name: str) -> str:
    """Return the name in ASCII Latin letters, lowercased: 'Дана Исаева' → 'dana isaeva'."""
    return " ".join((ascii_text(name) or "").lower().split())


def skeleton(name: str) -> str:
    """Return the name's skeleton, where romanisations of one name coincide: 'Yulia Shcherbakova' → 'ula serbakova'."""
    words = []
    for word in _NOT_LETTERS.sub(" ", latin(name).replace("'", "")).split():
        for old, new in _REPLACEMENTS:
            word = word.replace(old, new)
        word = _DOUBLED.sub(r"\1", word.replace("ii", "i"))
        if word:
            words.append(word)
    return " ".join(words)


def skeleton_tokens(name: str) -> list[str]:
    """Return the words of the name's skeleton."""
    return skeleton(name).split()


def similarity(left: str, right: str) -> float:
    """Return how alike two names are, from 0 to 1, across scripts and whatever the order of their parts."""
    a, b = skeleton(left), skeleton(right)
    if not a or not b:
        return 0.0
    if a == b:
        return 1.0
    in_order = jaro_winkler(a, b)
    sorted_ = jaro_winkler(" ".join(sorted(a.split())), " ".join(sorted(b.split())))
    return max(in_order, sorted_)
