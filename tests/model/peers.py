"""A small annotated corpus and a store snapshot, shared by the peer-format tests."""

from __future__ import annotations

from model.store import Store

#: an emoji (two UTF-16 units) before every span, harakat, and a second paragraph
NEWS = ("عاجل 🔴 | استدعت موسكو سفيرَ أذربيجان رحمان مصطفاييف في باكو.\n"
        "وقالت زاخاروفا إنّ اعتقال الصحفيين غير مقبول.")
HARAKAT = "اِسْتَدْعَتْ مُوسْكُو السَّفِيرَ\nفي بَاكُو 🔴 أَمْسِ."


def at(text: str, word: str) -> tuple[int, int]:
    start = text.index(word)
    return start, start + len(word)


def build_corpus(store: Store) -> dict[str, int]:
    """Three documents: spans with event links, a span crossing a line break, and one without spans."""
    news = store.insert_document("rt-0001", NEWS, "موسكو تستدعي السفير", {"source": "RT"})
    harakat = store.insert_document("harakat", HARAKAT, None, {})
    plain = store.insert_document("plain", "خبر بلا وسوم.", None, {})
    assert news and harakat and plain
    event, _ = store.add_span(news, *at(NEWS, "استدعت"), "EVENT", "amal")
    place, _ = store.add_span(news, *at(NEWS, "موسكو"), "PLACE", "amal")
    actor, _ = store.add_span(news, *at(NEWS, "رحمان مصطفاييف"), "ACTOR", "amal")
    baku, _ = store.add_span(news, *at(NEWS, "باكو"), "PLACE", "amal")
    store.add_span(news, *at(NEWS, "زاخاروفا"), "ACTOR", "amal")
    store.link(event.id, place.id, "source")
    store.link(event.id, actor.id, "target")
    store.link(event.id, baku.id, "place")
    store.add_span(harakat, 0, HARAKAT.index("في") + 2, "EVENT", "amal")  # crosses the line break
    store.add_span(harakat, *at(HARAKAT, "مُوسْكُو"), "PLACE", "amal")
    return {"news": news, "harakat": harakat, "plain": plain}


def snapshot(store: Store, *, annotators: bool = False, titles: bool = False, meta: bool = False,
             ext_ids: bool = True) -> list[tuple]:
    """Each document as comparable values: spans by (start, end, label), relations by their ends."""
    docs = []
    for doc in store.iter_documents():
        spans = store.spans(doc.id)
        name = {s.id: (s.start, s.end, s.label) for s in spans}
        docs.append((
            doc.ext_id if ext_ids else None,
            doc.text,
            sorted((s.start, s.end, s.label, s.annotator if annotators else "") for s in spans),
            sorted((name[r.event_id], name[r.argument_id], r.role) for r in store.relations(doc.id)),
            doc.title if titles else None,
            doc.meta if meta else None,
        ))
    return sorted(docs, key=lambda d: d[1])
