"""Who oversaw a meeting or a signing ('under the auspices of X', 'in the presence of X',
'under African Union mediation') meets every party to it."""
from __future__ import annotations

from typing import TYPE_CHECKING

from kg.extraction.relations.arguments import unique as _unique
from kg.extraction.relations.found import Reading

if TYPE_CHECKING:
    from spacy.tokens import Token

__all__ = ["meet_overseers"]


def meet_overseers(r: Reading, word: "Token", participants: list[int], modality, confidence: float,
                   phrase: bool = False) -> None:
    """Whoever oversaw a meeting or signing meets every party to it (see `overseen_by`)."""
    overseers = [a for a in overseen_by(r, word, phrase) if a not in participants]
    if overseers:
        r.meeting(overseers + participants, modality, word, confidence, (overseers, participants))


def overseen_by(r: Reading, word: "Token", phrase: bool = False) -> list[int]:
    """'signed in 2022 under the auspices of X', 'under African Union auspices': who oversaw it;
    with `phrase`, anywhere in a noun's phrase ('talks between A and B under X's mediation')."""
    heads, words = (list(word.subtree) if phrase else [word]), r.words
    nouns = [p for h in heads for c in h.children if c.dep_ == "preposition" and c.lower_ in words.overseeing
             for p in c.children if p.dep_ == "prep_object" and (p.lower_ in words.auspices or p.lemma_.lower() in words.auspices)]
    return _unique(a for n in nouns for c in n.children
                   if c.dep_ in ("possessor", "compound", "noun_modifier", "adjective") or c.dep_ == "preposition" and words.of(c.lower_)
                   for h in ([c] if c.dep_ != "preposition" else [p for p in c.children if p.dep_ == "prep_object"])
                   for a in r.args.actors_of(h))
