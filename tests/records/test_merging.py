"""Merging people, organisations and acts, and undoing it: nothing is lost."""

import pytest
from django.apps import apps

from tests.builders import act, report_dict
from vigil.audit.models import Action, AuditEntry
from vigil.core.report import parse_report
from vigil.records import access, selectors
from vigil.records.merging import MergeError, acts_merge, current, merge_undo, organisations_merge, people_merge
from vigil.records.models import (
    Act,
    ActSource,
    Affiliation,
    Intervention,
    Involvement,
    Merge,
    Organisation,
    Person,
    PersonAlias,
    Role,
    SearchEntry,
)
from vigil.records.services import ActReview, ReviewError, report_import, search_rebuild, source_review

pytestmark = pytest.mark.django_db


def snapshot() -> dict:
    """Return every row of the records app but the merges themselves, as plain values (times left out)."""
    rows = {}
    for model in apps.get_app_config("records").get_models():
        if model in (Merge,):
            continue
        fields = [f.attname for f in model._meta.concrete_fields if f.attname != "updated_at"]
        if model is SearchEntry:
            fields.remove("id")  # derived rows, written again
        rows[model.__name__] = sorted(map(repr, model.objects.values_list(*fields)))
    rows["interventions_acts"] = sorted(Intervention.acts.through.objects.values_list("intervention_id", "act_id"))
    rows["person_roles"] = sorted(Person.roles.through.objects.values_list("person_id", "role_id"))
    return rows


def two_reports():
    """Import two sources that tell of one woman: in Latin letters, and in Cyrillic."""
    first = report_import(report=parse_report(report_dict("first-report", publisher="Test Post")))
    second = report_import(
        report=parse_report(
            {
                **report_dict("second-report", publisher="Вести Степи", url="https://vesti.example/1"),
                "acts": [
                    act(victim="Дана Исаева", incident="x1"),
                    act(victim="Дана Исаева", type="fine", incident="x2"),
                ],
                "interventions": [],
            }
        )
    )
    latin = Person.objects.get(name="Dana Issayeva")
    cyrillic = Person.objects.get(name="Дана Исаева")
    return first, second, latin, cyrillic


def test_people_merge_gives_one_timeline_and_the_other_name_as_alias(editor):
    first, second, latin, cyrillic = two_reports()
    before = len(selectors.person_timeline(latin, user=editor))
    people_merge(kept=latin, merged=cyrillic, by=editor)
    assert len(selectors.person_timeline(latin, user=editor)) == before + 2
    assert "Дана Исаева" in latin.aliases.values_list("name", flat=True)
    # the merged person is seen by nobody, and found by no search; the kept one is found by both names
    assert not access.visible_people(editor).filter(pk=cyrillic.pk).exists()
    assert not SearchEntry.objects.filter(kind="person", record_id=cyrillic.pk).exists()
    assert {h.record_id for h in selectors.search("Исаева", user=editor, kind="person").hits} == {latin.pk}
    assert current("person", cyrillic.pk) == latin.pk


def test_merge_and_undo_round_trip_restores_every_row(editor):
    first, second, latin, cyrillic = two_reports()
    role = Role.objects.first()
    cyrillic.roles.add(role)
    cyrillic.country = "KZ"
    cyrillic.confidentiality = "restricted"
    cyrillic.save()
    PersonAlias.objects.create(person=cyrillic, name="Исаевой")
    organisation = Organisation.objects.create(name="Steppe Women's Circle (branch)")
    Affiliation.objects.create(person=cyrillic, organisation=organisation, position="founder")
    search_rebuild()
    before = snapshot()

    merge = people_merge(kept=latin, merged=cyrillic, by=editor)
    latin.refresh_from_db()
    # the kept person takes the stricter level: a restricted name never shows on an internal record
    assert (latin.confidentiality, latin.country) == ("restricted", "KZ")
    assert set(latin.aliases.values_list("name", flat=True)) >= {"Дана Исаева", "Исаевой"}
    assert latin.affiliations.count() == 1 and role in latin.roles.all()
    assert snapshot() != before

    merge_undo(merge=merge, by=editor)
    assert snapshot() == before
    assert access.visible_people(editor).filter(pk=cyrillic.pk).exists()
    assert SearchEntry.objects.filter(kind="person", record_id=cyrillic.pk).exists()
    actions = list(
        AuditEntry.objects.filter(action__in=[Action.MERGE, Action.UNMERGE]).values_list("action", "target_id")
    )
    assert sorted(actions) == sorted(
        [
            (Action.MERGE, str(latin.pk)),
            (Action.MERGE, str(cyrillic.pk)),
            (Action.UNMERGE, str(latin.pk)),
            (Action.UNMERGE, str(cyrillic.pk)),
        ]
    )
    with pytest.raises(MergeError, match="undone already"):
        merge_undo(merge=merge, by=editor)


def test_acts_merge_makes_the_other_source_a_corroboration_and_undo_restores_it(editor):
    first, second, latin, cyrillic = two_reports()
    people_merge(kept=latin, merged=cyrillic, by=editor)
    kept = Act.objects.get(reports__source=first, type__code="detention", involvements__person=latin)
    told = Act.objects.get(reports__source=second, type__code="detention")
    before = snapshot()

    merge = acts_merge(kept=kept, merged=told, by=editor)
    assert set(kept.sources.values_list("report_id", flat=True)) == {"first-report", "second-report"}
    assert not access.visible_acts(editor).filter(pk=told.pk).exists()
    # the merged act's victim stays on it: the kept act names her already, and an act has one victim
    assert Involvement.objects.filter(act=told).count() == 1
    assert not access.visible_involvements(editor).filter(act=told).exists()
    assert not access.visible_reports(editor).filter(act=told).exists()

    merge_undo(merge=merge, by=editor)
    assert snapshot() == before
    assert set(kept.sources.values_list("report_id", flat=True)) == {"first-report"}


def test_acts_merge_refuses_two_victims_and_two_types(editor):
    first, second, latin, cyrillic = two_reports()
    kept = Act.objects.get(reports__source=first, type__code="detention", involvements__person=latin)
    other_victim = Act.objects.get(reports__source=second, type__code="detention")
    fine = Act.objects.get(reports__source=second, type__code="fine")
    before = snapshot()
    with pytest.raises(MergeError, match="different victims"):
        acts_merge(kept=kept, merged=other_victim, by=editor)
    with pytest.raises(MergeError, match="correct the type"):
        acts_merge(kept=kept, merged=fine, by=editor)
    assert snapshot() == before  # one transaction: a refused merge changes nothing


def test_merges_are_undone_in_reverse_order(editor):
    first, second, latin, cyrillic = two_reports()
    omarov = Person.objects.get(name="Bolat Omarov")
    one = people_merge(kept=latin, merged=cyrillic, by=editor)
    two = people_merge(kept=omarov, merged=latin, by=editor)  # a mistaken second merge on top
    assert current("person", cyrillic.pk) == omarov.pk
    with pytest.raises(MergeError, match=f"Undo merge #{two.pk} first"):
        merge_undo(merge=one, by=editor)
    merge_undo(merge=two, by=editor)
    merge_undo(merge=one, by=editor)
    assert Person.objects.filter(merged_into__isnull=False).count() == 0


def test_only_editors_merge_and_a_merged_record_is_not_merged_again(make_user, editor):
    first, second, latin, cyrillic = two_reports()
    viewer = make_user("viewer")
    with pytest.raises(MergeError, match="Only an editor"):
        people_merge(kept=latin, merged=cyrillic, by=viewer)
    people_merge(kept=latin, merged=cyrillic, by=editor)
    omarov = Person.objects.get(name="Bolat Omarov")
    with pytest.raises(MergeError, match="merged into"):
        people_merge(kept=omarov, merged=cyrillic, by=editor)
    with pytest.raises(MergeError, match="into itself"):
        people_merge(kept=omarov, merged=omarov, by=editor)


def test_organisations_merge_moves_statements_and_victim_records(editor):
    report_import(report=parse_report(report_dict("first-report")))
    circle = Organisation.objects.get(name="Steppe Women's Circle")
    bureau = Organisation.objects.get(name="Steppe Rights Bureau")
    before = snapshot()
    merge = organisations_merge(kept=circle, merged=bureau, by=editor)
    assert Intervention.objects.get().by_organisation == circle
    assert ActSource.objects.count() == 7
    merge_undo(merge=merge, by=editor)
    assert snapshot() == before


def test_two_acts_of_one_source_merged_are_exported_as_one(editor):
    source = report_import(report=parse_report(report_dict("first-report")))
    dana = Person.objects.get(name="Dana Issayeva")
    detention, arrest = (
        Act.objects.get(involvements__person=dana, type__code=code)
        for code in ("detention", "administrative_detention")
    )
    arrest.type = detention.type
    arrest.save()
    acts = len(selectors.source_report(source).acts)
    acts_merge(kept=detention, merged=arrest, by=editor)
    # the source told both: its report of the merged act stays with it, hidden, and is not exported twice
    assert ActSource.objects.filter(act=arrest).count() == 1
    assert len(selectors.source_report(source).acts) == acts - 1


def test_a_draft_act_that_holds_a_merged_act_is_not_rejected_until_the_merge_is_undone(editor):
    first, second, latin, cyrillic = two_reports()
    people_merge(kept=latin, merged=cyrillic, by=editor)
    kept = Act.objects.get(reports__source=first, type__code="detention", involvements__person=latin)
    merge = acts_merge(kept=kept, merged=Act.objects.get(reports__source=second, type__code="detention"), by=editor)
    rejection = [ActReview(act_id=kept.pk, accept=False, fields={})]
    with pytest.raises(ReviewError, match="undo those merges"):
        source_review(source=first, reviews=rejection, reviewed_by=editor)
    merge_undo(merge=merge, by=editor)
    source_review(source=first, reviews=rejection, reviewed_by=editor)
    assert not Act.objects.filter(pk=kept.pk).exists()
