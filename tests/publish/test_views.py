"""The public pages: only published, public acts; victims by pseudonym without consent; nothing else leaks."""

import pytest
from django.test import Client
from django.urls import reverse

from tests.access_world import LEVELS
from vigil.publish.pseudonyms import pseudonym
from vigil.records.models import Person
from vigil.records.services import person_consent_record

pytestmark = pytest.mark.django_db


def test_the_public_list_and_page_show_only_published_public_acts_with_a_pseudonym(world, client: Client):
    public = world.levels["public"]
    Person.objects.filter(pk=public.person.pk).update(name=f"Aru {public.sentinel}")

    listed = client.get(reverse("public:acts"))
    page = client.get(reverse("public:act", args=[public.act.pk]))

    assert listed.status_code == page.status_code == 200
    assert {view.pk for view in listed.context["page"]} == {public.act.pk, public.organisation_act.pk}
    for html in (listed.content.decode(), page.content.decode()):
        assert pseudonym(public.person) in html
        assert f"Aru {public.sentinel}" not in html  # the victim's name
        assert f"Witness {public.sentinel}" not in html
        for level in LEVELS:
            if level != "public":
                assert world.levels[level].sentinel not in html
    for level in ("internal", "restricted", "own"):
        assert client.get(reverse("public:act", args=[world.levels[level].act.pk])).status_code == 404


def test_free_text_naming_the_victim_is_redacted_on_the_public_page(world, client: Client):
    public = world.levels["public"]
    public.event.title = f"Trial of aru {public.sentinel.upper()}"
    public.event.save()

    html = client.get(reverse("public:act", args=[public.act.pk])).content.decode()

    assert f"Trial of {pseudonym(public.person)}" in html
    assert public.sentinel.upper() not in html


def test_a_victim_who_consented_is_named(world, client: Client):
    public = world.levels["public"]
    person_consent_record(person=public.person, consent=True, recorded_by=world.users["editor"])

    html = client.get(reverse("public:act", args=[public.act.pk])).content.decode()

    assert f"Aru {public.sentinel}" in html
    assert pseudonym(public.person) not in html


def test_a_restricted_victim_of_a_public_act_is_not_even_pseudonymised(world, client: Client):
    public = world.levels["public"]
    Person.objects.filter(pk=public.person.pk).update(confidentiality="restricted")

    html = client.get(reverse("public:act", args=[public.act.pk])).content.decode()

    assert pseudonym(public.person) not in html
    assert f"Aru {public.sentinel}" not in html
