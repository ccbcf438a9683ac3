"""Names folded for matching: accents, case, apostrophes, look-alike letters, Arabic articles
fused to a word, and the vowels of long surnames."""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from kg.knowledge.lookalikes import latin_reading

__all__ = ["fold", "NameArticles", "vowels_folded", "MIN_VOWEL_FOLDED"]


@lru_cache(maxsize=1 << 16)
def fold(text: str) -> str:
    """Key for matching names: look-alike letters of other scripts read as the Latin ones they
    imitate (`lookalikes`), accents, apostrophes, case, hyphens and spacing folded.
    Cached: the same spans are looked up again and again."""
    text = unicodedata.normalize("NFKD", latin_reading(text))
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = re.sub(r"[\u2018\u2019\u02bc\u02bb`´']", "'", text)
    text = text.replace("\u2010", "-").replace("\u2011", "-").replace("\u2013", "-")
    text = re.sub(r"\s*-\s*", "-", text.casefold())
    text = re.sub(r"[.]", "", text)
    text = re.sub(r"\s+", " ", text).strip()
    return re.sub(r"^the ", "", text)


@dataclass(frozen=True)
class NameArticles:
    """The articles names carry in a language's texts ('al', 'el', 'ash' ...), alone or fused
    to the word after them by a hyphen."""

    words: frozenset[str]
    fused: re.Pattern[str]  # an article and its hyphen at the start of a folded word

    @classmethod
    def of(cls, words) -> "NameArticles":
        words = frozenset(words)
        return cls(words, re.compile("^(?:%s)-" % "|".join(sorted(map(re.escape, words))) if words else "(?!)"))

    def stripped(self, word: str) -> str:
        """A folded name word without an article fused to it: 'al-sham' -> 'sham'."""
        return self.fused.sub("", word)


MIN_VOWEL_FOLDED = 5  # shorter surnames differ by a vowel too often ('Said', 'Saad')
_VOWEL = re.compile("[aeiouy]")


def vowels_folded(surname: str) -> str | None:
    """A long surname with its vowels blanked: 'werede' and 'worede', 'saadi' and 'saedi' agree."""
    return _VOWEL.sub("*", surname) if len(surname) >= MIN_VOWEL_FOLDED else None
