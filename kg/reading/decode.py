"""Bytes of an input file as text: byte-order marks, UTF-8, and other encodings found by a
detector (charset-normalizer); control characters removed; binary files refused."""
from __future__ import annotations

import codecs
import functools
import re
import unicodedata

__all__ = ["BinaryFile", "decode_text", "remove_controls"]

_BOMS = (  # UTF-32 first: its little-endian mark begins with UTF-16's
    (codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_MAGIC = (b"%PDF-", b"\x89PNG", b"GIF8", b"\xff\xd8\xff", b"PK\x03\x04", b"\x1f\x8b", b"\x7fELF", b"BZh",
          b"\xfd7zXZ", b"7z\xbc\xaf", b"Rar!", b"\x00asm", b"MZ", b"\xca\xfe\xba\xbe", b"SQLite format 3")
_MAX_CONTROL_SHARE = 0.05
_CONTROL_BYTES = bytes(b for b in range(32) if b not in b"\t\n\r\f")
_TEXT_BYTES = bytes(b for b in range(256) if b not in _CONTROL_BYTES)
_SAMPLE = 200_000  # bytes the detector looks at
_CHAOS_MARGIN = 0.1  # decodings the detector rates this close to its best are compared by their words
# Cc and Cf characters are dropped, but not the ones text needs: line breaks, tabs, and the
# joiners of Arabic and Indic scripts; so are lone surrogates (Cs: JSON's "\ud800"), which
# are no characters and cannot be written as UTF-8
_KEPT_CONTROLS = "\n\r\t\u200c\u200d"


class BinaryFile(ValueError):
    """The bytes are not text in any encoding kg reads."""


def decode_text(data: bytes) -> str:
    """The text of `data`: by its byte-order mark, as UTF-8, or in the encoding the detector
    finds; control and format characters removed (line breaks and tabs kept).
    Raises BinaryFile for what is not text."""
    if data.startswith(_MAGIC):
        raise BinaryFile("binary file, not text")
    text = _by_bom(data)
    if text is None:
        if _control_share(data) > _MAX_CONTROL_SHARE:
            raise BinaryFile("binary file, not text")
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            text = _detected(data.translate(None, _CONTROL_BYTES))
    return remove_controls(text)


def remove_controls(text: str) -> str:
    """`text` without NUL and other control or invisible format characters (direction
    overrides, zero-width spaces) and lone surrogates; carriage returns, line breaks and tabs
    stay."""
    return _controls().sub("", text)


@functools.lru_cache(maxsize=1)
def _controls() -> re.Pattern[str]:
    """Every Cc, Cf and Cs character but the kept ones: built on first use (it looks at every
    code point), not when kg starts; as ranges, which the regex engine tests far faster than
    as hundreds of single characters."""
    points = [c for c in range(0x110000)
              if unicodedata.category(chr(c)) in ("Cc", "Cf", "Cs") and chr(c) not in _KEPT_CONTROLS]
    ranges: list[list[int]] = []
    for point in points:
        if ranges and ranges[-1][1] == point - 1:
            ranges[-1][1] = point
        else:
            ranges.append([point, point])
    return re.compile("[" + "".join(re.escape(chr(a)) + ("-" + re.escape(chr(b)) if b > a else "")
                                    for a, b in ranges) + "]")


def _by_bom(data: bytes) -> str | None:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom):].decode(encoding)
            except UnicodeDecodeError:
                raise BinaryFile(f"not valid {encoding.upper()} although it starts with that mark") from None
    return None


def _control_share(data: bytes) -> float:
    """The share of control bytes other than white space: text has next to none."""
    sample = data[:_SAMPLE]
    return len(sample.translate(None, _TEXT_BYTES)) / len(sample) if sample else 0.0


def _detected(data: bytes) -> str:
    """The decoding the detector rates best; among decodings it rates about as well, the one
    whose accented words one language can write ('Çavuşoğlu' and 'Mevlüt' in Turkish, rather
    than 'Çavuţođlu', which no language writes); Windows-1252, the usual encoding of English
    pages, among equals and when the detector finds nothing."""
    import charset_normalizer

    matches = list(charset_normalizer.from_bytes(data[:_SAMPLE]))
    encoding = "cp1252"
    if matches:
        close = [m for m in matches if m.chaos <= matches[0].chaos + _CHAOS_MARGIN]
        encoding = min(close, key=lambda m: (-_words_in_one_alphabet(str(m)), m.chaos, m.encoding != "cp1252")).encoding
    return data.decode(encoding, errors="replace")


def _words_in_one_alphabet(text: str) -> int:
    """How many distinct words with letters beyond ASCII one language could write, for the
    language that could write most of them."""
    words = {w for w in re.findall(r"[^\W\d_]+", text.lower()) if not w.isascii()}
    return max((sum(1 for w in words if set(w) <= alphabet) for alphabet in _alphabets()), default=0)


@functools.lru_cache(maxsize=1)
def _alphabets() -> tuple[frozenset[str], ...]:
    """The letters each language writes (ontology/alphabets.tsv), a-z included."""
    from kg.datafiles import data_path, two_columns

    ascii_letters = frozenset("abcdefghijklmnopqrstuvwxyz")
    letters = two_columns(data_path("alphabets.tsv"), "a language and its letters")
    return tuple(ascii_letters | frozenset(written) for written in letters.values())
