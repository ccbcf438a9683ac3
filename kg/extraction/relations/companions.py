"""Who acts with the subject of a verb: 'A, together with C, held talks', 'A fought alongside C',
'A, accompanied by C, met B'."""
from __future__ import annotations

from typing import TYPE_CHECKING

from kg.knowledge.language import language_of
from kg.extraction.parsing import roles

if TYPE_CHECKING:
    from spacy.tokens import Token

__all__ = ["companions"]

DASHES = {"—", "–", "--", "-"}


def companions(verb: "Token") -> list["Token"]:
    """'A belongs to B along with C', 'A, together with C, held talks', 'A fought alongside C
    against B', 'A, accompanied by C, met B': C acts with the subject."""
    words = language_of(verb).words
    along = [p for c in verb.children if c.lower_ in words.companions and not _set_off_after_object(verb, c)
             for w in c.children if w.dep_ == "preposition" and w.lower_ == words.accompanying
             for p in w.children if p.dep_ in roles.PREPOSITIONAL_OBJECTS]
    escorted = [p for s in (verb, *(c for c in verb.children if c.dep_ in roles.NOMINAL_SUBJECTS))
                for c in s.children if c.dep_ in ("noun_clause", "adverb_clause") and c.tag_ == "participle"
                and c.lemma_.lower() in words.escorting_verbs  # 'A, accompanied by C, held talks'
                for g in c.children if g.dep_ == "agent" for p in g.children if p.dep_ in roles.PREPOSITIONAL_OBJECTS]
    return along + escorted + [p for c in verb.children if c.dep_ == "preposition" and c.lower_ in words.companion_prepositions
                               for p in c.children if p.dep_ in roles.PREPOSITIONAL_OBJECTS]


def _set_off_after_object(verb: "Token", word: "Token") -> bool:
    """'accused X — along with his wife Y — of ...': a companion set off by a dash right after the
    verb's object goes with the object, not with the subject."""
    doc = word.doc
    return word.i >= 2 and doc[word.i - 1].text in DASHES and any(
        c.dep_ in roles.DIRECT_OBJECTS and c.i < word.i and max(t.i for t in c.subtree) == word.i - 2 for c in verb.children)
