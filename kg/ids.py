"""Identifiers made from content, so the same input gives the same IRI in every run."""
from __future__ import annotations

import hashlib
import re
import unicodedata

__all__ = ["slug", "short_hash"]

# Letters NFKD does not decompose into an ASCII base letter plus accents.
_FOLD = str.maketrans({
    "ı": "i", "ø": "o", "Ø": "O", "ł": "l", "Ł": "L", "đ": "d", "Đ": "D", "ð": "d", "Ð": "D",
    "þ": "th", "Þ": "Th", "ß": "ss", "æ": "ae", "Æ": "Ae", "œ": "oe", "Œ": "Oe", "ħ": "h", "Ħ": "H",
})


def slug(text: str) -> str:
    """`"Hulusi Akar"` → `"hulusi-akar"`: accents folded to ASCII, lowercase,
    every run of other characters a single `-`, none at either end."""
    text = unicodedata.normalize("NFKD", text.translate(_FOLD))
    text = text.encode("ascii", "ignore").decode("ascii").lower()
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")


def short_hash(*parts: object) -> str:
    """First 16 hex digits of the SHA-1 of the parts, joined unambiguously; any text hashes,
    even one holding a lone surrogate (a byte of a file name that is no UTF-8)."""
    text = "\x1f".join("" if p is None else str(p) for p in parts)
    return hashlib.sha1(text.encode("utf-8", "surrogatepass")).hexdigest()[:16]
