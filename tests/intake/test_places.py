"""Places found in sentences and resolved from names: cities with their country, countries, demonyms."""

import pytest

from vigil.intake.places import Place, PlaceMention, country_of, find_places, resolve_place


def places(text: str, language: str = "en", prefer_country: str | None = None) -> list[tuple[str, Place]]:
    found = find_places(text, language=language, prefer_country=prefer_country)
    assert all(text[m.start : m.end] == m.text for m in found)
    return [(m.text, m.place) for m in found]


ALMATY = Place("Almaty", "KZ")
ASTANA = Place("Astana", "KZ")
SHYMKENT = Place("Shymkent", "KZ")
KAZAKHSTAN = Place(None, "KZ")


@pytest.mark.parametrize(
    ("name", "language", "expected"),
    [
        ("Almaty", "en", ALMATY),
        ("Алматы", "ru", ALMATY),
        ("Alma-Ata", "en", ALMATY),
        ("Алма-Ате", "ru", ALMATY),
        ("Astana", "en", ASTANA),
        ("Nur-Sultan", "en", ASTANA),
        ("Астане", "ru", ASTANA),
        ("Shymkent", "en", SHYMKENT),
        ("Chimkent", "en", SHYMKENT),
        ("Шымкенте", "ru", SHYMKENT),
        ("Москве", "ru", Place("Moscow", "RU")),
        ("в Москве", "ru", Place("Moscow", "RU")),
        ("Бишкеке", "ru", Place("Bishkek", "KG")),
        ("Tbilisi", "en", Place("Tbilisi", "GE")),
        ("Kazakhstan", "en", KAZAKHSTAN),
        ("Казахстане", "ru", KAZAKHSTAN),
        ("Kazakh capital", "en", ASTANA),
        ("the capital of Georgia", "en", Place("Tbilisi", "GE")),
        ("Almaty, Kazakhstan", "en", ALMATY),
        ("Южной Корее", "ru", Place(None, "KR")),
        ("Le Caire", "fr", Place("Cairo", "EG")),
    ],
)
def test_a_name_resolves_to_a_city_or_a_country(name: str, language: str, expected: Place) -> None:
    assert resolve_place(name, language=language) == expected


def test_a_country_wins_over_a_city_of_the_same_name() -> None:
    assert resolve_place("Georgia", language="en") == Place(None, "GE")


def test_the_largest_city_of_a_name_wins_unless_a_country_is_preferred() -> None:
    assert resolve_place("Paris", language="en") == Place("Paris", "FR")
    assert resolve_place("Santiago", language="en") == Place("Santiago", "CL")
    assert resolve_place("Santiago", language="es", prefer_country="CU") == Place("Santiago de Cuba", "CU")


def test_a_city_state_is_a_city_and_its_country() -> None:
    assert resolve_place("Hong Kong", language="en") == Place("Hong Kong", "HK")


def test_an_unknown_name_resolves_to_nothing() -> None:
    assert resolve_place("Feministville", language="en") is None
    assert resolve_place("", language="en") is None


@pytest.mark.parametrize(
    ("name", "language", "code"),
    [
        ("Kazakhstan", "en", "KZ"),
        ("Казахстан", "ru", "KZ"),
        ("Казахстане", "ru", "KZ"),
        ("Republic of Kazakhstan", "en", "KZ"),
        ("Kyrgyzstan", "en", "KG"),
        ("Киргизии", "ru", "KG"),
        ("Belarus", "en", "BY"),
        ("Georgia", "en", "GE"),
        ("России", "ru", "RU"),
        ("Kazakh", "en", "KZ"),
        ("казахстанские", "ru", "KZ"),
        ("Égypte", "fr", "EG"),
    ],
)
def test_country_of_reads_names_case_forms_and_demonyms(name: str, language: str, code: str) -> None:
    assert country_of(name, language=language) == code


def test_country_of_a_city_is_not_given() -> None:
    assert country_of("Almaty", language="en") is None


def test_english_sentence_gives_cities_countries_and_demonyms() -> None:
    text = "Police in Almaty detained two women; Kazakhstan's Russian-language press ignored it."
    assert places(text) == [("Almaty", ALMATY), ("Kazakhstan", KAZAKHSTAN), ("Russian", Place(None, "RU"))]
    found = find_places(text, language="en")
    assert found[0] == PlaceMention(10, 16, "Almaty", ALMATY)
    assert [m.demonym for m in found] == [False, False, True]


def test_the_capital_by_its_country() -> None:
    assert places("Activists gathered in the Kazakh capital on Sunday.") == [("Kazakh capital", ASTANA)]
    assert places("They flew to Georgia's capital.") == [("Georgia's capital", Place("Tbilisi", "GE"))]


def test_russian_case_forms_are_read_as_the_city() -> None:
    text = "Акции прошли в Москве, Шымкенте и Бишкеке, а также в Алматы."
    assert places(text, "ru") == [
        ("Москве", Place("Moscow", "RU")),
        ("Шымкенте", SHYMKENT),
        ("Бишкеке", Place("Bishkek", "KG")),
        ("Алматы", ALMATY),
    ]


def test_russian_countries_and_adjectives() -> None:
    text = "В Казахстане и Южной Корее казахстанские и российские власти молчат."
    assert places(text, "ru") == [
        ("Казахстане", KAZAKHSTAN),
        ("Южной Корее", Place(None, "KR")),
        ("казахстанские", KAZAKHSTAN),
        ("российские", Place(None, "RU")),
    ]


def test_multi_word_and_hyphenated_names() -> None:
    assert places("They were taken to Santiago de Cuba.", "en") == [
        ("Santiago de Cuba", Place("Santiago de Cuba", "CU"))
    ]
    assert places("Её задержали в Нур-Султане.", "ru") == [("Нур-Султане", ASTANA)]


def test_abbreviations_are_countries_only_as_written() -> None:
    assert places("The U.S. and the UK protested; КоАП РФ was cited.") == [
        ("U.S.", Place(None, "US")),
        ("UK", Place(None, "GB")),
        ("РФ", Place(None, "RU")),
    ]
    assert places("Let us know.") == []


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Reading the verdict, the judge paused.", "en"),
        ("Nice words will not free them.", "en"),
        ("Victoria said the police had no warrant.", "en"),
        ("The court ordered her held until March.", "en"),
        ("Police searched the office on Friday.", "en"),
        ("Mobile phones were confiscated.", "en"),
        ("Мир узнал об этом из соцсетей.", "ru"),
        ("Орёл — символ на гербе.", "ru"),
        ("Виктория Петрова вышла из здания суда.", "ru"),
    ],
)
def test_ordinary_capitalised_words_and_first_names_are_not_places(text: str, language: str) -> None:
    assert places(text, language) == []


def test_a_word_that_is_also_a_place_counts_after_a_place_cue() -> None:
    assert places("She moved to Reading last year.") == [("Reading", Place("Reading", "GB"))]
    assert places("Того же дня суд вынес решение.", "ru") == []
    assert places("Он уехал в Того.", "ru") == [("Того", Place(None, "TG"))]


def test_a_place_before_a_hyphen() -> None:
    assert places("A Kazakhstan-based group and an Almaty-born poet.") == [
        ("Kazakhstan", KAZAKHSTAN),
        ("Almaty", ALMATY),
    ]


def test_a_small_city_stands_alone_in_the_preferred_country() -> None:
    assert places("Machakos residents protested.") == []
    assert places("Machakos residents protested.", prefer_country="KE") == [("Machakos", Place("Machakos", "KE"))]


def test_a_city_name_inside_a_person_name_is_not_a_place() -> None:
    assert places("Maria San Miguel was detained in Caracas.") == [("Caracas", Place("Caracas", "VE"))]
    assert places("Jordan Smith flew to Jordan.") == [("Jordan", Place(None, "JO"))]


def test_a_headline_in_title_case_still_gives_its_place() -> None:
    assert places("Feminist Activists Detained In Shymkent After Rally") == [("Shymkent", SHYMKENT)]


def test_french_and_spanish_names() -> None:
    assert places("Elle a été arrêtée à Tunis, en Tunisie.", "fr") == [
        ("Tunis", Place("Tunis", "TN")),
        ("Tunisie", Place(None, "TN")),
    ]
    assert places("Fue detenido en Matanzas, Cuba.", "es") == [
        ("Matanzas", Place("Matanzas", "CU")),
        ("Cuba", Place(None, "CU")),
    ]
