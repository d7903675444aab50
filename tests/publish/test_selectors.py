"""Partners' exports (vigil export --public): only public records, pseudonymised, without texts or URLs."""

import json

import pytest
from click.testing import CliRunner

from tests.access_world import LEVELS
from vigil.cli import cli
from vigil.publish.pseudonyms import pseudonym
from vigil.publish.selectors import public_reports

pytestmark = pytest.mark.django_db


def test_public_reports_hold_only_the_public_source_and_its_acts_pseudonymised(world):
    public = world.levels["public"]

    reports = list(public_reports())

    assert [report.id for report in reports] == [f"source-{public.source.pk}"]
    (report,) = reports
    assert report.source.url is None and report.source.text is None
    assert [act.victim for act in report.acts] == [pseudonym(public.person), f"Circle {public.sentinel}"]


def test_export_public_writes_no_byte_of_what_the_public_may_not_see(world, tmp_path):
    out = tmp_path / "partners"

    result = CliRunner().invoke(cli, ["export", "--format", "report-json", "--public", "--out", str(out)])

    assert (result.exit_code, result.output.strip()) == (0, f"wrote 1 reports to {out}")
    (written,) = out.iterdir()
    content = written.read_bytes()
    for level in LEVELS:
        if level != "public":
            assert world.levels[level].sentinel.encode() not in content
    public = world.levels["public"]
    assert f"Aru {public.sentinel}".encode() not in content and b"Witness" not in content
    assert b"testpost.example" not in content and f"Article about {public.sentinel}".encode() not in content
    assert json.loads(content)["acts"][0]["victim"] == pseudonym(public.person)


def test_export_public_refuses_the_sources_text(tmp_path):
    result = CliRunner().invoke(
        cli, ["export", "--format", "report-json", "--public", "--with-text", "--out", str(tmp_path / "x")]
    )

    assert result.exit_code == 2 and "never includes the sources' text" in result.output
    assert not (tmp_path / "x").exists()
