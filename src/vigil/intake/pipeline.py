"""Wire the intake stages: an article in, a draft incident report in the exchange format out.

    read_article (fetch, article) → parse (entities) → find_acts (acts, dates, places,
    penalties, legal) and find_interventions → Report

Nothing here touches a database: the web app saves the report through `records.services`,
`vigil extract` writes it as JSON, a batch job may do either.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from vigil.core.report import Report, SourceInfo
from vigil.intake import IntakeError
from vigil.intake.acts import find_acts
from vigil.intake.article import Article, detect_language, read_article
from vigil.intake.entities import Parsed, parse_many, warm_up
from vigil.intake.interventions import find_interventions

__all__ = ["Outcome", "extract", "extract_inputs", "extract_many", "warm_up"]


@dataclass(frozen=True, slots=True)
class Outcome:
    """What became of one input: its report, or why it could not be taken in."""

    input: str
    report: Report | None = None
    error: str | None = None


def extract(article: Article) -> Report:
    """Return the draft report of what an article says: its acts, with victims and attributes, and interventions."""
    return next(extract_many([article]))


# Far beyond any news article (a long report runs to some 60,000 characters); the language models'
# memory grows with the text, so a longer text is refused rather than risk the server.
MAX_CHARACTERS = 400_000


class TooLong(IntakeError):
    """A text too long to be one article."""


def extract_many(articles: Iterable[Article]) -> Iterator[Report]:
    """Return the draft report of each article, in order; the language models work in batches, which is faster."""
    pending = [_checked(article) for article in articles]
    languages = [article.language or detect_language(article.text) or "en" for article in pending]
    for article, language, parsed in zip(
        pending, languages, parse_many(zip((a.text for a in pending), languages, strict=True)), strict=True
    ):
        yield _report(article, language, parsed)


def _checked(article: Article) -> Article:
    if len(article.text) > MAX_CHARACTERS:
        raise TooLong(
            f"{article.id}: the text has {len(article.text):,} characters, more than any news article "
            f"({MAX_CHARACTERS:,} at most); split it into its articles"
        )
    return article


def _report(article: Article, language: str, parsed: Parsed) -> Report:
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


def extract_inputs(inputs: list[str], *, jobs: int = 1, batch_size: int = 16) -> Iterator[Outcome]:
    """Read and extract each input (a URL or a file), in `jobs` processes; yield outcomes as batches finish."""
    warm_up()  # loaded once here, shared by forked workers
    batches = [inputs[i : i + batch_size] for i in range(0, len(inputs), batch_size)]
    if jobs <= 1 or len(batches) <= 1:
        for batch in batches:
            yield from _extract_batch(batch)
        return
    context = multiprocessing.get_context("fork")
    with context.Pool(processes=jobs) as pool:
        for outcomes in pool.imap_unordered(_extract_batch, batches):
            yield from outcomes


def _extract_batch(sources: list[str]) -> list[Outcome]:
    articles: list[Article] = []
    errors: dict[str, str] = {}
    for source in sources:
        try:
            articles.append(_checked(read_article(source)))
        except IntakeError as error:
            errors[source] = str(error)
    reports = iter(extract_many(articles))
    return [
        Outcome(source, error=errors[source]) if source in errors else Outcome(source, report=next(reports))
        for source in sources
    ]
