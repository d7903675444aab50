"""`vigil extract`, run through the installed entry point: articles in, exchange-format reports out.

The articles are written for the tests; the people in them are invented.
"""

import json
import socket
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from vigil.core.report import read_report

VIGIL = str(Path(sys.executable).with_name("vigil"))

ENGLISH = (
    "Published: 2025-03-12\n"
    "\n"
    "Activists jailed in Almaty\n"
    "\n"
    "Police in Almaty detained the activist Aigul Bekova on Friday. "
    "On Monday a court sentenced her to 10 days of administrative arrest.\n"
)
RUSSIAN = {
    "id": "ru-fine",
    "url": "https://news.example.org/ru/2025/03/fine",
    "title": "Активистку оштрафовали",
    "publisher": "Example News",
    "published": "2025-03-12",
    "language": "ru",
    "text": "В субботу полиция задержала активистку Айгерим Нурланову в Алматы. Её оштрафовали на 50 МРП.",
}
UNREACHABLE = "http://127.0.0.1:1/"


@dataclass(frozen=True)
class Run:
    """One `vigil extract` run: its exit status, its output, and the folder it wrote."""

    returncode: int
    stdout: str
    stderr: str
    out: Path


@dataclass(frozen=True)
class Runs:
    serial: Run
    parallel: Run
    listener_url: str
    listener_connections: int


@pytest.fixture(scope="module")
def runs(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Runs]:
    """Run the same inputs with --jobs 1 and --jobs 2 at once (the models load once per process)."""
    folder = tmp_path_factory.mktemp("extract")
    (folder / "jailed.txt").write_text(ENGLISH, encoding="utf-8")
    (folder / "fine.json").write_text(json.dumps(RUSSIAN, ensure_ascii=False), encoding="utf-8")
    (folder / "photo.bin").write_bytes(b"\x00\x01\x02binary\x00data" * 64)
    # A real server on loopback: the guard must refuse its address before any connection is made.
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen(8)
        listener_url = f"http://127.0.0.1:{listener.getsockname()[1]}/article"
        inputs = ["jailed.txt", "fine.json", "missing.txt", "photo.bin", UNREACHABLE, listener_url]
        processes = {
            jobs: subprocess.Popen(
                [VIGIL, "extract", *inputs, "--out", f"out-{jobs}", "--jobs", str(jobs)],
                cwd=folder,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            )
            for jobs in (1, 2)
        }
        results = {}
        for jobs, process in processes.items():
            stdout, stderr = process.communicate(timeout=120)
            results[jobs] = Run(process.returncode, stdout, stderr, folder / f"out-{jobs}")
        listener.setblocking(False)
        connections = 0
        while True:
            try:
                connection, _ = listener.accept()
            except BlockingIOError:
                break
            connection.close()
            connections += 1
    yield Runs(results[1], results[2], listener_url, connections)


def test_extract_writes_one_report_per_article_named_by_its_id(runs: Runs) -> None:
    assert sorted(path.name for path in runs.serial.out.iterdir()) == ["jailed.json", "ru-fine.json"]


def test_the_written_reports_are_valid_exchange_format_with_the_articles_acts(runs: Runs) -> None:
    english = read_report(runs.serial.out / "jailed.json")
    assert english.source.file == "jailed.txt"
    assert english.source.title == "Activists jailed in Almaty"
    assert english.source.published is not None
    assert english.source.published.isoformat() == "2025-03-12"
    assert sorted((act.type, act.victim, act.date.isoformat()) for act in english.acts) == [
        ("administrative_detention", "Aigul Bekova", "2025-03-10"),
        ("detention", "Aigul Bekova", "2025-03-07"),
    ]
    russian = read_report(runs.serial.out / "ru-fine.json")
    assert (russian.source.url, russian.source.publisher, russian.source.language) == (
        RUSSIAN["url"],
        "Example News",
        "ru",
    )
    assert sorted((act.type, act.victim) for act in russian.acts) == [
        ("detention", "Айгерим Нурланова"),
        ("fine", "Айгерим Нурланова"),
    ]


def test_jobs_2_writes_the_same_reports(runs: Runs) -> None:
    serial = {path.name: path.read_bytes() for path in runs.serial.out.iterdir()}
    parallel = {path.name: path.read_bytes() for path in runs.parallel.out.iterdir()}
    assert parallel == serial
    assert (runs.parallel.returncode, runs.parallel.stdout) == (
        runs.serial.returncode,
        runs.serial.stdout.replace("out-1", "out-2"),
    )
    assert sorted(_errors(runs.parallel)) == sorted(_errors(runs.serial))


def test_bad_inputs_exit_1_each_named_with_its_problem_while_the_good_ones_are_written(runs: Runs) -> None:
    assert runs.serial.returncode == 1
    assert runs.serial.stdout.strip() == "2 reports written to out-1, 4 failed"
    errors = _errors(runs.serial)
    assert errors["missing.txt"] == "cannot read missing.txt: No such file or directory"
    assert errors["photo.bin"].startswith("photo.bin ")
    assert "binary" in errors["photo.bin"]


def test_a_url_to_a_loopback_address_is_refused_without_connecting(runs: Runs) -> None:
    errors = _errors(runs.serial)
    for url in (UNREACHABLE, runs.listener_url):
        assert "refused" in errors[url]
        assert "127.0.0.1 is a loopback address" in errors[url]
    assert runs.listener_connections == 0


def test_extract_help_explains_the_inputs() -> None:
    result = subprocess.run([VIGIL, "extract", "--help"], capture_output=True, text=True, check=True, timeout=60)
    assert "Usage: vigil extract [OPTIONS] INPUTS..." in result.stdout
    help_text = " ".join(result.stdout.split())
    for words in ("article JSON file", "HTML file", "plain-text file", "http(s) URL", "OUT/<id>.json", "--jobs"):
        assert words in help_text


def _errors(run: Run) -> dict[str, str]:
    """Return each failed input's message, from the "INPUT: message" lines of standard error."""
    return dict(line.partition(": ")[::2] for line in run.stderr.splitlines() if ": " in line)


def test_link_gives_one_incident_key_to_one_arrest_told_in_two_languages(tmp_path: Path) -> None:
    english = {
        "id": "en-arrest",
        "published": "2025-03-12",
        "language": "en",
        "title": "Activist detained in Almaty",
        "text": "Police in Almaty detained the activist Aigerim Nurlanova on Saturday.",
    }
    russian = {**RUSSIAN, "id": "ru-arrest"}
    for article in (english, russian):
        (tmp_path / f"{article['id']}.json").write_text(json.dumps(article, ensure_ascii=False), encoding="utf-8")
    result = subprocess.run(
        [VIGIL, "extract", "--link", "en-arrest.json", "ru-arrest.json", "--out", "out"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    detentions = [
        act.incident
        for name in ("en-arrest", "ru-arrest")
        for act in read_report(tmp_path / "out" / f"{name}.json").acts
        if act.type == "detention"
    ]
    assert len(detentions) == 2 and detentions[0] == detentions[1] == "2025-03-08-aigerim-nurlanova-detention"
    fine = [act for act in read_report(tmp_path / "out" / "ru-arrest.json").acts if act.type == "fine"]
    assert fine[0].incident not in detentions
