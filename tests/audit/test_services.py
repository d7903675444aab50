"""record_event and what writes through it: field values kept or not, names encoded, logins, imports, reviews, reads."""

import threading

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test import Client
from django.urls import reverse

from tests.builders import report_dict
from vigil.audit.models import AuditEntry
from vigil.audit.selectors import chain_verify
from vigil.audit.services import encode_name, record_event, record_read
from vigil.core.report import parse_report
from vigil.records.models import Act, Confidentiality, Event, Organisation, Person, Source
from vigil.records.services import ActReview, report_import, source_review, user_create

PASSWORD = "a-long-enough-password"
SENTINEL = "SENTINEL-cell-block-7-Karaganda"


def audit_table_text() -> str:
    """Return every row of the audit table as text, as someone reading the database would see it."""
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT * FROM {connection.ops.quote_name(AuditEntry._meta.db_table)}")  # noqa: S608
        return repr(cursor.fetchall())


@pytest.fixture
def editor(db):
    return user_create(username="editor", password=PASSWORD)


@pytest.fixture
def administrator(db):
    """Return an administrator: whatever the roles, one who may open a restricted record."""
    return user_create(username="administrator", password=PASSWORD, admin=True)


def test_an_entry_says_who_when_what_and_from_where(editor, rf):
    person = Person.objects.create(name="Invented Person")
    request = rf.get("/", REMOTE_ADDR="192.0.2.7", HTTP_X_FORWARDED_FOR="203.0.113.9")
    request.user = editor

    entry = record_event(
        actor=editor, action="change", target=person, fields={"name": "Invented Person"}, request=request
    )

    entry.refresh_from_db()
    assert (entry.actor_id, entry.actor, entry.action) == (editor.pk, "editor", "change")
    assert (entry.target_type, entry.target_id) == ("records.person", str(person.pk))
    assert entry.fields == {"name": "Invented Person"} and entry.redacted == []
    assert entry.ip == "192.0.2.7"  # the connection's address; a header the client writes is not trusted


def test_sensitive_fields_are_kept_by_name_only(editor):
    entry = record_event(
        actor=editor,
        action="change",
        target=("records.person", 1),
        fields={"testimony": SENTINEL, "place_of_detention": SENTINEL, "password": SENTINEL, "status": "verified"},
    )

    assert entry.fields == {"status": "verified"}
    assert entry.redacted == ["password", "place_of_detention", "testimony"]
    assert SENTINEL not in audit_table_text()


def test_the_fields_the_records_app_declares_sensitive_are_kept_by_name_only(editor, monkeypatch):
    from vigil.records import models

    monkeypatch.setattr(models, "SENSITIVE_FIELDS", {"person": ["contact_channel"]}, raising=False)

    entry = record_event(
        actor=editor, action="change", target=("records.person", 1), fields={"contact_channel": SENTINEL}
    )

    assert entry.redacted == ["contact_channel"] and SENTINEL not in audit_table_text()


def test_no_value_of_a_restricted_record_is_kept(editor):
    person = Person.objects.create(name=SENTINEL, confidentiality=Confidentiality.RESTRICTED)

    entry = record_event(actor=editor, action="change", target=person, fields={"name": SENTINEL, "status": "draft"})

    assert entry.fields == {} and entry.redacted == ["name", "status"]
    assert SENTINEL not in audit_table_text()


def test_a_restricted_review_keeps_no_corrected_value(editor):
    source = report_import(report=parse_report(report_dict()))
    acts = list(Act.objects.filter(reports__source=source))
    Act.objects.filter(pk__in=[a.pk for a in acts]).update(confidentiality=Confidentiality.RESTRICTED)
    Person.objects.update(confidentiality=Confidentiality.RESTRICTED)
    reviews = [ActReview(act_id=a.pk, accept=True, fields={"place": SENTINEL}) for a in acts]

    source_review(source=source, reviews=reviews, reviewed_by=editor)

    changed = AuditEntry.objects.filter(action="change", target_type="records.act")
    assert {e.target_id for e in changed} == {str(a.pk) for a in acts}
    assert all("place" in e.redacted for e in changed)
    assert SENTINEL not in audit_table_text()
    assert chain_verify().broken is None


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("mallory\n2026-11-26 login ok admin", "mallory\\n2026-11-26 login ok admin"),
        ("eve\x1b[31m\r", "eve\\x1b[31m\\r"),
        ("ali\u202ecod.exe", "ali\\u202ecod.exe"),
        ("back\\slash", "back\\\\slash"),
        ("Айгерим", "Айгерим"),
    ],
)
def test_a_name_with_control_characters_is_stored_encoded(db, typed, stored):
    assert encode_name(typed) == stored
    entry = record_event(actor=typed, action="login_failed")
    entry.refresh_from_db()
    assert entry.actor == stored and entry.actor_id is None


def test_a_failed_login_is_one_entry_with_the_name_typed_and_never_the_password(db):
    client = Client(REMOTE_ADDR="198.51.100.4")

    client.post(reverse("workspace:login"), {"username": "nobody\nadmin", "password": SENTINEL})

    entry = AuditEntry.objects.get()
    assert (entry.action, entry.actor, entry.ip) == ("login_failed", "nobody\\nadmin", "198.51.100.4")
    assert SENTINEL not in audit_table_text()


def test_login_and_logout_are_entries_of_the_user(db):
    # a viewer logs in with a password alone (staff pass a second factor first: tests/accounts/)
    viewer = user_create(username="viewer", password=PASSWORD, role="viewer")
    client = Client()
    AuditEntry.objects.all().delete()  # the account's creation is not what this test is about

    client.post(reverse("workspace:login"), {"username": "viewer", "password": PASSWORD})
    client.post(reverse("workspace:logout"))

    assert list(AuditEntry.objects.order_by("sequence").values_list("action", "actor_id")) == [
        ("login", viewer.pk),
        ("logout", viewer.pk),
    ]


def test_creating_an_account_is_an_entry_without_its_password(db):
    user = user_create(username="new-documenter", password=PASSWORD)

    entry = AuditEntry.objects.get()
    assert (entry.action, entry.target_type, entry.target_id) == ("create", "auth.user", str(user.pk))
    assert entry.fields["username"] == "new-documenter" and "password" in entry.redacted
    assert PASSWORD not in audit_table_text()


def test_an_import_writes_one_entry_per_record_it_created(db):
    source = report_import(report=parse_report(report_dict()))

    created = set(AuditEntry.objects.filter(action="create").values_list("target_type", "target_id"))
    acts = Act.objects.filter(reports__source=source)
    assert ("records.source", str(source.pk)) in created
    assert {("records.act", str(a.pk)) for a in acts} <= created
    assert {("records.event", str(e.pk)) for e in Event.objects.all()} <= created
    assert {("records.person", str(p.pk)) for p in Person.objects.all()} <= created


def test_an_import_that_fails_leaves_no_entry(db):
    report_import(report=parse_report(report_dict()))
    before = AuditEntry.objects.count()
    broken = report_dict("another-report")
    broken["acts"][0]["type"] = "arest"

    with pytest.raises(Exception, match="arest"):
        report_import(report=parse_report(broken))

    assert AuditEntry.objects.count() == before


def test_a_review_writes_the_changed_fields_and_the_rejections(editor):
    source = report_import(report=parse_report(report_dict()))
    acts = list(Act.objects.filter(reports__source=source).order_by("pk"))
    first, rejected = acts[0], acts[1]
    AuditEntry.objects.all().delete()

    source_review(
        source=source,
        reviews=[
            ActReview(act_id=first.pk, accept=True, fields={"place": "Invented Square", "country": first.country}),
            ActReview(act_id=rejected.pk, accept=False, fields={}),
        ],
        reviewed_by=editor,
    )

    change = AuditEntry.objects.get(action="change", target_type="records.act", target_id=str(first.pk))
    assert change.fields == {"place": "Invented Square", "status": "verified"}  # the unchanged country is left out
    assert change.actor_id == editor.pk
    assert AuditEntry.objects.filter(action="delete", target_type="records.act", target_id=str(rejected.pk)).exists()
    assert AuditEntry.objects.filter(action="change", target_type="records.source", target_id=str(source.pk)).exists()


def test_a_restricted_record_read_is_an_entry_and_others_are_not(editor, rf):
    request = rf.get("/")
    restricted = Source.objects.create(title="Invented", confidentiality=Confidentiality.RESTRICTED)
    internal = Source.objects.create(title="Invented too")
    AuditEntry.objects.all().delete()

    assert record_read(editor, internal, request) is None
    entry = record_read(editor, restricted, request)

    assert list(AuditEntry.objects.values_list("action", "target_id")) == [("read", str(restricted.pk))]
    assert entry.actor_id == editor.pk


def test_opening_a_restricted_person_in_the_workspace_is_an_entry(administrator, client):
    person = Person.objects.create(name="Invented Person", confidentiality=Confidentiality.RESTRICTED)
    client.force_login(administrator)
    AuditEntry.objects.all().delete()

    assert client.get(reverse("workspace:person", args=[person.pk])).status_code == 200

    assert list(AuditEntry.objects.values_list("action", "target_type", "target_id")) == [
        ("read", "records.person", str(person.pk))
    ]


def test_a_csv_download_is_an_export_entry_with_the_filter_names_only(editor, client):
    client.force_login(editor)
    AuditEntry.objects.all().delete()

    response = client.get(reverse("workspace:people"), {"q": SENTINEL, "format": "csv"})
    b"".join(response.streaming_content)

    entry = AuditEntry.objects.get()
    assert (entry.action, entry.target_type, entry.fields) == ("export", "people", {"format": "csv", "filters": "q"})
    assert SENTINEL not in audit_table_text()


def test_an_administration_change_is_an_entry_with_the_field_names(db, client):
    admin = get_user_model().objects.create_superuser(username="root", password=PASSWORD)
    person = Person.objects.create(name="Invented Person")
    client.force_login(admin)
    AuditEntry.objects.all().delete()

    response = client.post(
        reverse("admin:records_person_change", args=[person.pk]),
        {
            "name": "Invented Person Renamed",
            "status": "draft",
            "confidentiality": "internal",
            "country": "",
            "aliases-TOTAL_FORMS": "0",
            "aliases-INITIAL_FORMS": "0",
            "affiliations-TOTAL_FORMS": "0",
            "affiliations-INITIAL_FORMS": "0",
        },
    )

    assert response.status_code == 302, response.content[:2000]
    entry = AuditEntry.objects.get()
    assert (entry.action, entry.target_type, entry.target_id, entry.actor) == (
        "change",
        "records.person",
        str(person.pk),
        "root",
    )
    assert entry.fields["via"] == "admin" and "name" in entry.fields["changed"].lower()


def test_deleting_several_records_at_once_in_the_administration_is_an_entry_for_each(db, client):
    admin = get_user_model().objects.create_superuser(username="root", password=PASSWORD)
    people = [Person.objects.create(name=f"Invented Person {n}") for n in range(3)]
    client.force_login(admin)
    AuditEntry.objects.all().delete()

    response = client.post(
        reverse("admin:records_person_changelist"),
        {"action": "delete_selected", "_selected_action": [p.pk for p in people[:2]], "post": "yes"},
    )

    assert response.status_code == 302
    assert list(Person.objects.values_list("pk", flat=True)) == [people[2].pk]
    deleted = AuditEntry.objects.filter(action="delete", target_type="records.person")
    assert sorted(int(entry.target_id) for entry in deleted) == sorted(p.pk for p in people[:2])


@pytest.mark.django_db(transaction=True)
def test_appends_from_many_threads_make_one_unbroken_chain():
    def append(worker: int) -> None:
        try:
            for n in range(10):
                record_event(actor=None, action="create", target=("records.person", f"{worker}-{n}"))
        finally:
            connection.close()

    threads = [threading.Thread(target=append, args=(worker,)) for worker in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert list(AuditEntry.objects.order_by("sequence").values_list("sequence", flat=True)) == list(range(1, 41))
    assert chain_verify().checked == 40 and chain_verify().broken is None


@pytest.mark.parametrize("page", ["person", "organisation", "event", "source", "original", "review"])
def test_each_workspace_page_of_a_restricted_record_writes_one_read_entry(administrator, client, page):
    source = report_import(report=parse_report(report_dict(text="An invented article about an invented arrest.")))
    records = {
        "person": Person.objects.first(),
        "organisation": Organisation.objects.first(),
        "event": Event.objects.first(),
        "source": source,
        "original": source,
        "review": source,
    }
    record = records[page]
    type(record).objects.filter(pk=record.pk).update(confidentiality=Confidentiality.RESTRICTED)
    client.force_login(administrator)
    AuditEntry.objects.all().delete()

    response = client.get(reverse(f"workspace:{page}", args=[record.pk]))

    assert response.status_code == 200
    assert list(AuditEntry.objects.values_list("action", "target_type", "target_id", "actor_id")) == [
        ("read", record._meta.label_lower, str(record.pk), administrator.pk)
    ]


def test_an_internal_record_page_writes_no_entry(editor, client):
    source = report_import(report=parse_report(report_dict()))
    client.force_login(editor)
    AuditEntry.objects.all().delete()

    assert client.get(reverse("workspace:source", args=[source.pk])).status_code == 200

    assert not AuditEntry.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_the_command_line_export_is_an_entry(tmp_path):
    from click.testing import CliRunner

    from vigil.cli import cli

    report_import(report=parse_report(report_dict()))

    result = CliRunner().invoke(cli, ["export", "--format", "report-json", "--out", str(tmp_path)])

    assert result.exit_code == 0
    entry = AuditEntry.objects.get(action="export")
    assert (entry.actor, entry.target_type) == ("", "records.source")
    assert entry.fields == {"format": "report-json", "with_text": False, "count": 1, "via": "command line"}


def test_an_entry_cannot_be_changed_or_deleted_through_the_model(db):
    from vigil.audit.models import AuditEntryImmutable

    entry = record_event(actor=None, action="login_failed")
    entry.action = "login"

    with pytest.raises(AuditEntryImmutable, match="#1 was written once"):
        entry.save()
    with pytest.raises(AuditEntryImmutable, match="#1 cannot be deleted"):
        entry.delete()
    assert AuditEntry.objects.get().action == "login_failed"
