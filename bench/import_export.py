"""Measure `vigil import` and `vigil export`: reports and acts per second, on SQLite or PostgreSQL.

    .venv/bin/python bench/import_export.py [--reports 500] [--database-url URL]

Generates invented reports (8 acts each, with a text to archive) into a temporary folder,
imports them into an empty database through the real `vigil` command, exports them again,
and prints wall time and throughput for each step. Without --database-url it uses SQLite in
a temporary data directory; a database named by URL is migrated, filled and left as it is.
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

VIGIL = str(Path(sys.executable).with_name("vigil"))
NAMES = ["Dana Issayeva", "Bolat Omarov", "Aliya Bekova", "Timur Sadykov", "Жанна Ахметова", "Ерлан Касымов"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reports", type=int, default=500)
    parser.add_argument("--database-url", help="an empty database to use instead of a temporary SQLite one")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="vigil-bench-") as temporary:
        folder = Path(temporary)
        reports = folder / "reports"
        reports.mkdir()
        acts = sum(_write_report(reports, i) for i in range(args.reports))
        env = {**os.environ, "VIGIL_DATA_DIR": str(folder / "data")}
        if args.database_url:
            env["DATABASE_URL"] = args.database_url
        else:
            env.pop("DATABASE_URL", None)
        subprocess.run([VIGIL, "migrate"], env=env, check=True, capture_output=True)
        database = "PostgreSQL" if args.database_url else "SQLite (WAL)"
        print(f"{args.reports} reports, {acts} acts, {database}, one process")
        seconds = _timed([VIGIL, "import", str(reports)], env)
        print(f"import  {seconds:7.2f} s  {args.reports / seconds:8.1f} reports/s  {acts / seconds:8.1f} acts/s")
        seconds = _timed([VIGIL, "export", "--format", "report-json", "--out", str(folder / "out")], env)
        print(f"export  {seconds:7.2f} s  {args.reports / seconds:8.1f} reports/s  {acts / seconds:8.1f} acts/s")


def _timed(command: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, env=env, check=True, capture_output=True)
    return time.perf_counter() - start


def _write_report(folder: Path, number: int) -> int:
    acts = []
    for i in range(8):
        acts.append(
            {
                "victim": NAMES[(number + i) % len(NAMES)],
                "victim_kind": "person",
                "victim_count": 1,
                "type": ["detention", "administrative_detention", "fine", "criminal_charge"][i % 4],
                "date": f"2025-{1 + number % 12:02d}-{1 + i:02d}",
                "date_precision": "day",
                "duration_days": 10 if i % 4 == 1 else None,
                "amount": 30 if i % 4 == 2 else None,
                "currency": "KZT-MCI" if i % 4 == 2 else None,
                "country": "KZ",
                "place": "Almaty",
                "perpetrator": ["police", "court", "court", "prosecutor"][i % 4],
                "legal_basis": None,
                "incident": f"bench-{number}-{i}",
            }
        )
    report = {
        "id": f"bench-{number:06d}",
        "source": {
            "file": None,
            "url": f"https://bench.example/{number}",
            "title": f"Report {number}",
            "publisher": "Bench Post",
            "published": "2025-12-31",
            "language": "en",
            "text": f"Report {number}. " + "Police detained activists after a picket in Almaty. " * 40,
        },
        "acts": acts,
        "interventions": [{"by": "Steppe Rights Bureau", "type": "statement"}],
    }
    (folder / f"{report['id']}.json").write_text(json.dumps(report), encoding="utf-8")
    return len(acts)


if __name__ == "__main__":
    main()
