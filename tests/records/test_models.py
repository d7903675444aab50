from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from vigil.core import vocab
from vigil.records.models import (
    Act,
    ActType,
    Event,
    Intervention,
    InterventionType,
    Involvement,
    Organisation,
    PerpetratorKind,
    Person,
    PersonAlias,
    Role,
    Source,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def event():
    return Event.objects.create(title="Picket in Almaty", start_date=date(2025, 3, 7), start_date_precision="day")


def make_act(event, **fields):
    defaults = {"type": ActType.objects.get(code="detention"), "date": date(2025, 3, 7), "date_precision": "day"}
    return Act.objects.create(event=event, **{**defaults, **fields})


def refused(**fields) -> bool:
    """Return whether the database refuses an act with these fields."""
    event = Event.objects.create(title="x")
    try:
        with transaction.atomic():
            make_act(event, **fields)
    except IntegrityError:
        return True
    return False


def test_migrate_seeds_every_shipped_vocabulary():
    for name, model in [
        ("act_types", ActType),
        ("perpetrators", PerpetratorKind),
        ("intervention_types", InterventionType),
        ("roles", Role),
    ]:
        assert set(model.objects.values_list("code", flat=True)) == vocab.codes(name)
    assert ActType.objects.get(code="administrative_detention").label_ru == "Административный арест"


def test_records_start_as_internal_drafts(event):
    act = make_act(event)
    assert (act.status, act.confidentiality) == ("draft", "internal")
    assert (event.status, event.confidentiality) == ("draft", "internal")


def test_the_database_keeps_dates_and_precisions_consistent():
    assert refused(date=None, date_precision="day")
    assert refused(date=date(2025, 1, 1), date_precision="unknown")
    assert not refused(date=None, date_precision="unknown")
    assert not refused(date=date(2025, 1, 1), date_precision="month")


def test_the_database_refuses_amounts_without_currency_and_negative_terms():
    assert refused(amount=100)
    assert not refused(amount=100, currency="KZT")
    assert refused(duration_days=-1)


def test_an_act_has_at_most_one_victim(event):
    act = make_act(event)
    Involvement.objects.create(act=act, role="victim", person=Person.objects.create(name="Dana Issayeva"))
    Involvement.objects.create(act=act, role="witness", person=Person.objects.create(name="Aliya Bekova"))
    with pytest.raises(IntegrityError), transaction.atomic():
        Involvement.objects.create(act=act, role="victim", person=Person.objects.create(name="Bolat Omarov"))


def test_an_involvement_names_exactly_one_party(event):
    act = make_act(event)
    person, organisation = Person.objects.create(name="Dana Issayeva"), Organisation.objects.create(name="Circle")
    with pytest.raises(IntegrityError), transaction.atomic():
        Involvement.objects.create(act=act, role="victim")
    with pytest.raises(IntegrityError), transaction.atomic():
        Involvement.objects.create(act=act, role="victim", person=person, organisation=organisation)


def test_an_intervention_has_an_author():
    with pytest.raises(IntegrityError), transaction.atomic():
        Intervention.objects.create(type=InterventionType.objects.get(code="statement"))


def test_a_person_has_aliases_in_any_script_once_each():
    person = Person.objects.create(name="Dana Issayeva")
    PersonAlias.objects.create(person=person, name="Дана Исаева")
    assert list(person.aliases.values_list("name", flat=True)) == ["Дана Исаева"]
    with pytest.raises(IntegrityError), transaction.atomic():
        PersonAlias.objects.create(person=person, name="Дана Исаева")


def test_a_used_act_type_cannot_be_deleted(event):
    make_act(event, type=ActType.objects.get(code="fine"), amount=5, currency="EUR")
    with pytest.raises(IntegrityError), transaction.atomic():
        ActType.objects.get(code="fine").delete()


def test_migrations_match_the_models():
    from django.core.management import call_command

    call_command("makemigrations", "--check", "--dry-run", verbosity=0)


@pytest.mark.parametrize(
    ("record", "field", "message"),
    [
        (lambda: Person(name="Dana Issayeva", country="Kazakhstan"), "country", "did you mean 'KZ'?"),
        (lambda: Event(title="Picket", country="ZZ"), "country", "not an ISO 3166-1"),
        (lambda: Source(language="russian"), "language", "not an ISO 639-1"),
        (lambda: Source(report_id="../../etc/passwd"), "report_id", "may hold only letters"),
    ],
)
def test_codes_are_checked_when_a_record_is_validated(record, field, message):
    with pytest.raises(ValidationError) as caught:
        record().full_clean()
    assert message in " ".join(caught.value.message_dict[field])


def test_act_codes_are_checked_when_validated(event):
    act = Act(event=event, type=ActType.objects.get(code="fine"), amount=10, currency="tenge", country="kz")
    with pytest.raises(ValidationError) as caught:
        act.full_clean()
    assert set(caught.value.message_dict) == {"currency", "country"}
