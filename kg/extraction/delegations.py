"""Who is in a delegation: 'a delegation of the X Party ..., among them A and B', 'an X
delegation, including A' (A and B are members of X)."""
from __future__ import annotations

from typing import TYPE_CHECKING

from ..model import MEMBER, ActorType
from .found import Reading
from .language import language
from .modality import modality_of

if TYPE_CHECKING:
    from spacy.tokens import Token

__all__ = ["read_delegation"]

WORDS = language().words
DEPS = language().syntax
MEMBER_CONFIDENCE = 0.75
LIST_WORDS = {",", WORDS.conjunction}


def read_delegation(r: Reading, noun: "Token") -> None:
    senders = [a for a in _senders(r, noun) if r.actors.actors[a].type not in (ActorType.PERSON, ActorType.PLACE)]
    if not senders:
        return
    members = _listed_after(r, noun)
    modality = modality_of(noun, stance=True)
    for person in members:
        for body in senders:
            r.add(person, MEMBER, body, None, modality, noun, MEMBER_CONFIDENCE)


def _senders(r: Reading, noun: "Token") -> list[int]:
    """'a DEM Party delegation', "Hamas's delegation", 'a delegation of the X Party'."""
    ids = [a for c in noun.children if c.dep_ in DEPS.owner_modifiers for a in r.actors.at(r.sentence.index, c.i)]
    ids += [a for c in noun.children if c.dep_ == "prep" and c.lower_ == WORDS.belonging
            for p in c.children if p.dep_ == "pobj" for a in r.actors.at(r.sentence.index, p.i)]
    return list(dict.fromkeys(ids))


def _listed_after(r: Reading, noun: "Token") -> list[int]:
    """The people listed after the first 'including' or 'among them' that follows the noun in its
    clause (before the sentence's main verb): the parser hangs such lists anywhere."""
    doc, span = noun.doc, r.sentence.span
    root = span.root
    start = next((t.i for t in doc[noun.i + 1:span.end] if t.lower_ in WORDS.including), None)
    if start is None or noun.i < root.i < start:
        return []
    k = start + 1
    if k < span.end and doc[k].pos_ == "PRON":
        k += 1  # 'among them'
    people: list[int] = []
    while k < span.end:
        here = [a for a in r.actors.at(r.sentence.index, k) if r.actors.actors[a].type is ActorType.PERSON]
        if here:
            people += [a for a in here if a not in people]
        elif doc[k].lower_ not in LIST_WORDS and doc[k].pos_ != "PROPN":
            break
        k += 1
    return people
