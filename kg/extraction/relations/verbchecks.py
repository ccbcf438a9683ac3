"""Whether a verb entry of the lexicon applies to the clause at hand: the infinitive, object and
prepositions some entries require or forbid ('wants X to leave', 'welcomed X to Rome', 'fighting
a cold war', 'led the delegation')."""
from __future__ import annotations

from typing import TYPE_CHECKING

from kg.extraction.parsing import roles
from kg.extraction.parsing.clauses import infinitive
from kg.extraction.relations.found import Reading
from kg.knowledge.lexicon import VerbRule

if TYPE_CHECKING:
    from spacy.tokens import Token

__all__ = ["infinitive_with_subject", "hosting", "figurative_fight", "excluded_object"]


def infinitive_with_subject(verb: "Token") -> bool:
    """'wants Valmora to withdraw': an infinitive with a subject of its own ('wants to leave' is no call)."""
    return any(c.dep_ == "complement_clause" and infinitive(c) and any(
        s.dep_ in roles.NOMINAL_SUBJECTS for s in c.children) for c in verb.children)


def hosting(r: Reading, verb: "Token", preps: tuple[str, ...]) -> bool:
    """One of `preps` that makes it another act: 'welcomed X to Rome' (with an actor as the object:
    not 'welcomed X's contribution of troops to the mission'), 'clashed over the deportations'."""
    objects = [c for c in verb.children if c.dep_ in roles.DIRECT_OBJECTS]
    return any(c.dep_ == "preposition" and c.lower_ in preps for c in verb.children) and (
        not objects or any(r.actors.at(r.sentence.index, c.i) for c in objects))


def figurative_fight(r: Reading, verb: "Token", rule: VerbRule) -> bool:
    """'fighting a cold war', 'waging a trade war': a fight the noun's modifier says is no fighting."""
    return rule.relation.spec.mutual and any(c.dep_ in roles.DIRECT_OBJECTS and any(
        m.lower_ in r.words.figurative_conflicts for m in c.children) for c in verb.children)


def excluded_object(verb: "Token", excluded: tuple[str, ...]) -> bool:
    """Whether what the verb acts on is one of `excluded`: its object ('led the delegation'), its
    passive subject ('the team was headed by X') or the noun it describes ('a delegation headed by X')."""
    acted_on = [c for c in verb.children if c.dep_ in roles.DIRECT_OBJECTS or c.dep_ == "passive_subject"]
    if verb.dep_ in roles.RELATIVE_CLAUSES:
        acted_on.append(verb.head)
    return any(t.lemma_.lower() in excluded or t.lower_ in excluded for t in acted_on)
