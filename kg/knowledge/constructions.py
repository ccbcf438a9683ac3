"""The constructions a lexicon entry can name (`construction:` in lexicon.yaml): how the words
around a verb or noun give the actors of its relation. Each name is a small handler in `verbs`
or `nouns`; an entry without one takes its relation's default from the relation table
(`construction:` in relations.yaml), else `transitive` for a verb and `event` for a noun."""
from __future__ import annotations

__all__ = ["VERB_CONSTRUCTIONS", "NOUN_CONSTRUCTIONS", "verb_construction", "noun_construction"]

VERB_CONSTRUCTIONS = {
    "transitive": "subject(s) to object(s): 'X attacked Y', 'Y was attacked by X'; with `reciprocal`, "
                  "coordinated subjects to each other: 'X and Y clashed'",
    "demand": "subject to object, or to what the clause asks for when no actor is named: "
              "'X called for a ceasefire'",
    "meeting": "everyone named on either side meets: 'X met Y and Z', 'talks held by X, hosted by Y'",
    "label": "the subject calls its object one of the lexicon's label nouns: 'X called Y a threat', "
             "'X designated Y a terrorist organisation', 'X described Y as an aggressor'",
    "judgement": "the subject says an actor's stance or deed is one of the label words: "
                 "'X said Spain's position was terrible'",
}
NOUN_CONSTRUCTIONS = {
    "event": "the owner (a possessor or the subject of a light verb) to the partner after a preposition: "
             "'Iran's attack on X', 'clashes between X and Y'",
    "meeting": "everyone the noun names meets: 'talks between X and Y', 'X's meeting with Y'",
    "role": "what one actor is to another: 'its Russian ally', 'X, an enemy of Y'",
    "stance": "a stance held on an actor's behalf: 'pledged Iran's support for X'",
}


def verb_construction(relation_default: str | None) -> str:
    return relation_default if relation_default in VERB_CONSTRUCTIONS else "transitive"


def noun_construction(relation_default: str | None) -> str:
    return relation_default if relation_default in NOUN_CONSTRUCTIONS else "event"
