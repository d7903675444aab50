"""Link the acts that several reports tell of one real-world act: one incident key for them all.

The same arrest is told by a local site in Russian, a regional service in English and an NGO's
statement. Two acts of different reports are the same act when they are of the same type, against
the same victim (names compared across scripts and spellings, a surname alone standing for the
full name) and on a compatible occasion (days at most `SAME_OCCASION_DAYS` apart, or a month or
year that holds the day, or no date on one side). Acts are joined surest pair first, and an
incident never holds two acts of one report: a report that tells two detentions of one person
tells two occasions. `same_act` says of two acts whether they may be one, how surely and why, for a
documenter to confirm; `origin` says which outlet a source is, to count independent sources.
Pure Python: no Django.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta
from functools import lru_cache
from urllib.parse import urlsplit

from rigour.text import jaro_winkler

from vigil.core.dates import PartialDate
from vigil.core.names import EXPLANATIONS, NameMatch, Reason, latin, match_person, skeleton
from vigil.core.report import Report, ReportedAct

# How far apart two reports may date one act. A detention, a raid or an attack is an event of a
# day (reports differ by the night or the time zone); a charge, a term or a fine is a state or a
# decision that reports date by its start, its hearing or its announcement, days apart.
SAME_OCCASION_DAYS = 2
SAME_DECISION_DAYS = 7
EVENT_TYPES = frozenset({"detention", "raid", "physical_attack", "killing", "disappearance", "threat", "event_ban"})
# An act told without a date is recent news to its report: it is not linked to a dated act from
# more than this long before the report's publication.
RECENT_DAYS = 60
_PLACE_WORD_SIMILAR = 0.9  # how alike a word of one place's name must be to a word of the other's
# What a day between two dates, or a date given only on one side, takes from a likeness's score
_DAY_PENALTY = 0.05


def link_reports(reports: Sequence[Report]) -> list[Report]:
    """Return the reports with an incident key on every act, shared by the acts that are one act.

    Keys already present are replaced; a key reads as the incident's first date, victim and type
    ("2025-03-08-aigerim-nurlanova-detention").
    """
    acts = [
        _Act(r, a, report.acts[a], _written(report))
        for r, report in enumerate(reports)
        for a in range(len(report.acts))
    ]
    clusters = _Clusters(acts)
    kinds: dict[tuple[str, str], list[_Act]] = {}
    for act in acts:
        kinds.setdefault((act.act.type, act.act.victim_kind), []).append(act)
    pairs = [
        (score, first.index, second.index)
        for same_kind in kinds.values()
        for first, second in _candidate_pairs(same_kind)
        if first.report != second.report and (score := _same_act(first, second)) is not None
    ]
    for _, left, right in sorted(pairs, key=lambda pair: (pair[0], pair[1], pair[2])):
        clusters.join(left, right)
    keys = _keys(acts, clusters)
    return [
        replace(report, acts=tuple(replace(act, incident=keys[(r, a)]) for a, act in enumerate(report.acts)))
        for r, report in enumerate(reports)
    ]


@dataclass(frozen=True, slots=True)
class ActLikeness:
    """How surely two reported acts are one act, and why, in the terms a documenter checks.

    `score` runs from 0 to 1 (1: the same name on the same day); `names` is how alike the victims'
    names are (None for unnamed groups); `days_apart` is None when one act has no date; `dates`
    is "day" when both are known to the day, else the vaguest precision of the two ("month",
    "year", "unknown").
    """

    score: float
    names: float | None
    days_apart: int | None
    dates: str
    name_reasons: tuple[Reason, ...] = ()  # why the victims' names were taken for one (core.names)

    @property
    def reason(self) -> str:
        """Return why the acts may be one, in English: "same victim, same type, same day"."""
        if self.names is None:
            victim = "unnamed groups in the same country"
        elif self.names >= 1.0:
            victim = "same victim"
        elif self.name_reasons:
            victim = f"victim's name: {EXPLANATIONS[self.name_reasons[0]]} ({self.names:.2f})"
        else:
            victim = f"victims' names alike ({self.names:.2f})"
        if self.dates == "unknown":
            when = "one report gives no date"
        elif self.dates != "day":
            when = f"one report gives only the {self.dates}"
        elif self.days_apart == 0:
            when = "same day"
        else:
            when = f"dates {self.days_apart} day{'s' if self.days_apart != 1 else ''} apart"
        return f"{victim}, same type, {when}"


def same_act(
    first: ReportedAct, second: ReportedAct, *, first_published: date | None, second_published: date | None
) -> ActLikeness | None:
    """Return how likely two acts of different reports are one act, or None when they cannot be.

    The rule is link_reports' own (type, victim kind, names alike, a compatible date, an undated
    act only as news of its report); `first_published` and `second_published` are when each
    act's report came out, which places an undated act.
    """
    found = _same_act(_Act(0, 0, first, first_published), _Act(1, 0, second, second_published))
    if found is None:
        return None
    days, minus_alike = found
    alike = -minus_alike if first.victim and second.victim else None
    precisions = {first.date.precision, second.date.precision}
    dates = next(p for p in ("unknown", "year", "month", "day") if p in precisions)
    days_apart = None if dates == "unknown" else days if dates == "day" else 0
    penalty = _DAY_PENALTY * (days if dates == "day" else 1)
    matched = _names_match(first.victim, second.victim) if first.victim and second.victim else None
    return ActLikeness(
        score=round(max(0.0, (1.0 if alike is None else alike) - penalty), 2),
        names=None if alike is None else round(alike, 2),
        days_apart=days_apart,
        dates=dates,
        name_reasons=matched.reasons if matched is not None else (),
    )


def origin(*, publisher: str | None, url: str | None) -> str | None:
    """Return the outlet a source comes from, to count independent sources; None when unknown.

    The outlet is its publisher's name, normalised across scripts and spellings ("Радио Азаттык"
    and "Radio Azattyk" are one), else the host of its address without "www."; two articles of
    one outlet are one origin. A source with neither is an origin of its own (the caller's to count).
    """
    if publisher and (name := skeleton(publisher)):
        return f"publisher:{name}"
    try:
        host = (urlsplit(url).hostname or "") if url else ""
    except ValueError:  # an address that does not parse names no outlet
        host = ""
    host = host.lower().removeprefix("www.")
    return f"host:{host}" if host else None


def places_alike(first: str | None, second: str | None) -> bool:
    """Tell whether two places may be one: either is not given, or they share a word in any script.

    "Almaty", "Алматы" and "Almaty city centre" are alike; "Almaty" and "Astana" are not.
    """
    ours, theirs = skeleton(first or "").split(), skeleton(second or "").split()
    if not ours or not theirs:
        return True
    return any(jaro_winkler(word, other) >= _PLACE_WORD_SIMILAR for word in ours for other in theirs)


def _candidate_pairs(acts: list[_Act]) -> Iterator[tuple[_Act, _Act]]:
    """Yield the pairs of acts whose dates may be of one occasion, each once, earlier act first.

    The others cannot be one act (`_same_act` would say None), so they are never compared: over a
    database of 100,000 acts, every pair of a type would be billions. Dated acts are swept in the
    order of their start, each compared with those whose span (a day, a month, a year), widened
    by the longest window, reaches it; an undated act with all the undated ones, and with the
    dated ones from RECENT_DAYS before its report's publication on (all of them without one).
    """
    spans = sorted(
        (start, end or start, a.index, a)
        for a in acts
        if (start := a.act.date.start) is not None
        for end in [a.act.date.end]
    )
    dated = [a for *_, a in spans]
    undated = [a for a in acts if a.act.date.start is None]
    reach = timedelta(days=max(SAME_OCCASION_DAYS, SAME_DECISION_DAYS))
    active: list[tuple[date, _Act]] = []  # (the last day it may be linked to, act), in order of start
    for start, end, _, act in spans:
        active = [(last, other) for last, other in active if last >= start]
        for _, other in active:
            yield _ordered(other, act)
        active.append((end + reach, act))
    starts = [start for start, *_ in spans]
    for i, act in enumerate(undated):
        for other in undated[i + 1 :]:
            yield _ordered(act, other)
        first = 0 if act.published is None else bisect_left(starts, act.published - timedelta(days=RECENT_DAYS))
        for other in dated[first:]:
            yield _ordered(act, other)


def _ordered(first: _Act, second: _Act) -> tuple[_Act, _Act]:
    """Return two acts in the order the unblocked loop compared them (by their place in the input)."""
    return (first, second) if first.index < second.index else (second, first)


def _written(report: Report) -> date | None:
    """Return when a report was published, else the newest day it tells of (an undated page)."""
    if report.source.published:
        return report.source.published
    days = [act.date.start for act in report.acts if act.date.start is not None]
    return max(days) if days else None


@dataclass(slots=True)
class _Act:
    report: int
    position: int
    act: ReportedAct
    published: date | None
    index: int = 0


class _Clusters:
    """Union-find over acts, where a cluster may hold at most one act of each report."""

    def __init__(self, acts: list[_Act]) -> None:
        for index, act in enumerate(acts):
            act.index = index
        self.acts = acts
        self.parent = list(range(len(acts)))
        self.members: list[list[int]] = [[index] for index in range(len(acts))]

    def root(self, index: int) -> int:
        while self.parent[index] != index:
            self.parent[index] = self.parent[self.parent[index]]
            index = self.parent[index]
        return index

    def join(self, left: int, right: int) -> None:
        a, b = self.root(left), self.root(right)
        if a == b:
            return
        ours, theirs = [self.acts[i] for i in self.members[a]], [self.acts[i] for i in self.members[b]]
        if {x.report for x in ours} & {y.report for y in theirs}:
            return  # it would hold two acts of one report
        if any(_same_act(x, y) is None for x in ours for y in theirs):
            return  # an undated act must not bridge two occasions years apart
        self.parent[b] = a
        self.members[a].extend(self.members[b])


def _same_act(left: _Act, right: _Act) -> tuple[int, float] | None:
    """Return how far apart two acts are (smaller is surer), or None when they are not one act."""
    first, second = left.act, right.act
    if first.type != second.type or first.victim_kind != second.victim_kind:
        return None
    window = SAME_OCCASION_DAYS if first.type in EVENT_TYPES else SAME_DECISION_DAYS
    days = _days_apart(first.date, second.date, window)
    if days is None or not (_recent(left, second.date) and _recent(right, first.date)):
        return None
    if first.victim and second.victim:
        alike = _names_alike(first.victim, second.victim)
        if alike is None:
            return None
        return days, -alike
    if first.victim or second.victim:
        return None
    # unnamed groups: only the same day in the same country
    if first.country != second.country or days != 0 or first.date.precision != "day":
        return None
    return days, 0.0


def _recent(undated: _Act, other: PartialDate) -> bool:
    """Tell whether an act without a date may be the other, dated one: news, not history."""
    if undated.act.date.start is not None or other.start is None or undated.published is None:
        return True
    return (undated.published - other.start).days <= RECENT_DAYS


def _days_apart(first: PartialDate, second: PartialDate, window: int) -> int | None:
    """Return the days between two dates of one occasion (0 when one holds the other), or None."""
    if first.start is None or second.start is None:
        return 1  # no date on one side: possible, but less sure than a matching day
    if first.precision == "day" and second.precision == "day":
        apart = abs((first.start - second.start).days)
        return apart if apart <= window else None
    wider, narrower = sorted((first, second), key=lambda d: _span(d))
    start, end, inner = wider.start, wider.end, narrower.start
    if start is None or end is None or inner is None:
        return None
    return 1 if start <= inner <= end else None


def _span(when: PartialDate) -> int:
    """Return minus the days a date covers: a day sorts after the month and the year that hold it."""
    if when.start is None or when.end is None:
        return 0
    return -(when.end - when.start).days


@lru_cache(maxsize=65536)
def _names_alike(first: str, second: str) -> float | None:
    """Return how alike two victims' names are, or None when they are two people or groups.

    Close spellings count as one name; otherwise the names must match word by word as
    core.names.match_person has it: another script, a case form ("Секербаевой"), the surname
    alone ("Sekerbayeva" and "Zhanar Sekerbayeva"), initials.
    """
    found = _names_match(first, second)
    return found.score if found is not None else None


@lru_cache(maxsize=65536)
def _names_match(first: str, second: str) -> NameMatch | None:
    """Return how and why two victims' names are one name, either way round, or None."""
    return match_person(first, [second]) or match_person(second, [first])


def _keys(acts: list[_Act], clusters: _Clusters) -> dict[tuple[int, int], str]:
    members: dict[int, list[_Act]] = {}
    for act in acts:
        members.setdefault(clusters.root(act.index), []).append(act)
    keys: dict[tuple[int, int], str] = {}
    used: set[str] = set()
    for group in members.values():
        base = _key(group)
        key, number = base, 1
        while key in used:
            number += 1
            key = f"{base}-{number}"
        used.add(key)
        for act in group:
            keys[(act.report, act.position)] = key
    return keys


def _key(group: list[_Act]) -> str:
    dated = sorted((a.act.date for a in group if a.act.date.start), key=lambda d: (_span(d), d.start or date.min))
    when = dated[-1].isoformat() if dated else "undated"
    named = [a.act.victim for a in group if a.act.victim]
    # the name as written in Latin letters, when a report gives it so, else the fullest transliterated
    who = max(named, key=lambda n: (n.isascii(), len(n))) if named else (group[0].act.country or "group").lower()
    slug = re.sub(r"[^a-z0-9]+", "-", latin(who)).strip("-")
    return f"{when}-{slug or 'unnamed'}-{group[0].act.type.replace('_', '-')}"
