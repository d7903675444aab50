"""The intake page: a documenter gives an article, previews its draft report, and saves it as draft records.

The articles are written for these tests. Extraction rules are tuned elsewhere, so the tests hold
only to what is stable: the detention of the named activist is found.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import signing
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import timezone

from vigil.core.archive import Archive
from vigil.records.admin_intake import SAVE_SALT
from vigil.records.models import Act, Source
from vigil.records.services import user_create

pytestmark = pytest.mark.django_db

INTAKE = "/admin/records/source/intake/"

ENGLISH = (
    "Police in Almaty detained the activist Aigul Bekova on 3 March 2025. "
    "On 4 March a court sentenced her to 10 days of administrative arrest."
)
RUSSIAN = (
    "Полиция в Алматы задержала активистку Айгуль Бекову 3 марта 2025 года. "
    "4 марта суд назначил ей 10 суток административного ареста."
)
PAGE = """<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>Activist detained in Almaty | The Valley Herald</title>
<meta property="og:title" content="Activist detained in Almaty">
<meta property="og:site_name" content="The Valley Herald"></head>
<body>
<nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article>
<h1>Activist detained in Almaty</h1>
<p>Police in Almaty detained the activist Aigul Bekova on 3 March 2025, shortly after she spoke at a
small gathering in a city park about the rights of workers in the region.</p>
<p>On 4 March a district court sentenced her to 10 days of administrative arrest for taking part in an
unauthorised public event. Her lawyer said she would appeal against the decision.</p>
</article>
<footer>All rights reserved.</footer>
</body></html>
"""
PNG = b"\x89PNG\r\n\x1a\n" + bytes(200)


@pytest.fixture
def documenter(client: Client) -> Client:
    """Log in a documenter: a staff user with the records app's view, add and change permissions."""
    client.force_login(user_create(username="documenter", password="a-long-enough-password"))
    return client


@pytest.fixture
def page_server() -> Iterator[tuple[str, int]]:
    """Serve PAGE over HTTP on 127.0.0.1 at a free port; yield (ip, port)."""

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 (the name http.server calls)
            body = PAGE.encode("utf-8")
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            """Keep the test output quiet."""

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield "127.0.0.1", server.server_address[1]
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def preview(client: Client, **data: object):
    return client.post(INTAKE, {"language": "", "published": "", **data})


def save(client: Client, token: str):
    return client.post(INTAKE, {"token": token, "save": "Save as draft records"}, follow=True)


def detentions_of(response, victim: str) -> list[dict]:
    acts = response.context["draft"]["acts"]
    return [act for act in acts if act["type_code"] == "detention" and victim in act["victim"]]


def form_errors(response) -> str:
    return " ".join(response.context["form"].non_field_errors())


# Pasted text


def test_pasted_english_text_is_previewed_then_saved_as_drafts_by_the_documenter(documenter):
    previewed = preview(documenter, text=ENGLISH)

    assert previewed.status_code == 200
    assert detentions_of(previewed, "Aigul Bekova")
    assert Source.objects.count() == 0
    sha256 = previewed.context["draft"]["sha256"]
    assert sha256 in previewed.content.decode()

    saved = save(documenter, previewed.context["token"])

    source = Source.objects.get()
    acts = Act.objects.filter(reports__source=source)
    assert saved.redirect_chain[-1][0] == reverse("admin:records_source_change", args=[source.pk])
    assert f"Saved: {acts.count()} acts as drafts" in saved.content.decode()
    assert source.archive_sha256 == sha256
    assert Archive(settings.ARCHIVE_DIR).get(sha256) == ENGLISH.encode("utf-8")
    assert source.created_by.username == "documenter"
    assert acts.filter(type__code="detention").exists()
    assert set(acts.values_list("status", flat=True)) == {"draft"}
    assert {act.created_by.username for act in acts} == {"documenter"}


def test_pasted_russian_text_finds_the_detention(documenter):
    previewed = preview(documenter, text=RUSSIAN)

    assert detentions_of(previewed, "Айгуль")
    assert previewed.context["draft"]["language"] == "Russian"


def test_corrections_to_language_and_date_are_kept_through_the_save(documenter):
    previewed = preview(documenter, text=ENGLISH, language="en", published="2025-03-05")

    assert previewed.context["draft"]["published"] == "2025-03-05"
    save(documenter, previewed.context["token"])
    assert Source.objects.get().published.isoformat() == "2025-03-05"


def test_another_language_leaves_the_language_blank_when_one_of_the_four_was_detected(documenter):
    previewed = preview(documenter, text=ENGLISH, language="other")

    assert previewed.context["draft"]["language"] == ""
    save(documenter, previewed.context["token"])
    assert Source.objects.get().language == ""


def test_hostile_title_is_shown_as_text(documenter):
    previewed = preview(documenter, text="<script>alert(1)</script>\n\n" + ENGLISH)

    page = previewed.content.decode()
    assert previewed.context["draft"]["title"] == "<script>alert(1)</script>"
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


# Files


def test_uploaded_html_page_is_read_by_its_content_and_saved(documenter):
    upload = SimpleUploadedFile("saved-page.txt", PAGE.encode("utf-8"), content_type="text/plain")

    previewed = preview(documenter, file=upload)

    assert previewed.context["draft"]["title"] == "Activist detained in Almaty"
    assert detentions_of(previewed, "Aigul Bekova")
    save(documenter, previewed.context["token"])
    source = Source.objects.get()
    assert (source.file_name, source.archive_media_type) == ("saved-page.txt", "text/html")


def test_binary_upload_is_refused_plainly_and_nothing_is_saved(documenter):
    response = preview(documenter, file=SimpleUploadedFile("photo.html", PNG, content_type="text/html"))

    assert "photo.html is a PNG image, not an article" in form_errors(response)
    assert "draft" not in response.context
    assert Source.objects.count() == 0


def test_upload_over_ten_megabytes_is_refused_by_its_size(documenter):
    big = SimpleUploadedFile("big.txt", b"a" * (10 * 1024 * 1024 + 1), content_type="text/plain")

    response = preview(documenter, file=big)

    assert "an article may be at most 10 MB" in " ".join(response.context["form"].errors["file"])


# Web addresses


def test_address_served_over_http_is_fetched_previewed_and_saved(documenter, page_server):
    ip, port = page_server
    url = f"http://{ip}:{port}/news/2025/03/activist-detained"
    before = timezone.now()

    with override_settings(VIGIL_INTAKE_FETCH_ALLOW=[(ip, port)]):
        previewed = preview(documenter, url=url)
        assert previewed.context["draft"]["url"] == url
        assert detentions_of(previewed, "Aigul Bekova")
        save(documenter, previewed.context["token"])

    source = Source.objects.get()
    assert (source.url, source.archive_media_type) == (url, "text/html; charset=utf-8")
    assert Archive(settings.ARCHIVE_DIR).get(source.archive_sha256) == PAGE.encode("utf-8")
    assert before <= source.retrieved_at <= timezone.now()


def test_private_address_is_refused_by_the_guard_and_nothing_is_saved(documenter, page_server):
    ip, port = page_server

    response = preview(documenter, url=f"http://{ip}:{port}/news")

    assert "a loopback address" in form_errors(response)
    assert response.context["form"]["url"].value() == f"http://{ip}:{port}/news"
    assert Source.objects.count() == 0


# The form


def test_empty_form_asks_for_one_way_of_giving_the_article(documenter):
    response = preview(documenter)

    assert "Give the article in one of three ways" in form_errors(response)


def test_two_ways_at_once_are_refused_and_what_was_typed_is_kept(documenter):
    response = preview(documenter, url="https://example.org/news/1", text=ENGLISH)

    assert "Give only one of web address, file and text: you gave web address and text." in form_errors(response)
    page = response.content.decode()
    assert "https://example.org/news/1" in page and "Aigul Bekova on 3 March 2025" in page
    assert Source.objects.count() == 0


def test_the_page_and_the_links_to_it_show_for_a_documenter(documenter):
    assert documenter.get(INTAKE).status_code == 200
    assert INTAKE in documenter.get(reverse("admin:records_source_changelist")).content.decode()
    assert INTAKE in documenter.get(reverse("admin:app_list", args=["records"])).content.decode()


@pytest.mark.parametrize("role", [None, "viewer", "contributor"])
def test_staff_login_without_the_editor_or_administrator_role_is_sent_to_the_admin_login(client, role):
    """The administration is for editors and administrators; other logins never reach the intake there."""
    from django.contrib.auth.models import Group, Permission

    user = get_user_model().objects.create_user("visitor", password="a-long-enough-password", is_staff=True)
    if role:
        user.groups.add(Group.objects.get(name=role))
    user.user_permissions.add(Permission.objects.get(codename="add_source", content_type__app_label="records"))
    client.force_login(user)

    for response in (client.get(INTAKE), client.post(INTAKE, {"text": ENGLISH})):
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("admin:login"))
    assert Source.objects.count() == 0


# Saving


def test_tampered_token_is_refused_and_nothing_is_saved(documenter):
    token = preview(documenter, text=ENGLISH).context["token"]
    payload = signing.loads(token, salt=SAVE_SALT)
    forged = signing.dumps({**payload, "kind": "file", "file_name": "other.html"}, salt="another-form")
    altered = token[:-1] + ("A" if token[-1] != "A" else "B")

    for bad in (forged, altered, ""):
        response = save(documenter, bad)
        assert "This preview cannot be saved" in response.content.decode()
    assert Source.objects.count() == 0


def test_token_made_for_another_login_is_refused(documenter, client):
    token = preview(documenter, text=ENGLISH).context["token"]
    other = Client()
    other.force_login(user_create(username="colleague", password="a-long-enough-password"))

    assert "This preview cannot be saved" in save(other, token).content.decode()
    assert Source.objects.count() == 0


def test_token_older_than_a_day_is_refused(documenter):
    payload = signing.loads(preview(documenter, text=ENGLISH).context["token"], salt=SAVE_SALT)

    class TwoDaysAgo(signing.TimestampSigner):
        def timestamp(self) -> str:
            return signing.b62_encode(int(time.time()) - 2 * 24 * 3600)

    old = TwoDaysAgo(salt=SAVE_SALT).sign_object(payload, serializer=signing.JSONSerializer)

    assert "more than a day old" in save(documenter, old).content.decode()
    assert Source.objects.count() == 0


def test_saving_twice_says_it_is_already_recorded_and_links_to_the_source(documenter):
    token = preview(documenter, text=ENGLISH).context["token"]
    save(documenter, token)

    again = save(documenter, token)

    source = Source.objects.get()
    page = again.content.decode()
    assert "This article is already recorded" in page
    assert f'href="{reverse("admin:records_source_change", args=[source.pk])}"' in page
