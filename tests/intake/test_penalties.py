"""Terms of detention and sentence, and fines, found in sentences with their exact offsets."""

from decimal import Decimal

import pytest

from vigil.intake.penalties import FineMention, TermMention, find_fines, find_terms


def terms(text: str, language: str = "en") -> list[tuple[str, int | float]]:
    found = find_terms(text, language=language)
    assert all(text[m.start : m.end] == m.text for m in found)
    return [(m.text, m.days) for m in found]


def fines(text: str, language: str = "en", country: str | None = None) -> list[tuple[str, Decimal, str]]:
    found = find_fines(text, language=language, country=country)
    assert all(text[m.start : m.end] == m.text for m in found)
    return [(m.text, m.amount, m.currency) for m in found]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The judge gave the activist 10 days of administrative arrest.", [("10 days", 10)]),
        ("She began a 15-day sentence on Monday.", [("15-day", 15)]),
        ("He was jailed for ten days.", [("ten days", 10)]),
        ("The blogger was remanded for 2 weeks.", [("2 weeks", 14)]),
        ("The editor got two years in a penal colony.", [("two years", 730)]),
        ("A court handed down 2.5 years of restricted freedom.", [("2.5 years", 912.5)]),
        ("He was sentenced to six months of house arrest.", [("six months", 180)]),
        ("He was banned from leaving the country for a year.", [("a year", 365)]),
        ("She was jailed for a year and a half.", [("a year and a half", 547.5)]),
        ("The court imposed two and a half years.", [("two and a half years", 912.5)]),
    ],
)
def test_english_terms_are_read_in_days(text: str, expected: list[tuple[str, int | float]]) -> None:
    assert terms(text) == expected


def test_years_and_months_joined_by_and_are_one_term() -> None:
    assert terms("The poet was sentenced to five years and six months in prison.") == [
        ("five years and six months", 5 * 365 + 6 * 30)
    ]


def test_two_terms_of_the_same_unit_stay_apart() -> None:
    assert terms("They were given 10 days and 15 days respectively.") == [("10 days", 10), ("15 days", 15)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Суд арестовал активистку на 15 суток.", [("15 суток", 15)]),
        ("Ему назначили 10 дней ареста.", [("10 дней", 10)]),
        ("Журналиста приговорили к двум годам колонии.", [("двум годам", 730)]),
        ("Срок составил два года.", [("два года", 730)]),
        ("Его лишили свободы на пять лет.", [("пять лет", 1825)]),
        ("Её приговорили к лишению свободы сроком до двух лет условно.", [("двух лет", 730)]),
        ("Блогеру дали полтора года.", [("полтора года", 547.5)]),
        ("Ему назначили 3 года и 6 месяцев колонии.", [("3 года и 6 месяцев", 1095 + 180)]),
        ("Её арестовали на десять суток.", [("десять суток", 10)]),
        ("Его приговорили к трём годам и шести месяцам.", [("трём годам и шести месяцам", 1095 + 180)]),
    ],
)
def test_russian_terms_in_any_case_form(text: str, expected: list[tuple[str, int | float]]) -> None:
    assert terms(text, "ru") == expected


def test_french_and_spanish_terms() -> None:
    assert terms("Elle a été condamnée à un an de prison et à dix jours.", "fr") == [("un an", 365), ("dix jours", 10)]
    assert terms("Fue condenado a cinco años de prisión.", "es") == [("cinco años", 1825)]


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("The 34-year-old lawyer was detained.", "en"),
        ("The lawyer, 34 years old, was detained.", "en"),
        ("She was detained, aged 41 years, at the border.", "en"),
        ("The lawyer was first detained two years ago.", "en"),
        ("Ten days later the group was dispersed.", "en"),
        ("Three weeks into his detention he fell ill.", "en"),
        ("The march took place on 10 May 2024.", "en"),
        ("She has campaigned for years.", "en"),
        ("Police must charge him within 10 days.", "en"),
        ("One day, officers came to the office.", "en"),
        ("Её задержали два года назад.", "ru"),
        ("Ей 34 года.", "ru"),
        ("34-летняя активистка вышла на свободу.", "ru"),
        ("Марш прошёл в мае 2024 года.", "ru"),
        ("Через два года дело закрыли.", "ru"),
        ("La abogada, de 57 años, fue detenida.", "es"),
        ("Il y a deux ans, elle a été arrêtée.", "fr"),
    ],
)
def test_ages_elapsed_time_and_dates_are_not_terms(text: str, language: str) -> None:
    assert terms(text, language) == []


def test_a_bound_is_marked_as_a_maximum() -> None:
    found = find_terms("The offence is punishable by 4 to 7 years; he faces up to 15 days.", language="en")
    assert [(m.text, m.days, m.is_maximum) for m in found] == [("4 to 7 years", 2555, True), ("15 days", 15, True)]
    found = find_terms("Ей грозит штраф или арест до 15 суток.", language="ru")
    assert found == [TermMention(found[0].start, found[0].end, "15 суток", 15, is_maximum=True)]


def test_a_term_imposed_is_not_a_maximum() -> None:
    assert [m.is_maximum for m in find_terms("She was sentenced to 10 days.", language="en")] == [False]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The court fined her 100 MCI.", [("100 MCI", Decimal(100), "KZT-MCI")]),
        (
            "He paid a fine of 50 monthly calculation indices.",
            [("50 monthly calculation indices", Decimal(50), "KZT-MCI")],
        ),
        ("She was fined 15,000 tenge.", [("15,000 tenge", Decimal(15000), "KZT")]),
        ("The fine was $500.", [("$500", Decimal(500), "USD")]),
        ("A fine of 500 US dollars was imposed.", [("500 US dollars", Decimal(500), "USD")]),
        ("The NGO was ordered to pay €2,000.", [("€2,000", Decimal(2000), "EUR")]),
        ("The outlet was fined 1 million som.", [("1 million som", Decimal(1_000_000), "KGS")]),
        ("The penalty reached 1.2 million roubles.", [("1.2 million roubles", Decimal(1_200_000), "RUB")]),
        ("She was fined 2000 GEL.", [("2000 GEL", Decimal(2000), "GEL")]),
        ("The fine was 20,000 Egyptian pounds.", [("20,000 Egyptian pounds", Decimal(20000), "EGP")]),
        ("He was fined 50,000 Kenyan shillings.", [("50,000 Kenyan shillings", Decimal(50000), "KES")]),
        ("The fine was fifty thousand tenge.", [("fifty thousand tenge", Decimal(50000), "KZT")]),
    ],
)
def test_english_fines_with_amount_and_currency(text: str, expected: list[tuple[str, Decimal, str]]) -> None:
    assert fines(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Суд назначил штраф в размере 50 МРП.", [("50 МРП", Decimal(50), "KZT-MCI")]),
        ("Её оштрафовали на 30 тысяч рублей.", [("30 тысяч рублей", Decimal(30000), "RUB")]),
        ("Штраф составил 100 000 ₸.", [("100 000 ₸", Decimal(100000), "KZT")]),
        ("Штраф составил 393\u202f200 тенге.", [("393\u202f200 тенге", Decimal(393200), "KZT")]),
        ("Его оштрафовали на 2000 лари.", [("2000 лари", Decimal(2000), "GEL")]),
        ("Сумма штрафа — около 790 долларов.", [("790 долларов", Decimal(790), "USD")]),
        ("Издание оштрафовали на 1,2 млн рублей.", [("1,2 млн рублей", Decimal(1_200_000), "RUB")]),
        ("Штраф — 500 гривен.", [("500 гривен", Decimal(500), "UAH")]),
        ("Штраф — 300 белорусских рублей.", [("300 белорусских рублей", Decimal(300), "BYN")]),
        ("Штраф — 10 тыс. тенге.", [("10 тыс. тенге", Decimal(10000), "KZT")]),
    ],
)
def test_russian_fines_with_amount_and_currency(text: str, expected: list[tuple[str, Decimal, str]]) -> None:
    assert fines(text, "ru") == expected


def test_an_amount_and_its_conversion_are_two_mentions() -> None:
    assert fines("She was fined 12,500 tenge (about $26).") == [
        ("12,500 tenge", Decimal(12500), "KZT"),
        ("$26", Decimal(26), "USD"),
    ]


def test_a_shared_currency_word_follows_the_country() -> None:
    assert fines("He was fined 5,000 pounds.", country="EG") == [("5,000 pounds", Decimal(5000), "EGP")]
    assert fines("He was fined 5,000 pounds.") == [("5,000 pounds", Decimal(5000), "GBP")]
    assert fines("He was fined 5,000 shillings.", country="TZ") == [("5,000 shillings", Decimal(5000), "TZS")]
    assert fines("He was fined 5,000 shillings.") == []


@pytest.mark.parametrize(
    "text",
    [
        "About 1 million people took part.",
        "Police detained 15 activists on 12 March 2025.",
        "The case number is 855/2020.",
        "Он получил 100 000 просмотров.",
    ],
)
def test_numbers_without_a_currency_are_not_fines(text: str) -> None:
    assert fines(text) == []


def test_mentions_keep_their_offsets_in_a_longer_text() -> None:
    text = "On Friday the court fined Ms A. 30 MCI; the next day she paid 116,760 tenge."
    found = find_fines(text, language="en")
    assert found == [
        FineMention(32, 38, "30 MCI", Decimal(30), "KZT-MCI"),
        FineMention(62, 75, "116,760 tenge", Decimal(116760), "KZT"),
    ]
