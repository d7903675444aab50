"""vigil.publish.pseudonyms: stable, keyed pseudonyms, and free text with the names replaced."""

import re

import pytest
from django.test import override_settings

from vigil.publish.pseudonyms import pseudonym, pseudonym_code, public_name, redactor
from vigil.records.models import Person, PersonAlias

pytestmark = pytest.mark.django_db


def test_a_pseudonym_is_stable_per_person_and_differs_between_people():
    first = Person.objects.create(name="Aliya Testova")
    second = Person.objects.create(name="Aliya Testova")  # the same name: another person

    assert pseudonym(first) == pseudonym(Person.objects.get(pk=first.pk))
    assert pseudonym(first) != pseudonym(second)
    assert re.fullmatch(r"Person [0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}", pseudonym(first))


def test_a_pseudonym_depends_on_the_key_not_on_the_name():
    person = Person.objects.create(name="Marat Inventedov")
    before = pseudonym_code(person.pk)
    Person.objects.filter(pk=person.pk).update(name="Another Name")

    assert pseudonym_code(person.pk) == before
    with override_settings(PSEUDONYM_KEY="another key"):
        assert pseudonym_code(person.pk) != before


def test_a_person_is_named_only_with_consent():
    person = Person.objects.create(name="Saule Madeupova")

    assert public_name(person) == pseudonym(person)
    person.consent_to_publish = True
    assert public_name(person) == "Saule Madeupova"


def test_the_redactor_replaces_every_name_and_alias_of_those_without_consent_in_any_case():
    hidden = Person.objects.create(name="Saule Madeupova")
    PersonAlias.objects.create(person=hidden, name="Сауле Мейдапова")
    named = Person.objects.create(name="Erlan Consentov", consent_to_publish=True)
    redact = redactor(Person.objects.prefetch_related("aliases"))

    text = redact("Trial of SAULE MADEUPOVA (Сауле Мейдапова) and Erlan Consentov in Saule Street")

    assert text == (f"Trial of {pseudonym(hidden)} ({pseudonym(hidden)}) and Erlan Consentov in Saule Street")
    assert redactor([named])("Erlan Consentov") == "Erlan Consentov"
