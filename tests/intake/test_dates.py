from datetime import date, datetime

import pytest

from vigil.intake.dates import DateMention, find_dates

WEDNESDAY = date(2025, 3, 5)
FRIDAY = date(2025, 2, 28)
EARLY_JANUARY = date(2025, 1, 8)  # a Wednesday


def dates(text: str, language: str = "en", published: date | None = WEDNESDAY) -> list[tuple[str, str | None]]:
    """Return (text, ISO date) for each mention, after checking that its offsets point at its text."""
    found = find_dates(text, published=published, language=language)
    for mention in found:
        assert text[mention.start : mention.end] == mention.text
    return [(mention.text, mention.date.isoformat()) for mention in found]


def only(text: str, language: str = "en", published: date | None = WEDNESDAY) -> DateMention:
    found = find_dates(text, published=published, language=language)
    assert len(found) == 1, found
    assert text[found[0].start : found[0].end] == found[0].text
    return found[0]


# Absolute dates ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "language", "mention"),
    [
        ("Police detained her on 28 February 2025 in the capital.", "en", "28 February 2025"),
        ("Police detained her on February 28, 2025 in the capital.", "en", "February 28, 2025"),
        ("The ruling is dated 28.02.2025 and was posted online.", "en", "28.02.2025"),
        ("The ruling is dated 2025-02-28 and was posted online.", "en", "2025-02-28"),
        ("He was arrested on Friday, February 28, 2025, at the airport.", "en", "Friday, February 28, 2025"),
        ("Her hearing ended on the 28th of February, 2025.", "en", "the 28th of February, 2025"),
        ("Активистку задержали 28 февраля 2025 года у здания суда.", "ru", "28 февраля 2025 года"),
        ("Протокол составлен 28.02.2025 в отделе полиции.", "ru", "28.02.2025"),
        ("Постановление от 28.02.25 обжаловано.", "ru", "28.02.25"),
    ],
)
def test_absolute_day_resolves_without_publication_date(text, language, mention):
    found = only(text, language, published=None)
    assert (found.text, found.date.isoformat(), found.date.precision) == (mention, "2025-02-28", "day")
    assert not found.relative and not found.since


@pytest.mark.parametrize(
    ("text", "language", "mention", "iso", "precision"),
    [
        ("The march in May 2024 demanded a life sentence.", "en", "May 2024", "2024-05", "month"),
        ("Reports from March 2025 describe the raid.", "en", "March 2025", "2025-03", "month"),
        ("The bill was drafted in mid-April 2024 by two deputies.", "en", "mid-April 2024", "2024-04", "month"),
        ("Марш, прошедший в мае 2024 года, был согласован.", "ru", "мае 2024 года", "2024-05", "month"),
        ("В начале марта 2025 года суд оштрафовал её.", "ru", "начале марта 2025 года", "2025-03", "month"),
        ("The organisation was founded in 2017 in Almaty.", "en", "2017", "2017", "year"),
        ("Организацию основали в 2017 году в Алматы.", "ru", "2017 году", "2017", "year"),
        ("She was tried twice in 2019-2021 on the same charge.", "en", "2019-2021", "2019", "year"),
        ("She was tried twice (2019–21) on the same charge.", "en", "2019–21", "2019", "year"),
        ("Её судили в 2019–2021 годах по одной статье.", "ru", "2019–2021 годах", "2019", "year"),
        ("Её судили с 2019 по 2021 год по одной статье.", "ru", "с 2019 по 2021 год", "2019", "year"),
        ("The rally took place in the summer of 2020.", "en", "summer of 2020", "2020", "year"),
    ],
)
def test_month_and_year_mentions_keep_their_precision(text, language, mention, iso, precision):
    found = only(text, language, published=None)
    assert (found.text, found.date.isoformat(), found.date.precision, found.relative) == (
        mention,
        iso,
        precision,
        False,
    )


@pytest.mark.parametrize(
    ("text", "language", "mention", "iso"),
    [
        ("The ministry has refused to register the group since 2017.", "en", "since 2017", "2017"),
        ("Министерство отказывает группе в регистрации с 2017 года.", "ru", "с 2017 года", "2017"),
        ("She has been banned from travelling since September 2021.", "en", "since September 2021", "2021-09"),
        ("She has been on hunger strike since January 12, 2025.", "en", "since January 12, 2025", "2025-01-12"),
        ("Она находится под домашним арестом с марта 2024 года.", "ru", "с марта 2024 года", "2024-03"),
        ("Le site est bloqué depuis 2017.", "fr", "depuis 2017", "2017"),
        ("La organización está prohibida desde 2017.", "es", "desde 2017", "2017"),
    ],
)
def test_since_marks_a_state_that_began_then(text, language, mention, iso):
    found = only(text, language)
    assert (found.text, found.date.isoformat(), found.since) == (mention, iso, True)


def test_a_closed_range_starting_with_s_is_not_an_ongoing_state():
    found = only("Суд рассматривал дело с 12 по 15 марта 2024 года.", "ru")
    assert (found.date.isoformat(), found.since) == ("2024-03-12", False)


def test_until_marks_the_end_of_a_term_not_the_day_of_the_act():
    text = "He was remanded until February 28 by the court on Monday, February 14, 2022."
    found = find_dates(text, published=date(2022, 2, 14), language="en")
    assert [(m.text, m.date.isoformat(), m.until) for m in found] == [
        ("February 28", "2022-02-28", True),
        ("Monday, February 14, 2022", "2022-02-14", False),
    ]
    # More than a month ahead, yet a term's end: it stays in the publication year.
    found = find_dates("Арест продлён по 20 марта.", published=date(2025, 2, 14), language="ru")
    assert [(m.text, m.date.isoformat(), m.until) for m in found] == [("20 марта", "2025-03-20", True)]


def test_day_ranges_give_their_first_day():
    assert dates("She was held on the night of January 11-12 and on February 19 and 21.") == [
        ("January 11-12", "2025-01-11"),
        ("February 19 and 21", "2025-02-19"),
    ]


# Day and month without a year --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "language", "mention"),
    [
        ("Police detained her on 28 February outside the court.", "en", "28 February"),
        ("Police detained her on February 28 outside the court.", "en", "February 28"),
        ("Активистку задержали вечером 28 февраля у здания суда.", "ru", "28 февраля"),
        ("Активистку задержали 28-го февраля у здания суда.", "ru", "28-го февраля"),
    ],
)
def test_day_and_month_without_year_fall_in_the_publication_year(text, language, mention):
    found = only(text, language)
    assert (found.text, found.date.isoformat(), found.date.precision, found.relative) == (
        mention,
        "2025-02-28",
        "day",
        True,
    )


@pytest.mark.parametrize(
    ("text", "language"),
    [("The court fined her on 28 December.", "en"), ("Суд оштрафовал её 28 декабря.", "ru")],
)
def test_day_and_month_after_publication_fall_in_the_year_before(text, language):
    assert only(text, language, published=EARLY_JANUARY).date.isoformat() == "2024-12-28"


def test_a_day_shortly_after_publication_is_a_coming_date():
    assert dates("She was remanded in custody until March 10.") == [("March 10", "2025-03-10")]
    assert dates("Она выйдет на свободу 10 марта.", "ru") == [("10 марта", "2025-03-10")]


def test_a_named_weekday_picks_the_year_its_calendar_matches():
    # 27 December 2024 was a Friday; a year without it would be read the same way here.
    assert dates("He was detained on Friday, 27 December.", published=EARLY_JANUARY) == [
        ("Friday, 27 December", "2024-12-27")
    ]
    # 9 February 2025 is a Sunday, 9 February 2024 a Friday.
    assert dates("Fue detenida el viernes 9 de febrero en el aeropuerto.", "es") == [
        ("viernes 9 de febrero", "2024-02-09")
    ]


# Weekdays ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "language", "mention", "iso"),
    [
        ("Police detained him on Friday at the airport.", "en", "Friday", "2025-02-28"),
        ("Police detained him last Friday at the airport.", "en", "last Friday", "2025-02-28"),
        ("Police searched the office on Monday morning.", "en", "Monday", "2025-03-03"),
        ("He was released on Friday at 10 a.m.", "en", "Friday", "2025-02-28"),
        ("The verdict came this past Friday.", "en", "this past Friday", "2025-02-28"),
        ("Полиция задержала его в пятницу в аэропорту.", "ru", "пятницу", "2025-02-28"),
        ("Полиция задержала его в прошлую пятницу в аэропорту.", "ru", "прошлую пятницу", "2025-02-28"),
        ("В понедельник утром полиция провела обыск.", "ru", "понедельник", "2025-03-03"),
        ("Во вторник суд продлил арест.", "ru", "вторник", "2025-03-04"),
        ("Elle a été arrêtée vendredi dernier à Tunis.", "fr", "vendredi dernier", "2025-02-28"),
        ("Fue detenida el pasado viernes en Caracas.", "es", "el pasado viernes", "2025-02-28"),
    ],
)
def test_a_weekday_is_the_latest_such_day_before_publication(text, language, mention, iso):
    found = only(text, language)
    assert (found.text, found.date.isoformat(), found.date.precision, found.relative) == (mention, iso, "day", True)


def test_a_weekday_of_the_publication_day_is_that_day_and_last_is_the_week_before():
    assert dates("He was detained on Friday; his lawyer was held last Friday.", published=FRIDAY) == [
        ("Friday", "2025-02-28"),
        ("last Friday", "2025-02-21"),
    ]
    assert dates("Его задержали в пятницу, а адвоката в прошлую пятницу.", "ru", published=FRIDAY) == [
        ("пятницу", "2025-02-28"),
        ("прошлую пятницу", "2025-02-21"),
    ]


def test_next_this_and_future_cues_point_forward():
    assert dates("The appeal is heard next Monday.") == [("next Monday", "2025-03-10")]
    assert dates("The appeal is heard this Friday.") == [("this Friday", "2025-03-07")]
    assert dates("He will appear in court on Monday, police said on Tuesday.") == [
        ("Monday", "2025-03-10"),
        ("Tuesday", "2025-03-04"),
    ]
    assert dates("Апелляцию рассмотрят в следующий понедельник.", "ru") == [("следующий понедельник", "2025-03-10")]
    assert dates("Заседание назначено на пятницу.", "ru") == [("пятницу", "2025-03-07")]


# Relative words and periods ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "language", "iso", "precision"),
    [
        ("Police detained him yesterday.", "en", "2025-03-04", "day"),
        ("The court hears the case today.", "en", "2025-03-05", "day"),
        ("Officers came to her flat this morning.", "en", "2025-03-05", "day"),
        ("Его задержали вчера вечером.", "ru", "2025-03-04", "day"),
        ("Суд рассмотрит дело сегодня.", "ru", "2025-03-05", "day"),
        ("Обыск прошёл позавчера.", "ru", "2025-03-03", "day"),
        ("She was fined last month.", "en", "2025-02", "month"),
        ("Её оштрафовали в прошлом месяце.", "ru", "2025-02", "month"),
        ("The raid took place earlier this month.", "en", "2025-03", "month"),
        ("She was detained three months ago.", "en", "2024-12", "month"),
        ("The law was adopted last year.", "en", "2024", "year"),
        ("Закон приняли в прошлом году.", "ru", "2024", "year"),
        ("He was convicted two years ago.", "en", "2023", "year"),
        ("Его осудили два года назад.", "ru", "2023", "year"),
        ("Его осудили более двух лет назад.", "ru", "2023", "year"),
        ("Его осудили год назад.", "ru", "2024", "year"),
        ("Elle a été condamnée il y a deux ans.", "fr", "2023", "year"),
        ("Fue condenada hace dos años.", "es", "2023", "year"),
        ("Fue detenida ayer en Caracas.", "es", "2025-03-04", "day"),
    ],
)
def test_relative_words_resolve_against_publication(text, language, iso, precision):
    found = only(text, language)
    assert (found.date.isoformat(), found.date.precision, found.relative) == (iso, precision, True)


def test_last_month_and_last_year_cross_into_the_year_before_in_january():
    assert dates("She was fined last month and tried last year.", published=EARLY_JANUARY) == [
        ("last month", "2024-12"),
        ("last year", "2024"),
    ]


def test_last_week_is_the_month_that_holds_the_whole_week_else_its_year():
    # Published Wednesday 12 March: last week is 3-9 March.
    assert dates("She was fined last week.", published=date(2025, 3, 12)) == [("last week", "2025-03")]
    assert dates("Её оштрафовали на прошлой неделе.", "ru", published=date(2025, 3, 12)) == [
        ("прошлой неделе", "2025-03")
    ]
    # Published Wednesday 5 March: last week is 24 February - 2 March, known only to the year.
    found = only("She was fined last week.")
    assert (found.date.isoformat(), found.date.precision) == ("2025", "year")


def test_weekends_and_weeks_ago_follow_the_week_rule():
    assert dates("Police broke up a meeting over the weekend.") == [("over the weekend", "2025-03")]
    assert dates("She was detained two weeks ago.", published=date(2025, 3, 26)) == [("two weeks ago", "2025-03")]


# Months alone ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "language", "mention", "iso"),
    [
        ("The law was enacted in March.", "en", "March", "2025-03"),
        ("The law was enacted in early March.", "en", "early March", "2025-03"),
        ("The law was enacted in December.", "en", "December", "2024-12"),
        ("Закон приняли в марте.", "ru", "марте", "2025-03"),
        ("Закон приняли в начале марта.", "ru", "начале марта", "2025-03"),
        ("Закон приняли в декабре.", "ru", "декабре", "2024-12"),
        ("Закон приняли в мае прошлого года.", "ru", "мае прошлого года", "2024-05"),
        ("The charge was filed in August this year.", "en", "August this year", "2025-08"),
        ("He is held in pre-trial detention until May.", "en", "May", "2025-05"),
        ("La loi a été adoptée en mars.", "fr", "mars", "2025-03"),
        ("La ley fue aprobada en diciembre.", "es", "diciembre", "2024-12"),
    ],
)
def test_a_month_alone_falls_in_the_publication_year_or_the_year_before(text, language, mention, iso):
    found = only(text, language)
    assert (found.text, found.date.isoformat(), found.date.precision, found.relative) == (
        mention,
        iso,
        "month",
        True,
    )


def test_a_month_alone_in_january_reaches_back_to_last_year():
    assert dates("The law was enacted in March.", published=EARLY_JANUARY) == [("March", "2024-03")]


# What is not a date ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("The court sentenced her to 10 days of administrative arrest.", "en"),
        ("He faces two years in prison under Article 488.", "en"),
        ("She was fined 100 MCI, about 30 000 tenge.", "en"),
        ("The activist, aged 34, was released at 10:00.", "en"),
        ("In 2000 people marched; the fine was 2019 tenge.", "en"),
        ("Police may detain anyone who protests.", "en"),
        ("The Pride march was held several years ago.", "en"),
        ("Суд арестовал её на 15 суток по статье 488.", "ru"),
        ("Её оштрафовали на 30 МРП, то есть на 30 000 тенге.", "ru"),
        ("Активистке 34 года, её отпустили в 10:00.", "ru"),
        ("Ему грозит до двух лет лишения свободы.", "ru"),
        ("Это случилось несколько лет назад.", "ru"),
        ("Штраф в 2000 тенге он оплатил.", "ru"),
        ("Il a été condamné à deux ans de prison.", "fr"),
        ("Fue condenada a dos años de prisión, como hoy en día ocurre.", "es"),
    ],
)
def test_durations_amounts_articles_ages_and_times_are_not_dates(text, language):
    assert dates(text, language) == []


def test_relative_mentions_are_skipped_without_a_publication_date():
    text = "Police detained her last Friday, fined her on 28 February and jailed her on 28 February 2025."
    assert dates(text, published=None) == [("28 February 2025", "2025-02-28")]
    assert dates("Вчера, в пятницу и в прошлом году; 28 февраля 2025 года.", "ru", published=None) == [
        ("28 февраля 2025 года", "2025-02-28")
    ]


# Offsets, languages, speed -----------------------------------------------------------------------


def test_offsets_point_into_the_text_given():
    text = "On Friday police detained the activist, fined in May 2024 and since 2017 refused registration."
    found = find_dates(text, published=WEDNESDAY, language="en")
    assert [(mention.start, mention.end) for mention in found] == [(3, 9), (49, 57), (62, 72)]
    assert [mention.text for mention in found] == ["Friday", "May 2024", "since 2017"]


def test_regional_language_codes_and_datetimes_are_accepted():
    published = datetime(2025, 3, 5, 18, 30)  # noqa: DTZ001  (a naive time, as article metadata often is)
    assert [m.date.isoformat() for m in find_dates("Detained yesterday.", published=published, language="en-GB")] == [
        "2025-03-04"
    ]


def test_french_and_spanish_absolute_dates():
    assert dates("Le 29 mai 2021, les militantes ont été agressées.", "fr", published=None) == [
        ("29 mai 2021", "2021-05-29")
    ]
    assert dates("El martes 29 de abril de 2025 detuvieron al líder opositor.", "es", published=None) == [
        ("martes 29 de abril de 2025", "2025-04-29")
    ]


def test_other_languages_get_numeric_dates_and_month_names_from_locale_data():
    assert dates("Am 28. Februar 2025 wurde sie festgenommen, Urteil vom 03.03.2025.", "de", published=None) == [
        ("28. Februar 2025", "2025-02-28"),
        ("03.03.2025", "2025-03-03"),
    ]


def test_two_thousand_mixed_sentences_are_read():
    english = [
        "Police detained the activist on 28 February 2025 outside the court.",
        "The court sentenced her to 10 days last Friday, her lawyer said.",
        "The statement called on the authorities to release all those detained.",
        "The group has been refused registration since 2017.",
    ]
    russian = [
        "Активистку задержали вечером 28 февраля у здания суда.",
        "Суд арестовал её на 10 суток в прошлую пятницу.",
        "Правозащитники призвали власти освободить всех задержанных.",
        "С 2017 года организации отказывают в регистрации.",
    ]
    found = sum(
        len(find_dates(text, published=WEDNESDAY, language=language))
        for _ in range(250)
        for language, sentences in (("en", english), ("ru", russian))
        for text in sentences
    )
    assert found == 250 * 6


@pytest.mark.parametrize(
    ("text", "language", "iso"),
    [
        ("Её задержали 24 января этого года.", "ru", "2025-01-24"),
        ("Его оштрафовали 3 мая прошлого года.", "ru", "2024-05-03"),
        ("She was detained on 24 January this year.", "en", "2025-01-24"),
        ("He was fined on May 3 last year.", "en", "2024-05-03"),
    ],
)
def test_a_day_with_this_or_last_year_keeps_its_day(text, language, iso):
    (mention,) = find_dates(text, published=WEDNESDAY, language=language)
    assert (mention.date.isoformat(), mention.date.precision) == (iso, "day")


@pytest.mark.parametrize(
    ("text", "language", "doubtful"),
    [
        ("She was detained on Wednesday, 14 August 2018.", "en", True),  # 14 August 2018 was a Tuesday
        ("She was detained on Tuesday, 14 August 2018.", "en", False),
        ("Её задержали в среду, 14 августа 2018 года.", "ru", True),
        ("Её задержали во вторник, 14 августа 2018 года.", "ru", False),
    ],
)
def test_a_day_named_with_a_weekday_it_does_not_fall_on_is_doubtful(text, language, doubtful):
    mention = only(text, language)
    assert mention.date.isoformat() == "2018-08-14"
    assert mention.doubtful is doubtful
