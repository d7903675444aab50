"""Names compared across scripts and romanisations."""

import pytest

from vigil.core.names import Reason, index_forms, latin, match_organisation, match_person, search_keys, skeleton


def test_latin_transliterates_cyrillic_and_drops_diacritics():
    assert latin("Дана Исаева") == "dana isaeva"
    assert latin("Şişli  Aksoy") == "sisli aksoy"


@pytest.mark.parametrize(
    ("left", "right"),
    [
        ("Юлия Щербакова", "Yulia Shcherbakova"),
        ("Юлия Щербакова", "Iuliia Shcherbakova"),
        ("Дана Исаева", "Dana Issayeva"),
        ("Гриневич Алесь", "Ales Hrynevich"),
        ("Bolat Omarov", "Omarov Bolat"),
    ],
)
def test_one_name_in_two_scripts_or_orders_is_a_match(left, right):
    assert match_person(left, [right]) is not None


@pytest.mark.parametrize(("left", "right"), [("Дана Исаева", "Bolat Omarov"), ("Deniz Aksoy", "Baran Kaya"), ("", "X")])
def test_different_names_are_no_match(left, right):
    assert match_person(left, [right]) is None


def test_skeleton_merges_romanisation_variants():
    assert skeleton("Yulia Shcherbakova") == skeleton("Юлия Щербакова") == "ula serbakova"


# Matching a new name against a known one, with the reason ---------------------------------------------

KNOWN = ["Zhanar Sekerbayeva"]


@pytest.mark.parametrize(
    ("new", "reason"),
    [
        ("Zhanar Sekerbayeva", Reason.SAME),
        ("Жанар Секербаева", Reason.SCRIPT),
        ("Zhanar Sekerbaeva", Reason.ROMANISATION),
        ("Janar Sekerbaeva", Reason.ROMANISATION),  # zh/j and y/i
        ("Жанару Секербаевой", Reason.CASE_FORM),  # Russian dative of both words
        ("Жанарға Секербаеваға", Reason.CASE_FORM),  # Kazakh dative
        ("Sekerbayeva Zhanar", Reason.ORDER),
        ("Sekerbayeva", Reason.SURNAME),
        ("Zh. Sekerbayeva", Reason.INITIALS),
        ("Ж. Секербаевой", Reason.INITIALS),
        ("Zhanar Bolatovna Sekerbayeva", Reason.PART),  # the known name lacks the patronymic
        ("Zhanar Sekerbayena", Reason.SPELLING),  # a typing slip,
    ],
)
def test_a_new_name_matches_the_known_one_for_its_reason(new, reason):
    found = match_person(new, KNOWN)

    assert found is not None and found.reason == reason and found.name == "Zhanar Sekerbayeva"


def test_a_surname_in_a_case_form_is_the_surname_only_and_says_so():
    found = match_person("Секербаеву", KNOWN)

    assert found is not None
    assert found.reasons == (Reason.SURNAME, Reason.CASE_FORM)
    assert found.explanation == "the surname only; a Russian or Kazakh case form of the name"


def test_a_full_match_scores_above_another_script_above_a_case_form_above_the_surname_alone():
    names = ("Zhanar Sekerbayeva", "Жанар Секербаева", "Жанару Секербаевой", "Sekerbayeva")
    scores = [match_person(new, KNOWN).score for new in names]

    assert scores == sorted(scores, reverse=True) and len(set(scores)) == 4


def test_the_best_of_the_known_names_and_aliases_is_the_match():
    found = match_person("Жанар Секербаева", ["Zh. Sekerbayeva", "Жанар Секербаева"])

    assert found.reason == Reason.SAME and found.name == "Жанар Секербаева"


@pytest.mark.parametrize(
    "new",
    [
        "Aigul Sekerbayeva",  # the same surname, another given name
        "Айгуль Секербаевой",  # ... in a case form
        "Zhanar Omarova",  # the same given name, another surname
        "Bolat Sekerbayev",  # a man's form of the surname, another given name
        "Zhanar",  # a given name alone stands for too many people
        "Zh. S.",  # initials alone
        "Zhanara Sekerbayeva",  # in English text, not a case form: another name
    ],
)
def test_near_misses_are_not_the_person(new):
    assert match_person(new, KNOWN) is None


def test_case_forms_are_read_only_in_cyrillic_text():
    assert match_person("Жанара Секербаева", KNOWN).reason == Reason.CASE_FORM  # genitive: "of Zhanar"
    assert match_person("Dana Isaeva", ["Dina Isaeva"]) is None  # short given names: no close spelling


@pytest.mark.parametrize(
    ("new", "known", "reason"),
    [
        ("EL*C", "EuroCentralAsian Lesbian* Community", Reason.ACRONYM),
        ("EuroCentralAsian Lesbian* Community", "EL*C", Reason.ACRONYM),
        ("ECALC", "EuroCentralAsian Lesbian* Community", Reason.ACRONYM),  # from the camel-case parts
        ("Human Rights Watch", "HRW", Reason.ACRONYM),
        ("ОО «Феминита»", "Feminita", Reason.LEGAL_FORM),  # rigour's legal forms
        ("Public Association Feminita", "ОО «Феминита»", Reason.LEGAL_FORM),  # one rigour lacks
        ("The Feminita", "Feminita", Reason.LEGAL_FORM),
        ("Феминита", "Feminita", Reason.SCRIPT),
        ("EuroCentralAsian Lesbian* Community (EL*C)", "EL*C", Reason.SAME),  # the bracketed short name
    ],
)
def test_organisation_variants_match_for_their_reason(new, known, reason):
    found = match_organisation(new, [known])

    assert found is not None and found.reason == reason


@pytest.mark.parametrize(
    ("new", "known"),
    [("Kadyr", "Feminita"), ("ELC Ltd", "EuroCentralAsian Lesbian* Community"), ("ОО «Кадыр»", "ОО «Феминита»")],
)
def test_other_organisations_do_not_match(new, known):
    assert match_organisation(new, [known]) is None


def test_search_keys_reach_a_case_form_and_an_acronym_through_the_indexed_forms():
    assert search_keys("Секербаевой") == ["sekerbaev"]
    assert any(form.startswith("sekerbaev") for form in index_forms(["Zhanar Sekerbayeva"]))
    assert "elc" in search_keys("EL*C", organisation=True)
    assert "elc" in index_forms(["EuroCentralAsian Lesbian* Community"], organisation=True)
    assert "elc" in search_keys("EuroCentralAsian Lesbian* Community", organisation=True)
    assert "elc" in index_forms(["EL*C"], organisation=True)


def test_kazakh_letters_are_transliterated():
    assert latin("Қайрат Жұлдыз") == "qairat zhuldyz"
