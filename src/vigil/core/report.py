"""Read, check and write incident reports in the exchange format, version 1.

One report describes what one source (a news article, an NGO statement) tells: its acts
and the interventions of other parties. The format is documented in
docs/exchange-format.md; Vigil adds one optional field, `source.text`, the text of the
source. Every problem of a file is collected and reported at once, each with the field it
concerns, so that a documenter can mend the file in one pass.
"""

from __future__ import annotations

import difflib
import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any, NamedTuple

from vigil.core import vocab
from vigil.core.codes import clip as _clip
from vigil.core.codes import country_code, currency_code, language_code
from vigil.core.codes import report_id as checked_report_id
from vigil.core.dates import PRECISIONS, UNKNOWN, PartialDate, PartialDateError

FORMAT_VERSION = 1
MAX_REPORT_BYTES = 20 * 1024 * 1024
VICTIM_KINDS = ("person", "organization", "group")

REPORT_FIELDS = ("id", "source", "acts", "interventions")
SOURCE_FIELDS = ("file", "url", "title", "publisher", "published", "language", "text")
ACT_FIELDS = (
    "victim", "victim_kind", "victim_count", "type", "date", "date_precision", "duration_days",
    "amount", "currency", "country", "place", "perpetrator", "legal_basis", "incident",
)  # fmt: skip
INTERVENTION_FIELDS = ("by", "type")


@dataclass(frozen=True, slots=True)
class SourceInfo:
    """Where a report comes from."""

    file: str | None = None
    url: str | None = None
    title: str | None = None
    publisher: str | None = None
    published: date | None = None
    language: str | None = None
    text: str | None = None


@dataclass(frozen=True, slots=True)
class ReportedAct:
    """One act against one victim, as one source tells it."""

    type: str
    victim: str | None
    victim_kind: str
    perpetrator: str
    victim_count: int | None = None
    date: PartialDate = UNKNOWN
    duration_days: Decimal | None = None
    amount: Decimal | None = None
    currency: str | None = None
    country: str | None = None
    place: str | None = None
    legal_basis: str | None = None
    incident: str | None = None


@dataclass(frozen=True, slots=True)
class ReportedIntervention:
    """A statement, appeal or other step that a party took about the acts."""

    by: str
    type: str


@dataclass(frozen=True, slots=True)
class Report:
    """What one source reports."""

    id: str
    source: SourceInfo
    acts: tuple[ReportedAct, ...] = ()
    interventions: tuple[ReportedIntervention, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """Return the report as the JSON object of the exchange format."""
        source = {
            "file": self.source.file,
            "url": self.source.url,
            "title": self.source.title,
            "publisher": self.source.publisher,
            "published": self.source.published.isoformat() if self.source.published else None,
            "language": self.source.language,
        }
        if self.source.text is not None:
            source["text"] = self.source.text
        return {
            "id": self.id,
            "source": source,
            "acts": [act_to_dict(act) for act in self.acts],
            "interventions": [{"by": i.by, "type": i.type} for i in self.interventions],
        }


class Problem(NamedTuple):
    """One thing wrong in a report: the field (`acts[3].type`) and what is wrong with it."""

    field: str
    message: str


class ReportError(ValueError):
    """A report that cannot be read; it lists every problem found, each with its field."""

    def __init__(self, where: str, problems: list[Problem]):
        self.where = where
        self.problems = problems
        super().__init__(str(self))

    def __str__(self) -> str:
        return "\n".join(
            f"{self.where}, {p.field}: {p.message}" if p.field else f"{self.where}: {p.message}" for p in self.problems
        )


@dataclass(frozen=True, slots=True)
class Vocabularies:
    """The codes that a report may use; the database's when it is at hand, else the shipped ones."""

    act_types: frozenset[str] = field(default_factory=lambda: vocab.codes("act_types"))
    perpetrators: frozenset[str] = field(default_factory=lambda: vocab.codes("perpetrators"))
    intervention_types: frozenset[str] = field(default_factory=lambda: vocab.codes("intervention_types"))


def read_report(path: Path, *, vocabularies: Vocabularies | None = None) -> Report:
    """Read and check one report file; raise ReportError naming the file and each bad field."""
    where = str(path)
    try:
        size = path.stat().st_size
        if size > MAX_REPORT_BYTES:
            raise ReportError(where, [Problem("", f"the file is {size:,} bytes; the limit is {MAX_REPORT_BYTES:,}")])
        raw = path.read_bytes()
    except OSError as error:
        raise ReportError(where, [Problem("", f"cannot be read: {error.strerror or error}")]) from None
    return parse_report_bytes(raw, where=where, vocabularies=vocabularies)


def parse_report_bytes(raw: bytes, *, where: str, vocabularies: Vocabularies | None = None) -> Report:
    """Decode UTF-8 JSON and check it as a report."""
    try:
        data = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError as error:
        raise ReportError(where, [Problem("", f"is not UTF-8 text (byte {error.start})")]) from None
    except json.JSONDecodeError as error:
        message = f"is not valid JSON: {error.msg} at line {error.lineno}, column {error.colno}"
        raise ReportError(where, [Problem("", message)]) from None
    return parse_report(data, where=where, vocabularies=vocabularies)


def parse_report(data: object, *, where: str = "<report>", vocabularies: Vocabularies | None = None) -> Report:
    """Check a decoded JSON value as a report and build it; raise ReportError with every problem."""
    reader = _Reader(vocabularies or Vocabularies())
    report = reader.report(data)
    if reader.problems or report is None:
        raise ReportError(where, reader.problems)
    return report


def dump_report(report: Report) -> str:
    """Write a report as pretty-printed JSON, Cyrillic and other scripts kept readable."""
    return json.dumps(report.to_dict(), ensure_ascii=False, indent=1) + "\n"


def did_you_mean(value: str, choices: frozenset[str] | tuple[str, ...]) -> str:
    """Return "; did you mean 'x'?" for the closest choice, or an empty string."""
    close = difflib.get_close_matches(value.lower(), sorted(choices), n=1, cutoff=0.6)
    return f"; did you mean {close[0]!r}?" if close else ""


def act_to_dict(act: ReportedAct) -> dict[str, Any]:
    """Return an act as the JSON object of the exchange format."""
    return {
        "victim": act.victim,
        "victim_kind": act.victim_kind,
        "victim_count": act.victim_count,
        "type": act.type,
        "date": act.date.isoformat(),
        "date_precision": act.date.precision,
        "duration_days": _number(act.duration_days),
        "amount": _number(act.amount),
        "currency": act.currency,
        "country": act.country,
        "place": act.place,
        "perpetrator": act.perpetrator,
        "legal_basis": act.legal_basis,
        "incident": act.incident,
    }


def _number(value: Decimal | None) -> int | float | None:
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(value)


class _Reader:
    """Walk a decoded report, building dataclasses and noting each problem with its path."""

    def __init__(self, vocabularies: Vocabularies):
        self.vocabularies = vocabularies
        self.problems: list[Problem] = []

    def note(self, path: str, message: str) -> None:
        self.problems.append(Problem(path, message))

    def report(self, data: object) -> Report | None:
        if not isinstance(data, dict):
            self.note("", f"must be a JSON object, not {_kind(data)}")
            return None
        self.unknown_fields(data, REPORT_FIELDS, "")
        report_id = self.checked(data, "id", "id", checked_report_id, required=True)
        source = self.source(data.get("source"))
        published = source.published if source else None
        acts = tuple(
            act
            for i, item in enumerate(self.items(data, "acts"))
            if (act := self.act(item, f"acts[{i}]", published)) is not None
        )
        interventions = tuple(
            intervention
            for i, item in enumerate(self.items(data, "interventions"))
            if (intervention := self.intervention(item, f"interventions[{i}]")) is not None
        )
        if report_id is None or source is None:
            return None
        return Report(report_id, source, acts, interventions)

    def source(self, data: object) -> SourceInfo | None:
        if not isinstance(data, dict):
            self.note("source", f"must be an object, not {_kind(data)}")
            return None
        self.unknown_fields(data, SOURCE_FIELDS, "source.")
        url = self.text(data, "url", "source.url")
        if url and not re.match(r"https?://[^\s/]+", url, re.IGNORECASE):
            self.note("source.url", f"{_clip(url)!r} is not an http(s) address")
        published = self.checked(data, "published", "source.published", _iso_day)
        language = self.checked(data, "language", "source.language", language_code)
        return SourceInfo(
            file=self.text(data, "file", "source.file"),
            url=url,
            title=self.text(data, "title", "source.title"),
            publisher=self.text(data, "publisher", "source.publisher"),
            published=published,
            language=language,
            text=self.text(data, "text", "source.text", strip=False),
        )

    def act(self, data: object, path: str, published: date | None) -> ReportedAct | None:
        if not isinstance(data, dict):
            self.note(path, f"must be an object, not {_kind(data)}")
            return None
        self.unknown_fields(data, ACT_FIELDS, f"{path}.")
        before = len(self.problems)
        act_type = self.code(data, "type", f"{path}.type", self.vocabularies.act_types, "an act type")
        perpetrator = self.code(
            data, "perpetrator", f"{path}.perpetrator", self.vocabularies.perpetrators, "a perpetrator kind"
        )
        victim_kind = self.code(data, "victim_kind", f"{path}.victim_kind", frozenset(VICTIM_KINDS), "a victim kind")
        victim = self.text(data, "victim", f"{path}.victim")
        if victim_kind in ("person", "organization") and not victim:
            self.note(f"{path}.victim", f"a {victim_kind} victim needs a name (use victim_kind 'group' if unnamed)")
        when = self.date(data, path, published)
        amount = self.number(data, "amount", f"{path}.amount")
        currency = self.checked(data, "currency", f"{path}.currency", currency_code)
        if amount is not None and not data.get("currency"):
            self.note(f"{path}.currency", "an amount needs its currency (ISO 4217 code, or KZT-MCI)")
        act = ReportedAct(
            type=act_type or "",
            victim=victim,
            victim_kind=victim_kind or "",
            perpetrator=perpetrator or "",
            victim_count=self.count(data, "victim_count", f"{path}.victim_count"),
            date=when,
            duration_days=self.number(data, "duration_days", f"{path}.duration_days"),
            amount=amount,
            currency=currency,
            country=self.checked(data, "country", f"{path}.country", country_code),
            place=self.text(data, "place", f"{path}.place"),
            legal_basis=self.text(data, "legal_basis", f"{path}.legal_basis"),
            incident=self.text(data, "incident", f"{path}.incident"),
        )
        return act if len(self.problems) == before else None

    def intervention(self, data: object, path: str) -> ReportedIntervention | None:
        if not isinstance(data, dict):
            self.note(path, f"must be an object, not {_kind(data)}")
            return None
        self.unknown_fields(data, INTERVENTION_FIELDS, f"{path}.")
        by = self.text(data, "by", f"{path}.by", required=True)
        kind = self.code(data, "type", f"{path}.type", self.vocabularies.intervention_types, "an intervention type")
        return ReportedIntervention(by, kind) if by and kind else None

    def date(self, data: dict[str, Any], path: str, published: date | None) -> PartialDate:
        value, precision = data.get("date"), data.get("date_precision")
        if precision is not None and precision not in PRECISIONS:
            self.note(f"{path}.date_precision", f"{precision!r} is not one of {', '.join(PRECISIONS)}")
            return UNKNOWN
        if value is not None and not isinstance(value, str):
            self.note(f"{path}.date", f"must be a string YYYY-MM-DD, YYYY-MM or YYYY, not {_kind(value)}")
            return UNKNOWN
        try:
            when = PartialDate.parse(value, precision)
        except PartialDateError as error:
            self.note(f"{path}.date", str(error))
            return UNKNOWN
        if when.start and published and when.start > published:
            self.note(f"{path}.date", f"{value} is after the source's publication date {published.isoformat()}")
        return when

    def items(self, data: dict[str, Any], name: str) -> list[object]:
        value = data.get(name, [])
        if not isinstance(value, list):
            self.note(name, f"must be a list, not {_kind(value)}")
            return []
        return value

    def unknown_fields(self, data: dict[str, Any], known: tuple[str, ...], prefix: str) -> None:
        for name in data:
            if name not in known:
                self.note(f"{prefix}{name}", f"is not a field of the format{did_you_mean(str(name), known)}")

    def text(
        self, data: dict[str, Any], name: str, path: str, *, required: bool = False, strip: bool = True
    ) -> str | None:
        value = data.get(name)
        if value is None or (isinstance(value, str) and not value.strip()):
            if required:
                self.note(path, "is required")
            return None
        if not isinstance(value, str):
            self.note(path, f"must be a string, not {_kind(value)}")
            return None
        if "\x00" in value:
            self.note(path, "holds a NUL character")
            return None
        return value.strip() if strip else value

    def code(self, data: dict[str, Any], name: str, path: str, choices: frozenset[str], what: str) -> str | None:
        value = self.text(data, name, path, required=True)
        if value is not None and value not in choices:
            self.note(path, f"{_clip(value)!r} is not {what}{did_you_mean(value, choices)}")
            return None
        return value

    def checked(
        self, data: dict[str, Any], name: str, path: str, check: Callable[[str], Any], *, required: bool = False
    ) -> Any:
        value = self.text(data, name, path, required=required)
        if value is None:
            return None
        try:
            return check(value)
        except ValueError as error:
            self.note(path, str(error))
            return None

    def number(self, data: dict[str, Any], name: str, path: str) -> Decimal | None:
        value = data.get(name)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int | float | str):
            self.note(path, f"must be a number, not {_kind(value)}")
            return None
        try:
            number = Decimal(str(value))
        except InvalidOperation:
            self.note(path, f"{_clip(str(value))!r} is not a number")
            return None
        if not number.is_finite() or number < 0 or number >= Decimal("1e12"):
            self.note(path, f"{value} is not a plausible value (0 or more, below 10^12)")
            return None
        return number

    def count(self, data: dict[str, Any], name: str, path: str) -> int | None:
        value = data.get(name)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            self.note(path, f"must be a whole number of people (0 or more), not {_clip(str(value))!r}")
            return None
        return value


def _iso_day(text: str) -> date:
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        try:
            return date.fromisoformat(text)
        except ValueError:
            pass
    raise ValueError(f"{_clip(text)!r} is not a date of the form YYYY-MM-DD")


def _kind(value: object) -> str:
    return {dict: "an object", list: "a list", str: "a string", bool: "true/false", type(None): "null"}.get(
        type(value), "a number" if isinstance(value, int | float) else type(value).__name__
    )


def iter_report_paths(paths: list[Path]) -> Iterator[Path]:
    """Yield report files: each file named, and the *.json files of each folder named, sorted."""
    for path in paths:
        if path.is_dir():
            yield from sorted(p for p in path.glob("*.json") if p.is_file())
        else:
            yield path
