"""The gazetteer's names in a parsed sentence: the longest known name at each word, left to
right, and the demonyms a language writes in lower case ('le gouvernement tchadien',
'équato-guinéen')."""
from __future__ import annotations

from typing import TYPE_CHECKING

from kg.knowledge.language import language_of
from kg.knowledge.rules import GazetteerEntry, NameRules

if TYPE_CHECKING:
    from spacy.tokens import Token

    from kg.extraction.parsing.nlp import Sentence

__all__ = ["gazetteer_matches", "capitalised", "MAX_GAZETTEER_TOKENS"]

MAX_GAZETTEER_TOKENS = 12  # French names run long: "Communauté économique des États de l'Afrique de l'Ouest"


def capitalised(token: "Token") -> bool:
    return token.text[:1].isupper() or (token.text[:1].isdigit() and any(c.isalpha() for c in token.text))


def gazetteer_matches(sentence: "Sentence", rules: NameRules) -> list[tuple[int, int, GazetteerEntry]]:
    """Longest gazetteer matches, left to right, as (start, end, entry) token ranges."""
    doc, out = sentence.span.doc, []
    words = language_of(doc).words
    articles = words.articles
    i, end = sentence.span.start, sentence.span.end
    while i < end:
        found = None
        if doc[i].lower_ in words.lowercase_names and not capitalised(doc[i]):
            entry = rules.entry(doc[i].text)  # 'les shebab', 'les talibans'
            if entry is not None:
                out.append((i, i + 1, entry))
            i += 1
            continue
        if words.lowercase_demonyms and not capitalised(doc[i]) and doc[i].pos_ in ("ADJ", "VERB", "NOUN", "PROPN"):
            j, entry = _lowercase_demonym(doc, i, end, rules)  # 'le gouvernement tchadien', 'équato-guinéen'
            if entry is not None:
                out.append((i, j, entry))
            i = j
            continue
        longest = rules.gazetteer.tokens_from(doc[i].text) if capitalised(doc[i]) else 0
        if longest and doc[i].lower_ not in articles:
            for j in range(min(end, i + MAX_GAZETTEER_TOKENS, i + longest), i, -1):
                span = doc[i:j]
                if span[-1].is_punct:
                    continue
                entry = rules.entry(span.text) or (rules.gazetteer.person_entry(span.text) if j - i >= 2 else None)
                if entry is not None and _plausible_surface(span.text):
                    found = (i, j, entry)
                    break
        if found:
            out.append(found)
            i = found[1]
        else:
            i += 1
    return out


def _lowercase_demonym(doc, i: int, end: int, rules: NameRules) -> tuple[int, GazetteerEntry | None]:
    """The demonym written in lower case that starts at word `i`, the longest of the words joined
    there by hyphens without a space ('équato-guinéen', split in three by the tokenizer) first, and
    where it ends; (i + 1, None) when none starts there."""
    j = i + 1
    while j + 1 < end and doc[j].text == "-" and not doc[j - 1].whitespace_ and not doc[j].whitespace_:
        j += 2
    for stop in range(j, i, -2):
        entry = rules.entry(doc[i:stop].text)
        if entry is not None and entry.kind == "demonym":
            return stop, entry
    return i + 1, None


def _plausible_surface(surface: str) -> bool:
    letters = [c for c in surface if c.isalpha()]
    if len(letters) <= 3 and not all(c.isupper() for c in letters):
        return False
    return True
