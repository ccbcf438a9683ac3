"""Who did what a noun names again. 'condemned the strikes': the doer of the strikes told of
before; 'rejected the charge': who made the last accusation; 'called the move disproportionate':
who did the last deed; 'X issued a decree, in a move backed by Y': the clause's own doers."""
from __future__ import annotations

from typing import TYPE_CHECKING

from .found import Found, Reading
from .language import language

if TYPE_CHECKING:
    from spacy.tokens import Token

__all__ = ["doers_of_earlier"]

WORDS = language().words
CUES = language().modality
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
    if kind == "deed" and noun.dep_ == "pobj" and noun.head.lower_ == WORDS.inside and noun.head.head.pos_ == "VERB":
        return _doers_of(r, noun.head.head)
    if kind is None or not any(c.dep_ == "det" and c.lower_ in WORDS.pointing_determiners for c in noun.children):
        return []
    reach = DEED_REACH if kind == "deed" else SAME_WORD_REACH
    own = set(speakers) | {p.org for p in r.actors.posts if p.holder in speakers}
    events = [f for f in r.before + [f for f in r.found if f.trigger < noun.i]
              if r.sentence.index - f.sentence.index <= reach and f.relation.spec.event and f.subject not in own
              and _fits(r, f, kind, lemma)]
    same_word = [f for f in events if _word(f) == lemma]
    near = [f for f in events if r.sentence.index - f.sentence.index <= EVENT_REACH]
    last = (same_word or near)[-1:]
    return [f.subject for f in events if last and (f.sentence.index, f.trigger) == (last[0].sentence.index,
                                                                                    last[0].trigger)]


def _kind(r: Reading, lemma: str) -> str | None:
    """What a noun may name again: an accusation ('the charge'), a deed ('the move'), an event of
    the lexicon ('the strikes'), or nothing."""
    if lemma in CUES.claim_nouns:
        return "accusation"
    if lemma in WORDS.deed_nouns:
        return "deed"
    rule = r.rules.nouns.get(lemma)
    return "event" if rule is not None and rule.relation.spec.event else None


def _fits(r: Reading, found: Found, kind: str, lemma: str) -> bool:
    if kind == "accusation":
        return _word(found) in WORDS.accusing_verbs
    if kind == "deed":
        return not found.relation.spec.topic  # a demand is no deed
    return found.relation is r.rules.nouns[lemma].relation


def _word(found: Found) -> str:
    return found.sentence.span.doc[found.trigger].lemma_.lower()


def _doers_of(r: Reading, verb: "Token") -> list[int]:
    """Who does what a verb says: its subjects, or after 'by' when it is passive."""
    heads = [p for c in verb.children if c.dep_ == "agent" for p in c.children if p.dep_ == "pobj"]
    return [a for h in heads or r.args.subject_heads(verb) for a in r.args.actors_of(h)]
