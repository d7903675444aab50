"""Time the proposals of acts already recorded, and the act list with source counts, on 100,000 acts.

    .venv/bin/python bench/acts.py [--acts 100000] [--rounds 60] [--keep DIR]

Builds the database of bench/web.py (invented sources, events, people and 100,000 acts on SQLite,
with the search index), or reuses the one in --keep. Then, in one transaction rolled back at the
end, imports new reports (records.services.report_import) each telling a detention of a person
already recorded, on a day near one of theirs, and times records.selectors.act_matches for each
new act, as the review page calls it: dated to the day, known only by its month or year, and
undated. Also times a page of the act list (50 acts) with and without each act's source counts
(act_source_counts). Prints the median and 95th percentile in milliseconds, for an editor and a
viewer.
"""

import argparse
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

VIGIL = str(Path(sys.executable).with_name("vigil"))
WEB = Path(__file__).resolve().parent / "web.py"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--acts", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=60, help="new acts timed per kind of date")
    parser.add_argument("--keep", help="a folder to keep the data in (reused when it holds a database already)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="vigil-bench-acts-") as temporary:
        folder = Path(args.keep or temporary)
        os.environ["VIGIL_DATA_DIR"] = str(folder / "data")
        os.environ.pop("DATABASE_URL", None)
        os.environ.pop("VIGIL_DEBUG", None)
        if not (folder / "data" / "vigil.sqlite3").exists():
            subprocess.run([VIGIL, "migrate"], check=True, capture_output=True)
            started = time.perf_counter()
            subprocess.run([sys.executable, str(WEB), "--generate", str(args.acts)], check=True)
            print(f"generated and indexed in {time.perf_counter() - started:.0f} s")
        _measure(args.rounds)


def _measure(rounds: int) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "vigil.settings")
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.db import transaction

    from vigil.core.report import parse_report
    from vigil.records import selectors
    from vigil.records.models import Act, Involvement
    from vigil.records.services import report_import

    users = {role: get_user_model().objects.get(username=f"bench-{role}") for role in ("editor", "viewer")}
    rng = random.Random(11)  # noqa: S311 (invented data, not secrets)
    victims = list(
        Involvement.objects.filter(role="victim", person__isnull=False, act__type__code="detention")
        .values_list("person__name", "act__date")
        .order_by("id")
    )
    print(f"{Act.objects.count()} acts, SQLite, one process; {rounds} new acts per kind")
    print(f"{'what':50} {'median ms':>10} {'p95 ms':>8} {'max ms':>8} {'found':>6}")
    with transaction.atomic():
        for kind in ("day", "month", "year", "undated"):
            acts = []
            for number in range(rounds):
                name, when = rng.choice(victims)
                day = when + timedelta(days=rng.choice([-1, 0, 1]))
                date, precision = {
                    "day": (day.isoformat(), "day"),
                    "month": (day.isoformat()[:7], "month"),
                    "year": (day.isoformat()[:4], "year"),
                }.get(kind, (None, "unknown"))
                published = (day + timedelta(days=3)).isoformat()
                report = {
                    "id": f"bench-new-{kind}-{number}",
                    "source": {"title": "Retold", "publisher": "Other Post", "published": published},
                    "acts": [{"victim": name, "victim_kind": "person", "type": "detention", "date": date,
                              "date_precision": precision, "country": None, "perpetrator": "police"}],
                    "interventions": [],
                }  # fmt: skip
                source = report_import(report=parse_report(report))
                acts.append(Act.objects.select_related("type").get(reports__source=source))
            for role, user in users.items():
                times, found = [], 0
                for act in acts:
                    started = time.perf_counter()
                    found += len(selectors.act_matches(act, user=user))
                    times.append((time.perf_counter() - started) * 1000)
                _print(f"act_matches, {kind} act, {role}", times, found / len(acts))
        for role, user in users.items():
            for counted in (False, True):
                times = []
                for page in range(rounds):
                    started = time.perf_counter()
                    acts = list(selectors.acts_browse(selectors.Filters(), user=user)[page * 50 : page * 50 + 50])
                    if counted:
                        selectors.act_source_counts(acts, user=user)
                    times.append((time.perf_counter() - started) * 1000)
                label = "with source counts" if counted else "without counts"
                _print(f"act list, page of 50, {label}, {role}", times, None)
        transaction.set_rollback(True)


def _print(what: str, times: list[float], found: float | None) -> None:
    times.sort()
    p95 = times[min(len(times) - 1, int(round(0.95 * len(times))) - 1)]
    shown = f"{found:6.1f}" if found is not None else ""
    print(f"{what:50} {statistics.median(times):10.1f} {p95:8.1f} {times[-1]:8.1f} {shown:>6}")


if __name__ == "__main__":
    main()
