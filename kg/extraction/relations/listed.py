"""The actors a list names after a plural noun: 'met Palestinian officials, among them A and B',
'the three members of the bloc, A, B and C'."""
from __future__ import annotations

from typing import TYPE_CHECKING

from kg.model import ActorType
from kg.knowledge.language import Words

if TYPE_CHECKING:
    from spacy.tokens import Token

    from kg.extraction.relations.arguments import Arguments

__all__ = ["listed_after_them", "listed_beside"]


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


def listed_beside(args: "Arguments", noun: "Token") -> list[int]:
    """'the three members of the bloc, A, B and C': the actors of a list set after a comma beside
    a plural noun and its phrase, when nothing but the list's names, articles, commas and
    conjunction stand there; at least two, or none."""
    doc, words, end = noun.doc, args.words, args.sentence.span.end
    if noun.tag_ != "plural_noun":
        return []
    k = max([noun.i] + [t.i for c in noun.children if c.dep_ == "preposition" and c.i > noun.i
                        for t in c.subtree]) + 1
    if k + 1 >= end or doc[k].text != ",":
        return []
    k, out = k + 1, []
    while k < end and not (doc[k].is_punct and doc[k].text != "," ) and (
            doc[k].text == "," or doc[k].lower_ in words.articles or doc[k].lower_ == words.conjunction
            or args.actors.at(args.sentence.index, k)):
        if doc[k].text == "," and not (k + 1 < end and _name_like(doc[k + 1], words) or doc[k + 1].lower_ in words.articles):
            break
        out += [a for a in args.actors.at(args.sentence.index, k) if a not in out]
        k += 1
    return out if len(out) >= 2 else []
