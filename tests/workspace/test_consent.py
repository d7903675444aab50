"""Recording a person's consent to be named, on their page in the workspace."""

import pytest
from django.test import Client
from django.urls import reverse

from vigil.records.models import Person

pytestmark = pytest.mark.django_db


def consent(world, role, person, answer):
    client = Client()
    client.force_login(world.users[role])
    return client.post(reverse("workspace:person_consent", args=[person.pk]), {"consent": answer})


def test_an_editor_records_consent_and_the_page_says_who_and_when(world):
    person = world.levels["restricted"].person

    response = consent(world, "editor", person, "yes")

    assert response.status_code == 302 and response["Location"] == reverse("workspace:person", args=[person.pk])
    person.refresh_from_db()
    assert person.consent_to_publish and person.consent_recorded_by == world.users["editor"]
    client = Client()
    client.force_login(world.users["administrator"])
    page = client.get(reverse("workspace:person", args=[person.pk])).content.decode()
    assert "Agreed to be named in publications." in page and "Recorded by editor" in page


@pytest.mark.parametrize(("role", "level", "status"), [("viewer", "internal", 403), ("contributor", "own", 403),
                                                        ("viewer", "restricted", 404)])  # fmt: skip
def test_other_roles_cannot_record_consent_and_a_hidden_person_is_not_found(world, role, level, status):
    person = world.levels[level].person

    assert consent(world, role, person, "yes").status_code == status
    assert not Person.objects.get(pk=person.pk).consent_to_publish


def test_a_viewer_sees_the_consent_but_no_form_to_change_it(world):
    client = Client()
    client.force_login(world.users["viewer"])

    page = client.get(reverse("workspace:person", args=[world.levels["internal"].person.pk])).content.decode()

    assert "Not agreed: publications show a pseudonym." in page
    assert reverse("workspace:person_consent", args=[world.levels["internal"].person.pk]) not in page


def test_a_consent_that_is_neither_yes_nor_no_changes_nothing(world):
    person = world.levels["internal"].person

    assert consent(world, "editor", person, "maybe").status_code == 400
    person.refresh_from_db()
    assert (person.consent_to_publish, person.consent_recorded_at) == (False, None)
