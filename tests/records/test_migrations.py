"""Migration 0003: the search entries of the records already there are written, on either database."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from vigil.records import selectors

BEFORE = [("records", "0002_act_browse_indexes")]
AFTER = [("records", "0003_search_entry_full_text_index")]


@pytest.mark.django_db(transaction=True)
def test_records_made_before_the_search_index_are_found_after_it():
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps
    act_type = old.get_model("records", "ActType").objects.create(code="zz_test", label="Test arrest")
    source = old.get_model("records", "Source").objects.create(title="An old report", text="The akimat refused.")
    event = old.get_model("records", "Event").objects.create(title="An old picket")
    person = old.get_model("records", "Person").objects.create(name="Old Activist")
    old.get_model("records", "PersonAlias").objects.create(person=person, name="Старый Активист")
    act = old.get_model("records", "Act").objects.create(event=event, type=act_type, place="Taraz")

    executor = MigrationExecutor(connection)
    executor.migrate(AFTER)
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())  # the selectors below use today's models

    assert [(h.kind, h.record_id) for h in selectors.search("akimat").hits] == [("source", source.pk)]
    assert [(h.kind, h.record_id) for h in selectors.search("Активист").hits] == [("person", person.pk)]
    assert [(h.kind, h.record_id) for h in selectors.search("Taraz").hits] == [("act", act.pk)]
    assert [(h.kind, h.record_id) for h in selectors.search("picket").hits] == [("event", event.pk)]
