"""Django validators for the standard codes, wrapping the core's checks."""

from collections.abc import Callable

from django.core.exceptions import ValidationError

from vigil.core import codes


def validate_country(value: str) -> None:
    _validate(codes.country_code, value)


def validate_language(value: str) -> None:
    _validate(codes.language_code, value)


def validate_currency(value: str) -> None:
    _validate(codes.currency_code, value)


def validate_report_id(value: str) -> None:
    _validate(codes.report_id, value)


def _validate(check: Callable[[str], str], value: str) -> None:
    """Refuse a code that the check refuses, and one not written as the check writes it ('kz')."""
    if not value:
        return
    try:
        canonical = check(value)
    except ValueError as error:
        raise ValidationError(str(error)) from None
    if canonical != value:
        raise ValidationError(f"write {value!r} as {canonical!r}")
