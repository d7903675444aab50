"""Find the acts an article reports: what was done, to whom, when, where, by whom, for how long.

A sentence reports an act when a cue of `cues.yaml` matches its lemmas. The trigger's grammar
gives the victims: the subject of a passive verb ("X and Y were detained"), the object of an
active one ("police detained X", "задержали X"), the complement of a noun ("the arrest of X");
a verb in a conjunction shares its subject ("were detained and sentenced"). Pronouns and bare
surnames are resolved to the full names met before; state officials named with their titles
are never victims. One act per victim per type per occasion: two mentions of the same arrest
merge, keeping the surer date and the more precise attributes. Attributes come from the act's
own clause (its date, term, fine, place, legal basis), else from its sentence (leaving out
clauses about other things), else from the story told before it (its last date, its place),
else from the article (the country).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from difflib import SequenceMatcher
from typing import Any

from vigil.core.dates import UNKNOWN, PartialDate
from vigil.core.report import ReportedAct
from vigil.intake import cues
from vigil.intake.dates import DateMention, find_dates
from vigil.intake.entities import LOCATION, ORGANIZATION, PERSON, Mention, Parsed, Sentence, Token
from vigil.intake.entities import gazetteer as entities_gazetteer
from vigil.intake.legal import LegalBasisMention, find_legal_bases
from vigil.intake.penalties import NUMBER_WORDS, FineMention, TermMention, find_fines, find_terms
from vigil.intake.places import Place, resolve_place

SENTENCE = "sentence"  # a cue whose act type the term decides
_TERM_TYPES = frozenset(
    {"administrative_detention", "pretrial_detention", "imprisonment", "noncustodial_sentence", "travel_restriction"}
)
_LEGAL_TYPES = frozenset(
    {
        "fine",
        "criminal_charge",
        "administrative_detention",
        "imprisonment",
        "noncustodial_sentence",
        "pretrial_detention",
    }
)
_ORGANISATION_TYPES = frozenset({"registration_denial", "designation", "censorship", "raid", "event_ban", "threat"})
_ORGANISATION_ONLY = frozenset({"registration_denial"})
_GROUP_BY_DEFAULT = frozenset({"restrictive_law"})  # the group a law targets, when the sentence names none
_NONCUSTODIAL = re.compile(
    r"\b(suspended|probation|restrict\w* (of )?(freedom|liberty)|community (service|work)|correctional labou?r|"
    r"услов\w+|ограничени\w+ свобод\w+|исправительн\w+ работ\w+|обязательн\w+ работ\w+)",
    re.IGNORECASE,
)
_PRONOUNS = {
    "en": {"he": 1, "she": 1, "him": 1, "her": 1, "they": 2, "them": 2, "both": 2},
    "ru": {"он": 1, "она": 1, "его": 1, "ее": 1, "её": 1, "ей": 1, "ему": 1, "они": 2, "их": 2, "им": 2, "оба": 2},
    "fr": {"il": 1, "elle": 1, "ils": 2, "elles": 2},
    "es": {"él": 1, "ella": 1, "ellos": 2, "ellas": 2},
}
_SUBJECTS = ("nsubj", "nsubj:pass", "csubj")
_OBJECTS = ("obj", "iobj")


@dataclass(slots=True)
class Victim:
    """Who an act targets: a named party, or an unnamed group with its count when stated."""

    name: str | None
    kind: str  # person, organization, group
    count: int | None = None


@dataclass(slots=True)
class Found:
    """An act as the sentence gives it, before attributes from the context fill it in."""

    type: str
    victim: Victim
    sentence: int
    trigger: int
    date: PartialDate = UNKNOWN
    date_confidence: int = 0  # 4, 3: in the trigger's clause (of a verb, a noun), 2: its sentence, 1: before it
    duration_days: float | None = None
    amount: Decimal | None = None
    currency: str | None = None
    place: Place | None = None
    perpetrator: str = "unknown"
    legal_basis: str | None = None
    occasion: int = 0  # 1 for an act told as happening again ("re-arrested", "taken back into detention")


def find_acts(parsed: Parsed, *, published: date | None, country: str | None = None) -> list[ReportedAct]:
    """Return every act the parsed article reports, one per victim per type per occasion."""
    language = parsed.language if parsed.language in cues.languages() else "en"
    names = _NameBook(parsed)
    places = _article_places(parsed, country)
    article_country = country or _article_country(places)
    reference = published or _reference_date(parsed, language)
    found: list[Found] = []
    context = _Context()
    context.country = article_country
    dates, unresolved = [], []
    for mention in find_dates(parsed.text, published=reference, language=language):
        if mention.until or _ANCHOR_BEFORE.search(parsed.text, max(0, mention.start - 16), mention.start):
            continue
        if published or not mention.relative or any(ch.isdigit() for ch in mention.text):
            dates.append(mention)
        else:
            unresolved.append(mention)  # an undated article's "last week" or "on Friday" cannot be resolved
    any_cue = cues.any_act_cue(language)
    leads: list[Found] = []  # acts the headline or lead tells without a date, awaiting the story's
    for number, sentence in enumerate(parsed.sentences):
        text = parsed.sentence_text(sentence)
        lemmas, starts = parsed.lemma_line(sentence)
        here = _Here(
            dates=[
                replace(d, start=d.start - sentence.start, end=d.end - sentence.start)
                for d in dates
                if sentence.start <= d.start < sentence.end
            ],
            places=_sentence_places(places, sentence),
        )
        here.described = _described(parsed, sentence) if here.dates else []
        here.story_dates = [d for d in here.dates if not _describes(here.described, d, sentence.start)]
        if len(here.story_dates) > 1:
            # a date that qualifies a noun yields to one that tells when things happened
            told = [
                d
                for d in here.story_dates
                if not _names_a_noun(parsed, sentence, d.start + sentence.start, d.end + sentence.start)
            ]
            here.story_dates = told or here.story_dates
        _add_later_days(here, text, context.date, language)
        # a time the sentence gives but Vigil cannot resolve is still not the story's last date
        here.undated = any(sentence.start <= d.start < sentence.end for d in unresolved)
        context.new_sentence(here)
        if not any_cue.search(lemmas):
            people = names.persons_in(sentence)
            _date_leads(leads, here, people, text)
            context.after_sentence(people, [])
            continue
        here.terms = [t for t in find_terms(text, language=language) if not t.is_maximum]
        here.fines = find_fines(text, language=language, country=article_country)
        acts_here = _sentence_acts(parsed, sentence, number, (lemmas, starts), language, names, context, here)
        if acts_here:
            bases = find_legal_bases(text, language=language)
            perpetrators = _perpetrator_words(lemmas, language)
            for act in acts_here:
                _attributes(parsed, sentence, act, here, bases, perpetrators, context)
            acts_here = _occasions(parsed, acts_here)
            if _RESPECTIVELY.search(text):
                _respective_dates(acts_here, here.dates)
        people = names.persons_in(sentence)
        _date_leads(leads, here, people, text)
        if number < _LEAD_SENTENCES:
            leads.extend(a for a in acts_here if a.date_confidence == 0 and a.type not in _NO_STORY_DATE)
        context.after_sentence(people, acts_here)
        found.extend(acts_here)
    if published:
        for act in found:
            if act.date.start and act.date.start > published:
                act.date, act.date_confidence = UNKNOWN, 0
    _complete_names(found)
    return [_reported(act, article_country) for act in _merge(found)]


# Days counted from the story's last date, not from publication: "the next morning", "two days later".
_LATER = {
    "en": re.compile(
        r"(?<!\w)(?:(?:the\s+)?(?:next|following)\s+(?P<next>day|morning|afternoon|evening|night)"
        r"|(?P<n>a|one|two|three|four|five|six|\d)\s+days?\s+later)(?!\w)",
        re.IGNORECASE,
    ),
    "ru": re.compile(
        r"(?<!\w)(?:на\s+(?:следующ\w+|друго\w+)\s+(?P<next>день|утро|вечер)|(?P<next2>наутро)"
        r"|(?:через|спустя)\s+(?P<n>два|три|четыре|пять|шесть|\d)\s+(?:дня|дней))(?!\w)",
        re.IGNORECASE,
    ),
}


_YEAR = re.compile(r"(?<![\d.,])((?:19|20)\d\d)(?![\d.,])")


def _add_later_days(here: _Here, text: str, story: PartialDate | None, language: str) -> None:
    """Resolve "the next day" and "two days later" against the story's last day, when it has one."""
    pattern = _LATER.get(language)
    if pattern is None or story is None or story.start is None or story.precision != "day":
        return
    if any(int(year) != story.start.year for year in _YEAR.findall(text)):
        return  # "held at the 2024 march and released the following day": the day after another time
    for match in pattern.finditer(text):
        if match.group("next") or match.groupdict().get("next2"):
            days = 1
        else:
            word = match.group("n").lower()
            days = int(word) if word.isdigit() else NUMBER_WORDS.get(word, 1)
        day = PartialDate(story.start + timedelta(days=days), "day")
        mention = DateMention(match.start(), match.end(), match.group(), day, relative=True)
        here.dates.append(mention)
        here.story_dates.append(mention)
    here.dates.sort(key=lambda m: m.start)
    here.story_dates.sort(key=lambda m: m.start)


_AGAIN = frozenset(
    {"again", "back", "anew", "second", "another", "снова", "вновь", "повторно", "опять", "второй", "повторный"}
)
_TWICE = frozenset({"twice", "дважды"})
_TIME = frozenset({"time", "раз"})


def _occasions(parsed: Parsed, acts: list[Found]) -> list[Found]:
    """Tell a repeated act from the first: "re-arrested", "detained again", "detained twice" (two acts)."""
    told: list[Found] = []
    for act in acts:
        trigger = parsed.tokens[act.trigger]
        words = _repetition_words(parsed, trigger)
        if words & _AGAIN or parsed.text[max(0, trigger.start - 3) : trigger.start].lower() == "re-":
            act.occasion = 1
        told.append(act)
        if words & _TWICE:
            told.append(replace(act, victim=replace(act.victim), occasion=1))
    return told


def _repetition_words(parsed: Parsed, trigger: Token) -> set[str]:
    """Return the words about the trigger that may tell a repetition: its own and its verb's modifiers."""
    words: set[str] = set()
    node = trigger
    for _ in range(3):
        for child in parsed.children(node):
            words.add(child.lemma)
            if child.dep == "prep":  # "for the second time", "во второй раз"
                for noun in parsed.children(child):
                    if noun.lemma in _TIME:
                        words.update(c.lemma for c in parsed.children(noun))
            elif child.lemma in _TIME:
                words.update(c.lemma for c in parsed.children(child))
        if node.head == node.i or node.dep not in ("pobj", "prep", "obl", "nmod"):
            break  # "taken back into detention": up from the noun to its verb, no further
        node = parsed.tokens[node.head]
    return words


_LEAD_SENTENCES = 3  # the headline and the lead: what the story then tells in detail


def _date_leads(leads: list[Found], here: _Here, people: list[str], text: str) -> None:
    """Date the acts a lead announces by the first dated sentence of the story that names their victim.

    "X and Y were attacked and arrested." then "On 29 May, X and Y went to ...": the story told
    after a lead is the lead's occasion. A dateline, or a date told of no one, is passed over.
    """
    if not leads or not here.story_dates:
        return
    persons = {_fold(name) for name in people}
    words = _fold(text).split()
    named = [act for act in leads if act.victim.name and _named_in(act.victim, persons, words)]
    if not people and not named:
        return
    for act in named:
        act.date, act.date_confidence = here.story_dates[0].date, 1
    leads.clear()


def _named_in(victim: Victim, persons: set[str], words: list[str]) -> bool:
    """Tell whether a sentence names a victim: among its people, or an organisation by its words."""
    name = _fold(victim.name or "")
    if victim.kind == "person":
        return name in persons
    wanted = [w for w in re.findall(r"\w+", name) if len(w) > 2]
    return bool(wanted) and all(any(_same_word(w, word.strip("«»\"'“”.,;:")) for word in words) for w in wanted)


# "detained before 8 March", "задержанная перед 8 марта": the date bounds the act, it is not the act's
# ("after last year's march" stays: the act follows closely)
# A fine is imposed at a hearing, most often on another day than the story's last date, and
# reports often tell it without one ("she was fined for it"): it takes no date from the story.
_NO_STORY_DATE = frozenset({"fine"})
_ANCHOR_BEFORE = re.compile(
    r"(?:\bbefore|\bahead of|перед|накануне|\bavant|\bantes de)\s*$",
    re.IGNORECASE,
)


@dataclass(slots=True)
class _Here:
    """What one sentence mentions besides its acts, with offsets into the sentence."""

    dates: list[DateMention]
    places: list[_PlaceAt]
    terms: list[TermMention] = field(default_factory=list)
    fines: list[FineMention] = field(default_factory=list)
    story_dates: list[DateMention] = field(default_factory=list)  # not those describing a noun
    described: list[tuple[int, int, bool]] = field(default_factory=list)  # clauses that describe a noun
    undated: bool = False


def _attributes(
    parsed: Parsed,
    sentence: Sentence,
    act: Found,
    here: _Here,
    bases: list[LegalBasisMention],
    perpetrators: list[tuple[str, int, frozenset[str] | None]],
    context: _Context,
) -> None:
    """Fill in an act's date, term, fine, place, legal basis and perpetrator from its sentence and context."""
    trigger = parsed.tokens[act.trigger]
    at = trigger.start - sentence.start
    clause = _clause(parsed, trigger)
    in_clause = [d for d in here.dates if _within(clause, d.start + sentence.start)]
    also = _also(parsed, trigger) and context.dates_by_type.get(act.type)
    if also and not in_clause:
        act.date, act.date_confidence = also, 2  # "X was also arrested": on the occasion told before
    elif in_clause:
        # a verb's own date is surer than the date of a noun that may refer back ("after serving his arrest")
        mention = _nearest(in_clause, at, lambda m: m)
        act.date = mention.date
        # a day named with a weekday it does not fall on yields to another mention of the act
        act.date_confidence = (4 if trigger.pos in ("VERB", "AUX") else 3) - mention.doubtful
    elif _in_relative_clause(parsed, trigger):
        pass  # "X, who was arrested last year, was fined on Monday": Monday is not the arrest's date
    elif trigger.dep in ("acl", "amod") and trigger.pos == "VERB" and act.type in context.dates_by_type:
        # "among those detained were X": a participle refers back to the act told before
        act.date, act.date_confidence = context.dates_by_type[act.type], 2
    elif not (trigger.dep in ("acl", "amod") and trigger.pos == "VERB") and (
        main := [
            d
            for d in here.dates
            if not _describes(here.described, d, sentence.start)
            and not _within(_other_clauses(parsed, trigger), d.start + sentence.start)
        ]
    ):
        # a date elsewhere in the sentence, but not for a participle that describes its victim
        # ("задержанная активистка 13 марта вышла на свободу": 13 March is the release)
        # a date elsewhere in the sentence, but not one that describes something else ("a case opened in August")
        act.date, act.date_confidence = _nearest(main, at, lambda m: m.date), 2
    elif context.date and not here.undated and act.type not in _NO_STORY_DATE:
        act.date, act.date_confidence = context.date, 1
        told = context.latest_by_type.get(act.type)
        if told and told.start and context.date.start and context.date.start < told.start:
            # the story stepped back ("the group was created in May 2023"); an act of a kind
            # already told, without a date of its own, is more likely that act than a new one then
            act.date = told
    if act.type in _TERM_TYPES:
        act.duration_days = _nearest(here.terms, at, lambda m: m.days, after=True)
    if act.type == "fine":
        fine = _nearest(here.fines, at, lambda m: (m.amount, m.currency), after=True)
        if fine:
            act.amount, act.currency = fine
    if act.type in _LEGAL_TYPES:
        act.legal_basis = _nearest(bases, at, lambda m: m.text, after=True)
    # A place in the act's own clause is its place; one elsewhere in the sentence only when it is in
    # the story's country ("a student in Bologna was arrested in Cairo"); else the story's last place.
    in_clause_places = [p for p in here.places if _within(clause, p.start + sentence.start)]
    home = [p for p in here.places if context.country is None or p.place.country == context.country]
    act.place = (
        _nearest(in_clause_places, at, lambda m: m.place) or _nearest(home, at, lambda m: m.place) or context.place
    )
    act.perpetrator = _perpetrator(act.type, perpetrators, trigger.i - sentence.first)


_RESPECTIVELY = re.compile(r"\b(respectively|соответственно|respectivement|respectivamente)\b", re.IGNORECASE)


def _respective_dates(acts: list[Found], dates: list[DateMention]) -> None:
    """Give each victim its own day: "on February 19 and 21, respectively, X and Y were fined"."""
    for trigger in dict.fromkeys(act.trigger for act in acts):
        group = [act for act in acts if act.trigger == trigger]
        for mention in dates:
            start = mention.date.start
            days = [int(d) for d in re.findall(r"(?<!\d)\d{1,2}(?!\d)", mention.text)]
            if start is None or mention.date.precision != "day" or len(days) != len(group) or len(group) < 2:
                continue
            try:
                for act, day in zip(group, days, strict=True):
                    act.date = PartialDate(start.replace(day=day), "day")
            except ValueError:
                continue
            break


def _in_relative_clause(parsed: Parsed, trigger: Token) -> bool:
    """Tell whether a trigger stands in a clause about a person or thing ("X, who was arrested in 2023")."""
    node = trigger
    for _ in range(4):
        if node.dep in ("relcl", "acl:relcl"):
            # "the station, where she was charged" continues the story; "X, who was arrested" steps back
            return not any(c.lemma in ("where", "when", "где", "когда") for c in parsed.children(node))
        if node.head == node.i or node.dep not in ("conj", "xcomp", "prep", "pobj", "obj", "amod", "compound"):
            return False
        node = parsed.tokens[node.head]
    return False


_SUBORDINATE = frozenset({"conj", "advcl", "ccomp", "relcl", "acl:relcl", "acl", "parataxis"})


def _clause(parsed: Parsed, trigger: Token) -> list[tuple[int, int]]:
    """Return the character spans of the clause around a trigger: its verb and what depends on it.

    Clauses within it that tell of something else are left out: a coordinated or subordinate verb,
    a participle ("the march, held in May 2024").
    """
    node = trigger
    for _ in range(4):
        if node.pos in ("VERB", "AUX") or node.head == node.i:
            break
        node = parsed.tokens[node.head]
    while node.dep == "xcomp" and node.head != node.i:
        node = parsed.tokens[node.head]  # "on 3 March the court ordered to arrest her": the order's date
    inside = [node]
    for token in inside:
        for child in parsed.children(token):
            if child.dep in _SUBORDINATE and child.pos in ("VERB", "AUX") and child.i != trigger.i:
                shares_subject = child.dep == "conj" and not any(g.dep in _SUBJECTS for g in parsed.children(child))
                if not shares_subject:
                    continue  # "detained and tortured in February": one subject, one occasion
            inside.append(child)
    return [(t.start, t.end) for t in inside]


_ALSO = frozenset({"also", "too", "likewise", "тоже", "также", "aussi", "también"})


def _also(parsed: Parsed, trigger: Token) -> bool:
    """Tell whether the act is told as one more of the same ("X was also arrested")."""
    node = trigger
    for _ in range(2):
        if any(c.lemma in _ALSO for c in parsed.children(node)):
            return True
        if node.head == node.i:
            break
        node = parsed.tokens[node.head]
    return False


def _other_clauses(parsed: Parsed, trigger: Token) -> list[tuple[int, int]]:
    """Return the character spans of the clauses of the trigger's sentence that tell of other things.

    "X was assaulted during detention, and on Friday he filed a complaint": Friday is the complaint's.
    """
    own = {trigger.i}
    node = trigger
    while node.head != node.i:
        node = parsed.tokens[node.head]
        own.add(node.i)
    sentence = parsed.sentences[trigger.sentence]
    spans: list[tuple[int, int]] = []
    for token in parsed.tokens[sentence.first : sentence.last + 1]:
        if token.i in own or token.pos not in ("VERB", "AUX"):
            continue
        if token.dep in ("conj", "advcl", "ccomp", "parataxis"):
            if token.dep == "advcl" and any(c.lemma in _WHEN for c in parsed.children(token)):
                continue  # "detained when she arrived the next morning": the clause times the act
            inside = [token]
            for member in inside:
                inside.extend(c for c in parsed.children(member) if c.i not in own)
            spans.extend((t.start, t.end) for t in inside)
    return spans


_WHEN = frozenset({"when", "as", "while", "когда", "пока"})


def _described(parsed: Parsed, sentence: Sentence) -> list[tuple[int, int, bool]]:
    """Return the character spans of the clauses that describe a noun: "the case, opened in August".

    Each span tells whether its clause is a participle's ("opened in August") rather than a
    relative clause ("which was opened in August").
    """
    spans: list[tuple[int, int, bool]] = []
    for token in parsed.tokens[sentence.first : sentence.last + 1]:
        if token.dep in ("acl", "relcl", "acl:relcl") and token.pos in ("VERB", "AUX"):
            if token.dep == "acl" and token.text.lower().endswith("ing"):
                continue  # "students blocking a street on Saturday": what they were doing then, not before
            inside = [token]
            for member in inside:
                inside.extend(parsed.children(member))
            spans.extend((t.start, t.end, token.dep == "acl") for t in inside)
    return spans


def _describes(described: list[tuple[int, int, bool]], mention: DateMention, offset: int) -> bool:
    """Tell whether a date belongs to a clause that describes a noun, and so is not the story's.

    A day counted from publication ("on Wednesday") that the parser hung on a participle ("a centre
    run by the group on Wednesday") is most often the day of the sentence's news all the same.
    """
    at = mention.start + offset
    return any(start <= at < end and not (participle and mention.relative) for start, end, participle in described)


def _names_a_noun(parsed: Parsed, sentence: Sentence, start: int, end: int) -> bool:
    """Tell whether a date only qualifies the noun after it ("the disputed October 2024 election")."""
    inside = [t for t in parsed.tokens[sentence.first : sentence.last + 1] if start <= t.start < end]
    for token in inside:
        head = parsed.tokens[token.head]
        if start <= head.start < end:
            continue
        return (
            token.dep in ("nmod", "compound", "amod")
            and head.pos == "NOUN"
            and head.i > token.i
            and head.lemma not in _TIMES_OF_DAY  # "on Monday evening" is a date all the same
        )
    return False


_TIMES_OF_DAY = frozenset({"morning", "afternoon", "evening", "night", "day", "hour", "noon", "midnight", "dawn"})


def _within(spans: list[tuple[int, int]], offset: int) -> bool:
    return any(start <= offset < end for start, end in spans)


def _reference_date(parsed: Parsed, language: str) -> date | None:
    """Estimate when an undated article was written, to resolve "on 28 February" and "last Friday".

    The latest full date the text gives, when it gives one ("on 15 May 2024 ... on 20 May"); else
    a year after the latest month or year it names, since those mostly date the background of
    news ("the march in May 2024", "refused since 2017") and the news itself comes later.
    """
    latest_day: date | None = None
    latest_period: date | None = None
    for mention in find_dates(parsed.text, published=None, language=language):
        if mention.date.start is None or mention.relative:
            continue
        if mention.date.precision == "day":
            latest_day = max(latest_day or mention.date.start, mention.date.start)
        elif mention.date.end is not None:
            latest_period = max(latest_period or mention.date.end, mention.date.end)
    if latest_day and (latest_period is None or latest_day >= latest_period):
        return latest_day
    if latest_period:
        return min(latest_period + timedelta(days=365), datetime.now(UTC).date())
    return latest_day


# Finding acts in a sentence ---------------------------------------------------------------------------


def _sentence_acts(
    parsed: Parsed,
    sentence: Sentence,
    number: int,
    line: tuple[str, dict[int, int]],
    language: str,
    names: _NameBook,
    context: _Context,
    here: _Here,
) -> list[Found]:
    lemmas, starts = line
    matches = []
    for cue in cues.act_cues(language):
        if not cue.may_match(lemmas):
            continue
        for match in cue.pattern.finditer(lemmas):
            # a cue may name its trigger word "t" when it is not the first ("unidentified men took X")
            at = match.start("t") if "t" in match.groupdict() and match.group("t") else match.start()
            matches.append((match.end() - match.start(), match.start(), match.end(), cue.label, at))
    chosen: list[tuple[int, int, str, int]] = []
    for _, start, end, act_type, at in sorted(matches, key=lambda m: (-m[0], m[1])):
        if all(end <= s or start >= e for s, e, _, _ in chosen):
            chosen.append((start, end, act_type, at))
    acts: list[Found] = []
    text = parsed.sentence_text(sentence)
    triggers = []
    for _start, _end, act_type, at in sorted(chosen):
        trigger = parsed.tokens[starts[at]]
        refusal = trigger.lemma in _CUE_NEGATIONS and trigger.i < sentence.last
        if refusal:
            # "не согласовал шествие": the refusal is the act; its verb carries the grammar
            trigger = parsed.tokens[trigger.i + 1]
        triggers.append((trigger, act_type, refusal))
    # "sentenced for the murder of his wife": the crime is the reason, neither an act nor a persecution;
    # "investigated for assaulting a police officer" is the charge activists most often face, and stays
    reasons = {act_type for trigger, act_type, _ in triggers if _is_reason(parsed, trigger)}
    ordinary_crime = "killing" in reasons
    for trigger, act_type, refusal in triggers:
        if (not refusal and _negated(parsed, trigger, language)) or _is_reason(parsed, trigger):
            continue
        resolved = _resolved_type(text, act_type, trigger.start - sentence.start, here)
        if resolved is None or (ordinary_crime and resolved in _PENAL_TYPES):
            continue
        for victim in _victims(parsed, trigger, resolved, language, names, context):
            acts.append(Found(resolved, victim, number, trigger.i))
    return acts


_CUE_NEGATIONS = frozenset({"не", "not", "ne", "no"})  # where a cue is itself a refusal ("не согласовать")
_PENAL_TYPES = frozenset(
    {"imprisonment", "pretrial_detention", "criminal_charge", "noncustodial_sentence", "administrative_detention"}
)


def _is_reason(parsed: Parsed, trigger: Token) -> bool:
    """Tell whether a trigger names the reason for another act ("fined for picketing", "за нападение")."""
    node = trigger
    for _ in range(3):
        if node.head == node.i:
            return False
        head = parsed.tokens[node.head]
        if node.dep in ("pobj", "pcomp") and head.lemma in ("for", "over"):
            return True
        if parsed.language == "ru" and any(c.lemma == "за" and c.dep == "case" for c in parsed.children(node)):
            return True
        if node.dep not in ("compound", "amod", "conj"):
            return False
        node = head
    return False


def _resolved_type(text: str, act_type: str, at: int, here: _Here) -> str | None:
    """Decide what a cue means from what follows it: a sentence by its term, a "charge" of money is a fine."""
    fine_after = any(0 <= f.start - at <= 60 for f in here.fines)
    if act_type in ("criminal_charge", SENTENCE) and fine_after:
        return "fine"
    if act_type != SENTENCE:
        return act_type
    if _NONCUSTODIAL.search(text):
        return "noncustodial_sentence"
    term = _nearest(here.terms, at, lambda m: m.days, after=True)
    if term is None:
        return "imprisonment"
    return "administrative_detention" if term <= 60 else "imprisonment"


def _negated(parsed: Parsed, trigger: Token, language: str) -> bool:
    """Tell whether the act is denied or only threatened ("were not charged", "threatened to charge them")."""
    words = cues.negations(language)
    node = trigger
    for _ in range(4):
        for child in parsed.children(node):
            if child.dep == "neg" or (child.lemma in words and child.dep in ("advmod", "aux", "part", "det")):
                return True
        if node.head == node.i or node.dep not in _CLIMB:
            return False
        if node.dep == "conj" and node.pos in ("VERB", "AUX"):
            return False  # coordinated clauses have their own polarity ("not the first time, but it follows…")
        coordinated = node.dep == "conj"
        node = parsed.tokens[node.head]
        if node.lemma in words and not coordinated:
            return True
    return False


_CLIMB = frozenset(
    {
        "xcomp",
        "ccomp",
        "advcl",
        "prep",
        "pobj",
        "obj",
        "iobj",
        "obl",
        "nmod",
        "amod",
        "compound",
        "mark",
        "nsubj",
        "conj",
        "nsubj:pass",
    }
)


# Victims ----------------------------------------------------------------------------------------------


def _victims(
    parsed: Parsed, trigger: Token, act_type: str, language: str, names: _NameBook, context: _Context
) -> list[Victim]:
    if parsed.language not in _PARSED_LANGUAGES:
        return [v for v in _plain_victims(parsed, trigger, act_type, names, context) if not names.is_official(v.name)]
    heads = _argument_heads(parsed, trigger)
    victims: list[Victim] = []
    for head in heads:
        victims.extend(_phrase_victims(parsed, head, act_type, language, names, context))
        if victims:
            break
    if victims:
        # "X, along with Y, was detained": the parser may hang the companion on the verb
        for companion in _companions(parsed, trigger, names):
            victims.extend(_member_victims(parsed, companion, act_type, language, names, context, depth=0))
    groups = cues.group_words(language)
    described = parsed.tokens[trigger.head] if trigger.dep in ("acl", "amod", "relcl", "acl:relcl") else None
    if not victims and not any(h.lemma in groups for h in [*heads, *([described] if described else [])]):
        # the names near a group too vague to record are not its members ("задержали феминисток,
        # требовавших приговора для X", "women who were killed by their partners"): no fallback then
        victims = _fallback_victims(parsed, trigger, act_type, names)
    if not victims and act_type in _GROUP_BY_DEFAULT:
        victims = [Victim(None, "group", None)]
    unique: dict[tuple[str | None, str], Victim] = {}
    for victim in victims:
        if not names.is_official(victim.name) and _allowed(victim, act_type):
            unique.setdefault((victim.name, victim.kind), victim)
    return list(unique.values())


_PARSED_LANGUAGES = frozenset({"en", "ru"})
_SPEAKING = frozenset(
    {"dénonce", "dénoncé", "appelle", "exige", "déclaré", "selon", "affirme", "denunció", "denuncia",
     "informó", "según", "afirmó", "declaró", "pidió", "condena", "condenó", "alerte", "alerté", "reported", "said",
     "relató", "dijo", "señaló", "explicó", "indicó", "escribió", "denunciaron", "dit", "indiqué", "expliqué",
     "écrit", "rapporte", "rappelé"}
)  # fmt: skip


def _plain_victims(parsed: Parsed, trigger: Token, act_type: str, names: _NameBook, context: _Context) -> list[Victim]:
    """Return the victims of a trigger in a language without a grammar: the sentence's people, else its pronoun's."""
    sentence = parsed.sentences[trigger.sentence]
    victims = []
    for mention in names.mentions_between(sentence.first, sentence.last):
        around = parsed.tokens[max(sentence.first, mention.first - 1) : min(sentence.last, mention.last + 3) + 1]
        if any(t.lemma in _SPEAKING for t in around):
            continue
        if mention.kind == PERSON:
            victim = Victim(names.canonical(mention.name), "person", 1)
        else:
            victim = Victim(names.canonical_organisation(mention), "organization", None)
        if _allowed(victim, act_type) and (victim.kind == "person" or act_type in _ORGANISATION_TYPES):
            victims.append(victim)
    if victims:
        return victims
    words = parsed.tokens[sentence.first : sentence.last + 1]
    pronouns = [t for t in words if t.lemma in _PRONOUNS.get(parsed.language, {})]
    plural = bool(pronouns) and _PRONOUNS[parsed.language][pronouns[0].lemma] == 2
    gender = _PRONOUN_GENDER.get(pronouns[0].lemma) if pronouns else None
    # Romance languages drop subject pronouns ("Fue detenida el viernes"): the story's person then,
    # for a participle ("detenida", "arrêtée"), not for a noun ("la censure").
    if not pronouns and not _PARTICIPLE.search(trigger.text):
        return []
    return [v for v in context.referents(plural=plural, gender=gender) if _allowed(v, act_type)]


_PARTICIPLE = re.compile(r"(?:é|ée|és|ées|i|ie|is|ies|ado|ada|ados|adas|ido|ida|idos|idas)$", re.IGNORECASE)


def _argument_heads(parsed: Parsed, trigger: Token) -> list[Token]:
    """Return the heads of the phrases that may name the victim, most likely first."""
    tokens = parsed.tokens
    node = trigger
    has_object = any(c.dep in _OBJECTS for c in parsed.children(node))
    if node.dep in ("amod", "acl") and node.pos in ("VERB", "ADJ") and node.head != node.i and not has_object:
        described = tokens[node.head]
        governor = tokens[described.head]
        if described.dep in _OBJECTS and governor.lemma in _RECEIVE:
            # "she had been receiving threatening messages": who receives them
            return [c for c in parsed.children(governor) if c.dep in _SUBJECTS] or [described]
        among = tokens[described.head] if described.dep == "pobj" else None
        if among is not None and among.lemma in ("among", "среди") and among.head != among.i:
            # "Among those detained was X": the subject of the clause "among" belongs to
            clause = tokens[among.head]
            return [c for c in parsed.children(clause) if c.dep in _SUBJECTS] or [described]
        return [described]  # "the detained activists"
    as_object = as_subject = False
    # A noun inside a verb's phrase ("sentenced to 10 days of detention", "placed under house arrest")
    # takes that verb's arguments; a noun that is a verb's object ("faces charges", "received a fine")
    # takes its subject.
    for _ in range(4):
        if node.pos not in ("NOUN", "PROPN", "ADJ", "NUM", "ADP") and node.dep not in ("amod", "compound"):
            break
        own = _noun_arguments(parsed, node)
        if own or node.head == node.i:
            return own
        as_object = node.dep in _OBJECTS
        as_subject = node.dep in ("nsubj", "nsubj:pass") and parsed.language == "ru"
        node = tokens[node.head]
    heads: list[Token] = []
    verb = node
    for _ in range(4):
        children = parsed.children(verb)
        passive = any(c.dep in ("aux:pass", "nsubj:pass") for c in children) or verb.feats.get("Voice") == "Pass"
        subjects = [c for c in children if c.dep in _SUBJECTS]
        objects = [c for c in children if c.dep in _OBJECTS]
        datives = [
            c for c in children if c.dep in ("iobj", "dative") or (c.dep == "obl" and c.feats.get("Case") == "Dat")
        ]
        if as_object or as_subject:
            # "X faces charges", "the court imposed a fine on X", "Ей предъявлено обвинение"
            targets = [c for c in children if c.dep == "prep" and c.lemma in ("on", "against")]
            heads.extend(g for t in targets for g in parsed.children(t) if g.dep == "pobj")
            heads.extend(datives)
            if as_object:
                heads.extend(subjects)
        elif passive:
            heads.extend(subjects)
        else:
            heads.extend(objects)
            heads.extend(datives)
            if not objects:
                # "refused to register X", "decided to detain X": the object of the verb it governs
                for complement in (c for c in children if c.dep == "xcomp"):
                    heads.extend(
                        c for c in parsed.children(complement) if c.dep in _OBJECTS
                    )  # "sentenced them each to 10 days": "each" is the object, "them" the victims
            if parsed.language == "ru":
                # "на обеих составили протоколы", "против активиста возбудили дело"
                heads.extend(
                    c
                    for c in children
                    if c.dep == "obl"
                    and any(g.dep == "case" and g.lemma in ("на", "против") for g in parsed.children(c))
                    and c.pos in ("PROPN", "NOUN", "PRON", "DET", "ADJ")
                )
            if not objects and parsed.language == "ru" and verb.feats.get("Number") == "Plur":
                # an impersonal plural ("Нурланову штрафовали") has no subject: a singular one is its object
                heads.extend(c for c in subjects if c.feats.get("Number") == "Sing" and c.pos in ("PROPN", "NOUN"))
            if not objects and parsed.language == "ru":
                # free word order misleads the parser; the accusative case does not
                heads.extend(c for c in children if _accusative(parsed, c))
            if verb.lemma in _INTRANSITIVE:
                heads.extend(subjects)
        if verb.dep in ("relcl", "acl", "acl:relcl") and verb.head != verb.i:
            heads.append(tokens[verb.head])
        if heads or verb.dep not in ("conj", "xcomp", "advcl", "ccomp") or verb.head == verb.i:
            break
        verb = tokens[verb.head]
        as_object = as_subject = False
    return heads


def _accusative(parsed: Parsed, token: Token) -> bool:
    """Tell whether a Russian noun phrase is in the accusative, reading a name by its declined surname."""
    if token.pos not in ("NOUN", "PROPN", "PRON"):
        return False
    forms = [token, *(c for c in parsed.children(token) if c.dep == "flat:name")]
    return any(t.feats.get("Case") == "Acc" for t in forms)


_RECEIVE = frozenset({"receive", "get", "получать", "получить", "recevoir", "recibir"})
# Verbs whose subject is the victim ("she died", "he suffered a head wound").
_INTRANSITIVE = frozenset(
    {"die", "disappear", "vanish", "suffer", "sustain", "погибнуть", "умереть", "исчезнуть", "пропасть", "получить"}
)


def _noun_arguments(parsed: Parsed, noun: Token) -> list[Token]:
    """Return who a noun trigger is about: "the arrest of X", "X's detention", "задержание X".

    Nouns in a coordination share their complement: "the attack, arrest and release of X and Y".
    """
    found: list[Token] = []
    for member in _coordination(parsed, noun):
        for child in parsed.children(member):
            if child.dep == "prep" and child.lemma in ("of", "against", "on"):
                found.extend(c for c in parsed.children(child) if c.dep == "pobj")
            elif child.dep == "nmod:poss" or (
                parsed.language == "ru"
                and child.dep == "nmod"
                and child.feats.get("Case") in ("Gen", "Dat")
                and not any(c.dep == "case" for c in parsed.children(child))
                and not _a_thing(child)
            ):
                found.append(child)
        if found:
            break
    return found


def _a_thing(token: Token) -> bool:
    """Tell whether a Russian noun names a thing, not a person or a group: "мера пресечения", not "активистки"."""
    return (
        token.pos == "NOUN"
        and token.feats.get("Animacy") == "Inan"
        and token.lemma not in _ORGANISATION_NOUNS | _RELATIONAL | _ORGANISATION_WORDS_RU
    )


_ORGANISATION_WORDS_RU = frozenset({"редакция", "издание", "партия", "газета", "канал", "сми", "центр", "клуб"})


def _coordination(parsed: Parsed, token: Token) -> list[Token]:
    """Return a token and the tokens coordinated with it, itself first."""
    top = token
    while top.dep == "conj" and top.head != top.i:
        top = parsed.tokens[top.head]
    members = [top]
    for member in members:
        members.extend(c for c in parsed.children(member) if c.dep == "conj" and c not in members)
    return [token] + [m for m in members if m is not token]


def _phrase_victims(
    parsed: Parsed, head: Token, act_type: str, language: str, names: _NameBook, context: _Context
) -> list[Victim]:
    """Return the victims a phrase names, read from its head and the heads coordinated with it.

    "X and Y" gives both; "the activist X" and "X, founder of the newspaper Z" give X, not Z;
    "the home of X" gives X; a pronoun gives the people it refers to; "dozens of protesters" a group.
    """
    victims: list[Victim] = []
    members = _coordination(parsed, head)
    members += [c for m in members for c in _companions(parsed, m, names)]
    for member in members:
        victims.extend(_member_victims(parsed, member, act_type, language, names, context, depth=0))
    return victims


def _companions(parsed: Parsed, token: Token, names: _NameBook) -> list[Token]:
    """Return who shares a phrase's act: "X, along with Y", "X together with Y", "X вместе с Y"."""
    found = []
    own = names.mention_at(token.i)
    for child in parsed.children(token):
        other = names.mention_at(child.i)
        if child.dep == "appos" and own and other and own.kind == other.kind == PERSON and own is not other:
            found.append(child)  # "X, along with another activist, Y": the parser hangs Y on X
            continue
        if child.lemma in ("along", "together", "вместе"):
            for with_ in [child, *parsed.children(child)]:
                for object_ in parsed.children(with_):
                    if object_.dep in ("pobj", "obl", "nmod") and object_.pos in ("PROPN", "NOUN", "PRON"):
                        found.extend(_coordination(parsed, object_))
    return found


_RELATIVE_PRONOUNS = frozenset({"who", "whom", "which", "that", "который"})
_RELATIONAL = frozenset(
    {"home", "house", "apartment", "flat", "office", "headquarters", "premises", "website", "site", "page", "account",
     "centre", "center", "clinic", "shelter", "newsroom", "studio", "building", "school", "cafe", "café", "club",
     "family", "relative", "event", "march", "rally", "meeting", "gathering", "screening", "conference", "training",
     "parole",
     "квартира", "дом", "офис", "сайт", "страница", "семья", "мероприятие", "акция", "марш", "пикет", "редакция"}
)  # fmt: skip
_EACH = frozenset({"each", "both", "каждый", "оба", "обе", "обеих", "обоих"})
_PARTITIVE = frozenset({"each", "both", "all", "one", "two", "three", "some", "none", "most"})
_ORGANISATION_NOUNS = frozenset(
    {"group", "organisation", "organization", "movement", "initiative", "ngo", "association", "collective",
     "foundation", "network", "union", "coalition", "группа", "организация", "движение", "инициатива", "объединение",
     "фонд", "сообщество"}
)  # fmt: skip
_ATTACHED = frozenset({"appos", "compound", "flat", "flat:name", "nmod", "npadvmod", "nummod"})


def _member_victims(
    parsed: Parsed, member: Token, act_type: str, language: str, names: _NameBook, context: _Context, *, depth: int
) -> list[Victim]:
    mention = names.mention_at(member.i)
    if mention is not None and mention.kind == PERSON and _named_as_organisation(parsed, mention):
        if act_type in _ORGANISATION_TYPES:
            return [Victim(names.canonical_organisation(mention), "organization", None)]  # "the group Aurora"
        return []
    if mention is not None:
        if mention.kind == PERSON and act_type not in _ORGANISATION_ONLY | _NOT_PERSONAL:
            return [Victim(names.canonical(_full_name(parsed, mention)), "person", 1)]
        if mention.kind == ORGANIZATION and act_type in _ORGANISATION_TYPES:
            return [Victim(names.canonical_organisation(mention), "organization", None)]
        if depth >= 2:
            return []
        # "соосновательница организации «Феминита» Гульзада Сержан": the person stands beside it
        inside: list[Victim] = []
        for child in parsed.children(member):
            if child.dep in _ATTACHED and not (mention.first <= child.i <= mention.last):
                inside.extend(_member_victims(parsed, child, act_type, language, names, context, depth=depth + 1))
        return inside
    if member.pos == "PROPN" and member.text[:1].isupper():
        name = _proper_name(parsed, member)
        organisation = names.organisation(name or member.text)
        if organisation and act_type in _ORGANISATION_TYPES:
            return [Victim(organisation, "organization", None)]
        if name and names.knows(name) and act_type not in _ORGANISATION_ONLY | _NOT_PERSONAL:
            return [Victim(names.canonical(name), "person", 1)]
    if member.lemma in _RELATIVE_PRONOUNS and member.head != member.i:
        clause = parsed.tokens[member.head]  # "X, who was arrested": the clause's antecedent
        if clause.head != clause.i and depth < 2:
            antecedent = parsed.tokens[clause.head]
            # "X and Y, who were remanded": a plural clause is about all those coordinated
            plural = member.text.lower() in ("которые", "которых", "которым", "которыми") or any(
                c.text.lower() in ("were", "are", "have") for c in parsed.children(clause) if c.dep.startswith("aux")
            )
            antecedents = [
                victim
                for part in (_coordination(parsed, antecedent) if plural else [antecedent])
                for victim in _member_victims(parsed, part, act_type, language, names, context, depth=depth + 1)
            ]
            if antecedents or antecedent.lemma in cues.group_words(language):
                return antecedents  # "women who were killed": those women, whom no name near tells
        return _person_before(parsed, member, names, None, act_type)
    if member.pos == "NUM" or member.lemma in _QUANTITIES:
        of = [g for c in parsed.children(member) if c.lemma == "of" for g in parsed.children(c) if g.dep == "pobj"]
        count = _number(member.text) if member.pos == "NUM" else None
        if of and (count is None or count > 1) and act_type not in _ORGANISATION_ONLY:
            return [Victim(None, "group", count)]  # "four of its staff", "several of them"
    each = member.lemma in _EACH or any(c.lemma in _EACH and c.dep == "det" for c in parsed.children(member))
    if each and not any(c.dep == "prep" for c in parsed.children(member)):
        return [v for v in context.referents(plural=True) if _allowed(v, act_type)]  # "Каждой назначен штраф"
    pronoun = _PRONOUNS.get(language, {}).get(member.lemma, _PRONOUNS.get(language, {}).get(member.text.lower()))
    following = parsed.tokens[member.i + 1] if member.i + 1 < len(parsed.tokens) else None
    possessive = member.text.lower() in ("его", "её", "ее", "их")  # "ему меру пресечения" is no possessive
    if (
        pronoun is not None
        and possessive
        and language == "ru"
        and following is not None
        and following.pos in ("NOUN", "ADJ")
    ):
        pronoun = None  # "её соратницу": a possessive, not the victim
    if pronoun is not None:
        gender = _PRONOUN_GENDER.get(member.text.lower())
        if pronoun == 1:
            here = _person_before(parsed, member, names, gender, act_type)
            if here:
                return here  # "police took X to the station, where she was charged"
        return [v for v in context.referents(plural=pronoun == 2, gender=gender) if _allowed(v, act_type)]
    if (member.lemma in _ORGANISATION_NOUNS or (member.lemma == "it" and language == "en")) and (
        act_type in _ORGANISATION_TYPES
    ):
        # "a raid on the organisation's headquarters": the organisation named last before
        earlier = _organisation_before(parsed, member, names)
        if earlier:
            return [earlier]
    if member.dep == "appos" and member.head != member.i and depth < 2:
        # "Temirlan Yesenbek, a satirist who was arrested": the noun stands for the name it follows
        named = names.mention_at(member.head)
        if named is not None and named.kind == PERSON:
            return _member_victims(parsed, parsed.tokens[member.head], act_type, language, names, context, depth=2)
    if depth < 2:
        found: list[Victim] = []
        for child in parsed.children(member):
            attached = child.dep in _ATTACHED and (child.dep != "nmod" or language == "ru" or child.pos == "PROPN")
            if attached or (child.dep == "nmod:poss" and member.lemma in _RELATIONAL):
                for part in _coordination(parsed, child):
                    owners = _member_victims(parsed, part, act_type, language, names, context, depth=depth + 1)
                    if not owners and child.dep == "nmod:poss":
                        owners = _group(parsed, part, _subtree(parsed, part), language, context)  # "the opponent's"
                    found.extend(owners)
            elif (
                child.dep == "prep"
                and child.lemma in ("along", "together")
                or (child.dep == "prep" and child.lemma == "with" and member.pos == "PROPN")
            ):
                # "X, along with Y, were arrested": Y shares the act
                for object_ in (g for c in [child, *parsed.children(child)] for g in parsed.children(c)):
                    if object_.dep == "pobj":
                        for part in _coordination(parsed, object_):
                            found.extend(
                                _member_victims(parsed, part, act_type, language, names, context, depth=depth + 1)
                            )
            elif child.dep == "acl" and member.lemma in _RELATIONAL:
                # "a centre run by the group X": its owner
                for agent in (g for g in parsed.children(child) if g.dep == "agent"):
                    for object_ in (g for g in parsed.children(agent) if g.dep == "pobj"):
                        found.extend(
                            _member_victims(parsed, object_, act_type, language, names, context, depth=depth + 1)
                        )
            elif child.dep == "prep" and child.lemma == "of" and member.lemma in _RELATIONAL | _PARTITIVE:
                for object_ in parsed.children(child):
                    if object_.dep == "pobj":
                        found.extend(
                            _member_victims(parsed, object_, act_type, language, names, context, depth=depth + 1)
                        )
        if found:
            return found
    return _group(parsed, member, _subtree(parsed, member), language, context) if depth == 0 else []


def _organisation_before(parsed: Parsed, token: Token, names: _NameBook) -> Victim | None:
    """Return the organisation named last before a token, in its sentence or the two before; no state body, no agent."""
    first = parsed.sentences[max(0, token.sentence - 2)].first
    for mention in reversed(names.mentions_between(first, token.i - 1)):
        if mention.kind != ORGANIZATION or mention.last >= token.i or cues.STATE_BODY.search(mention.text):
            continue
        if _subject_of(parsed, parsed.tokens[mention.last], token):
            continue  # "the Registration Bureau refused to register it": who acted, not who suffered
        return Victim(names.canonical_organisation(mention), "organization", None)
    return None


def _subject_of(parsed: Parsed, candidate: Token, token: Token) -> bool:
    """Tell whether a word is the subject of a verb the token depends on ("the Bureau refused to register it")."""
    node = token
    while node.head != node.i:
        node = parsed.tokens[node.head]
        if candidate.head == node.i and candidate.dep in ("nsubj", "agent"):
            return True
    return False


def _named_as_organisation(parsed: Parsed, mention: Mention) -> bool:
    """Tell whether a name the tagger took for a person is introduced as a group ("the group Aurora")."""
    first = parsed.tokens[mention.first]
    before = parsed.tokens[mention.first - 1] if mention.first > 0 else None
    head = parsed.tokens[parsed.tokens[mention.last].head]
    return (before is not None and before.sentence == first.sentence and before.lemma in _ORGANISATION_NOUNS) or (
        head.lemma in _ORGANISATION_NOUNS and head.i not in range(mention.first, mention.last + 1)
    )


def _person_before(parsed: Parsed, token: Token, names: _NameBook, gender: str | None, act_type: str) -> list[Victim]:
    """Return the person named last before a pronoun in its own sentence, if any fits."""
    if act_type in _ORGANISATION_ONLY:
        return []
    sentence = parsed.sentences[token.sentence]
    for mention in reversed(names.mentions_between(sentence.first, token.i - 1)):
        if mention.kind == PERSON:
            name = names.canonical(_full_name(parsed, mention))
            return [Victim(name, "person", 1)] if _may_be(name, gender) else []
    return []


def _full_name(parsed: Parsed, mention: Mention) -> str:
    """Return a person's name with a capitalised given name the tagger left outside it ("Mzia" Amaglobeli)."""
    if mention.first == 0:
        return mention.name
    before = parsed.tokens[mention.first - 1]
    if (
        before.pos == "PROPN"
        and _is_name_word(before.text)
        and before.dep in ("compound", "flat", "flat:name")
        and before.sentence == parsed.tokens[mention.first].sentence
    ):
        return parsed.text[before.start : parsed.tokens[mention.first].start] + mention.name
    return mention.name


def _proper_name(parsed: Parsed, token: Token) -> str:
    """Return the proper name a PROPN token heads, with its compound parts ("Mzia Amaglobeli"), titles left out."""
    parts = [token]
    for child in parsed.children(token):
        if child.dep in ("compound", "flat", "flat:name") and child.pos == "PROPN" and _is_name_word(child.text):
            parts.append(child)
    parts.sort(key=lambda t: t.i)
    if parts[-1].i - parts[0].i + 1 != len(parts):
        parts = [token]
    if not _is_name_word(token.text):
        return ""
    return parsed.text[parts[0].start : parts[-1].end]


_TITLES = frozenset(
    {"mr", "mrs", "ms", "miss", "mx", "dr", "prof", "messrs", "sir", "madam", "mr.", "mrs.", "ms.", "dr.", "messrs.",
     "prof.", "г-н", "г-жа", "господин", "госпожа", "m.", "mme", "mme.", "sr.", "sra.", "don", "doña"}
)  # fmt: skip
_ROLE_WORDS = frozenset(
    {"chief", "police", "director", "executive", "president", "minister", "judge", "officer", "general", "colonel",
     "captain", "head", "editor", "founder", "leader", "chair", "chairman", "secretary", "deputy", "governor", "mayor",
     "prosecutor", "commissioner", "ambassador", "spokesperson", "spokesman", "spokeswoman", "senator", "mp"}
)  # fmt: skip


def _is_name_word(word: str) -> bool:
    folded = word.lower()
    return word[:1].isupper() and folded not in _TITLES and folded not in _ROLE_WORDS


def _allowed(victim: Victim, act_type: str) -> bool:
    if victim.kind == "organization":
        return act_type in _ORGANISATION_TYPES and not cues.STATE_BODY.search(victim.name or "")
    if victim.kind == "person" and act_type in _NOT_PERSONAL:
        return False
    return act_type not in _ORGANISATION_ONLY


# Acts against a gathering or a people, not against a person: the event's organisers or the group.
_NOT_PERSONAL = frozenset({"event_ban", "restrictive_law"})


def _group(parsed: Parsed, head: Token, span: list[int], language: str, context: _Context) -> list[Victim]:
    """Return an unnamed group ("ten protesters", "dozens of activists", "the two activists") or its referents."""
    groups = cues.group_words(language)
    noun = head
    if head.lemma not in groups:
        # "dozens of protesters", "десятки активистов": the quantity heads the group noun
        counted = [
            t for c in parsed.children(head) for t in [c, *parsed.children(c)] if t.lemma in groups and t.i in span
        ]
        if not counted or not (head.pos == "NUM" or head.lemma in _QUANTITIES):
            return []
        noun = counted[0]
    count = _count(parsed, noun, span)
    quantified = (
        count is not None
        or noun is not head
        or any(c.lemma in _QUANTITIES for c in parsed.children(noun) if c.dep in ("amod", "det", "nummod", "quantmod"))
    )
    definite = any(parsed.tokens[i].lemma in ("the", "these", "those", "both", "эти", "оба", "обе") for i in span[:3])
    # Russian has no article: a bare plural ("Активисток задержали") names those the story is about
    # unless a clause describes it: "в память о женщинах, погибших от насилия" are other women
    described = any(c.dep in ("acl", "acl:relcl", "relcl") for c in parsed.children(head))
    definite = definite or (language == "ru" and count is None and noun is head and not described)
    if definite or (count is not None and count > 1):
        # "the opponent" is one person of the story, "the activists" all of its last ones
        plural = count is not None and count > 1 or _plural(noun)
        referents = context.referents(plural=plural)
        if referents and (count is None or count == len(referents)):
            return referents
        named = _named_next(parsed, head, count)
        if named:
            return named  # "fined two activists. Aigerim Nurlanova and Madina Kuanysheva were found guilty"
    if not quantified:
        return []  # "activists have faced arrests": too vague to record
    return [Victim(None, "group", count)]


def _plural(noun: Token) -> bool:
    number = noun.feats.get("Number")
    if number:
        return number == "Plur"
    return noun.text.lower() != noun.lemma.lower() or noun.lemma in ("people", "staff", "люди")


_QUANTITIES = frozenset(
    {"dozen", "dozens", "hundred", "hundreds", "thousand", "thousands", "score", "scores", "number", "group", "several",
     "many", "десяток", "сотня", "тысяча", "несколько", "группа", "ряд"}
)  # fmt: skip


def _named_next(parsed: Parsed, head: Token, count: int | None) -> list[Victim]:
    """Return the people the next sentence names when a lead counts them without names."""
    if head.sentence + 1 >= len(parsed.sentences) or count is None:
        return []
    sentence = parsed.sentences[head.sentence + 1]
    people = list(
        dict.fromkeys(
            m.name for m in parsed.mentions if m.kind == PERSON and sentence.first <= m.first <= sentence.last
        )
    )
    return [Victim(name, "person", 1) for name in people] if len(people) == count else []


def _count(parsed: Parsed, noun: Token, span: list[int]) -> int | None:
    for child in parsed.children(noun):
        if child.dep == "nummod":
            return _number(child.text)
    for i in span:
        token = parsed.tokens[i]
        if token.i < noun.i and token.pos == "NUM":
            return _number(token.text)
    return None


# Counts of people: the numerals of terms and fines, and the Russian collectives ("двое задержанных").
_COLLECTIVES = {
    "дво": 2, "тро": 3, "четвер": 4, "пятер": 5, "шестер": 6, "семер": 7, "восьмер": 8, "девятер": 9, "десятер": 10
}  # fmt: skip
_NUMBER_WORDS = {
    **NUMBER_WORDS,
    **{
        stem + ending: value
        for stem, value in _COLLECTIVES.items()
        for ending in (("е", "их", "им", "ими") if value < 4 else ("о", "ых", "ым", "ыми"))
    },
}


def _number(text: str) -> int | None:
    digits = re.sub(r"[\s,.\u00a0\u202f]", "", text)
    if digits.isdigit():
        return int(digits)
    return _NUMBER_WORDS.get(text.lower())


def _fallback_victims(parsed: Parsed, trigger: Token, act_type: str, names: _NameBook) -> list[Victim]:
    """Take the people next to a trigger that has no grammatical argument, skipping speakers and agents."""
    sentence = parsed.sentences[trigger.sentence]
    kinds = (PERSON, ORGANIZATION) if act_type in _ORGANISATION_TYPES else (PERSON,)
    victims = []
    for mention in names.mentions_between(sentence.first, sentence.last):
        if mention.kind not in kinds or _is_agent_or_speaker(parsed, mention):
            continue
        if min(abs(mention.first - trigger.i), abs(mention.last - trigger.i)) > 8:
            continue
        kind = "person" if mention.kind == PERSON else "organization"
        if kind == "person":
            name = names.canonical(_full_name(parsed, mention))
        else:
            name = names.canonical_organisation(mention)
        victim = Victim(name, kind, 1 if kind == "person" else None)
        if _allowed(victim, act_type):
            victims.append(victim)
    return victims


_SPEECH = frozenset(
    {"say", "tell", "report", "write", "state", "note", "add", "condemn", "call", "urge", "demand", "describe",
     "сказать", "заявить", "сообщить", "написать", "отметить", "рассказать", "осудить", "призвать", "потребовать"}
)  # fmt: skip


def _is_agent_or_speaker(parsed: Parsed, mention: Mention) -> bool:
    """Tell whether a name is who acted or who speaks ("police detained", "X said", "according to X")."""
    token = parsed.tokens[mention.last]
    sentence = parsed.sentences[token.sentence]
    before = parsed.tokens[max(sentence.first, mention.first - 6) : mention.first]
    if any(t.lemma == "according" for t in before) or any(t.lemma in ("по", "словам") for t in before[-2:]):
        return True
    if parsed.language == "ru" and token.feats.get("Case") in ("Acc", "Dat", "Gen"):
        return False  # the case says it is no subject, whatever the parse
    for _ in range(4):
        head = parsed.tokens[token.head]
        if token.dep in ("agent", "nsubj") and head.lemma in _SPEECH:
            return True
        if token.dep == "pobj" and head.dep == "agent":
            return True
        if token.dep == "nsubj" and head.pos == "VERB" and not any(c.dep == "aux:pass" for c in parsed.children(head)):
            return True
        if token.head == token.i or token.dep in ("ROOT", "root"):
            return False
        token = head
    return False


def _subtree(parsed: Parsed, head: Token) -> list[int]:
    """Return the token indexes of a phrase, stopping at relative clauses (which name others)."""
    sentence = parsed.sentences[head.sentence]
    inside = {head.i}
    changed = True
    while changed:
        changed = False
        for token in parsed.tokens[sentence.first : sentence.last + 1]:
            if token.i not in inside and token.head in inside and token.dep not in ("relcl", "acl:relcl", "acl"):
                inside.add(token.i)
                changed = True
    return sorted(inside)


# Names: one full name for every way the article refers to a person ---------------------------------------


class _NameBook:
    """Resolve bare surnames, given names and case forms to the first full name the article gives."""

    def __init__(self, parsed: Parsed) -> None:
        self.parsed = parsed
        self.mentions = sorted((m for m in parsed.mentions if m.kind in (PERSON, ORGANIZATION)), key=lambda m: m.first)
        self.at: dict[int, Mention] = {i: m for m in parsed.mentions for i in range(m.first, m.last + 1)}
        self.words = {w for m in self.mentions if m.kind == PERSON for w in _fold(_clean_name(m.name)).split()}
        self.organisations = {
            _fold(_clean_name(m.name)): _clean_name(m.name) for m in self.mentions if m.kind == ORGANIZATION
        }
        self.full: list[str] = []
        for mention in self.mentions:
            if mention.kind == PERSON and len(mention.name.split()) >= 2:
                self.full.append(_clean_name(_full_name(parsed, mention)))
        # the fullest form first: "Rocío San Miguel" before "San Miguel"
        self.full.sort(key=lambda full: -len(full.split()))
        self.officials = {
            _fold(self.canonical(_full_name(parsed, m)))
            for m in self.mentions
            if m.kind == PERSON and _official(parsed, m)
        }

    def is_official(self, name: str | None) -> bool:
        """Tell whether the article presents this person as a state official (a police chief, a judge, a minister)."""
        return name is not None and _fold(name) in self.officials

    def mentions_between(self, first: int, last: int) -> list[Mention]:
        return [m for m in self.mentions if first <= m.first <= last]

    def mention_at(self, index: int) -> Mention | None:
        return self.at.get(index)

    def persons_in(self, sentence: Sentence) -> list[str]:
        return [
            self.canonical(m.name) for m in self.mentions_between(sentence.first, sentence.last) if m.kind == PERSON
        ]

    def organisation(self, name: str) -> str | None:
        """Return the organisation of that name that the tagger found elsewhere in the article."""
        return self.organisations.get(_fold(_clean_name(name)))

    def knows(self, name: str) -> bool:
        """Tell whether a name shares a word with a person the tagger found in the article."""
        return any(any(_same_word(w, known) for known in self.words) for w in _fold(_clean_name(name)).split())

    def canonical(self, name: str) -> str:
        """Return the full name a person is known by in the article."""
        name = _clean_name(name)
        if len(name.split()) >= 2:
            return self._longer(name) or self._full_for(name, whole=True) or name
        return self._full_for(name) or name

    def _longer(self, name: str) -> str | None:
        """Return the longer full name that holds every word of this one ("San Miguel" → "Rocío San Miguel")."""
        words = _fold(name).split()
        for full in self.full:
            full_words = _fold(full).split()
            if len(full_words) > len(words) and all(any(_same_word(w, f) for f in full_words) for w in words):
                return full
        return None

    def canonical_organisation(self, mention: Mention) -> str:
        return _clean_name(mention.name)

    def _full_for(self, name: str, *, whole: bool = False) -> str | None:
        words = _fold(name).split()
        for full in self.full:
            full_words = _fold(full).split()
            if whole:
                pairs = zip(words, full_words, strict=False)
                if len(words) == len(full_words) and all(_same_word(a, b) for a, b in pairs):
                    return full
            elif any(_same_word(words[0], word) for word in full_words):
                return full
        return None


_OFFICIAL_WORDS = frozenset(
    # titles of the state's agents only: "chief", "head" or "president" also head newsrooms and NGOs
    {"police", "officer", "judge", "prosecutor", "minister", "governor", "mayor", "commander", "colonel",
     "investigator", "regime", "régimen", "ministro", "juez", "fiscal", "министр", "экс-министр", "судья", "прокурор",
     "следователь", "начальник", "полицейский", "аким", "ministre", "juge", "procureur"}
)  # fmt: skip


def _official(parsed: Parsed, mention: Mention) -> bool:
    """Tell whether a name comes with an official's title ("Police Chief X", "former Minister of Y X", "судья X")."""
    sentence = parsed.sentences[parsed.tokens[mention.first].sentence]
    index = mention.first - 1
    while index >= sentence.first:
        token = parsed.tokens[index]
        if token.lemma in _OFFICIAL_WORDS or token.text.lower() in _OFFICIAL_WORDS:
            return True
        if not (token.text[:1].isupper() or token.lemma in ("of", "the", "-", "de", "del", "la")):
            break
        index -= 1
    after = parsed.tokens[mention.last + 1 : min(sentence.last, mention.last + 7) + 1]
    if not after or after[0].text != ",":
        return False
    apposition = []
    for token in after[1:]:
        if token.text in (",", ";", ".", "(", ")") or token.pos in ("VERB", "AUX"):
            break  # an apposition is a noun phrase: "X, the head of Batumi Police", not "X, was detained by police"
        apposition.append(token)
    return any(t.lemma in _OFFICIAL_WORDS for t in apposition)  # "X, the head of Batumi Police,"


# a capital inside a word after three small letters, not a prefix ("McDonald", "DeSantis", "MacLeod")
_GLUED = re.compile(r"\b((?!(?:Mac|Van|Von|Della|Ibn)[A-Z])[A-ZА-ЯЁ][a-zа-яё]{3,})([A-ZА-ЯЁ][a-zа-яё]{2,})\b")


def _clean_name(name: str) -> str:
    """Return a name without titles, quotes and a possessive ("Ms. Amaglobeli's" → "Amaglobeli")."""
    name = re.sub(r"\s+", " ", name).strip(" ,.;:«»\"'“”’")
    name = re.sub(r"(?:'s|’s)$", "", name)
    name = _GLUED.sub(r"\1 \2", name)  # "KarimEnnarah": two words a page lost the space between
    words = name.split()
    while len(words) > 1 and (words[0].lower() in _TITLES or words[0].lower() in _ROLE_WORDS):
        words = words[1:]
    return " ".join(words)


def _fold(text: str) -> str:
    return text.lower().replace("ё", "е")


def _same_word(a: str, b: str) -> bool:
    """Compare a name word across case endings ("секербаеву" ~ "секербаева")."""
    if a == b:
        return True
    stem = min(len(a), len(b)) - 2
    return stem >= 4 and a[:stem] == b[:stem] and abs(len(a) - len(b)) <= 2


# Context: what earlier sentences of the paragraph said ---------------------------------------------------


class _Context:
    """Carry the date, the place and the people of the story from sentence to sentence."""

    def __init__(self) -> None:
        self.date: PartialDate | None = None
        self.victims: list[Victim] = []
        self.people: list[str] = []
        self.mentioned: Counter[str] = Counter()
        self.dates_by_type: dict[str, PartialDate] = {}  # the last told of each kind of act
        self.latest_by_type: dict[str, PartialDate] = {}  # the latest in time
        self.country: str | None = None
        self.place: Place | None = None
        self._here: _Here | None = None

    def new_sentence(self, here: _Here) -> None:
        self._here = here

    def after_sentence(self, people: list[str], acts: list[Found]) -> None:
        if self._here and self._here.story_dates:
            self.date = self._here.story_dates[-1].date
        elif dated := [a for a in acts if a.date_confidence >= 2 and a.date.start is not None]:
            self.date = dated[-1].date  # "among those detained were X": the story is back on that day
        home = [p.place for p in (self._here.places if self._here else []) if p.place.country == self.country]
        if home:
            self.place = home[-1]
        for act in acts:
            if act.date_confidence >= 2 and act.date.start is not None:
                self.dates_by_type[act.type] = act.date
                latest = self.latest_by_type.get(act.type)
                if latest is None or (latest.start and act.date.start > latest.start):
                    self.latest_by_type[act.type] = act.date
        named = [a.victim for a in acts if a.victim.name]
        if named:
            self.victims = list({v.name: v for v in named}.values())
        if people:
            self.people = people
            self.mentioned.update(people)

    def referents(self, *, plural: bool, gender: str | None = None) -> list[Victim]:
        """Return who a pronoun refers to: the last act's victims, else the people last named."""
        if plural and len(self.victims) > 1:
            return list(self.victims)
        if plural:
            if len(self.people) > 1:
                return [Victim(name, "person", 1) for name in dict.fromkeys(self.people)]
            return list(self.victims[:1])
        # "he", "she": the person the story is about, the one named most so far, whom the pronoun fits
        ranked = sorted(
            (name for name in self.mentioned if _may_be(name, gender)),
            key=lambda name: (self.mentioned[name], name in self.people),
            reverse=True,
        )
        if ranked:
            return [Victim(ranked[0], "person", 1)]
        return [v for v in self.victims if _may_be(v.name, gender)][:1]


_PRONOUN_GENDER = {
    "he": "m", "him": "m", "his": "m", "she": "f", "her": "f", "он": "m", "его": "m", "ему": "m",
    "она": "f", "ее": "f", "её": "f", "ей": "f", "il": "m", "elle": "f", "él": "m", "ella": "f",
}  # fmt: skip
_FEMININE_ENDINGS = ("ova", "eva", "ina", "aya", "yna", "ova", "ова", "ева", "ина", "ая", "ына", "skaya", "ская")
_MASCULINE_ENDINGS = ("ov", "ev", "in", "yy", "iy", "sky", "ski", "ов", "ев", "ин", "ий", "ый", "ский")


def _may_be(name: str | None, gender: str | None) -> bool:
    """Tell whether a name may be of someone the pronoun's gender fits, by common Slavic and Turkic surname endings."""
    if not name or gender is None:
        return True
    surname = name.split()[-1].lower()
    if surname.endswith(_FEMININE_ENDINGS):
        return gender == "f"
    if surname.endswith(_MASCULINE_ENDINGS):
        return gender == "m"
    return True


# Attributes -----------------------------------------------------------------------------------------------


def _nearest(mentions: Iterable[Any], at: int, value: Any, *, after: bool = False) -> Any:
    """Return the value of the mention nearest to offset `at` (those after it first, when `after`)."""
    best, best_distance = None, None
    for mention in mentions:
        distance = mention.start - at if mention.start >= at else (at - mention.end) * (3 if after else 1)
        if best_distance is None or distance < best_distance:
            best, best_distance = mention, distance
    return None if best is None else value(best)


@dataclass(frozen=True, slots=True)
class _PlaceAt:
    start: int
    end: int
    place: Place


def _article_places(parsed: Parsed, country: str | None) -> list[_PlaceAt]:
    """Return the places the article names (NER's and the gazetteer's), not those inside a person's name."""
    language = parsed.language
    people = [(m.start, m.end) for m in parsed.mentions if m.kind == PERSON]
    found: dict[int, _PlaceAt] = {}
    for mention in parsed.mentions:
        if mention.kind == LOCATION:
            place = resolve_place(mention.text, language=language, prefer_country=country)
            if place:
                found[mention.start] = _PlaceAt(mention.start, mention.end, place)
    for gazetteer in entities_gazetteer(parsed.text, language, country):
        if any(s < gazetteer.end and gazetteer.start < e for s, e in people):
            continue
        if not any(p.start <= gazetteer.start < p.end for p in found.values()):
            found[gazetteer.start] = _PlaceAt(gazetteer.start, gazetteer.end, gazetteer.place)
    return sorted(found.values(), key=lambda p: p.start)


def _sentence_places(places: list[_PlaceAt], sentence: Sentence) -> list[_PlaceAt]:
    """Return the cities a sentence names, with offsets into the sentence."""
    return [
        _PlaceAt(p.start - sentence.start, p.end - sentence.start, p.place)
        for p in places
        if sentence.start <= p.start < sentence.end and p.place.city
    ]


def _article_country(places: list[_PlaceAt]) -> str | None:
    """Return the country the article is mostly about: the one its places name most (cities count double)."""
    counts: Counter[str] = Counter()
    for place in places:
        if place.place.country:
            counts[place.place.country] += 2 if place.place.city else 1
    return counts.most_common(1)[0][0] if counts else None


def _perpetrator_words(lemmas: str, language: str) -> list[tuple[str, int, frozenset[str] | None]]:
    """Return the perpetrator kinds a sentence names, with the word position of each mention."""
    found = []
    for cue, applies in cues.perpetrator_cues(language):
        for match in cue.pattern.finditer(lemmas):
            found.append((cue.label, lemmas.count(" ", 0, match.start()), applies))
    return found


def _perpetrator(act_type: str, words: list[tuple[str, int, frozenset[str] | None]], at: int) -> str:
    """Choose who acted: the security service when named, the act type's usual kind when named, else the nearest."""
    default = cues.usual_perpetrators()[act_type]
    kinds = [(abs(position - at), kind) for kind, position, applies in words if applies is None or act_type in applies]
    named = {kind for _, kind in kinds}
    if "security_service" in named:
        return "security_service"
    if default in named or not kinds:
        return default
    return min(kinds)[1]


def _reported(act: Found, article_country: str | None) -> ReportedAct:
    place = act.place
    country = (place.country if place and place.country else None) or article_country
    duration = act.duration_days
    return ReportedAct(
        type=act.type,
        victim=act.victim.name,
        victim_kind=act.victim.kind,
        victim_count=act.victim.count if act.victim.kind != "person" else 1,
        perpetrator=act.perpetrator,
        date=act.date,
        duration_days=None if duration is None else _decimal(duration),
        amount=act.amount,
        currency=act.currency,
        country=country,
        place=place.city if place else None,
        legal_basis=act.legal_basis,
    )


def _decimal(value: float) -> Decimal:
    return Decimal(int(value)) if float(value).is_integer() else Decimal(str(value))


# Merging the mentions of one act ---------------------------------------------------------------------------


def _complete_names(found: list[Found]) -> None:
    """Give a victim named in part the full name another act gives them ("Amaglobeli" → "Mzia Amaghlobeli").

    The tagger may miss the full name where the grammar of an act found it; a surname spelt another
    way in the same article ("Amaglobeli", "Amaghlobeli") is the same person when no one else fits.
    """
    full = {a.victim.name for a in found if a.victim.kind == "person" and a.victim.name and " " in a.victim.name}
    for act in found:
        name = act.victim.name
        if act.victim.kind != "person" or not name or name in full:
            continue
        words = _fold(name).split()
        fits = [
            other
            for other in full
            if len(other.split()) > len(words)
            and all(any(_similar_word(w, o) for o in _fold(other).split()) for w in words)
        ]
        if len(fits) == 1:
            act.victim = replace(act.victim, name=fits[0])


def _similar_word(a: str, b: str) -> bool:
    return _same_word(a, b) or (min(len(a), len(b)) > 4 and SequenceMatcher(None, a, b).ratio() >= 0.85)


def _merge(found: list[Found]) -> list[Found]:
    """Merge mentions of the same act (same victim and type, compatible dates), keeping the precise values."""
    merged: list[Found] = []
    for act in found:
        for earlier in merged:
            if _same_act(earlier, act):
                _absorb(earlier, act)
                break
        else:
            merged.append(replace(act))
    return merged


def _same_act(a: Found, b: Found) -> bool:
    if a.type != b.type or a.victim.kind != b.victim.kind or a.occasion != b.occasion:
        return False
    if a.victim.name is None or b.victim.name is None:
        if a.victim.name != b.victim.name:
            return False
        if a.victim.count and b.victim.count and a.victim.count != b.victim.count:
            return False  # "the two women" and "15 other participants": two groups
    elif _fold(a.victim.name) != _fold(b.victim.name):
        return False
    # Dates that disagree split two occasions only when both were read in the act's own clause;
    # a date borrowed from the sentence or the story around it is weaker than the act's identity.
    return _compatible(a.date, b.date) or min(a.date_confidence, b.date_confidence) < 4


def _compatible(a: PartialDate, b: PartialDate) -> bool:
    """Tell whether two dates may be the same occasion: overlapping periods, or days a fortnight apart at most."""
    if a.start is None or b.start is None:
        return True
    a_end, b_end = a.end, b.end
    assert a_end is not None and b_end is not None  # for the type checker: each end follows its start  # nosec B101
    return a.start <= b_end + _SAME_OCCASION and b.start <= a_end + _SAME_OCCASION


_SAME_OCCASION = timedelta(days=14)


_RANK = {"day": 3, "month": 2, "year": 1, "unknown": 0}


def _absorb(kept: Found, other: Found) -> None:
    if (other.date_confidence, _RANK[other.date.precision]) > (kept.date_confidence, _RANK[kept.date.precision]):
        kept.date, kept.date_confidence = other.date, other.date_confidence
    for name in ("duration_days", "amount", "currency", "legal_basis"):
        if getattr(kept, name) is None and getattr(other, name) is not None:
            setattr(kept, name, getattr(other, name))
    if kept.place is None or (not kept.place.city and other.place and other.place.city):
        kept.place = other.place
    if kept.victim.count is None:
        kept.victim.count = other.victim.count
