"""Arabic text utilities: word edges, clitic-aware snapping and search, search normalisation."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

TATWEEL = "\u0640"
#: Arabic combining marks (harakat, shadda, sukun, dagger alef, Quranic marks).
HARAKAT = frozenset(
    [chr(c) for c in range(0x064B, 0x0660)]
    + ["\u0670"]
    + [chr(c) for c in range(0x06D6, 0x06EE) if c not in (0x06DD, 0x06DE, 0x06E5, 0x06E6, 0x06E9)]
)
#: Same-length folds used by search: alef variants, alef maqsura, taa marbuta.
FOLDS = {"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه"}
_FOLD = str.maketrans(FOLDS)
_FOLD_AND_DROP = str.maketrans({**FOLDS, TATWEEL: None, **dict.fromkeys(HARAKAT)})


def is_word_char(ch: str) -> bool:
    """True for characters that belong inside a word: letters, marks, digits, tatweel."""
    if ch == TATWEEL:
        return True
    cat = unicodedata.category(ch)
    return cat[0] in "LMN"


def trim_selection(text: str, start: int, end: int) -> tuple[int, int]:
    """Trim spaces and punctuation off both edges of a selection, without widening it.

    Returns ``(start, start)`` when the selection holds no word character.
    """
    start, end = max(0, min(start, end)), min(len(text), max(start, end))
    while start < end and not is_word_char(text[start]):
        start += 1
    while end > start and not is_word_char(text[end - 1]):
        end -= 1
    return start, end


def snap_to_words(text: str, start: int, end: int) -> tuple[int, int]:
    """Trim spaces and punctuation off a selection, then widen it to whole words.

    Returns ``(start, start)`` when the selection holds no word character.
    """
    start, end = trim_selection(text, start, end)
    if start == end:
        return start, start
    while start > 0 and is_word_char(text[start - 1]):
        start -= 1
    while end < len(text) and is_word_char(text[end]):
        end += 1
    return start, end


def word_at(text: str, pos: int) -> tuple[int, int]:
    """The word around ``pos`` (or just before it); an empty range when there is none."""
    if not text:
        return 0, 0
    pos = max(0, min(pos, len(text)))
    if pos < len(text) and is_word_char(text[pos]):
        return snap_to_words(text, pos, pos + 1)
    if pos > 0 and is_word_char(text[pos - 1]):
        return snap_to_words(text, pos - 1, pos)
    return pos, pos


@dataclass(frozen=True)
class NormalisedText:
    """A search copy of a text with a map from its indices back to the original."""

    text: str
    origin: tuple[int, ...]  # origin[i] = index in the source of normalised char i
    source_length: int
    ends: tuple[int, ...]  # ends[i] = source index after char i and the harakat on it

    def to_source(self, start: int, end: int) -> tuple[int, int]:
        """Map a normalised range back to a range of the source text.

        The end takes in the harakat on the last letter, which belong to it (not tatweel).
        """
        if start >= len(self.origin):
            return self.source_length, self.source_length
        src_start = self.origin[start]
        if end <= start:
            return src_start, src_start
        return src_start, self.ends[end - 1]


def fold(text: str) -> str:
    """Same-length folding: alef variants to ا, ى to ي, ة to ه."""
    return text.translate(_FOLD)


def fold_and_drop(text: str) -> str:
    """:func:`normalise` without the offset map: folded letters, no harakat or tatweel."""
    return text.translate(_FOLD_AND_DROP)


@lru_cache(maxsize=8)
def normalise(text: str) -> NormalisedText:
    """Fold letters, drop harakat and tatweel, keeping a map back to source offsets.

    Cached: the find bar searches the same article again at every key press.
    """
    folded = fold(text)
    chars: list[str] = []
    origin: list[int] = []
    ends: list[int] = []
    for i, ch in enumerate(folded):
        if ch in HARAKAT:
            if ends and ends[-1] == i:
                ends[-1] = i + 1
            continue
        if ch == TATWEEL:
            continue
        chars.append(ch)
        origin.append(i)
        ends.append(i + 1)
    return NormalisedText("".join(chars), tuple(origin), len(text), tuple(ends))


#: Clitics written joined to the front of a word, over folded text without harakat: و or ف, then
#: ب ك or ل, then the article ال (ل with ال is written لل): و ف ب ل ك ال لل وال بال فال ولل وب فب وبال ...
CLITIC_PREFIX = re.compile("[وف]?(?:[بكل]?ال|لل|[بكل])|[وف]")


def find_all(
    text: str, query: str, *, whole_words: bool = True, clitics: bool = False
) -> list[tuple[int, int]]:
    """Every match of ``query`` in ``text`` ignoring harakat, tatweel and letter variants.

    With ``whole_words`` a match starts and ends at word edges (where the query starts or ends
    with a letter); with ``clitics`` too it may also start right after clitics joined to the front
    of its word (بموسكو, والكرملين), the range then covering the word without them. Without
    ``whole_words`` a match may lie anywhere, inside a word too.
    """
    needle = normalise(query).text
    if not needle:
        return []
    hay = normalise(text)
    words = hay.text
    check_start = whole_words and is_word_char(needle[0])
    check_end = whole_words and is_word_char(needle[-1])
    hits = []
    i = words.find(needle)
    while i != -1:
        stop = i + len(needle)
        if (not check_start or _starts_word(words, i, clitics)) and (
            not check_end or stop == len(words) or not is_word_char(words[stop])
        ):
            hits.append(hay.to_source(i, stop))
        i = words.find(needle, i + 1)
    return hits


def _starts_word(words: str, i: int, clitics: bool) -> bool:
    """Does a word start at ``i`` of the folded text, or (``clitics``) right after its clitics?"""
    if i == 0 or not is_word_char(words[i - 1]):
        return True
    if not clitics:
        return False
    first = i - 1
    while first > 0 and i - first < 4 and is_word_char(words[first - 1]):
        first -= 1
    if first > 0 and is_word_char(words[first - 1]):
        return False  # more than a clitic's worth of letters before ``i``
    return CLITIC_PREFIX.fullmatch(words, first, i) is not None
