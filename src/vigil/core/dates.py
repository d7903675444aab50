"""Represent dates known only to the day, the month or the year ("in May 2024", "since 2017")."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Literal

Precision = Literal["day", "month", "year", "unknown"]
PRECISIONS: tuple[Precision, ...] = ("day", "month", "year", "unknown")

_FORMS = {
    "day": re.compile(r"(\d{4})-(\d{2})-(\d{2})"),
    "month": re.compile(r"(\d{4})-(\d{2})"),
    "year": re.compile(r"(\d{4})"),
}


class PartialDateError(ValueError):
    """A date that cannot be read, or that does not exist in the calendar."""


@dataclass(frozen=True, slots=True, order=True)
class PartialDate:
    """A date with its precision; `start` is the first day of the period it names."""

    start: date | None
    precision: Precision = "unknown"

    def __post_init__(self) -> None:
        if (self.start is None) != (self.precision == "unknown"):
            raise PartialDateError(f"a date of precision {self.precision!r} cannot be {self.start!r}")

    @classmethod
    def parse(cls, text: str | None, precision: str | None = None) -> PartialDate:
        """Read `YYYY-MM-DD`, `YYYY-MM` or `YYYY`; check it against `precision` when given."""
        if text is None or text == "":
            if precision not in (None, "unknown"):
                raise PartialDateError(f"precision is {precision!r} but the date is empty")
            return UNKNOWN
        read = _precision_of(str(text))
        if precision is not None and precision != read:
            raise PartialDateError(f"{text!r} is a date of precision {read!r}, not {precision!r}")
        year, month, day = (int(part) for part in (*str(text).split("-"), "1", "1")[:3])
        try:
            return cls(date(year, month, day), read)
        except ValueError as error:
            raise PartialDateError(f"{text!r} is not a date in the calendar ({error})") from None

    @property
    def end(self) -> date | None:
        """Return the last day of the period."""
        if self.start is None:
            return None
        if self.precision == "year":
            return date(self.start.year, 12, 31)
        if self.precision == "month":
            following = date(self.start.year + self.start.month // 12, self.start.month % 12 + 1, 1)
            return date.fromordinal(following.toordinal() - 1)
        return self.start

    def isoformat(self) -> str | None:
        """Write the date as far as it is known: `2025-02-28`, `2025-02`, `2017` or None."""
        if self.start is None:
            return None
        return {"day": self.start.isoformat(), "month": self.start.isoformat()[:7]}.get(
            self.precision, f"{self.start.year:04d}"
        )


UNKNOWN = PartialDate(None, "unknown")
_READABLE: tuple[Precision, ...] = ("day", "month", "year")


def _precision_of(text: str) -> Precision:
    for precision in _READABLE:
        if _FORMS[precision].fullmatch(text):
            return precision
    raise PartialDateError(f"{text!r} is not a date of the form YYYY-MM-DD, YYYY-MM or YYYY")
