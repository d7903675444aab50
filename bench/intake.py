"""Measure intake on the evaluation corpus: quality (score.py) and speed (articles per second, one core).

    .venv/bin/python bench/intake.py [--corpus ../shared/corpus] [--rounds 3] [--out DIR]

Extracts every article of CORPUS/articles with `vigil.intake.pipeline.extract`, scores the
reports against CORPUS/gold with CORPUS/score.py, and prints acts P/R/F1, victims F1, the
accuracy of each attribute, and the speed once the models are loaded: the median of --rounds
runs over all articles, one article at a time and in batches, beside a baseline that only
tokenizes the same texts (spaCy's tokenizer, natasha's segmenter), run in alternation with
them so that all see the same machine. It then scores intake the same way on the texts of
Vigil's own sample data set against its annotations, a second measure on text of another hand.
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
from pathlib import Path
from typing import Any

from vigil.core.report import Report, dump_report, read_report
from vigil.intake import entities
from vigil.intake.article import Article, article_from_json
from vigil.intake.pipeline import extract, extract_many, warm_up

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--out", type=Path, help="keep the extracted reports here")
    args = parser.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})  # one core, as the target says

    articles = [
        article_from_json(p.read_bytes(), file_name=p.name) for p in sorted(args.corpus.glob("articles/*.json"))
    ]
    words = sum(len(a.text.split()) for a in articles)
    started = time.perf_counter()
    warm_up()
    loading = time.perf_counter() - started

    pipeline_times, batch_times, baseline_times = [], [], []
    reports = []
    for _ in range(args.rounds):
        baseline_times.append(_timed(lambda: [_tokenize(a) for a in articles]))
        pipeline_times.append(_timed(lambda: reports.__setitem__(slice(None), [extract(a) for a in articles])))
        batch_times.append(_timed(lambda: list(extract_many(articles))))

    out = args.out or Path(tempfile.mkdtemp(prefix="vigil-intake-"))
    result = _scored(args.corpus, args.corpus / "gold", reports, out)
    sample = _sample_scored(args.corpus)

    acts, victims = result["acts"], result["victims"]
    pipeline, baseline = statistics.median(pipeline_times), statistics.median(baseline_times)
    batch = statistics.median(batch_times)
    print(f"{len(articles)} articles, {words} words, {args.corpus}")
    print(
        f"acts       P {acts['precision']:.3f}  R {acts['recall']:.3f}  F1 {acts['f1']:.3f}"
        f"  ({acts['paired']} paired, {acts['predicted']} predicted, {acts['gold']} gold)"
    )
    print(f"victims    P {victims['precision']:.3f}  R {victims['recall']:.3f}  F1 {victims['f1']:.3f}")
    print("attributes " + "  ".join(f"{k} {v:.3f}" for k, v in result["attribute_accuracy"].items()))
    print(f"models loaded in {loading:.2f} s")
    best = min(pipeline_times)
    print(
        f"intake     {pipeline:.3f} s  {len(articles) / pipeline:6.1f} articles/s  {words / pipeline:8.0f} words/s"
        f"  (median of {args.rounds}, one core; best {len(articles) / best:.1f} articles/s)"
    )
    print(
        f"batched    {batch:.3f} s  {len(articles) / batch:6.1f} articles/s  {words / batch:8.0f} words/s"
        "  (extract_many, as `vigil extract` runs)"
    )
    print(f"tokenize   {baseline:.3f} s  {len(articles) / baseline:6.1f} articles/s  (baseline, same texts)")
    print(f"ratio      intake takes {pipeline / baseline:.1f}x the time of tokenizing, {batch / baseline:.1f}x batched")
    print(f"reports in {out}")
    acts, victims = sample["acts"], sample["victims"]
    print(f"\nVigil's own sample data set ({SAMPLE.relative_to(ROOT)}, its texts and annotations, written for Vigil):")
    print(
        f"acts       P {acts['precision']:.3f}  R {acts['recall']:.3f}  F1 {acts['f1']:.3f}"
        f"  ({acts['paired']} paired, {acts['predicted']} predicted, {acts['gold']} gold)"
    )
    print(f"victims    P {victims['precision']:.3f}  R {victims['recall']:.3f}  F1 {victims['f1']:.3f}")
    print("attributes " + "  ".join(f"{k} {v:.3f}" for k, v in sample["attribute_accuracy"].items()))


SAMPLE = ROOT / "src" / "vigil" / "sample" / "reports"


def _scored(corpus: Path, gold: Path, reports: list[Report], out: Path) -> dict[str, Any]:
    out.mkdir(parents=True, exist_ok=True)
    for report in reports:
        (out / f"{report.id}.json").write_text(dump_report(report), encoding="utf-8")
    scored = subprocess.run(
        [sys.executable, str(corpus / "score.py"), str(gold), str(out), "--json"],
        capture_output=True,
        text=True,
        check=True,
    )
    result: dict[str, Any] = json.loads(scored.stdout)
    return result


def _sample_scored(corpus: Path) -> dict[str, Any]:
    """Score intake on the texts of Vigil's sample reports against the reports themselves."""
    gold = Path(tempfile.mkdtemp(prefix="vigil-sample-gold-"))
    articles = []
    for path in sorted(SAMPLE.glob("*.json")):
        report = read_report(path)
        (gold / path.name).write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
        source = report.source
        articles.append(
            Article(id=report.id, text=source.text or "", published=source.published, language=source.language)
        )
    return _scored(corpus, gold, list(extract_many(articles)), Path(tempfile.mkdtemp(prefix="vigil-sample-")))


def _timed(work: object) -> float:
    started = time.perf_counter()
    work()  # type: ignore[operator]
    return time.perf_counter() - started


def _tokenize(article: Article) -> int:
    if article.language == "ru":
        from natasha import Doc

        doc = Doc(article.text)
        doc.segment(entities._russian()[0])
        return len(doc.tokens)
    return len(entities._english().tokenizer(article.text))


if __name__ == "__main__":
    main()
