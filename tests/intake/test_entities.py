"""Sentences, tokens with Universal Dependencies relations, and named people, organisations and places.

The people and organisations in these sentences are invented for the tests.
"""

import pytest

from vigil.intake.entities import LOCATION, ORGANIZATION, PERSON, Parsed, parse


def sentences(parsed: Parsed) -> list[str]:
    return [parsed.sentence_text(sentence).strip() for sentence in parsed.sentences]


def named(parsed: Parsed, kind: str) -> list[str]:
    """Return the base forms of the mentions of one kind, after checking that offsets point at their text."""
    for mention in parsed.mentions:
        assert parsed.text[mention.start : mention.end] == mention.text
        assert parsed.tokens[mention.first].start == mention.start
        assert parsed.tokens[mention.last].end == mention.end
    return [mention.name for mention in parsed.mentions if mention.kind == kind]


# Sentences ------------------------------------------------------------------------------------------


def test_english_text_is_split_into_sentences() -> None:
    parsed = parse(
        "Police in Almaty detained the activist Aigul Bekova on Friday. She was released on Sunday! "
        "Was it legal? Her lawyer says it was not.",
        language="en",
    )
    assert sentences(parsed) == [
        "Police in Almaty detained the activist Aigul Bekova on Friday.",
        "She was released on Sunday!",
        "Was it legal?",
        "Her lawyer says it was not.",
    ]


def test_russian_text_is_split_into_sentences() -> None:
    parsed = parse(
        "Полиция задержала журналиста Данияра Омарова в Астане. Он отрицает обвинения! "
        "Почему его задержали? Адвокат пока молчит.",
        language="ru",
    )
    assert sentences(parsed) == [
        "Полиция задержала журналиста Данияра Омарова в Астане.",
        "Он отрицает обвинения!",
        "Почему его задержали?",
        "Адвокат пока молчит.",
    ]


def test_a_sentence_never_runs_across_a_paragraph_break() -> None:
    parsed = parse("Activist detained in Almaty\n\nPolice detained the activist Aigul Bekova on Friday.", language="en")
    assert sentences(parsed) == ["Activist detained in Almaty", "Police detained the activist Aigul Bekova on Friday."]


def test_every_token_belongs_to_its_sentence_and_points_at_its_text() -> None:
    parsed = parse("Полиция задержала журналиста Данияра Омарова. Его доставили в отдел.", language="ru")
    for number, sentence in enumerate(parsed.sentences):
        for token in parsed.tokens[sentence.first : sentence.last + 1]:
            assert token.sentence == number
            assert parsed.text[token.start : token.end] == token.text
            assert sentence.first <= token.head <= sentence.last


# Grammar in Universal Dependencies relations, in both languages --------------------------------------


def test_english_passive_subject_carries_the_ud_relation() -> None:
    parsed = parse("Aigul Bekova was detained in Almaty.", language="en")
    relations = {token.text: token.dep for token in parsed.tokens}
    assert relations["Bekova"] == "nsubj:pass"
    assert relations["was"] == "aux:pass"


def test_english_direct_object_is_obj_and_lemmas_are_lower_case() -> None:
    parsed = parse("Police detained the activist on Friday.", language="en")
    by_text = {token.text: token for token in parsed.tokens}
    assert by_text["activist"].dep == "obj"
    assert by_text["activist"].head == by_text["detained"].i
    assert by_text["detained"].lemma == "detain"
    assert by_text["Police"].lemma == "police"


def test_russian_direct_object_is_obj_with_its_case() -> None:
    parsed = parse("Полиция задержала активистку в субботу.", language="ru")
    by_text = {token.text: token for token in parsed.tokens}
    assert by_text["активистку"].dep == "obj"
    assert by_text["активистку"].feats["Case"] == "Acc"
    assert by_text["задержала"].lemma == "задержать"


# Named people, organisations and places -------------------------------------------------------------


def test_a_person_and_a_place_are_found_in_english() -> None:
    parsed = parse("Police in Almaty detained the activist Aigul Bekova on Friday.", language="en")
    assert named(parsed, PERSON) == ["Aigul Bekova"]
    assert named(parsed, LOCATION) == ["Almaty"]


def test_a_person_and_a_place_are_found_in_russian() -> None:
    parsed = parse("Журналист Данияр Омаров выступил на митинге в Алматы.", language="ru")
    assert named(parsed, PERSON) == ["Данияр Омаров"]
    assert named(parsed, LOCATION) == ["Алматы"]


def test_an_organisation_is_found_in_english() -> None:
    parsed = parse("The Kazakhstan Bureau for Human Rights said the arrest was unlawful.", language="en")
    assert named(parsed, ORGANIZATION) == ["Kazakhstan Bureau for Human Rights"]
    assert named(parsed, PERSON) == []


def test_a_well_known_organisation_is_not_taken_for_a_person() -> None:
    parsed = parse("Amnesty International condemned the arrest and called for her release.", language="en")
    assert named(parsed, ORGANIZATION) == ["Amnesty International"]
    assert named(parsed, PERSON) == []


# Russian names back in the nominative --------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Вчера в Шымкенте задержали активистку Жанар Секербаеву.", "Жанар Секербаева"),
        ("Суд продлил арест Кирилла Заболотного ещё на месяц.", "Кирилл Заболотный"),
        ("Журналисты встретились с Кириллом Заболотным после суда.", "Кирилл Заболотный"),
        ("Полиция не сообщила о судьбе Айжан Темирбековой.", "Айжан Темирбекова"),
        ("Суд отказал Айжан Темирбековой в освобождении.", "Айжан Темирбекова"),
        ("Полиция задержала журналиста Данияра Омарова.", "Данияр Омаров"),
        ("Адвокат Айжан Темирбековой подал жалобу.", "Айжан Темирбекова"),
    ],
    ids=[
        "accusative-feminine",
        "genitive-masculine",
        "instrumental-masculine",
        "prepositional-feminine",
        "dative-feminine",
        "genitive-given-name-and-surname",
        "genitive-after-a-noun-feminine",
    ],
)
def test_russian_names_in_oblique_cases_are_put_in_the_nominative(text: str, name: str) -> None:
    parsed = parse(text, language="ru")
    assert named(parsed, PERSON) == [name]


def test_a_russian_mention_keeps_the_text_as_written() -> None:
    parsed = parse("Вчера задержали активистку Жанар Секербаеву.", language="ru")
    [mention] = [m for m in parsed.mentions if m.kind == PERSON]
    assert (mention.text, mention.name) == ("Жанар Секербаеву", "Жанар Секербаева")


def test_the_english_models_multiply_matrices_with_numpy_on_one_thread() -> None:
    from threadpoolctl import threadpool_info

    from vigil.intake.entities import _english

    parse("Police detained Aigul Bekova in Almaty on Friday.", language="en")
    nlp = _english()
    models = [m for _, component in nlp.pipeline if (m := getattr(component, "model", None)) is not None]
    assert {(type(node.ops).__name__, node.ops.use_blis) for m in models for node in m.walk()} == {("NumpyOps", False)}
    assert {pool["num_threads"] for pool in threadpool_info() if pool["user_api"] == "blas"} == {1}
