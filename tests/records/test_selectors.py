"""Reads: full-text search over sources and records, and similar names, on SQLite (FTS5) and PostgreSQL."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.builders import act, report_dict
from vigil.core.names import Reason
from vigil.core.report import parse_report
from vigil.records import selectors
from vigil.records.models import Act, ActSource, Person, SearchEntry, Source
from vigil.records.services import report_import, search_rebuild

pytestmark = pytest.mark.django_db

TEXT = "Riot police dispersed the picket near the akimat and detained its organisers."


def imported(report_id="kz-2025-03-testpost-circle", text=TEXT, **changes):
    data = report_dict(report_id) | changes
    data["source"] = data["source"] | {"text": text}
    return report_import(report=parse_report(data))


def test_the_full_text_index_is_the_databases_own():
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("SELECT sql FROM sqlite_master WHERE name = 'records_searchentry_fts'")
            assert "fts5" in cursor.fetchone()[0]
        else:
            cursor.execute("SELECT indexdef FROM pg_indexes WHERE indexname = 'records_searchentry_tsv'")
            assert "gin" in cursor.fetchone()[0]


def test_search_finds_a_source_by_a_word_of_its_text_and_an_act_by_its_victim(editor):
    source = imported()

    by_text = selectors.search("akimat", user=editor)
    by_victim = selectors.search("issayeva detention", user=editor)

    assert [(hit.kind, hit.record_id) for hit in by_text.hits] == [("source", source.pk)]
    assert "akimat" in by_text.hits[0].snippet
    assert by_victim.by_kind == {"act": 1}
    assert by_victim.hits[0].title == "Detention: Dana Issayeva"


def test_search_matches_the_beginnings_of_words_in_any_case(editor):
    imported()

    assert selectors.search("DISPERS", user=editor).total == 1
    assert selectors.search("omar", user=editor).by_kind["person"] == 1


def test_search_finds_a_name_written_in_another_script(editor):
    imported(acts=[act(victim="Дана Исаева")])

    found = selectors.search("Dana Isaeva", user=editor, kind="person")

    assert [hit.title for hit in found.hits] == ["Дана Исаева"]
    assert found.hits[0].snippet == ""  # the transliterations that found it are not shown


def test_search_pages_through_hits_and_filters_by_kind(editor):
    for number in range(5):
        imported(f"kz-2025-03-post-{number}", acts=[act(incident=f"i-{number}")])

    first = selectors.search("issayeva", user=editor, kind="act", limit=2)
    third = selectors.search("issayeva", user=editor, kind="act", offset=4, limit=2)

    assert first.total == 5 and len(first.hits) == 2 and len(third.hits) == 1
    assert {hit.kind for hit in first.hits + third.hits} == {"act"}


@pytest.mark.parametrize("query", ['"', "AND OR NOT", "*", "a:b", "'); DROP TABLE x; --", ""])
def test_search_takes_any_typed_text_without_error(query, editor):
    imported()

    assert selectors.search(query, user=editor).total >= 0


def test_the_index_follows_the_records_and_can_be_rebuilt(editor):
    imported()
    entries = SearchEntry.objects.count()
    assert entries == 1 + 1 + 7 + 2 + 2  # source, event, acts, people, organisations (victim and author)

    SearchEntry.objects.all().delete()
    assert search_rebuild() == entries
    assert selectors.search("akimat", user=editor).total == 1


def test_filters_combine_search_words_with_fields(editor):
    imported()
    imported("by-2024-01-other", acts=[act(victim="Ales Bialiatski", country="BY", incident="b")])

    found = selectors.acts_browse(selectors.Filters(q="detention", country="BY"), user=editor)

    assert [a.reports.get().victim_name for a in found] == ["Ales Bialiatski"]


def test_similar_names_are_suggested_across_scripts_and_ranked(editor):
    imported()
    imported("kz-2025-03-other", acts=[act(victim="Dana Isayeva", incident="o")])

    found = selectors.party_suggestions("Дана Исаева", user=editor)

    assert [s.party.name for s in found] == ["Dana Isayeva", "Dana Issayeva"]  # alike: then by name
    assert all(s.score >= 0.86 for s in found) and found[0].acts >= 1
    omarov = Person.objects.get(name="Bolat Omarov").pk
    assert selectors.party_suggestions("Bolat Omarov", user=editor, exclude=[omarov]) == []


def named(*victims, organisation=False, report_id="kz-2025-03-names"):
    kind = {"victim_kind": "organization", "victim_count": None, "type": "registration_denial"} if organisation else {}
    acts = [act(victim=victim, incident=f"i{number}", **kind) for number, victim in enumerate(victims)]
    return imported(report_id, acts=acts)


def test_a_surname_in_a_russian_case_form_finds_the_person_and_says_why(editor):
    named("Aru Kim", "Aigul Omarova")

    found = selectors.party_suggestions("Кимом", user=editor)  # "with Kim": shorter than the index's prefixes

    assert [(s.party.name, s.reasons) for s in found] == [("Aru Kim", (Reason.SURNAME, Reason.CASE_FORM))]
    assert found[0].reason == Reason.SURNAME and found[0].score < 0.86


def test_a_new_name_in_another_script_and_case_finds_the_person(editor):
    named("Zhanar Sekerbayeva")

    found = selectors.party_suggestions("Жанару Секербаевой", user=editor)

    assert [(s.party.name, s.reason, s.acts) for s in found] == [("Zhanar Sekerbayeva", Reason.CASE_FORM, 1)]


def test_the_same_surname_with_another_given_name_is_not_suggested(editor):
    named("Zhanar Sekerbayeva")

    assert selectors.party_suggestions("Aigul Sekerbayeva", user=editor) == []
    assert [s.reason for s in selectors.party_suggestions("Sekerbayeva", user=editor)] == [Reason.SURNAME]


def test_an_organisation_is_found_by_its_acronym_and_without_its_legal_form(editor):
    named("EuroCentralAsian Lesbian* Community", "ОО «Феминита»", organisation=True)

    by_acronym = selectors.party_suggestions("EL*C", user=editor, organisation=True)
    by_bare_name = selectors.party_suggestions("Public Association Feminita", user=editor, organisation=True)

    assert [(s.party.name, s.reason) for s in by_acronym] == [("EuroCentralAsian Lesbian* Community", Reason.ACRONYM)]
    assert [(s.party.name, s.reason) for s in by_bare_name] == [("ОО «Феминита»", Reason.LEGAL_FORM)]
    assert selectors.party_suggestions("EL*C", user=editor) == []  # people are not organisations


def test_an_alias_is_matched_and_named(editor):
    named("Zhanar Sekerbayeva")
    Person.objects.get(name="Zhanar Sekerbayeva").aliases.create(name="Жанар Секербаева")
    search_rebuild()

    found = selectors.party_suggestions("Жанар Секербаева", user=editor)

    assert [(s.matched, s.reason, s.score) for s in found] == [("Жанар Секербаева", Reason.SAME, 1.0)]


def test_the_inbox_holds_sources_with_acts_to_review(editor):
    draft = imported()
    Act.objects.update(status="verified")
    Source.objects.update(status="verified")

    assert list(selectors.drafts_inbox(user=editor)) == []
    Act.objects.filter(pk=Act.objects.first().pk).update(status="draft")
    assert list(selectors.drafts_inbox(user=editor)) == [draft]


@pytest.mark.parametrize("query", ["!!!", '"', "*"])
def test_a_filter_of_words_without_letters_finds_nothing_and_fails_not(query, editor):
    imported()

    assert list(selectors.acts_browse(selectors.Filters(q=query), user=editor)) == []


def test_a_very_long_text_is_indexed_up_to_a_limit(editor):
    long_text = "protest " * 150_000 + "akimatending"
    source = imported(text=long_text)

    entry = SearchEntry.objects.get(kind="source", record_id=source.pk)
    assert len(entry.body) <= selectors.SEARCH_BODY_LIMIT
    assert selectors.search("protest", user=editor).total >= 1


# The same act told by several sources ----------------------------------------------------------------


def told(report_id: str, *acts: dict, publisher: str = "Steppe News", url: str = "", published: str = "2025-03-09"):
    """Import a report of these acts from another outlet; return its acts in the order told."""
    data = report_dict(report_id, publisher=publisher, url=url or f"https://{report_id}.example/", published=published)
    source = report_import(report=parse_report(data | {"acts": list(acts), "interventions": []}))
    return list(Act.objects.filter(reports__source=source).order_by("reports__id"))


def test_a_second_source_telling_the_same_detention_of_the_same_person_is_proposed(editor):
    first, omarov, *_ = told("kz-first", act(), act(victim="Bolat Omarov"), publisher="Test Post")
    (weeks_later,) = told("kz-later", act(date="2025-04-02"), published="2025-04-03")
    (second,) = told("kz-second", act(victim="Дана Исаева", date="2025-03-08", place="Алматы"))

    found = selectors.act_matches(second, user=editor)

    assert [match.act for match in found] == [first]
    assert found[0].likeness.reason == (
        "victim's name: the same name in another script (0.97), same type, dates 1 day apart"
    )
    assert found[0].sources == selectors.SourceCount(1, 1)
    assert omarov not in [m.act for m in found] and weeks_later not in [m.act for m in found]


def test_another_type_place_or_country_is_not_the_same_act(editor):
    (first,) = told("kz-first", act())
    raid, astana, kyrgyzstan = told(
        "kz-other",
        act(type="raid"),
        act(date="2025-03-06", place="Astana"),
        act(date="2025-03-08", country="KG", place="Bishkek"),
    )

    assert selectors.act_matches(first, user=editor) == []
    assert all(selectors.act_matches(other, user=editor) == [] for other in (raid, astana, kyrgyzstan))


def test_the_acts_of_the_same_source_are_never_proposed(editor):
    friday, saturday = told("kz-two-days", act(), act(date="2025-03-08"))

    assert selectors.act_matches(saturday, user=editor) == []
    (other,) = told("kz-other", act(date="2025-03-08"))
    assert [m.act for m in selectors.act_matches(other, user=editor)] == [saturday, friday]  # surest first


def test_an_act_known_only_by_its_month_or_undated_news_is_proposed_and_says_so(editor):
    (march,) = told("kz-march", act(date="2025-03", date_precision="month"), published="2025-04-01")
    (undated,) = told("kz-undated", act(date=None, date_precision="unknown"), published="2025-03-12")
    (years_before,) = told("kz-2019", act(date="2019-05-01"), published="2019-05-02")
    (dated,) = told("kz-dated", act(date="2025-03-07"))

    found = {m.act: m.likeness.reason for m in selectors.act_matches(dated, user=editor)}

    assert found == {
        march: "same victim, same type, one report gives only the month",
        undated: "same victim, same type, one report gives no date",
    }
    (after,) = told("kz-after", act(date="2025-03-20"), published="2025-03-21")
    for_undated = [m.act for m in selectors.act_matches(undated, user=editor)]
    assert years_before not in for_undated  # news, not history
    assert after not in for_undated  # told by 12 March, it happened by then
    assert dated in for_undated


def test_unnamed_groups_are_proposed_only_on_the_same_day_in_the_same_country(editor):
    group = act(victim=None, victim_kind="group", victim_count=12)
    (first,) = told("kz-a", group)
    (same_day,) = told("kz-b", group | {"victim_count": 30})
    (next_day,) = told("kz-c", group | {"date": "2025-03-08"})

    assert [m.act for m in selectors.act_matches(same_day, user=editor)] == [first]
    assert selectors.act_matches(next_day, user=editor) == []


def test_sources_of_one_outlet_count_once_among_the_independent(editor):
    (first,) = told("kz-a", act(), publisher="Test Post", url="https://www.testpost.example/1")
    (second,) = told("kz-b", act(), publisher="test  post", url="https://testpost.example/2")
    (third,) = told("kz-c", act(), publisher="", url="https://steppe.example/3")
    (fourth,) = told("kz-d", act(), publisher="", url="http://www.steppe.example/4")
    (fifth,) = told("kz-e", act(), publisher="Тест Пост", url="")
    for other in (second, third, fourth, fifth):
        ActSource.objects.create(act=first, source=other.reports.get().source)

    counts = selectors.act_source_counts([first, second], user=editor)

    assert counts == {first.pk: selectors.SourceCount(5, 2), second.pk: selectors.SourceCount(1, 1)}


def test_source_counts_of_a_page_of_acts_take_as_many_queries_for_two_acts_as_for_twelve(editor):
    acts = [told(f"kz-{n}", act(), publisher=f"Outlet {n}")[0] for n in range(12)]
    selectors.act_source_counts([], user=editor)  # the editor's role is read once, then known

    with CaptureQueriesContext(connection) as two:
        few = selectors.act_source_counts(acts[:2], user=editor)
    with CaptureQueriesContext(connection) as twelve:
        many = selectors.act_source_counts(acts, user=editor)

    assert len(two.captured_queries) == len(twelve.captured_queries) == 1
    assert len(few) == 2 and len(many) == 12
    assert set(many.values()) == {selectors.SourceCount(1, 1)}
