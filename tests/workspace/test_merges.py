"""Merging records in the workspace: compare side by side, merge, find the merged address, undo."""

import pytest
from django.test import Client
from django.urls import reverse

from tests.builders import act, report_dict
from vigil.core.report import parse_report
from vigil.records.models import Act, Merge, Person, Source
from vigil.records.services import report_import

pytestmark = pytest.mark.django_db


@pytest.fixture
def twice(draft):
    """The builders' report, and a second source naming Dana Issayeva in Cyrillic."""
    report_import(
        report=parse_report(
            {
                **report_dict("second-report", publisher="Вести Степи", url="https://vesti.example/1"),
                "acts": [act(victim="Дана Исаева", incident="x1")],
                "interventions": [],
            }
        )
    )
    return Person.objects.get(name="Dana Issayeva"), Person.objects.get(name="Дана Исаева")


def test_an_editor_finds_the_other_spelling_compares_merges_and_undoes(documenter, twice):
    latin, cyrillic = twice
    page = documenter.get(reverse("workspace:merge", args=["person", latin.pk])).content.decode()
    assert f'href="?other={cyrillic.pk}"' in page and "another script" in page  # offered, and why

    compare = documenter.get(reverse("workspace:merge", args=["person", latin.pk]), {"other": cyrillic.pk})
    text = compare.content.decode()
    assert compare.status_code == 200 and "Дана Исаева" in text and f"Merge #{cyrillic.pk} into #{latin.pk}" in text
    assert not Merge.objects.exists()  # looking merges nothing

    merged = documenter.post(reverse("workspace:merge", args=["person", latin.pk]), {"other": cyrillic.pk})
    assert merged.status_code == 302 and merged["Location"] == reverse("workspace:person", args=[latin.pk])
    person_page = documenter.get(merged["Location"]).content.decode()
    assert "is merged into this record" in person_page and "Undo this merge" in person_page
    assert "Дана Исаева" in person_page  # now one of her names

    # the merged person's address leads to the kept one
    old = documenter.get(reverse("workspace:person", args=[cyrillic.pk]))
    assert old.status_code == 302 and old["Location"] == reverse("workspace:person", args=[latin.pk])

    merge = Merge.objects.get()
    undone = documenter.post(reverse("workspace:merge_undo", args=[merge.pk]))
    assert undone.status_code == 302
    assert "is a record of its own again" in documenter.get(undone["Location"]).content.decode()
    assert documenter.get(reverse("workspace:person", args=[cyrillic.pk])).status_code == 200


def test_a_refused_merge_says_why_and_changes_nothing(documenter, twice):
    latin, cyrillic = twice
    kept = Act.objects.get(involvements__person=latin, type__code="detention")
    other = Act.objects.get(involvements__person=cyrillic)
    response = documenter.post(reverse("workspace:merge", args=["act", kept.pk]), {"other": other.pk})
    assert response.status_code == 400 and "name different victims" in response.content.decode()
    unknown = documenter.get(reverse("workspace:merge", args=["act", kept.pk]), {"other": "999999"})
    assert unknown.status_code == 400 and "no record #999999" in unknown.content.decode()
    assert not Merge.objects.exists()


def test_acts_merge_from_the_event_page_and_show_both_sources(documenter, twice):
    latin, cyrillic = twice
    documenter.post(reverse("workspace:merge", args=["person", latin.pk]), {"other": cyrillic.pk})
    kept = Act.objects.get(reports__source=draft_source(), type__code="detention", involvements__person=latin)
    other = Act.objects.filter(type__code="detention", reports__source__report_id="second-report").get()
    event_page = documenter.get(reverse("workspace:event", args=[kept.event_id])).content.decode()
    assert reverse("workspace:merge", args=["act", kept.pk]) in event_page

    documenter.post(reverse("workspace:merge", args=["act", kept.pk]), {"other": other.pk})
    event_page = documenter.get(reverse("workspace:event", args=[kept.event_id])).content.decode()
    assert "Вести Степи" in event_page and "Test Post" in event_page
    # the other source's event leads to where its act is now
    other_event = documenter.get(reverse("workspace:event", args=[other.event_id])).content.decode()
    assert f"Act #{other.pk} is now part of" in other_event
    assert reverse("workspace:act", args=[kept.pk]) in other_event
    assert documenter.get(reverse("workspace:act", args=[other.pk]))["Location"].startswith(
        reverse("workspace:act", args=[kept.pk])
    )


def draft_source():
    return Source.objects.get(report_id="kz-2025-03-testpost-circle")


@pytest.mark.parametrize("role", ["viewer", "contributor"])
def test_only_editors_merge_or_undo(world, role):
    client = Client()
    client.force_login(world.users[role])
    person = world.levels["internal" if role == "viewer" else "own"].person
    other = world.levels["public"].person
    assert client.post(reverse("workspace:merge", args=["person", person.pk]), {"other": other.pk}).status_code == 403
    assert client.post(reverse("workspace:merge_undo", args=[1])).status_code == 403
    assert not Merge.objects.exists()


def test_a_merged_record_is_not_revealed_through_its_old_address(world):
    editor = Client()
    editor.force_login(world.users["editor"])
    kept, hidden = world.levels["restricted"].person, world.levels["internal"].person
    editor.post(reverse("workspace:merge", args=["person", kept.pk]), {"other": hidden.pk})
    assert Merge.objects.count() == 1
    viewer = Client()
    viewer.force_login(world.users["viewer"])
    # the internal person now lives in a restricted one: a viewer finds neither
    assert viewer.get(reverse("workspace:person", args=[hidden.pk])).status_code == 404
