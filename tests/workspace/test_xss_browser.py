"""Hostile records in a real browser: the review page opens no dialog, and no page breaks the CSP.

Chromium runs the review page twice: with the Content-Security-Policy bypassed, so that only the
escaping stands between a payload and a dialog (the policy would otherwise hide a lapse), and with
it, counting every violation the policy reports on the workspace's and the admin's pages.
"""

from collections.abc import Iterator
from pathlib import Path

import pytest
from django.db import connections
from playwright.sync_api import Browser, Page, sync_playwright

from tests.accounts.totp import code_now
from tests.workspace.conftest import PASSWORD
from tests.workspace.test_e2e import CHROMIUM, CHROMIUM_ARGS
from tests.workspace.test_xss import SCRIPT, hostile_source  # noqa: F401 (a fixture)
from vigil.records.services import user_create

pytestmark = pytest.mark.django_db(transaction=True)

VIOLATIONS = """window.__violations = [];
document.addEventListener("securitypolicyviolation",
    (e) => window.__violations.push(e.violatedDirective + " " + e.blockedURI));"""
INJECT = (
    """() => { const s = document.createElement('script'); s.textContent = 'alert(1)'; document.body.append(s); }"""
)


@pytest.fixture
def browser(monkeypatch) -> Iterator[Browser]:
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # the test's own ORM calls beside Playwright's loop
    if not Path(CHROMIUM).exists():
        pytest.fail(f"no browser at {CHROMIUM}: run scripts/test, which installs Debian's chromium")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()
        connections.close_all()


def open_page(browser: Browser, live_server, *, bypass_csp: bool) -> tuple[Page, list[str]]:
    context = browser.new_context(base_url=live_server.url, bypass_csp=bypass_csp, locale="en-GB")
    context.add_init_script(VIOLATIONS)
    page = context.new_page()
    page.set_default_timeout(30_000)
    dialogs: list[str] = []

    def on_dialog(dialog):
        dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", on_dialog)
    return page, dialogs


def log_in(page: Page, username: str, device_key: bytes) -> None:
    page.goto("/login/")
    page.get_by_label("User name").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.get_by_label("Code").fill(code_now(device_key))
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(lambda url: "/login" not in url)


def test_the_review_page_of_a_hostile_source_opens_no_dialog(browser, live_server, hostile_source):  # noqa: F811
    from django_otp.plugins.otp_totp.models import TOTPDevice

    user = user_create(username="aigerim", password=PASSWORD)
    device = TOTPDevice.objects.create(user=user, name="phone", confirmed=True)
    page, dialogs = open_page(browser, live_server, bypass_csp=True)
    log_in(page, "aigerim", device.bin_key)

    page.goto(f"/review/{hostile_source.pk}/")
    page.locator(".act-card").first.focus()  # the page's own script runs on focus: marks shown in the text
    page.get_by_text(SCRIPT).first.wait_for()  # the payload is on the page, as text
    page.wait_for_timeout(500)

    assert dialogs == []
    assert page.evaluate("document.querySelectorAll('main script, main img[onerror], main svg[onload]').length") == 0


def test_the_check_catches_a_dialog(browser, live_server):
    # the listener works: a page whose script opens a dialog is caught (the policy bypassed, as above)
    page, dialogs = open_page(browser, live_server, bypass_csp=True)
    page.goto("/login/")
    page.evaluate(
        "() => { const s = document.createElement('script'); s.textContent = 'alert(1)'; document.body.append(s); }"
    )
    assert dialogs == ["1"]


def test_no_page_breaks_the_content_security_policy(browser, live_server, hostile_source):  # noqa: F811
    from django_otp.plugins.otp_totp.models import TOTPDevice

    user = user_create(username="operator", password=PASSWORD, admin=True)
    device = TOTPDevice.objects.create(user=user, name="phone", confirmed=True)
    page, dialogs = open_page(browser, live_server, bypass_csp=False)
    log_in(page, "operator", device.bin_key)
    urls = [
        "/", f"/review/{hostile_source.pk}/", f"/sources/{hostile_source.pk}/", "/intake/", "/acts/",
        "/search/?q=%3Cscript%3Ealert(1)%3C/script%3E", "/admin/", "/admin/records/act/", "/admin/auth/user/add/",
    ]  # fmt: skip
    for url in urls:
        page.goto(url)
        page.wait_for_load_state("load")
        assert page.evaluate("window.__violations") == [], url
    # and the policy is in force: an injected inline script is refused and reported
    page.evaluate(
        "() => { const s = document.createElement('script'); s.textContent = 'alert(1)'; document.body.append(s); }"
    )
    page.wait_for_timeout(200)
    assert dialogs == [] and any("script-src" in v for v in page.evaluate("window.__violations"))
