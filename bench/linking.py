"""Measure the linking of acts across articles on the evaluation corpus: incident-link P/R/F1 and speed.

    .venv/bin/python bench/linking.py [--corpus ../shared/corpus] [--rounds 5] [--names-queries 200]
                                      [--keep DIR] [--database-url postgres://…] [--no-names]

Extracts every article of CORPUS/articles, links the reports with `vigil.core.linking` (as
`vigil extract --link` does), scores the incident keys against CORPUS/gold with CORPUS/score.py
(pairwise F1 over paired acts of different articles), and prints the time linking takes: the
median of --rounds runs over all reports, and the same over the corpus's reports repeated to
about 1,000 acts, one core. Then the other half of linking, names: bench/names.py checks new
names against 100,000 invented people (and 20,000 organisations) in a real database (SQLite, or
PostgreSQL with --database-url) and prints milliseconds and matches per second by kind of name.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

from vigil.core.linking import link_reports
from vigil.core.report import Report, dump_report
from vigil.intake.article import article_from_json
from vigil.intake.pipeline import extract_many

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--names-queries", type=int, default=200, help="names checked per kind (bench/names.py)")
    parser.add_argument("--keep", help="bench/names.py: a folder to keep its SQLite database in")
    parser.add_argument("--database-url", help="bench/names.py: a PostgreSQL database instead of SQLite")
    parser.add_argument("--no-names", action="store_true", help="measure the linking of acts only")
    args = parser.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})  # one core

    articles = [
        article_from_json(p.read_bytes(), file_name=p.name) for p in sorted(args.corpus.glob("articles/*.json"))
    ]
    reports = list(extract_many(articles))
    linked = link_reports(reports)
    out = Path(tempfile.mkdtemp(prefix="vigil-linking-"))
    for report in linked:
        (out / f"{report.id}.json").write_text(dump_report(report), encoding="utf-8")
    scored = subprocess.run(
        [sys.executable, str(args.corpus / "score.py"), str(args.corpus / "gold"), str(out), "--json"],
        capture_output=True,
        text=True,
        check=True,
    )
    result = json.loads(scored.stdout)
    links, acts = result["dedup"], result["acts"]
    print(f"{len(reports)} articles, {sum(len(r.acts) for r in reports)} acts extracted, {args.corpus}")
    print(f"acts       P {acts['precision']:.3f}  R {acts['recall']:.3f}  F1 {acts['f1']:.3f}  (extraction)")
    print(
        f"links      P {links['precision']:.3f}  R {links['recall']:.3f}  F1 {links['f1']:.3f}  "
        f"({links['predicted_pairs']} pairs linked, {links['gold_pairs']} in the gold, over paired acts)"
    )
    for label, batch in (("corpus", reports), ("~1,000 acts", _repeated(reports, 1000))):
        times = [_timed(batch) for _ in range(args.rounds)]
        count = sum(len(r.acts) for r in batch)
        median = statistics.median(times)
        print(f"linking    {label:<12} {count:>5} acts  {median * 1000:8.1f} ms  (median of {args.rounds}, one core)")
    print(f"reports in {out}")
    if not args.no_names:
        names = [sys.executable, str(ROOT / "bench" / "names.py"), "--queries", str(args.names_queries)]
        names += ["--keep", args.keep] if args.keep else []
        names += ["--database-url", args.database_url] if args.database_url else []
        print("\nnames against 100,000 people (bench/names.py):", flush=True)
        subprocess.run(names, check=True)


def _repeated(reports: list[Report], acts: int) -> list[Report]:
    """Return copies of the reports, under new ids, until they hold about this many acts."""
    copies: list[Report] = []
    while sum(len(r.acts) for r in copies) < acts:
        copies.extend(replace(r, id=f"{r.id}-{len(copies)}") for r in reports)
    return copies


def _timed(reports: list[Report]) -> float:
    started = time.perf_counter()
    link_reports(reports)
    return time.perf_counter() - started


if __name__ == "__main__":
    main()
