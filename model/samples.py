"""First-run sample articles, imported once into an empty database."""

from __future__ import annotations

from .paths import SAMPLES
from .store import Store

SEEDED_KEY = "seeded"


def seed_samples(store: Store) -> int:
    """Import the bundled sample articles if the database is empty and was never seeded.

    Returns how many documents were imported (0 when nothing was done). Looks before it locks,
    so opening a database that another program is importing into does not wait on it.
    """
    if store.document_count() or store.setting(SEEDED_KEY) is not None:
        return 0
    from .importing import import_paths  # only for a new database: formats load on first need

    with store.transaction():  # checked inside it, so two windows opening at once seed once
        if store.document_count() or store.setting(SEEDED_KEY) is not None:
            return 0
        report = import_paths(store, sorted(SAMPLES.glob("*.txt")), "txt")
        store.set_setting(SEEDED_KEY, "1")
    return report.imported_count
