"""Interventions: what organisations said or did about the acts, told apart from the acts themselves.

The articles are written for the tests; the activists and the local groups in them are invented.
"""

from datetime import date

import pytest

from vigil.core.report import ReportedIntervention
from vigil.intake.acts import find_acts
from vigil.intake.entities import parse
from vigil.intake.interventions import find_interventions

DETAINED = "Police detained the activist Aigul Bekova in Almaty on Friday. "


def interventions(text: str, language: str = "en") -> list[ReportedIntervention]:
    return find_interventions(parse(text, language=language))


def test_a_condemnation_and_a_call_for_release_are_one_statement() -> None:
    text = DETAINED + "Amnesty International condemned the arrest and called for her release."
    assert interventions(text) == [ReportedIntervention(by="Amnesty International", type="statement")]


def test_the_organisation_that_condemns_an_arrest_is_not_its_victim() -> None:
    text = DETAINED + "Amnesty International condemned the arrest and called for her release."
    found = find_acts(parse(text, language="en"), published=date(2025, 3, 12))
    assert [(act.type, act.victim) for act in found] == [("detention", "Aigul Bekova")]


@pytest.mark.parametrize("by", ["Amnesty International", "Front Line Defenders"])
def test_an_urgent_appeal_is_an_urgent_appeal_not_a_statement(by: str) -> None:
    text = DETAINED + f"{by} issued an urgent appeal for her release."
    assert interventions(text) == [ReportedIntervention(by=by, type="urgent_appeal")]


def test_an_organisation_gets_one_intervention_per_kind() -> None:
    text = (
        DETAINED + "The Kazakhstan Bureau for Human Rights condemned the arrest. "
        "On Monday the Kazakhstan Bureau for Human Rights again condemned the detention and called for her release."
    )
    assert interventions(text) == [ReportedIntervention(by="Kazakhstan Bureau for Human Rights", type="statement")]


@pytest.mark.parametrize("by", ["The Almaty Police Department", "The Almaty City Court"])
def test_the_police_and_the_court_defending_their_act_make_no_intervention(by: str) -> None:
    text = DETAINED + f"{by} said in a statement that the picket had not been authorised."
    assert interventions(text) == []


def test_an_article_that_quotes_no_organisation_has_no_intervention() -> None:
    assert interventions(DETAINED + "She was released on Sunday.") == []


def test_a_russian_condemnation_is_a_statement_by_the_organisation() -> None:
    text = (
        "В субботу полиция задержала активистку Айгерим Нурланову. "
        "Правозащитная организация «Степной круг» осудила задержание и потребовала освободить активистку."
    )
    assert interventions(text, "ru") == [ReportedIntervention(by="Степной круг", type="statement")]
