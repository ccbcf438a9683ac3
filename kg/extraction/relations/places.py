"""The state a place a phrase names is in: 'captured Lashio', 'the shelling of Kharkiv', 'the
province of X', 'Makeen in X'."""
from __future__ import annotations

from typing import TYPE_CHECKING

from kg.model import ActorType
from kg.extraction.actors.local import find_country
from kg.extraction.parsing import roles

if TYPE_CHECKING:
    from spacy.tokens import Token

__all__ = ["place_states"]


def place_states(args, head: "Token") -> list[int]:
    """'captured Lashio', 'the shelling of Kharkiv': the state a place the phrase names is in,
    when the gazetteer knows it and the article names that state. `args`: the sentence's
    Arguments (not imported here: the argument finder imports this module)."""
    states = []
    for t in args.mention_tokens(head, list(args.actors.at(args.sentence.index, head.i))):
        for aid in args.actors.at(args.sentence.index, t.i):
            place = args.actors.actors[aid]
            state = find_country(args.actors.actors, place.country) if place.type is ActorType.PLACE else None
            if state is not None:
                states.append(state)
    for child in head.children:
        if child.dep_ in roles.COORDINATION:
            states += place_states(args, child)
        elif child.dep_ == "preposition" and not states and (
                (args.words.of(child.lower_) and head.pos_ == "NOUN") or args.words.in_(child.lower_)):
            states += [s for p in child.children if p.dep_ == "prep_object" for s in place_states(args, p)]  # 'the province of X', 'Makeen in X'
    return list(dict.fromkeys(states))
