"""Find terms of detention, arrest, ban or sentence, and fines, in a sentence.

A term is a number with a unit of time ("10 days", "на 15 суток", "five years and six months");
a fine is an amount with a currency ("15,000 tenge", "30 МРП", "$500"). Ages ("34 years old"),
elapsed time ("two years ago") and numbers without a unit or a currency are not taken. The acts
stage decides which act a mention belongs to; here every mention keeps its exact offsets.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import cache

import pycountry


@dataclass(frozen=True, slots=True)
class TermMention:
    """A term of detention, arrest, ban or sentence; `days` counts years as 365, months as 30.

    `is_maximum` marks a bound rather than a term imposed: "up to 15 days", "до 15 суток",
    "4 to 7 years" (then `days` is the upper bound).
    """

    start: int
    end: int
    text: str
    days: int | float
    is_maximum: bool = False


@dataclass(frozen=True, slots=True)
class FineMention:
    """An amount of money; `currency` is ISO 4217, or "KZT-MCI" for Kazakhstan's monthly index."""

    start: int
    end: int
    text: str
    amount: Decimal
    currency: str


def find_terms(text: str, *, language: str) -> list[TermMention]:
    """Return the terms stated in `text`, in order, without overlaps."""
    return _joined(text, _terms_in(text, language))


def find_fines(text: str, *, language: str, country: str | None = None) -> list[FineMention]:
    """Return the amounts of money stated in `text`, in order, without overlaps.

    `country` (ISO 3166-1 alpha-2), when known, settles currency words shared by several
    countries: "pounds" in Egypt are EGP, "shillings" in Kenya KES, "dinars" in Tunisia TND.
    """
    found: list[FineMention] = []
    for match in _FINE.finditer(text):
        mention = _fine_from(match, text, language, country)
        if mention is not None:
            found.append(mention)
    return _without_overlaps(found)


# ---------------------------------------------------------------------------------------------
# Numbers

_EN_UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}  # fmt: skip
_EN_TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
    "ninety": 90,
}  # fmt: skip
_RU_FORMS = {
    1: "один одна одно одного одной одному одним одном одну",
    2: "два две двух двум двумя",
    3: "три трёх трех трём трем тремя",
    4: "четыре четырёх четырех четырём четырем четырьмя",
    5: "пять пяти пятью",
    6: "шесть шести шестью",
    7: "семь семи семью",
    8: "восемь восьми восемью восьмью",
    9: "девять девяти девятью",
    10: "десять десяти десятью",
    40: "сорок сорока",
    90: "девяносто девяноста",
    100: "сто ста",
}
# Numerals in -надцать/-дцать decline alike: "пятнадцать", "пятнадцати", "пятнадцатью".
_RU_REGULAR = {
    11: "одиннадцать", 12: "двенадцать", 13: "тринадцать", 14: "четырнадцать", 15: "пятнадцать",
    16: "шестнадцать", 17: "семнадцать", 18: "восемнадцать", 19: "девятнадцать", 20: "двадцать",
    30: "тридцать",
}  # fmt: skip
_RU_TENS_OBLIQUE = {
    50: "пятьдесят пятидесяти", 60: "шестьдесят шестидесяти", 70: "семьдесят семидесяти",
    80: "восемьдесят восьмидесяти",
}  # fmt: skip
_FR_NUMBERS = {
    "un": 1, "une": 1, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "six": 6, "sept": 7, "huit": 8,
    "neuf": 9, "dix": 10, "onze": 11, "douze": 12, "treize": 13, "quatorze": 14, "quinze": 15,
    "seize": 16, "vingt": 20, "trente": 30, "quarante": 40, "cinquante": 50, "cent": 100,
}  # fmt: skip
_ES_NUMBERS = {
    "un": 1, "una": 1, "uno": 1, "dos": 2, "tres": 3, "cuatro": 4, "cinco": 5, "seis": 6, "siete": 7,
    "ocho": 8, "nueve": 9, "diez": 10, "once": 11, "doce": 12, "trece": 13, "catorce": 14,
    "quince": 15, "veinte": 20, "treinta": 30, "cuarenta": 40, "cincuenta": 50, "cien": 100, "ciento": 100,
}  # fmt: skip


def _number_words() -> dict[str, int]:
    words: dict[str, int] = {"a": 1, "an": 1, "hundred": 100}
    words.update(_EN_UNITS)
    words.update(_EN_TENS)
    for value, forms in _RU_FORMS.items():
        words.update(dict.fromkeys(forms.split(), value))
    for value, base in _RU_REGULAR.items():
        words.update({base: value, base[:-1] + "и": value, base + "ю": value})
    for value, forms in _RU_TENS_OBLIQUE.items():
        words.update(dict.fromkeys(forms.split(), value))
    words.update(_FR_NUMBERS)
    words.update(_ES_NUMBERS)
    return words


NUMBER_WORDS = _number_words()  # the numerals of en, ru, fr, es in words, case forms included
_SCALE_WORDS = {
    "thousand": 1000, "тысяча": 1000, "тысячи": 1000, "тысяч": 1000, "тысячу": 1000, "тыс": 1000,
    "mille": 1000, "mil": 1000, "k": 1000,
    "million": 10**6, "millions": 10**6, "миллион": 10**6, "миллиона": 10**6, "миллионов": 10**6,
    "млн": 10**6, "millón": 10**6, "millones": 10**6, "millon": 10**6, "mn": 10**6, "m": 10**6,
    "billion": 10**9, "миллиард": 10**9, "миллиарда": 10**9, "миллиардов": 10**9, "млрд": 10**9,
    "milliard": 10**9, "milliards": 10**9, "bn": 10**9,
}  # fmt: skip


def _alternation(words: Iterable[str]) -> str:
    """Return a regex alternation of `words`, longest first, so that "тысячи" is tried before "тыс"."""
    return "|".join(re.escape(word) for word in sorted(words, key=len, reverse=True))


# "a"/"an" stand for one only before a unit ("a year"), never inside a compound.
_WORD = _alternation(word for word in NUMBER_WORDS if word not in ("a", "an"))
_WORD_NUMBER = rf"(?:{_WORD})(?:[\s-]+(?:{_WORD}))*"
_DIGITS = r"\d+(?:[.,]\d+)?"
_GROUPED_DIGITS = r"\d{1,3}(?:(?:,|\.|[ \u00a0\u202f\u2009])\d{3})+(?:[.,]\d+)?(?!\d)|\d+(?:[.,]\d+)?"


def _parse_digits(digits: str, language: str) -> Decimal | None:
    """Read "15,000", "15 000", "1.2", "1,5" and "1.200.000" as the number they write."""
    compact = re.sub(r"[ \u00a0\u202f\u2009]", "", digits)
    separators = re.findall(r"[.,]", compact)
    if len(separators) == 0:
        return _decimal(compact)
    if len(set(separators)) == 2:
        decimal_mark = compact[max(compact.rfind("."), compact.rfind(","))]
        grouping = "," if decimal_mark == "." else "."
        return _decimal(compact.replace(grouping, "").replace(decimal_mark, "."))
    mark = separators[0]
    groups = compact.split(mark)
    thousands = len(separators) > 1 or (len(groups[1]) == 3 and not (mark == "." and language == "en"))
    return _decimal(compact.replace(mark, "") if thousands else compact.replace(mark, "."))


def _decimal(text: str) -> Decimal | None:
    try:
        return Decimal(text)
    except InvalidOperation:
        return None


def _parse_words(words: str) -> int | None:
    """Read "twenty-five", "двадцать пять", "one hundred" as the number they name."""
    total = 0
    for word in re.split(r"[\s-]+", words.casefold()):
        value = NUMBER_WORDS.get(word)
        if value is None:
            return None
        total = max(total, 1) * 100 if value == 100 else total + value
    return total


# ---------------------------------------------------------------------------------------------
# Terms

_UNIT_DAYS = {"day": 1, "week": 7, "month": 30, "year": 365}
_UNITS = {
    "day": r"days?|суток|сутки|суткам|сутками|дн(?:я|ей|ям|ями)|день|jours?|d[ií]as?",
    "week": r"weeks?|недел(?:я|и|ю|ь|ям|ями)|semaines?|semanas?",
    "month": r"months?|месяц(?:а|ев|ам|ами)?|mois|mes(?:es)?",
    "year": r"years?|год(?:а|у|ам|ами)?|лет|ans|an|années?|a[ñn]os?",
}
_TERM = re.compile(
    rf"(?<![\w.,])(?:"
    rf"(?:(?P<rangefrom>{_DIGITS}|{_WORD_NUMBER})\s*(?:-|–|—|\bto\b|\band\b|\bдо\b|\bà\b|\ba\b)\s*)?"
    rf"(?:(?P<half>полтора|полторы|полутора)|(?P<digits>{_DIGITS})|(?P<words>{_WORD_NUMBER}|an?))"
    rf"(?P<andhalf>\s+(?:and\s+a\s+half|с\s+половиной))?"
    rf"(?:\s*[-‑]\s*|\s+)"
    rf"(?:{'|'.join(f'(?P<{unit}>{pattern})' for unit, pattern in _UNITS.items())})"
    rf"(?P<unithalf>\s+and\s+a\s+half)?"
    rf"|(?P<halfunit>пол(?:года|угода|месяца|умесяца)|half\s+a\s+(?:year|month))"
    rf")(?![\w-])",
    re.IGNORECASE,
)
# "five years and six months", "3 года и 6 месяцев": one term, when the second unit is smaller.
_TERM_JOINER = re.compile(r"\s*(?:,|\band\b|\bи\b|\bet\b|\by\b)\s*", re.IGNORECASE)
# After the number, these make it elapsed time or an age, never a term.
_NOT_TERM_AFTER = re.compile(
    r"\s*(?:[-‑]\s*)?(?:old|ago|long|of\s+age|de\s+edad|anniversary|назад|тому\s+назад)\b", re.IGNORECASE
)
# These make it a point in time ("10 days after the march"), unless a cue says term ("sentenced to").
_TIME_OFFSET_AFTER = re.compile(
    r"\s*(?:later|earlier|after|before|since|into|prior|back|спустя|после|до\s+того)\b", re.IGNORECASE
)
_TERM_CUE_BEFORE = re.compile(r"\b(?:to|for|of|на|к|à|a|de|por|pour|durant|during|в\s+течение)\s+$", re.IGNORECASE)
_NOT_TERM_BEFORE = re.compile(
    r"\b(?:within|in|past|last|previous|every|each|per|once|twice|через|спустя|последние|последних|прошлые"
    r"|каждые|hace|il\s+y\s+a|dans|dentro\s+de|últimos|derniers|dernières)\s+$",
    re.IGNORECASE,
)
_AGE_BEFORE = re.compile(
    r"\b(?:aged?|age\s+of|ей|ему|им|мне|тебе|нам|вам|свои|своих|возрасте|âgée?s?\s+de|edad\s+de)\s+$",
    re.IGNORECASE,
)
# An age in apposition: "X, 34 years, ...", "X (34 ans)", "X, de 57 años, ...".
_APPOSITION_BEFORE = re.compile(r"[,(]\s*(?:de\s+)?$")
_APPOSITION_AFTER = re.compile(r"\s*[,)]")
# "a day", "one week" are a term only after a cue ("for a year") or before a penalty ("a year in prison").
_ONE_WORDS = frozenset({"a", "an", "one", "un", "une", "uno", "una", "один", "одна", "одну", "одного", "одной"})
_PENALTY_AFTER = re.compile(
    r"\s+(?:in\s+(?:prison|jail|custody|detention)|of\s+(?:administrative\s+)?(?:arrest|detention|imprisonment"
    r"|prison|jail|house\s+arrest)|de\s+(?:prisi|prison|cárcel|détention)|ареста|заключения|лишения|колонии)",
    re.IGNORECASE,
)
_MAXIMUM_BEFORE = re.compile(
    r"\b(?:up\s+to|as\s+many\s+as|maximum\s+of|до|вплоть\s+до|jusqu['’]à|hasta"
    r"|punishable\s+by|carries|carrying|faces?|facing|грозит|грозить|грозят)\s+"
    r"(?:(?:a|an|the)\s+)?(?:(?:penalty|sentence|term|maximum)\s+of\s+)?$",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class _Term:
    start: int
    end: int
    days: float
    unit_days: int
    is_maximum: bool


def _terms_in(text: str, language: str) -> list[_Term]:
    """Return single terms ("five years", "six months"), before joining them."""
    terms: list[_Term] = []
    for match in _TERM.finditer(text):
        term = _term_from(match, text, language)
        if term is not None:
            terms.append(term)
    return terms


def _joined(text: str, terms: list[_Term]) -> list[TermMention]:
    """Join a term with the smaller units that follow it: "five years" + "and six months"."""
    mentions: list[TermMention] = []
    index = 0
    while index < len(terms):
        first = last = terms[index]
        days = first.days
        index += 1
        while (
            index < len(terms)
            and terms[index].unit_days < last.unit_days
            and _TERM_JOINER.fullmatch(text[last.end : terms[index].start])
        ):
            last = terms[index]
            days += last.days
            index += 1
        mentions.append(
            TermMention(first.start, last.end, text[first.start : last.end], _whole(days), first.is_maximum)
        )
    return mentions


def _term_from(match: re.Match[str], text: str, language: str) -> _Term | None:
    before = text[max(0, match.start() - 40) : match.start()]
    after = text[match.end() : match.end() + 20]
    if _NOT_TERM_AFTER.match(after) or _NOT_TERM_BEFORE.search(before):
        return None
    if _TIME_OFFSET_AFTER.match(after) and not _TERM_CUE_BEFORE.search(before):
        return None
    if match.group("halfunit"):
        unit = "month" if re.search(r"месяц|month", match.group("halfunit"), re.IGNORECASE) else "year"
        return _Term(match.start(), match.end(), _UNIT_DAYS[unit] / 2, _UNIT_DAYS[unit], False)
    unit_days = next(days for unit, days in _UNIT_DAYS.items() if match.group(unit))
    if unit_days == _UNIT_DAYS["year"] and _looks_like_age(match, before, after):
        return None
    words = match.group("words")
    if (
        words is not None
        and words.casefold() in _ONE_WORDS
        and not _TERM_CUE_BEFORE.search(before)
        and not _PENALTY_AFTER.match(after)
    ):
        return None
    count = _count(match, language)
    if count is None:
        return None
    if match.group("andhalf") or match.group("unithalf"):
        count += 0.5
    days = count * unit_days
    if days <= 0 or days > 100 * 365:
        return None
    is_maximum = bool(match.group("rangefrom")) or bool(_MAXIMUM_BEFORE.search(before))
    return _Term(match.start(), match.end(), days, unit_days, is_maximum)


def _looks_like_age(match: re.Match[str], before: str, after: str) -> bool:
    """Tell "aged 34 years", "ей 34 года", "X, 34 years," from a term."""
    if _AGE_BEFORE.search(before):
        return True
    return bool(match.group("digits")) and bool(_APPOSITION_BEFORE.search(before) and _APPOSITION_AFTER.match(after))


def _count(match: re.Match[str], language: str) -> float | None:
    if match.group("half"):
        return 1.5
    digits = match.group("digits")
    if digits:
        value = _parse_digits(digits, language)
        return None if value is None else float(value)
    words = match.group("words")
    if words.casefold() in ("a", "an"):
        return 1.0
    parsed = _parse_words(words)
    return None if parsed is None else float(parsed)


def _whole(days: float) -> int | float:
    return int(days) if days == int(days) else days


# ---------------------------------------------------------------------------------------------
# Fines

# Words and signs of currencies, each with its code. Patterns are matched without regard to case,
# except the short abbreviations kept in _CASE_SENSITIVE ("LE" is also a French article).
_CURRENCY_WORDS: dict[str, str] = {
    r"monthly\s+calculat(?:ion|ed)\s+ind(?:ex|exes|ices)": "KZT-MCI",
    r"MCIs?": "KZT-MCI",
    r"МРП": "KZT-MCI",
    r"(?:месячн|минимальн)\w*\s+расч[её]тн\w*\s+показател\w*": "KZT-MCI",
    r"tenge|тенге|тг\.?|₸": "KZT",
    r"белорусск\w+\s+рубл\w*|Belarusian\s+r(?:o)?ubles?": "BYN",
    r"(?:российск\w+\s+)?(?:рубл(?:ь|я|ей|ями|ям)|руб\.?)|r(?:o)?ubles?|₽": "RUB",
    r"сом(?:а|ов|ы)?|soms?": "KGS",
    r"сум(?:а|ов)?|so['‘’]?ums?|so['‘’]m": "UZS",
    r"сомони|somoni": "TJS",
    r"лари|lari|₾": "GEL",
    r"драм(?:а|ов)?|drams?": "AMD",
    r"гривн(?:а|ы|ям)|гривен|hryvni?as?|₴": "UAH",
    r"(?:американск\w+\s+)?долл(?:ар(?:а|ов|ы)?)?\.?": "USD",
    r"(?:U\.?S\.?|American)\s+dollars?|d[oó]lares\s+(?:estadounidenses|americanos)": "USD",
    r"евро|euros?|€": "EUR",
    r"Egyptian\s+pounds?|livres\s+égyptiennes|libras\s+egipcias|египетск\w+\s+фунт\w*|E£": "EGP",
    r"LE": "EGP",
    r"(?:British\s+)?pounds?\s+sterling|£": "GBP",
    r"Kenyan\s+shillings?|KShs?\.?|Kshs?\.?": "KES",
    r"Tanzanian\s+shillings?": "TZS",
    r"TSh": "TZS",
    r"Ugandan\s+shillings?": "UGX",
    r"Ghana(?:ian)?\s+cedis?|cedis?|GH₵|GH¢": "GHS",
    r"Tunisian\s+dinars?|dinars?\s+tunisiens": "TND",
    r"Turkish\s+liras?|турецк\w+\s+лир\w*|₺": "TRY",
    r"Cuban\s+pesos?|pesos\s+cubanos": "CUP",
    r"bol[ií]vares|bolivars?": "VES",
    r"forints?|форинт\w*": "HUF",
    r"yuan|юан(?:ь|я|ей)|renminbi": "CNY",
    r"манат(?:а|ов)?|manats?": "AZN",
    r"HK\$|Hong\s+Kong\s+dollars?": "HKD",
    r"US\$|\$": "USD",
}
_CASE_SENSITIVE = {r"MCIs?", r"МРП", r"LE", r"TSh"}
# Words that name a currency only once the country is known; the first code is the default.
_SHARED_CURRENCY_WORDS: dict[str, tuple[str | None, dict[str, str]]] = {
    r"dollars?|dólares": (
        "USD",
        {"HK": "HKD", "CA": "CAD", "AU": "AUD", "NZ": "NZD", "SG": "SGD", "TW": "TWD", "JM": "JMD", "LR": "LRD"},
    ),
    r"pounds?|фунт(?:а|ов)?(?:\s+стерлингов)?": (
        "GBP",
        {"EG": "EGP", "SD": "SDG", "SS": "SSP", "LB": "LBP", "SY": "SYP"},
    ),
    r"shillings?|шиллинг\w*": (None, {"KE": "KES", "TZ": "TZS", "UG": "UGX", "SO": "SOS"}),
    r"dinars?|динар\w*": (
        None,
        {"TN": "TND", "DZ": "DZD", "IQ": "IQD", "JO": "JOD", "KW": "KWD", "LY": "LYD", "RS": "RSD", "BH": "BHD"},
    ),
    r"pesos?|песо": (
        None,
        {"CU": "CUP", "MX": "MXN", "AR": "ARS", "CO": "COP", "CL": "CLP", "DO": "DOP", "PH": "PHP", "UY": "UYU"},
    ),
    r"francs?|франк\w*": (None, {"CH": "CHF", "CD": "CDF", "RW": "RWF", "BI": "BIF", "GN": "GNF"}),
    r"liras?|лир(?:а|ы)?": ("TRY", {}),
    r"rupees?|рупи(?:я|й|и)": ("INR", {"PK": "PKR", "LK": "LKR", "NP": "NPR"}),
    r"rials?|riyals?|риал\w*": (None, {"IR": "IRR", "SA": "SAR", "QA": "QAR", "OM": "OMR", "YE": "YER"}),
}


def _flagged(pattern: str) -> str:
    return f"(?:{pattern})" if pattern in _CASE_SENSITIVE else f"(?i:{pattern})"


_CODES = frozenset(currency.alpha_3 for currency in pycountry.currencies)
_CURRENCY = "|".join(_flagged(pattern) for pattern in (*_CURRENCY_WORDS, *_SHARED_CURRENCY_WORDS))
_CODE = rf"\b(?:{'|'.join(sorted(_CODES))})\b"
_SIGN = r"US\$|HK\$|E£|GH₵|\$|€|£|₸|₽|₾|₴|₺"
_SCALE = f"(?i:{_alternation(_SCALE_WORDS)})"
_FINE = re.compile(
    rf"(?<![\w$€£₸₽.,])(?:"
    rf"(?P<sign>{_SIGN}|{_CODE})\s?(?P<sdigits>{_GROUPED_DIGITS})(?:\s*(?P<sscale>{_SCALE})\.?(?!\w))?"
    rf"|(?:(?P<digits>{_GROUPED_DIGITS})(?:\s*(?P<scale>{_SCALE})\.?(?!\w))?"
    rf"|(?P<words>(?i:{_WORD_NUMBER}))(?:\s+(?P<wscale>{_SCALE})\.?(?!\w))?)"
    rf"\s*(?P<currency>{_CURRENCY}|{_CODE})"
    rf")(?!\w)",
)
_NAMED_PATTERNS = [
    (re.compile(pattern if pattern in _CASE_SENSITIVE else f"(?i:{pattern})"), code)
    for pattern, code in _CURRENCY_WORDS.items()
]
_SHARED_PATTERNS = [(re.compile(pattern, re.IGNORECASE), codes) for pattern, codes in _SHARED_CURRENCY_WORDS.items()]


def _fine_from(match: re.Match[str], text: str, language: str, country: str | None) -> FineMention | None:
    if match.group("sign"):
        currency = _currency_of(match.group("sign"), country)
        value = _parse_digits(match.group("sdigits"), language)
        scale = match.group("sscale")
    else:
        currency = _currency_of(match.group("currency"), country)
        if match.group("digits"):
            value = _parse_digits(match.group("digits"), language)
            scale = match.group("scale")
        else:
            words = _parse_words(match.group("words"))
            value = None if words is None else Decimal(words)
            scale = match.group("wscale")
    if currency is None or value is None:
        return None
    if scale:
        value *= _SCALE_WORDS[scale.casefold().rstrip(".")]
    if value <= 0:
        return None
    end = match.end()
    # Keep "тг." or "руб." with its abbreviation point, but not a sentence's full stop.
    matched = match.group(0)
    if matched.endswith(".") and end == len(text.rstrip()):
        matched, end = matched[:-1], end - 1
    return FineMention(match.start(), end, matched, value.normalize() if value % 1 else value.quantize(1), currency)


@cache
def _currency_of(written: str, country: str | None) -> str | None:
    squeezed = re.sub(r"\s+", " ", written.strip())
    if squeezed in _CODES:
        return squeezed
    for pattern, code in _NAMED_PATTERNS:
        if pattern.fullmatch(squeezed):
            return code
    for pattern, (default, by_country) in _SHARED_PATTERNS:
        if pattern.fullmatch(squeezed):
            return by_country.get(country or "", default)
    return None


def _without_overlaps(mentions: list[FineMention]) -> list[FineMention]:
    kept: list[FineMention] = []
    for mention in sorted(mentions, key=lambda m: (m.start, -(m.end - m.start))):
        if kept and mention.start < kept[-1].end:
            continue
        kept.append(mention)
    return kept
