"""Hostile input through every way in (reports, pasted text, uploaded HTML, addresses, filters, search) is shown
as text on every kind of page: no tag, attribute or javascript: address of its own survives.

The browser's side (the review page in chromium, with a dialog listener) is in test_xss_browser.py.
"""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from tests.builders import act, report_dict
from vigil.core.report import parse_report
from vigil.records.models import Event, Organisation, Person, Source
from vigil.records.services import ActReview, report_import, source_review

pytestmark = pytest.mark.django_db

SCRIPT = '<script>alert("xss")</script>'
IMG = '"><img src=x onerror=alert("xss")>'
SVG = "'><svg onload=alert('xss')>"
LINK = "javascript:alert('xss')"
PAYLOADS = [SCRIPT, IMG, SVG, LINK]

# what must never appear in a page's markup: a payload's own tag, an event attribute, a javascript: address
LIVE = [
    re.compile(r"<script(?![^>]*\bsrc=)", re.IGNORECASE),
    re.compile(r"<(?:img|svg)\b[^>]*\son\w+=", re.IGNORECASE),
    re.compile(r"\b(?:href|src|action|formaction)\s*=\s*[\"']?\s*javascript:", re.IGNORECASE),
]
HOSTILE_TEXT = (
    f"Police in Almaty detained Dana {SCRIPT} Issayeva after a picket on Friday. {IMG} The court fined her. "
    f"{SVG} See {LINK} for more.\n\nA second paragraph with </p></mark><script>alert(2)</script> in it."
)


def assert_inert(html: str, where: str) -> None:
    for pattern in LIVE:
        found = pattern.search(html)
        assert found is None, f"{where}: live markup {found.group(0)!r}"


@pytest.fixture
def hostile_source(db) -> Source:
    """Import a report with a payload in every text field, and review it into verified records."""
    report = report_dict(
        "kz-2025-03-hostile",
        title=f"Title {SCRIPT}",
        publisher=f"Publisher {IMG}",
    ) | {
        "acts": [
            act(victim=f"Dana {SCRIPT} Issayeva", place=f"Almaty {SVG}", legal_basis=f"article {IMG}"),
            act(
                victim=f"Circle {SVG}",
                victim_kind="organization",
                victim_count=None,
                type="registration_denial",
                date="2019",
                date_precision="year",
                place=None,
                perpetrator="government",
                incident="kz-2019-hostile-circle",
            ),
        ],
        "interventions": [{"by": f"Bureau {SCRIPT}", "type": "statement"}],
    }
    report["source"]["text"] = HOSTILE_TEXT
    return report_import(report=parse_report(report))


def test_every_page_kind_shows_hostile_records_as_text(documenter, hostile_source):
    review_page = documenter.get(reverse("workspace:review", args=[hostile_source.pk]))
    assert review_page.status_code == 200
    assert_inert(review_page.content.decode(), "review (draft)")
    assert "&lt;script&gt;alert(&quot;xss&quot;)&lt;/script&gt;" in review_page.content.decode()  # shown, as text

    acts = list(hostile_source.acts.all())
    source_review(
        source=hostile_source,
        reviews=[ActReview(act_id=a.pk, accept=True, fields={}, victim_name=a.victim_description) for a in acts],
        reviewed_by=None,
    )
    person = Person.objects.get()
    urls = [
        reverse("workspace:inbox"),
        reverse("workspace:source", args=[hostile_source.pk]),
        reverse("workspace:sources"),
        reverse("workspace:acts"),
        reverse("workspace:people"),
        reverse("workspace:person", args=[person.pk]),
        reverse("workspace:organisations"),
        *[reverse("workspace:organisation", args=[o.pk]) for o in Organisation.objects.all()],
        reverse("workspace:events"),
        *[reverse("workspace:event", args=[event.pk]) for event in Event.objects.all()],
        reverse("workspace:review", args=[hostile_source.pk]),
    ]
    for url in urls:
        response = documenter.get(url)
        assert response.status_code == 200, url
        assert_inert(response.content.decode(), url)
    assert SCRIPT.replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;") in (
        documenter.get(reverse("workspace:person", args=[person.pk])).content.decode()
    )


@pytest.mark.parametrize("payload", PAYLOADS)
def test_search_and_filters_echo_hostile_queries_as_text(documenter, hostile_source, payload):
    for url, params in [
        (reverse("workspace:search"), {"q": payload}),
        (reverse("workspace:acts"), {"q": payload, "status": payload, "type": payload, "page": payload}),
        (reverse("workspace:people"), {"q": payload, "page": payload}),
        (reverse("workspace:sources"), {"q": payload, "from": payload, "to": payload}),
        (reverse("workspace:events"), {"q": payload}),
        (reverse("workspace:inbox"), {"page": payload}),
    ]:
        response = documenter.get(url, params)
        assert response.status_code in (200, 400), url
        assert_inert(response.content.decode(), f"{url} {params}")


def test_an_address_that_is_not_http_is_never_made_a_link(documenter, hostile_source):
    # intake and the admin take only web addresses; this one was written into the database some other way
    Source.objects.filter(pk=hostile_source.pk).update(url=LINK)

    for url in (
        reverse("workspace:source", args=[hostile_source.pk]),
        reverse("workspace:review", args=[hostile_source.pk]),
    ):
        html = documenter.get(url).content.decode()
        assert_inert(html, url)
    assert (
        "javascript:alert(&#x27;xss&#x27;)"
        in documenter.get(reverse("workspace:source", args=[hostile_source.pk])).content.decode()
    )  # shown as text


HOSTILE_PAGE = f"""<!DOCTYPE html><html><head><title>Activist {SCRIPT} detained</title>
<meta property="og:title" content="Activist &lt;script&gt;alert(1)&lt;/script&gt; detained">
<script>alert("head")</script></head>
<body onload="alert('body')"><article><h1>Activist detained in Almaty {IMG}</h1>
<p>Police in Almaty detained the activist Aigul Bekova on Friday after a picket.
<a href="{LINK}">Read more</a> <img src=x onerror="alert('img')"></p>
<p>On Saturday a court sentenced Aigul Bekova to 10 days of administrative arrest.</p>
<iframe src="javascript:alert('frame')"></iframe><svg onload="alert('svg')"></svg>
</article></body></html>"""


def test_an_uploaded_hostile_page_is_previewed_saved_and_reviewed_as_text(documenter):
    upload = SimpleUploadedFile("article.html", HOSTILE_PAGE.encode(), content_type="text/html")

    previewed = documenter.post(reverse("workspace:intake"), {"file": upload})

    assert previewed.status_code == 200, previewed.content.decode()[:2000]
    assert_inert(previewed.content.decode(), "intake preview")
    saved = documenter.post(reverse("workspace:intake"), {"save": "1", "token": previewed.context["token"]})
    source = Source.objects.get()
    assert saved["Location"] == reverse("workspace:review", args=[source.pk])
    for url in (saved["Location"], reverse("workspace:source", args=[source.pk]), reverse("workspace:inbox")):
        assert_inert(documenter.get(url).content.decode(), url)
    original = documenter.get(reverse("workspace:original", args=[source.pk]))
    assert original["Content-Security-Policy"] == "default-src 'none'; sandbox"  # the page's own scripts never run


def test_pasted_hostile_text_is_previewed_as_text(documenter):
    previewed = documenter.post(reverse("workspace:intake"), {"text": f"Title {SCRIPT}\n\n{HOSTILE_TEXT}"})

    assert previewed.status_code == 200
    assert_inert(previewed.content.decode(), "intake preview of pasted text")


@pytest.mark.parametrize(
    ("name", "content", "refusal"),
    [
        ("article.html", b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, "is a PNG image, not an article"),
        ("article.txt", b"%PDF-1.7\n" + b"\x00" * 64, "is a PDF document, not an article"),
        ("article.json", b"PK\x03\x04" + b"\x00" * 64, "not an article"),
    ],
)
def test_an_upload_is_judged_by_its_content_not_its_name(documenter, name, content, refusal):
    response = documenter.post(reverse("workspace:intake"), {"file": SimpleUploadedFile(name, content)})

    assert response.status_code == 400
    assert refusal in response.content.decode()
    assert not Source.objects.exists()


def test_an_html_page_named_as_text_is_read_as_html(documenter):
    upload = SimpleUploadedFile("notes.txt", HOSTILE_PAGE.encode(), content_type="text/plain")

    previewed = documenter.post(reverse("workspace:intake"), {"file": upload})

    assert previewed.context["draft"]["title"].startswith("Activist")
    assert "alert('body')" not in previewed.context["draft"].get("text", "")  # the markup is gone, not the words


def test_an_oversized_upload_is_refused_before_it_is_read(documenter):
    big = SimpleUploadedFile("big.html", b"<p>" + b"a" * (10 * 1024 * 1024) + b"</p>", content_type="text/html")

    response = documenter.post(reverse("workspace:intake"), {"file": big})

    assert response.status_code == 400 and "at most 10 MB" in response.content.decode()
    assert not Source.objects.exists()


def test_logged_out_visitors_get_no_page_at_all(client: Client, hostile_source):
    response = client.get(reverse("workspace:person", args=[1]))
    assert response.status_code == 302


@pytest.mark.parametrize(
    "markup",
    [
        f"<p>{SCRIPT}</p>",
        f'<p title="{IMG}">',
        f"<p>{SVG}</p>",
        f'<a href="{LINK}">x</a>',
        "<a href = 'JavaScript:alert(1)'>x</a>",
    ],
)
def test_the_check_catches_live_markup(markup):
    with pytest.raises(AssertionError):
        assert_inert(markup, "a page that let the payload through")


def test_the_admin_shows_hostile_records_as_text(client, hostile_source):
    from vigil.records.services import user_create

    client.force_login(user_create(username="operator", password="a-long-enough-password", admin=True))
    acts = list(hostile_source.acts.all())
    source_review(
        source=hostile_source,
        reviews=[ActReview(act_id=a.pk, accept=True, fields={}, victim_name=a.victim_description) for a in acts],
        reviewed_by=None,
    )
    person = Person.objects.get()
    urls = [
        reverse("admin:records_source_changelist"),
        reverse("admin:records_source_change", args=[hostile_source.pk]),
        reverse("admin:records_act_changelist"),
        reverse("admin:records_act_change", args=[acts[0].pk]),
        reverse("admin:records_person_changelist"),
        reverse("admin:records_person_change", args=[person.pk]),
        reverse("admin:records_organisation_changelist"),
        reverse("admin:records_event_changelist"),
        reverse("admin:records_intervention_changelist"),
        reverse("admin:records_source_changelist") + "?q=" + SCRIPT,
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        assert_inert(response.content.decode(), url)
