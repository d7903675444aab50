"""System checks run by `vigil check`: the audit key is usable, and readable by Vigil's account only."""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.checks import CheckMessage, Error, register

from vigil.audit import chain


@register("security")
def audit_key_check(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    """Refuse a short VIGIL_AUDIT_KEY, and a key file that others may read or that is too short."""
    if os.environ.get(chain.KEY_ENVIRONMENT):
        if len(os.environ[chain.KEY_ENVIRONMENT]) < chain.KEY_MIN_CHARS:
            return [
                Error(f"{chain.KEY_ENVIRONMENT} is shorter than {chain.KEY_MIN_CHARS} characters.", id="vigil.E101")
            ]
        return []
    path = Path(settings.DATA_DIR) / chain.KEY_FILE_NAME
    if not path.exists():
        return []  # made on the first entry
    problems: list[CheckMessage] = []
    if stat.S_IMODE(path.stat().st_mode) & 0o077:
        problems.append(
            Error(
                f"The audit key {path} may be read by other accounts.",
                hint=f"chmod 600 {path}",
                id="vigil.E102",
            )
        )
    try:
        chain.load_key(path.parent)
    except chain.AuditKeyError as error:
        problems.append(Error(str(error), id="vigil.E103"))
    return problems
