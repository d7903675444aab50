"""Editors change sensitive details on the workspace's own page; readers get a missing page."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.db import connection
from django.test import Client
from django.urls import reverse

from vigil.records.models import Act, Involvement, Person, Source
from vigil.records.services import sensitive_details_update


@pytest.fixture(autouse=True)
def _own_key_file(settings, tmp_path):
    settings.FIELD_KEYS_FILE = tmp_path / "field-keys"


def stored(table: str, column: str, row_id: int) -> str:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {column} FROM {table} WHERE id = %s", [row_id])  # noqa: S608
        return cursor.fetchone()[0]


@pytest.fixture
def reader(db) -> Client:
    user = get_user_model().objects.create_user(username="reader", password="x" * 16, is_staff=True)
    user.user_permissions.set(
        Permission.objects.filter(content_type__app_label="records", codename__startswith="view_")
    )
    client = Client()
    client.force_login(user)
    return client


@pytest.mark.parametrize(
    ("kind", "model", "field", "back"),
    [
        ("person", Person, "contact_details", lambda r: reverse("workspace:person", args=[r.pk])),
        ("source", Source, "informant", lambda r: reverse("workspace:source", args=[r.pk])),
        ("act", Act, "place_of_detention", lambda r: reverse("workspace:act", args=[r.pk])),
        ("involvement", Involvement, "testimony", lambda r: reverse("workspace:act", args=[r.act_id])),
    ],
)
def test_an_editor_changes_a_sensitive_field_and_it_is_stored_encrypted(documenter, draft, kind, model, field, back):
    record = model.objects.order_by("pk").first()
    address = reverse("workspace:sensitive", args=[kind, record.pk])
    assert documenter.get(address).status_code == 200

    response = documenter.post(address, {field: "Новое значение: ул. Тестовая 1"}, follow=True)

    assert response.status_code == 200
    assert response.redirect_chain[0][0] == back(record)
    raw = stored(model._meta.db_table, field, record.pk)
    assert raw.startswith("enc1:") and "Тестовая" not in raw
    assert getattr(model.objects.get(pk=record.pk), field) == "Новое значение: ул. Тестовая 1"
    if kind != "involvement":  # testimony is edited here and in the admin, shown on neither list
        assert "Новое значение: ул. Тестовая 1" in response.content.decode()


def test_the_page_shows_the_current_value_to_an_editor(documenter, draft):
    person = Person.objects.order_by("pk").first()
    person.contact_details = "Brother: +7 701 222 33 44"
    person.save()
    page = documenter.get(reverse("workspace:sensitive", args=["person", person.pk])).content.decode()
    assert "Brother: +7 701 222 33 44" in page


def test_a_reader_gets_a_missing_page_and_changes_nothing(reader, draft):
    person = Person.objects.order_by("pk").first()
    person.contact_details = "kept"
    person.save()
    address = reverse("workspace:sensitive", args=["person", person.pk])
    assert reader.get(address).status_code == 404
    assert reader.post(address, {"contact_details": "overwritten"}).status_code == 404
    assert Person.objects.get(pk=person.pk).contact_details == "kept"


def test_an_unknown_kind_or_record_is_a_missing_page(documenter, draft):
    assert documenter.get(reverse("workspace:sensitive", args=["organisation", 1])).status_code == 404
    assert documenter.get(reverse("workspace:sensitive", args=["person", 999999])).status_code == 404


def test_the_service_names_the_fields_changed_and_refuses_others(draft):
    person = Person.objects.order_by("pk").first()
    assert sensitive_details_update(record=person, values={"contact_details": "new"}, changed_by=None) == [
        "contact_details"
    ]
    assert sensitive_details_update(record=person, values={"contact_details": "new"}, changed_by=None) == []
    with pytest.raises(ValueError, match="records.Person has no sensitive field name"):
        sensitive_details_update(record=person, values={"name": "renamed"}, changed_by=None)
    assert Person.objects.get(pk=person.pk).name == person.name
