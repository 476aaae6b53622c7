"""Where Hashiya keeps its data and finds its bundled resources."""

from __future__ import annotations

from pathlib import Path

from platformdirs import user_data_path

RESOURCES = Path(__file__).resolve().parent.parent / "resources"
SAMPLES = RESOURCES / "samples"
FONTS = RESOURCES / "fonts"


def default_db_path() -> Path:
    """The database used when ``--db`` is not given, in the platform user-data directory."""
    return user_data_path("Hashiya", appauthor=False) / "hashiya.db"
