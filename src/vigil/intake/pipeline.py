"""Wire the intake stages: an article in, a draft incident report in the exchange format out.

    read_article (fetch, article) → parse (entities) → find_acts (acts, dates, places,
    penalties, legal) and find_interventions → Report

Nothing here touches a database: the web app saves the report through `records.services`,
`vigil extract` writes it as JSON, a batch job may do either.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Iterator
from dataclasses import dataclass

from vigil.core.report import Report, SourceInfo
from vigil.intake import IntakeError
from vigil.intake.acts import find_acts
from vigil.intake.article import Article, detect_language, read_article
from vigil.intake.entities import parse, warm_up
from vigil.intake.interventions import find_interventions

__all__ = ["Outcome", "extract", "extract_inputs", "warm_up"]


@dataclass(frozen=True, slots=True)
class Outcome:
    """What became of one input: its report, or why it could not be taken in."""

    input: str
    report: Report | None = None
    error: str | None = None


def extract(article: Article) -> Report:
    """Return the draft report of what an article says: its acts, with victims and attributes, and interventions."""
    language = article.language or detect_language(article.text) or "en"
    parsed = parse(article.text, language=language)
    acts = find_acts(parsed, published=article.published)
    return Report(
        id=article.id,
        source=SourceInfo(
            file=article.file_name,
            url=article.url,
            title=article.title,
            publisher=article.publisher,
            published=article.published,
            language=language,
        ),
        acts=tuple(acts),
        interventions=tuple(find_interventions(parsed)),
    )


def extract_inputs(inputs: list[str], *, jobs: int = 1) -> Iterator[Outcome]:
    """Read and extract each input (a URL or a file), in `jobs` processes; yield outcomes as they finish."""
    warm_up()  # loaded once here, shared by forked workers
    if jobs <= 1 or len(inputs) <= 1:
        yield from map(_extract_one, inputs)
        return
    context = multiprocessing.get_context("fork")
    with context.Pool(processes=jobs) as pool:
        yield from pool.imap_unordered(_extract_one, inputs)


def _extract_one(source: str) -> Outcome:
    try:
        return Outcome(source, report=extract(read_article(source)))
    except IntakeError as error:
        return Outcome(source, error=str(error))
