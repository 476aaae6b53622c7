from __future__ import annotations

from model.paths import SAMPLES
from model.samples import seed_samples


def test_empty_database_is_seeded_with_every_sample(store):
    names = sorted(p.stem for p in SAMPLES.glob("*.txt"))
    assert seed_samples(store) == len(names) == 3
    assert [d.ext_id for d in store.document_summaries()] == names


def test_seeding_happens_once_only(store):
    seed_samples(store)
    store.conn.execute("DELETE FROM documents")  # the user removed them all
    assert seed_samples(store) == 0
    assert store.document_count() == 0


def test_database_with_documents_is_not_seeded(store):
    store.insert_document("mine", "نص المستخدم")
    assert seed_samples(store) == 0
    assert store.document_count() == 1
