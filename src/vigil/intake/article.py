"""Turn what a documenter gives into one article: its main text and what is known about it.

A documenter gives an article JSON (the corpus format), an HTML page, a plain-text file or a web
address; each becomes an `Article` whose text is the main text, paragraphs separated by blank lines,
with the bytes as received kept for the archive. The kind of input is judged by its content, not
its name: a `.txt` file that holds a web page is read as HTML.

Encodings are decided in this order, and nothing else is guessed: a byte order mark (UTF-8, UTF-16,
UTF-32); the charset the web server gave or the page declares; UTF-8; then, for legacy files,
windows-1251 when the bytes read as Cyrillic words (KOI8-R when they read as Cyrillic with the case
inverted, the mark of KOI8-R read as windows-1251), else windows-1252, the browsers' default for
undeclared Western pages. Unlike latin-1, windows-1252 leaves five bytes undefined, so binary data
that slipped past the checks for magic numbers and NUL bytes is refused rather than read as text.
"""

from __future__ import annotations

import codecs
import hashlib
import json
import logging
import re
import stat
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, timedelta
from functools import cache
from pathlib import Path
from typing import Any, Final, Literal
from urllib.parse import unquote, urlsplit

import lxml.etree  # type: ignore[import-untyped]
import lxml.html  # type: ignore[import-untyped]
import trafilatura
from py3langid.langid import MODEL_FILE, LanguageIdentifier  # type: ignore[import-untyped]
from trafilatura.settings import Document

from vigil.core.codes import REPORT_ID, clip, language_code
from vigil.intake import IntakeError
from vigil.intake.fetch import Fetched, fetch

MAX_BYTES: Final = 10 * 1024 * 1024

# trafilatura logs every page it cannot use, and htmldate its guesses; ArticleError tells the
# documenter what matters, so their own messages would only be noise on the console.
logging.getLogger("trafilatura").setLevel(logging.ERROR)
logging.getLogger("htmldate").setLevel(logging.WARNING)

Kind = Literal["json", "html", "text"]


class ArticleError(IntakeError):
    """An article that cannot be read: too large, binary, empty, malformed or without text."""


@dataclass(frozen=True, slots=True)
class Article:
    """One article as received: its main text, what is known about it, and the original bytes."""

    id: str
    text: str
    title: str | None = None
    url: str | None = None
    publisher: str | None = None
    published: date | None = None
    language: str | None = None
    file_name: str | None = None
    original: bytes | None = None
    media_type: str | None = None
    retrieved_at: datetime | None = None

    @property
    def sha256(self) -> str | None:
        """Return the SHA-256 of the original bytes, which names them in the archive."""
        return None if self.original is None else hashlib.sha256(self.original).hexdigest()


def read_article(source: str, *, fetcher: Callable[[str], Fetched] = fetch) -> Article:
    """Read an article from an http(s) address or a file, judging its kind by its content."""
    scheme = _SCHEME.match(source)
    if scheme and scheme[1].lower() in ("http", "https"):
        return article_from_fetched(fetcher(source))
    if scheme and (scheme[2] or scheme[1].lower() in _REFUSED_SCHEMES):
        raise ArticleError(
            f"{clip(source)}: {scheme[1].lower()} addresses are not read; "
            "give an http:// or https:// address, or the path of a file"
        )
    path = Path(source)
    data = _read_file(path, source)
    return _from_bytes(data, label=source, file_name=path.name)


def article_from_fetched(fetched: Fetched) -> Article:
    """Make an article of a fetched page, by its content type and its content."""
    label = fetched.final_url or fetched.url
    if not 200 <= fetched.status < 300:
        raise ArticleError(f"{label} answered with HTTP status {fetched.status}, not with a page")
    media = fetched.content_type.split(";", 1)[0].strip().lower()
    if media.startswith(_BINARY_MEDIA_PREFIXES) or media in _BINARY_MEDIA:
        raise ArticleError(f"{label} serves {media}, not an article; give the address of the article's web page")
    if media and media not in _READABLE_MEDIA and not media.startswith("text/"):
        raise ArticleError(f"{label} serves {media}, not an article in HTML, plain text or JSON")
    article = _from_bytes(fetched.body, label=label, url=fetched.final_url, charset=fetched.charset, media=media)
    return replace(article, url=article.url or fetched.final_url, retrieved_at=fetched.retrieved_at)


def article_from_bytes(data: bytes, *, file_name: str | None = None, url: str | None = None) -> Article:
    """Read an uploaded file as an article JSON, an HTML page or plain text, judging by its content, not its name."""
    return _from_bytes(data, label=file_name or url or "the file", file_name=file_name, url=url)


def article_from_json(data: bytes, *, file_name: str | None = None) -> Article:
    """Read an article in the corpus format: an object with id and text, and optional metadata."""
    return _from_json(data, label=file_name or "the article JSON", file_name=file_name)


def article_from_html(
    data: bytes,
    *,
    url: str | None = None,
    id: str | None = None,
    file_name: str | None = None,
    charset: str | None = None,
) -> Article:
    """Extract the main text and metadata of a web page, leaving out navigation, sidebars and comments."""
    label = file_name or url or "the HTML page"
    return _from_html(data, label=label, url=url, id=id, file_name=file_name, charset=charset)


def article_from_text(
    data: bytes | str,
    *,
    id: str | None = None,
    file_name: str | None = None,
    url: str | None = None,
    charset: str | None = None,
) -> Article:
    """Read a plain-text article; a short first line without a final period becomes its title.

    Lines at the top such as "Published: 2025-03-04", "Title: ...", "URL: ..." or a bare date
    give the metadata and are taken out of the text.
    """
    label = file_name or url or "the text"
    return _from_text(data, label=label, id=id, file_name=file_name, url=url, charset=charset)


def detect_language(text: str) -> str | None:
    """Return the ISO 639-1 code of the text's language, or None when it is too short to tell.

    The script decides first (Georgian is Georgian); within Latin, Cyrillic and Arabic scripts the
    classifier chooses among the languages that documenters plausibly meet, and says nothing when
    no language wins at least half of the probability.
    """
    sample = text[:_LANGUAGE_SAMPLE]
    counts = _script_counts(sample)
    script = max(counts, key=counts.__getitem__)
    if counts[script] < _MIN_LANGUAGE_LETTERS:
        return None
    if script in _SCRIPT_LANGUAGE:
        if script == "Han" and counts["Kana"]:
            return "ja"
        return _SCRIPT_LANGUAGE[script]
    candidates = _SCRIPT_LANGUAGES[script]
    ranked: list[tuple[str, float]] = _identifier().rank(sample)
    scores = [(language, score) for language, score in ranked if language in candidates]
    total = sum(score for _, score in scores)
    language, best = scores[0]
    return language if total > 0 and best / total >= _MIN_LANGUAGE_SHARE else None


def article_id(
    *,
    file_name: str | None = None,
    url: str | None = None,
    title: str | None = None,
    text: str | None = None,
) -> str:
    """Return an id fit to name a file: the file name's stem, else a slug of the URL, else of the title.

    A title's slug ends with the start of the text's SHA-256, since titles repeat; with none of
    them usable, the id is "article-" and that hash, so that the same text gets the same id.
    """
    if file_name:
        stem = re.split(r"[\\/]", file_name)[-1]
        stem = stem.rsplit(".", 1)[0] if "." in stem.lstrip(".") else stem
        if slug := _slug(stem):
            return slug
    if url and (slug := _url_slug(url)):
        return slug
    if title and (slug := _slug(title.lower(), limit=_TITLE_SLUG_LIMIT)):
        # two articles may share a title ("Activist detained"): the text tells them apart
        return f"{slug}-{hashlib.sha256(text.encode('utf-8')).hexdigest()[:8]}" if text else slug
    if text:
        return "article-" + hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]
    return "article"


# Reading input ----------------------------------------------------------------------------------

_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.\-]+):(//)?")
_REFUSED_SCHEMES = frozenset({"file", "data", "javascript", "mailto", "ftp", "ftps", "about", "blob"})
_BINARY_MEDIA_PREFIXES = ("image/", "audio/", "video/", "font/", "model/")
_BINARY_MEDIA = frozenset(
    {
        "application/pdf",
        "application/zip",
        "application/gzip",
        "application/msword",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "application/vnd.oasis.opendocument.text",
    }
)
_READABLE_MEDIA = frozenset({"application/xhtml+xml", "application/json", "application/octet-stream", ""})
_HTML_MEDIA = frozenset({"text/html", "application/xhtml+xml"})


def _read_file(path: Path, label: str) -> bytes:
    """Read a regular file whole, refusing it by its size before reading."""
    try:
        info = path.stat()
    except OSError as error:
        hint = ""
        if isinstance(error, FileNotFoundError) and _LOOKS_LIKE_ADDRESS.match(label):
            hint = "; for a web page, give its address with https://"
        raise ArticleError(f"cannot read {label}: {error.strerror or error}{hint}") from error
    if stat.S_ISDIR(info.st_mode):
        raise ArticleError(f"cannot read {label}: it is a folder, not a file")
    if not stat.S_ISREG(info.st_mode):
        raise ArticleError(f"cannot read {label}: it is not a regular file")
    _check_size(info.st_size, label)
    try:
        with path.open("rb") as file:
            data = file.read(MAX_BYTES + 1)
    except OSError as error:
        raise ArticleError(f"cannot read {label}: {error.strerror or error}") from error
    _check_size(len(data), label)  # the file may have grown since stat
    return data


_LOOKS_LIKE_ADDRESS = re.compile(r"(?:www\.)?[\w-]+(?:\.[\w-]+)+/")


def _check_size(size: int, label: str) -> None:
    if size > MAX_BYTES:
        raise ArticleError(
            f"{label} is {size / 1024 / 1024:.1f} MiB; an article may be at most {MAX_BYTES // 1024 // 1024} MiB"
        )


def _from_bytes(
    data: bytes,
    *,
    label: str,
    file_name: str | None = None,
    url: str | None = None,
    charset: str | None = None,
    media: str = "",
) -> Article:
    kind = _sniff(data, label=label, file_name=file_name, media=media)
    if kind == "json":
        return _from_json(data, label=label, file_name=file_name)
    if kind == "html":
        return _from_html(data, label=label, url=url, id=None, file_name=file_name, charset=charset)
    return _from_text(data, label=label, id=None, file_name=file_name, url=url, charset=charset)


_HTML_START = re.compile(
    r"\s*<(?:!doctype\s+html|html|head|body|script|iframe|h[1-6]|div|font|table|a|style|title|b|br|p|!--|meta"
    r"|article|main|section|header|link)[\s>/]",
    re.IGNORECASE,
)
_XML_HTML_START = re.compile(r"\s*<\?xml[^>]*>\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html)[\s>]", re.I | re.S)
_JSON_START = re.compile(r'\{\s*["}]')  # an object's first key, so that "{Update} Police..." stays text
_HTML_TAG = re.compile(r"<(?:html|head|body|article|div|p)[\s>]", re.IGNORECASE)
_HTML_SUFFIXES = (".html", ".htm", ".xhtml", ".shtml")


def _sniff(data: bytes, *, label: str, file_name: str | None, media: str = "") -> Kind:
    """Decide whether bytes hold an article JSON, an HTML page or plain text, by their start."""
    _check_size(len(data), label)
    _refuse_binary(data, label)
    head = _decode_head(data).lstrip("\ufeff \t\r\n")
    if media in _HTML_MEDIA:
        return "html"
    if media == "application/json" or _JSON_START.match(head):
        return "json"
    if _HTML_START.match(head) or _XML_HTML_START.match(head):
        return "html"
    suffix = (file_name or "").lower()
    if suffix.endswith(_HTML_SUFFIXES) and _HTML_TAG.search(head):
        return "html"
    if suffix.endswith(".json") and not media.startswith("text/"):
        return "json"
    return "text"


def _decode_head(data: bytes) -> str:
    """Decode enough of the start to recognise JSON or HTML by their first characters."""
    head = data[:4096]
    for bom, codec in _BOMS:
        if head.startswith(bom):
            return head.decode(codec, errors="ignore")
    return head.decode("latin-1")


# Encodings and binary data ----------------------------------------------------------------------

_BOMS: Final = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_MAGIC: Final = (
    (b"%PDF-", "a PDF document"),
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"PK\x03\x04", "a ZIP archive (a .docx or .odt document is one)"),
    (b"PK\x05\x06", "a ZIP archive"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"BZh91AY&SY", "a bzip2 archive"),
    (b"\xfd7zXZ\x00", "an xz archive"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"Rar!\x1a\x07", "a RAR archive"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Microsoft Office document"),
    (b"{\\rtf", "an RTF document"),
    (b"\x7fELF", "a program"),
    (b"SQLite format 3\x00", "an SQLite database"),
)
_WIDE_CODECS = ("utf-16", "utf-32")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")


def _refuse_binary(data: bytes, label: str) -> None:
    """Refuse images, documents, archives and other data that is not text."""
    for magic, what in _MAGIC:
        if data.startswith(magic):
            raise ArticleError(
                f"{label} is {what}, not an article; give the article as an HTML page, plain text or article JSON"
            )
    if not data.strip():
        raise ArticleError(f"{label} is empty")
    wide = any(data.startswith(bom) for bom, codec in _BOMS if codec in _WIDE_CODECS)
    if not wide and b"\x00" in data:
        raise ArticleError(f"{label} holds binary data (NUL bytes), not text")


def _decode(data: bytes, label: str, *, charset: str | None = None, html: bool = False) -> str:
    """Decode bytes by the rules in this module's docstring, or refuse them."""
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                return _refuse_control(data.decode(codec), label)
            except UnicodeDecodeError as error:
                raise ArticleError(
                    f"{label} starts with a {codec.upper()} byte order mark but is not valid {codec.upper()} "
                    f"(byte {error.start})"
                ) from error
    declared = _codec(charset) or (_codec(_declared_charset(data)) if html else None)
    if declared:
        try:
            return _refuse_control(data.decode(declared), label)
        except UnicodeDecodeError:
            pass  # often a page declares UTF-8 and holds windows-1251: try what the bytes say
    try:
        return _refuse_control(data.decode("utf-8"), label)
    except UnicodeDecodeError:
        pass
    legacy = _legacy_decode(data)
    if legacy is not None:
        return _refuse_control(legacy, label)
    if declared:
        return _refuse_control(data.decode(declared, errors="replace"), label)
    raise ArticleError(f"{label} is not text in UTF-8, UTF-16, windows-1251 or windows-1252; save it as UTF-8")


_META_CHARSET = re.compile(rb"""<meta[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9._:\-]+)""", re.IGNORECASE)
_XML_ENCODING = re.compile(rb"""<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9._\-]+)""", re.IGNORECASE)


def _declared_charset(data: bytes) -> str | None:
    head = data[:8192]
    found = _META_CHARSET.search(head) or _XML_ENCODING.search(head)
    return found[1].decode("ascii") if found else None


def _codec(name: str | None) -> str | None:
    """Return Python's codec for a declared charset, as browsers read it, or None if unknown."""
    if not name:
        return None
    try:
        codec = codecs.lookup(name.strip().strip("\"'")).name
    except LookupError:
        return None
    # Browsers read latin-1 and ASCII labels as windows-1252; a UTF-16 label without a byte order
    # mark is a mistake that browsers answer with UTF-8.
    if codec in ("latin-1", "iso8859-1", "ascii"):
        return "cp1252"
    if codec.startswith(_WIDE_CODECS):
        return "utf-8"
    return codec


_WORD = re.compile(r"[^\W\d_]+")
_CYRILLIC_LETTER = re.compile(r"[\u0400-\u052f]")
_LATIN_LETTER = re.compile(r"[A-Za-z\u00c0-\u024f]")
_RUSSIAN_LETTERS = re.compile(r"[\u0410-\u044f\u0401\u0451]")


def _legacy_decode(data: bytes) -> str | None:
    """Decode a legacy single-byte file: windows-1251 if it reads as Cyrillic, else windows-1252."""
    try:
        cyrillic = data.decode("cp1251")
    except UnicodeDecodeError:
        cyrillic = None
    if cyrillic is not None and _reads_as_cyrillic(cyrillic):
        upper = sum(1 for char in cyrillic if "\u0410" <= char <= "\u042f")
        lower = sum(1 for char in cyrillic if "\u0430" <= char <= "\u044f")
        return data.decode("koi8_r") if upper > lower else cyrillic
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        return None


def _reads_as_cyrillic(text: str) -> bool:
    """Tell Cyrillic words from Western accents or stray bytes that windows-1251 reads as Cyrillic.

    Cyrillic text has whole words in Cyrillic, mostly of the 66 letters that Russian uses; Western
    accents read as windows-1251 sit inside Latin words, and stray bytes give the rarer letters.
    """
    words = [word for word in _WORD.findall(text) if _CYRILLIC_LETTER.search(word)]
    pure = sum(1 for word in words if not _LATIN_LETTER.search(word))
    letters = "".join(words)
    common = len(_RUSSIAN_LETTERS.findall(letters))
    return bool(words) and pure >= 0.8 * len(words) and common >= 0.8 * len(_CYRILLIC_LETTER.findall(letters))


def _refuse_control(text: str, label: str) -> str:
    if len(_CONTROL.findall(text)) > len(text) / 100:
        raise ArticleError(f"{label} holds binary data (control characters), not text")
    return text


# Article JSON -----------------------------------------------------------------------------------


def _from_json(data: bytes, *, label: str, file_name: str | None) -> Article:
    _check_size(len(data), label)
    _refuse_binary(data, label)
    try:
        value = json.loads(_decode(data, label))
    except json.JSONDecodeError as error:
        raise ArticleError(
            f"{label} is not valid JSON: {error.msg} at line {error.lineno}, column {error.colno}"
        ) from error
    except RecursionError as error:
        raise ArticleError(f"{label} is not an article JSON: it is nested too deeply") from error
    if not isinstance(value, dict):
        raise ArticleError(f"{label}: an article JSON is an object with 'id' and 'text', not {_json_type(value)}")
    article_id_ = _json_string(value, "id", label, required=True)
    if not REPORT_ID.fullmatch(article_id_):
        raise ArticleError(
            f"{label}: 'id' {clip(article_id_)!r} may hold only letters, digits, '.', '-' and '_' (200 at most)"
        )
    text = _clean_text(_json_string(value, "text", label, required=True))
    if not text:
        raise ArticleError(f"{label}: 'text' is empty")
    language = _json_string(value, "language", label)
    return Article(
        id=article_id_,
        text=text,
        title=_clean_line(_json_string(value, "title", label)),
        url=_json_string(value, "url", label) or None,
        publisher=_clean_line(_json_string(value, "publisher", label)),
        published=_json_date(value, "published", label),
        language=_json_language(language, label) if language else detect_language(text),
        file_name=file_name,
        original=data,
        media_type="application/json",
    )


def _json_string(value: dict[str, Any], key: str, label: str, *, required: bool = False) -> str:
    item = value.get(key)
    if item is None and not required:
        return ""
    if item is None:
        raise ArticleError(f"{label}: an article JSON needs {key!r}, and it is missing")
    if not isinstance(item, str):
        raise ArticleError(f"{label}: {key!r} must be a string, not {_json_type(item)}")
    return item


def _json_date(value: dict[str, Any], key: str, label: str) -> date | None:
    text = _json_string(value, key, label).strip()
    if not text:
        return None
    try:
        if _ISO_DATE.fullmatch(text):
            return date.fromisoformat(text)
    except ValueError:
        pass
    raise ArticleError(f"{label}: {key!r} must be a date written YYYY-MM-DD, or null, not {clip(text)!r}")


def _json_language(text: str, label: str) -> str:
    try:
        return language_code(re.split(r"[-_]", text.strip(), maxsplit=1)[0])
    except ValueError as error:
        raise ArticleError(f"{label}: 'language': {error}") from error


def _json_type(item: object) -> str:
    if item is None:
        return "null"
    if isinstance(item, bool):
        return "true or false"
    if isinstance(item, int | float):
        return "a number"
    if isinstance(item, list):
        return "a list"
    if isinstance(item, dict):
        return "an object"
    return "a string"


# HTML -------------------------------------------------------------------------------------------

_HTML_PARSER = lxml.html.HTMLParser(collect_ids=False, default_doctype=False, remove_comments=True, remove_pis=True)
_XML_DECLARATION = re.compile(r"\A\s*<\?xml[^>]*>")
_NOT_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_MIN_HTML_LETTERS = 40  # less is a cookie notice or "enable JavaScript", not an article
_FULL_EXTRACTION_BELOW = 600  # characters: when the fast extraction finds less, run the full one


def _from_html(
    data: bytes, *, label: str, url: str | None, id: str | None, file_name: str | None, charset: str | None
) -> Article:
    _check_size(len(data), label)
    _refuse_binary(data, label)
    tree = _parse_html(_decode(data, label, charset=charset, html=True))
    document = _extract(tree, url) if tree is not None else None
    if tree is None or document is None:
        raise ArticleError(f"no article text found in {label}")
    title = _clean_line(document.title)
    text = _drop_title(_clean_text(document.text or ""), title)
    if _letter_count(text) < _MIN_HTML_LETTERS:
        raise ArticleError(f"no article text found in {label}")
    page_url = url or (document.url if _is_web_address(document.url) else None)
    return Article(
        id=_given_id(id, label) or article_id(file_name=file_name, url=page_url, title=title, text=text),
        text=text,
        title=title,
        url=page_url,
        publisher=_clean_line(document.sitename),
        published=_iso_date(document.date),
        language=_page_language(tree, text),
        file_name=file_name,
        original=data,
        media_type="text/html",
    )


def _parse_html(text: str) -> lxml.html.HtmlElement | None:
    """Parse a page, or a fragment of one, without letting lxml's refusals escape."""
    text = _NOT_XML.sub("", _XML_DECLARATION.sub("", text, count=1))
    if not text.strip():
        return None
    try:
        return lxml.html.document_fromstring(text, parser=_HTML_PARSER)
    except (lxml.etree.ParserError, ValueError):
        return None


def _extract(tree: lxml.html.HtmlElement, url: str | None) -> Document | None:
    """Run trafilatura fast, and in full only when the fast run finds little.

    Given a parsed tree, trafilatura and htmldate read nothing from the network: the URL only
    helps them resolve links and read a date from the address.
    """
    # Extensive date search takes dates from the body, which are the events' dates, not the
    # publication's; without it htmldate reads meta tags, JSON-LD, <time> and date-like elements.
    tomorrow = datetime.now(UTC) + timedelta(days=1)
    options: dict[str, Any] = {
        "url": url,
        "favor_precision": True,
        "include_comments": False,
        "include_tables": True,
        "include_images": False,
        "include_links": False,
        "deduplicate": False,
        "with_metadata": True,
        "date_extraction_params": {
            "original_date": True,
            "extensive_search": False,
            "max_date": tomorrow.strftime("%Y-%m-%d"),
        },
    }
    document = trafilatura.bare_extraction(tree, fast=True, **options)
    found = document if isinstance(document, Document) else None
    if found is None or len(found.text or "") < _FULL_EXTRACTION_BELOW:
        fuller = trafilatura.bare_extraction(tree, fast=False, **options)
        if isinstance(fuller, Document) and len(fuller.text or "") > len(found.text or "" if found else ""):
            found = fuller
    return found


_LANGUAGE_SOURCES = (
    "/html/@lang",
    "/html/@xml:lang",
    "//meta[translate(@http-equiv, 'CONTENT-LANGUAGE', 'content-language')='content-language']/@content",
    "//meta[@name='language' or @name='Language']/@content",
    "//meta[@property='og:locale']/@content",
)


def _page_language(tree: lxml.html.HtmlElement, text: str) -> str | None:
    """Return the language the page declares, unless its text is plainly in another script."""
    for source in _LANGUAGE_SOURCES:
        for value in tree.xpath(source):
            code = str(value).strip().lower()[:2]
            try:
                declared = language_code(code) if re.fullmatch(r"[a-z]{2}", code) else None
            except ValueError:
                declared = None
            if declared:
                # Templates often declare the site's main language on pages in another one.
                script = _dominant_script(text)
                if (declared in _CYRILLIC_LANGUAGES and script == "Latin") or (
                    declared in _LATIN_LANGUAGES and script == "Cyrillic"
                ):
                    return detect_language(text)
                return declared
    return detect_language(text)


def _is_web_address(url: str | None) -> bool:
    return bool(url) and urlsplit(url or "").scheme in ("http", "https")


def _given_id(id: str | None, label: str) -> str | None:
    if id is not None and not REPORT_ID.fullmatch(id):
        raise ArticleError(f"{label}: id {clip(id)!r} may hold only letters, digits, '.', '-' and '_' (200 at most)")
    return id


def _iso_date(text: str | None) -> date | None:
    try:
        return date.fromisoformat(text) if text and _ISO_DATE.fullmatch(text) else None
    except ValueError:
        return None


def _drop_title(text: str, title: str | None) -> str:
    """Remove the headline that extraction leaves at the top of the text; the title holds it."""
    if not title:
        return text
    first, _, rest = text.partition("\n\n")
    return rest if rest and _same_words(first, title) else text


def _same_words(one: str, other: str) -> bool:
    return _WORD.findall(one.casefold()) == _WORD.findall(other.casefold())


# Plain text -------------------------------------------------------------------------------------

_HEADER = re.compile(
    r"(?P<key>title|headline|заголовок|titre|título|titulo"
    r"|published|publication date|date published|date|posted|опубликовано|дата публикации|дата"
    r"|publié le|date de publication|publicado|fecha de publicación|fecha"
    r"|url|link|ссылка|source|источник|publisher|издание|fuente|éditeur)\s*[:：]\s*(?P<value>.+)",
    re.IGNORECASE,
)
_HEADER_KEYS: Final = {
    "title": "title",
    "headline": "title",
    "заголовок": "title",
    "titre": "title",
    "título": "title",
    "titulo": "title",
    "url": "url",
    "link": "url",
    "ссылка": "url",
    "source": "publisher",
    "источник": "publisher",
    "publisher": "publisher",
    "издание": "publisher",
    "fuente": "publisher",
    "éditeur": "publisher",
}
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_BARE_ADDRESS = re.compile(r"https?://\S+", re.IGNORECASE)
_DATE_LINE = re.compile(r"(\d{4})-(\d{2})-(\d{2})|(\d{1,2})\.(\d{1,2})\.(\d{4})")
_MAX_HEADER_LINES = 8
_MAX_TITLE_CHARS = 200
_MAX_TITLE_WORDS = 30


def _from_text(
    data: bytes | str,
    *,
    label: str,
    id: str | None,
    file_name: str | None,
    url: str | None,
    charset: str | None,
) -> Article:
    if isinstance(data, str):
        _check_size(len(data), label)
        original, decoded = data.encode("utf-8", errors="surrogatepass"), data
        if not decoded.strip():
            raise ArticleError(f"{label} is empty")
        _refuse_control(decoded, label)
    else:
        _check_size(len(data), label)
        _refuse_binary(data, label)
        original, decoded = data, _decode(data, label, charset=charset)
    paragraphs = _paragraphs(decoded)
    if not paragraphs:
        raise ArticleError(f"{label} is empty")
    header, paragraphs = _split_header(paragraphs)
    text = "\n\n".join(paragraphs)
    title = header.get("title")
    page_url = url or header.get("url")
    return Article(
        id=_given_id(id, label) or article_id(file_name=file_name, url=page_url, title=title, text=text),
        text=text,
        title=title,
        url=page_url,
        publisher=header.get("publisher"),
        published=_iso_date(header.get("published")),
        language=detect_language(text),
        file_name=file_name,
        original=original,
        media_type="text/plain",
    )


def _split_header(paragraphs: list[str]) -> tuple[dict[str, str], list[str]]:
    """Take the title, date and address lines off the top of a plain text."""
    header: dict[str, str] = {}
    taken = 0
    for paragraph in paragraphs[:_MAX_HEADER_LINES]:
        if taken == len(paragraphs) - 1:
            break  # the last paragraph is the text, whatever it looks like
        if (field := _header_field(paragraph)) and field[0] not in header:
            header[field[0]] = field[1]
        elif "title" not in header and _looks_like_title(paragraph):
            header["title"] = paragraph
        else:
            break
        taken += 1
    return header, paragraphs[taken:]


def _header_field(line: str) -> tuple[str, str] | None:
    """Return (field, value) for a line such as "Published: 2025-03-04", or a bare date."""
    if "\n" in line:
        return None
    if found := _header_date(line):
        return "published", found
    if _BARE_ADDRESS.fullmatch(line):
        return "url", line
    match = _HEADER.fullmatch(line)
    if not match:
        return None
    key, value = match["key"].lower(), match["value"].strip()
    field = _HEADER_KEYS.get(key, "published")
    if field == "published":
        found = _header_date(value)
        return ("published", found) if found else None
    if field == "publisher" and _is_web_address(value):
        return "url", value
    if field == "url" and not _is_web_address(value):
        return None
    return field, value


def _header_date(text: str) -> str | None:
    match = _DATE_LINE.fullmatch(text.strip())
    if not match:
        return None
    year, month, day = (match[1], match[2], match[3]) if match[1] else (match[6], match[5], match[4])
    try:
        return date(int(year), int(month), int(day)).isoformat()
    except ValueError:
        return None


def _looks_like_title(paragraph: str) -> bool:
    return (
        "\n" not in paragraph
        and len(paragraph) <= _MAX_TITLE_CHARS
        and len(paragraph.split()) <= _MAX_TITLE_WORDS
        and not paragraph.endswith((".", ",", ";", ":"))
        and _letter_count(paragraph) > 0
        and not _HEADER.fullmatch(paragraph)  # "Date: yesterday" is a header we cannot read, not a title
        and not _DATE_LINE.fullmatch(paragraph)
    )


# Text clean-up ----------------------------------------------------------------------------------

_INVISIBLE = re.compile(r"[\u00ad\u200b\u200e\u200f\u2060\ufeff]")
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_BLANK_LINES = re.compile(r"\n\s*\n")
_SENTENCE_END = (".", "!", "?", ":", ";", '"', "»", "”", "’", ")", "…")
_LIST_ITEM = re.compile(r"(?:[-•*–—]|\d{1,3}[.)])\s")
_MIN_WRAP_WIDTH, _MAX_WRAP_WIDTH = 50, 100  # e-mail wraps at 72-78; shorter lines are lists or headers


def _clean_text(text: str) -> str:
    return "\n\n".join(_paragraphs(text))


def _paragraphs(text: str) -> list[str]:
    """Split text into paragraphs: blank lines part them, and so do line breaks unless lines are wrapped."""
    text = unicodedata.normalize("NFC", _INVISIBLE.sub("", text.replace("\r\n", "\n").replace("\r", "\n")))
    paragraphs: list[str] = []
    for block in _BLANK_LINES.split(text):
        lines = [line for line in (_SPACES.sub(" ", raw).strip() for raw in block.split("\n")) if line]
        if _is_wrapped(lines):
            paragraphs.append(" ".join(lines))
        else:
            paragraphs.extend(lines)
    return paragraphs


def _is_wrapped(lines: list[str]) -> bool:
    """Tell a paragraph broken at a fixed width (copied from e-mail or PDF) from separate lines."""
    if len(lines) < 3 or any(_LIST_ITEM.match(line) or _HEADER.fullmatch(line) for line in lines):
        return False
    widest = max(len(line) for line in lines)
    body = lines[:-1]
    return (
        _MIN_WRAP_WIDTH <= widest <= _MAX_WRAP_WIDTH
        and all(len(line) >= 0.6 * widest for line in body)
        and any(not line.endswith(_SENTENCE_END) for line in body)
    )


def _clean_line(text: str | None) -> str | None:
    cleaned = _SPACES.sub(" ", _INVISIBLE.sub("", text or "").replace("\n", " ")).strip()
    return unicodedata.normalize("NFC", cleaned) or None


def _letter_count(text: str) -> int:
    return sum(len(word) for word in _WORD.findall(text))


# Language ---------------------------------------------------------------------------------------

_SCRIPTS: Final = {
    "Latin": re.compile(r"[A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f\u1e00-\u1eff]"),
    "Cyrillic": re.compile(r"[\u0400-\u052f\u1c80-\u1c8f\ua640-\ua69f]"),
    "Arabic": re.compile(r"[\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufeff]"),
    "Georgian": re.compile(r"[\u10a0-\u10ff\u1c90-\u1cbf]"),
    "Armenian": re.compile(r"[\u0531-\u058f]"),
    "Hebrew": re.compile(r"[\u05d0-\u05ea]"),
    "Greek": re.compile(r"[\u0370-\u03ff]"),
    "Han": re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]"),
    "Kana": re.compile(r"[\u3040-\u30ff]"),
    "Hangul": re.compile(r"[\uac00-\ud7af]"),
}
_SCRIPT_LANGUAGE: Final = {
    "Georgian": "ka",
    "Armenian": "hy",
    "Hebrew": "he",
    "Greek": "el",
    "Han": "zh",
    "Kana": "ja",
    "Hangul": "ko",
}
# The languages documenters plausibly meet; a narrower choice keeps short Russian texts from
# being called Bulgarian or Serbian, which share most of their letters.
_LATIN_LANGUAGES: Final = frozenset({"en", "fr", "es", "de", "pt", "it", "tr", "az", "uz", "tk", "pl", "nl", "ro"})
_CYRILLIC_LANGUAGES: Final = frozenset({"ru", "uk", "be", "kk", "ky", "tg", "mn"})
_ARABIC_LANGUAGES: Final = frozenset({"ar", "fa", "ur"})
_SCRIPT_LANGUAGES: Final = {
    "Latin": _LATIN_LANGUAGES,
    "Cyrillic": _CYRILLIC_LANGUAGES,
    "Arabic": _ARABIC_LANGUAGES,
}
_LANGUAGE_SAMPLE = 2000  # characters: more changes no answer and costs time
_MIN_LANGUAGE_LETTERS = 20
_MIN_LANGUAGE_SHARE = 0.5


def _script_counts(text: str) -> dict[str, int]:
    return {script: len(pattern.findall(text)) for script, pattern in _SCRIPTS.items()}


def _dominant_script(text: str) -> str | None:
    counts = _script_counts(text[:_LANGUAGE_SAMPLE])
    script = max(counts, key=counts.__getitem__)
    return script if counts[script] else None


@cache
def _identifier() -> Any:
    """Load py3langid's model once (about a second), restricted to the plausible languages."""
    identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    identifier.set_languages(sorted(_LATIN_LANGUAGES | _CYRILLIC_LANGUAGES | _ARABIC_LANGUAGES))
    return identifier


# Ids --------------------------------------------------------------------------------------------

_NOT_ID = re.compile(r"[^\w.\-]+")
_PAGE_SUFFIX = re.compile(r"\.(?:s?html?|php\d?|aspx?|jsp|cfm)$", re.IGNORECASE)
_ID_LIMIT = 200
_TITLE_SLUG_LIMIT = 80


def _slug(text: str, *, limit: int = _ID_LIMIT) -> str:
    """Return text with runs of other characters turned into '-', cut at a '-' within the limit."""
    slug = _NOT_ID.sub("-", unicodedata.normalize("NFC", text)).strip("-._")
    slug = re.sub(r"-{2,}", "-", slug)
    if len(slug) > limit:
        cut = slug[:limit]
        slug = cut.rsplit("-", 1)[0] if "-" in cut[limit // 2 :] else cut
    return slug.strip("-._")


def _url_slug(url: str) -> str:
    """Slug a web address: its host without www., then its path and query, without .html and the like."""
    try:
        parts = urlsplit(url.strip())
        host = (parts.hostname or "").removeprefix("www.")
    except ValueError:
        return ""
    segments = [unquote(segment) for segment in parts.path.split("/") if segment]
    if segments:
        segments[-1] = _PAGE_SUFFIX.sub("", segments[-1])
    query = [unquote(value) for pair in parts.query.split("&") for value in pair.split("=")[1:2] if value]
    return _slug("-".join([host, *segments, *query]).lower())
