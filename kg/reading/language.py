"""Whether an article is in English, the one language kg's extraction knows; other languages
are named with a language identifier (py3langid), whose model ships inside its package."""
from __future__ import annotations

import functools
import re

from kg.datafiles import data_path, two_columns

__all__ = ["LanguageCheck"]

_SAMPLE = 20_000  # characters looked at
_MIN_LETTERS = 40  # fewer than this: too little to tell, taken as English
_MIN_FUNCTION_WORDS = 0.2  # English prose has a quarter to a half of its words in spaCy's stop list
_MIN_CONFIDENCE = 0.9
_WORD = re.compile(r"[^\W\d_]+")
_LATIN = re.compile("[\u0000-\u024f\u1e00-\u1eff]+")  # Basic Latin to Latin Extended-B, Latin Extended Additional


class LanguageCheck:
    """Tells the language of an article that is not in English. The identifier is loaded on
    first need: most articles are English by their function words alone."""

    def other_language(self, text: str) -> str | None:
        """None for English (or too little text to tell), else the language's name."""
        sample = text[:_SAMPLE]
        words = _WORD.findall(sample)
        letters = sum(len(w) for w in words)
        if letters < _MIN_LETTERS:
            return None
        latin = letters - len(_LATIN.sub("", "".join(words)))
        if latin >= letters / 2 and _function_word_share(words) >= _MIN_FUNCTION_WORDS:
            return None
        code, confidence = _identifier().classify(sample)
        if latin < letters / 2:
            return _language_name(code if code != "en" else "")
        if code == "en" or confidence < _MIN_CONFIDENCE:
            return None
        return _language_name(code)


def _function_word_share(words: list[str]) -> float:
    from spacy.lang.en.stop_words import STOP_WORDS

    return sum(1 for w in words if w.lower() in STOP_WORDS) / len(words)


@functools.lru_cache(maxsize=1)
def _identifier():
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


@functools.lru_cache(maxsize=1)
def _names() -> dict[str, str]:
    return two_columns(data_path("languages.tsv"), "a code and a name")  # ISO 639 code -> name


def _language_name(code: str) -> str:
    if not code:
        return "a script other than the Latin alphabet"
    return f"{_names().get(code, code)} ({code})"
