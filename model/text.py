"""Wording shared by messages and menus: quoting text from data, shortening it, counting nouns."""

from __future__ import annotations

import re
import unicodedata

#: characters refused in stored text (texts, ids, titles, names, notes): C0 controls (tab, line
#: breaks and form feeds are kept) and UTF-16 surrogates, which no UTF-8 export can hold
UNSTORABLE = re.compile("[\x00-\x08\x0e-\x1f\ud800-\udfff]")


def QT_TR_NOOP(text: str) -> str:  # the name lupdate looks for
    """Mark a message template for the interface's translation without translating it (the model
    never imports Qt): the interface translates it where it shows it (``gui.i18n.translated``)."""
    return text


def shorten(text: str, limit: int = 30) -> str:
    """``text`` on one line (each run of whitespace becomes one space), cut to ``limit``
    characters with an ellipsis when longer."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    return text[: max(limit - 1, 0)] + "…"


def quote(text: str, limit: int = 30) -> str:
    """``text`` shortened (see :func:`shorten`) and wrapped in ‘ ’ for a message."""
    return f"‘{shorten(text, limit)}’"


def plural(n: int, noun: str, plural: str | None = None) -> str:
    """``1 span``, ``2 spans``, ``0 documents``; ``plural`` for nouns that do not just add s."""
    return f"{n} {noun if n == 1 else plural or noun + 's'}"


def keyword_in_context(text: str, start: int, end: int, width: int = 40) -> str:
    """``text[start:end]`` in brackets with up to ``width`` characters either side, on one line,
    cut at word edges: "…before ⟦match⟧ after…"."""
    before = text[max(0, start - width) : start]
    after = text[end : end + width]
    if start > width and " " in before:
        before = "…" + before[before.index(" ") + 1 :]
    if end + width < len(text) and " " in after:
        after = after[: after.rindex(" ")] + "…"
    return " ".join(f"{before}⟦{text[start:end]}⟧{after}".split())


def right_to_left(text: str) -> bool:
    """Is ``text``'s first strong character right-to-left (Arabic, Hebrew)? (The bidi rule P2.)"""
    for ch in text:
        kind = unicodedata.bidirectional(ch)
        if kind in ("R", "AL"):
            return True
        if kind == "L":
            return False
    return False
