"""Reading text files: encoding detection, BOM and line-ending normalisation."""

from __future__ import annotations

import codecs
import os
import re
import secrets
from bisect import bisect_left
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TextIO

from charset_normalizer import from_bytes

from .errors import InputError

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def normalise_newlines(text: str) -> str:
    """CRLF and lone CR become LF; a leading BOM is dropped. Done once, before any span exists."""
    if text.startswith("\ufeff"):
        text = text[1:]
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text


def _looks_utf16(data: bytes) -> str | None:
    """Spot BOM-less UTF-16 by its pattern of zero bytes (ASCII) or Arabic high bytes."""
    if len(data) < 4 or len(data) % 2:
        return None
    even, odd = data[0::2], data[1::2]
    for name, hi, lo in (("utf-16-le", odd, even), ("utf-16-be", even, odd)):
        plausible = sum(1 for b in hi if b in (0x00, 0x06, 0x20, 0xFE, 0xFB))
        if plausible >= 0.9 * len(hi) and lo.count(0) < 0.5 * len(lo):
            return name
    return None


def _looks_cp1256(data: bytes) -> str | None:
    """Windows-1256 text: no control bytes, and most non-ASCII characters decode as Arabic."""
    text = data.decode("cp1256", errors="replace")
    high = [ch for ch in text if ord(ch) > 0x7F]
    arabic = sum(1 for ch in high if "\u0600" <= ch <= "\u06ff")
    if "\ufffd" in text or any(ord(ch) < 0x20 and ch not in "\t\n\r\f" for ch in text):
        return None
    return text if high and arabic >= 0.6 * len(high) else None


def mostly_utf8(data: bytes) -> bool:
    """Is ``data`` UTF-8 but for a few bad bytes: at least 90% of its non-ASCII bytes form valid
    multi-byte UTF-8 sequences? Windows-1256 Arabic makes almost none (its letters, 0xC1-0xFE,
    are seldom followed by a byte 0x80-0xBF), so it still goes to detection."""
    text = data.decode("utf-8", errors="surrogateescape")  # each bad byte: one U+DC80-U+DCFF
    bad = len(_ESCAPED.findall(text))
    good = len(data.translate(None, _ASCII)) - bad
    return 0 < bad and 9 * bad <= good


_ESCAPED = re.compile("[\udc80-\udcff]")
_ASCII = bytes(range(128))


def decode_bytes(data: bytes, path: str | Path) -> str:
    """Decode a text file: BOM, UTF-8, UTF-16, then detection (e.g. Windows-1256).

    Raises :class:`InputError` for binary data or text no encoding explains.
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return normalise_newlines(data.decode(encoding))
            except UnicodeDecodeError as exc:
                raise InputError(str(path), f"not valid {encoding} text ({exc.reason})") from exc
    utf16 = _looks_utf16(data)
    if utf16:
        try:
            return normalise_newlines(data.decode(utf16))
        except UnicodeDecodeError:
            pass
    if b"\x00" in data:
        raise InputError(str(path), "binary file, not text")
    try:
        return normalise_newlines(data.decode("utf-8"))
    except UnicodeDecodeError as exc:
        bad_line = data[: exc.start].count(b"\n") + 1
        if mostly_utf8(data):
            column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
            raise InputError(
                str(path),
                f"invalid UTF-8 byte 0x{data[exc.start]:02x} at line {bad_line}, byte {column} "
                "(the rest of the file is UTF-8; fix or remove that byte and import again)",
                line=bad_line,
            ) from exc
        arabic = _looks_cp1256(data)  # short Arabic texts defeat statistical detection
        if arabic is not None:
            return normalise_newlines(arabic)
        guess = from_bytes(data).best()
        if guess is None or guess.encoding in ("utf_8", "ascii"):
            raise InputError(str(path), "not UTF-8 and no text encoding fits", line=bad_line) from exc
        return normalise_newlines(str(guess))


def read_bytes(path: str | Path) -> bytes:
    """A file's bytes; an OSError becomes an :class:`InputError` naming the file."""
    try:
        return Path(path).read_bytes()
    except OSError as exc:
        raise InputError(str(path), exc.strerror or str(exc)) from exc


def read_text_file(path: str | Path) -> str:
    """Read and decode a text file, normalised (see :func:`decode_bytes`)."""
    return decode_bytes(read_bytes(path), path)


@contextmanager
def atomic_writer(path: str | Path) -> Iterator[TextIO]:
    """Write UTF-8 text to a temporary file beside ``path``, then rename it over ``path``.

    Readers see the old file or the whole new one, never a half-written file. An OSError
    becomes an :class:`InputError` naming ``path``.
    """
    path = Path(path)
    tmp = path.with_name(f".{path.name}.{secrets.token_hex(4)}.tmp")
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)  # the umask applies
    except OSError as exc:
        raise InputError(str(path), f"cannot write ({exc.strerror or exc})") from exc
    try:
        with open(fd, "w", encoding="utf-8", newline="\n") as fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException as exc:
        tmp.unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise InputError(str(path), f"cannot write ({exc.strerror or exc})") from exc
        raise


def atomic_write_bytes(path: str | Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file and a rename, like :func:`atomic_writer`."""
    path = Path(path)
    tmp = path.with_name(f".{path.name}.{secrets.token_hex(4)}.tmp")
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
        try:
            with open(fd, "wb") as fh:
                fh.write(data)
                fh.flush()
                os.fsync(fh.fileno())
            os.replace(tmp, path)
        except BaseException:
            tmp.unlink(missing_ok=True)
            raise
    except OSError as exc:
        raise InputError(str(path), f"cannot write ({exc.strerror or exc})") from exc


_CRLF = re.compile("\r\n")


def normalise_with_offsets(text: str) -> tuple[str, Callable[[int], int]]:
    """Normalise line endings and a leading BOM, and map offsets of the old text to the new.

    For importers whose spans were counted over text with CRLF or a BOM: each dropped
    character shifts later offsets back by one; an offset between CR and LF lands on the LF.
    """
    dropped: list[int] = []  # old indices of removed characters, ascending
    if text.startswith("\ufeff"):
        dropped.append(0)
    if "\r" in text:
        dropped.extend(m.start() for m in _CRLF.finditer(text))
    new = normalise_newlines(text)
    if not dropped:
        return new, lambda offset: offset

    def to_new(offset: int) -> int:
        return offset - bisect_left(dropped, offset)

    return new, to_new
