"""Spans of the source text marked for each act."""

from vigil.workspace.highlight import ActWords, act_words, highlight


def test_each_acts_words_are_marked_with_its_number_and_the_rest_is_escaped():
    text = "Police detained Dana Issayeva in Almaty.\n\nIssayeva <b>was</b> fined."
    html = highlight(text, [ActWords(1, act_words("Dana Issayeva", "Almaty")), ActWords(2, act_words("Issayeva"))])

    # the surname is act 2's victim too: the longer span holds both numbers
    assert '<mark data-acts="1 2">Dana Issayeva<sup aria-hidden="true">1, 2</sup></mark>' in html
    assert '<mark data-acts="1">Almaty<sup aria-hidden="true">1</sup></mark>' in html
    assert '<mark data-acts="1 2">Issayeva<sup aria-hidden="true">1, 2</sup></mark> &lt;b&gt;was&lt;/b&gt;' in html
    assert html.count("<p>") == 2


def test_a_russian_name_is_found_in_another_case():
    html = highlight("Суд арестовал Айгуль Бекову на 10 суток.", [ActWords(3, act_words("Айгуль Бекова"))])

    assert "Бекову<sup" in html
    assert "Айгуль<sup" in html


def test_short_words_are_not_marked():
    assert "<mark" not in highlight("He is in KZ.", [ActWords(1, act_words("KZ", ""))])
