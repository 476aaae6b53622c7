"""Code points ⇄ UTF-16 units: Qt's cursor positions and doccano's offsets count UTF-16 units.

The GUI converts in one place (its SpanPainter's map); formats that count UTF-16 use the same class.
"""

from __future__ import annotations

import re
from bisect import bisect_left

_ASTRAL = re.compile("[\U00010000-\U0010ffff]")


class OffsetMap:
    """Code-point ⇄ UTF-16 conversion for one text, exact around surrogate pairs.

    Built once per document: a sorted table of the characters above U+FFFF. A text
    without any (the usual case) converts with no lookup at all.
    """

    def __init__(self, text: str) -> None:
        self._astral = [m.start() for m in _ASTRAL.finditer(text)]
        # UTF-16 position where each astral character's surrogate pair starts.
        self._astral16 = [cp + k for k, cp in enumerate(self._astral)]
        self.length = len(text)
        self.length16 = self.length + len(self._astral)

    def to_utf16(self, cp: int) -> int:
        """UTF-16 position of the code point index ``cp``."""
        if not self._astral:
            return cp
        return cp + bisect_left(self._astral, cp)

    def to_codepoint(self, u16: int) -> int:
        """Code-point index of a UTF-16 position; a position inside a pair maps to the pair's start."""
        if not self._astral:
            return u16
        k = bisect_left(self._astral16, u16)
        if k and self._astral16[k - 1] == u16 - 1:  # between the two halves of a pair
            return self._astral[k - 1]
        return u16 - k
