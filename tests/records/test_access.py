"""records/access.py: what each role sees, and that a forbidden record answers like a missing one."""

import csv
import io

import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import Http404
from django.test import Client
from django.urls import reverse

from tests.access_world import LEVELS, SEES
from tests.builders import act, report_dict
from vigil.core.report import parse_report
from vigil.records import access, selectors
from vigil.records.models import Act, ActSource, Involvement, InvolvementRole, Person
from vigil.records.services import report_import

pytestmark = pytest.mark.django_db


def who(world, role):
    return AnonymousUser() if role == "public" else world.users[role]


def levels_of(world, records, attribute):
    ids = set(records.values_list("pk", flat=True))
    return {level for level in LEVELS if getattr(world.levels[level], attribute).pk in ids}


@pytest.mark.parametrize("role", list(SEES))
def test_each_role_sees_exactly_the_records_of_its_levels(world, role):
    user = who(world, role)

    assert levels_of(world, access.visible_acts(user), "act") == SEES[role]
    assert levels_of(world, access.visible_events(user), "event") == SEES[role]
    assert levels_of(world, access.visible_sources(user), "source") == SEES[role]
    assert levels_of(world, access.visible_organisations(user), "organisation") == SEES[role]
    if role != "public":  # the public sees people only through vigil.publish, by pseudonym
        assert levels_of(world, access.visible_people(user), "person") == SEES[role]


@pytest.mark.parametrize("role", ["viewer", "contributor", "public"])
def test_a_forbidden_record_raises_the_same_404_as_a_missing_one(world, role):
    user = who(world, role)
    restricted = world.levels["restricted"].act
    missing = Act.objects.order_by("-pk").first().pk + 1000

    with pytest.raises(Http404) as forbidden:
        access.get_act_for(user, restricted.pk)
    with pytest.raises(Http404) as absent:
        access.get_act_for(user, missing)

    assert (str(forbidden.value), forbidden.value.args) == (str(absent.value), absent.value.args)
    assert Act.objects.filter(pk=restricted.pk).exists()  # it is there: only hidden


def test_an_inactive_login_or_one_without_a_role_sees_nothing(world, make_user):
    viewer = world.users["viewer"]
    viewer.is_active = False
    viewer.save()
    from django.contrib.auth import get_user_model

    roleless = get_user_model().objects.create_user("nobody", password="a-long-enough-password")

    for user in (viewer, roleless):
        assert not access.visible_acts(user).exists()
        with pytest.raises(Http404):
            access.get_act_for(user, world.levels["public"].act.pk)


def test_a_restricted_act_is_left_out_of_a_visible_persons_timeline_and_counts(world):
    """The 'not the first time' count of a viewer counts only the acts the viewer may see."""
    internal = world.levels["internal"].person
    restricted_act = world.levels["restricted"].act
    Involvement.objects.filter(act=restricted_act, role=InvolvementRole.VICTIM).update(
        person=internal, confidentiality="internal"
    )
    viewer, editor = world.users["viewer"], world.users["editor"]

    assert [a.pk for a in selectors.person_timeline(internal, user=viewer)] == [world.levels["internal"].act.pk]
    assert len(selectors.person_timeline(internal, user=editor)) == 2
    assert selectors.victim_act_counts(Person, [internal.pk], user=viewer) == {internal.pk: 1}
    assert selectors.victim_act_counts(Person, [internal.pk], user=editor) == {internal.pk: 2}

    client = Client()
    client.force_login(viewer)
    page = client.get(reverse("workspace:person", args=[internal.pk])).content.decode()
    assert "not the first time" not in page
    assert world.levels["restricted"].sentinel not in page


def test_a_restricted_victim_of_a_visible_act_is_not_named_to_a_viewer(world):
    internal_act = world.levels["internal"].act
    hidden = world.levels["internal"].person
    Person.objects.filter(pk=hidden.pk).update(confidentiality="restricted")
    client = Client()
    client.force_login(world.users["viewer"])

    listed = client.get(reverse("workspace:acts")).content.decode()
    event = client.get(reverse("workspace:event", args=[internal_act.event_id])).content.decode()
    search = client.get(reverse("workspace:search"), {"q": "Aru"}).content.decode()

    for page in (listed, event, search):
        assert f"Aru {world.levels['internal'].sentinel}" not in page
    assert f"#act-{internal_act.pk}" in listed  # the act itself is listed
    # nor is the act found by the hidden name: that would say whom it concerns
    found = selectors.search(f"Aru {world.levels['internal'].sentinel}", user=world.users["viewer"])
    assert found.by_kind == {}
    editor = selectors.search(f"Aru {world.levels['internal'].sentinel}", user=world.users["editor"])
    assert editor.by_kind == {"act": 1, "person": 1}
    assert client.get(reverse("workspace:person", args=[hidden.pk])).status_code == 404


@pytest.mark.parametrize("role", ["viewer", "contributor"])
def test_search_neither_lists_nor_counts_what_a_role_may_not_see(world, role):
    restricted = world.levels["restricted"].sentinel
    user = world.users[role]

    assert selectors.search(restricted, user=user) == selectors.SearchResults(0, {}, [])
    found = selectors.search(restricted, user=world.users["editor"])
    assert found.by_kind == {"act": 2, "event": 1, "organisation": 1, "person": 1, "source": 1}  # only hidden


@pytest.mark.parametrize("role", list(SEES)[:4])
def test_every_list_and_its_csv_hold_only_what_the_role_sees(world, role):
    client = Client()
    client.force_login(world.users[role])
    for name in ("acts", "events", "people", "organisations", "sources"):
        page = client.get(reverse(f"workspace:{name}"))
        exported = b"".join(client.get(reverse(f"workspace:{name}"), {"format": "csv"}).streaming_content)
        rows = list(csv.reader(io.StringIO(exported.decode("utf-8-sig"))))
        for level in LEVELS:
            sentinel = world.levels[level].sentinel
            seen = level in SEES[role]
            assert (sentinel in page.content.decode()) is seen, (name, level)
            assert any(sentinel in cell for row in rows for cell in row) is seen, (name, level)
        assert page.context["page"].paginator.count == len(rows) - 1


def test_a_contributor_sees_in_the_inbox_only_the_drafts_they_took_in(world):
    own = world.levels["own"].source
    Act.objects.filter(pk=world.levels["internal"].act.pk).update(status="draft")

    contributor = selectors.drafts_inbox(user=world.users["contributor"])
    editor = selectors.drafts_inbox(user=world.users["editor"])

    assert list(contributor) == [own]
    assert set(editor) == {own, world.levels["internal"].source}


def test_a_contributor_may_take_articles_in_but_not_review_and_a_viewer_may_do_neither(world):
    contributor, viewer = Client(), Client()
    contributor.force_login(world.users["contributor"])
    viewer.force_login(world.users["viewer"])
    own = world.levels["own"].source

    assert contributor.get(reverse("workspace:intake")).status_code == 200
    assert contributor.get(reverse("workspace:review", args=[own.pk])).status_code == 403
    assert viewer.get(reverse("workspace:intake")).status_code == 403
    assert viewer.post(reverse("workspace:review", args=[own.pk]), {"save": "1"}).status_code == 403
    assert Act.objects.get(pk=world.levels["own"].act.pk).status == "draft"


def test_the_admin_is_for_editors_and_administrators_and_lists_through_access(world):
    for role, expected in (("viewer", 302), ("contributor", 302), ("editor", 200), ("administrator", 200)):
        client = Client()
        client.force_login(world.users[role])
        assert client.get(reverse("admin:records_act_changelist")).status_code == expected, role

    editor = Client()
    editor.force_login(world.users["editor"])
    restricted = world.levels["restricted"].act
    assert editor.get(reverse("admin:records_act_change", args=[restricted.pk])).status_code == 200
    assert not world.users["editor"].has_perm("records.delete_act")


def test_a_model_without_a_rule_is_refused_rather_than_shown_whole(world):
    from vigil.records.models import SearchEntry

    with pytest.raises(TypeError, match="no rule for SearchEntry"):
        access.visible(SearchEntry.objects.all(), world.users["administrator"])


def _retold(world, level: str):
    """Import, as the editor, another outlet's report of the detention of the level's victim; return its act."""
    sentinel = world.levels[level].sentinel
    data = report_dict(f"kz-2025-retold-{level}", publisher="Other Outlet", url="https://other.example/1") | {
        "acts": [act(victim=f"Aru {sentinel}", place=f"Town {sentinel}", date="2025-03-08")],
        "interventions": [],
    }
    source = report_import(report=parse_report(data), created_by=world.users["editor"])
    return Act.objects.get(reports__source=source)


@pytest.mark.parametrize("role", ["administrator", "editor", "viewer", "contributor"])
def test_a_proposed_same_act_is_never_one_the_role_may_not_see(world, role):
    retold = _retold(world, "restricted")
    restricted = world.levels["restricted"].act

    found = [match.act for match in selectors.act_matches(retold, user=world.users[role])]

    assert (restricted in found) == (role in ("administrator", "editor"))
    visible = set(access.visible_acts(world.users[role]).values_list("pk", flat=True))
    assert {a.pk for a in found} <= visible


def test_an_act_whose_victim_is_hidden_is_not_proposed_by_that_victims_name(world):
    internal = world.levels["internal"]
    Person.objects.filter(pk=internal.person.pk).update(confidentiality="restricted")
    retold = _retold(world, "internal")

    seen_by_viewer = [m.act for m in selectors.act_matches(retold, user=world.users["viewer"])]
    seen_by_editor = [m.act for m in selectors.act_matches(retold, user=world.users["editor"])]

    assert internal.act not in seen_by_viewer  # found by the hidden name, it would tell whom it concerns
    assert internal.act in seen_by_editor


def test_a_hidden_source_is_not_counted_among_an_acts_sources(world):
    internal, restricted = world.levels["internal"], world.levels["restricted"]
    ActSource.objects.create(act=internal.act, source=restricted.source)

    viewer = selectors.act_source_counts([internal.act], user=world.users["viewer"])
    editor = selectors.act_source_counts([internal.act], user=world.users["editor"])

    assert viewer[internal.act.pk] == selectors.SourceCount(1, 1)
    assert editor[internal.act.pk] == selectors.SourceCount(2, 1)  # one outlet: both are the builders' Test Post
