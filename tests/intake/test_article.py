"""Reading articles: HTML pages, plain text, article JSON and fetched pages, and refusing what is not one."""

from __future__ import annotations

import codecs
import hashlib
import json
import logging
import os
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest

from vigil.core.codes import REPORT_ID
from vigil.intake import IntakeError
from vigil.intake.article import (
    MAX_BYTES,
    Article,
    ArticleError,
    article_from_bytes,
    article_from_fetched,
    article_from_html,
    article_from_json,
    article_from_text,
    article_id,
    detect_language,
    read_article,
)
from vigil.intake.fetch import Fetched

# Fixtures: pages written for these tests, with the furniture of a news site around the article.

NEWS_PAGE = """<!DOCTYPE html>
<html lang="{lang}">
<head>
<meta charset="{charset}">
<title>{title} | {site}</title>
<meta property="og:site_name" content="{site}">
<meta property="og:title" content="{title}">
<meta property="article:published_time" content="2025-03-04T09:15:00+05:00">
<link rel="canonical" href="https://courier.example.org/news/2025/03/volunteers-detained">
</head>
<body>
<header><div class="logo">{site}</div>
<nav><ul><li><a href="/">{nav[0]}</a></li><li><a href="/politics">{nav[1]}</a></li>
<li><a href="/sport">{nav[2]}</a></li><li><a href="/culture">{nav[3]}</a></li></ul></nav>
</header>
<div class="layout">
<aside class="sidebar"><h3>{sidebar[0]}</h3><ul><li><a href="/a">{sidebar[1]}</a></li>
<li><a href="/b">{sidebar[2]}</a></li><li><a href="/c">{sidebar[3]}</a></li></ul></aside>
<main>
<article>
<h1>{title}</h1>
{paragraphs}
</article>
<section class="comments"><h3>{comments[0]}</h3><div class="comment"><p>{comments[1]}</p></div></section>
</main>
</div>
<footer><p>{footer}</p><ul><li><a href="/about">{nav[4]}</a></li><li><a href="/contact">{nav[5]}</a></li></ul></footer>
</body></html>
"""

ENGLISH: dict[str, Any] = {
    "lang": "en",
    "site": "The Riverside Courier",
    "title": "Two volunteers detained after a library reading",
    "nav": ["Home", "Politics", "Sport", "Culture", "About us", "Contact"],
    "sidebar": ["Most read", "Weather turns cold in the valley", "Market prices rise", "Local team wins the cup"],
    "comments": ["Comments", "What a shame for our town, I used to go to those readings with my children."],
    "footer": "© 2025 The Riverside Courier. All rights reserved.",
    "paragraphs": [
        "Police in the river town of Eastbrook detained two volunteers of a reading club on Saturday evening, "
        "shortly after a public reading of poems at the municipal library, according to the club's coordinator.",
        "The officers arrived in two cars and asked everyone present to show identity documents. The two "
        "volunteers, who had organised the evening, were taken to the district police station and held there "
        "for several hours without access to a lawyer.",
        "On Monday a district court fined each of them the equivalent of two hundred euros for holding an "
        "unauthorised public event. Both said they would appeal against the decision.",
        "The reading club has met every month for six years and has never before been troubled by the "
        "authorities, its members said. A regional human rights group called the detentions arbitrary.",
    ],
}

RUSSIAN: dict[str, Any] = {
    "lang": "ru",
    "site": "Речной вестник",
    "title": "После чтений в библиотеке задержали двух волонтёров",
    "nav": ["Главная", "Политика", "Спорт", "Культура", "О нас", "Контакты"],
    "sidebar": ["Самое читаемое", "В долине похолодало", "Цены на рынке снова выросли", "Местная команда взяла кубок"],
    "comments": ["Комментарии", "Как жаль, я сама водила детей на эти чтения каждый месяц."],
    "footer": "© 2025 Речной вестник. Все права защищены.",
    "paragraphs": [
        "В субботу вечером полиция города Восточный Брод задержала двух волонтёров читательского клуба сразу "
        "после публичного чтения стихов в городской библиотеке, сообщила координатор клуба.",
        "Полицейские приехали на двух машинах и потребовали у всех присутствующих документы. Двух волонтёров, "
        "которые организовали вечер, доставили в районный отдел полиции и продержали там несколько часов без "
        "адвоката.",
        "В понедельник районный суд оштрафовал каждого из них на сумму, равную двумстам евро, за проведение "
        "несогласованного публичного мероприятия. Оба заявили, что обжалуют решение.",
        "Клуб собирается каждый месяц уже шесть лет, и раньше у властей к нему вопросов не было, рассказали его "
        "участники. Региональная правозащитная группа назвала задержания произвольными.",
    ],
}


def news_page(content: dict[str, Any], *, charset: str = "utf-8", lang: str | None = None) -> str:
    """Return a news page around the given article, in the language its texts are in."""
    fields = {**content, "charset": charset, "lang": lang or content["lang"]}
    fields["paragraphs"] = "\n".join(f"<p>{paragraph}</p>" for paragraph in content["paragraphs"])
    return NEWS_PAGE.format(**fields)


def fetched(
    body: bytes,
    *,
    content_type: str = "text/html",
    charset: str | None = None,
    status: int = 200,
    url: str = "https://courier.example.org/news/2025/03/volunteers-detained.html",
) -> Fetched:
    """Return what the fetcher would return for a page served with these headers."""
    return Fetched(
        url=url.replace("https://", "http://"),
        final_url=url,
        status=status,
        headers={"content-type": content_type + (f"; charset={charset}" if charset else "")},
        content_type=content_type,
        charset=charset,
        body=body,
        sha256=hashlib.sha256(body).hexdigest(),
        retrieved_at=datetime(2025, 3, 5, 10, 0, tzinfo=UTC),
    )


ENGLISH_TEXT = """Two volunteers detained after a library reading
Published: 2025-03-04

Police in the river town of Eastbrook detained two volunteers of a reading club on Saturday evening.

A district court fined each of them on Monday for holding an unauthorised public event.
"""

RUSSIAN_TEXT = """После чтений в библиотеке задержали двух волонтёров
04.03.2025

Полиция задержала двух волонтёров читательского клуба в субботу вечером после чтения стихов.

В понедельник районный суд оштрафовал каждого из них за несогласованное мероприятие.
"""


def corpus_article(**changes: object) -> bytes:
    """Return an article JSON in the corpus format, with the given fields changed or removed (None)."""
    article: dict[str, object] = {
        "id": "xx-2025-03-courier-volunteers",
        "url": "https://courier.example.org/news/2025/03/volunteers-detained",
        "title": "Two volunteers detained after a library reading",
        "publisher": "The Riverside Courier",
        "published": "2025-03-04",
        "language": "en",
        "text": "Police detained two volunteers on Saturday.\nA court fined them on Monday.",
    }
    for key, value in changes.items():
        if value is None:
            article.pop(key, None)
        else:
            article[key] = value
    return json.dumps(article, ensure_ascii=False).encode("utf-8")


# HTML pages


def test_english_news_page_keeps_the_article_and_leaves_out_navigation_sidebar_footer_and_comments() -> None:
    article = article_from_html(news_page(ENGLISH).encode("utf-8"), file_name="volunteers.html")

    assert article.text == "\n\n".join(ENGLISH["paragraphs"])
    for furniture in ("Politics", "Most read", "Market prices", "All rights reserved", "What a shame"):
        assert furniture not in article.text


def test_english_news_page_gives_title_date_publisher_language_and_canonical_address() -> None:
    article = article_from_html(news_page(ENGLISH).encode("utf-8"), file_name="volunteers.html")

    assert article.title == "Two volunteers detained after a library reading"
    assert article.published == date(2025, 3, 4)
    assert article.publisher == "The Riverside Courier"
    assert article.language == "en"
    assert article.url == "https://courier.example.org/news/2025/03/volunteers-detained"
    assert (article.id, article.file_name, article.media_type) == ("volunteers", "volunteers.html", "text/html")


def test_russian_news_page_is_read_with_its_metadata() -> None:
    article = article_from_html(news_page(RUSSIAN).encode("utf-8"), url="https://vestnik.example.org/2025/03/chteniya")

    assert article.text == "\n\n".join(RUSSIAN["paragraphs"])
    assert article.title == "После чтений в библиотеке задержали двух волонтёров"
    assert (article.published, article.publisher, article.language) == (date(2025, 3, 4), "Речной вестник", "ru")
    assert article.url == "https://vestnik.example.org/2025/03/chteniya"
    assert article.id == "vestnik.example.org-2025-03-chteniya"


def test_windows_1251_page_is_decoded_by_its_declared_charset() -> None:
    data = news_page(RUSSIAN, charset="windows-1251").encode("cp1251")

    article = article_from_html(data, file_name="vestnik.html")

    assert "задержала двух волонтёров" in article.text
    assert article.title == "После чтений в библиотеке задержали двух волонтёров"


def test_windows_1251_page_without_a_declaration_is_recognised_as_cyrillic() -> None:
    data = news_page(RUSSIAN).replace('<meta charset="utf-8">', "").encode("cp1251")

    assert "оштрафовал каждого" in article_from_html(data).text


def test_charset_given_by_the_server_overrides_a_wrong_declaration() -> None:
    data = news_page(RUSSIAN, charset="iso-8859-1").encode("cp1251")

    assert "оштрафовал каждого" in article_from_html(data, charset="windows-1251").text


def test_undeclared_windows_1252_page_keeps_its_accents() -> None:
    page = news_page(ENGLISH).replace('<meta charset="utf-8">', "").replace("Eastbrook", "Saint-Étienne-lès-Bois")

    assert "Saint-Étienne-lès-Bois" in article_from_html(page.encode("cp1252")).text


def test_template_language_is_overruled_when_the_text_is_in_another_script() -> None:
    article = article_from_html(news_page(RUSSIAN, lang="en").encode("utf-8"))

    assert article.language == "ru"


def test_page_without_a_declared_language_gets_the_detected_one() -> None:
    page = news_page(RUSSIAN).replace(' lang="ru"', "")

    assert article_from_html(page.encode("utf-8")).language == "ru"


def test_og_locale_gives_the_language_when_the_html_element_does_not() -> None:
    page = (
        news_page(ENGLISH)
        .replace(' lang="en"', "")
        .replace("<head>", '<head><meta property="og:locale" content="en_GB">')
    )

    assert article_from_html(page.encode("utf-8")).language == "en"


def test_html_fragment_without_html_or_body_elements_is_read() -> None:
    fragment = "".join(f"<p>{paragraph}</p>\n" for paragraph in ENGLISH["paragraphs"])

    article = article_from_html(fragment.encode("utf-8"), file_name="fragment.html")

    assert article.text.startswith("Police in the river town of Eastbrook")


def test_malformed_html_still_gives_its_text() -> None:
    page = news_page(ENGLISH).replace("</p>", "").replace("<article>", "<article><div <span class=>")
    page = page.replace("</main>", "</div></span></table></main></main>")

    article = article_from_html(page.encode("utf-8"), file_name="broken.html")

    assert "fined each of them" in article.text


def test_deeply_nested_html_does_not_crash() -> None:
    page = "<html><body>" + "<div>" * 5000 + "<p>" + ENGLISH["paragraphs"][0] + "</p>" + "</div>" * 5000

    try:
        article = article_from_html(page.encode("utf-8"), file_name="nested.html")
    except ArticleError as error:
        assert "nested.html" in str(error)
    else:
        assert article.text


@pytest.mark.parametrize(
    "page",
    [
        "<html><head><title>Menu</title></head><body><nav><a href='/'>Home</a> <a href='/x'>News</a></nav></body>",
        "<html><body><script>window.app = {}</script><div id='root'></div></body></html>",
        "<<<>>> <p <div></p></span>",
        "<html></html>",
    ],
)
def test_page_without_article_text_is_refused_by_name(page: str) -> None:
    with pytest.raises(ArticleError, match=r"no article text found in menu\.html"):
        article_from_html(page.encode("utf-8"), file_name="menu.html")


def test_a_page_without_text_leaves_no_messages_in_the_log(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)

    with pytest.raises(ArticleError):
        article_from_html(b"<html><body><nav><a href='/'>Home</a></nav></body></html>", file_name="menu.html")

    assert [record for record in caplog.records if record.name.startswith(("trafilatura", "htmldate"))] == []


def test_given_id_is_kept_and_a_bad_one_refused() -> None:
    data = news_page(ENGLISH).encode("utf-8")

    assert article_from_html(data, id="my-article_1").id == "my-article_1"
    with pytest.raises(ArticleError, match="may hold only letters"):
        article_from_html(data, id="../etc/passwd")


# Plain text


def test_english_text_takes_title_and_published_date_from_its_top_lines() -> None:
    article = article_from_text(ENGLISH_TEXT.encode("utf-8"), file_name="volunteers.txt")

    assert article.title == "Two volunteers detained after a library reading"
    assert article.published == date(2025, 3, 4)
    assert article.text == (
        "Police in the river town of Eastbrook detained two volunteers of a reading club on Saturday evening.\n\n"
        "A district court fined each of them on Monday for holding an unauthorised public event."
    )
    assert (article.id, article.language, article.media_type) == ("volunteers", "en", "text/plain")


def test_russian_text_in_windows_1251_is_decoded_with_its_date() -> None:
    article = article_from_text(RUSSIAN_TEXT.encode("cp1251"), file_name="vestnik.txt")

    assert article.title == "После чтений в библиотеке задержали двух волонтёров"
    assert article.published == date(2025, 3, 4)
    assert article.text.startswith("Полиция задержала двух волонтёров")
    assert article.language == "ru"


def test_russian_text_in_koi8_r_is_told_from_windows_1251() -> None:
    article = article_from_text(RUSSIAN_TEXT.encode("koi8_r"))

    assert article.text.startswith("Полиция задержала двух волонтёров")


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16", "utf-16-be", "utf-32"])
def test_text_with_a_byte_order_mark_is_decoded_by_it(encoding: str) -> None:
    data = RUSSIAN_TEXT.encode(encoding)
    if encoding == "utf-16-be":
        data = codecs.BOM_UTF16_BE + data

    article = article_from_text(data)

    assert article.title == "После чтений в библиотеке задержали двух волонтёров"
    assert not article.text.startswith("\ufeff")


def test_first_line_ending_with_a_period_is_text_not_a_title() -> None:
    article = article_from_text("Police detained two volunteers on Saturday.\n\nA court fined them on Monday.\n")

    assert article.title is None
    assert article.text.startswith("Police detained")


def test_text_of_one_paragraph_has_no_title() -> None:
    text = "Police detained two volunteers on Saturday evening in the river town"

    article = article_from_text(text)

    assert (article.title, article.text) == (None, text)


def test_labelled_header_lines_give_title_address_and_publisher() -> None:
    text = (
        "Title: Volunteers detained\nURL: https://courier.example.org/x\nSource: The Riverside Courier\n"
        "Date: 2025-03-04\n\nPolice detained two volunteers on Saturday."
    )

    article = article_from_text(text)

    assert (article.title, article.url, article.publisher, article.published) == (
        "Volunteers detained",
        "https://courier.example.org/x",
        "The Riverside Courier",
        date(2025, 3, 4),
    )
    assert article.text == "Police detained two volunteers on Saturday."
    assert article.id == "courier.example.org-x"


def test_bare_address_at_the_top_is_the_url_and_an_unreadable_date_line_is_not_a_title() -> None:
    article = article_from_text("https://courier.example.org/x\nDate: yesterday\n\nPolice detained two volunteers.")

    assert (article.url, article.title, article.published) == ("https://courier.example.org/x", None, None)
    assert article.text == "Date: yesterday\n\nPolice detained two volunteers."


def test_lines_without_blank_lines_between_them_become_paragraphs() -> None:
    article = article_from_text("First paragraph of the report.\nSecond paragraph of it.\nThird and last one.")

    assert article.text == "First paragraph of the report.\n\nSecond paragraph of it.\n\nThird and last one."


def test_text_wrapped_at_a_fixed_width_is_joined_into_its_paragraphs() -> None:
    wrapped = (
        "Police in the river town of Eastbrook detained two volunteers of a\n"
        "reading club on Saturday evening, shortly after a public reading of\n"
        "poems at the municipal library, the coordinator said.\n\n"
        "A court fined them on Monday."
    )

    article = article_from_text(wrapped)

    assert article.text.split("\n\n")[0] == (
        "Police in the river town of Eastbrook detained two volunteers of a reading club on Saturday evening, "
        "shortly after a public reading of poems at the municipal library, the coordinator said."
    )


def test_undeclared_western_text_is_read_as_windows_1252() -> None:
    text = "La police a arrêté deux bénévoles à la bibliothèque samedi soir, selon la coordinatrice du club."

    article = article_from_text(text.encode("cp1252"))

    assert (article.text, article.language) == (text, "fr")


def test_text_given_as_a_string_is_archived_as_utf_8() -> None:
    article = article_from_text("Полиция задержала двух волонтёров читательского клуба в субботу.")

    assert article.original == "Полиция задержала двух волонтёров читательского клуба в субботу.".encode()
    assert article.sha256 == hashlib.sha256(article.original).hexdigest()


# Article JSON


def test_article_json_gives_every_field() -> None:
    data = corpus_article()

    article = article_from_json(data, file_name="xx-2025-03-courier-volunteers.json")

    assert article == Article(
        id="xx-2025-03-courier-volunteers",
        text="Police detained two volunteers on Saturday.\n\nA court fined them on Monday.",
        title="Two volunteers detained after a library reading",
        url="https://courier.example.org/news/2025/03/volunteers-detained",
        publisher="The Riverside Courier",
        published=date(2025, 3, 4),
        language="en",
        file_name="xx-2025-03-courier-volunteers.json",
        original=data,
        media_type="application/json",
    )


def test_article_json_with_null_metadata_detects_the_language() -> None:
    data = corpus_article(
        url=None, title=None, publisher=None, language=None, text="Полиция задержала двух волонтёров клуба в субботу."
    )
    data = data.replace(b'"published": "2025-03-04"', b'"published": null')

    article = article_from_json(data)

    assert (article.url, article.title, article.published, article.language) == (None, None, None, "ru")


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (corpus_article(text=None), r"a\.json: an article JSON needs 'text', and it is missing"),
        (corpus_article(id=None), r"a\.json: an article JSON needs 'id', and it is missing"),
        (corpus_article(text=42), r"a\.json: 'text' must be a string, not a number"),
        (corpus_article(id=["x"]), r"a\.json: 'id' must be a string, not a list"),
        (corpus_article(title={"en": "x"}), r"a\.json: 'title' must be a string, not an object"),
        (corpus_article(text=" \n "), r"a\.json: 'text' is empty"),
        (corpus_article(id="a/b"), r"a\.json: 'id' 'a/b' may hold only letters"),
        (corpus_article(published="4 March 2025"), r"a\.json: 'published' must be a date written YYYY-MM-DD"),
        (corpus_article(published="2025-02-30"), r"a\.json: 'published' must be a date written YYYY-MM-DD"),
        (corpus_article(language="english"), r"a\.json: 'language': 'english' is not an ISO 639-1"),
        (b'{"id": "a", "text": "x",}', r"a\.json is not valid JSON: .* at line 1, column 25"),
        (b'[{"id": "a", "text": "x"}]', r"a\.json: an article JSON is an object with 'id' and 'text', not a list"),
    ],
)
def test_bad_article_json_is_refused_naming_the_file_and_field(data: bytes, message: str) -> None:
    with pytest.raises(ArticleError, match=message):
        article_from_json(data, file_name="a.json")


# Language


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("The police detained two volunteers of a reading club after a public reading at the library.", "en"),
        ("Полиция задержала двух волонтёров читательского клуба после публичного чтения в библиотеке.", "ru"),
        ("La police a arrêté deux bénévoles d'un club de lecture après une lecture publique à la bibliothèque.", "fr"),
        ("La policía detuvo a dos voluntarios de un club de lectura tras una lectura pública en la biblioteca.", "es"),
        ("Полиция кітап клубының екі еріктісін кітапханадағы оқудан кейін ұстады.", "kk"),
        ("Поліція затримала двох волонтерів читацького клубу після публічного читання в бібліотеці.", "uk"),
        ("პოლიციამ ბიბლიოთეკაში საჯარო კითხვის შემდეგ ორი მოხალისე დააკავა.", "ka"),
    ],
)
def test_language_is_detected(text: str, language: str) -> None:
    assert detect_language(text) == language


@pytest.mark.parametrize("text", ["", "Hello", "Суд оштрафовал", "2025-03-04 12:00", "..."])
def test_language_of_text_too_short_to_tell_is_unknown(text: str) -> None:
    assert detect_language(text) is None


# Ids


@pytest.mark.parametrize(
    ("keywords", "expected"),
    [
        ({"file_name": "kz-2024-03-feminita.txt"}, "kz-2024-03-feminita"),
        ({"file_name": "/home/me/articles/Report 12 (final).html"}, "Report-12-final"),
        ({"file_name": "C:\\Users\\me\\статья.htm"}, "статья"),
        ({"file_name": ".hidden"}, "hidden"),
        ({"url": "https://www.example.org/news/2025/03/arrest.html"}, "example.org-news-2025-03-arrest"),
        ({"url": "https://example.org/news/2025-03-arrest/"}, "example.org-news-2025-03-arrest"),
        ({"url": "https://example.org/index.php?id=4521&lang=en"}, "example.org-index-4521-en"),
        ({"url": "https://news.example.kz/%D0%B0%D1%80%D0%B5%D1%81%D1%82"}, "news.example.kz-арест"),
        ({"title": "Two volunteers detained: what we know"}, "two-volunteers-detained-what-we-know"),
        ({"file_name": "!!!.txt", "url": "https://example.org/a"}, "example.org-a"),
        ({"file_name": "x.txt", "url": "https://example.org/a"}, "x"),
    ],
)
def test_id_comes_from_the_file_name_then_the_address_then_the_title(keywords: dict[str, str], expected: str) -> None:
    assert article_id(**keywords) == expected


def test_id_without_name_address_or_title_comes_from_the_text() -> None:
    first = article_id(text="Police detained two volunteers.")

    assert first == article_id(text="Police detained two volunteers.")
    assert first.startswith("article-") and first != article_id(text="Another text.")


@pytest.mark.parametrize(
    "keywords",
    [
        {},
        {"file_name": "a" * 500 + ".txt"},
        {"url": "https://example.org/" + "segment/" * 100},
        {"title": "word " * 100},
        {"file_name": "../../..", "url": "mailto:", "title": "?!"},
        {"url": "http://[::1"},
    ],
)
def test_id_always_fits_a_file_name(keywords: dict[str, str]) -> None:
    assert REPORT_ID.fullmatch(article_id(**keywords))


# Reading sources: files and addresses


def test_file_is_read_by_its_content_not_its_name(tmp_path: Path) -> None:
    page = tmp_path / "saved.txt"
    page.write_text(news_page(ENGLISH), encoding="utf-8")
    article_json = tmp_path / "article"
    article_json.write_bytes(corpus_article())
    text = tmp_path / "notes.html"
    text.write_text(ENGLISH_TEXT, encoding="utf-8")

    assert read_article(str(page)).media_type == "text/html"
    assert read_article(str(page)).title == "Two volunteers detained after a library reading"
    assert read_article(str(article_json)).id == "xx-2025-03-courier-volunteers"
    assert read_article(str(text)).media_type == "text/plain"


def test_text_that_starts_with_a_brace_is_not_taken_for_json(tmp_path: Path) -> None:
    path = tmp_path / "update"
    path.write_text("{Update} Police released both volunteers on Sunday night.", encoding="utf-8")

    assert read_article(str(path)).media_type == "text/plain"


def test_file_keeps_its_name_and_original_bytes(tmp_path: Path) -> None:
    path = tmp_path / "vestnik.html"
    path.write_bytes(news_page(RUSSIAN, charset="windows-1251").encode("cp1251"))

    article = read_article(str(path))

    assert (article.id, article.file_name, article.original) == ("vestnik", "vestnik.html", path.read_bytes())
    assert article.sha256 == hashlib.sha256(path.read_bytes()).hexdigest()
    assert article.retrieved_at is None


def test_uploaded_bytes_are_read_by_their_content_not_their_name() -> None:
    page = article_from_bytes(news_page(ENGLISH).encode("utf-8"), file_name="saved.txt")
    article_json = article_from_bytes(corpus_article(), file_name="article.html")
    text = article_from_bytes(ENGLISH_TEXT.encode("utf-8"))

    assert (page.media_type, page.title, page.file_name) == (
        "text/html",
        "Two volunteers detained after a library reading",
        "saved.txt",
    )
    assert (article_json.media_type, article_json.id) == ("application/json", "xx-2025-03-courier-volunteers")
    assert (text.media_type, text.original) == ("text/plain", ENGLISH_TEXT.encode("utf-8"))
    with pytest.raises(ArticleError, match=r"photo\.html is a PNG image, not an article"):
        article_from_bytes(b"\x89PNG\r\n\x1a\n" + bytes(64), file_name="photo.html")


def test_address_is_fetched_and_the_page_keeps_where_and_when_it_came_from() -> None:
    served = fetched(news_page(RUSSIAN, charset="windows-1251").encode("cp1251"), charset="windows-1251")

    article = read_article("http://courier.example.org/news/2025/03/volunteers-detained.html", fetcher=lambda _: served)

    assert "оштрафовал каждого" in article.text
    assert article.url == "https://courier.example.org/news/2025/03/volunteers-detained.html"
    assert article.id == "courier.example.org-news-2025-03-volunteers-detained"
    assert article.retrieved_at == datetime(2025, 3, 5, 10, 0, tzinfo=UTC)
    assert (article.original, article.media_type) == (served.body, "text/html")


def test_page_served_as_plain_text_is_read_as_html_when_it_is_html() -> None:
    article = article_from_fetched(fetched(news_page(ENGLISH).encode("utf-8"), content_type="text/plain"))

    assert article.media_type == "text/html"
    assert "Politics" not in article.text


def test_plain_text_served_by_a_site_is_read_as_text() -> None:
    article = article_from_fetched(fetched(ENGLISH_TEXT.encode("utf-8"), content_type="text/plain"))

    assert (article.media_type, article.title) == ("text/plain", "Two volunteers detained after a library reading")
    assert article.url == "https://courier.example.org/news/2025/03/volunteers-detained.html"


def test_article_json_served_by_a_site_keeps_its_own_address() -> None:
    article = article_from_fetched(fetched(corpus_article(), content_type="application/json"))

    assert article.url == "https://courier.example.org/news/2025/03/volunteers-detained"
    assert article.retrieved_at is not None


@pytest.mark.parametrize(
    ("served", "message"),
    [
        (fetched(b"\x89PNG\r\n\x1a\n....", content_type="image/png"), r"serves image/png, not an article"),
        (fetched(b"%PDF-1.7 ...", content_type="application/pdf"), r"serves application/pdf"),
        (fetched(b"<rss></rss>", content_type="application/rss+xml"), r"serves application/rss\+xml"),
        (fetched(b"<html>Not found</html>", status=404), r"answered with HTTP status 404"),
        (fetched(b"%PDF-1.7 ...", content_type="application/octet-stream"), r"is a PDF document"),
    ],
)
def test_fetched_page_that_is_not_an_article_is_refused_naming_the_address(served: Fetched, message: str) -> None:
    with pytest.raises(ArticleError, match=message) as refusal:
        article_from_fetched(served)

    assert "courier.example.org" in str(refusal.value)


@pytest.mark.parametrize(
    "source", ["file:///etc/passwd", "ftp://example.org/a.txt", "data:text/html,<p>x</p>", "javascript:alert(1)"]
)
def test_addresses_other_than_http_are_refused(source: str) -> None:
    def fetcher(url: str) -> Fetched:
        raise AssertionError(f"{url} must not be fetched")

    with pytest.raises(ArticleError, match=r"addresses are not read; give an http:// or https:// address"):
        read_article(source, fetcher=fetcher)


# Hostile files


def test_file_over_the_limit_is_refused_by_its_size_before_it_is_read(tmp_path: Path) -> None:
    path = tmp_path / "huge.html"
    with path.open("wb") as file:
        file.truncate(MAX_BYTES + 1)  # sparse: the test writes no 10 MiB

    with pytest.raises(ArticleError, match=r"huge\.html is 10\.0 MiB; an article may be at most 10 MiB"):
        read_article(str(path))


def test_bytes_over_the_limit_are_refused() -> None:
    with pytest.raises(ArticleError, match="may be at most 10 MiB"):
        article_from_html(b"<p>" + b"a" * MAX_BYTES, file_name="big.html")


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", r"is a PNG image, not an article"),
        (b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n", r"is a PDF document, not an article"),
        (b"PK\x03\x04\x14\x00\x06\x00", r"is a ZIP archive \(a \.docx or \.odt document is one\)"),
        (b"Police detained\x00\x00\x01\x02 two volunteers", r"holds binary data \(NUL bytes\)"),
        (bytes(range(1, 32)) * 20 + b"text", r"holds binary data \(control characters\)"),
        (b"", r"is empty"),
        (b" \n\t\r\n ", r"is empty"),
        (codecs.BOM_UTF16_LE + b"\x00\xd8", r"starts with a UTF-16 byte order mark but is not valid UTF-16"),
        (b"\x81\x8d\x8f\x90\x9d" * 10, r"is not text in UTF-8, UTF-16, windows-1251 or windows-1252"),
    ],
)
def test_file_that_is_not_text_is_refused_naming_it(tmp_path: Path, data: bytes, message: str) -> None:
    path = tmp_path / "upload.txt"
    path.write_bytes(data)

    with pytest.raises(ArticleError, match=message) as refusal:
        read_article(str(path))

    assert str(path) in str(refusal.value)


def test_missing_file_is_refused_naming_it(tmp_path: Path) -> None:
    with pytest.raises(ArticleError, match=r"cannot read .*missing\.html: No such file or directory"):
        read_article(str(tmp_path / "missing.html"))


def test_address_written_without_https_gets_a_hint() -> None:
    with pytest.raises(ArticleError, match=r"for a web page, give its address with https://"):
        read_article("www.example.org/news/arrest")


def test_folder_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ArticleError, match=r"it is a folder, not a file"):
        read_article(str(tmp_path))


def test_named_pipe_is_refused_without_waiting_for_a_writer(tmp_path: Path) -> None:
    pipe = tmp_path / "pipe.txt"
    os.mkfifo(pipe)

    with pytest.raises(ArticleError, match=r"it is not a regular file"):
        read_article(str(pipe))


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their permissions")
def test_unreadable_file_is_refused_naming_it(tmp_path: Path) -> None:
    path = tmp_path / "secret.txt"
    path.write_text("Police detained two volunteers.", encoding="utf-8")
    path.chmod(0)

    with pytest.raises(ArticleError, match=r"cannot read .*secret\.txt: Permission denied"):
        read_article(str(path))


def test_article_errors_are_intake_errors() -> None:
    assert issubclass(ArticleError, IntakeError)


def test_articles_that_share_a_title_get_different_ids_and_one_text_keeps_its_id():
    first = article_from_text("Activist detained\n\nPolice detained Aigul Bekova in Almaty on Friday.")
    second = article_from_text("Activist detained\n\nPolice detained Dana Serikova in Shymkent on Monday.")
    again = article_from_text("Activist detained\n\nPolice detained Aigul Bekova in Almaty on Friday.")

    assert first.id.startswith("activist-detained-") and second.id.startswith("activist-detained-")
    assert first.id != second.id
    assert first.id == again.id
