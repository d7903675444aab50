"""Find the dates that a sentence of a news article mentions, resolved against its publication date.

The acts stage attaches the nearest date to each act, so every mention keeps its exact offsets
and the precision the text gives: "in May 2024" is a month, "last Friday" a day, "since 2017" a
year. Mentions are found by patterns compiled once per language from word lists (English and
Russian in full, French and Spanish for the common forms) and resolved here, not by dateparser:
dateparser reads weekdays wrongly ("last Friday") and is too slow to run over every sentence.
Other languages get numeric dates, and day-month-year forms with month names taken from
dateparser's locale data.

How the open cases are read (a journalist's habits, not a calendar's):

- A weekday named without "last" or "next" is the latest such day on or before publication
  ("on Friday" in a report published on a Friday is that day); "last Friday" is the latest one
  strictly before publication; "next Friday" the first one after it; "this Friday" the Friday of
  the week of publication (Monday to Sunday), before or after it. After a future cue in the
  same clause ("will appear on Monday", "scheduled") a weekday is the first such day on or after
  publication.
- A day and month without a year ("on 28 February") fall in the publication year, or in the year
  before when they would otherwise lie more than 31 days after publication and no future cue
  ("until", "will") precedes them. A weekday named with the date ("Friday, 27 December") picks
  the year whose calendar it matches.
- A month alone ("in March") falls in the publication year, or in the year before when it comes
  after the month following publication and no future cue precedes it.
- A week or weekend ("last week", "two weeks ago", "over the weekend") names a calendar week
  (Monday to Sunday) or a weekend; it is given as the smallest period that holds all of it: its
  month when the week lies within one month, else its year ("last week" in a report of Wednesday
  5 March is 24 February to 2 March, so 2025). "This week" runs up to publication; "this
  weekend" is the one of the week of publication; "over the weekend" the latest one before it.
- Ranges ("11-12 January", "2019-2021", "с 12 по 15 марта") give their first day or year.
- A date right after "until" ("до", "по", "jusqu'au", "hasta") is marked `until`: it ends a term
  ("remanded until February 28") rather than dates an act, and it counts as a future cue.
- Durations, ages, amounts, article numbers and times of day are never dates: a bare number is
  a year only after a cue ("in 2017", "since 2017", "в 2017 году") or as the start of a range.
- With no publication date, absolute dates are still resolved and relative ones are skipped.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from functools import cache
from string import Template

from vigil.core.dates import PartialDate


@dataclass(frozen=True, slots=True)
class DateMention:
    """A date the text mentions: where it is, and the period it names.

    `relative` tells that the publication date was needed to resolve it ("last Friday", "on 28
    February"); `since` that it starts an ongoing state ("since 2017", "с 2017 года"); `until`
    that it ends one ("remanded until February 28", "до 10 марта"): the end of a term, not the
    day something happened.
    """

    start: int
    end: int
    text: str
    date: PartialDate
    relative: bool
    since: bool = False
    until: bool = False
    doubtful: bool = False  # the weekday named with it is another day's ("Wednesday, 14 August 2018", a Tuesday)


def find_dates(text: str, *, published: date | None, language: str) -> list[DateMention]:
    """Return the dates mentioned in `text`, in text order, none overlapping another.

    `published` is the article's publication date (relative mentions are skipped without it);
    `language` an ISO 639-1 code ("en", "ru"; "en-GB" is read as "en").
    """
    grammar = _grammar(_language_code(language))
    reading = _Reading(text, _day_of(published), grammar.language)
    folded, has_digit = _norm(text), _DIGIT.search(text) is not None
    found: list[tuple[int, int, DateMention]] = []
    for priority, rule in enumerate(grammar.rules):
        # Most sentences hold no date: a substring test skips a rule that cannot match.
        if (rule.needs_digit and not has_digit) or (rule.anchors and not any(a in folded for a in rule.anchors)):
            continue
        for match in rule.pattern.finditer(text):
            groups = match.groupdict()
            if rule.needs_cue and not any(groups.get(name) for name in _CUE_GROUPS):
                continue
            start, end = match.span("d")
            resolved = _READERS[rule.kind](groups, reading, start)
            if resolved is None:
                continue
            when, relative = resolved
            since = bool(groups.get("since")) and not groups.get("day2") and not groups.get("year2")
            until = reading.until(start)
            doubtful = _weekday_disagrees(groups, reading, when) if rule.kind == "date" else False
            mention = DateMention(start, end, text[start:end], when, relative, since, until, doubtful)
            found.append((end - start, priority, mention))
    return _without_overlaps(found)


# Reading a match ---------------------------------------------------------------------------------

# What makes a bare month, year or weekday a date: a preposition before it ("in March"), "since",
# a part of the period ("early 2020"), a qualifier ("last March", "mars dernier") or a range.
_CUE_GROUPS = ("cue", "since", "part", "q", "mq", "yq", "year2")
# A day and month without a year, up to this many days after publication, is a coming date
# (a hearing, the end of a term), not one from the year before.
_COMING_DAYS = 31
# How far back a future cue ("will", "until") is looked for, within the mention's clause.
_CUE_WINDOW = 60
_UNTIL_WINDOW = 25  # room for "until the" or "jusqu'au" before the mention
_CLAUSE_BREAK = re.compile(r"[,;:.!?()\"«»“”—–]")
_DIGIT = re.compile(r"\d")

_Groups = Mapping[str, str | None]
_Resolved = tuple[PartialDate, bool] | None


@dataclass(frozen=True, slots=True)
class _Language:
    """The words of one language that dates are made of, keyed by their normalised form."""

    code: str
    months: Mapping[str, int]
    weekdays: Mapping[str, int] = field(default_factory=dict)
    numbers: Mapping[str, int] = field(default_factory=dict)
    qualifiers: Mapping[str, int] = field(default_factory=dict)  # "last" -1, "this" 0, "next" 1
    units: Mapping[str, str] = field(default_factory=dict)  # "weeks" → "week"
    lone_units: frozenset[str] = frozenset()  # units that need no number before "ago" ("год назад")
    day_words: Mapping[str, int] = field(default_factory=dict)  # "yesterday" -1
    periods: Mapping[str, tuple[int, str]] = field(default_factory=dict)  # "la semaine dernière"
    slash_order: str = "DMY"  # how 03/04/2025 reads when both numbers could be the month
    future_weekday: re.Pattern[str] | None = None
    future_date: re.Pattern[str] | None = None
    until: re.Pattern[str] | None = None  # the preposition that ends a term, right before a date


@dataclass(frozen=True, slots=True)
class _Rule:
    kind: str
    pattern: re.Pattern[str]
    needs_cue: bool
    needs_digit: bool
    anchors: tuple[str, ...]  # one of these must occur in the folded text, when any are given


@dataclass(frozen=True, slots=True)
class _Grammar:
    language: _Language
    rules: tuple[_Rule, ...]


@dataclass(frozen=True, slots=True)
class _Reading:
    text: str
    published: date | None
    language: _Language

    def ahead(self, start: int, *, weekday: bool) -> bool:
        """Tell whether the clause before `start` speaks of the future ("will appear on Monday")."""
        cue = self.language.future_weekday if weekday else self.language.future_date
        if cue is None:
            return False
        clause = _CLAUSE_BREAK.split(self.text[max(0, start - _CUE_WINDOW) : start])[-1]
        return cue.search(clause) is not None

    def until(self, start: int) -> bool:
        """Tell whether the mention at `start` ends a term ("until February 28")."""
        cue = self.language.until
        return cue is not None and cue.search(self.text, max(0, start - _UNTIL_WINDOW), start) is not None


def _read_iso(groups: _Groups, reading: _Reading, start: int) -> _Resolved:
    return _absolute_day(_int(groups["year"]), _int(groups["mon"]), _int(groups["day"]))


def _read_numeric(groups: _Groups, reading: _Reading, start: int) -> _Resolved:
    first_text, second_text, year_text = groups["a"] or "", groups["b"] or "", groups["year"] or ""
    first, second = int(first_text), int(second_text)
    if len(year_text) == 2:
        # "28.02.25" only: two-digit years are too easily article or version numbers otherwise.
        if groups["sep"] != "." or len(first_text) != 2 or len(second_text) != 2:
            return None
        year = 2000 + int(year_text)
    else:
        year = int(year_text)
    month_first = groups["sep"] == "/" and (second > 12 or (first <= 12 and reading.language.slash_order == "MDY"))
    day, month = (second, first) if month_first else (first, second)
    return _absolute_day(year, month, day)


def _read_date(groups: _Groups, reading: _Reading, start: int) -> _Resolved:
    language = reading.language
    month = language.months[_norm(groups["month"])]
    day = _int(groups["day"])
    if groups.get("year"):
        return _absolute_day(_int(groups["year"]), month, day)
    published = reading.published
    if published is None:
        return None
    year_qualifier = language.qualifiers.get(_norm(groups.get("yq")))
    if year_qualifier is not None:  # "24 января этого года", "on 3 May last year"
        try:
            return PartialDate(date(published.year + year_qualifier, month, day), "day"), True
        except ValueError:
            return None
    weekday = language.weekdays.get(_norm(groups.get("weekday")))
    year = _year_of_day(month, day, weekday, published, reading.ahead(start, weekday=False) or reading.until(start))
    return None if year is None else (PartialDate(date(year, month, day), "day"), True)


def _read_month_year(groups: _Groups, reading: _Reading, start: int) -> _Resolved:
    month = reading.language.months[_norm(groups["month"])]
    return PartialDate(date(_int(groups["year"]), month, 1), "month"), False


def _read_month(groups: _Groups, reading: _Reading, start: int) -> _Resolved:
    published = reading.published
    if published is None:
        return None
    language = reading.language
    month = language.months[_norm(groups["month"])]
    qualifier = language.qualifiers.get(_norm(groups.get("q") or groups.get("mq")))
    year_qualifier = language.qualifiers.get(_norm(groups.get("yq")))
    if year_qualifier is not None:
        year = published.year + year_qualifier
    elif qualifier is not None and qualifier < 0:
        year = published.year if month < published.month else published.year - 1
    elif qualifier is not None and qualifier > 0:
        year = published.year if month > published.month else published.year + 1
    elif qualifier == 0 or month <= published.month + 1 or reading.ahead(start, weekday=False) or reading.until(start):
        year = published.year
    else:
        year = published.year - 1
    return PartialDate(date(year, month, 1), "month"), True


def _read_year(groups: _Groups, reading: _Reading, start: int) -> _Resolved:
    year = _int(groups["year"])
    until = groups.get("year2")
    if until:
        last = int(until) if len(until) == 4 else year - year % 100 + int(until)
        if last <= year:
            return None
    return PartialDate(date(year, 1, 1), "year"), False


def _read_weekday(groups: _Groups, reading: _Reading, start: int) -> _Resolved:
    published = reading.published
    if published is None:
        return None
    language = reading.language
    weekday = language.weekdays[_norm(groups["weekday"])]
    qualifier = language.qualifiers.get(_norm(groups.get("q") or groups.get("mq")))
    back = (published.weekday() - weekday) % 7
    forward = (weekday - published.weekday()) % 7
    if qualifier is not None and qualifier < 0:
        day = published - timedelta(days=back or 7)
    elif qualifier is not None and qualifier > 0:
        day = published + timedelta(days=forward or 7)
    elif qualifier == 0:
        day = published + timedelta(days=weekday - published.weekday())
    elif reading.ahead(start, weekday=True):
        day = published + timedelta(days=forward)
    else:
        day = published - timedelta(days=back)
    return PartialDate(day, "day"), True


def _read_day_word(groups: _Groups, reading: _Reading, start: int) -> _Resolved:
    if reading.published is None:
        return None
    offset = reading.language.day_words[_norm(groups["word"])]
    return PartialDate(reading.published + timedelta(days=offset), "day"), True


def _read_period(groups: _Groups, reading: _Reading, start: int) -> _Resolved:
    published = reading.published
    if published is None:
        return None
    language = reading.language
    if groups.get("phrase"):
        offset, unit = language.periods[_norm(groups["phrase"])]
    else:
        qualifier = _norm(groups["q"])
        offset, unit = language.qualifiers[qualifier], language.units[_norm(groups["unit"])]
        if qualifier in _WEEKEND_ONLY and unit != "weekend":
            return None  # "over the year" is a duration; "over the weekend" a date
    when = _period(unit, offset, published)
    return None if when is None else (when, True)


def _read_ago(groups: _Groups, reading: _Reading, start: int) -> _Resolved:
    published = reading.published
    if published is None:
        return None
    language = reading.language
    unit_word = _norm(groups["unit"])
    unit = language.units[unit_word]
    number_word = groups.get("num")
    if number_word:
        count = int(number_word) if number_word.isdigit() else language.numbers.get(_norm(number_word))
    else:
        count = 1 if unit_word in language.lone_units else None
    if count is None:
        return None
    if unit == "halfyear":
        unit, count = "month", 6 * count
    if unit == "day":
        return PartialDate(published - timedelta(days=count), "day"), True
    if unit == "week":
        then = published - timedelta(days=7 * count)
        monday = then - timedelta(days=then.weekday())
        when = _covering(monday, monday + timedelta(days=6))
        return None if when is None else (when, True)
    if unit == "month":
        return PartialDate(_month_start(published, -count), "month"), True
    return PartialDate(date(published.year - count, 1, 1), "year"), True


_READERS: dict[str, Callable[[_Groups, _Reading, int], _Resolved]] = {
    "iso": _read_iso,
    "numeric": _read_numeric,
    "date": _read_date,
    "month_year": _read_month_year,
    "month": _read_month,
    "year": _read_year,
    "weekday": _read_weekday,
    "day_word": _read_day_word,
    "period": _read_period,
    "ago": _read_ago,
}
_WEEKEND_ONLY = frozenset({"over the", "at the"})


# Calendar arithmetic --------------------------------------------------------------------------


def _weekday_disagrees(groups: _Groups, reading: _Reading, when: PartialDate) -> bool:
    """Tell whether a day is named with a weekday it does not fall on: one of the two is a slip."""
    weekday = reading.language.weekdays.get(_norm(groups.get("weekday")))
    return weekday is not None and when.start is not None and when.start.weekday() != weekday


def _absolute_day(year: int, month: int, day: int) -> _Resolved:
    try:
        return PartialDate(date(year, month, day), "day"), False
    except ValueError:
        return None


def _year_of_day(month: int, day: int, weekday: int | None, published: date, ahead: bool) -> int | None:
    """Choose the year of a day and month named without one (see the module's reading rules)."""
    this_year = _valid_day(published.year, month, day)
    coming = this_year is not None and (this_year - published).days <= _COMING_DAYS
    preferred = published.year if this_year is not None and (coming or ahead) else published.year - 1
    if weekday is not None:
        for year in (preferred, preferred - 1, preferred + 1):
            named = _valid_day(year, month, day)
            if named is not None and named.weekday() == weekday:
                return year
    return preferred if _valid_day(preferred, month, day) is not None else None


def _valid_day(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _period(unit: str, offset: int, published: date) -> PartialDate | None:
    """Return the week, weekend, month or year `offset` units from the one of publication."""
    if unit == "month":
        return PartialDate(_month_start(published, offset), "month")
    if unit == "year":
        return PartialDate(date(published.year + offset, 1, 1), "year")
    if unit == "week":
        monday = published - timedelta(days=published.weekday()) + timedelta(weeks=offset)
        # "this week" in a report is the part of it up to publication.
        return _covering(monday, published if offset == 0 else monday + timedelta(days=6))
    if offset == 0:  # "this weekend": the one of the week of publication
        saturday = published - timedelta(days=published.weekday() - 5)
    elif offset < 0:  # "last weekend", "over the weekend": the latest one before publication
        saturday = published - timedelta(days=((published.weekday() - 6) % 7 or 7) + 1)
    else:
        saturday = published + timedelta(days=(5 - published.weekday()) % 7 or 7)
    return _covering(saturday, saturday + timedelta(days=1))


def _covering(first: date, last: date) -> PartialDate | None:
    """Return the smallest month or year holding both days, or None when they lie in two years."""
    if (first.year, first.month) == (last.year, last.month):
        return PartialDate(date(first.year, first.month, 1), "month")
    if first.year == last.year:
        return PartialDate(date(first.year, 1, 1), "year")
    return None


def _month_start(day: date, offset: int) -> date:
    index = day.year * 12 + day.month - 1 + offset
    return date(index // 12, index % 12 + 1, 1)


def _without_overlaps(found: list[tuple[int, int, DateMention]]) -> list[DateMention]:
    """Keep the longest mention where several overlap ("Friday, 28 February" over "Friday")."""
    chosen: list[DateMention] = []
    for _, _, mention in sorted(found, key=lambda item: (-item[0], item[1], item[2].start)):
        if all(mention.end <= other.start or mention.start >= other.end for other in chosen):
            chosen.append(mention)
    return sorted(chosen, key=lambda mention: mention.start)


def _day_of(published: date | None) -> date | None:
    if isinstance(published, datetime):
        return published.date()
    return published


def _int(text: str | None) -> int:
    return int(text or 0)


def _norm(word: str | None) -> str:
    """Fold a word for lookups: lower case, one space, ё as е, the typographic apostrophe as '."""
    if not word:
        return ""
    return " ".join(word.lower().replace("\u0451", "\u0435").replace("\u2019", "'").split())


def _language_code(language: str) -> str:
    return language.strip().lower().replace("_", "-").split("-")[0]


# Grammars ---------------------------------------------------------------------------------------

_DAY = r"(?<![\d.,:/])(?:[12]\d|3[01]|0?[1-9])(?!\d)"
_YEAR = r"(?<![\d.,:/])(?:1[89]|20)\d\d(?!\d)"
# The end of a year range: four digits, or two right after a dash ("2019-21").
_YEAR_END = r"(?:1[89]|20)\d\d(?!\d)|(?<=[-–—])\d\d(?!\d)"
_DASH = r"[-–—]"
_NUMERIC_RULES = (
    (
        "iso",
        r"(?<![\d./-])(?P<d>(?P<year>$YEAR)(?P<sep>[-/])(?P<mon>1[0-2]|0?[1-9])(?P=sep)"
        r"(?P<day>3[01]|[12]\d|0?[1-9]))(?!\d|[-/.]\d)",
        False,
    ),
    (
        "numeric",
        r"(?<![\d./-])(?P<d>(?P<a>\d{1,2})(?P<sep>[./-])(?P<b>\d{1,2})(?P=sep)(?P<year>(?:1[89]|20)\d\d|\d\d))"
        r"(?!\d|[./-]\d)",
        False,
    ),
)


@cache
def _grammar(code: str) -> _Grammar:
    builder = _BUILDERS.get(code)
    return builder() if builder is not None else _generic(code)


def _compile(
    language: _Language,
    parts: Mapping[str, str],
    rules: Iterable[tuple[str, str, bool]],
    *,
    period_anchors: Iterable[str] = (),
    ago_anchors: Iterable[str] = (),
) -> _Grammar:
    """Fill each rule's template with the language's word patterns and compile it once.

    Each kind of rule also gets what a text must hold for it to match: a digit, or one of the
    first letters of its words (`period_anchors` and `ago_anchors` for those the rules spell out).
    """
    values = {"DAY": _DAY, "YEAR": _YEAR, "YEAR_END": _YEAR_END, "DASH": _DASH, **parts}
    months = _anchors(language.months)
    needs = {
        "iso": (True, ()),
        "numeric": (True, ()),
        "year": (True, ()),
        "date": (True, months),
        "month_year": (True, months),
        "month": (False, months),
        "weekday": (False, _anchors(language.weekdays)),
        "day_word": (False, _anchors(language.day_words)),
        "period": (False, tuple(period_anchors)),
        "ago": (False, tuple(ago_anchors)),
    }
    compiled = tuple(
        _Rule(kind, re.compile(Template(template).substitute(values), re.IGNORECASE), needs_cue, *needs[kind])
        for kind, template, needs_cue in (*_NUMERIC_RULES, *rules)
    )
    return _Grammar(language, compiled)


def _anchors(words: Iterable[str]) -> tuple[str, ...]:
    """Return the first three letters of the last word of each form ("вчерашнего" → "вче")."""
    return tuple(sorted({word.split()[-1][:3] for word in words}))


def _words(words: Iterable[str], *, capitalised: bool = False) -> str:
    """Return a pattern for any of `words` (normalised forms) as a whole word, longest first.

    `capitalised` words match only with a capital ("May", not the verb "may").
    """
    forms = []
    for word in sorted(set(words), key=lambda word: (-len(word), word)):
        form = re.escape(word).replace(r"\ ", r"\s+").replace("'", "['\u2019]").replace("\u0435", "[\u0435\u0451]")
        forms.append(form[0].upper() + form[1:] if capitalised else form)
    body = "|".join(forms)
    return rf"(?<!\w)(?-i:{body})(?!\w)" if capitalised else rf"(?<!\w)(?:{body})(?!\w)"


def _numbered(names: str, first: int = 1) -> dict[str, int]:
    """Number the space-separated names in order; "février/févr." gives both forms one number."""
    return {form: number for number, forms in enumerate(names.split(), first) for form in forms.split("/")}


def _future(words: str) -> re.Pattern[str]:
    return re.compile(rf"(?<!\w)(?:{words})(?!\w)|\w['’]ll(?!\w)", re.IGNORECASE)


def _until(words: str) -> re.Pattern[str]:
    # Searched in a window that ends where the mention starts: the words must end the window.
    return re.compile(rf"(?<!\w)(?:{words})\s*\Z", re.IGNORECASE)


# English

_EN_MONTHS = _numbered("january february march april may june july august september october november december")
_EN_MONTH_ABBREVIATIONS = {
    form: month
    for name, month in {
        "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9,
        "oct": 10, "nov": 11, "dec": 12,
    }.items()
    for form in (name, name + ".")
}  # fmt: skip
_EN_WEEKDAYS = _numbered("monday tuesday wednesday thursday friday saturday sunday", 0)
_EN_NUMBERS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20,
    "thirty": 30, "a couple of": 2,
}  # fmt: skip
_EN_QUALIFIERS = {
    "last": -1, "past": -1, "this past": -1, "this": 0, "next": 1, "coming": 1, "earlier this": 0,
    "over the": -1, "at the": -1,
}  # fmt: skip
_EN_UNITS = {
    "day": "day", "days": "day", "week": "week", "weeks": "week", "month": "month", "months": "month",
    "year": "year", "years": "year", "weekend": "weekend",
}  # fmt: skip
_EN_DAY_WORDS = {
    "the day before yesterday": -2, "yesterday": -1, "last night": -1, "today": 0, "tonight": 0,
    "earlier today": 0, "this morning": 0, "this afternoon": 0, "this evening": 0,
}  # fmt: skip
_EN_WORDS_WEEKDAY_FUTURE = (
    r"will|shall|won't|plans?\s+to|planned\s+to|scheduled|due\s+(?:to|on|in)|expected\s+to|set\s+to"
    r"|is\s+to|are\s+to|adjourned|postponed"
)


def _english() -> _Grammar:
    language = _Language(
        code="en",
        months={**_EN_MONTHS, **_EN_MONTH_ABBREVIATIONS},
        weekdays=_EN_WEEKDAYS,
        numbers=_EN_NUMBERS,
        qualifiers=_EN_QUALIFIERS,
        units=_EN_UNITS,
        day_words=_EN_DAY_WORDS,
        slash_order="MDY",
        future_weekday=_future(_EN_WORDS_WEEKDAY_FUTURE),
        future_date=_future(_EN_WORDS_WEEKDAY_FUTURE + r"|until|till|through"),
        until=_until(r"(?:until|till)(?:\s+the)?"),
    )
    parts = {
        "MONTH": _words(language.months, capitalised=True),
        "MONTH_ALONE": _words(_EN_MONTHS, capitalised=True),
        "WEEKDAY": _words(_EN_WEEKDAYS, capitalised=True),
        "QUAL": _words(_EN_QUALIFIERS),
        "SINCE": r"(?P<since>(?<!\w)(?:ever\s+)?since\s+(?:the\s+year\s+)?)?",
        "ORD": r"(?:st|nd|rd|th)?",
        "PART": r"(?<!\w)(?:early|late|mid-|mid|(?:the\s+)?(?:end|beginning|start|middle)\s+of)",
        "SEASON": r"(?<!\w)(?:spring|summer|autumn|fall|winter)(?:\s+of)?",
        "NUM": rf"(?<![\d.,])\d{{1,3}}|{_words(_EN_NUMBERS)}",
        "NOT_YEAR": r"%|percent|per\s+cent|people|persons|cases|activists|protesters|protestors|members|times"
        r"|tenge|dollars|euros|rubles|roubles|signatures|km|kilomet(?:re|er)s|met(?:re|er)s|MCI|MRP|tonnes|tons",
        "DAY_WORD": _words(language.day_words),
    }
    rules = [
        (
            "date",
            r"(?P<d>$SINCE(?:(?P<weekday>$WEEKDAY),?\s+)?(?:the\s+)?(?P<day>$DAY)$ORD"
            r"(?:\s*(?:$DASH|and|&|to)\s*(?:the\s+)?(?P<day2>$DAY)$ORD)?\s+(?:of\s+)?(?P<month>$MONTH)"
            r"(?:,?\s+(?P<year>$YEAR)|\s+(?P<yq>$QUAL)\s+year)?)",
            False,
        ),
        (
            "date",
            r"(?P<d>$SINCE(?:(?P<weekday>$WEEKDAY),?\s+)?(?P<month>$MONTH)\s+(?:the\s+)?(?P<day>$DAY)$ORD"
            r"(?:\s*(?:$DASH|and|&|to)\s*(?P<day2>$DAY)$ORD)?(?:,?\s+(?P<year>$YEAR)|\s+(?P<yq>$QUAL)\s+year)?)(?!\w)",
            False,
        ),
        ("month_year", r"(?P<d>$SINCE(?:(?P<part>$PART)\s*)?(?P<month>$MONTH)(?:\s+of)?,?\s+(?P<year>$YEAR))", False),
        (
            "month",
            r"(?:(?<!\w)(?P<cue>in|until|till|by|from|during|through|throughout|before|after|for|to|between|and"
            r"|of|around)\s+)?(?P<d>$SINCE(?:(?P<q>last|this|next)\s+)?(?:(?P<part>$PART)\s*)?"
            r"(?P<month>$MONTH_ALONE)(?:,?\s+(?P<yq>this|last|next)\s+year)?)(?![\w-])",
            True,
        ),
        (
            "year",
            r"(?:(?<!\w)(?P<cue>in|from|until|till|by|during|through|throughout|before|after|between"
            r"|(?:in\s+)?the\s+year)\s+)?(?P<d>$SINCE(?:(?P<part>$PART|$SEASON)\s*)?(?P<year>$YEAR)"
            r"(?:\s*$DASH\s*(?P<year2>$YEAR_END))?)(?!\s*(?:$NOT_YEAR)(?!\w))(?![\w-]|[.,]\d)",
            True,
        ),
        (
            "weekday",
            r"(?P<d>$SINCE(?:(?<!\w)(?P<q>this\s+past|last|this|next|past|coming)\s+)?(?P<weekday>$WEEKDAY))",
            False,
        ),
        ("day_word", r"(?P<d>$SINCE(?P<word>$DAY_WORD))", False),
        (
            "period",
            r"(?<!the\s)(?P<d>$SINCE(?<!\w)(?P<q>last|this|next|earlier\s+this|over\s+the|at\s+the)\s+"
            r"(?P<unit>week|month|year|weekend))(?!\w)",
            False,
        ),
        ("ago", r"(?P<d>(?P<num>$NUM)\s+(?P<unit>days?|weeks?|months?|years?)\s+ago)(?!\w)", False),
    ]
    return _compile(language, parts, rules, period_anchors=("week", "month", "year"), ago_anchors=("ago",))


# Russian

_RU_MONTHS_GENITIVE = _numbered("января февраля марта апреля мая июня июля августа сентября октября ноября декабря")
_RU_MONTHS_PREPOSITIONAL = _numbered(
    "январе феврале марте апреле мае июне июле августе сентябре октябре ноябре декабре"
)
_RU_MONTHS_NOMINATIVE = _numbered("январь февраль март апрель май июнь июль август сентябрь октябрь ноябрь декабрь")
_RU_MONTH_ABBREVIATIONS = {
    form: month
    for name, month in {
        "янв": 1, "фев": 2, "февр": 2, "мар": 3, "апр": 4, "авг": 8, "сен": 9, "сент": 9, "окт": 10,
        "ноя": 11, "нояб": 11, "дек": 12,
    }.items()
    for form in (name, name + ".")
}  # fmt: skip
_RU_WEEKDAYS = _numbered(
    "понедельник/понедельника вторник/вторника среда/среду/среды/среде четверг/четверга"
    " пятница/пятницу/пятницы/пятнице суббота/субботу/субботы/субботе воскресенье/воскресенья",
    0,
)
_RU_NUMBERS = _numbered(
    "один/одна/одну/одно/одного/одной два/две/двух/двое/пару/пара три/трех/трое четыре/четырех/четверо"
    " пять/пяти шесть/шести семь/семи восемь/восьми девять/девяти десять/десяти одиннадцать/одиннадцати"
    " двенадцать/двенадцати"
) | {"пятнадцать": 15, "пятнадцати": 15, "двадцать": 20, "двадцати": 20, "тридцать": 30, "тридцати": 30}
_RU_HARD = ("ый", "ая", "ое", "ой", "ого", "ому", "ом", "ую", "ые", "ых", "ым", "ыми")
_RU_SOFT = ("ий", "ая", "яя", "ее", "ей", "его", "ему", "ем", "ую", "юю", "ие", "их", "им", "ими")
_RU_QUALIFIERS = {
    **{"прошл" + ending: -1 for ending in _RU_HARD},
    **{"позапрошл" + ending: -2 for ending in _RU_HARD},
    **{"минувш" + ending: -1 for ending in _RU_SOFT},
    **{stem + ending: 0 for stem in ("текущ", "нынешн") for ending in _RU_SOFT},
    **{stem + ending: 1 for stem in ("следующ", "будущ", "ближайш") for ending in _RU_SOFT},
    **{"эт" + ending: 0 for ending in ("от", "а", "о", "ой", "ого", "ому", "ом", "у", "и", "их", "им")},
}
_RU_UNITS = {
    **dict.fromkeys(("день", "дня", "дней", "сутки", "суток"), "day"),
    **dict.fromkeys(("неделя", "недели", "неделе", "неделю", "недель"), "week"),
    **dict.fromkeys(("месяц", "месяца", "месяце", "месяцу", "месяцев"), "month"),
    **dict.fromkeys(("год", "года", "году", "лет"), "year"),
    **dict.fromkeys(("выходные", "выходных"), "weekend"),
    "полгода": "halfyear",
}
_RU_DAY_WORDS = {
    "позавчера": -2, "вчера": -1, "сегодня": 0,
    **{"позавчерашн" + ending: -2 for ending in _RU_SOFT},
    **{"вчерашн" + ending: -1 for ending in _RU_SOFT},
    **{"сегодняшн" + ending: 0 for ending in _RU_SOFT},
}  # fmt: skip
_RU_WORDS_WEEKDAY_FUTURE = (
    r"будет|будут|будем|планиру\w*|назначен\w*|состоится|состоятся|перенес\w*|отложен\w*|намерен\w*"
)


def _russian() -> _Grammar:
    months_after_day = _RU_MONTHS_GENITIVE | _RU_MONTH_ABBREVIATIONS
    language = _Language(
        code="ru",
        months=months_after_day | _RU_MONTHS_PREPOSITIONAL | _RU_MONTHS_NOMINATIVE,
        weekdays=_RU_WEEKDAYS,
        numbers=_RU_NUMBERS,
        qualifiers=_RU_QUALIFIERS,
        units=_RU_UNITS,
        lone_units=frozenset({"день", "сутки", "неделю", "месяц", "год", "полгода"}),
        day_words=_RU_DAY_WORDS,
        future_weekday=_future(_RU_WORDS_WEEKDAY_FUTURE),
        future_date=_future(_RU_WORDS_WEEKDAY_FUTURE + "|до"),
        until=_until("до|по"),
    )
    # Singular forms only: "прошлых лет" is "of past years", not last year.
    period_units: tuple[str, ...] = ("неделя", "недели", "неделе", "неделю", "месяц", "месяца", "месяце")
    period_units += ("год", "года", "году", "выходные", "выходных")
    year_suffix = r"(?:\s*-?(?:го|м|й))?\s*(?:годах|годов|годы|году|года|год|гг?\.|г(?!\w))"
    parts = {
        "MONTH": _words(months_after_day),
        "MONTH_ALONE": _words(_RU_MONTHS_GENITIVE | _RU_MONTHS_PREPOSITIONAL),
        "MONTH_ANY": _words(language.months),
        "WEEKDAY": _words(_RU_WEEKDAYS),
        "QUAL": _words(_RU_QUALIFIERS),
        "SINCE": r"(?P<since>(?<!\w)(?:начиная\s+)?(?:с|со)\s+)?",
        "DSUF": r"(?:-?(?:ого|го|ое|е)(?!\w))?",
        "PART": _words(("начале", "середине", "конце", "начала", "середины", "конца")),
        "YEAR_SUFFIX": year_suffix,
        "YEAR_SUFFIX_OPTIONAL": f"(?:{year_suffix})?",
        "NUM": rf"(?<![\d.,])\d{{1,3}}|{_words(_RU_NUMBERS)}",
        "UNIT": _words(unit for unit, kind in _RU_UNITS.items() if kind != "weekend"),
        "PERIOD_UNIT": _words(period_units),
        # "это" before a noun is "it is", not "this": "это год" is not "this year".
        "PERIOD_QUAL": _words(word for word in _RU_QUALIFIERS if word != "это"),
        "DAY_WORD": _words(_RU_DAY_WORDS),
    }
    rules = [
        (
            "date",
            r"(?P<d>$SINCE(?:(?P<weekday>$WEEKDAY),?\s+)?(?P<day>$DAY)$DSUF"
            r"(?:\s*(?:$DASH|и|по|до)\s*(?P<day2>$DAY)$DSUF)?\s+(?P<month>$MONTH)"
            r"(?:\s+(?P<year>$YEAR)$YEAR_SUFFIX_OPTIONAL|\s+(?P<yq>$QUAL)\s+года)?)",
            False,
        ),
        (
            "month_year",
            r"(?P<d>$SINCE(?:(?P<part>$PART)\s+)?(?P<month>$MONTH_ANY)\s+(?P<year>$YEAR)$YEAR_SUFFIX_OPTIONAL)",
            False,
        ),
        (
            "month",
            r"(?:(?<!\w)(?P<cue>в|во|до|после|к|от|перед|в\s+течение)\s+)?(?P<d>$SINCE(?:(?P<part>$PART)\s+)?"
            r"(?P<month>$MONTH_ALONE)(?:\s+(?P<yq>$QUAL)\s+года)?)(?!\w)",
            True,
        ),
        (
            "year",
            r"(?P<d>$SINCE(?:(?P<part>$PART)\s+)?(?P<year>$YEAR)(?:\s*(?:$DASH|по|до)\s*(?P<year2>$YEAR_END))?"
            r"(?:$YEAR_SUFFIX|-(?:м|го)(?!\w)))",
            False,
        ),
        (
            "weekday",
            r"(?:(?<!\w)(?P<cue>в|во|до|к|на|в\s+ночь\s+на)\s+)?(?P<d>$SINCE(?:(?P<q>$QUAL)\s+)?(?P<weekday>$WEEKDAY))",
            True,
        ),
        ("day_word", r"(?P<d>$SINCE(?P<word>$DAY_WORD))", False),
        ("period", r"(?P<d>$SINCE(?P<q>$PERIOD_QUAL)\s+(?P<unit>$PERIOD_UNIT))", False),
        ("ago", r"(?P<d>(?:(?P<num>$NUM)\s+)?(?P<unit>$UNIT)\s+назад)(?!\w)", False),
    ]
    return _compile(language, parts, rules, period_anchors=_anchors(period_units), ago_anchors=("назад",))


# French

_FR_MONTHS = _numbered(
    "janvier/janv. février/fevrier/févr./fevr. mars avril/avr. mai juin juillet/juil. août/aout"
    " septembre/sept. octobre/oct. novembre/nov. décembre/decembre/déc./dec."
)
_FR_WEEKDAYS = _numbered("lundi mardi mercredi jeudi vendredi samedi dimanche", 0)
_FR_NUMBERS = _numbered("un/une deux trois quatre cinq six sept huit neuf dix onze douze") | {
    "quinze": 15,
    "vingt": 20,
    "trente": 30,
}
_FR_QUALIFIERS = {
    "ce": 0, "dernier": -1, "dernière": -1, "passé": -1, "prochain": 1, "prochaine": 1,
    "de cette année": 0, "de l'année dernière": -1, "de l'an dernier": -1, "de l'année prochaine": 1,
}  # fmt: skip
_FR_UNITS = {
    "jour": "day", "jours": "day", "semaine": "week", "semaines": "week", "mois": "month", "an": "year",
    "ans": "year", "année": "year", "années": "year",
}  # fmt: skip
_FR_DAY_WORDS = {
    "avant-hier": -2, "hier": -1, "aujourd'hui": 0, "ce matin": 0, "cet après-midi": 0, "ce soir": 0,
}  # fmt: skip
_FR_PERIODS = {
    "la semaine dernière": (-1, "week"), "la semaine passée": (-1, "week"), "cette semaine": (0, "week"),
    "la semaine prochaine": (1, "week"), "le mois dernier": (-1, "month"), "le mois passé": (-1, "month"),
    "ce mois-ci": (0, "month"), "le mois prochain": (1, "month"), "l'année dernière": (-1, "year"),
    "l'année passée": (-1, "year"), "l'an dernier": (-1, "year"), "l'an passé": (-1, "year"),
    "cette année": (0, "year"), "l'année prochaine": (1, "year"), "l'an prochain": (1, "year"),
    "le week-end dernier": (-1, "weekend"), "ce week-end": (0, "weekend"),
}  # fmt: skip
_FR_WORDS_WEEKDAY_FUTURE = r"sera|seront|devra|devront|doit|doivent|prévue?s?|programmée?s?|reportée?s?|ajournée?s?"


def _french() -> _Grammar:
    language = _Language(
        code="fr",
        months=_FR_MONTHS,
        weekdays=_FR_WEEKDAYS,
        numbers=_FR_NUMBERS,
        qualifiers=_FR_QUALIFIERS,
        units=_FR_UNITS,
        day_words=_FR_DAY_WORDS,
        periods=_FR_PERIODS,
        future_weekday=_future(_FR_WORDS_WEEKDAY_FUTURE),
        future_date=_future(_FR_WORDS_WEEKDAY_FUTURE + r"|jusqu['’]"),
        until=_until(r"jusqu['’](?:au|à|en)(?:\s+le)?"),
    )
    parts = {
        "MONTH": _words(_FR_MONTHS),
        "MONTH_ALONE": _words(month for month in _FR_MONTHS if not month.endswith(".")),
        "WEEKDAY": _words(_FR_WEEKDAYS),
        "SINCE": r"(?P<since>(?<!\w)(?:depuis|dès)\s+(?:le\s+)?)?",
        "PART": r"(?<!\w)(?:début|fin|mi-|courant)",
        "NUM": rf"(?<![\d.,])\d{{1,3}}|{_words(_FR_NUMBERS)}",
        "UNIT": _words(language.units),
        "NOT_YEAR": r"%|personnes|manifestants|militants|membres|euros|dollars|dinars|cas|fois|km",
        "DAY_WORD": _words(language.day_words),
        "PERIOD": _words(_FR_PERIODS),
    }
    rules = [
        (
            "date",
            r"(?P<d>$SINCE(?:(?P<weekday>$WEEKDAY),?\s+)?(?P<day>$DAY)(?:er)?"
            r"(?:\s*(?:$DASH|et|au)\s*(?P<day2>$DAY)(?:er)?)?\s+(?P<month>$MONTH)(?:\s+(?P<year>$YEAR))?)",
            False,
        ),
        (
            "month_year",
            r"(?P<d>$SINCE(?:(?P<part>$PART)\s*)?(?P<month>$MONTH)\s+(?:de\s+l['’]année\s+)?(?P<year>$YEAR))",
            False,
        ),
        (
            "month",
            r"(?:(?<!\w)(?P<cue>en|jusqu['’]en|jusqu['’]à|avant|après|pour|entre|et|au\s+mois\s+de|au\s+mois\s+d['’])"
            r"\s*)?(?P<d>$SINCE(?:(?P<part>$PART)\s*)?(?P<month>$MONTH_ALONE)(?:\s+(?P<mq>dernier|prochain)(?!\w))?"
            r"(?:\s+(?P<yq>de\s+cette\s+année|de\s+l['’]année\s+(?:dernière|prochaine)|de\s+l['’]an\s+dernier))?)",
            True,
        ),
        (
            "year",
            r"(?:(?<!\w)(?P<cue>en|jusqu['’]en|avant|après|entre|vers|l['’]année|l['’]an)\s*)?"
            r"(?P<d>$SINCE(?:(?P<part>$PART)\s*)?(?P<year>$YEAR)(?:\s*(?:$DASH|à|et)\s*(?P<year2>$YEAR_END))?)"
            r"(?!\s*(?:$NOT_YEAR)(?!\w))(?![\w-]|[.,]\d)",
            True,
        ),
        (
            "weekday",
            r"(?P<d>$SINCE(?:(?<!\w)(?P<q>ce)\s+)?(?P<weekday>$WEEKDAY)(?:\s+(?P<mq>dernier|prochain|passé)(?!\w))?)",
            False,
        ),
        ("day_word", r"(?P<d>$SINCE(?P<word>$DAY_WORD))", False),
        ("period", r"(?P<d>$SINCE(?P<phrase>$PERIOD))", False),
        ("ago", r"(?P<d>(?<!\w)il\s+y\s+a\s+(?P<num>$NUM)\s+(?P<unit>$UNIT))", False),
    ]
    return _compile(language, parts, rules, period_anchors=_anchors(_FR_PERIODS), ago_anchors=("il y a",))


# Spanish

_ES_MONTHS = _numbered(
    "enero/ene. febrero/feb. marzo/mar. abril/abr. mayo junio/jun. julio/jul. agosto/ago."
    " septiembre/setiembre/sep./sept. octubre/oct. noviembre/nov. diciembre/dic."
)
_ES_WEEKDAYS = _numbered("lunes martes miércoles/miercoles jueves viernes sábado/sabado domingo", 0)
_ES_NUMBERS = _numbered("un/uno/una dos tres cuatro cinco seis siete ocho nueve diez once doce") | {
    "quince": 15,
    "veinte": 20,
    "treinta": 30,
}
_ES_PERIODS = {
    "la semana pasada": (-1, "week"), "la pasada semana": (-1, "week"), "esta semana": (0, "week"),
    "la próxima semana": (1, "week"), "la semana próxima": (1, "week"), "la semana que viene": (1, "week"),
    "el mes pasado": (-1, "month"), "el pasado mes": (-1, "month"), "este mes": (0, "month"),
    "el próximo mes": (1, "month"), "el mes próximo": (1, "month"), "el mes que viene": (1, "month"),
    "el año pasado": (-1, "year"), "el pasado año": (-1, "year"), "este año": (0, "year"),
    "el próximo año": (1, "year"), "el año próximo": (1, "year"), "el año que viene": (1, "year"),
    "el fin de semana pasado": (-1, "weekend"), "el pasado fin de semana": (-1, "weekend"),
    "este fin de semana": (0, "weekend"),
}  # fmt: skip
_ES_QUALIFIERS = {
    "este": 0, "esta": 0, "el pasado": -1, "pasado": -1, "pasada": -1, "el próximo": 1, "próximo": 1,
    "próxima": 1, "este año": 0, "año pasado": -1, "pasado año": -1, "próximo año": 1,
}  # fmt: skip
_ES_UNITS = {
    "día": "day", "días": "day", "dia": "day", "dias": "day", "semana": "week", "semanas": "week",
    "mes": "month", "meses": "month", "año": "year", "años": "year",
}  # fmt: skip
_ES_DAY_WORDS = {
    "anteayer": -2, "antier": -2, "anoche": -1, "ayer": -1, "hoy": 0, "esta mañana": 0, "esta tarde": 0,
    "esta noche": 0,
}  # fmt: skip
_ES_WORDS_WEEKDAY_FUTURE = r"será|serán|deberá|deberán|previst[oa]s?|programad[oa]s?|aplazad[oa]s?"


def _spanish() -> _Grammar:
    language = _Language(
        code="es",
        months=_ES_MONTHS,
        weekdays=_ES_WEEKDAYS,
        numbers=_ES_NUMBERS,
        qualifiers=_ES_QUALIFIERS,
        units=_ES_UNITS,
        day_words=_ES_DAY_WORDS,
        periods=_ES_PERIODS,
        future_weekday=_future(_ES_WORDS_WEEKDAY_FUTURE),
        future_date=_future(_ES_WORDS_WEEKDAY_FUTURE + "|hasta"),
        until=_until(r"hasta(?:\s+el)?"),
    )
    parts = {
        "MONTH": _words(_ES_MONTHS),
        "MONTH_ALONE": _words(month for month in _ES_MONTHS if not month.endswith(".")),
        "WEEKDAY": _words(_ES_WEEKDAYS),
        "SINCE": r"(?P<since>(?<!\w)desde\s+(?:el\s+)?)?",
        "PART": r"(?<!\w)(?:principios|finales|mediados|fines|comienzos|inicios)",
        "NUM": rf"(?<![\d.,])\d{{1,3}}|{_words(_ES_NUMBERS)}",
        "UNIT": _words(language.units),
        "NOT_YEAR": r"%|personas|manifestantes|activistas|miembros|euros|d[óo]lares|bol[íi]vares|pesos|casos|veces|km",
        "DAY_WORD": _words(language.day_words),
        "PERIOD": _words(_ES_PERIODS),
    }
    rules = [
        (
            "date",
            r"(?P<d>$SINCE(?:(?P<weekday>$WEEKDAY),?\s+)?(?P<day>$DAY)(?:\.?[º°]|ro)?"
            r"(?:\s*(?:$DASH|y|al)\s*(?P<day2>$DAY))?\s+de\s+(?P<month>$MONTH)"
            r"(?:,?\s+(?:de|del)\s+(?P<year>$YEAR))?)",
            False,
        ),
        (
            "month_year",
            r"(?P<d>$SINCE(?:(?P<part>$PART)\s+de\s+)?(?P<month>$MONTH)\s+(?:de|del)\s+(?P<year>$YEAR))",
            False,
        ),
        (
            "month",
            r"(?:(?<!\w)(?P<cue>en|hasta|para|antes\s+de|después\s+de|entre|a|en\s+el\s+mes\s+de)\s+)?"
            r"(?P<d>$SINCE(?:(?P<q>el\s+pasado|el\s+próximo)\s+)?(?:(?P<part>$PART)\s+de\s+)?(?P<month>$MONTH_ALONE)"
            r"(?:\s+(?P<mq>pasado|próximo)(?!\w))?"
            r"(?:\s+(?:de|del)\s+(?P<yq>este\s+año|año\s+pasado|pasado\s+año|próximo\s+año)(?!\w))?)",
            True,
        ),
        (
            "year",
            r"(?:(?<!\w)(?P<cue>en|hasta|antes\s+de|después\s+de|entre|hacia|(?:en\s+)?el\s+año|del\s+año)\s+)?"
            r"(?P<d>$SINCE(?:(?P<part>$PART)\s+de\s+)?(?P<year>$YEAR)(?:\s*(?:$DASH|a|y)\s*(?P<year2>$YEAR_END))?)"
            r"(?!\s*(?:$NOT_YEAR)(?!\w))(?![\w-]|[.,]\d)",
            True,
        ),
        (
            "weekday",
            r"(?<!los\s)(?P<d>$SINCE(?:(?<!\w)(?P<q>este|el\s+pasado|el\s+próximo|pasado|próximo)\s+)?"
            r"(?P<weekday>$WEEKDAY)(?:\s+(?P<mq>pasado|próximo)(?!\w))?)",
            False,
        ),
        ("day_word", r"(?P<d>$SINCE(?P<word>$DAY_WORD))(?!\s+(?:en\s+)?día)", False),
        ("period", r"(?P<d>$SINCE(?P<phrase>$PERIOD))", False),
        ("ago", r"(?P<d>(?<!\w)hace\s+(?P<num>$NUM)\s+(?P<unit>$UNIT))", False),
    ]
    return _compile(language, parts, rules, period_anchors=_anchors(_ES_PERIODS), ago_anchors=("hace",))


# Other languages: numbers, and month names from dateparser's locale data


def _generic(code: str) -> _Grammar:
    months, order = _locale_months(code)
    language = _Language(code=code, months=months, slash_order=order)
    if not months:
        return _compile(language, {}, ())
    parts = {"MONTH": _words(months)}
    rules = [
        (
            "date",
            r"(?P<d>(?P<day>$DAY)\.?\s+(?:de\s+)?(?P<month>$MONTH)(?:,?\s+(?:de\s+)?(?P<year>$YEAR))?)",
            False,
        ),
        ("date", r"(?P<d>(?P<month>$MONTH)\s+(?P<day>$DAY),?\s+(?P<year>$YEAR))", False),
        ("month_year", r"(?P<d>(?P<month>$MONTH)\s+(?:de\s+)?(?P<year>$YEAR))", False),
    ]
    return _compile(language, parts, rules)


def _locale_months(code: str) -> tuple[dict[str, int], str]:
    """Return month names (three letters or more) and the numeric date order dateparser knows for `code`."""
    # Imported here: dateparser takes long to import, and only languages without a grammar need it.
    from dateparser.languages.loader import default_loader

    try:
        info = default_loader.get_locale(code).info
    except ValueError:
        return {}, "DMY"
    months = {
        _norm(form): number
        for name, number in _EN_MONTHS.items()
        for form in info.get(name, [])
        if len(form.rstrip(".")) >= 3
    }
    order = str(info.get("date_order", "DMY"))
    return months, "MDY" if order.startswith("M") else "DMY"


_BUILDERS: dict[str, Callable[[], _Grammar]] = {"en": _english, "ru": _russian, "fr": _french, "es": _spanish}
