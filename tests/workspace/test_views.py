"""The workspace's pages: login, inbox, lists with filters and CSV, record pages with their timelines."""

import csv
import io

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.accounts.totp import code_now
from tests.builders import act, report_dict
from tests.workspace.conftest import PASSWORD
from vigil.core.archive import Archive
from vigil.core.report import parse_report
from vigil.records.models import Act, ActSource, Event, Organisation, Person, Source
from vigil.records.services import report_import, sample_load

pytestmark = pytest.mark.django_db

PAGES = ["inbox", "intake", "acts", "events", "people", "organisations", "sources", "search"]


@pytest.mark.parametrize("name", PAGES)
def test_every_page_asks_for_a_login_first(client: Client, name):
    response = client.get(reverse(f"workspace:{name}"))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("workspace:login") + "?next=")


def test_a_documenter_logs_in_and_lands_on_the_inbox(client: Client, documenter_user):
    page = client.get(reverse("workspace:login"))
    assert b'<label for="id_username">' in page.content and b"csrfmiddlewaretoken" in page.content

    device = TOTPDevice.objects.create(user=documenter_user, name="phone", confirmed=True)

    response = client.post(reverse("workspace:login"), {"username": "documenter", "password": PASSWORD}, follow=True)
    assert response.redirect_chain[-1][0] == reverse("accounts:two_factor")  # documenters may enter the admin
    response = client.post(reverse("accounts:two_factor"), {"token": code_now(device.bin_key)}, follow=True)

    assert response.redirect_chain[-1][0] == reverse("workspace:inbox")
    assert response.wsgi_request.user.username == "documenter"


def test_a_wrong_password_is_refused_without_saying_which_part_was_wrong(client: Client, documenter_user):
    response = client.post(reverse("workspace:login"), {"username": "documenter", "password": "wrong"})

    assert response.status_code == 200
    assert "did not match" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_the_inbox_lists_drafts_with_who_took_them_in(documenter, documenter_user):
    imported = report_import(report=parse_report(report_dict()))
    taken = report_import(report=parse_report(report_dict("kz-2025-04-other-post")), created_by=documenter_user)

    page = documenter.get(reverse("workspace:inbox"))

    assert list(page.context["page"]) == [taken, imported]
    html = page.content.decode()
    assert "documenter" in html and "import" in html
    assert reverse("workspace:review", args=[taken.pk]) in html


def test_acts_are_filtered_by_type_country_dates_perpetrator_and_status(documenter, draft):
    report_import(
        report=parse_report(
            report_dict("by-2024-01-other", title="Raid in Minsk")
            | {"acts": [act(victim="Ales Bialiatski", country="BY", place="Minsk", type="raid", date="2024-01-09",
                            incident="by-raid")]}
        )
    )  # fmt: skip
    url = reverse("workspace:acts")

    everything = documenter.get(url).context["page"].paginator.count
    in_kazakhstan = documenter.get(url, {"country": "KZ"}).context["page"]
    by_court = documenter.get(url, {"perpetrator": "court"}).context["page"]
    arrests_2025 = documenter.get(
        url, {"type": "administrative_detention", "date_from": "2025-01-01", "date_to": "2025-12-31"}
    ).context["page"]
    verified = documenter.get(url, {"status": "verified"}).context["page"]

    assert everything == Act.objects.count() == 8
    assert in_kazakhstan.paginator.count == 7
    assert {a.perpetrator_kind.code for a in by_court} == {"court"} and by_court.paginator.count == 3
    assert {(a.type.code, a.date.year) for a in arrests_2025} == {("administrative_detention", 2025)}
    assert verified.paginator.count == 0


def test_an_invalid_filter_is_shown_and_ignored(documenter, draft):
    page = documenter.get(reverse("workspace:acts"), {"date_from": "not a date", "country": "KZ"})

    assert page.status_code == 200
    assert page.context["page"].paginator.count == 7
    assert "Enter a valid date" in page.content.decode()


def test_people_are_filtered_by_the_acts_against_them(documenter, draft):
    url = reverse("workspace:people")

    fined = documenter.get(url, {"type": "fine"}).context["page"]
    everyone = documenter.get(url).context["page"]

    assert [p.name for p in fined] == ["Dana Issayeva"]
    assert [(p.name, p.act_count) for p in everyone] == [("Bolat Omarov", 2), ("Dana Issayeva", 3)]


def test_lists_page_through_results(documenter):
    sample_load()
    url = reverse("workspace:acts")

    first = documenter.get(url).context["page"]
    second = documenter.get(url, {"page": 2}).context["page"]

    assert first.paginator.count == Act.objects.count() > 50
    assert len(first) == 50
    assert not {a.pk for a in first} & {a.pk for a in second}
    assert 'rel="next"' in documenter.get(url).content.decode()


def test_acts_export_as_csv_with_the_filters_applied(documenter, draft):
    response = documenter.get(reverse("workspace:acts"), {"type": "fine", "format": "csv"})

    assert response["Content-Type"] == "text/csv; charset=utf-8"
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    assert [(r["type"], r["victim"], r["amount"], r["currency"]) for r in rows] == [
        ("fine", "Dana Issayeva", "30.00", "KZT-MCI")
    ]


def test_a_csv_cell_that_a_spreadsheet_would_run_is_defused(documenter):
    report_import(report=parse_report(report_dict() | {"acts": [act(victim="=HYPERLINK(1)")]}))

    response = documenter.get(reverse("workspace:people"), {"format": "csv"})

    assert "'=HYPERLINK(1)" in b"".join(response.streaming_content).decode("utf-8-sig")


def test_the_person_page_shows_every_act_against_them_with_its_sources(documenter, draft):
    later = report_import(
        report=parse_report(
            report_dict(
                "kz-2025-05-second-post",
                title="Issayeva detained again",
                publisher="Second Post",
                published="2025-05-02",
            )
            | {"acts": [act(date="2025-05-01", incident="kz-2025-05-issayeva")]}
        )
    )
    dana = Person.objects.filter(name="Dana Issayeva").first()
    second = Act.objects.get(reports__source=later)
    second.involvements.update(person=dana)  # linked, as a documenter's review would

    page = documenter.get(reverse("workspace:person", args=[dana.pk]))

    timeline = page.context["timeline"]
    assert [a.date.isoformat() for a in timeline] == ["2023-01-01", "2025-03-07", "2025-03-08", "2025-05-01"]
    html = page.content.decode()
    assert "This is not the first time: since 2023, 4 acts recorded." in html
    assert "Issayeva detained again" in html and "Second Post" in html


def test_the_organisation_page_shows_the_acts_against_it(documenter, draft):
    circle = Organisation.objects.get(name="Steppe Women's Circle")

    page = documenter.get(reverse("workspace:organisation", args=[circle.pk]))

    assert [a.type.code for a in page.context["timeline"]] == ["registration_denial"]
    assert "Test Post" in page.content.decode()


def test_the_event_page_lists_its_acts_and_sources(documenter, draft):
    event = Event.objects.get()

    page = documenter.get(reverse("workspace:event", args=[event.pk]))

    assert len(page.context["acts"]) == 7
    assert page.context["sources"] == [draft]


def test_the_source_page_shows_the_sha256_and_serves_the_original(documenter):
    source = report_import(
        report=parse_report(report_dict() | {"source": report_dict()["source"] | {"text": "Ein Text."}})
    )

    page = documenter.get(reverse("workspace:source", args=[source.pk]))
    original = documenter.get(reverse("workspace:original", args=[source.pk]))

    assert source.archive_sha256 in page.content.decode()
    assert original.content == Archive(settings.ARCHIVE_DIR).get(source.archive_sha256) == b"Ein Text."
    assert original["Content-Security-Policy"] == "default-src 'none'; sandbox"


def test_an_act_opens_on_its_event_page(documenter, draft):
    first = Act.objects.first()

    response = documenter.get(reverse("workspace:act", args=[first.pk]))

    assert response["Location"] == reverse("workspace:event", args=[first.event_id]) + f"#act-{first.pk}"


def test_the_sample_data_fills_every_page(documenter):
    sample_load()
    person = Person.objects.filter(involvements__isnull=False).first()
    pages = [
        reverse("workspace:inbox"),
        reverse("workspace:person", args=[person.pk]),
        reverse("workspace:event", args=[Event.objects.first().pk]),
        reverse("workspace:source", args=[Source.objects.first().pk]),
        reverse("workspace:review", args=[Source.objects.first().pk]),
        reverse("workspace:organisation", args=[Organisation.objects.first().pk]),
    ] + [reverse(f"workspace:{name}") for name in ("acts", "events", "people", "organisations", "sources")]

    for url in pages:
        assert documenter.get(url).status_code == 200, url
    assert documenter.get(reverse("workspace:inbox")).context["page"].paginator.count == 36


def test_the_front_page_is_the_workspace(documenter):
    assert documenter.get("/").context["page"] is not None


def test_search_shows_hits_of_every_kind_with_counts_and_links(documenter, draft):
    page = documenter.get(reverse("workspace:search"), {"q": "Issayeva"})

    results = page.context["results"]
    assert results.by_kind == {"act": 3, "person": 1}
    html = page.content.decode()
    dana = Person.objects.get(name="Dana Issayeva")
    assert reverse("workspace:person", args=[dana.pk]) in html
    assert "Person (1)" in html

    only_people = documenter.get(reverse("workspace:search"), {"q": "Issayeva", "kind": "person"})
    assert [hit.record_id for hit in only_people.context["results"].hits] == [dana.pk]


def test_the_interface_switches_to_russian_with_dates_in_its_format(documenter, draft):
    response = documenter.post(
        reverse("set_language"), {"language": "ru", "next": reverse("workspace:acts")}, follow=True
    )

    html = response.content.decode()
    assert '<html lang="ru">' in html
    assert "Действия" in html and "Тип действия" in html and "Скачать CSV" in html
    assert "7 марта 2025 г." in html  # the detention's date, in the Russian format
    assert "Казахстан" in html and "Задержание" in html  # the country and the vocabulary's Russian label
    inbox = documenter.get(reverse("workspace:inbox")).content.decode()
    assert "Черновики на проверку" in inbox


def test_search_names_acts_in_the_readers_language(documenter, draft):
    documenter.post(reverse("set_language"), {"language": "ru"})

    page = documenter.get(reverse("workspace:search"), {"q": "Omarov", "kind": "act"}).content.decode()

    assert "Административный арест: Bolat Omarov" in page and "7 марта 2025 г." in page


def test_an_act_told_by_two_outlets_and_twice_by_one_shows_its_sources_and_independent_ones(documenter, draft):
    dana = Act.objects.get(reports__source=draft, reports__victim_name="Dana Issayeva", type__code="detention")
    for number, publisher in ((2, "Test Post"), (3, "Steppe News")):
        other = report_import(
            report=parse_report(
                report_dict(f"kz-2025-03-retold-{number}", publisher=publisher, url=f"https://x{number}.example/")
                | {"acts": [act(incident=f"retold-{number}")], "interventions": []}
            )
        )
        ActSource.objects.create(act=dana, source=other)  # corroborated, as a merge of the two acts leaves it

    listed = documenter.get(reverse("workspace:acts")).content.decode()
    event = documenter.get(reverse("workspace:event", args=[dana.event_id])).content.decode()
    on_source = documenter.get(reverse("workspace:source", args=[draft.pk])).content.decode()

    for page in (listed, event, on_source):
        assert "3 sources, 2 independent" in page
        assert "1 source, 1 independent" in page  # Omarov's detention, told by one article
