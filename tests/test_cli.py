"""The `vigil` command, invoked through its real entry point."""

import json
import os
import re
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from http.cookiejar import CookieJar
from pathlib import Path

import pytest
from click.testing import CliRunner
from django.contrib.auth import get_user_model

from tests.builders import report_dict, write_report
from vigil.cli import cli
from vigil.records.models import Act, Source

VIGIL = str(Path(sys.executable).with_name("vigil"))
COMMANDS = ["serve", "migrate", "createuser", "import", "export", "demo", "check", "reindex", "manage"]
COMMANDS += ["keys", "backup", "restore"]  # field keys and encrypted backups
COMMANDS += ["merge"]  # merging records and undoing it
COMMANDS += ["extract", "link"]  # articles to reports, and incidents linked over the database


def run_vigil(*args: str, data_dir: Path, **kwargs) -> subprocess.CompletedProcess:
    env = {**os.environ, "VIGIL_DATA_DIR": str(data_dir)}
    env.pop("DATABASE_URL", None)
    return subprocess.run([VIGIL, *args], env=env, capture_output=True, text=True, timeout=120, **kwargs)


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_says_what_it_does(command):
    result = CliRunner().invoke(cli, [command, "--help"])
    assert result.exit_code == 0
    assert re.search(r"Usage: .*" + command, result.output)


def test_the_installed_entry_point_runs():
    result = subprocess.run([VIGIL, "--help"], capture_output=True, text=True, check=True)
    for command in COMMANDS:
        assert command in result.stdout


@pytest.mark.django_db(transaction=True)
def test_import_reports_each_bad_file_with_its_field_and_keeps_the_good_ones(tmp_path):
    good = write_report(tmp_path, report_dict("good-report"))
    bad_data = report_dict("bad-report")
    bad_data["acts"][1]["type"] = "arest"
    bad = write_report(tmp_path, bad_data)
    (tmp_path / "broken.json").write_text("{not json", encoding="utf-8")

    result = CliRunner().invoke(cli, ["import", str(tmp_path)])

    assert result.exit_code == 1
    assert f"imported {good}: source #" in result.output
    assert f"{bad}, acts[1].type: 'arest' is not an act type" in result.output
    assert "broken.json: is not valid JSON" in result.output
    assert "1 imported, 0 skipped, 2 failed" in result.output
    assert list(Source.objects.values_list("report_id", flat=True)) == ["good-report"]
    assert Act.objects.count() == len(report_dict()["acts"])


@pytest.mark.django_db(transaction=True)
def test_link_gives_the_same_act_of_two_sources_one_key_prints_counts_only_and_is_idempotent(tmp_path):
    write_report(tmp_path, report_dict("kz-first"))
    retold = report_dict("kz-retold", publisher="Steppe News", url="https://steppe.example/1")
    retold["acts"] = [{**retold["acts"][0], "victim": "Дана Исаева", "date": "2025-03-08", "incident": "retold"}]
    retold["interventions"] = []
    write_report(tmp_path, retold)
    CliRunner().invoke(cli, ["import", str(tmp_path)])
    before = dict(Act.objects.values_list("pk", "incident_key"))

    dry = CliRunner().invoke(cli, ["link", "--dry-run"])
    assert dict(Act.objects.values_list("pk", "incident_key")) == before
    first = CliRunner().invoke(cli, ["link"])
    again = CliRunner().invoke(cli, ["link"])

    assert (dry.exit_code, first.exit_code, again.exit_code) == (0, 0, 0)
    counts = "acts: 8, incidents told by several sources: 1\n"
    assert dry.output == counts + "incident keys to change: 8 (dry run: nothing written)\n"
    assert first.output == counts + "incident keys changed: 8\n"
    assert again.output == counts + "incident keys changed: 0\n"
    assert "Issayeva" not in first.output + dry.output
    told_twice = Act.objects.filter(type__code="detention", date__in=["2025-03-07", "2025-03-08"], victim_kind="person")
    dana = [a.incident_key for a in told_twice if a.reports.get().victim_name in ("Dana Issayeva", "Дана Исаева")]
    assert len(dana) == 2 and dana[0] == dana[1]


@pytest.mark.django_db(transaction=True)
def test_export_writes_one_file_per_source_named_by_its_id(tmp_path):
    CliRunner().invoke(cli, ["import", str(write_report(tmp_path, report_dict("one")))])
    out = tmp_path / "out"
    result = CliRunner().invoke(cli, ["export", "--format", "report-json", "--out", str(out)])
    assert (result.exit_code, result.output.strip()) == (0, f"wrote 1 reports to {out}")
    assert json.loads((out / "one.json").read_text(encoding="utf-8")) == report_dict("one")


def test_export_refuses_an_unknown_format(tmp_path):
    result = CliRunner().invoke(cli, ["export", "--format", "csv", "--out", str(tmp_path)])
    assert result.exit_code == 2
    assert "'csv' is not 'report-json'" in result.output


@pytest.mark.django_db(transaction=True)
def test_createuser_makes_a_documenter_and_refuses_weak_passwords():
    runner = CliRunner()
    made = runner.invoke(cli, ["createuser", "aigul", "--password-stdin"], input="lantern-harbour-57-quiet\n")
    assert made.exit_code == 0, made.output
    user = get_user_model().objects.get(username="aigul")
    assert user.check_password("lantern-harbour-57-quiet")
    assert (user.is_staff, user.is_superuser) == (True, False)
    assert user.has_perm("records.change_act") and not user.has_perm("records.delete_act")
    assert user.password.startswith("argon2")
    weak = runner.invoke(cli, ["createuser", "bolat", "--password-stdin"], input="password\n")
    assert weak.exit_code == 1
    assert "too common" in weak.output
    assert not get_user_model().objects.filter(username="bolat").exists()


def test_check_passes_and_runs_deploy_checks_outside_debug(tmp_path):
    result = run_vigil("check", data_dir=tmp_path)
    assert result.returncode == 0, result.stderr
    assert f"data directory: {tmp_path}" in result.stdout
    assert "security.W004" in result.stderr + result.stdout  # HSTS is a deployment warning without VIGIL_HTTPS


def test_demo_serves_the_sample_data_after_login(tmp_path):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    env = {**os.environ, "VIGIL_DATA_DIR": str(tmp_path)}
    env.pop("DATABASE_URL", None)
    demo = subprocess.Popen(
        [VIGIL, "demo", "--port", str(port)], env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )
    try:
        lines = []
        for line in demo.stdout:
            lines.append(line)
            if "serving at" in line:
                break
        output = "".join(lines)
        password = re.search(r"password: (\S+)", output).group(1)
        assert re.search(r"sample data: \d+ reports imported", output), output
        assert (tmp_path / "demo" / "vigil.sqlite3").exists()

        browser = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(CookieJar()))
        base = f"http://127.0.0.1:{port}"
        page = _get(browser, f"{base}/login/", wait=True)
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
        form = urllib.parse.urlencode(
            {"csrfmiddlewaretoken": token, "username": "demo", "password": password, "next": "/acts/"}
        ).encode()
        request = urllib.request.Request(f"{base}/login/", data=form, headers={"Referer": f"{base}/login/"})
        acts = browser.open(request, timeout=10).read().decode()  # the demo login is a documenter: no second factor
        assert "Log out" in acts and "Administrative arrest" in acts
        assert "/admin/" not in acts  # not an administrator
        inbox = _get(browser, f"{base}/")  # the workspace is the front page, filled by the sample data
        assert "Drafts to review" in inbox and inbox.count("/review/") >= 36 // 2
        found = _get(browser, f"{base}/search/?q=police")
        assert int(re.search(r"(\d+) found", found).group(1)) > 10
    finally:
        demo.terminate()
        demo.wait(timeout=10)


def _get(browser, url: str, wait: bool = False) -> str:
    deadline = time.monotonic() + (30 if wait else 0)
    while True:
        try:
            return browser.open(url, timeout=10).read().decode()
        except (ConnectionError, urllib.error.URLError):
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)


@pytest.mark.django_db
def test_reindex_writes_the_search_index_again(tmp_path):
    from vigil.records.models import SearchEntry
    from vigil.records.services import sample_load

    sample_load()
    entries = SearchEntry.objects.count()
    SearchEntry.objects.all().delete()

    result = CliRunner().invoke(cli, ["reindex"])

    assert result.exit_code == 0, result.output
    assert f"{entries} search entries written" in result.output
    assert SearchEntry.objects.count() == entries


@pytest.mark.django_db
def test_merge_and_undo_on_the_command_line_print_ids_never_names():
    from vigil.audit.models import AuditEntry
    from vigil.core.report import parse_report
    from vigil.records.models import Person
    from vigil.records.services import report_import

    report_import(report=parse_report(report_dict()))
    dana, bolat = Person.objects.get(name="Dana Issayeva"), Person.objects.get(name="Bolat Omarov")

    merged = CliRunner().invoke(cli, ["merge", "person", str(dana.pk), str(bolat.pk)])
    assert merged.exit_code == 0, merged.output
    assert f"person #{bolat.pk} merged into #{dana.pk} (involvements: 2, aliases: 1)" in merged.output
    assert "Omarov" not in merged.output and "Issayeva" not in merged.output
    listed = CliRunner().invoke(cli, ["merge", "list", "--record", str(bolat.pk)])
    assert f"person #{bolat.pk} into #{dana.pk}" in listed.output and "by command line" in listed.output
    again = CliRunner().invoke(cli, ["merge", "person", str(dana.pk), str(bolat.pk)])
    assert again.exit_code == 1 and "merged into" in again.output

    number = listed.output.split()[0].lstrip("#")
    undone = CliRunner().invoke(cli, ["merge", "undo", number])
    assert undone.exit_code == 0, undone.output
    assert Person.objects.get(pk=bolat.pk).involvements.count() == 2
    assert AuditEntry.objects.filter(action="unmerge", actor_id=None).count() == 2
    missing = CliRunner().invoke(cli, ["merge", "act", "999999", "999998"])
    assert missing.exit_code == 1 and "there is no act" in missing.output


def test_an_upgrade_of_the_records_tables_writes_the_search_index_again(tmp_path):
    report = write_report(tmp_path, report_dict("upgrade-report"))
    first = run_vigil("migrate", data_dir=tmp_path / "data")
    assert first.returncode == 0 and "search index" not in first.stdout
    assert run_vigil("import", str(report), data_dir=tmp_path / "data").returncode == 0
    # back to the tables of an earlier release, as an installation that upgrades
    assert run_vigil("manage", "migrate", "records", "0005", data_dir=tmp_path / "data").returncode == 0

    upgraded = run_vigil("migrate", data_dir=tmp_path / "data")

    assert upgraded.returncode == 0, upgraded.stderr
    assert re.search(r"search index written again after the upgrade: \d+ entries", upgraded.stdout)
    assert "search index" not in run_vigil("migrate", data_dir=tmp_path / "data").stdout
