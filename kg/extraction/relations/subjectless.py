"""A list of actors the parser hung on the noun before it, when it is the subject of the verb
right after it, which the parser left without one: 'After reports that X used force against
protesters, Argentina, Brazil and Chile issued a statement'."""
from __future__ import annotations

from typing import TYPE_CHECKING

from kg.extraction.actors.local import ArticleActors
from kg.extraction.parsing import roles

if TYPE_CHECKING:
    from spacy.tokens import Token

    from kg.extraction.parsing.nlp import Sentence

__all__ = ["list_before", "ends_before_subjectless_verb"]

FINITE_TAGS = ("past_verb", "present_verb", "present_third_person_verb")


def list_before(verb: "Token", actors: ArticleActors, sentence: "Sentence") -> list["Token"]:
    """'After reports that X used force against protesters, Argentina, Brazil and Chile issued a
    statement': a finite verb the parser gave no subject, right after a list of actors it hung on
    a noun before them, has that list for its subject."""
    if verb.tag_ not in FINITE_TAGS or verb.pos_ != "VERB" or verb.dep_ in roles.AUXILIARIES or verb.i == 0 \
            or any(c.dep_ in roles.SUBJECTS for c in verb.children):
        return []
    last = verb.doc[verb.i - 1]
    if last.dep_ != "conjunct" or not actors.at(sentence.index, last.i):
        return []
    listed = []
    tok = last
    while tok.dep_ == "conjunct" and actors.at(sentence.index, tok.i):
        listed.append(tok)
        tok = tok.head
    return listed[::-1] if len(listed) >= 2 else []


def ends_before_subjectless_verb(conjunct: "Token", actors: ArticleActors, sentence: "Sentence") -> bool:
    """Whether a list starting at this conjunct is the subject of the verb right after it ('...,
    Argentina, Brazil and Chile issued'): then the list is no part of the noun the parser hung it on."""
    last = conjunct
    while (nxt := next((c for c in last.children if c.dep_ == "conjunct"), None)) is not None:
        last = nxt
    after = last.i + 1
    return after < sentence.span.end and bool(list_before(last.doc[after], actors, sentence))
