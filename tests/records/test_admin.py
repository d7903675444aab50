"""The administration is usable for every record: list, search, filter, add and change pages render."""

import pytest
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.urls import reverse

from tests.builders import TEXT, report_dict
from vigil.core.report import parse_report
from vigil.records.models import ActType
from vigil.records.services import report_import

pytestmark = pytest.mark.django_db

MODELS = sorted(admin.site._registry, key=lambda model: model.__name__)


@pytest.fixture
def operator(client):
    user = get_user_model().objects.create_superuser("operator", password="x-long-enough-password")
    client.force_login(user)
    report_import(report=parse_report(report_dict(text=TEXT)))
    return client


def test_every_record_model_is_registered():
    names = {model.__name__ for model in MODELS}
    assert {"Source", "Event", "Act", "Person", "Organisation", "Intervention", "ActType", "Role"} <= names


@pytest.mark.parametrize("model", MODELS, ids=lambda model: model.__name__)
def test_admin_pages_render_for_every_model(operator, model):
    meta = model._meta
    listing = operator.get(reverse(f"admin:{meta.app_label}_{meta.model_name}_changelist"), {"q": "Issayeva"})
    assert listing.status_code == 200
    add = operator.get(reverse(f"admin:{meta.app_label}_{meta.model_name}_add"))
    addable = admin.site._registry[model].has_add_permission(add.wsgi_request)  # failed logins are never added
    assert add.status_code == (200 if addable else 403)
    first = model.objects.first()
    if first is not None:
        change = operator.get(reverse(f"admin:{meta.app_label}_{meta.model_name}_change", args=[first.pk]))
        assert change.status_code == 200


def test_act_list_shows_the_victim_and_filters_by_type(operator):
    arrest = ActType.objects.get(code="administrative_detention")
    page = operator.get(reverse("admin:records_act_changelist"), {"type__id__exact": arrest.pk}).content.decode()
    assert "Dana Issayeva" in page and "Bolat Omarov" in page
    assert "2 acts" in page


def test_the_front_page_leads_to_the_workspaces_login():
    from django.test import Client

    response = Client().get("/", follow=True)
    assert response.redirect_chain[-1][0].startswith("/login/?next=/")
