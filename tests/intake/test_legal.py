"""Legal bases (articles, laws, charges) found in sentences, as written and with their offsets."""

import pytest

from vigil.intake.legal import LegalBasisMention, find_legal_bases


def bases(text: str, language: str = "en") -> list[str]:
    found = find_legal_bases(text, language=language)
    assert all(text[m.start : m.end] == m.text for m in found)
    return [m.text for m in found]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The blogger was charged under Article 174 of the Criminal Code.", ["Article 174 of the Criminal Code"]),
        (
            "She was fined under Article 488 of the Code of Administrative Offences.",
            ["Article 488 of the Code of Administrative Offences"],
        ),
        (
            "He was punished under part 2 of Article 20.2 of the Code of Administrative Offences of the Republic.",
            ["part 2 of Article 20.2 of the Code of Administrative Offences of the Republic"],
        ),
        (
            "Both were fined under article 489, section 9 of Kazakhstan’s Administrative Code.",
            ["article 489, section 9 of Kazakhstan’s Administrative Code"],
        ),
        (
            "The charge falls under Article 353 of the Criminal Code (resisting an officer).",
            ["Article 353 of the Criminal Code (resisting an officer)"],
        ),
        ("The rally was banned under Act V of 2024.", ["Act V of 2024"]),
    ],
)
def test_english_articles_of_codes_are_kept_as_written(text: str, expected: list[str]) -> None:
    assert bases(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The poet was charged with 'inciting social discord'.", ["inciting social discord"]),
        ("The editor was detained on charges of extremism.", ["extremism"]),
        ("The three were charged with treason.", ["treason"]),
        ("The lawyer faces treason charges.", ["treason"]),
        ("The students were held on “terrorism” charges.", ["terrorism"]),
        ("He was arrested on trumped-up fraud charges.", ["fraud"]),
        ("She is accused of hooliganism for a street performance.", ["hooliganism"]),
        ("Two men were held on suspicion of acting with seditious intent.", ["acting with seditious intent"]),
        (
            "They were accused of “joining an illegal group” and “spreading false news”.",
            ["“joining an illegal group” and “spreading false news”"],
        ),
        ("The leader was fined for “running an unregistered association”.", ["running an unregistered association"]),
        ("The group was fined under the law on foreign agents.", ["law on foreign agents"]),
        ("Organisers were warned under the Law on Peaceful Assemblies.", ["Law on Peaceful Assemblies"]),
        ("He was detained under the new national security law.", ["national security law"]),
    ],
)
def test_english_charges_and_laws_are_trimmed_to_the_charge(text: str, expected: list[str]) -> None:
    assert bases(text) == expected


def test_a_charge_stops_before_the_next_clause() -> None:
    assert bases("She was charged with hooliganism and released the same evening.") == ["hooliganism"]
    assert bases("He was charged with treason on Monday.") == ["treason"]
    assert bases("The three are accused of treason, conspiracy and terrorism, among other things.") == [
        "treason, conspiracy and terrorism"
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Ей вменяют статью 488 КоАП РК.", ["статью 488 КоАП РК"]),
        ("Протокол составили по статье 488 часть 7 КоАП РК.", ["статье 488 часть 7 КоАП РК"]),
        ("Его задержали по части 2 статьи 20.2 КоАП РФ.", ["части 2 статьи 20.2 КоАП РФ"]),
        ("Дело возбудили по ч. 1 ст. 212.1 УК.", ["ч. 1 ст. 212.1 УК"]),
        (
            "Его обвиняют по статье 174 Уголовного кодекса Республики Казахстан.",
            ["статье 174 Уголовного кодекса Республики Казахстан"],
        ),
        (
            "Активистку оштрафовали за «организацию несанкционированного митинга».",
            ["организацию несанкционированного митинга"],
        ),
        (
            "Её арестовали по обвинению в нарушении законодательства «О мирных собраниях».",
            ["нарушении законодательства «О мирных собраниях»"],
        ),
        ("Его обвиняют в экстремизме и терроризме, после чего задержали.", ["экстремизме и терроризме"]),
        ("Организацию оштрафовали по закону об иностранных агентах.", ["закону об иностранных агентах"]),
    ],
)
def test_russian_articles_laws_and_charges(text: str, expected: list[str]) -> None:
    assert bases(text, "ru") == expected


def test_french_and_spanish_articles_and_charges() -> None:
    assert bases("Elle a été condamnée en vertu de l'article 24 du décret 54.", "fr") == ["article 24 du décret 54"]
    assert bases("Il est accusé de diffusion de fausses nouvelles.", "fr") == ["diffusion de fausses nouvelles"]
    assert bases("Fue acusada de traición, conspiración y terrorismo, según la fiscalía.", "es") == [
        "traición, conspiración y terrorismo"
    ]
    assert bases("Lo procesan según el artículo 128 del Código Penal.", "es") == ["artículo 128 del Código Penal"]


def test_a_case_number_is_a_legal_reference() -> None:
    assert bases("The three were added to case 1234/2023 by prosecutors.") == ["case 1234/2023"]


def test_an_article_and_the_charge_after_it_are_two_mentions() -> None:
    text = "He was charged under Article 174 of the Criminal Code for “inciting hatred”."
    found = find_legal_bases(text, language="en")
    assert [m.text for m in found] == ["Article 174 of the Criminal Code", "inciting hatred"]
    assert found[0] == LegalBasisMention(21, 53, "Article 174 of the Criminal Code")


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("He was detained on criminal charges after the rally.", "en"),
        ("The charges were politically motivated.", "en"),
        ("She was charged with a crime.", "en"),
        ("The new law was passed last year.", "en"),
        ("In an article published on Monday, the paper criticised the court.", "en"),
        ("He was detained for 10 days.", "en"),
        ("She was arrested for the second time.", "en"),
        ("Полицейские задержали активисток у здания суда.", "ru"),
        ("В статье журналист рассказал о суде.", "ru"),
    ],
)
def test_sentences_without_a_specific_basis_give_none(text: str, language: str) -> None:
    assert bases(text, language) == []
