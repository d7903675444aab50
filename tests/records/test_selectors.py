"""Reads: full-text search over sources and records, and similar names, on SQLite (FTS5) and PostgreSQL."""

import pytest
from django.db import connection

from tests.builders import act, report_dict
from vigil.core.names import Reason
from vigil.core.report import parse_report
from vigil.records import selectors
from vigil.records.models import Act, Person, SearchEntry, Source
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
