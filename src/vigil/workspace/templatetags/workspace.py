"""Template filters of the workspace: dates as precise as known, terms and countries in the reader's language."""

from __future__ import annotations

import gettext
from collections.abc import Iterable
from datetime import date
from functools import cache
from typing import Any

import pycountry
from django import template
from django.utils import formats, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from vigil.core.linking import ActLikeness
from vigil.core.names import Reason
from vigil.records import selectors

register = template.Library()


@register.filter
def partial_date(value: date | None, precision: str = "day") -> str:
    """Show a date as precisely as it is known, in the reader's locale: '7 March 2025', 'March 2025', '2025'."""
    if value is None or precision == "unknown":
        return _("date unknown")
    if precision == "year":
        return str(value.year)
    if precision == "month":
        return formats.date_format(value, "YEAR_MONTH_FORMAT")
    return formats.date_format(value, "DATE_FORMAT")


@register.filter
def term(value: Any) -> str:
    """Show a vocabulary term's label in the reader's language (Russian when it has one)."""
    if value is None:
        return ""
    if translation.get_language() == "ru" and getattr(value, "label_ru", ""):
        return str(value.label_ru)
    return str(value.label)


@register.filter
def country(code: str) -> str:
    """Show a country's name in the reader's language from its ISO code."""
    return country_name(code, translation.get_language() or "en")


def country_name(code: str, language: str) -> str:
    """Return a country's name in a language, or the code itself when it is not a country."""
    found = pycountry.countries.get(alpha_2=code) if code else None
    if found is None:
        return code or ""
    name = getattr(found, "common_name", None) or found.name
    return _countries(language).gettext(name) if language != "en" else name


@cache
def _countries(language: str) -> gettext.NullTranslations:
    return gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[language], fallback=True)


@register.filter
def victims(act: Any) -> str:
    """Name an act's victim: the person or organisation, or the group as described."""
    parties = [str(involvement.party) for involvement in getattr(act, "victim_involvements", [])]
    if parties:
        return ", ".join(parties)
    if act.victim_description:
        return str(act.victim_description)
    if act.victim_count:
        return _("a group of %(count)s") % {"count": act.victim_count}
    return _("unnamed")


@register.filter
def source_count(act: Any) -> selectors.SourceCount:
    """Count an act's sources and independent sources, of the reports listed with it (its timeline's)."""
    return selectors.source_count(act.reports.all())


@register.filter
def likeness(found: ActLikeness) -> str:
    """Say in the reader's language why two acts may be one: "same victim, same type, dates 1 day apart"."""
    if found.names is None:
        victim = _("unnamed groups in the same country")
    elif found.names >= 1.0:
        victim = _("same victim")
    elif found.name_reasons:
        victim = _("victim's name: %(reasons)s") % {"reasons": name_reasons(found.name_reasons[:1])}
    else:
        victim = _("victims' names alike (%(score)s)") % {"score": formats.number_format(found.names, 2)}
    if found.dates == "unknown":
        when = _("one report gives no date")
    elif found.dates == "month":
        when = _("one report gives only the month")
    elif found.dates == "year":
        when = _("one report gives only the year")
    elif not found.days_apart:
        when = _("same day")
    else:
        when = ngettext("dates %(days)d day apart", "dates %(days)d days apart", found.days_apart) % {
            "days": found.days_apart
        }
    return _("%(victim)s, same type, %(when)s") % {"victim": victim, "when": when}


@register.filter
def web_address(value: str | None) -> str:
    """Return the address only if it is http(s), so that no javascript: or data: address becomes a link.

    Intake and the admin accept only web addresses; this holds for a record changed any other way.
    """
    text = (value or "").strip()
    return text if text.lower().startswith(("http://", "https://")) else ""


# Why a name was taken for a recorded one (core.names.Reason), in the reader's language
NAME_REASONS = {
    Reason.SAME: gettext_lazy("the same name"),
    Reason.SCRIPT: gettext_lazy("the same name in another script"),
    Reason.ROMANISATION: gettext_lazy("another romanisation of the name"),
    Reason.SPELLING: gettext_lazy("a close spelling of the name"),
    Reason.CASE_FORM: gettext_lazy("a Russian or Kazakh case form of the name"),
    Reason.ORDER: gettext_lazy("the parts of the name in another order"),
    Reason.SURNAME: gettext_lazy("the surname only"),
    Reason.PART: gettext_lazy("part of the name"),
    Reason.INITIALS: gettext_lazy("initials and surname"),
    Reason.ACRONYM: gettext_lazy("the acronym of the name"),
    Reason.LEGAL_FORM: gettext_lazy("the name without its legal form"),
}


@register.filter
def name_reasons(reasons: Iterable[Reason]) -> str:
    """Say why a name was taken for a recorded one, the main reason first: 'the surname only; a … case form'."""
    return "; ".join(str(NAME_REASONS[reason]) for reason in reasons)
