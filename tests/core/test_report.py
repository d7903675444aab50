import json
from datetime import date
from decimal import Decimal

import pytest

from tests.builders import act, report_dict, write_report
from vigil.core.report import (
    MAX_REPORT_BYTES,
    Problem,
    ReportError,
    Vocabularies,
    dump_report,
    parse_report,
    parse_report_bytes,
    read_report,
)


def problems_of(data) -> list[Problem]:
    with pytest.raises(ReportError) as caught:
        parse_report(data, where="r.json")
    return caught.value.problems


def test_a_valid_report_reads_into_dataclasses(report):
    parsed = parse_report(report)
    assert parsed.id == "kz-2025-03-testpost-circle"
    assert parsed.source.published == date(2025, 3, 10)
    fine = parsed.acts[4]
    assert (fine.type, fine.amount, fine.currency, fine.date.precision) == ("fine", Decimal(30), "KZT-MCI", "year")
    assert parsed.acts[2].duration_days == Decimal(10)
    assert parsed.interventions[0].by == "Steppe Rights Bureau"


def test_a_report_writes_back_exactly_as_it_was_read(report):
    assert json.loads(dump_report(parse_report(report))) == report


def test_source_text_is_kept_and_written_back():
    data = report_dict(text="Полиция задержала активисток.\n\nСуд назначил 10 суток.")
    parsed = parse_report(data)
    assert parsed.source.text == data["source"]["text"]
    assert json.loads(dump_report(parsed))["source"]["text"] == data["source"]["text"]
    assert "Полиция" in dump_report(parsed)  # written as characters, not \\u escapes


def test_unknown_act_type_names_file_field_and_closest_type(report):
    report["acts"][3]["type"] = "detentoin"
    with pytest.raises(ReportError) as caught:
        parse_report(report, where="gold/x.json")
    assert str(caught.value) == "gold/x.json, acts[3].type: 'detentoin' is not an act type; did you mean 'detention'?"


def test_every_problem_of_a_file_is_reported_at_once(report):
    report["acts"][0]["type"] = "arrest-ish"
    report["acts"][1]["date"] = "2025-02-30"
    report["interventions"][0]["type"] = "statment"
    assert [p.field for p in problems_of(report)] == ["acts[0].type", "acts[1].date", "interventions[0].type"]


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"date": "2025-02-30"}, "date", "not a date in the calendar"),
        ({"date": "2025-02", "date_precision": "day"}, "date", "precision 'month', not 'day'"),
        ({"date": "2025-04-01"}, "date", "after the source's publication date 2025-03-10"),
        ({"date": 20250301}, "date", "must be a string"),
        ({"date_precision": "week"}, "date_precision", "not one of day, month, year, unknown"),
        ({"perpetrator": "militia"}, "perpetrator", "not a perpetrator kind"),
        ({"perpetrator": None}, "perpetrator", "is required"),
        ({"victim_kind": "people"}, "victim_kind", "'people' is not a victim kind"),
        ({"victim": None}, "victim", "a person victim needs a name"),
        ({"victim_count": -2}, "victim_count", "whole number of people"),
        ({"victim_count": True}, "victim_count", "whole number of people"),
        ({"duration_days": -10}, "duration_days", "not a plausible value"),
        ({"duration_days": "ten"}, "duration_days", "'ten' is not a number"),
        ({"amount": 30}, "currency", "an amount needs its currency"),
        ({"amount": 30, "currency": "MCI"}, "currency", "not an ISO 4217 currency code"),
        ({"country": "Kazakhstan"}, "country", "did you mean 'KZ'?"),
        ({"country": "QQ"}, "country", "not an ISO 3166-1 alpha-2 country code"),
        ({"place": ["Almaty"]}, "place", "must be a string, not a list"),
        ({"place": "Alma\x00ty"}, "place", "NUL character"),
        ({"duraton_days": 10}, "duraton_days", "not a field of the format; did you mean 'duration_days'?"),
    ],
)
def test_bad_act_fields_are_named_with_the_reason(changes, field, message):
    data = report_dict()
    data["acts"] = [act(**changes)]
    (problem,) = problems_of(data)
    assert problem.field == f"acts[0].{field}"
    assert message in problem.message


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"published": "10 March 2025"}, "source.published", "not a date of the form YYYY-MM-DD"),
        ({"published": "2025-02-30"}, "source.published", "not a date of the form YYYY-MM-DD"),
        ({"language": "english"}, "source.language", "not an ISO 639-1 language code"),
        ({"url": "javascript:alert(1)"}, "source.url", "not an http(s) address"),
        ({"title": 42}, "source.title", "must be a string, not a number"),
    ],
)
def test_bad_source_fields_are_named_with_the_reason(changes, field, message):
    (problem,) = problems_of(report_dict(**changes))
    assert (problem.field, message in problem.message) == (field, True)


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ([], "", "must be a JSON object, not a list"),
        ({"source": {}, "acts": []}, "id", "is required"),
        ({"id": "../../etc/passwd", "source": {}}, "id", "may hold only letters"),
        ({"id": "x", "source": "DIVA"}, "source", "must be an object"),
        ({"id": "x", "source": {}, "acts": {"type": "fine"}}, "acts", "must be a list"),
        ({"id": "x", "source": {}, "acts": ["fine"]}, "acts[0]", "must be an object"),
        ({"id": "x", "source": {}, "interventions": [{"type": "statement"}]}, "interventions[0].by", "is required"),
    ],
)
def test_malformed_reports_are_refused(data, field, message):
    problems = problems_of(data)
    assert any(p.field == field and message in p.message for p in problems), problems


def test_group_and_organisation_victims():
    data = report_dict()
    data["acts"] = [
        act(victim=None, victim_kind="group", victim_count=30),
        act(victim="Steppe Women's Circle", victim_kind="organization", victim_count=None, type="raid"),
    ]
    group, organisation = parse_report(data).acts
    assert (group.victim, group.victim_count) == (None, 30)
    assert organisation.victim_kind == "organization"


def test_vocabularies_in_force_decide_what_is_a_type():
    data = report_dict()
    data["acts"] = [act(type="internet_shutdown")]
    extended = Vocabularies(act_types=Vocabularies().act_types | {"internet_shutdown"})
    assert parse_report(data, vocabularies=extended).acts[0].type == "internet_shutdown"
    with pytest.raises(ReportError, match="'internet_shutdown' is not an act type"):
        parse_report(data)


def test_files_that_are_not_json_or_not_utf8_are_refused_with_the_place(tmp_path):
    with pytest.raises(ReportError, match=r"x.json: is not valid JSON: Expecting ',' delimiter at line 1, column 12"):
        parse_report_bytes(b'{"id": "x" "source": {}}', where="x.json")
    with pytest.raises(ReportError, match="is not UTF-8 text"):
        parse_report_bytes("{}".encode("utf-16"), where="x.json")
    with pytest.raises(ReportError, match="cannot be read"):
        read_report(tmp_path / "missing.json")


def test_huge_files_are_refused_before_they_are_read(tmp_path):
    path = tmp_path / "huge.json"
    with path.open("wb") as out:
        out.truncate(MAX_REPORT_BYTES + 1)
    with pytest.raises(ReportError, match="the limit is"):
        read_report(path)


def test_read_report_reads_a_file(tmp_path, report):
    path = write_report(tmp_path, report)
    assert read_report(path).id == report["id"]
