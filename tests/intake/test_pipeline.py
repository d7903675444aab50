"""The pipeline: an article in, a draft report in the exchange format out, and no Django on the way.

The articles are written for the tests; the people in them are invented.
"""

import os
import subprocess
import sys
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from vigil.core.dates import PartialDate
from vigil.core.report import Report, SourceInfo, parse_report
from vigil.intake.article import Article, article_from_text
from vigil.intake.pipeline import extract, extract_inputs

WEDNESDAY = date(2025, 3, 12)
ENGLISH = (
    "Title: Two activists jailed in Almaty\n"
    "Published: 2025-03-12\n"
    "URL: https://news.example.org/2025/03/two-activists-jailed\n"
    "\n"
    "Police in Almaty detained Aigul Bekova and Dana Serikova on Friday. "
    "On Monday a court sentenced both women to 10 days of administrative arrest.\n"
    "\n"
    "Amnesty International condemned the arrests and called for their release."
)


@pytest.fixture(scope="module")
def english_report() -> Report:
    return extract(article_from_text(ENGLISH, file_name="two-activists.txt"))


def test_extract_returns_a_report_with_the_articles_id_and_source(english_report: Report) -> None:
    assert english_report.id == "two-activists"
    assert english_report.source == SourceInfo(
        file="two-activists.txt",
        url="https://news.example.org/2025/03/two-activists-jailed",
        title="Two activists jailed in Almaty",
        publisher=None,
        published=WEDNESDAY,
        language="en",
    )


def test_extract_returns_the_acts_and_interventions_of_the_article(english_report: Report) -> None:
    assert sorted((act.type, act.victim, act.date.isoformat()) for act in english_report.acts) == [
        ("administrative_detention", "Aigul Bekova", "2025-03-10"),
        ("administrative_detention", "Dana Serikova", "2025-03-10"),
        ("detention", "Aigul Bekova", "2025-03-07"),
        ("detention", "Dana Serikova", "2025-03-07"),
    ]
    assert [(i.by, i.type) for i in english_report.interventions] == [("Amnesty International", "statement")]


def test_the_report_is_valid_in_the_exchange_format(english_report: Report) -> None:
    assert parse_report(english_report.to_dict()) == english_report


def test_a_russian_article_is_extracted_in_russian() -> None:
    article = Article(
        id="ru-fine",
        text="В субботу полиция задержала активистку Айгерим Нурланову в Алматы. Её оштрафовали на 50 МРП.",
        published=WEDNESDAY,
        language="ru",
    )
    report = extract(article)
    assert report.source.language == "ru"
    assert sorted((act.type, act.victim) for act in report.acts) == [
        ("detention", "Айгерим Нурланова"),
        ("fine", "Айгерим Нурланова"),
    ]
    fine = next(act for act in report.acts if act.type == "fine")
    assert (fine.amount, fine.currency) == (Decimal(50), "KZT-MCI")


def test_the_language_is_detected_when_the_article_does_not_give_it() -> None:
    article = Article(id="no-language", text="Полиция задержала журналиста Данияра Омарова в Астане в понедельник.")
    assert extract(article).source.language == "ru"


def test_an_article_without_a_publication_date_still_extracts() -> None:
    article = article_from_text("Police in Almaty detained the activist Aigul Bekova on 14 May 2024.", id="undated")
    assert article.published is None
    report = extract(article)
    assert report.source.published is None
    [act] = report.acts
    assert (act.type, act.victim, act.date) == ("detention", "Aigul Bekova", PartialDate(date(2024, 5, 14), "day"))


@pytest.mark.parametrize(
    "text",
    [
        "",
        "...",
        " \n\n ",
        "Mix the flour with two eggs and bake for twenty minutes. Serve warm with honey on Sunday.",
        "Смешайте муку с яйцами и выпекайте двадцать минут. Подавайте тёплым с мёдом.",
    ],
    ids=["empty", "dots", "blank-lines", "recipe-en", "recipe-ru"],
)
def test_a_text_that_reports_nothing_gives_no_acts_and_no_error(text: str) -> None:
    report = extract(Article(id="nothing", text=text, published=WEDNESDAY))
    assert (report.id, report.acts, report.interventions) == ("nothing", (), ())


def test_extract_inputs_reports_a_bad_input_and_still_extracts_the_good_one(tmp_path: Path) -> None:
    good = tmp_path / "fined.txt"
    good.write_text("Published: 2025-03-12\n\nAigul Bekova was fined 100 MCI in Almaty on Monday.\n", encoding="utf-8")
    missing = tmp_path / "missing.txt"

    outcomes = {outcome.input: outcome for outcome in extract_inputs([str(good), str(missing)])}

    assert outcomes[str(good)].error is None
    report = outcomes[str(good)].report
    assert report is not None
    assert [(act.type, act.victim, act.amount) for act in report.acts] == [("fine", "Aigul Bekova", Decimal(100))]
    assert outcomes[str(missing)].report is None
    assert outcomes[str(missing)].error == f"cannot read {missing}: No such file or directory"


def test_intake_imports_and_extracts_without_django() -> None:
    """The intake runs in a batch job or a distributed engine, where Django is not set up."""
    program = (
        "import pkgutil, importlib, sys, vigil.intake\n"
        "for module in pkgutil.iter_modules(vigil.intake.__path__):\n"
        "    importlib.import_module('vigil.intake.' + module.name)\n"
        "from vigil.intake.article import Article\n"
        "from vigil.intake.pipeline import extract\n"
        "extract(Article(id='a', text='Police in Almaty detained the activist Aigul Bekova.', language='en'))\n"
        "extract(Article(id='b', text='Полиция задержала активистку Айгерим Нурланову.', language='ru'))\n"
        "print(sorted(m for m in sys.modules if m == 'django' or m.startswith('django.')))\n"
    )
    env = {key: value for key, value in os.environ.items() if not key.startswith("DJANGO")}
    result = subprocess.run(
        [sys.executable, "-c", program], capture_output=True, text=True, check=True, env=env, timeout=120
    )
    assert result.stdout.strip() == "[]"


def test_a_text_longer_than_any_article_is_refused_with_a_message():
    from vigil.intake.pipeline import MAX_CHARACTERS, TooLong

    article = Article(id="huge", text="Police detained an activist. " * (MAX_CHARACTERS // 20), language="en")
    with pytest.raises(TooLong, match="huge: the text has .* characters, more than any news article"):
        extract(article)
