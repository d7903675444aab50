"""The "Check a name" page: the people and organisations a typed name may be, each with its reason."""

import pytest
from django.test import Client
from django.urls import reverse

from tests.builders import act, report_dict
from vigil.core.report import parse_report
from vigil.records.models import Act, Involvement, Person
from vigil.records.services import report_import

pytestmark = pytest.mark.django_db


def recorded(by):
    """Record, as taken in by `by`, Zhanar Sekerbayeva (internal), Aigul Sekerbayeva (restricted) and EL*C."""
    acts = [
        act(victim="Zhanar Sekerbayeva", incident="a"),
        act(victim="Aigul Sekerbayeva", incident="b"),
        act(
            victim="EuroCentralAsian Lesbian* Community",
            victim_kind="organization",
            victim_count=None,
            type="registration_denial",
            incident="c",
        ),
    ]
    data = report_dict("kz-2025-03-names") | {"acts": acts, "interventions": []}
    report_import(report=parse_report(data), created_by=by)
    aigul = Person.objects.get(name="Aigul Sekerbayeva")
    Person.objects.filter(pk=aigul.pk).update(confidentiality="restricted")
    Act.objects.filter(involvements__person=aigul).update(confidentiality="restricted")
    Involvement.objects.filter(person=aigul).update(confidentiality="restricted")


@pytest.fixture
def contributor(make_user):
    return make_user("contributor")


def logged_in(client: Client, user) -> Client:
    client.force_login(user)
    return client


def test_a_contributor_sees_a_case_form_matched_with_its_reason_score_and_link(client, contributor):
    recorded(contributor)
    zhanar = Person.objects.get(name="Zhanar Sekerbayeva")

    page = logged_in(client, contributor).get(reverse("workspace:names"), {"q": "Жанару Секербаевой"})

    assert page.status_code == 200
    people = page.context["found"].people
    assert [(s.party.name, s.reason) for s in people] == [("Zhanar Sekerbayeva", "case_form")]
    html = page.content.decode()
    assert reverse("workspace:person", args=[zhanar.pk]) in html
    assert "a Russian or Kazakh case form of the name" in html and f"<td>{people[0].score}</td>" in html


def test_a_surname_alone_reveals_a_restricted_person_to_an_editor_only(client, contributor, make_user):
    recorded(contributor)

    theirs = logged_in(Client(), contributor).get(reverse("workspace:names"), {"q": "Sekerbayeva"})
    editors = logged_in(client, make_user("editor")).get(reverse("workspace:names"), {"q": "Sekerbayeva"})

    assert [s.party.name for s in theirs.context["found"].people] == ["Zhanar Sekerbayeva"]
    assert "Aigul" not in theirs.content.decode()
    assert [s.party.name for s in editors.context["found"].people] == ["Aigul Sekerbayeva", "Zhanar Sekerbayeva"]


def test_an_organisation_is_found_by_its_acronym_and_the_reason_is_in_russian(client, contributor):
    recorded(contributor)
    client = logged_in(client, contributor)
    client.cookies["django_language"] = "ru"

    page = client.get(reverse("workspace:names"), {"q": "EL*C"}, HTTP_ACCEPT_LANGUAGE="ru")

    assert [s.party.name for s in page.context["found"].organisations] == ["EuroCentralAsian Lesbian* Community"]
    assert page.context["found"].people == []
    assert "аббревиатура названия" in page.content.decode()


def test_a_viewer_may_not_check_names_and_is_not_offered_the_page(client, contributor, make_user):
    recorded(contributor)
    client = logged_in(client, make_user("viewer"))

    assert client.get(reverse("workspace:names"), {"q": "Sekerbayeva"}).status_code == 403
    assert reverse("workspace:names") not in client.get(reverse("workspace:inbox")).content.decode()


def test_the_empty_page_asks_for_a_name_and_finds_nothing(client, contributor):
    page = logged_in(client, contributor).get(reverse("workspace:names"))

    assert page.status_code == 200 and page.context["found"] is None
    assert 'name="q"' in page.content.decode()
