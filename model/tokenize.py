"""Arabic-aware tokens and sentences, and aligning character spans to tokens for IOB exports.

Tokens are ``(start, end)`` Python ``str`` indices (code points, end exclusive) over the original
text. Words keep their harakat, tatweel and clitics (وبموسكو is one token); every punctuation or
symbol character is a token of its own, except that ``3.5``, ``1,000`` and ``٣٫٥`` stay whole; an
emoji with its modifiers, variation selectors or ZWJ sequence is one token.

A span whose edge falls inside a token (a clitic: بموسكو tagged موسكو) is aligned by one of three
rules, see :func:`align`.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache
from itertools import pairwise

from .errors import UsageError

Token = tuple[int, int]
SPLIT_MODES = ("expand", "split", "strict")
#: the counts :func:`align` returns; each span lands in exactly one of the last five
COUNT_KEYS = ("spans", "aligned", "expanded", "split", "dropped", "overlapping_dropped")

# Invisible characters that separate tokens like spaces do: ZWSP, bidi marks and embeddings, BOM.
_SEPARATORS = frozenset(
    "\u200b\u200e\u200f\u061c\ufeff" "\u202a\u202b\u202c\u202d\u202e" "\u2066\u2067\u2068\u2069"
)
_NUMBER_JOINERS = frozenset(".,\u066b\u066c")  # 3.5, 1,000, Arabic decimal and thousands separators
_ZWJ = "\u200d"
_SENTENCE_ENDS = frozenset(".!?؟…۔‼⁇⁈⁉")
_CLOSERS = frozenset("\"'»›”’")


class _Classes(dict[int, str]):
    """Maps a code point to a one-letter class, computed on first sight.

    `` `` space or invisible separator, ``P`` punctuation or symbol, ``J`` a number joiner
    (``.`` ``,`` ``٫`` ``٬``), ``D`` digit, ``M`` combining mark, ``R`` regional indicator,
    ``T`` skin tone, ``Z`` zero-width joiner, ``G`` emoji tag, ``W`` anything else.
    """

    def __missing__(self, code: int) -> str:
        ch = chr(code)
        if ch.isspace() or ch in _SEPARATORS:
            kind = " "
        elif "\U0001f1e6" <= ch <= "\U0001f1ff":
            kind = "R"
        elif "\U0001f3fb" <= ch <= "\U0001f3ff":
            kind = "T"
        elif ch == _ZWJ:
            kind = "Z"
        elif "\U000e0020" <= ch <= "\U000e007f":
            kind = "G"
        else:
            category = unicodedata.category(ch)
            if category[0] in "PS":
                kind = "J" if ch in _NUMBER_JOINERS else "P"
            elif category == "Nd":
                kind = "D"
            elif category[0] == "M":
                kind = "M"
            else:
                kind = "W"
        self[code] = kind
        return kind


_CLASSES = _Classes()
# Over the class string: a symbol token (a flag is two indicators; marks, skin tones, ZWJ-joined
# symbols and tags stay with it), or a word running to a space or symbol, where a joiner between
# two digits (3.5, 1,000) stays inside.
_TOKEN = re.compile(r"(?:RR?|[PJT])(?:[MTG]|Z[PJTR])*|[^ PJTR](?:[^ PJTR]|(?<=D)J(?=D))*")


@cache
def _bmp_pattern() -> re.Pattern[str]:
    """``_TOKEN`` spelled over the text itself, for texts without characters above U+FFFF."""
    members: dict[str, list[int]] = {}
    for code in range(0x10000):
        if 0xD800 <= code <= 0xDFFF:
            continue
        members.setdefault(_CLASSES[code], []).append(code)

    def char_set(kinds: str, negate: bool = False) -> str:
        codes = sorted(c for kind in kinds for c in members.get(kind, []))
        ranges, start, prev = [], None, None
        for c in codes:
            if start is None:
                start = prev = c
            elif c == prev + 1:
                prev = c
            else:
                ranges.append((start, prev))
                start = prev = c
        if start is not None:
            ranges.append((start, prev))
        body = "".join(re.escape(chr(a)) + ("-" + re.escape(chr(b)) if b > a else "") for a, b in ranges)
        return f"[{'^' if negate else ''}{body}]"

    symbol, word, digit = char_set("PJ"), char_set(" PJ", negate=True), char_set("D")
    joiner, tail = char_set("J"), char_set("M")
    return re.compile(
        f"{symbol}(?:{tail}|\u200d{symbol})*|{word}(?:{word}|(?<={digit}){joiner}(?={digit}))*"
    )


_ASTRAL = re.compile("[\U00010000-\U0010FFFF]")


def tokenize(text: str) -> list[Token]:
    """Split ``text`` into word, number, punctuation and emoji tokens; ``(start, end)`` offsets."""
    if _ASTRAL.search(text) is None:  # the usual case: match the text directly
        return [match.span() for match in _bmp_pattern().finditer(text)]
    classes = text.translate(_CLASSES)  # one class letter per character: offsets line up
    return [match.span() for match in _TOKEN.finditer(classes)]


_BREAK_CANDIDATES = re.compile("[\n" + "".join(sorted(_SENTENCE_ENDS)) + "]")


def sentence_breaks(text: str, tokens: Sequence[Token], keep_together: Iterable[Token] = ()) -> list[int]:
    """Indices ``i`` of the tokens after which a sentence ends (see :func:`sentences`).

    Looks only at newlines and sentence-ending punctuation, so a long text costs little more
    than a scan for those characters.
    """
    n = len(tokens)
    if n < 2:
        return []
    starts = [start for start, _ in tokens]
    blocked: set[int] = set()
    for first, stop in keep_together:
        blocked.update(range(first, stop - 1))
    breaks: set[int] = set()
    ends: list[int] = []
    for match in _BREAK_CANDIDATES.finditer(text):
        pos = match.start()
        i = bisect_right(starts, pos) - 1
        if text[pos] == "\n":
            if 0 <= i < n - 1 and i not in blocked:
                breaks.add(i)
        elif i >= 0 and tokens[i] == (pos, pos + 1):
            ends.append(i)
    for i in ends:  # follow "ended" from each sentence-ending token through closers
        k = i
        while k < n - 1:
            end, nxt = tokens[k][1], tokens[k + 1]
            if k in blocked:
                word = text[nxt[0] : nxt[1]]
                if word in _SENTENCE_ENDS or word in _CLOSERS:
                    k += 1
                    continue
                break
            if end < nxt[0]:  # a gap: a newline, or a space before a word, ends the sentence
                if "\n" in text[end : nxt[0]] or text[nxt[0] : nxt[1]] not in _SENTENCE_ENDS:
                    breaks.add(k)
                    break
                k += 1  # "… ?" : the next token ends the sentence itself
                continue
            word = text[nxt[0] : nxt[1]]
            if word in _SENTENCE_ENDS or word in _CLOSERS:
                k += 1
                continue
            break
    return sorted(breaks)


def sentences(text: str, tokens: Sequence[Token], keep_together: Iterable[Token] = ()) -> list[list[int]]:
    """Group token indices into sentences.

    A sentence ends at a newline, or after . ! ? ؟ … (and any closing quotes right after them)
    when a space follows, so ``U.S.`` and ``3.5`` do not end one. ``keep_together`` lists token
    ranges ``(first, last + 1)``, such as entities, that must not be cut by a sentence break.
    """
    if not tokens:
        return []
    bounds = [0, *(i + 1 for i in sentence_breaks(text, tokens, keep_together)), len(tokens)]
    return [list(range(a, b)) for a, b in pairwise(bounds)]


@dataclass
class Alignment:
    """Spans placed on tokens: ``entities`` do not overlap; ``overlapping`` lost to them."""

    tokens: list[Token]  # the document's tokens, cut at span edges under the split rule
    entities: list[tuple[int, int, str]] = field(default_factory=list)  # (first, last + 1, label)
    overlapping: list[tuple[int, int, str]] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=lambda: dict.fromkeys(COUNT_KEYS, 0))


def align(
    text: str,
    spans: Iterable[tuple[int, int, str]],
    mode: str = "expand",
    tokens: Sequence[Token] | None = None,
) -> Alignment:
    """Place character spans ``(start, end, label)`` on the tokens of ``text``.

    A span whose edges fall on token edges is ``aligned``. One with an edge inside a token is
    ``expanded`` to the whole token (mode ``expand``, as ANERcorp and Wojood tag clitics), ``split``
    (mode ``split``: the token is cut at the edge, so the document gets more tokens) or
    ``dropped`` (mode ``strict``); a span covering no token (only spaces) is dropped too. Spans that
    overlap a longer (or, equally long, earlier) one cannot share an IOB sequence: they go to
    ``overlapping`` and count as ``overlapping_dropped``.
    """
    if mode not in SPLIT_MODES:
        raise UsageError(f"unknown split mode {mode!r} (one of {', '.join(SPLIT_MODES)})")
    toks = list(tokenize(text) if tokens is None else tokens)
    starts, ends = [t[0] for t in toks], [t[1] for t in toks]
    counts = Counter(dict.fromkeys(COUNT_KEYS, 0))
    placed: list[tuple[int, int, str, str]] = []  # (start, end, label, rule) on token or cut edges
    for start, end, label in spans:
        counts["spans"] += 1
        first, stop = bisect_right(ends, start), bisect_left(starts, end)
        if first >= stop:
            counts["dropped"] += 1
            continue
        outer = (starts[first], ends[stop - 1])
        if outer[0] >= start and outer[1] <= end:
            placed.append((*outer, label, "aligned"))
        elif mode == "expand":
            placed.append((*outer, label, "expanded"))
        elif mode == "split":
            placed.append((max(start, outer[0]), min(end, outer[1]), label, "split"))
        else:
            counts["dropped"] += 1
    # The longest spans win, then the earliest; accepted ranges are disjoint and kept sorted.
    kept_starts: list[int] = []
    kept_ends: list[int] = []
    winners: list[tuple[int, int, str]] = []
    losers: list[tuple[int, int, str]] = []
    for start, end, label, rule in sorted(placed, key=lambda p: (p[0] - p[1], p[0])):
        k = bisect_right(kept_starts, start)
        if (k and kept_ends[k - 1] > start) or (k < len(kept_starts) and kept_starts[k] < end):
            losers.append((start, end, label))
            counts["overlapping_dropped"] += 1
            continue
        kept_starts.insert(k, start)
        kept_ends.insert(k, end)
        winners.append((start, end, label))
        counts[rule] += 1
    if mode == "split":
        toks = _cut(toks, {edge for s, e, _ in winners + losers for edge in (s, e)})
        starts, ends = [t[0] for t in toks], [t[1] for t in toks]

    def on_tokens(ranges: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
        return sorted((bisect_left(starts, s), bisect_left(ends, e) + 1, label) for s, e, label in ranges)

    return Alignment(toks, on_tokens(winners), on_tokens(losers), dict(counts))


def _cut(tokens: list[Token], edges: set[int]) -> list[Token]:
    """Cut tokens at every edge that falls strictly inside one."""
    cuts = sorted(edges)
    result: list[Token] = []
    for start, end in tokens:
        bounds = [start, *cuts[bisect_right(cuts, start) : bisect_left(cuts, end)], end]
        result.extend(pairwise(bounds))
    return result


def iob2_tags(count: int, entities: Iterable[tuple[int, int, str]]) -> list[str]:
    """IOB2 tags for ``count`` tokens from non-overlapping ``(first, last + 1, label)`` entities."""
    tags = ["O"] * count
    for first, stop, label in entities:
        tags[first] = f"B-{label}"
        for i in range(first + 1, stop):
            tags[i] = f"I-{label}"
    return tags


def tagged_sentences(
    text: str, spans: Iterable[tuple[int, int, str]], mode: str = "expand"
) -> tuple[list[list[tuple[str, str]]], dict[str, int]]:
    """The document as sentences of ``(token, IOB2 tag)`` pairs, and the :func:`align` counts.

    Sentence breaks never cut an entity.
    """
    alignment = align(text, spans, mode)
    toks = alignment.tokens
    tags = iob2_tags(len(toks), alignment.entities)
    groups = sentences(text, toks, [(first, stop) for first, stop, _ in alignment.entities])
    return [[(text[toks[i][0] : toks[i][1]], tags[i]) for i in group] for group in groups], alignment.counts
