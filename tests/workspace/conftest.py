"""Fixtures of the workspace tests: a logged-in documenter and a draft source built from tests/builders.py."""

import pytest
from django.test import Client

from tests.builders import report_dict
from vigil.core.report import parse_report
from vigil.records.models import Source
from vigil.records.services import report_import, user_create

PASSWORD = "a-long-enough-password"


@pytest.fixture
def documenter_user(db):
    """Return a documenter: a staff user with the records app's view, add and change permissions."""
    return user_create(username="documenter", password=PASSWORD)


@pytest.fixture
def documenter(client: Client, documenter_user) -> Client:
    """Return a client logged in as the documenter."""
    client.force_login(documenter_user)
    return client


@pytest.fixture
def draft(db) -> Source:
    """Import the builders' report (Dana Issayeva, Bolat Omarov and their circle) as a draft source."""
    return report_import(report=parse_report(report_dict()))
