"""Test set-up: a data directory of the test run's own, and shared fixtures."""

import os
import tempfile

# Settings read VIGIL_DATA_DIR when Django starts. The settings module is named here, not in
# pyproject.toml, so that pytest-django starts Django after this file has run: the suite never
# touches the data directory of a real installation.
os.environ["VIGIL_DATA_DIR"] = tempfile.mkdtemp(prefix="vigil-test-")
os.environ["DJANGO_SETTINGS_MODULE"] = "vigil.settings"

import django  # noqa: E402
import pytest  # noqa: E402
from django.conf import settings  # noqa: E402

django.setup()

from tests.builders import report_dict  # noqa: E402


@pytest.fixture
def report() -> dict:
    """Return a valid exchange-format report as decoded JSON, to alter per test."""
    return report_dict()


@pytest.fixture(autouse=True)
def _default_language():
    """Give each test the default language back: a request in Russian leaves it active in the thread."""
    yield
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)


PASSWORD = "a-long-enough-password"


@pytest.fixture
def make_user(db):
    """Return a function that makes a login with a role (administrator, editor, contributor or viewer)."""
    from vigil.records.services import user_create

    def make(role: str, username: str = "") -> object:
        return user_create(username=username or role, password=PASSWORD, role=role)

    return make


@pytest.fixture
def editor(make_user):
    """Return an editor: sees every record, restricted ones too."""
    return make_user("editor")


@pytest.fixture
def world(db):
    """Return a login of every role and records at every confidentiality level (tests/access_world.py)."""
    from tests.access_world import build_world

    return build_world()


@pytest.fixture(autouse=True)
def _force_login_includes_the_second_factor(monkeypatch):
    """Let the test client's force_login stand for a whole login, second factor included.

    It already skips the password; for a user who must pass a second factor it now also gives the user a
    real TOTP device and marks the session as verified by it, as the login's second step does.
    tests/accounts/ go through the real steps.
    """
    from django.test import Client
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from vigil.accounts.selectors import two_factor_required

    force_login = Client.force_login

    def force_login_verified(self, user, backend=None):
        force_login(self, user, backend)
        if two_factor_required(user):
            device, _ = TOTPDevice.objects.get_or_create(user=user, confirmed=True, defaults={"name": "test"})
            session = self.session
            session[DEVICE_ID_SESSION_KEY] = device.persistent_id
            session.save()

    monkeypatch.setattr(Client, "force_login", force_login_verified)
