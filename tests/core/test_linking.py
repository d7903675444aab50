"""Acts of several reports linked into incidents: one key for the acts that are one real-world act.

The people and reports are invented for the tests.
"""

import random
from datetime import date

from vigil.core import linking
from vigil.core.dates import UNKNOWN, PartialDate
from vigil.core.linking import link_reports, origin, places_alike, same_act
from vigil.core.names import Reason
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


def test_the_same_detention_in_two_scripts_a_day_apart_is_proposed_with_its_reason() -> None:
    likeness = same_act(
        detention("Айгерим Нурланова", day("2025-03-08")),
        detention("Aigerim Nurlanova", day("2025-03-07")),
        first_published=date(2025, 3, 9),
        second_published=date(2025, 3, 10),
    )
    assert likeness is not None
    assert (likeness.names, likeness.days_apart, likeness.dates) == (0.97, 1, "day")
    assert likeness.name_reasons == (Reason.SCRIPT,)
    assert likeness.reason == "victim's name: the same name in another script (0.97), same type, dates 1 day apart"
    assert likeness.score == 0.92


def test_a_likeness_is_surest_for_the_same_name_on_the_same_day() -> None:
    def score(second: ReportedAct) -> float:
        found = same_act(
            detention("Aigerim Nurlanova", day("2025-03-08")),
            second,
            first_published=date(2025, 3, 10),
            second_published=date(2025, 3, 10),
        )
        assert found is not None
        return found.score

    same_day = score(detention("Aigerim Nurlanova", day("2025-03-08")))
    a_day_apart = score(detention("Aigerim Nurlanova", day("2025-03-09")))
    surname_only = score(detention("Nurlanova", day("2025-03-08")))
    assert same_day == 1.0
    assert same_day > a_day_apart
    assert same_day > surname_only


def test_a_month_or_no_date_on_one_side_is_said_so() -> None:
    first = detention("Aigerim Nurlanova", day("2025-03-08"))
    month = same_act(
        first,
        detention("Aigerim Nurlanova", day("2025-03")),
        first_published=date(2025, 3, 10),
        second_published=date(2025, 4, 2),
    )
    undated = same_act(
        first, detention("Aigerim Nurlanova"), first_published=date(2025, 3, 10), second_published=date(2025, 3, 20)
    )
    assert month is not None and month.reason == "same victim, same type, one report gives only the month"
    assert undated is not None and undated.reason == "same victim, same type, one report gives no date"
    assert undated.days_apart is None


def test_another_person_another_type_or_a_date_weeks_away_is_not_the_same_act() -> None:
    first = detention("Aigerim Nurlanova", day("2025-03-08"))
    for second in (
        detention("Dana Serikova", day("2025-03-08")),
        detention("Aigerim Nurlanova", day("2025-03-08"), type="raid"),
        detention("Aigerim Nurlanova", day("2025-03-29")),
    ):
        assert same_act(first, second, first_published=date(2025, 3, 10), second_published=date(2025, 4, 1)) is None


def test_same_act_agrees_with_the_incidents_link_reports_makes() -> None:
    pairs = [
        (detention("Aigerim Nurlanova", day("2025-03-08")), detention("Nurlanova", day("2025-03-07"))),
        (detention("Aigerim Nurlanova", day("2025-03-08")), detention("Dana Nurlanova", day("2025-03-08"))),
        (detention(None, day("2025-03-08")), detention(None, day("2025-03-08"), country="KG")),
        (detention(None, day("2025-03-08")), detention(None, day("2025-03-08"))),
    ]
    for first, second in pairs:
        (one,), (other,) = keys([report("a", first), report("b", second)])
        proposed = same_act(first, second, first_published=date(2025, 3, 10), second_published=date(2025, 3, 10))
        assert (proposed is not None) == (one == other)


def test_an_outlet_is_its_publisher_in_any_script_else_its_host() -> None:
    assert origin(publisher="Радио Азаттык", url=None) == origin(publisher="Radio Azattyk", url="https://a.example/")
    assert origin(publisher="", url="https://www.testpost.example/1") == origin(
        publisher=None, url="http://testpost.example/2"
    )
    assert origin(publisher="Test Post", url=None) != origin(publisher="Steppe News", url=None)
    assert origin(publisher=None, url=None) is None
    assert origin(publisher=None, url="http://[::1") is None


def test_places_are_alike_in_any_script_or_when_one_is_not_given() -> None:
    assert places_alike("Almaty", "Алматы")
    assert places_alike("Almaty city centre", "Almaty")
    assert places_alike("Almaty", None)
    assert not places_alike("Almaty", "Astana")


def test_comparing_only_acts_of_compatible_dates_links_as_comparing_every_pair(monkeypatch) -> None:
    """The date blocking that makes linking a database possible skips no pair that could be one act."""
    rng = random.Random(6)  # noqa: S311  # invented test data, not a secret
    names = ["Aigerim Nurlanova", "Айгерим Нурланова", "Nurlanova", "Dana Serikova", "Дана Серикова", None]
    dates = ["2025-03-07", "2025-03-08", "2025-03-12", "2025-03", "2025-04-02", "2025", "2024-12-30"]
    reports = [
        report(
            f"r{number}",
            *(
                detention(
                    rng.choice(names),
                    day(rng.choice(dates)) if rng.random() < 0.8 else UNKNOWN,
                    type=rng.choice(["detention", "fine"]),
                )
                for _ in range(rng.randint(1, 4))
            ),
            published=rng.choice([date(2025, 3, 10), date(2025, 4, 5), date(2025, 6, 1), None]),
        )
        for number in range(60)
    ]
    blocked = keys(reports)
    assert len({key for keys_of_report in blocked for key in keys_of_report}) < sum(len(r.acts) for r in reports)

    def every_pair(acts):
        return ((first, second) for i, first in enumerate(acts) for second in acts[i + 1 :])

    monkeypatch.setattr(linking, "_candidate_pairs", every_pair)
    assert keys(reports) == blocked
