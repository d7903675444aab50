from datetime import date

import pytest

from vigil.core.dates import UNKNOWN, PartialDate, PartialDateError


@pytest.mark.parametrize(
    ("text", "precision", "start", "end"),
    [
        ("2025-02-28", "day", date(2025, 2, 28), date(2025, 2, 28)),
        ("2024-02", "month", date(2024, 2, 1), date(2024, 2, 29)),
        ("2025-12", "month", date(2025, 12, 1), date(2025, 12, 31)),
        ("2017", "year", date(2017, 1, 1), date(2017, 12, 31)),
    ],
)
def test_partial_date_reads_its_precision_and_period(text, precision, start, end):
    when = PartialDate.parse(text)
    assert (when.start, when.precision, when.end) == (start, precision, end)
    assert when.isoformat() == text


def test_empty_date_is_unknown():
    assert PartialDate.parse(None) == UNKNOWN
    assert PartialDate.parse("", "unknown") == UNKNOWN
    assert UNKNOWN.isoformat() is None and UNKNOWN.end is None


@pytest.mark.parametrize(
    ("text", "precision", "message"),
    [
        ("2025-02-30", None, "not a date in the calendar"),
        ("2025-13", None, "not a date in the calendar"),
        ("28.02.2025", None, "not a date of the form"),
        ("2025-02", "day", "of precision 'month', not 'day'"),
        (None, "day", "precision is 'day' but the date is empty"),
    ],
)
def test_impossible_dates_are_refused_with_the_reason(text, precision, message):
    with pytest.raises(PartialDateError, match=message):
        PartialDate.parse(text, precision)


def test_a_date_and_its_precision_must_agree():
    with pytest.raises(PartialDateError):
        PartialDate(date(2025, 1, 1), "unknown")
    with pytest.raises(PartialDateError):
        PartialDate(None, "day")
