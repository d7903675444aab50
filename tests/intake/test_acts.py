"""Acts found in articles: one per victim per type per occasion, with their dates, terms, fines and places.

The articles are a few sentences written for the tests; the people and groups in them are invented.
Each is published on a Wednesday, so that "on Friday" is the Friday before and "on Monday" the Monday.
"""

from datetime import date
from decimal import Decimal
from functools import cache

import pytest

from vigil.core.dates import PartialDate
from vigil.core.report import ReportedAct
from vigil.intake.acts import Found, Victim, _allowed, _clean_name, _complete_names, find_acts
from vigil.intake.entities import parse

WEDNESDAY = date(2025, 3, 12)
FRIDAY_BEFORE = PartialDate(date(2025, 3, 7), "day")
SATURDAY_BEFORE = PartialDate(date(2025, 3, 8), "day")
MONDAY_BEFORE = PartialDate(date(2025, 3, 10), "day")


@cache
def acts(text: str, language: str = "en", published: date | None = WEDNESDAY) -> tuple[ReportedAct, ...]:
    """Return the acts of an article; each text is parsed once per test run."""
    return tuple(find_acts(parse(text, language=language), published=published))


def of_type(text: str, act_type: str, language: str = "en") -> list[ReportedAct]:
    return [act for act in acts(text, language) if act.type == act_type]


def only(text: str, act_type: str, language: str = "en") -> ReportedAct:
    found = of_type(text, act_type, language)
    assert len(found) == 1, acts(text, language)
    return found[0]


# Two people detained, then each sentenced: four acts -------------------------------------------------

DETAINED_THEN_SENTENCED = (
    "Police in Almaty detained Aigul Bekova and Dana Serikova on Friday. "
    "On Monday a court sentenced {them} to 10 days of administrative arrest."
)
ISSUE_EXAMPLE = DETAINED_THEN_SENTENCED.format(them="them each")
TWO_WOMEN = ("Aigul Bekova", "Dana Serikova")


def test_each_detained_person_gets_a_detention_of_their_own() -> None:
    detentions = of_type(ISSUE_EXAMPLE, "detention")
    assert sorted(str(act.victim) for act in detentions) == sorted(TWO_WOMEN)
    assert all(act.victim_kind == "person" and act.victim_count == 1 for act in detentions)


def test_a_detention_on_friday_is_dated_the_friday_before_publication() -> None:
    assert {act.date for act in of_type(ISSUE_EXAMPLE, "detention")} == {FRIDAY_BEFORE}


def test_a_detention_by_police_in_a_kazakh_city_has_its_place_country_and_perpetrator() -> None:
    detentions = of_type(ISSUE_EXAMPLE, "detention")
    assert {(act.place, act.country, act.perpetrator) for act in detentions} == {("Almaty", "KZ", "police")}


@pytest.mark.parametrize(
    "them",
    [
        "them each",
        "them",
        "both women",
        "each of them",
    ],
)
def test_a_court_sentence_in_days_is_an_administrative_detention_for_each_victim(them: str) -> None:
    text = DETAINED_THEN_SENTENCED.format(them=them)
    sentences = of_type(text, "administrative_detention")
    assert sorted(str(act.victim) for act in sentences) == sorted(TWO_WOMEN)
    for act in sentences:
        assert act.duration_days == 10
        assert act.date == MONDAY_BEFORE
        assert (act.perpetrator, act.place, act.country) == ("court", "Almaty", "KZ")


def test_two_victims_detained_and_sentenced_give_four_acts() -> None:
    text = DETAINED_THEN_SENTENCED.format(them="both women")
    assert sorted((act.type, act.victim) for act in acts(text)) == [
        ("administrative_detention", "Aigul Bekova"),
        ("administrative_detention", "Dana Serikova"),
        ("detention", "Aigul Bekova"),
        ("detention", "Dana Serikova"),
    ]


# Sentences and fines ------------------------------------------------------------------------------------


def test_a_prison_sentence_of_two_years_is_imprisonment_of_730_days() -> None:
    act = only("A court in Almaty sentenced the journalist Arman Dosov to two years in prison.", "imprisonment")
    assert (act.victim, act.duration_days, act.perpetrator) == ("Arman Dosov", Decimal(730), "court")


@pytest.mark.parametrize(
    ("text", "amount", "currency"),
    [
        ("A court in Almaty fined the activist Aigul Bekova 100 MCI for an unsanctioned picket.", 100, "KZT-MCI"),
        ("A court in Moscow fined the blogger Pavel Ostrov 30,000 roubles.", 30_000, "RUB"),
        ("The blogger Pavel Ostrov was fined 30,000 roubles in Moscow on Monday.", 30_000, "RUB"),
    ],
    ids=["mci", "roubles", "roubles-passive"],
)
def test_a_fine_has_its_amount_and_currency(text: str, amount: int, currency: str) -> None:
    act = only(text, "fine")
    assert (act.amount, act.currency) == (Decimal(amount), currency)
    assert act.perpetrator == "court"


def test_a_fine_under_an_article_of_the_code_has_it_as_legal_basis() -> None:
    act = only("Aigul Bekova was fined 100 MCI under Article 488 of the Administrative Code.", "fine")
    assert act.victim == "Aigul Bekova"
    assert act.legal_basis is not None
    assert "Article 488 of the Administrative Code" in act.legal_basis


# Dates of background acts ---------------------------------------------------------------------------------

BACKGROUND = "Aigul Bekova, an activist from Almaty, was detained on Monday. She was fined in 2023 for a picket."


def test_a_background_act_keeps_its_own_year() -> None:
    fine = only(BACKGROUND, "fine")
    assert fine.date == PartialDate(date(2023, 1, 1), "year")
    assert fine.date.isoformat() == "2023"


def test_the_news_act_beside_a_background_act_keeps_the_news_date() -> None:
    assert only(BACKGROUND, "detention").date == MONDAY_BEFORE


# Victims: groups, organisations, pronouns, surnames --------------------------------------------------------


def test_an_unnamed_group_is_one_act_with_its_count() -> None:
    act = only("Police detained about 30 protesters in Almaty on Saturday.", "detention")
    assert (act.victim, act.victim_kind, act.victim_count) == (None, "group", 30)
    assert act.date == SATURDAY_BEFORE


@pytest.mark.parametrize(
    "text",
    [
        "The justice ministry refused to register the group Aurora.",
        pytest.param(
            "The justice ministry denied Aurora registration.",
            marks=pytest.mark.xfail(reason="'Aurora' is taken for a place (a US city): no act", strict=True),
        ),
        "The justice ministry refused to register the Aurora Foundation.",
        "The justice ministry denied the Aurora Foundation registration.",
        "The justice ministry denied registration to the Aurora Foundation.",
    ],
    ids=[
        "refused-to-register-the-group-Aurora",
        "denied-Aurora-registration",
        "refused-to-register-the-Aurora-Foundation",
        "denied-the-Aurora-Foundation-registration",
        "denied-registration-to-the-Aurora-Foundation",
    ],
)
def test_a_refused_registration_has_the_organisation_as_victim(text: str) -> None:
    act = only(text, "registration_denial")
    assert act.victim in ("Aurora", "Aurora Foundation")
    assert (act.victim_kind, act.perpetrator) == ("organization", "government")


@pytest.mark.parametrize(
    "text",
    [
        "The activist Aigul Bekova spoke at a rally in Almaty on Saturday. She was fined 100 MCI on Monday.",
        "The activist Aigul Bekova spoke at a rally in Almaty on Saturday. On Monday a court fined her.",
        pytest.param(
            "The activist Aigul Bekova spoke at a rally in Almaty on Saturday. On Monday a court fined her 100 MCI.",
            marks=pytest.mark.xfail(
                reason="'fined her 100 MCI': spaCy reads 'her' as the possessive of 'MCI', so no victim and no act",
                strict=True,
            ),
        ),
    ],
    ids=["she-was-fined", "a-court-fined-her", "a-court-fined-her-100-MCI"],
)
def test_a_pronoun_is_resolved_to_the_full_name(text: str) -> None:
    act = only(text, "fine")
    assert act.victim == "Aigul Bekova"
    assert act.date == MONDAY_BEFORE


def test_a_bare_surname_is_resolved_to_the_full_name() -> None:
    text = "The activist Aigul Bekova spoke at a rally in Almaty on Saturday. On Monday, Bekova was fined 100 MCI."
    act = only(text, "fine")
    assert (act.victim, act.amount, act.currency) == ("Aigul Bekova", Decimal(100), "KZT-MCI")


# What did not happen ------------------------------------------------------------------------------------

QUESTIONED = "Police in Almaty questioned the activists Aigul Bekova and Dana Serikova on Monday. "


def test_a_charge_is_found_when_it_was_brought() -> None:
    charges = of_type(QUESTIONED + "They were charged with hooliganism.", "criminal_charge")
    assert sorted(str(act.victim) for act in charges) == sorted(TWO_WOMEN)


def test_a_denied_charge_is_no_act() -> None:
    assert of_type(QUESTIONED + "They were not charged.", "criminal_charge") == []


def test_a_threat_to_press_charges_is_a_threat_not_a_charge() -> None:
    text = "Police in Almaty threatened to press charges against the activist Aigul Bekova."
    assert of_type(text, "criminal_charge") == []
    threat = only(text, "threat")
    assert (threat.victim, threat.perpetrator) == ("Aigul Bekova", "police")


# Russian ----------------------------------------------------------------------------------------------------

RUSSIAN_EXAMPLE = (
    "В субботу полиция задержала активистку Айгерим Нурланову. В понедельник суд арестовал {her} на 10 суток."
)


def test_a_russian_detention_has_the_victim_in_the_nominative_and_its_date() -> None:
    act = only(RUSSIAN_EXAMPLE.format(her="её"), "detention", "ru")
    assert (act.victim, act.victim_kind, act.date, act.perpetrator) == (
        "Айгерим Нурланова",
        "person",
        SATURDAY_BEFORE,
        "police",
    )


@pytest.mark.parametrize(
    "sentence",
    [
        "В понедельник суд арестовал её на 10 суток.",
        "В понедельник суд арестовал активистку на 10 суток.",
        "В понедельник суд приговорил её к 10 суткам ареста.",
    ],
    ids=["arrested-her-for-10-days", "arrested-the-activist-for-10-days", "sentenced-her-to-10-days-of-arrest"],
)
def test_a_russian_arrest_for_days_is_an_administrative_detention(sentence: str) -> None:
    text = "В субботу полиция задержала активистку Айгерим Нурланову. " + sentence
    act = only(text, "administrative_detention", "ru")
    assert (act.victim, act.duration_days, act.date, act.perpetrator) == (
        "Айгерим Нурланова",
        Decimal(10),
        MONDAY_BEFORE,
        "court",
    )


def test_a_russian_fine_in_mci_has_its_amount_and_currency() -> None:
    act = only("В субботу активистку Айгерим Нурланову оштрафовали на 50 МРП.", "fine", "ru")
    assert (act.victim, act.amount, act.currency, act.date) == (
        "Айгерим Нурланова",
        Decimal(50),
        "KZT-MCI",
        SATURDAY_BEFORE,
    )


def test_a_role_word_before_a_russian_name_is_not_part_of_the_victim() -> None:
    act = only("Активистку Айгерим Нурланову оштрафовали на 50 МРП за пикет в Алматы.", "fine", "ru")
    assert act.victim == "Айгерим Нурланова"


# Mechanisms that the corpus showed were needed ------------------------------------------------------


def test_a_companion_along_with_the_named_victim_shares_the_act() -> None:
    text = "Aigul Bekova, along with the student Dana Serikova, was detained by police in Almaty on Friday."
    assert sorted(str(act.victim) for act in of_type(text, "detention")) == sorted(TWO_WOMEN)


def test_among_those_detained_names_the_victim() -> None:
    text = "Police detained dozens of protesters in Almaty on Friday. Among those detained was Aigul Bekova."
    assert "Aigul Bekova" in {act.victim for act in of_type(text, "detention")}


def test_respectively_gives_each_victim_its_own_day() -> None:
    text = "On March 3 and 4, respectively, Aigul Bekova and Dana Serikova were fined 100 MCI each."
    dates = {act.victim: act.date.isoformat() for act in of_type(text, "fine")}
    assert dates == {"Aigul Bekova": "2025-03-03", "Dana Serikova": "2025-03-04"}


def test_an_official_named_with_a_title_is_not_a_victim() -> None:
    text = "On Friday the activist Aigul Bekova was accused of attacking Police Chief Erlan Tokayev in Almaty."
    assert {act.victim for act in acts(text)} <= {"Aigul Bekova"}


def test_a_group_counted_in_the_lead_is_named_by_the_next_sentence() -> None:
    text = (
        "A court in Almaty fined two activists on Monday. "
        "Aigul Bekova and Dana Serikova were found guilty of holding an unauthorised picket."
    )
    assert sorted(str(act.victim) for act in of_type(text, "fine")) == sorted(TWO_WOMEN)


def test_a_crime_given_as_the_reason_of_a_sentence_is_not_a_persecution() -> None:
    text = "The former minister Erlan Tokayev was sentenced on Monday to 24 years in prison for the murder of his wife."
    assert acts(text) == ()


def test_a_russian_refusal_to_approve_a_march_is_a_ban_of_the_organisation() -> None:
    text = "В понедельник акимат Алматы не согласовал шествие инициативы «Аврора»."
    assert only(text, "event_ban", "ru").victim_kind == "organization"


def test_a_russian_impersonal_plural_takes_its_singular_subject_as_the_victim() -> None:
    text = "В субботу активистку Айгерим Нурланову задержали. В понедельник Нурланову оштрафовали на 50 МРП."
    assert only(text, "fine", "ru").victim == "Айгерим Нурланова"


def test_a_date_that_describes_another_thing_is_not_the_acts() -> None:
    text = "On Friday police detained Aigul Bekova over a post published in 2019."
    assert only(text, "detention").date == FRIDAY_BEFORE


def test_a_date_that_qualifies_a_noun_is_not_the_storys() -> None:
    text = (
        "Police detained Aigul Bekova on Friday at a rally against the disputed October 2024 election. "
        "Officers beat her at the station."
    )
    assert only(text, "physical_attack").date == FRIDAY_BEFORE


@pytest.mark.parametrize(("weekday", "day"), [("Thursday", 8), ("Friday", 7)])
def test_a_day_whose_weekday_is_wrong_yields_to_another_mention_of_the_act(weekday: str, day: int) -> None:
    # 7 March 2025 was a Friday: "Thursday, 7 March" holds a slip, and the later "8 March" wins
    text = (
        f"Aigul Bekova was detained on {weekday}, 7 March 2025, in Almaty. "
        "Her lawyer said police detained Aigul Bekova on 8 March 2025 at her home."
    )
    assert only(text, "detention").date == PartialDate(date(2025, 3, 7 if weekday == "Friday" else 8), "day")


def test_a_surname_spelt_another_way_takes_the_full_name_another_act_gives() -> None:
    # The tagger may miss a full name that the grammar of an act found ("Zurab Kvaratsenko, the
    # editor, was detained"); the acts told later with the bare surname, however spelt, are his.
    found = [
        Found("detention", Victim("Zurab Kvaratsenko", "person", 1), sentence=0, trigger=3),
        Found("physical_attack", Victim("Kvaratzenko", "person", 1), sentence=1, trigger=9),
        Found("detention", Victim("Kvaratsenko", "person", 1), sentence=2, trigger=14),
        Found("detention", Victim("Tokayev", "person", 1), sentence=3, trigger=20),
    ]
    _complete_names(found)
    assert [f.victim.name for f in found] == ["Zurab Kvaratsenko"] * 3 + ["Tokayev"]


def test_a_surname_two_full_names_may_hold_is_left_as_it_is() -> None:
    found = [
        Found("detention", Victim("Aigul Bekova", "person", 1), sentence=0, trigger=1),
        Found("detention", Victim("Dana Bekova", "person", 1), sentence=0, trigger=1),
        Found("fine", Victim("Bekova", "person", 1), sentence=1, trigger=7),
    ]
    _complete_names(found)
    assert found[2].victim.name == "Bekova"


def test_acts_announced_without_a_date_take_the_date_of_the_story_that_names_their_victims() -> None:
    text = (
        "Aigul Bekova and Dana Serikova were attacked and detained in Shymkent.\n"
        "Bulletin of 10 March 2025\n"
        "On 1 March 2025, Aigul Bekova and Dana Serikova came to a meeting of their group."
    )
    detentions = of_type(text, "detention")
    assert sorted(str(a.victim) for a in detentions) == sorted(TWO_WOMEN)
    assert {a.date for a in detentions} == {PartialDate(date(2025, 3, 1), "day")}


def test_an_announced_act_keeps_no_date_when_the_story_goes_on_about_others() -> None:
    text = "Aigul Bekova was detained in Shymkent.\nOn 1 March 2025, Erlan Tokayev opened a new office of his party."
    assert only(text, "detention").date.start is None


def test_an_act_told_as_happening_again_is_a_second_act() -> None:
    text = "Police detained Aigul Bekova on Friday and released her an hour later. On Monday she was detained again."
    assert sorted(a.date for a in of_type(text, "detention")) == [FRIDAY_BEFORE, MONDAY_BEFORE]


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Police detained Aigul Bekova twice on Friday.", "en"),
        ("В пятницу полиция дважды задержала Айгерим Нурланову.", "ru"),
    ],
)
def test_an_act_done_twice_is_two_acts(text: str, language: str) -> None:
    assert len(of_type(text, "detention", language)) == 2


def test_the_next_morning_is_the_day_after_the_storys_last_day() -> None:
    text = (
        "Police detained Aigul Bekova on Monday evening near her home. "
        "Dana Serikova was detained when she arrived at the office the next morning."
    )
    dates = {str(act.victim): act.date for act in of_type(text, "detention")}
    assert dates == {"Aigul Bekova": MONDAY_BEFORE, "Dana Serikova": PartialDate(date(2025, 3, 11), "day")}


def test_a_russian_next_day_is_counted_from_the_storys_last_day() -> None:
    text = "Полиция задержала Айгерим Нурланову в пятницу. На следующий день её оштрафовали на 50 МРП."
    assert only(text, "fine", "ru").date == SATURDAY_BEFORE


def test_the_next_day_after_another_year_is_not_counted_from_the_story() -> None:
    text = (
        "Police detained Aigul Bekova on Friday. "
        "Police detained Dana Serikova at the 2019 march and fined her the following day."
    )
    assert only(text, "fine").date.start is None


def test_those_detained_take_the_day_of_the_detention_told_before() -> None:
    text = (
        "Police detained 40 people in Almaty on Saturday. The city's akim had banned the march on Thursday. "
        "Among those detained were Aigul Bekova and Dana Serikova. Officers beat Bekova in the van."
    )
    assert {act.date for act in of_type(text, "detention")} == {SATURDAY_BEFORE}
    assert only(text, "physical_attack").date == SATURDAY_BEFORE


def test_what_the_victims_were_doing_then_dates_the_act() -> None:
    text = (
        "Masked men attacked Aigul Bekova and Dana Serikova, "
        "two students blocking a street in Almaty on Saturday night."
    )
    assert {act.date for act in of_type(text, "physical_attack")} == {SATURDAY_BEFORE}


def test_an_organisation_announced_in_the_headline_takes_the_date_of_the_story_that_names_it() -> None:
    text = (
        "Akimat bans Aurora's march\n"
        "Officials in Almaty have banned a march of the feminist initiative Aurora.\n"
        "On 3 March 2025 the akimat wrote to Aurora that the route was taken by other events."
    )
    assert {act.date for act in of_type(text, "event_ban")} == {PartialDate(date(2025, 3, 3), "day")}


def test_an_act_told_deep_in_the_story_without_a_date_is_not_a_lead() -> None:
    text = (
        "Aigul Bekova is a founder of the Aurora Foundation. The group campaigns for women's rights in Almaty. "
        "It has twenty members. The justice ministry denied registration to the Aurora Foundation. "
        "On 3 March 2025 the Aurora Foundation held a meeting in Almaty."
    )
    assert only(text, "registration_denial").date.start is None


def test_an_act_of_a_kind_told_before_is_not_moved_back_to_a_background_date() -> None:
    text = (
        "Police detained Aigul Bekova in Almaty on Monday. Her group Aurora was founded on 3 May 2019. "
        "In a statement, police said five people had been detained."
    )
    assert {act.date for act in of_type(text, "detention")} == {MONDAY_BEFORE}


def test_a_weekday_the_parser_hangs_on_a_participle_is_still_the_news_day() -> None:
    text = "Police raided a shelter run by the women's group Aurora Foundation on Monday and arrested three volunteers."
    assert only(text, "raid").date == MONDAY_BEFORE
    assert only(text, "detention").date == MONDAY_BEFORE


def test_names_near_a_group_too_vague_to_record_are_not_its_members() -> None:
    text = "В Алматы задержали феминисток, требовавших пожизненного заключения для Ерлана Токаева."
    assert acts(text, "ru") == ()


@pytest.mark.parametrize(
    ("text", "language"),
    [
        (
            "Police detained Aigul Bekova on Friday. "
            "She had criticised police for ignoring complaints from women who were later killed by their partners.",
            "en",
        ),
        (
            "Полиция задержала Айгерим Нурланову в субботу. "
            "Активистки пришли с цветами в память о женщинах, погибших от домашнего насилия.",
            "ru",
        ),
    ],
)
def test_people_a_clause_describes_are_not_the_storys_victims(text: str, language: str) -> None:
    assert [act.type for act in acts(text, language)] == ["detention"]


@pytest.mark.parametrize(
    "text",
    [
        "Минюст в пятницу признал иноагентом Кирилла Заболотного.",
        "Минюст в пятницу признал Кирилла Заболотного иностранным агентом.",
    ],
)
def test_a_russian_designation_as_foreign_agent_names_its_victim(text: str) -> None:
    assert only(text, "designation", "ru").victim == "Кирилл Заболотный"


@pytest.mark.parametrize(
    "name",
    [
        "State Committee for National Security",
        "Federal Security Service",
        "National Assembly",
        "Investigative Committee",
        "Минюст",
        "ФСБ",
        "ГКНБ",
        "Следственный комитет",
        "Asamblea Nacional",
    ],
)
def test_the_states_own_bodies_are_never_victims(name: str) -> None:
    assert not _allowed(Victim(name, "organization"), "raid")


def test_it_refers_to_the_organisation_named_before_not_to_the_body_that_refused() -> None:
    text = (
        "The Aurora Foundation has worked informally for years: "
        "the state Registration Bureau refused to register it in 2022."
    )
    act = only(text, "registration_denial")
    assert (act.victim, act.victim_kind) == ("Aurora Foundation", "organization")


def test_a_french_attack_on_two_women_is_two_acts() -> None:
    text = (
        "Le 3 mars 2025, les militantes Aigul Bekova et Dana Serikova ont été agressées physiquement "
        "par des hommes inconnus à Almaty."
    )
    attacks = of_type(text, "physical_attack", "fr")
    assert sorted(str(act.victim) for act in attacks) == sorted(TWO_WOMEN)


@pytest.mark.parametrize(
    "text",
    [
        "Police detained Aigul Bekova on Monday. The Supreme Court revoked the opponent's parole.",
        "Police detained Aigul Bekova on Monday. Her parole had been revoked, the court said.",
    ],
)
def test_a_revoked_parole_sends_its_holder_back_to_prison(text: str) -> None:
    assert only(text, "imprisonment").victim == "Aigul Bekova"


def test_one_person_named_by_a_role_is_one_of_the_story_not_all() -> None:
    text = (
        "Police detained the poet Aigul Bekova and her friend Dana Serikova on Monday. "
        "Bekova was questioned for six hours. The Supreme Court revoked the poet's parole."
    )
    assert [act.victim for act in of_type(text, "imprisonment")] == ["Aigul Bekova"]


def test_a_russian_collective_numeral_counts_a_group() -> None:
    text = "Ещё шестерых сотрудников редакции задержали и доставили в здание ГКНБ на допрос."
    act = only(text, "detention", "ru")
    assert (act.victim, act.victim_kind, act.victim_count) == (None, "group", 6)


def test_two_groups_of_different_sizes_are_two_acts() -> None:
    text = (
        "Two women were detained on Saturday afternoon near Gorky Park. "
        "Police also detained about 15 other participants and released them after several hours."
    )
    assert sorted(act.victim_count or 0 for act in of_type(text, "detention")) == [2, 15]


def test_a_plural_relative_clause_is_about_everyone_coordinated_before_it() -> None:
    text = "Activists demanded the release of Aigul Bekova and Dana Serikova, who were remanded in custody on Monday."
    assert sorted(str(act.victim) for act in of_type(text, "pretrial_detention")) == sorted(TWO_WOMEN)


def test_a_russian_dative_pronoun_before_a_noun_is_the_victim_not_a_possessive() -> None:
    text = (
        "Блогера Шерзода Рахимова задержали в Душанбе. "
        "Суд избрал ему меру пресечения в виде заключения под стражу на два месяца."
    )
    act = only(text, "pretrial_detention", "ru")
    assert (act.victim, act.duration_days) == ("Шерзод Рахимов", 60)


def test_a_charge_of_assaulting_a_police_officer_is_a_charge() -> None:
    text = (
        "Police detained Aigul Bekova on Friday. Police told her family that she is being investigated "
        "for allegedly assaulting a police officer."
    )
    assert only(text, "criminal_charge").victim == "Aigul Bekova"


@pytest.mark.parametrize(("glued", "name"), [("AigulBekova", "Aigul Bekova"), ("McDonald", "McDonald")])
def test_a_name_whose_space_was_lost_is_two_words_but_a_prefixed_surname_stays(glued: str, name: str) -> None:
    assert _clean_name(glued) == name
