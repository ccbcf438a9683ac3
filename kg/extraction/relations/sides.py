"""The sides of fighting or talks a noun names: those after 'between' ('clashes between A and
B'), or those a verb of pitting gives it ('the clashes pitted A against B', 'les combats qui
opposent A à B')."""
from __future__ import annotations

from typing import TYPE_CHECKING

from kg.model import ActorType
from kg.extraction.parsing import roles
from kg.extraction.relations.arguments import unique

if TYPE_CHECKING:
    from spacy.tokens import Token

    from kg.extraction.relations.found import Reading

__all__ = ["pitted_sides", "sides_of"]


def pitted_sides(r: "Reading", noun: "Token") -> list[int]:
    """'clashes pitted A against B', 'les combats qui opposent A à B', 'des affrontements opposant
    A et B': the sides a verb of pitting gives the noun, its subject."""
    words = r.words
    clauses = [noun.head] if noun.dep_ in roles.NOMINAL_SUBJECTS else []
    clauses += [c for c in noun.children if c.dep_ in roles.MODIFYING_CLAUSES or c.dep_ == "relative_clause"]
    sides: list[int] = []
    for clause in clauses:
        if clause.lemma_.lower() not in words.pitting.verbs:
            continue
        objects = [c for c in clause.children if c.dep_ in roles.DIRECT_OBJECTS]
        sides += [a for c in objects for a in sides_of(r, c)]
        sides += [a for h in (clause, *objects) for c in h.children  # 'against B' on the verb, or on A as parsed
                  if c.dep_ == "preposition" and c.lower_ in words.pitting.particles
                  for p in c.children if p.dep_ == "prep_object" for a in r.args.actors_of(p)]
    return sides


def sides_of(r: "Reading", phrase: "Token") -> list[int]:
    """The sides after 'between': its actors, or, when the parser read the list as one noun
    ('between the Kessel Front and Chilean forces' as forces modified by the rest), every actor
    the phrase names."""
    sides = r.args.actors_of(phrase)
    if len(set(sides)) >= 2:
        return sides
    named = [a for t in phrase.subtree if t.i <= phrase.i for a in r.actors.at(r.sentence.index, t.i)
             if r.actors.actors[a].type is not ActorType.PLACE]  # the words up to its head, no clause after it
    listed = [phrase, *(c for c in phrase.children if c.dep_ == "conjunct")]  # 'the army and rebels from X'
    named += [a for t in listed for c in t.children if c.dep_ == "preposition" and c.lower_ in r.words.origins
              for p in c.children if p.dep_ == "prep_object" for a in r.args.actors_of(p)]
    return unique(sides + named)
