"""Letters of other scripts that imitate Latin ones: 'Fiԁan' written with a Cyrillic ԁ.

A word that mixes Latin letters with such look-alikes, and has no other letters of another
script, is read as the Latin letters they imitate (one letter for one, so offsets hold); that
reading is what names are compared by. A word wholly in another script ('Москва', 'ВВС') is a
word of that script and is left as it is; so is accented Latin ('Çavuşoğlu', 'Nguyễn').

The look-alikes and the script of each character come from Unicode's confusables table of
UTS #39 and its Scripts data, as the `confusable_homoglyphs` package ships them (loaded on
first use, in this module only).
"""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache

__all__ = ["latin_reading", "lookalike_words", "mixed_scripts"]

_LATIN = "LATIN"
_NO_SCRIPT = frozenset({"COMMON", "INHERITED", "Unknown"})
# UTS #39 counts a word of Han with Hiragana, Katakana, Hangul or Bopomofo as one writing system
_HAN_WRITING = {"HIRAGANA": "HAN", "KATAKANA": "HAN", "HANGUL": "HAN", "BOPOMOFO": "HAN"}
_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class _Lookalikes:
    letters: Mapping[int, str]  # a look-alike's code point -> the ASCII letter it imitates (for str.translate)
    any_letter: re.Pattern[str]  # finds any look-alike


def latin_reading(text: str) -> str:
    """`text` with each word that mixes Latin letters and look-alikes of them read as Latin:
    'Ruѕsia-backed' -> 'Russia-backed'. Same length, character for character."""
    if text.isascii():
        return text
    table = _lookalikes()
    if not table.any_letter.search(text):
        return text
    return _WORD.sub(lambda word: _read_word(word[0], table), text)


def lookalike_words(text: str) -> list[str]:
    """The words of `text` that `latin_reading` reads otherwise, as written, each once, in order."""
    if text.isascii():
        return []
    table = _lookalikes()
    if not table.any_letter.search(text):
        return []
    found = (word for word in _WORD.findall(text) if _read_word(word, table) != word)
    return list(dict.fromkeys(found))


def mixed_scripts(text: str) -> tuple[str, ...]:
    """The scripts of the letters of the words of `text` that mix scripts ('Latin', 'Cyrillic'),
    in order of appearance; () when every word is of one script ('Moscow (Москва)')."""
    if text.isascii():
        return ()
    scripts: dict[str, None] = {}
    for word in _WORD.findall(text):
        if not word.isascii():
            own = dict.fromkeys(_writing(char) for char in word if char.isalpha())
            own.pop(None, None)
            if len(own) > 1:
                scripts.update(own)
    return tuple(name.replace("_", " ").title() for name in scripts)


def _read_word(word: str, table: _Lookalikes) -> str:
    if not table.any_letter.search(word):
        return word
    latin = False
    for char in word:
        if ord(char) in table.letters or not char.isalpha():
            continue
        if _script(char) != _LATIN:
            return word  # a letter of another script that imitates none: a word of that script
        latin = True
    return word.translate(table.letters) if latin else word


@lru_cache(maxsize=4096)
def _script(char: str) -> str:
    from confusable_homoglyphs import categories

    return categories.alias(char)


def _writing(char: str) -> str | None:
    script = _script(char)
    return None if script in _NO_SCRIPT else _HAN_WRITING.get(script, script)


@lru_cache(maxsize=1)
def _lookalikes() -> _Lookalikes:
    from confusable_homoglyphs import confusables

    table = confusables.confusables_data  # a character -> the characters confusable with it, either way
    letters: dict[int, str] = {}
    for char, homoglyphs in table.items():
        if len(char) == 1 and char.isalpha() and _script(char) != _LATIN and _script(char) not in _NO_SCRIPT:
            letter = _imitated_letter(char, homoglyphs, table)
            if letter is not None:
                letters[ord(char)] = letter
    any_letter = re.compile("[%s]" % "".join(re.escape(chr(point)) for point in sorted(letters)))
    return _Lookalikes(letters, any_letter)


def _imitated_letter(char: str, homoglyphs: list[dict], table: Mapping[str, list[dict]]) -> str | None:
    """The ASCII letter a letter of another script imitates: one of its Latin homoglyphs, or of
    theirs when the table's prototype has the other case (UTS #39 reads both 'I' and the
    Cyrillic 'І' as 'l'; the capital 'І' imitates 'I')."""
    direct = [glyph for glyph in (_one_char(h) for h in homoglyphs) if glyph and _ascii_letter(glyph)]
    shared = [glyph for d in direct for glyph in (_one_char(h) for h in table.get(d, ())) if glyph and _ascii_letter(glyph)]
    candidates = list(dict.fromkeys(direct + shared))
    if char.isupper() or char.islower():
        same_case = [glyph for glyph in candidates if glyph.isupper() == char.isupper()]
        candidates = same_case or candidates
    return candidates[0] if candidates else None


def _one_char(homoglyph: dict) -> str | None:
    glyph = unicodedata.normalize("NFC", homoglyph.get("c", ""))
    return glyph if len(glyph) == 1 else None


def _ascii_letter(char: str) -> bool:
    return char.isascii() and char.isalpha()
