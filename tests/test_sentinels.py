"""Sentinel strings in every sensitive field never appear where they must not: the database files,
exports, the workspace pages of a reader without editing rights, the search index, or a backup."""

from pathlib import Path

import pyrage
import pytest
from click.testing import CliRunner
from django.db import connection
from django.test import Client
from django.urls import reverse

from tests.builders import report_dict
from vigil.backup import backup_write
from vigil.cli import cli
from vigil.core.report import parse_report
from vigil.records.models import SENSITIVE_FIELDS, Act, Involvement, Person, SearchEntry, Source
from vigil.records.services import report_import, search_rebuild, user_create
from vigil.workspace.urls import urlpatterns

MODELS = {"records.Source": Source, "records.Person": Person, "records.Act": Act, "records.Involvement": Involvement}
SENTINELS = {
    (label, name): f"SENTINEL-{label.split('.')[1]}-{name}-9f3c1"
    for label, names in SENSITIVE_FIELDS.items()
    for name in names
}
CONTROL = "Controlname Visiblova"  # an ordinary field, to show each check can see what it looks for


@pytest.fixture
def recorded(settings, tmp_path):
    """Import a draft report, then write a sentinel into every sensitive field of one row each."""
    settings.FIELD_KEYS_FILE = tmp_path / "field-keys"
    settings.ARCHIVE_DIR = tmp_path / "archive"
    source = report_import(report=parse_report(report_dict()))
    rows = {
        "records.Source": source,
        "records.Person": Person.objects.order_by("pk").first(),
        "records.Act": Act.objects.order_by("pk").first(),
        "records.Involvement": Involvement.objects.order_by("pk").first(),
    }
    assert set(rows) == set(SENSITIVE_FIELDS), "a model with sensitive fields is missing from this test"
    for (label, name), sentinel in SENTINELS.items():
        setattr(rows[label], name, sentinel)
    rows["records.Person"].name = rows["records.Source"].title = CONTROL
    for row in rows.values():
        row.save()
    search_rebuild()  # index everything again, as after a change: sensitive fields must stay out
    for (label, name), sentinel in SENTINELS.items():
        assert getattr(MODELS[label].objects.get(pk=rows[label].pk), name) == sentinel
    return rows


def found(content: bytes) -> list[str]:
    return [sentinel for sentinel in SENTINELS.values() if sentinel.encode() in content]


@pytest.mark.skipif(connection.vendor != "sqlite", reason="reads the SQLite database file and its WAL")
@pytest.mark.django_db(transaction=True)
def test_no_sentinel_in_the_sqlite_file_or_its_wal(recorded):
    database = Path(connection.settings_dict["NAME"])
    content = b"".join(path.read_bytes() for path in (database, Path(f"{database}-wal")) if path.exists())
    assert CONTROL.encode() in content
    assert found(content) == []


@pytest.mark.django_db(transaction=True)
def test_no_sentinel_in_an_export_or_the_search_index(recorded, tmp_path):
    out = tmp_path / "out"
    result = CliRunner().invoke(cli, ["export", "--format", "report-json", "--out", str(out), "--with-text"])
    assert result.exit_code == 0, result.output
    content = b"".join(path.read_bytes() for path in sorted(out.iterdir()))
    assert CONTROL.encode() in content
    assert found(content) == []
    index = " ".join(f"{entry.title} {entry.body}" for entry in SearchEntry.objects.all()).encode()
    assert CONTROL.encode() in index
    assert found(index) == []


@pytest.mark.django_db(transaction=True)
def test_no_sentinel_in_a_backup_file(recorded, tmp_path):
    path = tmp_path / "vigil.age"
    backup_write(to=path, recipients=[str(pyrage.x25519.Identity.generate().to_public())])
    content = path.read_bytes()
    assert CONTROL.encode() not in content  # the whole archive is encrypted, not only the sensitive fields
    assert found(content) == []


def workspace_pages(rows) -> list[str]:
    """Return every workspace address, with the ids of the rows that hold sentinels."""
    ids = {
        "person": rows["records.Person"].pk,
        "person_consent": rows["records.Person"].pk,
        "act": rows["records.Act"].pk,
        "event": rows["records.Act"].event_id,
        "source": rows["records.Source"].pk,
        "original": rows["records.Source"].pk,
        "review": rows["records.Source"].pk,
        "organisation": rows["records.Involvement"].act.involvements.exclude(organisation=None).first(),
        "merge_undo": 1,
    }
    pages = []
    for pattern in urlpatterns:
        if pattern.name == "logout":
            continue
        if pattern.name == "sensitive":  # the editors' page for these very fields: a reader gets 404
            pages += [
                reverse("workspace:sensitive", args=[label.split(".")[1].lower(), row.pk])
                for label, row in rows.items()
            ]
            continue
        if pattern.name == "merge":  # the editors' merge page of a record that holds sentinels
            pages += [
                reverse("workspace:merge", args=["person", rows["records.Person"].pk]),
                reverse("workspace:merge", args=["act", rows["records.Act"].pk]) + f"?other={rows['records.Act'].pk}",
            ]
            continue
        if "pk" in str(pattern.pattern):
            target = ids[pattern.name]
            pk = getattr(target, "organisation_id", target)
            pages.append(reverse(f"workspace:{pattern.name}", args=[pk]) if pk else None)
        else:
            pages.append(reverse(f"workspace:{pattern.name}"))
    return [page for page in pages if page]


@pytest.mark.django_db
def test_no_sentinel_on_any_workspace_page_for_a_reader_and_the_editor_sees_them(recorded):
    reader = user_create(username="reader", password="a-long-enough-password", role="viewer")
    client = Client()
    client.force_login(reader)
    seen = b""
    for page in workspace_pages(recorded):
        response = client.get(page, follow=True)
        assert response.status_code in ((404,) if "/sensitive/" in page else (200, 403, 404, 405)), page
        body = b"".join(response.streaming_content) if response.streaming else response.content
        assert found(body) == [], page
        seen += body
    assert CONTROL.encode() in seen

    editor = Client()
    editor.force_login(user_create(username="editor", password="a-long-enough-password"))
    person_page = editor.get(reverse("workspace:person", args=[recorded["records.Person"].pk])).content.decode()
    assert SENTINELS["records.Person", "contact_details"] in person_page
    event_page = editor.get(reverse("workspace:event", args=[recorded["records.Act"].event_id])).content.decode()
    assert SENTINELS["records.Act", "place_of_detention"] in event_page
    source_page = editor.get(reverse("workspace:source", args=[recorded["records.Source"].pk])).content.decode()
    assert SENTINELS["records.Source", "informant"] in source_page
