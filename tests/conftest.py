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
