"""`vigil audit verify` and `vigil audit head`, through the installed entry point and through click."""

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from vigil.audit.models import AuditEntry
from vigil.audit.services import record_event
from vigil.cli import cli

VIGIL = str(Path(sys.executable).with_name("vigil"))
PASSWORD = "a-long-enough-password"


def run_vigil(*args: str, data_dir: Path, **kwargs) -> subprocess.CompletedProcess:
    env = {**os.environ, "VIGIL_DATA_DIR": str(data_dir)}
    env.pop("DATABASE_URL", None)
    env.pop("VIGIL_AUDIT_KEY", None)
    return subprocess.run([VIGIL, *args], env=env, capture_output=True, text=True, timeout=120, **kwargs)


def test_the_installed_command_verifies_and_names_the_entry_edited_in_the_sqlite_file(tmp_path):
    assert run_vigil("migrate", data_dir=tmp_path).returncode == 0
    for name in ("first-documenter", "second-documenter", "third-documenter"):
        made = run_vigil("createuser", name, "--password-stdin", data_dir=tmp_path, input=PASSWORD + "\n")
        assert made.returncode == 0, made.stderr
    head = run_vigil("audit", "head", data_dir=tmp_path).stdout.strip()
    assert head.startswith("3:") and len(head) == 2 + 64
    assert (tmp_path / "audit_key").stat().st_mode & 0o777 == 0o600

    held = run_vigil("audit", "verify", "--head", head, data_dir=tmp_path)
    assert (held.returncode, held.stdout.strip()) == (0, "ok: 3 entries hold, and reach the head #3")

    with sqlite3.connect(tmp_path / "vigil.sqlite3") as database:
        database.execute("""UPDATE audit_auditentry SET fields = '{"username": "someone-else"}' WHERE sequence = 2""")

    broken = run_vigil("audit", "verify", data_dir=tmp_path)
    assert broken.returncode == 1
    assert broken.stderr.startswith("BROKEN: entry #2 (row 2) does not match its MAC")
    assert "(1 entries before it hold)" in broken.stderr


def test_the_installed_command_catches_a_cut_tail_only_with_the_head(tmp_path):
    run_vigil("migrate", data_dir=tmp_path)
    for name in ("first-documenter", "second-documenter"):
        run_vigil("createuser", name, "--password-stdin", data_dir=tmp_path, input=PASSWORD + "\n")
    head = run_vigil("audit", "head", data_dir=tmp_path).stdout.strip()
    with sqlite3.connect(tmp_path / "vigil.sqlite3") as database:
        database.execute("DELETE FROM audit_auditentry WHERE sequence = 2")

    assert run_vigil("audit", "verify", data_dir=tmp_path).returncode == 0
    cut = run_vigil("audit", "verify", "--head", head, data_dir=tmp_path)
    assert cut.returncode == 1
    assert "entry #2 is missing: the chain was cut after #1" in cut.stderr


@pytest.mark.django_db(transaction=True)
def test_verify_and_head_on_the_test_database():
    for n in range(3):
        record_event(actor=None, action="export", target=("acts", None), fields={"count": n})

    head = CliRunner().invoke(cli, ["audit", "head"])
    assert (head.exit_code, head.output.strip()) == (0, f"3:{AuditEntry.objects.get(sequence=3).mac}")
    AuditEntry.objects.filter(sequence=3).delete()
    result = CliRunner().invoke(cli, ["audit", "verify", "--head", head.output.strip()])

    assert result.exit_code == 1
    assert "entry #3 is missing: the chain was cut after #2" in result.output


def test_a_malformed_head_is_a_clear_error():
    result = CliRunner().invoke(cli, ["audit", "verify", "--head", "yesterday"])

    assert result.exit_code == 1
    assert "'yesterday' is not an audit head; expected SEQUENCE:MAC" in result.output


@pytest.mark.parametrize("command", ["verify", "head"])
def test_each_audit_command_says_what_it_does(command):
    result = CliRunner().invoke(cli, ["audit", command, "--help"])
    assert result.exit_code == 0 and "audit" in result.output


def test_logins_over_real_http_are_in_the_trail_with_the_connections_address(tmp_path):
    """Serve with `vigil serve`, fail a login with a spoofed X-Forwarded-For, log in, and verify the trail."""
    import re
    import socket
    import time
    import urllib.error
    import urllib.parse
    import urllib.request
    from http.cookiejar import CookieJar

    run_vigil("migrate", data_dir=tmp_path)
    run_vigil(
        "createuser",
        "field-documenter",
        "--role",
        "viewer",
        "--password-stdin",
        data_dir=tmp_path,
        input=PASSWORD + "\n",
    )
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    env = {**os.environ, "VIGIL_DATA_DIR": str(tmp_path)}
    env.pop("DATABASE_URL", None)
    env.pop("VIGIL_AUDIT_KEY", None)
    server = subprocess.Popen([VIGIL, "serve", "--port", str(port)], env=env, stdout=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    browser = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(CookieJar()))

    def login(username: str, password: str) -> None:
        deadline = time.monotonic() + 30
        while True:
            try:
                page = browser.open(f"{base}/login/", timeout=10).read().decode()
                break
            except (ConnectionError, urllib.error.URLError):
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.2)
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
        form = urllib.parse.urlencode({"csrfmiddlewaretoken": token, "username": username, "password": password})
        request = urllib.request.Request(
            f"{base}/login/",
            data=form.encode(),
            headers={"Referer": f"{base}/login/", "X-Forwarded-For": "203.0.113.9"},
        )
        browser.open(request, timeout=10).read()

    try:
        login("field-documenter\r\nok", "not the password at all")
        login("field-documenter", PASSWORD)
    finally:
        server.terminate()
        server.wait(timeout=10)

    with sqlite3.connect(tmp_path / "vigil.sqlite3") as database:
        rows = database.execute("SELECT action, actor, ip FROM audit_auditentry ORDER BY sequence").fetchall()
    assert rows == [
        ("create", "", ""),
        ("login_failed", "field-documenter\\r\\nok", "127.0.0.1"),
        ("login", "field-documenter", "127.0.0.1"),
    ]
    assert run_vigil("audit", "verify", data_dir=tmp_path).stdout.strip() == "ok: 3 entries hold"
