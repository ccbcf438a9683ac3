"""Conditions an actor sets: 'X would sign only after Y removes its claims', 'X will restore
sanctions unless Y resumes talks', 'the group would lay down its weapons only if it were included
in talks'. What the condition asks of others is the actor's demand (CAMEO 10), told as a topic."""
from __future__ import annotations

from typing import TYPE_CHECKING

from kg.model import DEMAND, Modality
from kg.extraction.relations.arguments import unique
from kg.extraction.relations.found import MAX_TOPIC, Reading
from kg.extraction.parsing import roles

if TYPE_CHECKING:
    from spacy.tokens import Token

__all__ = ["read_conditions"]

CONDITION_CONFIDENCE = 0.7


def read_conditions(r: Reading, verb: "Token") -> None:
    """The demand a verb's condition makes of others, when its subject is an actor that will act
    ('will', 'would') only on that condition."""
    words = r.words
    if not any(c.dep_ in roles.AUXILIARIES and c.lower_ in words.condition_auxiliaries for c in verb.children):
        return
    only = any(c.lower_ == words.restricting_adverb for c in verb.subtree if c.i < verb.i + 8)
    for clause in (c for c in verb.children if c.dep_ == "adverb_clause"):
        marker = next((m for m in clause.children if m.dep_ == "subordinator"), None)
        if marker is None or not (marker.lower_ in words.condition_markers
                                  or (only and marker.lower_ in words.only_condition_markers)):
            continue
        subjects = unique(a for h in r.args.subject_heads(verb) for a in r.args.actors_of(h))
        asked = unique(a for c in clause.children if c.dep_ == "subject" for a in r.args.actors_of(c))
        passive = any(c.dep_ in roles.PASSIVE for c in clause.children)
        if not subjects or (not passive and set(asked) <= set(subjects)):
            continue  # 'Iran will face sanctions unless it complies': its own deed, nobody's demand
        tokens = [t for t in clause.subtree if t.i > marker.i]  # not 'only' nor the marker
        topic = r.sentence.span.doc[tokens[0].i:tokens[-1].i + 1].text.strip(" ,.;\"'“”")[:MAX_TOPIC]
        for s in subjects:
            r.add(s, DEMAND, None, topic, Modality.ASSERTED, verb, CONDITION_CONFIDENCE)
