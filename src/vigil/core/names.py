"""Compare names written in any script: Latin letters first, then a skeleton that forgets how they were romanised.

"Юлия Щербакова", "Yulia Shcherbakova" and "Iuliia Shcherbakova" are one name to a documenter.
Each is transliterated to ASCII (rigour's transliteration, which knows the Kazakh letters), then
reduced to a skeleton where the usual romanisation variants (shch/sch/sh, kh/h, zh/j, yu/iu/u,
y/i, doubled letters) coincide.

`match_person` and `match_organisation` say whether a new name is a recorded one, how surely and
why: word by word, a word is the same skeleton, a close spelling, a Russian or Kazakh case form
("Секербаеву" of "Секербаева"), or an initial; a name may be given in part (the surname alone)
or in another order. An organisation may be named by its acronym or without its legal form
(rigour's table of legal forms). Near misses are not matches: every word given must match a
word of the known name, so a different given name with the same surname is another person.
Pure Python: no Django.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache
from itertools import permutations

from rigour.names import remove_org_types
from rigour.text import jaro_winkler, levenshtein
from rigour.text.translit import ascii_text

_REPLACEMENTS = (
    ("shch", "s"),
    ("sch", "s"),
    ("sh", "s"),
    ("ch", "c"),
    ("dzh", "z"),
    ("dj", "z"),
    ("zh", "z"),
    ("j", "z"),  # Central Asian romanisations write Ж as zh, j or dzh: Zhanar, Janar
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
    ("y", "i"),
)
_NOT_LETTERS = re.compile(r"[^a-z0-9 ]+")
_DOUBLED = re.compile(r"([a-z])\1+")


def latin(name: str) -> str:
    """Return the name in ASCII Latin letters, lowercased: 'Дана Исаева' → 'dana isaeva'."""
    return " ".join((ascii_text(name) or "").lower().split())


def skeleton(name: str) -> str:
    """Return the name's skeleton, where romanisations of one name coincide: 'Yulia Shcherbakova' → 'ula serbakova'."""
    return " ".join(word for word in (_skeleton_word(w) for w in _NOT_LETTERS.sub(" ", latin(name)).split()) if word)


# Matching a new name against a known one, with the reason -------------------------------------------


class Reason(StrEnum):
    """Why a new name is taken for a known one; EXPLANATIONS says it in words."""

    SAME = "same"
    SCRIPT = "script"
    ROMANISATION = "romanisation"
    SPELLING = "spelling"
    CASE_FORM = "case_form"
    ORDER = "order"
    SURNAME = "surname"
    PART = "part"
    INITIALS = "initials"
    ACRONYM = "acronym"
    LEGAL_FORM = "legal_form"


EXPLANATIONS = {
    Reason.SAME: "the same name",
    Reason.SCRIPT: "the same name in another script",
    Reason.ROMANISATION: "another romanisation of the name",
    Reason.SPELLING: "a close spelling of the name",
    Reason.CASE_FORM: "a Russian or Kazakh case form of the name",
    Reason.ORDER: "the parts of the name in another order",
    Reason.SURNAME: "the surname only",
    Reason.PART: "part of the name",
    Reason.INITIALS: "initials and surname",
    Reason.ACRONYM: "the acronym of the name",
    Reason.LEGAL_FORM: "the name without its legal form",
}


@dataclass(frozen=True, slots=True)
class NameMatch:
    """A known name (or alias) taken for the new one: how surely (0 to 1) and why, the main reason first."""

    score: float
    reasons: tuple[Reason, ...]
    name: str

    @property
    def reason(self) -> Reason:
        return self.reasons[0]

    @property
    def explanation(self) -> str:
        return "; ".join(EXPLANATIONS[reason] for reason in self.reasons)


def match_person(new: str, known: Iterable[str]) -> NameMatch | None:
    """Return how the new name matches the best of the known names of a person (a name and its aliases), or None.

    Every word of the shorter name must match its own word of the longer one: the same skeleton,
    a close spelling, a case form or an initial. A single word stands for the person only when it
    is not the known name's first word (a surname, not a given name).
    """
    words = _words(new)
    found = [m for other in known if (m := _match_words(words, _words(other), other)) is not None]
    return max(found, key=lambda m: m.score, default=None)


def match_organisation(new: str, known: Iterable[str]) -> NameMatch | None:
    """Return how the new name matches the best of the known names of an organisation, or None.

    Besides the person's ways (other script, romanisation, spelling), an organisation is named by
    its acronym ("EL*C"), without its legal form ("ОО «Феминита»", "Feminita") or without "the".
    """
    found = [m for other in known if (m := _match_organisation(new, other)) is not None]
    return max(found, key=lambda m: m.score, default=None)


def search_keys(name: str, *, organisation: bool = False) -> list[str]:
    """Return the words to look a name up by in the search index: its words' stems, and an organisation's acronyms.

    An organisation's legal form ("Public Association", "ОО") is left out: it would find thousands.
    """
    keys = {min(_word(word).stems, key=len) for word in _tokens(name)} if not organisation else set()
    if organisation:
        for variant in _organisation_variants(name):
            keys |= _acronyms(variant) | {_compact(variant)}
            keys |= {min(_word(word).stems, key=len) for word in _tokens(_without_legal_form(variant) or variant)}
    return sorted(key for key in keys if len(key) >= 3)


def index_forms(names: Iterable[str], *, organisation: bool = False) -> list[str]:
    """Return the extra words to index names by: their words' stems, and an organisation's acronyms."""
    forms: set[str] = set()
    for name in names:
        forms |= {_word(word).skeleton for word in _tokens(name)}
        forms |= {stem for word in _tokens(name) for stem in _word(word).stems}
        if organisation:
            for variant in _organisation_variants(name):
                forms |= _acronyms(variant) | {_compact(variant)}
    return sorted(form for form in forms if len(form) >= 3)


# Persons: word by word -------------------------------------------------------------------------------

# Ordered so that a word loses its longest ending; what remains must keep three letters
_RUSSIAN_ENDINGS = ("ogo", "omu", "oi", "ei", "om", "em", "im", "a", "u", "e", "i")
_KAZAKH_ENDINGS = (
    "nin", "din", "tin", "nan", "nen", "dan", "den", "tan", "ten", "men", "ben", "pen",
    "ga", "ge", "ka", "ke", "ni", "di", "ti",
)  # fmt: skip
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_TOKEN = re.compile(r"[^\W\d_]+\.?", re.UNICODE)
# How each kind of word match counts, and which reason it gives when it is the weakest of a name
_WORD_SCORES = {
    Reason.SAME: 1.0,
    Reason.ROMANISATION: 0.97,
    Reason.SCRIPT: 0.97,
    Reason.SPELLING: 0.92,
    Reason.CASE_FORM: 0.93,
    Reason.INITIALS: 0.85,
}
_WEAKEST_FIRST = (Reason.INITIALS, Reason.CASE_FORM, Reason.SPELLING, Reason.SCRIPT, Reason.ROMANISATION, Reason.SAME)
_SURNAME_ONLY = 0.8  # a surname alone: many people may bear it
_PART_OF_NAME = 0.92  # the given name and surname of a name recorded with a patronymic


@dataclass(frozen=True, slots=True)
class _Word:
    text: str  # casefolded, as written
    skeleton: str
    cyrillic: bool
    initial: bool
    stems: frozenset[str]  # the skeletons of the forms this word may be a case form of


@lru_cache(maxsize=200_000)
def _word(token: str) -> _Word:
    text = token.casefold().rstrip(".")
    skeleton_ = _skeleton_word(_NOT_LETTERS.sub("", latin(text)))
    cyrillic = bool(_CYRILLIC.search(text))
    initial = len(text) == 1 or (token.endswith(".") and len(skeleton_) <= 2)
    return _Word(text, skeleton_, cyrillic, initial, _stems(skeleton_, kazakh=cyrillic))


@lru_cache(maxsize=50_000)
def _words(name: str) -> tuple[_Word, ...]:
    return tuple(word for word in (_word(token) for token in _tokens(name)) if word.skeleton)


def _tokens(name: str) -> list[str]:
    return _TOKEN.findall(name)


def _skeleton_word(word: str) -> str:
    word = word.replace("ii", "i")  # "Iuliia" as "Yulia"
    for old, new in _REPLACEMENTS:
        word = word.replace(old, new)
    return _DOUBLED.sub(r"\1", word.replace("ii", "i"))


def _stems(skeleton_: str, *, kazakh: bool) -> frozenset[str]:
    """Return the word and what it is left with when it loses a case ending (Kazakh ones for a Cyrillic word)."""
    word = skeleton_
    forms = {word}
    if kazakh:
        forms |= {word[: -len(e)] for e in _KAZAKH_ENDINGS if word.endswith(e) and len(word) - len(e) >= 4}
    for form in list(forms):
        ending = next((e for e in _RUSSIAN_ENDINGS if form.endswith(e) and len(form) - len(e) >= 3), None)
        if ending:
            forms.add(form[: -len(ending)])
    return frozenset(forms)


def _match_word(new: _Word, known: _Word) -> Reason | None:
    """Return how one word matches another (the kind of match), or None."""
    if new.skeleton == known.skeleton:
        if new.initial != known.initial:
            return Reason.INITIALS
        if new.text == known.text:
            return Reason.SAME
        return Reason.SCRIPT if new.cyrillic != known.cyrillic else Reason.ROMANISATION
    if new.initial or known.initial:
        initial, full = (new, known) if new.initial else (known, new)
        return Reason.INITIALS if not full.initial and full.skeleton.startswith(initial.skeleton) else None
    # only text in a declining language has case forms: "Zhanara" in English is another name than "Zhanar"
    if (new.cyrillic or known.cyrillic) and new.stems & known.stems:
        return Reason.CASE_FORM
    shorter = min(len(new.skeleton), len(known.skeleton))
    close = shorter >= 6 and jaro_winkler(new.skeleton, known.skeleton) >= 0.9
    if close and levenshtein(new.skeleton, known.skeleton) <= (1 if shorter < 8 else 2):
        return Reason.SPELLING
    return None


def _match_words(new: tuple[_Word, ...], known: tuple[_Word, ...], name: str) -> NameMatch | None:
    if not new or not known:
        return None
    if len(new) == len(known):
        in_order = _aligned(new, known)
        if in_order is not None:
            return _full_match(in_order, name, permuted=False)
        if len(new) <= 4:
            for order in permutations(range(len(known))):
                kinds = _aligned(new, tuple(known[i] for i in order))
                if kinds is not None:
                    return _full_match(kinds, name, permuted=True)
        return None
    shorter, longer = (new, known) if len(new) < len(known) else (known, new)
    kinds, positions = _matched_within(shorter, longer)
    if kinds is None or all(word.initial for word in shorter):
        return None
    weakest = _weakest(kinds)
    mean = sum(_WORD_SCORES[kind] for kind in kinds) / len(kinds)
    detail = (weakest,) if weakest not in (Reason.SAME, Reason.INITIALS) else ()
    if len(shorter) == 1:
        if positions[0] == 0:
            return None  # a given name alone stands for too many people
        return NameMatch(round(_SURNAME_ONLY * mean, 2), (Reason.SURNAME, *detail), name)
    if Reason.INITIALS in kinds:
        return NameMatch(round(_WORD_SCORES[Reason.INITIALS] * mean, 2), (Reason.INITIALS, *detail), name)
    return NameMatch(round(_PART_OF_NAME * mean, 2), (Reason.PART, *detail), name)


def _aligned(new: tuple[_Word, ...], known: tuple[_Word, ...]) -> list[Reason] | None:
    kinds = []
    for a, b in zip(new, known, strict=True):
        kind = _match_word(a, b)
        if kind is None:
            return None
        kinds.append(kind)
    if all(kind == Reason.INITIALS for kind in kinds):
        return None
    return kinds


def _matched_within(shorter: tuple[_Word, ...], longer: tuple[_Word, ...]) -> tuple[list[Reason] | None, list[int]]:
    """Match each word of the shorter name to its own word of the longer one, the surest first."""
    kinds, positions, taken = [], [], set()
    for word in shorter:
        options = [
            (_WEAKEST_FIRST.index(kind), i, kind)
            for i, other in enumerate(longer)
            if i not in taken and (kind := _match_word(word, other)) is not None
        ]
        if not options:
            return None, []
        _, position, kind = max(options, key=lambda option: (option[0], -option[1]))
        taken.add(position)
        kinds.append(kind)
        positions.append(position)
    return kinds, positions


def _full_match(kinds: list[Reason], name: str, *, permuted: bool) -> NameMatch:
    weakest = _weakest(kinds)
    score = sum(_WORD_SCORES[kind] for kind in kinds) / len(kinds) * (0.97 if permuted else 1.0)
    reasons: tuple[Reason, ...] = (weakest,)
    if permuted:
        reasons = (Reason.ORDER,) if weakest == Reason.SAME else (weakest, Reason.ORDER)
    return NameMatch(round(score, 2), reasons, name)


def _weakest(kinds: list[Reason]) -> Reason:
    return min(kinds, key=_WEAKEST_FIRST.index)


# Organisations ------------------------------------------------------------------------------------------

# Legal forms of associations and foundations in Central Asia that rigour's table (companies first) lacks
_MORE_LEGAL_FORMS = re.compile(
    r"\b(public association|public foundation|public fund|public union|non-governmental organi[sz]ation"
    r"|общественное объединение|общественный фонд|общественная организация|фонд"
    r"|қоғамдық бірлестік|қоғамдық қор|коомдук бирикме|коомдук фонд|the)\b",
    re.UNICODE,
)
_QUOTES = re.compile(r"[«»\"“”„‘’'`]")
_BRACKETS = re.compile(r"\(([^()]*)\)")
_CAMEL = re.compile(r"[A-ZА-ЯЁ]?[a-zа-яё]+|[A-ZА-ЯЁ]+(?![a-zа-яё])|\d+")
_STOPWORDS = frozenset({"of", "and", "for", "the", "in", "on", "и", "в", "по", "за", "для"})
_LEGAL_FORM = 0.95
_ACRONYM = 0.9


def _match_organisation(new: str, known: str) -> NameMatch | None:
    if new.casefold().split() == known.casefold().split():
        return NameMatch(1.0, (Reason.SAME,), known)
    best: NameMatch | None = None
    for a in _organisation_variants(new):
        for b in _organisation_variants(known):
            found = _match_organisation_variant(a, b, known)
            if found is not None and (best is None or found.score > best.score):
                best = found
    return best


def _match_organisation_variant(new: str, known: str, name: str) -> NameMatch | None:
    new_words, known_words = _words(_QUOTES.sub(" ", new)), _words(_QUOTES.sub(" ", known))
    whole = _match_words(new_words, known_words, name) if len(new_words) == len(known_words) else None
    if whole is not None:
        return whole
    new_core, known_core = _without_legal_form(new), _without_legal_form(known)
    if new_core and known_core and (new_core != _QUOTES.sub(" ", new) or known_core != _QUOTES.sub(" ", known)):
        cores = _words(new_core), _words(known_core)
        if len(cores[0]) == len(cores[1]) and (core := _match_words(*cores, name)) is not None:
            detail = tuple(r for r in core.reasons if r != Reason.SAME)
            return NameMatch(round(_LEGAL_FORM * core.score, 2), (Reason.LEGAL_FORM, *detail), name)
    new_short, known_short = _compact(new), _compact(known)
    if (new_short and new_short in _acronyms(known)) or (known_short and known_short in _acronyms(new)):
        return NameMatch(_ACRONYM, (Reason.ACRONYM,), name)
    return None


@lru_cache(maxsize=50_000)
def _organisation_variants(name: str) -> tuple[str, ...]:
    """Return the name and, when it holds one in brackets, the bracketed name and the name without it."""
    inner = [text.strip() for text in _BRACKETS.findall(name) if text.strip()]
    outer = _BRACKETS.sub(" ", name).strip()
    return tuple(dict.fromkeys([name, *([outer] if inner and outer else []), *inner]))


@lru_cache(maxsize=50_000)
def _without_legal_form(name: str) -> str:
    text = _QUOTES.sub(" ", name).casefold()
    text = _MORE_LEGAL_FORMS.sub(" ", remove_org_types(" ".join(text.split())))
    return " ".join(text.split())


@lru_cache(maxsize=50_000)
def _compact(name: str) -> str:
    """Return a short name's letters, as an acronym is written: 'EL*C' → 'elc'; '' for a name of several words."""
    if len(name.split()) > 1:
        return ""
    return _skeleton_word(_NOT_LETTERS.sub("", latin(name)))


@lru_cache(maxsize=50_000)
def _acronyms(name: str) -> frozenset[str]:
    """Return the acronyms of a name of several words, from its words and from their camel-case parts."""
    words = [w for w in re.findall(r"[^\W_]+", _QUOTES.sub(" ", name)) if w.casefold() not in _STOPWORDS]
    core = re.findall(r"[^\W_]+", _without_legal_form(name))
    found = set()
    for group in (words, core):
        if len(group) < 2:
            continue
        found.add("".join(w[0] for w in group))
        found.add("".join(part[0] for w in group for part in _CAMEL.findall(w) or [w]))
    return frozenset(_skeleton_word(_NOT_LETTERS.sub("", latin(a))) for a in found) - {""}
