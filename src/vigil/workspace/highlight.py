"""Mark in a source's text the passages that each draft act was read from: its victim, place, perpetrator, charge.

Intake does not keep character offsets, so the spans are found again: each act's names and words
are searched in the text, a name also by its stem so that 'Бекову' is found for 'Бекова'.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe

_CYRILLIC = re.compile(r"[\u0400-\u04ff]")


@dataclass(frozen=True, slots=True)
class ActWords:
    """What one act was read from: its number on the page, and the words to look for."""

    number: int
    words: tuple[str, ...]


def highlight(text: str, acts: Iterable[ActWords]) -> SafeString:
    """Return the text as HTML paragraphs with every act's words marked and numbered."""
    marks: dict[tuple[int, int], set[int]] = {}
    for act in acts:
        for word in act.words:
            for match in _pattern(word).finditer(text):
                marks.setdefault(match.span(), set()).add(act.number)
    spans = _merge(marks)
    out, at = [], 0
    for (start, end), numbers in spans:
        out.append(escape(text[at:start]))
        label = ", ".join(str(n) for n in sorted(numbers))
        out.append(
            format_html(
                '<mark data-acts="{}">{}<sup aria-hidden="true">{}</sup></mark>',
                " ".join(str(n) for n in sorted(numbers)),
                text[start:end],
                label,
            )
        )
        at = end
    out.append(escape(text[at:]))
    html = "".join(str(part) for part in out)
    paragraphs = [p.strip() for p in re.split(r"\n\s*\n", html) if p.strip()]
    return mark_safe("".join(f"<p>{p.replace(chr(10), '<br>')}</p>" for p in paragraphs))  # noqa: S308 (escaped above)  # nosec B308 B703


def act_words(*values: str) -> tuple[str, ...]:
    """Return the words to look for: each value, and each part of a name long enough to tell."""
    words: list[str] = []
    for value in values:
        value = " ".join((value or "").split())
        if len(value) < 3:
            continue
        words.append(value[:120])
        parts = value.split()
        if 1 < len(parts) <= 4:
            words += [part for part in parts if len(part) >= 4 and part[0].isupper()]
    return tuple(dict.fromkeys(words))


def _pattern(word: str) -> re.Pattern[str]:
    """Match a word whole, or, for a Cyrillic name, any of its case forms (the stem and up to three letters)."""
    if _CYRILLIC.search(word) and " " not in word and len(word) > 4:
        return re.compile(rf"\b{re.escape(word[:-1])}\w{{0,3}}\b", re.IGNORECASE)
    return re.compile(rf"\b{re.escape(word)}\b", re.IGNORECASE)


def _merge(marks: dict[tuple[int, int], set[int]]) -> list[tuple[tuple[int, int], set[int]]]:
    """Join overlapping spans, so that a name inside a longer passage is marked once, with both acts."""
    merged: list[tuple[tuple[int, int], set[int]]] = []
    for (start, end), numbers in sorted(marks.items()):
        if merged and start < merged[-1][0][1]:
            (first, last), known = merged[-1]
            merged[-1] = ((first, max(last, end)), known | numbers)
        else:
            merged.append(((start, end), set(numbers)))
    return merged
