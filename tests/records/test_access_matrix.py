"""The access matrix: every role × every URL pattern the resolver knows × every confidentiality level.

Each pattern has an entry here saying how to address it for a level and what each role gets;
a pattern that the resolver knows and the matrix does not (a new page, a new admin model)
fails the test, and so does an entry for a pattern that no longer exists.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.test import Client
from django.urls import URLResolver, get_resolver
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.access_world import LEVELS, SEES, World
from vigil.accounts.models import LoginFailure
from vigil.records.models import ActType, InterventionType, PerpetratorKind, Role

pytestmark = pytest.mark.django_db

ROLES = ("public", "viewer", "contributor", "editor", "administrator")
TRUSTED = ("editor", "administrator")
LOGIN = 302  # sent to a login page


@dataclass(frozen=True)
class Entry:
    """How to address one URL pattern, and what each role gets there for a record of each level."""

    url: Callable[[World, str], str]  # (world, level) -> the address
    expect: Callable[[str, str], int]  # (role, level) -> the status code of a GET
    per_level: bool = True


def fixed(path: str, expect: Callable[[str, str], int]) -> Entry:
    return Entry(lambda world, level: path, expect, per_level=False)


def sees(role: str, level: str) -> bool:
    return level in SEES[role]


def workspace(status: int = 200, *, roles: tuple[str, ...] = ("viewer", "contributor", *TRUSTED)):
    """A workspace page: a login first, then `status` for the roles named, 403 for the others."""
    return lambda role, level: LOGIN if role == "public" else status if role in roles else 403


def workspace_record(status: int = 200):
    """A record's page in the workspace: a login first, then the page if the role sees the level, else 404."""
    return lambda role, level: LOGIN if role == "public" else status if sees(role, level) else 404


def admin_page(editor: int, administrator: int = 200):
    """A page of the administration: other roles are sent to its login."""
    return lambda role, level: {"editor": editor, "administrator": administrator}.get(role, LOGIN)


MATRIX: dict[str, Entry] = {
    # the workspace
    "": fixed("/", workspace()),
    "login/": fixed("/login/", lambda role, level: 200 if role == "public" else 302),
    "logout/": fixed("/logout/", lambda role, level: 405),  # a logout is a POST
    "intake/": fixed("/intake/", workspace(roles=("contributor", *TRUSTED))),
    "review/<int:pk>/": Entry(lambda w, level: f"/review/{w.levels[level].source.pk}/", workspace(roles=TRUSTED)),
    "search/": fixed("/search/?q=report", workspace()),
    "acts/": fixed("/acts/", workspace()),
    "acts/<int:pk>/": Entry(lambda w, level: f"/acts/{w.levels[level].act.pk}/", workspace_record(302)),
    "events/": fixed("/events/", workspace()),
    "events/<int:pk>/": Entry(lambda w, level: f"/events/{w.levels[level].event.pk}/", workspace_record()),
    "people/": fixed("/people/", workspace()),
    "people/<int:pk>/": Entry(lambda w, level: f"/people/{w.levels[level].person.pk}/", workspace_record()),
    "people/<int:pk>/consent/": Entry(  # a POST: tests/workspace/test_consent.py
        lambda w, level: f"/people/{w.levels[level].person.pk}/consent/", workspace(405)
    ),
    "organisations/": fixed("/organisations/", workspace()),
    "organisations/<int:pk>/": Entry(
        lambda w, level: f"/organisations/{w.levels[level].organisation.pk}/", workspace_record()
    ),
    "sources/": fixed("/sources/", workspace()),
    "sources/<int:pk>/": Entry(lambda w, level: f"/sources/{w.levels[level].source.pk}/", workspace_record()),
    "sources/<int:pk>/original/": Entry(
        lambda w, level: f"/sources/{w.levels[level].source.pk}/original/", workspace_record()
    ),
    "<str:kind>/<int:pk>/sensitive/": Entry(  # an act's, a person's, a source's encrypted details: editors only
        lambda w, level: f"/person/{w.levels[level].person.pk}/sensitive/",
        lambda role, level: LOGIN if role == "public" else 200 if role in TRUSTED else 404,
    ),
    "merge/<str:kind>/<int:pk>/": Entry(  # merging two records: editors, on a record they see
        lambda w, level: f"/merge/person/{w.levels[level].person.pk}/",
        lambda role, level: (
            LOGIN if role == "public" else 404 if not sees(role, level) else 200 if role in TRUSTED else 403
        ),
    ),
    "merges/<int:pk>/undo/": fixed("/merges/1/undo/", workspace(405)),  # a POST: tests/workspace/test_merges.py
    "audit/": fixed("/audit/", workspace(roles=("administrator",))),  # the audit trail: administrators
    # the second factor: a step of a login under way, and one's own enrolment
    "login/two-factor/": fixed("/login/two-factor/", lambda role, level: 302),
    "account/two-factor/": fixed("/account/two-factor/", lambda role, level: LOGIN if role == "public" else 200),
    # the public pages: the same for every role, logged in or not
    "public/": fixed("/public/", lambda role, level: 200),
    "public/acts/<int:pk>/": Entry(
        lambda w, level: f"/public/acts/{w.levels[level].act.pk}/",
        lambda role, level: 200 if level == "public" else 404,
    ),
    "i18n/setlang/": fixed("/i18n/setlang/", lambda role, level: 302),
    # the administration's own pages
    "admin/": fixed("/admin/", admin_page(200)),
    "admin/login/": fixed("/admin/login/", lambda role, level: 302),  # one way in: Vigil's own login
    "admin/logout/": fixed("/admin/logout/", admin_page(405, 405)),  # a logout is a POST
    "admin/password_change/": fixed("/admin/password_change/", admin_page(200)),
    "admin/password_change/done/": fixed("/admin/password_change/done/", admin_page(200)),
    "admin/autocomplete/": fixed("/admin/autocomplete/", admin_page(403, 403)),  # no field named: refused
    "admin/jsi18n/": fixed("/admin/jsi18n/", admin_page(200)),
    "admin/r/<path:content_type_id>/<path:object_id>/": Entry(
        lambda w, level: f"/admin/r/{ContentType.objects.get(model='act').pk}/{w.levels[level].act.pk}/",
        admin_page(404, 404),  # records have no address outside Vigil to send anyone to
    ),
    "admin/otp_totp/totpdevice/<int:pk>/config/": fixed(  # a device's secret: no one reads it (django-otp hides it)
        "/admin/otp_totp/totpdevice/1/config/", admin_page(403, 403)
    ),
    "admin/otp_totp/totpdevice/<int:pk>/qrcode/": fixed("/admin/otp_totp/totpdevice/1/qrcode/", admin_page(403, 403)),
    "admin/^(?P<app_label>auth|otp_totp|accounts|records)/$": Entry(
        lambda w, level: "/admin/records/" if level == "public" else "/admin/auth/",
        lambda role, level: admin_page(200 if level == "public" else 404)(role, level),
    ),
    "admin/(?P<url>.*)$": fixed("/admin/nothing-here/", admin_page(404, 404)),
    "admin/records/source/intake/": fixed("/admin/records/source/intake/", admin_page(200)),
    "admin/auth/user/<id>/password/": Entry(
        lambda w, level: f"/admin/auth/user/{w.users['viewer'].pk}/password/", admin_page(403), per_level=False
    ),
}

# The administration's pages of each model: what each model's object of a level is, and what an
# editor may do there (administrators may do everything).
RECORD_OBJECTS: dict[str, Callable[[World, str], int]] = {
    "records/person": lambda w, level: w.levels[level].person.pk,
    "records/organisation": lambda w, level: w.levels[level].organisation.pk,
    "records/event": lambda w, level: w.levels[level].event.pk,
    "records/act": lambda w, level: w.levels[level].act.pk,
    "records/source": lambda w, level: w.levels[level].source.pk,
    "records/intervention": lambda w, level: w.levels[level].intervention.pk,
}
OTHER_OBJECTS: dict[str, Callable[[World, str], int]] = {
    "records/acttype": lambda w, level: ActType.objects.first().pk,
    "records/perpetratorkind": lambda w, level: PerpetratorKind.objects.first().pk,
    "records/interventiontype": lambda w, level: InterventionType.objects.first().pk,
    "records/role": lambda w, level: Role.objects.first().pk,
    "auth/user": lambda w, level: w.users["viewer"].pk,
    "auth/group": lambda w, level: Group.objects.first().pk,
    "otp_totp/totpdevice": lambda w, level: TOTPDevice.objects.first().pk,
    "accounts/loginfailure": lambda w, level: (
        LoginFailure.objects.get_or_create(username_key="nobody", address="192.0.2.1", defaults={"at": timezone.now()})[
            0
        ].pk
    ),
}
# What an editor gets on each model's pages: records are documented, terms only read, logins not touched.
EDITOR = {
    "records": {"": 200, "add/": 200, "history/": 200, "delete/": 403, "change/": 200},
    "terms": {"": 200, "add/": 403, "history/": 200, "delete/": 403, "change/": 200},
    "auth": {"": 403, "add/": 403, "history/": 403, "delete/": 403, "change/": 403},
}


NO_ADDING = {"accounts/loginfailure"}


def _model_entries() -> dict[str, Entry]:
    entries = {}
    for model in admin.site._registry:
        key = f"{model._meta.app_label}/{model._meta.model_name}"
        base = f"admin/{key}/"
        per_level = key in RECORD_OBJECTS
        kind = "records" if per_level else "auth" if key.startswith(("auth/", "otp_totp/", "accounts/")) else "terms"
        pk = RECORD_OBJECTS.get(key) or OTHER_OBJECTS[key]  # a model missing from both fails here
        entries[base] = fixed(f"/{base}", admin_page(EDITOR[kind][""]))
        refused = key in NO_ADDING  # made by Vigil itself, never by hand
        entries[f"{base}add/"] = fixed(f"/{base}add/", admin_page(EDITOR[kind]["add/"], 403 if refused else 200))
        for action in ("history/", "delete/", "change/"):
            entries[f"{base}<path:object_id>/{action}"] = Entry(
                lambda w, level, base=base, pk=pk, action=action: f"/{base}{pk(w, level)}/{action}",
                admin_page(EDITOR[kind][action]),
                per_level=per_level,
            )
        entries[f"{base}<path:object_id>/"] = Entry(
            lambda w, level, base=base, pk=pk: f"/{base}{pk(w, level)}/", admin_page(302, 302), per_level=per_level
        )
    return entries


def resolver_patterns(resolver: URLResolver | None = None, prefix: str = "") -> list[str]:
    """Return every URL pattern the resolver knows, included ones joined to their prefix."""
    found = []
    for pattern in (resolver or get_resolver()).url_patterns:
        if isinstance(pattern, URLResolver):
            found += resolver_patterns(pattern, prefix + str(pattern.pattern))
        else:
            found.append(prefix + str(pattern.pattern))
    return found


def test_every_url_pattern_has_an_entry_in_the_matrix_and_every_entry_a_pattern():
    matrix = {**MATRIX, **_model_entries()}
    known = resolver_patterns()

    assert sorted(set(known) - set(matrix)) == [], "URL patterns missing from the access matrix"
    assert sorted(set(matrix) - set(known)) == [], "matrix entries for URL patterns that no longer exist"
    assert len(known) == len(set(known)) > 100


def test_every_role_gets_the_expected_answer_at_every_url_for_every_level(world):
    clients = {"public": Client()}
    for role in ROLES[1:]:
        clients[role] = Client()
        clients[role].force_login(world.users[role])
    wrong = []
    for pattern, entry in {**MATRIX, **_model_entries()}.items():
        for level in LEVELS if entry.per_level else ("public",):
            url = entry.url(world, level)
            for role in ROLES:
                status = clients[role].get(url).status_code
                expected = entry.expect(role, level)
                if status != expected:
                    wrong.append(f"{role} GET {url} ({pattern}, {level}): {status}, expected {expected}")
    assert not wrong, "\n".join(wrong)
    # the matrix ran against the records it names: nothing was deleted or changed on the way
    assert get_user_model().objects.count() == len(ROLES) - 1
    assert all(type(world.levels[level].act).objects.filter(pk=world.levels[level].act.pk) for level in LEVELS)
