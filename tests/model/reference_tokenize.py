"""The tokenizer's rules written character by character: a reference for property tests."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Sequence

from model.tokenize import _CLOSERS, _NUMBER_JOINERS, _SENTENCE_ENDS, _SEPARATORS, _ZWJ, Token


def _is_space(ch: str) -> bool:
    return ch.isspace() or ch in _SEPARATORS


def _is_symbol(ch: str) -> bool:
    return unicodedata.category(ch)[0] in "PS"


def _is_digit(ch: str) -> bool:
    return unicodedata.category(ch) == "Nd"


def _symbol_end(text: str, i: int) -> int:
    """End of the punctuation or emoji token starting at ``i``: its marks, skin tones, ZWJ parts."""
    n = len(text)
    regional = "\U0001f1e6" <= text[i] <= "\U0001f1ff"
    i += 1
    if regional and i < n and "\U0001f1e6" <= text[i] <= "\U0001f1ff":  # a flag is two indicators
        i += 1
    while i < n:
        ch = text[i]
        if unicodedata.category(ch)[0] == "M" or "\U0001f3fb" <= ch <= "\U0001f3ff":
            i += 1
        elif ch == _ZWJ and i + 1 < n and _is_symbol(text[i + 1]):
            i += 2
        elif "\U000e0020" <= ch <= "\U000e007f":  # emoji tag sequences (subdivision flags)
            i += 1
        else:
            break
    return i


def reference_tokenize(text: str) -> list[Token]:
    """Split ``text`` into word, number, punctuation and emoji tokens; ``(start, end)`` offsets."""
    tokens: list[Token] = []
    n, i = len(text), 0
    while i < n:
        ch = text[i]
        if _is_space(ch):
            i += 1
            continue
        start = i
        if _is_symbol(ch):
            i = _symbol_end(text, i)
        else:
            i += 1
            while i < n:
                ch = text[i]
                if _is_space(ch):
                    break
                if _is_symbol(ch) and not (
                    ch in _NUMBER_JOINERS and _is_digit(text[i - 1]) and i + 1 < n and _is_digit(text[i + 1])
                ):
                    break
                i += 1
        tokens.append((start, i))
    return tokens


def reference_sentences(
    text: str, tokens: Sequence[Token], keep_together: Iterable[Token] = ()
) -> list[list[int]]:
    """Group token indices into sentences.

    A sentence ends at a newline, or after . ! ? ؟ … (and any closing quotes right after them)
    when a space follows, so ``U.S.`` and ``3.5`` do not end one. ``keep_together`` lists token
    ranges ``(first, last + 1)``, such as entities, that must not be cut by a sentence break.
    """
    blocked: set[int] = set()  # i: no break between token i and i + 1
    for first, stop in keep_together:
        blocked.update(range(first, stop - 1))
    result: list[list[int]] = []
    current: list[int] = []
    ended = False
    for i, (start, end) in enumerate(tokens):
        current.append(i)
        word = text[start:end]
        ended = word in _SENTENCE_ENDS or (ended and word in _CLOSERS)
        if i + 1 == len(tokens):
            break
        gap = text[end : tokens[i + 1][0]]
        next_word = text[tokens[i + 1][0] : tokens[i + 1][1]]
        if ("\n" in gap or (ended and gap and next_word not in _SENTENCE_ENDS)) and i not in blocked:
            result.append(current)
            current, ended = [], False
    if current:
        result.append(current)
    return result
