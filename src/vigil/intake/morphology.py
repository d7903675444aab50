"""Share one Russian morphological analyser (pymorphy3) between the stages that need it."""

from __future__ import annotations

from functools import cache
from typing import Any


@cache
def analyzer() -> Any:
    """Return the process's pymorphy3 analyser, loaded on first use (its dictionaries take a moment)."""
    import pymorphy3

    return pymorphy3.MorphAnalyzer()
