"""Names written with their inner words in lower case, as French writes them ('le Comité pour
la transition et la restauration des institutions (CTRI)', 'le Front populaire pour la
renaissance de la Centrafrique (FPRC)'): the acronym in brackets after such a name shows where it
ends, and its first letter where it starts."""
from __future__ import annotations

from typing import TYPE_CHECKING

from kg.extraction.actors.namemention import NameMention
from kg.knowledge.language import language_of
from kg.model import ActorType

if TYPE_CHECKING:
    from kg.extraction.parsing.nlp import Sentence
    from kg.knowledge.rules import NameRules

__all__ = ["spelled_out_names"]

MAX_NAME_WORDS = 14
MAX_ACRONYM_CHARS = 8
APOSTROPHES = ("'", "’", "-")


def spelled_out_names(sentence: "Sentence", rules: "NameRules", known_ends: set[int]) -> list[NameMention]:
    """The names before an acronym in brackets, where the language writes names so; not one the
    gazetteer matched already as an organisation (whose match ends at one of `known_ends`): a
    state's name may end one ('de la Centrafrique (FPRC)')."""
    doc, span = sentence.span.doc, sentence.span
    if not language_of(doc).words.lowercase_name_words:
        return []
    found = []
    for i in range(span.start + 2, span.end - 2):
        acronym = doc[i + 1].text
        if doc[i].text != "(" or doc[i + 2].text != ")" or i in known_ends or not _acronym(acronym):
            continue
        entry = rules.entry(acronym)
        start = _start(doc, i, span.start, acronym)
        if start is None and entry is not None and entry.type not in (ActorType.COUNTRY, ActorType.PLACE):
            start = _head_start(doc, i, span.start, rules)  # 'la Mission de l'Union africaine en Somalie (Amisom)'
        if start is None:
            continue
        if entry is not None and entry.type not in (ActorType.COUNTRY, ActorType.PLACE):
            found.append(NameMention(sentence, start, i, entry.type, "name", entry.name, "gazetteer", entry.country))
        elif entry is None:
            kind = rules.name_heads.get(doc[start].lower_) or ActorType.ORGANIZATION
            found.append(NameMention(sentence, start, i, kind, "name", None, "head"))
    return found


def _head_start(doc, end: int, first: int, rules: "NameRules") -> int | None:
    """Where the name of a known acronym written in another language's words starts: the first
    capitalised head of a body's name ('Mission', 'Forces') after the last verb, punctuation or
    conjunction before the bracket, at least two words before it."""
    conjunction = language_of(doc).words.conjunction
    start = None
    for k in range(end - 1, max(first, end - MAX_NAME_WORDS) - 1, -1):
        tok = doc[k]
        if (tok.pos_ in ("VERB", "AUX", "PRON", "NUM", "PUNCT") and tok.text not in APOSTROPHES) or tok.lower_ == conjunction:
            break
        if k < end - 1 and tok.text[:1].isupper() and tok.lower_ in rules.name_heads:
            start = k
    return start


def _acronym(text: str) -> bool:
    return 2 <= len(text) <= MAX_ACRONYM_CHARS and text[:1].isupper() and text.isalnum() and not text.isdigit()


def _start(doc, end: int, first: int, acronym: str) -> int | None:
    """The nearest capitalised word before `end`, of the acronym's first letter and at least two
    words before it, that no verb, pronoun, number or punctuation separates from it."""
    for k in range(end - 1, max(first, end - MAX_NAME_WORDS) - 1, -1):
        tok = doc[k]
        if tok.pos_ in ("VERB", "AUX", "PRON", "NUM", "PUNCT") and tok.text not in APOSTROPHES:
            return None
        if k < end - 1 and tok.text[:1] == acronym[:1].upper() and tok.is_alpha:
            return k
    return None
