"""End to end, in a real browser over real HTTP: a documenter takes an article in, reviews it into a verified
record, finds it by search, sees it on the person's timeline, and switches the interface to Russian.

Playwright drives Debian's chromium (VIGIL_CHROMIUM, default /usr/bin/chromium; scripts/test installs it).
When the browser is missing the test fails: it is never skipped. Screenshots of the main pages are saved
under $TEST_ARTEFACTS/screenshots/<database>/ (default test-artifacts/).
"""

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.db import connection, connections
from playwright.sync_api import Browser, Page, expect, sync_playwright

from tests.accounts.totp import code_now, key_of_secret
from tests.builders import act, report_dict
from tests.workspace.conftest import PASSWORD
from vigil.core.report import parse_report
from vigil.records.models import Act, Person, Source
from vigil.records.services import ActReview, report_import, source_review, user_create

CHROMIUM = os.environ.get("VIGIL_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]  # fmt: skip
ARTICLE = Path(__file__).parent / "articles" / "shymkent-activist-detained.txt"

pytestmark = pytest.mark.django_db(transaction=True)

UNLABELLED = """() => [...document.querySelectorAll("input, select, textarea")]
    .filter(el => el.type !== "hidden" && el.labels.length === 0 && !el.getAttribute("aria-label"))
    .map(el => el.name || el.id)"""


def assert_accessible_basics(page: Page) -> None:
    """Every input has a label, and the first Tab on a page just opened reaches the skip link."""
    assert page.evaluate(UNLABELLED) == []
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip"


@pytest.fixture
def browser(monkeypatch) -> Iterator[Browser]:
    """Start Debian's chromium through Playwright; fail, never skip, when it is not installed."""
    # Playwright's sync API runs an event loop in this thread, so Django would refuse the test's own
    # (synchronous, safe) ORM calls; allowed for this test only, never in the environment of others
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    if not Path(CHROMIUM).exists():
        pytest.fail(
            f"no browser at {CHROMIUM}: run scripts/test, which installs Debian's chromium, or set VIGIL_CHROMIUM"
        )
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()
        # the test's queries ran beside Playwright's event loop, in a context of their own: close their
        # connections here, or PostgreSQL cannot drop the test database at the end
        connections.close_all()


@pytest.fixture
def page(browser: Browser, live_server) -> Iterator[Page]:
    context = browser.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 900}, locale="en-GB")
    page = context.new_page()
    page.set_default_timeout(30_000)
    yield page
    context.close()


@pytest.fixture
def shots() -> Path:
    folder = Path(os.environ.get("TEST_ARTEFACTS", "test-artifacts")) / "screenshots" / connection.vendor
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def test_a_documenter_takes_an_article_to_a_verified_record_and_finds_it_again(page: Page, shots: Path):
    user_create(username="aigerim", password=PASSWORD)
    earlier = report_import(
        report=parse_report(
            report_dict("kz-2024-09-dalanews-zhakupova", language="ru", published="2024-09-20")
            | {"acts": [act(victim="Сауле Жакупова", type="fine", date="2024-09-18", amount=50, currency="KZT-MCI",
                            place="Шымкент", perpetrator="court", incident="kz-2024-zhakupova-fine")]}
        )
    )  # fmt: skip
    source_review(
        source=earlier,
        reviews=[
            ActReview(act_id=a.pk, accept=True, fields={}, victim_name="Сауле Жакупова") for a in earlier.acts.all()
        ],
        reviewed_by=None,
    )
    recorded = Person.objects.get(name="Сауле Жакупова")

    # log in: the workspace is the landing page
    page.goto("/")
    assert "/login/" in page.url
    page.get_by_label("User name").fill("aigerim")
    page.get_by_label("Password").fill(PASSWORD)
    page.screenshot(path=shots / "01-login.png")
    page.get_by_role("button", name="Log in").click()
    # a documenter may enter the admin, so the first login sets up the second factor: the page shows the
    # secret (and its QR code) that an authenticator app takes, and asks for the code the app then shows
    expect(page.get_by_role("heading", name="Set up two-factor login")).to_be_visible()
    assert page.locator("figure.qr svg").count() == 1
    page.screenshot(path=shots / "01-two-factor-enrolment.png")
    page.get_by_label("Code").fill(code_now(key_of_secret(page.locator("code.secret").inner_text())))
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("heading", name="Drafts to review")).to_be_visible()

    # take the article in: preview, then save as drafts
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Take in").click()
    page.get_by_label("Text", exact=True).fill(ARTICLE.read_text(encoding="utf-8"))
    page.get_by_role("button", name="Preview").click()
    draft = page.locator("#intake-draft")
    expect(draft).to_contain_text("Saule Zhakupova")
    page.screenshot(path=shots / "02-intake-preview.png", full_page=True)
    page.get_by_role("button", name="Save as drafts and review").click()

    # review: the text is marked, the victim is found already recorded in Cyrillic
    expect(page.get_by_role("heading", name="The source's text")).to_be_visible()
    expect(page.locator("mark", has_text="Saule Zhakupova").first).to_be_visible()
    assert_accessible_basics(page)
    detention = page.locator(".act-card").filter(has=page.locator("h2", has_text="Detention: Saule Zhakupova"))
    detention.get_by_label("Already recorded: Сауле Жакупова").check()
    detention.get_by_label("Place").fill("Shymkent, outside the city administration")
    arrest = page.locator(".act-card").filter(has=page.locator("h2", has_text="Administrative arrest: Saule Zhakupova"))
    arrest.get_by_label("Already recorded: Сауле Жакупова").check()
    page.screenshot(path=shots / "03-review.png", full_page=True)
    page.get_by_role("button", name="Save as verified").click()
    expect(page.get_by_role("status")).to_contain_text("Verified: 2")

    source = Source.objects.exclude(pk=earlier.pk).get()
    acts = Act.objects.filter(reports__source=source)
    assert source.status == "verified"
    assert {(a.type.code, a.status, a.involvements.get().person_id) for a in acts} == {
        ("detention", "verified", recorded.pk),
        ("administrative_detention", "verified", recorded.pk),
    }
    assert acts.get(type__code="detention").place == "Shymkent, outside the city administration"

    # find it by search, in Latin letters, and open the person's timeline
    page.get_by_label("Search everything").fill("Zhakupova")
    page.get_by_label("Search everything").press("Enter")
    expect(page.get_by_role("status")).to_contain_text("found")
    page.screenshot(path=shots / "04-search.png", full_page=True)
    page.locator(".hits").get_by_role("link", name="Сауле Жакупова", exact=True).click()
    timeline = page.locator(".timeline > li")
    expect(timeline).to_have_count(3)
    note = "This is not the first time: since 18 September 2024, 3 acts recorded."
    expect(page.get_by_role("note")).to_contain_text(note)
    expect(timeline.first).to_contain_text("Fine")
    expect(timeline.last).to_contain_text("Environmental activist detained in Shymkent")
    page.screenshot(path=shots / "05-person-timeline.png", full_page=True)

    # switch the interface to Russian: the same page, in Russian, with dates in its format
    page.get_by_label("Language").select_option("ru")
    expect(page.get_by_role("heading", name="Хронология действий против них")).to_be_visible()
    expect(timeline.first).to_contain_text("18 сентября 2024 г.")
    page.screenshot(path=shots / "06-person-timeline-ru.png", full_page=True)

    # the lists, and a phone's width: nothing wider than the screen but the tables, which scroll
    page.goto("/acts/")
    expect(page.get_by_role("heading", name="Действия")).to_be_visible()
    assert_accessible_basics(page)
    page.screenshot(path=shots / "07-acts-ru.png", full_page=True)
    page.set_viewport_size({"width": 360, "height": 780})
    page.goto("/events/")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    page.screenshot(path=shots / "08-events-phone.png", full_page=True)
    page.goto(f"/sources/{source.pk}/")
    expect(page.get_by_text(source.archive_sha256)).to_be_visible()
    page.screenshot(path=shots / "09-source-phone.png", full_page=True)


def test_an_editor_merges_two_records_of_one_person_and_undoes_it(page: Page, shots: Path):
    user_create(username="madina", password=PASSWORD)
    report_import(report=parse_report(report_dict()))
    report_import(
        report=parse_report(
            report_dict("kz-2025-03-vesti-issayeva", language="ru", publisher="Вести Степи")
            | {"acts": [act(victim="Дана Исаева", incident="x1")], "interventions": []}
        )
    )
    latin, cyrillic = Person.objects.get(name="Dana Issayeva"), Person.objects.get(name="Дана Исаева")
    page.goto("/")
    page.get_by_label("User name").fill("madina")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.get_by_label("Code").fill(code_now(key_of_secret(page.locator("code.secret").inner_text())))
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("heading", name="Drafts to review")).to_be_visible()

    # from her page: the same name in Cyrillic is offered; compare side by side, then merge
    page.goto(f"/people/{latin.pk}/")
    page.get_by_role("link", name="Merge another record of this person into this one").click()
    page.get_by_role("link", name="Дана Исаева").click()
    expect(page.get_by_role("columnheader", name="Merged into it, then hidden")).to_be_visible()
    assert_accessible_basics(page)
    page.screenshot(path=shots / "10-merge-compare.png", full_page=True)
    page.get_by_role("button", name=f"Merge #{cyrillic.pk} into #{latin.pk}").click()
    expect(page.get_by_role("status")).to_contain_text("is merged into this record")
    expect(page.locator("dd", has_text="Дана Исаева")).to_be_visible()  # one of her names now
    timeline = page.locator("section", has=page.get_by_role("heading", name="Timeline of acts against them"))
    expect(timeline.locator("ol.timeline > li")).to_have_count(4)  # three acts of one source, one of the other
    page.screenshot(path=shots / "11-merged-person.png", full_page=True)

    # a mistake: undo it, and both records are apart again
    page.get_by_role("button", name="Undo this merge").click()
    expect(page.get_by_role("status")).to_contain_text("is a record of its own again")
    expect(timeline.locator("ol.timeline > li")).to_have_count(3)
    page.goto(f"/people/{cyrillic.pk}/")
    expect(page.get_by_role("heading", name="Дана Исаева")).to_be_visible()
