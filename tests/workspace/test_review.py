"""The review page: a draft source checked against its text, corrected, and saved as verified records."""

import pytest
from django.urls import reverse

from tests.builders import act, report_dict
from vigil.core.report import parse_report
from vigil.records import selectors
from vigil.records.models import Act, Event, Person, PersonAlias, Source
from vigil.records.services import report_import

pytestmark = pytest.mark.django_db

TEXT = "Police in Almaty detained Dana Issayeva and Bolat Omarov on Friday. Issayeva was fined 30 MCI in 2023."


def review_page(client, source):
    return client.get(reverse("workspace:review", args=[source.pk]))


def as_posted(page, **changes) -> dict:
    """Return the review form as a browser would post it unchanged, with these fields changed ('act-N-field')."""
    data = {}
    for row in page.context["rows"]:
        for field in row.form:
            value = field.value()
            data[field.html_name] = "" if value is None else str(value)
    return data | {"save": ""} | changes


def prefix(source: Source, victim: str, type_: str = "detention") -> str:
    act_id = Act.objects.get(reports__source=source, reports__victim_name=victim, type__code=type_).pk
    return f"act-{act_id}"


def test_the_page_shows_the_text_with_each_acts_spans_and_a_form_per_act(documenter):
    source = report_import(report=parse_report(report_dict() | {"source": report_dict()["source"] | {"text": TEXT}}))

    page = review_page(documenter, source)

    assert page.status_code == 200
    assert len(page.context["rows"]) == 7
    html = page.content.decode()
    assert '<mark data-acts="1 3 5">Dana Issayeva' in html
    assert f'name="{prefix(source, "Dana Issayeva")}-date" value="2025-03-07"' in html
    assert '<option value="administrative_detention"' in html  # the vocabulary's choices


def test_saving_verifies_the_acts_with_the_documenters_corrections(documenter, draft, editor):
    page = review_page(documenter, draft)
    dana = prefix(draft, "Dana Issayeva")

    response = documenter.post(
        reverse("workspace:review", args=[draft.pk]),
        as_posted(page, **{f"{dana}-place": "Almaty, Abay Square", f"{dana}-perpetrator_name": "Almaty city police"}),
    )

    assert response.status_code == 302
    assert response["Location"] == reverse("workspace:source", args=[draft.pk])
    corrected = Act.objects.get(pk=int(dana.removeprefix("act-")))
    assert (corrected.place, corrected.perpetrator_name, corrected.status) == (
        "Almaty, Abay Square",
        "Almaty city police",
        "verified",
    )
    assert set(Act.objects.values_list("status", flat=True)) == {"verified"}
    assert Source.objects.get().status == Event.objects.get().status == "verified"
    assert set(Person.objects.values_list("status", flat=True)) == {"verified"}
    assert selectors.acts_browse(selectors.Filters(q="Abay"), user=editor).get() == corrected


def test_a_rejected_act_is_removed_with_the_draft_person_only_it_named(documenter, draft, editor):
    page = review_page(documenter, draft)
    omarov = [prefix(draft, "Bolat Omarov"), prefix(draft, "Bolat Omarov", "administrative_detention")]

    documenter.post(
        reverse("workspace:review", args=[draft.pk]), as_posted(page, **{f"{p}-decision": "reject" for p in omarov})
    )

    assert Act.objects.count() == 5
    assert not Person.objects.filter(name="Bolat Omarov").exists()
    assert Person.objects.get().name == "Dana Issayeva"
    assert selectors.people_browse(selectors.Filters(q="Omarov"), user=editor).count() == 0


def test_a_victim_is_linked_to_the_person_already_recorded_under_another_script(documenter, draft, editor):
    russian = report_import(
        report=parse_report(
            report_dict("kz-2025-03-russian-post", language="ru")
            | {"acts": [act(victim="Дана Исаева", incident="kz-ru")]}
        )
    )
    recorded = Person.objects.get(name="Dana Issayeva")
    draft_person = Person.objects.get(name="Дана Исаева")

    page = review_page(documenter, russian)
    row = page.context["rows"][0]
    assert [s.party for s in row.suggestions] == [recorded]
    assert "the same name in another script" in page.content.decode()  # the reason beside the suggestion

    key = f"act-{row.act.pk}"
    documenter.post(
        reverse("workspace:review", args=[russian.pk]), as_posted(page, **{f"{key}-victim_link": str(recorded.pk)})
    )

    assert row.act.involvements.get().person == recorded
    assert not Person.objects.filter(pk=draft_person.pk).exists()
    assert list(PersonAlias.objects.filter(person=recorded).values_list("name", flat=True)) == ["Дана Исаева"]
    assert len(selectors.person_timeline(recorded, user=editor)) == 4
    assert selectors.people_browse(selectors.Filters(q="Исаева"), user=editor).get() == recorded


def test_a_new_person_can_be_made_for_a_victim_with_a_corrected_name(documenter, draft):
    page = review_page(documenter, draft)
    omarov = prefix(draft, "Bolat Omarov")

    documenter.post(
        reverse("workspace:review", args=[draft.pk]),
        as_posted(page, **{f"{omarov}-victim_link": "new", f"{omarov}-victim_name": "Bolat Omarov Jr."}),
    )

    victim = Act.objects.get(pk=int(omarov.removeprefix("act-"))).involvements.get().person
    assert victim.name == "Bolat Omarov Jr." and victim.status == "verified"
    assert Person.objects.filter(name="Bolat Omarov").count() == 1  # his other act keeps the draft's record


def test_a_validation_error_saves_nothing_and_keeps_what_was_typed(documenter, draft):
    page = review_page(documenter, draft)
    dana = prefix(draft, "Dana Issayeva")
    before = list(Act.objects.order_by("pk").values())

    response = documenter.post(
        reverse("workspace:review", args=[draft.pk]),
        as_posted(
            page,
            **{
                f"{dana}-place": "Typed by hand",
                f"{dana}-date": "",
                f"{dana}-amount": "50",
                f"{dana}-currency": "",
            },
        ),
    )

    assert response.status_code == 400
    html = response.content.decode()
    assert "Some fields need correcting" in html
    assert "A fine needs its currency." in html and "Give the date" in html
    assert 'value="Typed by hand"' in html
    assert list(Act.objects.order_by("pk").values()) == before
    assert Source.objects.get().status == "draft"


def test_find_similar_names_again_uses_the_name_as_typed_and_saves_nothing(documenter, draft):
    other = report_import(
        report=parse_report(report_dict("kz-2025-03-other") | {"acts": [act(victim="D. Issayeva", incident="x")]})
    )
    page = review_page(documenter, other)
    key = f"act-{page.context['rows'][0].act.pk}"
    data = as_posted(page, **{f"{key}-victim_name": "Дана Исаева"})
    del data["save"]

    response = documenter.post(reverse("workspace:review", args=[other.pk]), data | {"suggest": "1"})

    assert response.status_code == 200
    assert [s.party.name for s in response.context["rows"][0].suggestions] == ["Dana Issayeva"]
    assert 'value="Дана Исаева"' in response.content.decode()
    assert Source.objects.get(pk=other.pk).status == "draft"


def test_reviewing_needs_the_permission_to_change_records(client, draft, django_user_model):
    reader = django_user_model.objects.create_user(username="reader", password="x" * 16)
    client.force_login(reader)

    assert client.get(reverse("workspace:review", args=[draft.pk])).status_code == 403
    assert client.post(reverse("workspace:review", args=[draft.pk]), {"save": ""}).status_code == 403


ARTICLE = (
    "Activist detained in Aktobe\n"
    "Published: 2025-06-05\n\n"
    "Police in Aktobe detained the activist Ruslan Temirov on 3 June 2025 after he filmed a protest. "
    "On 4 June a court sentenced him to 10 days of administrative arrest."
)


def test_an_article_taken_in_is_saved_as_drafts_and_opens_for_review(documenter):
    preview = documenter.post(reverse("workspace:intake"), {"text": ARTICLE, "language": "", "published": ""})

    assert preview.status_code == 200
    assert Source.objects.count() == 0
    assert any(a["victim"] == "Ruslan Temirov" for a in preview.context["draft"]["acts"])

    saved = documenter.post(reverse("workspace:intake"), {"token": preview.context["token"], "save": ""})

    source = Source.objects.get()
    assert saved["Location"] == reverse("workspace:review", args=[source.pk])
    assert source.created_by.username == "documenter" and source.status == "draft"
    assert Act.objects.filter(reports__source=source, type__code="detention", status="draft").exists()
    again = documenter.post(reverse("workspace:intake"), {"token": preview.context["token"], "save": ""}, follow=True)
    assert "already recorded" in again.content.decode() and Source.objects.count() == 1


def test_an_intake_without_an_article_says_how_to_give_one(documenter):
    response = documenter.post(reverse("workspace:intake"), {"text": "", "url": "", "language": "", "published": ""})

    assert response.status_code == 400
    assert "Give the article in one of three ways" in response.content.decode()


def test_linking_one_act_of_a_draft_person_links_the_others_that_keep_it(documenter, draft, editor):
    recorded = Person.objects.create(name="Dana Issayeva", status="verified")
    page = review_page(documenter, draft)
    detention = prefix(draft, "Dana Issayeva")

    documenter.post(
        reverse("workspace:review", args=[draft.pk]), as_posted(page, **{f"{detention}-victim_link": str(recorded.pk)})
    )

    assert [a.type.code for a in selectors.person_timeline(recorded, user=editor)] == [
        "fine",
        "detention",
        "administrative_detention",
    ]
    assert Person.objects.filter(name="Dana Issayeva").count() == 1


def test_an_act_made_an_unnamed_group_loses_its_named_victim(documenter, draft):
    page = review_page(documenter, draft)
    omarov = prefix(draft, "Bolat Omarov")

    documenter.post(
        reverse("workspace:review", args=[draft.pk]),
        as_posted(
            page,
            **{
                f"{omarov}-victim_kind": "group",
                f"{omarov}-victim_count": "3",
                f"{omarov}-victim_description": "three",
            },
        ),
    )

    act = Act.objects.get(pk=int(omarov.removeprefix("act-")))
    assert (act.victim_kind, act.victim_count, act.victim_description) == ("group", 3, "three")
    assert not act.involvements.exists()
    assert Person.objects.filter(name="Bolat Omarov").exists()  # his arrest still names him


def test_a_contributor_takes_an_article_in_sees_it_and_its_acts_but_may_not_review_them(make_user):
    from django.test import Client

    contributor = Client()
    contributor.force_login(make_user("contributor"))
    preview = contributor.post(reverse("workspace:intake"), {"text": ARTICLE, "language": "", "published": ""})

    saved = contributor.post(reverse("workspace:intake"), {"token": preview.context["token"], "save": ""})

    source = Source.objects.get()
    assert saved["Location"] == reverse("workspace:source", args=[source.pk])
    assert source.created_by.username == "contributor"
    page = contributor.get(saved["Location"]).content.decode()
    assert "Ruslan Temirov" in page and reverse("workspace:review", args=[source.pk]) not in page
    inbox = contributor.get(reverse("workspace:inbox"))
    assert list(inbox.context["page"]) == [source]
    assert reverse("workspace:review", args=[source.pk]) not in inbox.content.decode()
    assert contributor.get(reverse("workspace:review", args=[source.pk])).status_code == 403


def _retold(victim: str = "Дана Исаева", date: str = "2025-03-08", report_id: str = "kz-2025-03-steppe") -> Source:
    """Import another outlet's report of Dana Issayeva's detention, a day later by its count."""
    data = report_dict(report_id, publisher="Steppe News", url="https://steppe.example/1")
    return report_import(report=parse_report(data | {"acts": [act(victim=victim, date=date)]}))


def test_an_act_already_recorded_is_proposed_and_choosing_it_leaves_one_act_with_two_sources(documenter, draft, editor):
    recorded = Act.objects.get(pk=int(prefix(draft, "Dana Issayeva").removeprefix("act-")))
    Act.objects.filter(pk=recorded.pk).update(status="verified")  # reviewed before
    retold = _retold()

    page = review_page(documenter, retold)
    row = page.context["rows"][0]
    assert [m.act for m in row.matches] == [recorded]
    html = page.content.decode()
    assert f"This is the same act as #{recorded.pk}" in html
    assert (
        "victim&#x27;s name: the same name in another script, same type, dates 1 day apart — 1 source, 1 independent"
        in html
    )

    response = documenter.post(
        reverse("workspace:review", args=[retold.pk]),
        as_posted(page, **{f"act-{row.act.pk}-same_as": str(recorded.pk)}),
        follow=True,
    )

    assert "1 act was already recorded: this source now corroborates it." in response.content.decode()
    assert Act.objects.get(pk=row.act.pk).merged_into == recorded
    assert set(recorded.reports.values_list("source_id", flat=True)) == {draft.pk, retold.pk}
    assert selectors.act_source_counts([recorded], user=editor)[recorded.pk] == selectors.SourceCount(2, 2)
    dana = Person.objects.get(name="Dana Issayeva")
    assert recorded.involvements.get(role="victim").person == dana  # the recorded victim, with the new spelling
    assert list(dana.aliases.values_list("name", flat=True)) == ["Дана Исаева"]
    assert not Person.objects.filter(name="Дана Исаева").exists()
    assert Source.objects.get(pk=retold.pk).status == "verified"
    assert [a.pk for a in selectors.source_acts(retold, user=editor)] == [recorded.pk]


def test_the_same_act_with_another_victim_linked_is_refused_and_saves_nothing(documenter, draft):
    recorded = Act.objects.get(pk=int(prefix(draft, "Dana Issayeva").removeprefix("act-")))
    omarov = Person.objects.get(name="Bolat Omarov")
    retold = _retold()
    page = review_page(documenter, retold)
    key = f"act-{page.context['rows'][0].act.pk}"

    response = documenter.post(
        reverse("workspace:review", args=[retold.pk]),
        as_posted(page, **{f"{key}-same_as": str(recorded.pk), f"{key}-victim_link": str(omarov.pk)}),
    )

    assert response.status_code == 400
    assert "name different victims" in response.content.decode()
    assert recorded.reports.count() == 1
    assert set(Act.objects.filter(reports__source=retold).values_list("status", flat=True)) == {"draft"}
    assert Person.objects.filter(name="Дана Исаева").exists()


def test_no_act_is_proposed_for_another_person_or_a_detention_weeks_away(documenter, draft):
    other_person = _retold(victim="Aliya Bekova")
    weeks_away = _retold(date="2025-02-10", report_id="kz-2025-02-steppe")

    for source in (other_person, weeks_away):
        page = review_page(documenter, source)
        assert page.context["rows"][0].matches == []
        assert "Already recorded?" not in page.content.decode()
    assert review_page(documenter, _retold(report_id="kz-2025-03-third")).context["rows"][0].matches != []
