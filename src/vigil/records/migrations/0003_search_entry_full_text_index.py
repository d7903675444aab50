"""The search entries, their full-text index for the database in use, and entries for existing records.

SQLite: an FTS5 table over records_searchentry (external content) kept in step by triggers.
PostgreSQL: a GIN index on the entry's tsvector ('simple' configuration: no stemming, so that
English, Russian and every other language are searched alike, as on SQLite).
"""

from django.db import migrations, models

SQLITE_CREATE = [
    "CREATE VIRTUAL TABLE records_searchentry_fts USING fts5("
    "title, body, content='records_searchentry', content_rowid='id', tokenize='unicode61 remove_diacritics 2')",
    "CREATE TRIGGER records_searchentry_ai AFTER INSERT ON records_searchentry BEGIN "
    "INSERT INTO records_searchentry_fts(rowid, title, body) VALUES (new.id, new.title, new.body); END",
    "CREATE TRIGGER records_searchentry_ad AFTER DELETE ON records_searchentry BEGIN "
    "INSERT INTO records_searchentry_fts(records_searchentry_fts, rowid, title, body) "
    "VALUES ('delete', old.id, old.title, old.body); END",
    "CREATE TRIGGER records_searchentry_au AFTER UPDATE ON records_searchentry BEGIN "
    "INSERT INTO records_searchentry_fts(records_searchentry_fts, rowid, title, body) "
    "VALUES ('delete', old.id, old.title, old.body); "
    "INSERT INTO records_searchentry_fts(rowid, title, body) VALUES (new.id, new.title, new.body); END",
]
SQLITE_DROP = [
    "DROP TRIGGER IF EXISTS records_searchentry_au",
    "DROP TRIGGER IF EXISTS records_searchentry_ad",
    "DROP TRIGGER IF EXISTS records_searchentry_ai",
    "DROP TABLE IF EXISTS records_searchentry_fts",
]
POSTGRES_CREATE = [
    "CREATE INDEX records_searchentry_tsv ON records_searchentry "
    "USING gin (to_tsvector('simple'::regconfig, title || ' ' || body))"
]
POSTGRES_DROP = ["DROP INDEX IF EXISTS records_searchentry_tsv"]


def create_full_text_index(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    for statement in {"sqlite": SQLITE_CREATE, "postgresql": POSTGRES_CREATE}.get(vendor, []):
        schema_editor.execute(statement)


def drop_full_text_index(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    for statement in {"sqlite": SQLITE_DROP, "postgresql": POSTGRES_DROP}.get(vendor, []):
        schema_editor.execute(statement)


def index_existing_records(apps, schema_editor):
    """Give every record there is an entry: names, titles and texts (the services refine them on the next write)."""
    entry = apps.get_model("records", "SearchEntry")
    using = schema_editor.connection.alias
    rows = []
    for source in apps.get_model("records", "Source").objects.using(using).iterator():
        title = source.title or source.url or source.report_id or f"Source {source.pk}"
        rows.append(
            entry(
                kind="source",
                record_id=source.pk,
                title=title[:1000],
                body=" ".join([source.publisher, source.url, source.text])[:200_000],
            )
        )
    for event in apps.get_model("records", "Event").objects.using(using).iterator():
        rows.append(
            entry(
                kind="event",
                record_id=event.pk,
                title=event.title[:1000],
                body=" ".join([event.description, event.place]),
            )
        )
    for kind, model in (("person", "Person"), ("organisation", "Organisation")):
        for party in apps.get_model("records", model).objects.using(using).prefetch_related("aliases").iterator(2000):
            rows.append(
                entry(
                    kind=kind,
                    record_id=party.pk,
                    title=party.name[:1000],
                    body=" ".join(alias.name for alias in party.aliases.all()),
                )
            )
    for act in apps.get_model("records", "Act").objects.using(using).select_related("type").iterator():
        rows.append(
            entry(
                kind="act",
                record_id=act.pk,
                title=act.type.label[:1000],
                body=" ".join([act.victim_description, act.perpetrator_name, act.place, act.legal_basis]),
            )
        )
    entry.objects.using(using).bulk_create(rows, batch_size=1000)


class Migration(migrations.Migration):
    dependencies = [("records", "0002_act_browse_indexes")]

    operations = [
        migrations.CreateModel(
            name="SearchEntry",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                (
                    "kind",
                    models.CharField(
                        choices=[
                            ("source", "Source"),
                            ("act", "Act"),
                            ("event", "Event"),
                            ("person", "Person"),
                            ("organisation", "Organisation"),
                        ],
                        max_length=16,
                    ),
                ),
                ("record_id", models.BigIntegerField()),
                ("title", models.CharField(max_length=1000)),
                ("body", models.TextField(blank=True)),
            ],
            options={"verbose_name_plural": "search entries"},
        ),
        migrations.AddConstraint(
            model_name="searchentry",
            constraint=models.UniqueConstraint(fields=("kind", "record_id"), name="search_entry_unique"),
        ),
        migrations.RunPython(create_full_text_index, drop_full_text_index),
        migrations.RunPython(index_existing_records, migrations.RunPython.noop),
    ]
