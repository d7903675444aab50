"""Read the cue lists of `cues.yaml`: the words that tell a sentence reports an act, who did it, and who spoke."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import yaml


@dataclass(frozen=True, slots=True)
class Cue:
    """A pattern over a sentence's lemma line (see `entities.Parsed.lemma_line`) and what it signals.

    `anchors` are words one of which starts every match (empty when the pattern does not say):
    a sentence without any of them is not searched, which keeps intake fast.
    """

    label: str
    pattern: re.Pattern[str]
    anchors: tuple[str, ...] = ()

    def may_match(self, lemmas: str) -> bool:
        """Tell cheaply whether the pattern can match a lemma line."""
        return not self.anchors or any(anchor in lemmas for anchor in self.anchors)


# The state's own bodies: never the victim of an act, never the voice of an intervention about one.
STATE_BODY = re.compile(
    r"\b(ministry|court|police|prosecut\w*|government|parliament|authorities|akimat|tribunal|"
    r"national\s+assembly|security\s+(?:service|committee|council)|committee\s+for\s+(?:state|national)\s+security|"
    r"investigative\s+committee|fsb|kgb|gknb|"
    r"министерств\w*|суд\w*|полици\w*|прокуратур\w*|правительств\w*|акимат\w*|мэри\w*|парламент\w*|мвд|"
    r"минюст\w*|фсб|кнб|гкнб|следственн\w+\s+комитет\w*|госдум\w*|роскомнадзор\w*|"
    r"minist[eè]re|ministerio|gobierno|fiscal[ií]a|polic[ií]a|asamblea\s+nacional)\b",
    re.IGNORECASE,
)


@cache
def act_cues(language: str) -> tuple[Cue, ...]:
    """Return the act cues of a language, labelled with their act type (or `sentence`).

    A cue names its trigger word with a group `t` when it is not its first word.
    """
    return tuple(
        Cue(act_type, _whole_words(pattern), _anchors(pattern))
        for act_type, spec in _data()["acts"].items()
        for pattern in spec.get(language, ())
    )


@cache
def any_act_cue(language: str) -> re.Pattern[str]:
    """Return one pattern that matches where any act cue of the language does: a quick test per sentence."""
    patterns = (cue.pattern.pattern.replace("(?P<t>", "(?:") for cue in act_cues(language))
    return re.compile("|".join(f"(?:{pattern})" for pattern in patterns) or "(?!)")


@cache
def languages() -> frozenset[str]:
    """Return the languages that have act cues."""
    return frozenset(key for spec in _data()["acts"].values() for key in spec if key != "perpetrator")


@cache
def usual_perpetrators() -> dict[str, str]:
    """Return each act type's usual perpetrator kind."""
    usual = {act_type: spec["perpetrator"] for act_type, spec in _data()["acts"].items()}
    usual.update({"imprisonment": "court", "noncustodial_sentence": "court", "other": "unknown"})
    return usual


@cache
def perpetrator_cues(language: str) -> tuple[tuple[Cue, frozenset[str] | None], ...]:
    """Return the words naming each perpetrator kind, with the act types the kind may apply to (None: all)."""
    cues = []
    for kind, spec in _data()["perpetrators"].items():
        words = spec.get(language, ())
        if words:
            applies = frozenset(spec["applies_to"]) if "applies_to" in spec else None
            cues.append((Cue(kind, _whole_words("|".join(re.escape(w) for w in words))), applies))
    return tuple(cues)


@cache
def intervention_cues(language: str) -> tuple[Cue, ...]:
    """Return the words of statements, appeals, letters, reports and judgments, most specific kind first."""
    return tuple(
        Cue(kind, _whole_words("|".join(re.escape(w) for w in spec[language])))
        for kind, spec in _data()["interventions"].items()
        if spec.get(language)
    )


@cache
def group_words(language: str) -> frozenset[str]:
    """Return the lemmas of nouns for unnamed groups of people."""
    return frozenset(_data()["groups"].get(language, ()))


@cache
def negations(language: str) -> frozenset[str]:
    """Return the lemmas that, above a trigger, mean the act did not or not yet happen."""
    return frozenset(_data()["negations"].get(language, ()))


_LEADING_WORD = re.compile(r"[^\W\d_]+")
_LEADING_CHOICE = re.compile(r"\(\?(?:P<t>|:)((?:[^\W\d_]+\|)*[^\W\d_]+)\)")


def _anchors(pattern: str) -> tuple[str, ...]:
    """Return the words, preceded by a space, one of which must start a match of the pattern."""
    if choice := _LEADING_CHOICE.match(pattern):
        return tuple(f" {word}" for word in choice.group(1).split("|"))
    if word := _LEADING_WORD.match(pattern):
        return (f" {word.group()}",)
    return ()


def _whole_words(pattern: str) -> re.Pattern[str]:
    return re.compile(rf"(?<= )(?:{pattern})(?= )")


@cache
def _data() -> dict[str, Any]:
    text = resources.files("vigil.intake").joinpath("cues.yaml").read_text(encoding="utf-8")
    data: dict[str, Any] = yaml.safe_load(text)
    return data
