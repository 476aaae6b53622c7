"""Arabic-aware tokens and sentences, and aligning character spans to tokens for IOB exports.

Tokens are ``(start, end)`` Python ``str`` indices (code points, end exclusive) over the original
text. Words keep their harakat, tatweel and clitics (وبموسكو is one token); every punctuation or
symbol character is a token of its own, except that ``3.5``, ``1,000`` and ``٣٫٥`` stay whole; an
emoji with its modifiers, variation selectors or ZWJ sequence is one token.

A span whose edge falls inside a token (a clitic: بموسكو tagged موسكو) is aligned by one of three
rules, see :func:`align`.
"""

from __future__ import annotations

import json
import re
import sys
import unicodedata
from array import array
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache
from itertools import accumulate, pairwise
from operator import add
from pathlib import Path
from typing import NamedTuple

from .errors import UsageError

Token = tuple[int, int]
SPLIT_MODES = ("expand", "split", "strict")
#: the counts :func:`align` returns; each span lands in exactly one of the last five
COUNT_KEYS = ("spans", "aligned", "expanded", "split", "dropped", "overlapping_dropped")

# Invisible characters that separate tokens like spaces do: ZWSP, bidi marks and embeddings, BOM.
_SEPARATORS = frozenset(
    "\u200b\u200e\u200f\u061c\ufeff\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
)
_NUMBER_JOINERS = frozenset(".,\u066b\u066c")  # 3.5, 1,000, Arabic decimal and thousands separators
_ZWJ = "\u200d"
_SENTENCE_ENDS = frozenset(".!?؟…۔‼⁇⁈⁉")
_CLOSERS = frozenset("\"'»›”’")


def _kind(ch: str) -> str:
    """A character's one-letter class (see :class:`_Classes`)."""
    if ch.isspace() or ch in _SEPARATORS:
        return " "
    if "\U0001f1e6" <= ch <= "\U0001f1ff":
        return "R"
    if "\U0001f3fb" <= ch <= "\U0001f3ff":
        return "T"
    if ch == _ZWJ:
        return "Z"
    if "\U000e0020" <= ch <= "\U000e007f":
        return "G"
    category = unicodedata.category(ch)
    if category[0] in "PS":
        return "J" if ch in _NUMBER_JOINERS else "P"
    if category == "Nd":
        return "D"
    return "M" if category[0] == "M" else "W"


class _Classes(dict[int, str]):
    """Maps a code point to a one-letter class, computed on first sight.

    `` `` space or invisible separator, ``P`` punctuation or symbol, ``J`` a number joiner
    (``.`` ``,`` ``٫`` ``٬``), ``D`` digit, ``M`` combining mark, ``R`` regional indicator,
    ``T`` skin tone, ``Z`` zero-width joiner, ``G`` emoji tag, ``W`` anything else.
    """

    def __missing__(self, code: int) -> str:
        kind = self[code] = _kind(chr(code))
        return kind


_CLASSES = _Classes()
# Over the class string: a symbol token (a flag is two indicators; marks, skin tones, ZWJ-joined
# symbols and tags stay with it), or a word running to a space or symbol, where a joiner between
# two digits (3.5, 1,000) stays inside.
_TOKEN = re.compile(r"(?:RR?|[PJT])(?:[MTG]|Z[PJTR])*|[^ PJTR](?:[^ PJTR]|(?<=D)J(?=D))*")


#: The class ranges worked out once for this Unicode version (``python -m model.tokenize``):
#: computing them walks 1.1 million code points, about a second before a first token export.
CLASS_TABLE = Path(__file__).with_name("unicode_classes.json")


@cache
def _members(full: bool) -> dict[str, list[tuple[int, int]]]:
    """Code-point ranges of each class, over the BMP or beyond it (from :data:`CLASS_TABLE` when
    it was made for this Python's Unicode version)."""
    try:
        table = json.loads(CLASS_TABLE.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        table = {}
    if table.get("unicode") == unicodedata.unidata_version:
        part = table["astral" if full else "bmp"]
        return {kind: [(a, b) for a, b in ranges] for kind, ranges in part.items()}
    return _compute_members(full)


def _compute_members(full: bool) -> dict[str, list[tuple[int, int]]]:
    members: dict[str, list[tuple[int, int]]] = {}
    first, last = (0x10000, 0x110000) if full else (0, 0x10000)
    start, kind = first, ""
    for code in range(first, last):
        now = "S" if 0xD800 <= code <= 0xDFFF else (_CLASSES[code] if code < 0x10000 else _kind(chr(code)))
        if now != kind:
            if kind:
                members.setdefault(kind, []).append((start, code - 1))
            start, kind = code, now
    members.setdefault(kind, []).append((start, last - 1))
    return members


def _char_set(ranges: list[tuple[int, int]], negate: bool = False) -> str:
    body = "".join(re.escape(chr(a)) + ("-" + re.escape(chr(b)) if b > a else "") for a, b in sorted(ranges))
    return f"[{'^' if negate else ''}{body}]" if body else ("[\\s\\S]" if negate else "[^\\s\\S]")


@cache
def text_pattern(full: bool = False) -> re.Pattern[str]:
    """``_TOKEN`` spelled over the text itself (``findall`` then yields token strings with no
    Python step per token). ``full`` adds characters above U+FFFF; each class is a BMP set,
    which the regex engine tests as a bitmap, and an astral set tried only for astral characters."""
    bmp = _members(False)
    astral = _members(True) if full else {}
    beyond = "(?=[\\U00010000-\\U0010ffff])"

    def char_class(kinds: str) -> str:
        inside = _char_set([r for k in kinds for r in bmp.get(k, [])])
        far = [r for k in kinds for r in astral.get(k, [])]
        return f"(?:{inside}|{beyond}{_char_set(far)})" if far else inside

    def word_class() -> str:
        inside = _char_set([r for k in " PJTRS" for r in bmp.get(k, [])], negate=True)
        if not full:
            return inside
        far = [r for k in astral if k not in " PJTRS" for r in astral[k]]
        return f"(?:(?!{beyond}){inside}|{beyond}{_char_set(far)})"

    symbol, word, digit, joiner = char_class("PJT"), word_class(), char_class("D"), char_class("J")
    tail, joined = char_class("MTG"), char_class("PJTR")
    flag = f"{char_class('R')}{char_class('R')}?|" if full else ""
    if full:
        words = f"{word}(?:{word}|(?<={digit}){joiner}(?={digit}))*"
    else:  # w+(?:J w+)* rather than (w|J)*: a repeat of one set runs in the engine's fast loop
        words = f"{word}+(?:(?<={digit}){joiner}(?={digit}){word}+)*"
    return re.compile(
        f"(?:{flag}{symbol})(?:{tail}|\\u200d{joined})*|{words}"
    )


_ASTRAL = re.compile("[\U00010000-\U0010ffff]")


def tokenize(text: str) -> list[Token]:
    """Split ``text`` into word, number, punctuation and emoji tokens; ``(start, end)`` offsets."""
    if _ASTRAL.search(text) is None:  # the usual case: match the text directly
        return [match.span() for match in text_pattern().finditer(text)]
    classes = text.translate(_CLASSES)  # one class letter per character: offsets line up
    return [match.span() for match in _TOKEN.finditer(classes)]


_RUNS_ON = _SENTENCE_ENDS | _CLOSERS


def _ends_here(text: str, end: int, next_start: int, next_word: str) -> bool:
    """After a sentence-ending token, does the gap before the next one end the sentence? A
    newline does, and so does a space before anything but another stop ("… ?")."""
    return end < next_start and ("\n" in text[end:next_start] or next_word not in _SENTENCE_ENDS)


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
            end, (nxt_start, nxt_end) = tokens[k][1], tokens[k + 1]
            word = text[nxt_start:nxt_end]
            if k not in blocked and _ends_here(text, end, nxt_start, word):
                breaks.add(k)
                break
            if word not in _RUNS_ON:  # "ended" lasts through stops and closing quotes only
                break
            k += 1
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
    # The longest spans win, then the earliest. Only spans in one cluster (a chain of overlaps)
    # can compete, so each cluster is settled on its own: a span overlapping nothing wins at once,
    # and the sorted lists below stay as small as the largest cluster.
    winners: list[tuple[int, int, str]] = []
    losers: list[tuple[int, int, str]] = []
    for cluster in _clusters(placed):
        if len(cluster) == 1:
            start, end, label, rule = cluster[0]
            winners.append((start, end, label))
            counts[rule] += 1
            continue
        kept_starts: list[int] = []  # accepted ranges, disjoint and kept sorted
        kept_ends: list[int] = []
        for start, end, label, rule in sorted(cluster, key=lambda p: (p[0] - p[1], p[0])):
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


def _clusters(placed: list[tuple[int, int, str, str]]) -> list[list[tuple[int, int, str, str]]]:
    """Placed spans grouped so that spans of different groups never overlap (sorted by start, a
    span joins the group whose reach it starts inside)."""
    clusters: list[list[tuple[int, int, str, str]]] = []
    reach = -1
    for item in sorted(placed, key=lambda p: (p[0], p[1])):
        if clusters and item[0] < reach:
            clusters[-1].append(item)
            reach = max(reach, item[1])
        else:
            clusters.append([item])
            reach = item[1]
    return clusters


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


_GAP_CHARS = "\\s" + "".join(sorted(_SEPARATORS))
_GAP = re.compile(f"[{_GAP_CHARS}]")
_RUN_AFTER = re.compile(f"[^{_GAP_CHARS}]*")


def _after_gap(text: str, pos: int) -> int:
    """Where the run of non-gap characters ending at ``pos`` starts: just after the last gap
    (any space, a tab, NBSP, ZWSP, ...) before ``pos``, or 0. Looks back through a window that
    grows only while it holds no gap, so the cost follows the distance to that gap, not ``pos``
    (an ``rfind`` for a newline in a text without one reads back to its start for every span)."""
    width = 64
    while True:
        lo = max(0, pos - width)
        ends = [m.end() for m in _GAP.finditer(text, lo, pos)]
        if ends:
            return ends[-1]
        if lo == 0:
            return 0
        width *= 4


def _window(text: str, pattern: re.Pattern[str], start: int, end: int) -> list[Token]:
    """The tokens between the gaps around ``[start, end)``: enough to align a span there."""
    lo = _after_gap(text, start)
    hi = _RUN_AFTER.match(text, end).end()  # type: ignore[union-attr]
    return [m.span() for m in pattern.finditer(text, lo, hi)]


def _stands_alone(text: str, pos: int, pattern: re.Pattern[str]) -> bool:
    """Is the stop at ``pos`` a token of its own (not in 3.5, not carrying marks)?"""
    before = text[pos - 1] if pos else " "
    after = text[pos + 1] if pos + 1 < len(text) else " "
    if before == _ZWJ or after == _ZWJ:
        return (pos, pos + 1) in _window(text, pattern, pos, pos + 1)
    if text[pos] in _NUMBER_JOINERS and _CLASSES[ord(before)] == "D" and _CLASSES[ord(after)] == "D":
        return False
    return _CLASSES[ord(after)] not in "MTG"


def _char_breaks(text: str, pattern: re.Pattern[str], entities: list[tuple[int, int, str]]) -> list[int]:
    """Where sentences start again (offsets of the first token after each break), found from the
    newlines and stops alone; the same rules as :func:`sentence_breaks`, on characters."""
    starts = [s for s, _, _ in entities]

    def inside(pos: int) -> bool:  # strictly inside an entity: no break may fall there
        i = bisect_right(starts, pos) - 1
        return i >= 0 and entities[i][0] < pos < entities[i][1]

    first = pattern.search(text)
    if first is None:
        return []
    breaks: set[int] = set()
    for match in _BREAK_CANDIDATES.finditer(text, first.start()):
        pos = match.start()
        if text[pos] == "\n":
            following = pattern.search(text, pos)
            if following is not None and not inside(following.start()):
                breaks.add(following.start())
            continue
        if not _stands_alone(text, pos, pattern):
            continue  # part of a longer token (3.5, or a stop with marks)
        end = pos + 1
        while (following := pattern.search(text, end)) is not None:
            nxt_start, nxt_end = following.span()
            word = text[nxt_start:nxt_end]
            if not inside(nxt_start) and _ends_here(text, end, nxt_start, word):
                breaks.add(nxt_start)
                break
            if word not in _RUNS_ON:
                break
            end = nxt_end
    return sorted(breaks)


def iob2_lines(
    text: str, spans: Iterable[tuple[int, int, str]], mode: str = "expand"
) -> tuple[str, dict[str, int]]:
    """The document as CoNLL lines (``token<TAB>tag``, a blank line after each sentence) and the
    :func:`align` counts; the same output as :func:`tagged_sentences`, built without a Python
    step per token: runs of ``O`` tokens come from one ``findall`` and one ``join``."""
    spans = list(spans)
    if mode == "split":  # split cuts tokens anywhere a span edge falls: take the token path
        groups, counts = tagged_sentences(text, spans, mode)
        return "".join("".join(f"{t}\t{tag}\n" for t, tag in group) + "\n" for group in groups), counts
    pattern = text_pattern(full=_ASTRAL.search(text) is not None)
    local = sorted({tok for start, end, _ in spans for tok in _window(text, pattern, start, end)})
    alignment = align(text, spans, mode, tokens=local)
    entities = [(local[first][0], local[stop - 1][1], label) for first, stop, label in alignment.entities]
    breaks = _char_breaks(text, pattern, entities)
    out: list[str] = []
    pos, b, e = 0, 0, 0
    emitted = False
    while True:
        next_break = breaks[b] if b < len(breaks) else len(text) + 1
        next_entity = entities[e][0] if e < len(entities) else len(text) + 1
        stop = min(next_break, next_entity)
        run = pattern.findall(text, pos, min(stop, len(text)))
        if run:
            out.append("\tO\n".join(run))
            out.append("\tO\n")
            emitted = True
        if stop > len(text):
            break
        if next_break == stop:
            out.append("\n")
            b += 1
            pos = stop
            continue
        start, end, label = entities[e]
        words = pattern.findall(text, start, end)
        out.append(f"{words[0]}\tB-{label}\n")
        out.extend(f"{word}\tI-{label}\n" for word in words[1:])
        emitted = True
        pos, e = end, e + 1
    if emitted:
        out.append("\n")
    return "".join(out), alignment.counts


# ---- tokens stored once per document, read back by token exports ------------------------------

#: The stored form's version: it changes with that form, with the token and sentence rules, and
#: with Python's Unicode version (which decides each character's class). Tokens stored under
#: another version are not used (the search index pass stores them again).
STORED_TOKENS_VERSION = f"1 unicode {unicodedata.unidata_version}"
_AFTER_TOKEN = "\n"  # follows each token in StoredTokens.joined ...
_AFTER_SENTENCE = "\x1e"  # ... or this, where a sentence ends (white space: never in a token)
_LITTLE_ENDIAN = sys.byteorder == "little"


class StoredTokens(NamedTuple):
    """A document's tokens as computed once (by the search index pass) for token exports.

    ``joined`` holds every token followed by ``\\n``, or by ``\\x1e`` after the last token of a
    sentence when no entity holds tokens together (:func:`_char_breaks` with no entities): a
    CoNLL run of ``O`` tokens is then a slice of it with two ``str.replace``. ``starts[i]`` is
    token ``i``'s offset in the text and ``offsets[i]`` its offset in ``joined``, with one more
    ``offsets`` entry, ``len(joined)``; a token is ``offsets[i + 1] - offsets[i] - 1`` long.
    """

    joined: str
    starts: Sequence[int]
    offsets: Sequence[int]

    @classmethod
    def of(cls, text: str) -> StoredTokens:
        """Tokenise ``text`` (one regex pass, no Python step per token) and find its sentences."""
        full = _ASTRAL.search(text) is not None
        parts = _token_splitter(full).split(text)  # gap, token, gap, token, ..., gap
        words = parts[1::2]
        edges = list(accumulate(map(len, parts)))
        code = "H" if len(text) < 1 << 15 else "I"  # joined is at most twice as long as the text
        starts = array(code, edges[0:-1:2])  # where each gap ends: the next token starts
        cuts = [bisect_left(starts, pos) for pos in _char_breaks(text, text_pattern(full), [])]
        sentences = [_AFTER_TOKEN.join(words[a:b]) for a, b in pairwise([0, *cuts, len(words)])]
        joined = _AFTER_SENTENCE.join(sentences) + _AFTER_TOKEN if words else ""
        offsets = array(code, map(add, accumulate(map(len, words), initial=0), range(len(words) + 1)))
        return cls(joined, starts, offsets)

    def to_row(self) -> tuple[str, bytes, bytes, int]:
        """``(joined, starts, offsets, width)``: the arrays as little-endian unsigned integers of
        ``width`` bytes (2 when the text and ``joined`` are shorter than 65,536, else 4)."""
        code = "H" if max(self.offsets[-1], self.starts[-1] if self.starts else 0) < 1 << 16 else "I"
        starts, offsets = self.starts, self.offsets
        if not (isinstance(starts, array) and isinstance(offsets, array) and starts.typecode == code
                and offsets.typecode == code and _LITTLE_ENDIAN):
            starts, offsets = array(code, starts), array(code, offsets)
        if not _LITTLE_ENDIAN:
            starts.byteswap()
            offsets.byteswap()
        return self.joined, starts.tobytes(), offsets.tobytes(), starts.itemsize

    @classmethod
    def from_row(cls, joined: str, starts: bytes, offsets: bytes, width: int) -> StoredTokens:
        """Read back what :meth:`to_row` gave (without copying the arrays)."""
        if _LITTLE_ENDIAN:
            if width == 2:
                return cls(joined, memoryview(starts).cast("H"), memoryview(offsets).cast("H"))
            return cls(joined, memoryview(starts).cast("I"), memoryview(offsets).cast("I"))
        code = "H" if width == 2 else "I"
        first, second = array(code), array(code)
        first.frombytes(starts)
        second.frombytes(offsets)
        first.byteswap()
        second.byteswap()
        return cls(joined, first, second)


@cache
def _token_splitter(full: bool) -> re.Pattern[str]:
    """:func:`text_pattern` as one group: ``split`` gives gaps and tokens in turn."""
    return re.compile(f"({text_pattern(full).pattern})")


def _place_stored(
    text: str, spans: list[tuple[int, int, str]], mode: str, stored: StoredTokens
) -> tuple[list[tuple[int, int, str]], dict[str, int]] | None:
    """:func:`align` on stored tokens: the entities as ``(first, last + 1, label)`` token
    ranges, in order, and the counts; None when a default sentence break falls inside an entity
    (an entity holds those tokens together, so sentences end elsewhere: tokenise the text)."""
    joined, starts, offsets = stored
    aligned = expanded = dropped = 0
    placed: list[tuple[int, int, str]] = []
    for start, end, label in spans:
        first = bisect_right(starts, start) - 1
        if first < 0 or starts[first] + offsets[first + 1] - offsets[first] - 1 <= start:
            first += 1  # the token holding ``start``, or else the next one
        stop = bisect_left(starts, end)
        if first >= stop:
            dropped += 1
        elif starts[first] >= start and starts[stop - 1] + offsets[stop] - offsets[stop - 1] - 1 <= end:
            aligned += 1
            placed.append((first, stop, label))
        elif mode == "expand":
            expanded += 1
            placed.append((first, stop, label))
        else:
            dropped += 1
    placed.sort()
    reach = 0
    for first, stop, _ in placed:
        if first < reach:  # overlapping spans: align settles which win
            placed, counts = _align_stored(text, spans, mode, starts, offsets)
            break
        reach = stop
    else:
        counts = dict(zip(COUNT_KEYS, (len(spans), aligned, expanded, 0, dropped, 0), strict=True))
    for first, stop, _ in placed:
        if _AFTER_SENTENCE in joined[offsets[first + 1] - 1 : offsets[stop] - 1]:
            return None
    return placed, counts


def _placed(
    text: str, spans: list[tuple[int, int, str]], mode: str, stored: StoredTokens | None
) -> tuple[list[tuple[int, int, str]], dict[str, int]] | None:
    """The spans placed on the stored tokens, or None when the text must be tokenised again (no
    stored tokens, mode ``split``, or a sentence break inside an entity)."""
    if stored is None or mode not in ("expand", "strict"):
        return None
    return _place_stored(text, spans, mode, stored)


def stored_iob2_lines(
    text: str, spans: Iterable[tuple[int, int, str]], mode: str, stored: StoredTokens | None
) -> tuple[str, dict[str, int]]:
    """:func:`iob2_lines` from the tokens stored for ``text``, with a Python step per span, not
    per token; the same output. Without stored tokens, in mode ``split`` or when a sentence
    break falls inside an entity (sentences then end elsewhere), it is :func:`iob2_lines`."""
    spans = list(spans)
    placement = _placed(text, spans, mode, stored)
    if placement is None or stored is None:
        return iob2_lines(text, spans, mode)
    entities, counts = placement
    joined, _, offsets = stored
    out: list[str] = []
    done = 0  # tokens written so far
    for a, b, label in entities:
        head, last = offsets[a + 1] - 1, offsets[b] - 1  # where the first and last tokens end
        if done < a:
            run = joined[offsets[done] : offsets[a]]
            out.append(run.replace(_AFTER_TOKEN, "\tO\n").replace(_AFTER_SENTENCE, "\tO\n\n"))
        out.append(f"{joined[offsets[a] : head]}\tB-{label}\n")
        if b - a > 1:
            inner = f"\tI-{label}\n"
            out.append(joined[head + 1 : last].replace(_AFTER_TOKEN, inner))
            out.append(inner)
        if joined[last] == _AFTER_SENTENCE:
            out.append("\n")
        done = b
    if joined:
        run = joined[offsets[done] :]
        out.append(run.replace(_AFTER_TOKEN, "\tO\n").replace(_AFTER_SENTENCE, "\tO\n\n"))
        out.append("\n")
    return "".join(out), counts


def stored_tagged_sentences(
    text: str, spans: Iterable[tuple[int, int, str]], mode: str, stored: StoredTokens | None
) -> tuple[list[list[tuple[str, str]]], dict[str, int]]:
    """:func:`tagged_sentences` from the tokens stored for ``text``; the same result (it is
    :func:`tagged_sentences` when :func:`stored_iob2_lines` would tokenise)."""
    spans = list(spans)
    placement = _placed(text, spans, mode, stored)
    if placement is None or stored is None:
        return tagged_sentences(text, spans, mode)
    entities, counts = placement
    if not stored.joined:
        return [], counts
    tags = ["O"] * (len(stored.offsets) - 1)
    for first, stop, label in entities:
        tags[first] = f"B-{label}"
        tags[first + 1 : stop] = [f"I-{label}"] * (stop - first - 1)
    groups: list[list[tuple[str, str]]] = []
    done = 0
    for sentence in stored.joined[:-1].split(_AFTER_SENTENCE):
        words = sentence.split(_AFTER_TOKEN)
        groups.append(list(zip(words, tags[done : done + len(words)], strict=True)))
        done += len(words)
    return groups, counts


def _align_stored(
    text: str, spans: list[tuple[int, int, str]], mode: str, starts: Sequence[int], offsets: Sequence[int]
) -> tuple[list[tuple[int, int, str]], dict[str, int]]:
    """:func:`align` on the stored tokens the spans overlap (all it needs to place them): the
    entities as stored token ranges, and the counts."""
    wanted: set[int] = set()
    for start, end, _ in spans:
        first = bisect_right(starts, start) - 1
        if first < 0 or starts[first] + offsets[first + 1] - offsets[first] - 1 <= start:
            first += 1
        wanted.update(range(first, bisect_left(starts, end)))
    chosen = sorted(wanted)
    local = [(starts[i], starts[i] + offsets[i + 1] - offsets[i] - 1) for i in chosen]
    alignment = align(text, spans, mode, tokens=local)
    entities = [(chosen[first], chosen[stop - 1] + 1, label) for first, stop, label in alignment.entities]
    return entities, alignment.counts


def write_class_table(path: Path = CLASS_TABLE) -> None:
    """Save the class ranges for this Python's Unicode version (run when Python's Unicode changes)."""
    table = {
        "unicode": unicodedata.unidata_version,
        "bmp": _compute_members(False),
        "astral": _compute_members(True),
    }
    path.write_text(json.dumps(table, separators=(",", ":")) + "\n", encoding="utf-8")


if __name__ == "__main__":
    write_class_table()
