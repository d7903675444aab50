"""Find Vigil's data directory; read by the settings and by `vigil demo` before Django starts."""

import os
from pathlib import Path


def data_dir() -> Path:
    """Return VIGIL_DATA_DIR, else $XDG_DATA_HOME/vigil, else ~/.local/share/vigil."""
    if os.environ.get("VIGIL_DATA_DIR"):
        return Path(os.environ["VIGIL_DATA_DIR"]).expanduser().resolve()
    base = os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share"
    return (Path(base) / "vigil").expanduser().resolve()
