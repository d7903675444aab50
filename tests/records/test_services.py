import hashlib
import json
from datetime import date
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings

from tests.builders import TEXT, act, report_dict, write_report
from vigil.audit.models import AuditEntry
from vigil.core.archive import Archive
from vigil.core.report import ReportError, dump_report, parse_report
from vigil.records import selectors
from vigil.records.models import Act, ActSource, ActType, Event, Intervention, Involvement, Person, Source
from vigil.records.services import (
    SAMPLE_REPORTS,
    ActReview,
    AlreadyImported,
    Linked,
    ReviewError,
    incident_keys_link,
    report_import,
    report_import_file,
    sample_load,
    source_review,
    vocabularies_sync,
)

pytestmark = pytest.mark.django_db


def state() -> dict:
    """Return the row count of every table of the records app, and the archive's files."""
    counts = {model.__name__: model.objects.count() for model in apps.get_app_config("records").get_models()}
    archive = Path(settings.ARCHIVE_DIR)
    files = sorted(str(p.relative_to(archive)) for p in archive.rglob("*")) if archive.exists() else []
    return {"rows": counts, "archive": files}


def exported(source: Source) -> dict:
    return json.loads(dump_report(selectors.source_report(Source.objects.get(pk=source.pk))))


def test_import_creates_draft_records_of_every_kind():
    source = report_import(report=parse_report(report_dict()))
    assert (source.report_id, source.published, source.language) == (
        "kz-2025-03-testpost-circle",
        date(2025, 3, 10),
        "en",
    )
    assert Act.objects.count() == 7 and source.act_reports.count() == 7
    assert {a.status for a in Act.objects.all()} == {"draft"}
    # the same name within one report is one person; the organisation victim is an organisation
    assert sorted(Person.objects.values_list("name", flat=True)) == ["Bolat Omarov", "Dana Issayeva"]
    assert Involvement.objects.filter(person__name="Dana Issayeva", role="victim").count() == 3
    assert Involvement.objects.get(organisation__name="Steppe Women's Circle").act.type.code == "registration_denial"
    group = Act.objects.get(victim_kind="group")
    assert (group.victim_count, group.involvements.count()) == (12, 0)
    fine = Act.objects.get(type__code="fine")
    assert (fine.amount, fine.currency, fine.date, fine.date_precision) == (30, "KZT-MCI", date(2023, 1, 1), "year")
    assert fine.legal_basis == "article 488 of the Administrative Code"
    statement = Intervention.objects.get()
    assert (statement.by_organisation.name, statement.source, statement.acts.count()) == (
        "Steppe Rights Bureau",
        source,
        7,
    )


def test_import_makes_one_event_dated_as_most_acts():
    report_import(report=parse_report(report_dict()))
    event = Event.objects.get()
    assert (event.title, event.start_date, event.start_date_precision) == (
        "Two members of a women's circle detained in Almaty", date(2025, 3, 7), "day",
    )  # fmt: skip
    assert (event.country, event.place) == ("KZ", "Almaty")


def test_import_does_not_merge_people_across_reports():
    """Matching a name to people already recorded is linking's work, confirmed by a documenter."""
    report_import(report=parse_report(report_dict("first")))
    report_import(report=parse_report(report_dict("second")))
    assert Person.objects.filter(name="Dana Issayeva").count() == 2


def test_source_text_is_archived_with_its_sha256():
    source = report_import(report=parse_report(report_dict(text=TEXT)))
    content = TEXT.encode()
    assert source.archive_sha256 == hashlib.sha256(content).hexdigest()
    assert (source.archive_size, source.text) == (len(content), TEXT)
    assert Archive(settings.ARCHIVE_DIR).get(source.archive_sha256) == content


def test_an_article_named_by_the_report_is_archived_as_the_original(tmp_path):
    articles = tmp_path / "articles"
    articles.mkdir()
    article = {"id": "kz-x", "title": "t", "text": "Police detained two activists."}
    raw = json.dumps(article).encode()
    (articles / "kz-x.json").write_bytes(raw)
    path = write_report(tmp_path, report_dict("kz-x", file="kz-x.json"))
    source = report_import_file(path=path, articles_dir=articles)
    assert source.archive_sha256 == hashlib.sha256(raw).hexdigest()
    assert (source.text, source.archive_media_type) == ("Police detained two activists.", "application/json")


def test_export_writes_back_what_was_imported():
    data = report_dict(text=TEXT)
    source = report_import(report=parse_report(data))
    without_text = report_dict()
    assert exported(source) == without_text
    assert json.loads(dump_report(selectors.source_report(source, with_text=True))) == data


def test_export_uses_the_documenters_values_and_the_name_as_the_source_writes_it():
    source = report_import(report=parse_report(report_dict()))
    act_record = Act.objects.get(incident_key="kz-2025-03-07-issayeva-detention")
    act_record.place = "Almaty city"
    act_record.save()
    Person.objects.filter(name="Dana Issayeva").update(name="Dana Issaeva")
    first = exported(source)["acts"][0]
    assert (first["victim"], first["place"]) == ("Dana Issayeva", "Almaty city")


def test_export_gives_acts_without_an_incident_key_a_stable_one():
    data = report_dict()
    data["acts"] = [act(incident=None)]
    source = report_import(report=parse_report(data))
    assert exported(source)["acts"][0]["incident"] == f"vigil-act-{Act.objects.get().pk}"


def test_a_report_imported_twice_is_refused_and_changes_nothing():
    report = parse_report(report_dict())
    source = report_import(report=report)
    before = state()
    with pytest.raises(AlreadyImported, match=f"already imported as source #{source.pk}"):
        report_import(report=report)
    assert state() == before


@pytest.mark.parametrize(
    "spoil",
    [
        lambda d: d["acts"][2].update(type="arest"),
        lambda d: d["acts"][4].update(date="2023-02-29", date_precision="day"),
        lambda d: d["acts"][1].update(date="2026-01-01"),
        lambda d: d["acts"][0].update(country="Kazakhstan"),
        lambda d: d["interventions"].append({"by": "", "type": "statement"}),
        lambda d: d.update(acts="none"),
    ],
    ids=[
        "unknown type",
        "impossible date",
        "date after publication",
        "country name",
        "nameless author",
        "acts not list",
    ],
)
def test_a_bad_report_file_is_refused_and_changes_nothing(tmp_path, spoil):
    report_import(report=parse_report(report_dict("already-there", text=TEXT)))
    data = report_dict("spoiled", text="Another article text that would be archived.")
    spoil(data)
    before = state()
    with pytest.raises(ReportError):
        report_import_file(path=write_report(tmp_path, data))
    assert state() == before


def test_a_file_that_is_not_json_changes_nothing(tmp_path):
    path = tmp_path / "broken.json"
    path.write_text('{"id": "broken", "acts": [', encoding="utf-8")
    before = state()
    with pytest.raises(ReportError, match=r"broken.json: is not valid JSON"):
        report_import_file(path=path)
    assert state() == before


def test_act_types_added_by_an_administrator_can_be_imported_and_retired_ones_cannot(tmp_path):
    ActType.objects.create(code="internet_shutdown", label="Internet shutdown")
    ActType.objects.filter(code="dismissal").update(is_active=False)
    data = report_dict()
    data["acts"] = [act(type="internet_shutdown")]
    report_import_file(path=write_report(tmp_path, data))
    data = report_dict("other")
    data["acts"] = [act(type="dismissal")]
    with pytest.raises(ReportError, match="'dismissal' is not an act type"):
        report_import_file(path=write_report(tmp_path, data))


def test_vocabulary_sync_adds_only_missing_terms_and_keeps_administrators_edits():
    ActType.objects.filter(code="fine").update(label="Monetary penalty")
    ActType.objects.filter(code="other").delete()
    assert vocabularies_sync() == 1
    assert ActType.objects.get(code="fine").label == "Monetary penalty"
    assert vocabularies_sync() == 0


def test_sample_data_imports_whole_and_exports_back_unchanged():
    loaded = sample_load()
    files = sorted(SAMPLE_REPORTS.glob("*.json"))
    assert loaded.imported == len(files) >= 30
    for path in files:
        original = json.loads(path.read_text(encoding="utf-8"))
        report = selectors.source_report(Source.objects.get(report_id=original["id"]), with_text=True)
        assert json.loads(dump_report(report)) == original, path.name
    assert sample_load().skipped == len(files)


def test_consent_is_recorded_with_who_and_when_by_an_editor_only(world):
    from django.utils import timezone

    from vigil.records.services import ConsentError, person_consent_record

    person = world.levels["internal"].person
    with pytest.raises(ConsentError, match="Only an editor or an administrator"):
        person_consent_record(person=person, consent=True, recorded_by=world.users["viewer"])
    person.refresh_from_db()
    assert (person.consent_to_publish, person.consent_recorded_at, person.consent_recorded_by) == (False, None, None)

    before = timezone.now()
    person_consent_record(person=person, consent=True, recorded_by=world.users["editor"])

    person.refresh_from_db()
    assert person.consent_to_publish and person.consent_recorded_by == world.users["editor"]
    assert before <= person.consent_recorded_at <= timezone.now()


# Incident keys over the database ---------------------------------------------------------------------


def _told(report_id: str, *acts: dict, publisher: str = "Steppe News") -> list[Act]:
    data = report_dict(report_id, publisher=publisher, url=f"https://{report_id}.example/", published="2025-03-10")
    source = report_import(report=parse_report(data | {"acts": list(acts), "interventions": []}))
    return list(Act.objects.filter(reports__source=source).order_by("reports__id"))


def test_linking_the_database_gives_the_same_act_of_two_sources_one_key_and_again_changes_nothing():
    dana, omarov = _told("kz-a", act(incident="a-1"), act(victim="Bolat Omarov", incident="a-2"))
    (dana_again,) = _told("kz-b", act(victim="Дана Исаева", date="2025-03-08", incident="b-1"))
    (weeks_later,) = _told("kz-c", act(date="2025-02-10", incident="c-1"))
    entries = AuditEntry.objects.count()

    dry = incident_keys_link(dry_run=True)
    assert Act.objects.get(pk=dana.pk).incident_key == "a-1"  # a dry run writes nothing
    linked = incident_keys_link()

    assert dry == linked == Linked(acts=4, shared=1, changed=4)
    keys = dict(Act.objects.values_list("pk", "incident_key"))
    assert keys[dana.pk] == keys[dana_again.pk]
    assert len({keys[dana.pk], keys[omarov.pk], keys[weeks_later.pk]}) == 3
    entry = AuditEntry.objects.order_by("sequence").last()
    assert AuditEntry.objects.count() == entries + 1
    assert entry.fields == {"incident keys changed": 4, "acts": 4, "shared incidents": 1}
    assert "Issayeva" not in json.dumps(entry.fields) and "issayeva" not in json.dumps(entry.fields)
    assert incident_keys_link() == Linked(acts=4, shared=1, changed=0)
    assert AuditEntry.objects.count() == entries + 1  # nothing changed: nothing to audit
    assert dict(Act.objects.values_list("pk", "incident_key")) == keys


def test_an_act_told_by_two_sources_keeps_one_key_with_the_acts_linked_to_either():
    (dana,) = _told("kz-a", act(incident="a-1"))
    (retold,) = _told("kz-b", act(victim="Dana Issayeva", incident="b-1"))
    (third,) = _told("kz-c", act(victim="Issayeva", date="2025-03-08", incident="c-1"))
    ActSource.objects.create(act=dana, source=retold.reports.get().source, victim_name="D. Issayeva")

    linked = incident_keys_link()

    keys = dict(Act.objects.values_list("pk", "incident_key"))
    assert keys[dana.pk] == keys[retold.pk] == keys[third.pk]
    assert linked.shared == 1


def test_a_review_cannot_add_a_source_to_an_act_the_reviewer_may_not_see_or_to_its_own_act(world):
    retold = report_import(
        report=parse_report(
            report_dict("kz-2025-retold", publisher="Other Outlet")
            | {"acts": [act(victim=f"Aru {world.levels['restricted'].sentinel}")], "interventions": []}
        ),
        created_by=world.users["contributor"],
    )
    (own,) = Act.objects.filter(reports__source=retold)
    hidden = world.levels["restricted"].act
    contributor = world.users["contributor"]  # who took the report in, and does not see the restricted act
    for same_as, user in ((hidden.pk, contributor), (own.pk, world.users["editor"]), (10**9, world.users["editor"])):
        review = ActReview(act_id=own.pk, accept=True, fields={}, victim_name="Aru", same_as=same_as)
        with pytest.raises(ReviewError, match=f"no other recorded act #{same_as}"):
            source_review(source=retold, reviews=[review], reviewed_by=user)
    assert Act.objects.get(pk=own.pk).status == "draft"
    assert hidden.reports.count() == 1
