"""The people a list 'among them' names after a plural noun: 'met Palestinian officials, among
them A and B'."""
from __future__ import annotations

from typing import TYPE_CHECKING

from kg.model import ActorType
from kg.knowledge.language import Words

if TYPE_CHECKING:
    from spacy.tokens import Token

    from kg.extraction.relations.arguments import Arguments

__all__ = ["listed_after_them"]


def listed_after_them(args: "Arguments", verb: "Token", objects: list["Token"]) -> list[int]:
    """'met Palestinian officials, among them A and B', where the parser hangs 'among them' and the
    list anywhere: the actors named after 'them', up to the next comma that starts no more of the
    list (its people, when it names any), when a plural common noun or a delegation is the verb's
    object (or, for `listed_after_them(args, verb, subjects)`, its subject)."""
    doc, known, end, words = verb.doc, args.actors.actors, args.sentence.span.end, args.words
    plural = [o for o in objects if (o.tag_ == "plural_noun" and o.pos_ == "NOUN") or o.lower_ in words.led_parties]
    start = next((t.i + 2 for t in doc[plural[0].i + 1:end - 1]
                  if t.lower_ in words.including and doc[t.i + 1].lower_ == words.them), None) if plural else None
    out: list[int] = []
    k = start if start is not None else end
    while k < end and not (doc[k].is_punct and doc[k].text != "-" and k + 1 < end and not _name_like(doc[k + 1], words)):
        out += [a for a in args.actors.at(args.sentence.index, k) if a not in out and known[a].type is not ActorType.PLACE]
        k += 1
    people = [a for a in out if known[a].type is ActorType.PERSON]
    return people or out  # 'Islamic Jihad leader X': the people, not the bodies their titles name


def _name_like(tok: "Token", words: Words) -> bool:
    return tok.text[:1].isupper() or tok.lower_ == words.conjunction or tok.pos_ == "ADJ"
