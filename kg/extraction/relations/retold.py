"""Who did what a noun names again. 'condemned the strikes': the doer of the strikes told of
before; 'rejected the charge': who made the last accusation; 'called the move disproportionate':
who did the last deed; 'X issued a decree, in a move backed by Y': the clause's own doers."""
from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from kg.extraction.relations.arguments import Arguments
from kg.extraction.relations.found import Found, Reading
from kg.extraction.parsing import roles

if TYPE_CHECKING:
    from spacy.tokens import Token

    from kg.extraction.parsing.nlp import Sentence

__all__ = ["doers_of_earlier"]

EVENT_REACH = 3  # sentences back an event named again ('condemned the raids') is looked for ...
SAME_WORD_REACH = 12  # ... and one named by the same word ('air strikes ... condemned the strikes')
DEED_REACH = 2  # sentences back 'the decision' or 'the move' is looked for


def doers_of_earlier(r: Reading, noun: "Token", speakers: list[int] = ()) -> list[int]:
    """The doers of the event, accusation or deed a noun names again, the one told of last (of
    the same word, when one is near: 'Pakistani air strikes ... condemned the strikes'); not
    the speakers' own nor their states' ('Brussels expelled X's envoys. Belgium's minister called
    the decision ...')."""
    lemma = noun.lemma_.lower() if noun.pos_ in ("NOUN", "PROPN") else noun.lower_  # 'the killing' as a verb
    kind = _kind(r, lemma)
    if kind == "deed" and noun.dep_ == "prep_object" and r.words.in_(noun.head.lower_) and noun.head.head.pos_ == "VERB":
        return _doers_of(r, noun.head.head)
    if kind is None or not any(c.dep_ == "determiner" and c.lower_ in r.words.pointing_determiners for c in noun.children):
        return []
    reach = DEED_REACH if kind == "deed" else SAME_WORD_REACH
    own = set(speakers) | {p.org for p in r.actors.posts if p.holder in speakers}
    events = [f for f in r.before + [f for f in r.found if f.trigger < noun.i]
              if r.sentence.index - f.sentence.index <= reach and f.relation.spec.event and f.subject not in own
              and _fits(r, f, kind, lemma)]
    same_word = [f for f in events if _word(f) == lemma]
    near = [f for f in events if r.sentence.index - f.sentence.index <= EVENT_REACH]
    last = (same_word or near)[-1:]
    doers = [f.subject for f in events if last and (f.sentence.index, f.trigger) == (last[0].sentence.index,
                                                                                      last[0].trigger)]
    if kind in ("event", "wrong"):
        return doers
    where, told = _told_before(r, lemma, kind, own)
    if told and (not doers or where > last[0].sentence.index):  # the nearer of the two
        return told
    return doers


def _told_before(r: Reading, lemma: str, kind: str, own: set[int]) -> tuple[int, list[int]]:
    """Who did what a document or deed noun names again, from the sentences just before in its
    paragraph: the author of the same noun there ('A decree ... was issued by X. The decree was
    rejected'), else, for a deed, the doers of the last such sentence's main clause ('Days later X
    ordered ... . Y called the moves a threat')."""
    earlier = [(s, Arguments(s, r.actors, r.rules.arguments)) for s in _sentences_before(r, DEED_REACH)]
    for sentence, args in earlier:
        for word in reversed([t for t in sentence.span if t.lemma_.lower() == lemma and t.pos_ == "NOUN"]):
            authors = [a for a in _authors(args, word) if a not in own]
            if authors:
                return sentence.index, authors
    for sentence, args in earlier if kind == "deed" else []:
        root = sentence.span.root
        if root.lemma_.lower() not in r.words.speech_verbs:
            doers = [a for h in args.subject_heads(root) for a in args.actors_of(h) if a not in own]
            if doers:
                return sentence.index, doers
    return -1, []


def _sentences_before(r: Reading, reach: int) -> list["Sentence"]:
    """The sentences before this one in its paragraph, nearest first, at most `reach`."""
    sents = list(r.sentence.span.doc.sents)
    here = next(i for i, s in enumerate(sents) if s.start == r.sentence.span.start)
    return [replace(r.sentence, index=r.sentence.index - (here - j), span=sents[j])
            for j in range(here - 1, max(-1, here - 1 - reach), -1)]


def _authors(args: Arguments, noun: "Token") -> list[int]:
    """Who made what a noun names: the doers of the verb it is the object or passive subject of,
    its possessor, or the agent of its participle ('a decree issued by X')."""
    head = noun.head
    if noun.dep_ == "passive_subject" or (noun.dep_ in roles.DIRECT_OBJECTS and head.pos_ == "VERB"):
        agents = [p for c in head.children if c.dep_ == "agent" for p in c.children if p.dep_ == "prep_object"]
        heads = agents if noun.dep_ == "passive_subject" else args.subject_heads(head)
    else:
        heads = [c for c in noun.children if c.dep_ == "possessor"]
        heads += [p for c in noun.children if c.dep_ == "noun_clause" for g in c.children if g.dep_ == "agent"
                  for p in g.children if p.dep_ == "prep_object"]
    return [a for h in heads for a in args.actors_of(h)]


def _kind(r: Reading, lemma: str) -> str | None:
    """What a noun may name again: an accusation ('the charge'), a deed ('the move'), a violent
    deed ('the crime'), an event of the lexicon ('the strikes'), or nothing."""
    if lemma in r.language.modality.claim_nouns:
        return "accusation"
    if lemma in r.words.deed_nouns:
        return "deed"
    if lemma in r.words.wrong_nouns and lemma not in r.rules.nouns:
        return "wrong"
    if lemma in r.words.document_nouns:
        return "document"
    rule = r.rules.nouns.get(lemma)
    return "event" if rule is not None and rule.relation.spec.event else None


def _fits(r: Reading, found: Found, kind: str, lemma: str) -> bool:
    if kind == "accusation":
        return _word(found) in r.words.accusing_verbs
    if kind == "deed":
        return not found.relation.spec.topic  # a demand is no deed
    if kind == "wrong":
        return found.relation.spec.mutual  # a violent deed: an attack
    if kind == "document":
        return False  # a document's author is who made it, not who did something
    return found.relation is r.rules.nouns[lemma].relation


def _word(found: Found) -> str:
    return found.sentence.span.doc[found.trigger].lemma_.lower()


def _doers_of(r: Reading, verb: "Token") -> list[int]:
    """Who does what a verb says: its subjects, or after 'by' when it is passive."""
    heads = [p for c in verb.children if c.dep_ == "agent" for p in c.children if p.dep_ == "prep_object"]
    return [a for h in heads or r.args.subject_heads(verb) for a in r.args.actors_of(h)]
