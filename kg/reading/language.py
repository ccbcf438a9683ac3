"""The language an article is written in: English told by its function words alone, the others
by a language identifier (py3langid), whose model ships inside its package."""
from __future__ import annotations

import functools
import re

__all__ = ["LanguageCheck"]

_SAMPLE = 20_000  # characters looked at
_MIN_LETTERS = 40  # fewer than this: too little to tell, taken as English
_MIN_FUNCTION_WORDS = 0.2  # English prose has a quarter to a half of its words in spaCy's stop list
_MIN_CONFIDENCE = 0.9
_WORD = re.compile(r"[^\W\d_]+")
_LATIN = re.compile("[\u0000-\u024f\u1e00-\u1eff]+")  # Basic Latin to Latin Extended-B, Latin Extended Additional


class LanguageCheck:
    """Tells the language of an article. The identifier is loaded on first need: most articles
    are English by their function words alone."""

    def language_of(self, text: str) -> str:
        """The ISO 639-1 code of the language of `text`: 'en' for English, and for too little text
        or too uncertain a guess in the Latin alphabet; '' for another script the identifier
        cannot name."""
        sample = text[:_SAMPLE]
        words = _WORD.findall(sample)
        letters = sum(len(w) for w in words)
        if letters < _MIN_LETTERS:
            return "en"
        latin = letters - len(_LATIN.sub("", "".join(words)))
        if latin >= letters / 2 and _function_word_share(words) >= _MIN_FUNCTION_WORDS:
            return "en"
        code, confidence = _identifier().classify(sample)
        if latin < letters / 2:
            return code if code != "en" else ""
        return "en" if confidence < _MIN_CONFIDENCE else code


def _function_word_share(words: list[str]) -> float:
    from spacy.lang.en.stop_words import STOP_WORDS

    return sum(1 for w in words if w.lower() in STOP_WORDS) / len(words)


@functools.lru_cache(maxsize=1)
def _identifier():
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
