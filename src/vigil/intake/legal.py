"""Find the legal basis of an act in a sentence: the article, law or charge, as the text states it.

Three kinds of phrase are taken: references to an article of a code ("Article 488 of the Code of
Administrative Offences", "по части 2 статьи 20.2 КоАП РФ"), laws by name ("the law on foreign
agents", "закона «О мирных собраниях»") and named charges ("charged with 'inciting social
discord'", "on charges of extremism", "за «организацию несанкционированного митинга»"). The span
is the phrase as written, trimmed of the words that introduce it ("under", "charged with").
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class LegalBasisMention:
    """A charge or law as the text states it, with its place in the text."""

    start: int
    end: int
    text: str


def find_legal_bases(text: str, *, language: str) -> list[LegalBasisMention]:
    """Return the articles, laws and charges named in `text`, in order, without overlaps.

    Articles and laws come before charges where they overlap: "charged under Article 174" gives
    the article, "charged with treason" the charge.
    """
    kept: list[LegalBasisMention] = []
    # Patterns come in order of precedence, so a later one only fills the gaps of earlier ones.
    for pattern in _PATTERNS:
        for match in pattern.finditer(text):
            mention = _mention(text, match.start("basis"), match.end("basis"))
            if mention is not None and all(mention.end <= k.start or mention.start >= k.end for k in kept):
                kept.append(mention)
    return sorted(kept, key=lambda mention: mention.start)


# ---------------------------------------------------------------------------------------------
# Articles of codes


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_QUOTED = (
    r"(?:“[^“”\n]{1,150}”|«[^«»\n]{1,150}»|\"[^\"\n]{1,150}\"|‘[^‘’\n]{1,150}’(?!\w)"
    r"|(?<!\w)'(?=\w)[^'\n]{1,150}(?<=\w)'(?!\w))"
)
_NUMBER = r"\d+(?:[.\-]\d+)*(?:-\d+)?[a-zа-я]?(?:\s*\(\d+\))*"
_NUMBERS = rf"{_NUMBER}(?:\s*(?:,|and|or|&|и|или)\s*{_NUMBER})*"
# A proper name of a code or a country: capitalised words, with "of", "the", "on" between them.
_NAME = r"[A-Z][\w’'.-]*(?:\s+(?:(?:of|the|on|and|for)\s+)*[A-Z][\w’'.-]*){0,6}"
_CODE_HEAD = r"(?:Code|Law|Act|Constitution|Decree|Decree-Law|Ordinance|Statute|Regulations?)"
_CODE_EN = (
    rf"(?:the\s+)?(?:{_NAME}[’']s\s+)?"
    rf"(?:(?:[A-Z][\w-]*|criminal|administrative|penal|civil|labou?r|tax|electoral|customs)\s+){{0,4}}"
    rf"(?:{_CODE_HEAD}|code|law|decree|constitution)"
    rf"(?:\s+(?:of|on)\s+(?:the\s+)?{_NAME})?"
    rf"(?:\s+(?:No\.?|no\.?|n°|№|number)\s*[\d/.-]+\d)?"
)
_SUBDIVISION_EN = r"(?i:part|paragraph|para\.|section|clause|subsection|point|item|alinéa|párrafo|inciso|apartado)s?"
# A description in brackets right after the reference: "(assaulting a police officer)".
_GLOSS = rf"(?:\s*\((?:{_QUOTED}|[a-zа-яё“«‘\"][^()\n]{{1,120}})\))?"
_CODE_FR_ES = (
    r"(?:du|de\s+la|de\s+l['’]|des|del|de\s+los?|de\s+las?)\s+(?:nouveau\s+|nuevo\s+)?"
    r"(?:[Cc]ode|[Cc]ódigo|[Dd]écret(?:-loi)?|[Dd]ecreto(?:-ley)?|[Ll]oi|[Ll]ey|[Cc]onstitution|[Cc]onstitución)"
    r"(?:\s+(?:[A-Za-zÀ-ÿ-]+|n°\s*[\d-]+|\d+[\d/-]*)){0,4}?"
    r"(?=\s*[,.;:()]|\s+(?:et|y|qui|que|pour|por|para|en|a|à)\b|$)"
)
_ARTICLE = re.compile(
    rf"(?P<basis>"
    rf"(?:{_SUBDIVISION_EN}\s+\d+[a-z]?(?:\.\d+)*\s*(?:,\s*|\s+of\s+|\s+))*"
    rf"(?:[Aa]rticles?|[Aa]rts?\.|[Aa]rt[ií]culos?)\s*{_NUMBERS}"
    rf"(?:,?\s+{_SUBDIVISION_EN}\s+\d+[a-z]?(?:\.\d+)*)*"
    rf"(?:,?\s+(?:of|under|in)\s+{_CODE_EN}|\s+{_CODE_FR_ES})?"
    rf"{_GLOSS})",
)
_SUBDIVISION_RU = r"(?:п\.|пп\.|пункт\w*|подпункт\w*|ч\.|част\w*|абз\.|абзац\w*)"
_CODE_RU = (
    r"(?:(?-i:КоАП|УК|УПК|ГК|АПК|КАС|ТК|НК|ЖК|КоАО)(?:\s+(?-i:РК|РФ|РБ|КР|РТ|РУз|Республики\s+\w+|Российской\s+Федерации"
    r"|Кыргызской\s+Республики))?"
    r"|(?:[Уу]головн\w+|[Гг]ражданск\w+|[Аа]дминистративн\w+|[Нн]алогов\w+|[Тт]рудов\w+|[Уу]головно-процессуальн\w+)"
    r"\s+кодекс\w*(?:\s+об\s+административных\s+правонарушениях)?"
    r"(?:\s+(?-i:РК|РФ|Республики\s+\w+|Российской\s+Федерации|Кыргызской\s+Республики))?"
    r"|[Кк]одекс\w*\s+(?:(?-i:Республики\s+\w+|Российской\s+Федерации|РК|РФ)\s+)?об\s+административных\s+правонарушениях"
    r"(?:\s+(?-i:РК|РФ|Республики\s+\w+|Российской\s+Федерации))?)"
)
_ARTICLE_RU = re.compile(
    rf"(?P<basis>"
    rf"(?:{_SUBDIVISION_RU}\s*\d+[\w.]*\s*,?\s*)*"
    rf"(?:ст\.|стат(?:ья|ьи|ье|ью|ьей|ей|ьям|ьях|ьями))\s*{_NUMBERS}"
    rf"(?:\s*,?\s*{_SUBDIVISION_RU}\s*\d+[\w.]*)*"
    rf"(?:\s+{_CODE_RU})?"
    rf"(?:\s*{_QUOTED})?{_GLOSS})",
    re.IGNORECASE,
)
_ACT_NUMBERED = re.compile(
    r"(?P<basis>\b(?:Act|Law|Decree|Decree-Law)\s+(?:No\.?\s*)?(?:[IVXLC]+|\d+)(?:/\d+)?\s+of\s+(?:\d{4}|\d{1,2}\s+\w+\s+\d{4})"
    r"|\b(?:[Dd]écret(?:-loi)?|[Dd]ecreto(?:-ley)?|[Dd]ecree(?:-[Ll]aw)?)\s+(?:n°\s*|No\.?\s*|número\s+)?\d+(?:[-/]\d+)*)",
)
_CASE_NUMBER = re.compile(
    r"(?P<basis>\b(?:[Cc]ase|[Дд]ело|[Аа]ffaire|[Cc]aso)\s*(?:[Nn]o\.?|n°|№|[Nn]umber|número)?\s*\d+/\d{2,4})\b"
)

# ---------------------------------------------------------------------------------------------
# Laws by name

_LAW_ON_EN = re.compile(
    r"(?P<basis>\b(?:[Ll]aw|Act|Decree|[Ll]egislation)\s+(?:[Oo]n|[Aa]gainst)\s+"
    rf"(?:{_QUOTED}|(?:the\s+)?[\w’'-]+(?:\s+(?!(?:and|was|were|is|are|has|had|which|that|who|after|before|in|to|by"
    r"|for|from|when|while|because|since|but|as|at|on)\b)[\w’'-]+){0,4}))",
)
_LAW_NAMED_EN = re.compile(
    r"\b(?:under|violat\w+|breach\w*|in\s+breach\s+of|pursuant\s+to|contraven\w+|in\s+accordance\s+with"
    r"|in\s+violation\s+of|charged\s+under|invoking|invoked)\s+(?:the\s+)?(?:[\w-]+['’]s\s+)?"
    r"(?:(?:new|controversial|so-called|repressive|draconian|recent|recently\s+adopted|proposed|amended|current"
    r"|existing|notorious|infamous|sweeping|vague|vaguely\s+worded|broad)\s+)*"
    rf"(?P<basis>(?:{_QUOTED}\s+|(?:(?!(?:the|a|an|this|that|its|their|his|her)\b)[\w’'-]+\s+){{1,4}})"
    r"(?:law|Law|legislation|Act|act|decree|ordinance|code|Code)s?)\b",
)
_LAW_RU = re.compile(
    r"(?P<basis>(?:\b[Нн]арушени\w+\s+(?:порядка\s+\w+\s+)?)?"
    rf"\b(?:[Зз]акон\w*|[Зз]аконодательств\w*|[Пп]остановлени\w+|[Уу]каз\w*)\s+(?:РК\s+|РФ\s+)?(?:{_QUOTED}"
    r"|об?\s+\w+(?:\s+(?!(?:и|в|на|за|по|с|после|когда|который|которая|которые|что|но)\b)\w+){0,2}))",
)

# ---------------------------------------------------------------------------------------------
# Charges

_CHARGE_INTRO_EN = (
    r"charged\s+with|accused\s+of|convicted\s+of|found\s+guilty\s+of|guilty\s+of|on\s+(?:the\s+)?charges?\s+of"
    r"|(?:faces?|facing|face)\s+(?:the\s+)?charges?\s+of|charges?\s+of|on\s+suspicion\s+of|suspected\s+of"
    r"|indicted\s+(?:for|on)|(?:offence|offense|crime)\s+of"
    r"|(?:fined|sentenced|jailed|imprisoned|detained|arrested|penalised|penalized|punished|tried|investigated"
    r"|prosecuted)\s+for(?!\s+(?:\d|(?:a|an|the|his|her|their|its|one|two|three|four|five|six|seven|eight|nine"
    r"|ten|several|many|more|about|up|over|at|what|this|that|it|them|him|life)\b))"
)
_AUXILIARY_OR_PARTICIPLE = (
    r"be|been|being|was|were|is|are|has|have|had|faces?|faced|could|would|will|may|might|then|later|subsequently"
    r"|taken|held|brought|sent|put|kept|given|released|\w+ed"
)
# Words that end a charge: a clause, a time or a reason begins ("... on Monday", "... and was released").
_BOUNDARY_EN = (
    r"(?:(?:after|before|following|during|since|because|as|when|while|which|that|who|whom|whose|where|but|for|by"
    r"|over|under|last|this|until|amid|among|amongst|including|alongside|despite|though|although|if|unless|then"
    rf"|and\s+(?:{_AUXILIARY_OR_PARTICIPLE})|or\s+face)\b|on\s+(?-i:[A-Z])|on\s+\d)"
)
# A comma may continue a list of charges ("treason, conspiracy and terrorism"), not start a clause.
_COMMA_CONTINUES = (
    r"(?:,[^\S\n]+(?!(?:a|an|the|he|she|they|it|his|her|their|police|who|which|according|said"
    rf"|{_AUXILIARY_OR_PARTICIPLE})\b)|[^\S\n]+)"
)
_CHARGE_TOKEN = rf"(?:[\w’'-]+|{_QUOTED})"
_CHARGE_WORDS_EN = (
    rf"(?:(?!{_BOUNDARY_EN}){_CHARGE_TOKEN})(?:{_COMMA_CONTINUES}(?!{_BOUNDARY_EN}){_CHARGE_TOKEN}){{0,11}}"
)
_CHARGE_EN = re.compile(
    rf"\b(?:{_CHARGE_INTRO_EN})\s+(?P<basis>{_QUOTED}(?:\s*(?:,|and|or|as\s+well\s+as)\s*{_QUOTED})*"
    rf"|{_CHARGE_WORDS_EN})",
    re.IGNORECASE,
)
# "on treason charges", "faces “terrorism” charges": the words before "charges".
_CHARGES_BEFORE_EN = re.compile(
    rf"\b(?:on|faces?|facing|over|with|brought|filed|laid)\s+(?P<basis>{_QUOTED}|(?:[\w-]+\s+){{0,2}}[\w-]+)"
    r"\s+(?:charges?|accusations?)\b",
    re.IGNORECASE,
)
_NOT_A_CHARGE = _words(
    """
    trumped-up trumped up fabricated false bogus politically motivated politically-motivated new additional
    further criminal administrative several multiple serious these those similar two three four various formal
    official the a an of on such spurious baseless unfounded his her their its any all both same unspecified
    unknown vague crime crimes offence offences offense offenses charge charges it them this that him her himself
    herself
    """
)
_CHARGE_INTRO_RU = (
    r"по\s+обвинени(?:ю|ям)\s+в|обвиня\w*\s+в|обвинени[еяю]\s+в|обвинил\w*\s+в|обвинён\w*\s+в|обвинен\w*\s+в"
    r"|по\s+подозрени(?:ю|ям)\s+в|подозрева\w*\s+в|виновн\w*\s+в|по\s+стать\w+\s+об?|по\s+делу\s+об?"
    r"|по\s+факту|осужд\w+\s+за|(?:оштрафова|арестова)\w+\s+(?:\w+\s+){0,2}?(?:на\s+[^,.;:]{1,40}?\s+)?за"
    r"|наказа\w+\s+за|привлеч\w+\s+к\s+\w+\s+ответственности\s+за"
)
_BOUNDARY_RU = (
    r"после|когда|который|которая|которые|которых|что|чтобы|но|а|и\s+(?:был|была|были|её|его|их)|в\s+\d|на\s+\d"
)
_CHARGE_RU = re.compile(
    rf"(?:{_CHARGE_INTRO_RU})\s+(?P<basis>{_QUOTED}(?:\s*(?:,|и|или)\s*{_QUOTED})*"
    rf"|(?:(?!(?:{_BOUNDARY_RU})\b)\w[\w-]*)(?:[^\S\n]+(?!(?:{_BOUNDARY_RU})\b)(?:\w[\w-]*|{_QUOTED})){{0,9}})",
    re.IGNORECASE,
)
_QUOTED_AFTER_ZA_RU = re.compile(rf"(?<!\w)[Зз]а\s+(?P<basis>{_QUOTED})")
# "fined for “leading an unregistered association”": a quoted offence after "for".
_QUOTED_AFTER_FOR_EN = re.compile(rf"\b(?:for|over)\s+(?P<basis>{_QUOTED})")
_BOUNDARY_FR_ES = (
    r"après|avant|lors|quand|qui|que|dont|mais|selon|pendant|depuis|parce|car|tras|después|cuando|quien|pero"
    r"|según|conforme|durante|desde|mientras|porque"
)
_CHARGE_FR_ES = re.compile(
    r"\b(?:accusée?s?\s+d[e']|inculpée?s?\s+(?:pour|de|d')|poursuivie?s?\s+pour|condamnée?s?\s+pour"
    r"|acusad[oa]s?\s+de|imputad[oa]s?\s+(?:por|de)|por\s+(?:el\s+|los\s+)?(?:presuntos?\s+)?delitos?\s+de"
    r"|pour\s+(?:les\s+)?(?:chefs?\s+d['’]accusation\s+de|délits?\s+de))\s*"
    rf"(?P<basis>{_QUOTED}|(?:(?!(?:{_BOUNDARY_FR_ES})\b)[\w’'-]+)"
    rf"(?:,?[^\S\n]+(?!(?:{_BOUNDARY_FR_ES}|en|el|le)\b)(?:[\w’'-]+|{_QUOTED})){{0,9}})",
    re.IGNORECASE,
)

# Earlier patterns win over later ones where two overlap.
_PATTERNS = (
    _ARTICLE,
    _ARTICLE_RU,
    _ACT_NUMBERED,
    _CASE_NUMBER,
    _LAW_ON_EN,
    _LAW_RU,
    _LAW_NAMED_EN,
    _CHARGE_EN,
    _CHARGES_BEFORE_EN,
    _CHARGE_RU,
    _QUOTED_AFTER_ZA_RU,
    _QUOTED_AFTER_FOR_EN,
    _CHARGE_FR_ES,
)
_QUOTES = "“”«»\"‘’'"
_LEADING_QUALIFIERS = re.compile(
    r"(?:(?:trumped-up|trumped\s+up|fabricated|bogus|spurious|baseless|unfounded|politically[\s-]motivated|new"
    r"|additional|further|fresh|several|multiple|various|these|such|the|a|an)\s+)+(?=\S)",
    re.IGNORECASE,
)


def _mention(text: str, start: int, end: int) -> LegalBasisMention | None:
    """Trim the span of spaces, closing punctuation and outer quotes; drop it if nothing specific remains."""
    while end > start and (text[end - 1].isspace() or text[end - 1] in ",;:."):
        end -= 1
    while start < end and text[start].isspace():
        start += 1
    phrase = text[start:end]
    inner = phrase[1:-1]
    if len(phrase) > 2 and phrase[0] in _QUOTES and phrase[-1] in _QUOTES and not any(q in inner for q in '“”«»"'):
        start, end = start + 1, end - 1
        while end > start and text[end - 1] in ",;:.":
            end -= 1
        phrase = text[start:end]
    words = [word.strip(_QUOTES).casefold() for word in re.split(r"[\s,]+", phrase) if word.strip(_QUOTES)]
    if not words or all(word in _NOT_A_CHARGE for word in words):
        return None
    # "spurious terrorism charges", "fabricated treason charges": the charge is what the adjectives qualify.
    leading = _LEADING_QUALIFIERS.match(phrase)
    if leading:
        start += leading.end()
        phrase = text[start:end]
    return LegalBasisMention(start, end, phrase)
