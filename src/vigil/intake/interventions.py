"""Find the organisations that spoke up about the acts: statements, appeals, letters, reports, judgments.

A sentence holds an intervention when a cue of `cues.yaml` (interventions:) matches its lemmas;
the organisation is the subject of the cue's verb ("ILGA-Europe condemned the arrests"), else
the organisation named nearest before the cue in the sentence ("according to a statement by X"
has X after it, so an organisation just after the cue is taken when none stands before it).
"""

from __future__ import annotations

import re

from vigil.core.report import ReportedIntervention
from vigil.intake import cues
from vigil.intake.entities import ORGANIZATION, Mention, Parsed, Token

_SUBJECTS = ("nsubj", "nsubj:pass")


def find_interventions(parsed: Parsed) -> list[ReportedIntervention]:
    """Return the article's interventions, one per organisation and kind."""
    language = parsed.language
    found: dict[tuple[str, str], ReportedIntervention] = {}
    for sentence in parsed.sentences:
        organisations = [m for m in parsed.mentions_in(sentence) if m.kind == ORGANIZATION]
        if not organisations:
            continue
        lemmas, starts = parsed.lemma_line(sentence)
        for cue in cues.intervention_cues(language):
            match = cue.pattern.search(lemmas)
            if match is None:
                continue
            trigger = parsed.tokens[starts[match.start()]]
            speaker = _speaker(parsed, trigger, organisations)
            if speaker is not None:
                name = _clean(speaker.text)
                found.setdefault((name.lower(), cue.label), ReportedIntervention(by=name, type=cue.label))
            break  # the most specific kind of the sentence only
    return list(found.values())


def _speaker(parsed: Parsed, trigger: Token, organisations: list[Mention]) -> Mention | None:
    """Return the organisation that spoke: the verb's subject, else the one named nearest before the cue."""
    node = trigger
    for _ in range(3):
        subjects = [c for c in parsed.children(node) if c.dep in _SUBJECTS]
        for subject in subjects:
            for mention in organisations:
                if mention.first <= subject.i <= mention.last or _governs(parsed, subject, mention):
                    return _speaking(mention)
        if node.dep not in ("conj", "xcomp", "ccomp", "dobj", "obj", "pobj", "prep") or node.head == node.i:
            break
        node = parsed.tokens[node.head]
    before = [m for m in organisations if m.last < trigger.i]
    if before:
        return _speaking(before[-1])
    after = [m for m in organisations if m.first > trigger.i and m.first - trigger.i <= 6]
    return _speaking(after[0]) if after else None


def _speaking(mention: Mention) -> Mention | None:
    return None if cues.STATE_BODY.search(mention.text) else mention


def _governs(parsed: Parsed, head: Token, mention: Mention) -> bool:
    token = parsed.tokens[mention.last]
    for _ in range(4):
        if token.i == head.i:
            return True
        if token.head == token.i:
            return False
        token = parsed.tokens[token.head]
    return False


def _clean(name: str) -> str:
    return re.sub(r"\s+", " ", name).strip(" ,.;:«»\"'“”’")
