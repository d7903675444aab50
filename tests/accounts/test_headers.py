"""Security headers on every kind of answer, and pages that need no inline script or style."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from tests.workspace.conftest import PASSWORD
from vigil.core.report import parse_report
from vigil.records.services import report_import, user_create

pytestmark = pytest.mark.django_db

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; "
    "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)
INLINE = [
    re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.IGNORECASE),  # a script without src
    re.compile(r"<[a-z][^>]*\sstyle=", re.IGNORECASE),  # a style attribute
    re.compile(r"<style", re.IGNORECASE),
    re.compile(r"<[a-z][^>]*\son[a-z]+=", re.IGNORECASE),  # an event handler attribute
    re.compile(r"javascript:", re.IGNORECASE),
]


@pytest.fixture
def admin_client(client: Client) -> Client:
    client.force_login(user_create(username="operator", password=PASSWORD, admin=True))  # second factor passed
    return client


def pages(draft_pk: int) -> list[str]:
    workspace = [reverse(f"workspace:{name}") for name in ("inbox", "intake", "acts", "events", "people")]
    workspace += [reverse("workspace:organisations"), reverse("workspace:sources"), reverse("workspace:search")]
    workspace += [reverse("workspace:review", args=[draft_pk]), reverse("workspace:source", args=[draft_pk])]
    workspace += [reverse("accounts:enrol"), "/search/?q=police", "/acts/?status=draft"]
    admin = ["/admin/", "/admin/records/act/", "/admin/records/source/", "/admin/auth/user/", "/admin/auth/user/add/"]
    return workspace + admin


def test_every_page_sends_the_security_headers_and_has_nothing_inline(admin_client, report):
    draft = report_import(report=parse_report(report))
    for url in pages(draft.pk):
        response = admin_client.get(url)
        assert response.status_code == 200, url
        assert response["Content-Security-Policy"] == CSP, url
        assert response["X-Frame-Options"] == "DENY"
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["Referrer-Policy"] == "same-origin"
        assert response["Cross-Origin-Opener-Policy"] == "same-origin"
        assert response["Permissions-Policy"] == "camera=(), microphone=(), geolocation=(), payment=()"
        html = response.content.decode()
        for pattern in INLINE:
            assert not pattern.search(html), f"{url}: {pattern.pattern} at {pattern.search(html).group(0)!r}"


def test_the_login_page_and_errors_send_them_too(client):
    for response in (client.get(reverse("workspace:login")), client.get("/no-such-page/")):
        assert response["Content-Security-Policy"] == CSP
        assert response["X-Frame-Options"] == "DENY"


def test_the_cookies_are_http_only_and_same_site(client, db):
    user = user_create(username="reader", password=PASSWORD)
    user.is_staff = False
    user.save()
    client.get(reverse("workspace:login"))
    client.post(reverse("workspace:login"), {"username": "reader", "password": PASSWORD})

    for name in ("sessionid", "csrftoken"):
        cookie = client.cookies[name]
        assert cookie["httponly"] and cookie["samesite"] == "Lax", name
