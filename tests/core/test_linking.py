"""Acts of several reports linked into incidents: one key for the acts that are one real-world act.

The people and reports are invented for the tests.
"""

from datetime import date

from vigil.core.dates import UNKNOWN, PartialDate
from vigil.core.linking import link_reports
from vigil.core.report import Report, ReportedAct, SourceInfo


def day(text: str) -> PartialDate:
    return PartialDate.parse(text)


def detention(victim: str | None, when: PartialDate = UNKNOWN, **changes: object) -> ReportedAct:
    fields: dict = {"type": "detention", "victim": victim, "victim_kind": "person" if victim else "group"}
    fields |= {"perpetrator": "police", "date": when, "country": "KZ"}
    return ReportedAct(**(fields | changes))  # type: ignore[arg-type]


def report(report_id: str, *acts: ReportedAct, published: date | None = date(2025, 3, 10)) -> Report:
    return Report(report_id, SourceInfo(published=published), acts=acts)


def keys(reports: list[Report]) -> list[list[str | None]]:
    return [[act.incident for act in linked.acts] for linked in link_reports(reports)]


def test_one_arrest_told_in_russian_and_english_a_day_apart_is_one_incident() -> None:
    (russian,), (english,) = keys(
        [
            report("ru", detention("Айгерим Нурланова", day("2025-03-08"))),
            report("en", detention("Aigerim Nurlanova", day("2025-03-07"))),
        ]
    )
    assert russian == english
    assert russian == "2025-03-08-aigerim-nurlanova-detention"


def test_a_surname_alone_and_the_full_name_are_one_victim() -> None:
    (first,), (second,) = keys(
        [
            report("a", detention("Nurlanova", day("2025-03-08"))),
            report("b", detention("Aigerim Nurlanova", day("2025-03-08"))),
        ]
    )
    assert first == second


def test_two_people_of_one_surname_are_two_incidents() -> None:
    (first,), (second,) = keys(
        [
            report("a", detention("Aigerim Nurlanova", day("2025-03-08"))),
            report("b", detention("Dana Nurlanova", day("2025-03-08"))),
        ]
    )
    assert first != second


def test_two_detentions_in_one_report_are_two_incidents_each_linked_by_its_day() -> None:
    (first, second), (other,) = keys(
        [
            report(
                "a", detention("Mzia Amaghlobeli", day("2025-01-11")), detention("Mzia Amaghlobeli", day("2025-01-12"))
            ),
            report("b", detention("Mzia Amaglobeli", day("2025-01-12"))),
        ]
    )
    assert first != second
    assert other == second


def test_days_a_week_apart_are_two_detentions_but_one_charge() -> None:
    far = [
        report(
            "a",
            detention("Aigerim Nurlanova", day("2025-03-01")),
            detention("Aigerim Nurlanova", day("2025-03-01"), type="criminal_charge"),
        ),
        report(
            "b",
            detention("Aigerim Nurlanova", day("2025-03-06")),
            detention("Aigerim Nurlanova", day("2025-03-06"), type="criminal_charge"),
        ),
    ]
    (detained_a, charged_a), (detained_b, charged_b) = keys(far)
    assert detained_a != detained_b
    assert charged_a == charged_b


def test_an_undated_act_is_news_of_its_report_not_an_act_years_before() -> None:
    (old,), (undated,) = keys(
        [
            report("2018", detention("Aigerim Nurlanova", day("2018-08-15")), published=date(2018, 8, 20)),
            report("2025", detention("Aigerim Nurlanova"), published=date(2025, 3, 10)),
        ]
    )
    assert old != undated


def test_an_undated_act_does_not_bridge_two_occasions() -> None:
    linked = keys(
        [
            report("2018", detention("Aigerim Nurlanova", day("2018-08-15")), published=date(2018, 8, 20)),
            report("undated", detention("Aigerim Nurlanova"), published=None),
            report("2025", detention("Aigerim Nurlanova", day("2025-03-08"))),
        ]
    )
    assert linked[0][0] != linked[2][0]


def test_unnamed_groups_are_linked_only_on_the_same_day_in_the_same_country() -> None:
    linked = keys(
        [
            report("a", detention(None, day("2025-03-08"), victim_count=15)),
            report("b", detention(None, day("2025-03-08"), victim_count=12)),
            report("c", detention(None, day("2025-03-09"))),
            report("d", detention(None, day("2025-03-08"), country="KG")),
        ]
    )
    assert linked[0][0] == linked[1][0]
    assert len({linked[0][0], linked[2][0], linked[3][0]}) == 3


def test_every_act_gets_a_key_and_keys_of_different_incidents_differ() -> None:
    linked = keys(
        [
            report("a", detention("Aigerim Nurlanova"), detention("Dana Serikova")),
            report("b", detention("Bolat Omarov", day("2025-03-08"))),
        ]
    )
    flat = [key for keys_of_report in linked for key in keys_of_report]
    assert all(flat) and len(set(flat)) == 3
