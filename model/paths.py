"""Where Hashiya keeps its data and finds its bundled resources."""

from __future__ import annotations

from pathlib import Path

RESOURCES = Path(__file__).resolve().parent.parent / "resources"
SAMPLES = RESOURCES / "samples"
FONTS = RESOURCES / "fonts"


def default_db_path() -> Path:
    """The database used when ``--db`` is not given, in the platform user-data directory."""
    from platformdirs import user_data_path  # only when no database is named

    return user_data_path("Hashiya", appauthor=False) / "hashiya.db"
