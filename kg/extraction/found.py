"""What the relation stage finds in a sentence (relations and meetings between local actor
ids), and the reading of one sentence the constructions add them to."""
from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..model import Modality, Relation
from .actors import ArticleActors
from .arguments import Arguments
from .language import language
from .rules import RelationRules

if TYPE_CHECKING:
    from spacy.tokens import Token

    from .nlp import Sentence

__all__ = ["Found", "FoundMeeting", "Reading"]

WORDS = language().words
CUES = language().modality
BASE_CONFIDENCE = 0.9
REFERENCE_PENALTY = 0.15  # the sentence resolves an actor through a pronoun or a description
TITLE_PENALTY = 0.05  # ... through a title
MAX_TOPIC = 160  # characters of what was called for
EVENT_REACH = 3  # sentences back an event named again ('condemned the raids') is looked for ...
SAME_WORD_REACH = 12  # ... and one named by the same word ('air strikes ... condemned the strikes')
DEED_REACH = 2  # sentences back 'the decision' or 'the move' is looked for


@dataclass(frozen=True)
class Found:
    """A relation read from one sentence, between local actor ids."""

    subject: int
    relation: Relation
    object: int | None
    topic: str | None
    modality: Modality
    sentence: "Sentence"
    trigger: int  # token index of the word that signalled it
    confidence: float


@dataclass(frozen=True)
class FoundMeeting:
    """A meeting and who met whom in it: across the two sides when the text gives sides
    ('A and B met C'), else everyone with everyone ('talks between A and B')."""

    participants: tuple[int, ...]
    pairs: tuple[tuple[int, int], ...]
    modality: Modality
    sentence: "Sentence"
    trigger: int
    confidence: float


def _word(found: Found) -> str:
    return found.sentence.span.doc[found.trigger].lemma_.lower()


@dataclass
class Reading:
    """One sentence being read: the actors and rules it is read with, and what it has given."""

    sentence: "Sentence"
    actors: ArticleActors
    rules: RelationRules
    earlier: list[FoundMeeting]  # meetings of the sentences before
    before: list[Found]  # relations of the sentences before
    found: list[Found] = field(default_factory=list)
    meetings: list[FoundMeeting] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.args = Arguments(self.sentence, self.actors, self.rules.arguments)

    def confidence(self, trigger: "Token", subjects: list[int]) -> float:
        confidence = BASE_CONFIDENCE
        cues = {self.actors.index.cue(self.sentence.index, t.i) for t in trigger.sent}
        if cues & {"pronoun", "description"}:
            confidence -= REFERENCE_PENALTY
        if "title" in cues:
            confidence -= TITLE_PENALTY
        return round(confidence, 2)

    def doers_of_earlier(self, noun: "Token", speakers: list[int] = ()) -> list[int]:
        """'condemned the strikes', 'those raids': who did the event of the noun's kind told of last,
        one of the same word if there is one near ('Pakistani air strikes ... condemned the strikes');
        'rejected the charge': who made the last accusation; 'called the decision disproportionate':
        who did the last deed told of (no demand), in its sentence or the two before. Not the speakers' own deeds
        nor their states' ('Brussels expelled X's envoys. Belgium's minister called the decision ...')."""
        lemma = noun.lemma_.lower() if noun.pos_ in ("NOUN", "PROPN") else noun.lower_  # 'the killing' as a verb
        rule = self.rules.nouns.get(lemma)
        kind = "accusation" if lemma in CUES.claim_nouns else "deed" if lemma in WORDS.deed_nouns else "event"
        if kind == "deed" and noun.dep_ == "pobj" and noun.head.lower_ == WORDS.inside and noun.head.head.pos_ == "VERB":
            return self._doers_of(noun.head.head)  # 'X issued a decree, in a move backed by Y'
        if (kind == "event" and (rule is None or not rule.relation.spec.event)) or not any(
                c.dep_ == "det" and c.lower_ in WORDS.pointing_determiners for c in noun.children):
            return []
        reach = DEED_REACH if kind == "deed" else SAME_WORD_REACH
        own = set(speakers) | {p.org for p in self.actors.posts if p.holder in speakers}
        events = [f for f in self.before + [f for f in self.found if f.trigger < noun.i]
                  if self.sentence.index - f.sentence.index <= reach and f.relation.spec.event and f.subject not in own and (
                      _word(f) in WORDS.accusing_verbs if kind == "accusation"
                      else not f.relation.spec.topic if kind == "deed" else f.relation is rule.relation)]
        same_word = [f for f in events if _word(f) == lemma]
        near = [f for f in events if self.sentence.index - f.sentence.index <= EVENT_REACH]
        last = (same_word or near)[-1:]
        return [f.subject for f in events if last and (f.sentence.index, f.trigger) == (last[0].sentence.index,
                                                                                        last[0].trigger)]

    def _doers_of(self, verb: "Token") -> list[int]:
        """Who does what a verb says: its subjects, or after 'by' when it is passive."""
        heads = [p for c in verb.children if c.dep_ == "agent" for p in c.children if p.dep_ == "pobj"]
        return [a for h in heads or self.args.subject_heads(verb) for a in self.args.actors_of(h)]

    def add(self, s, relation, o, topic, modality, trigger, confidence) -> None:
        self.found.append(Found(s, relation, o, topic, modality, self.sentence, trigger.i, confidence))

    def meeting(self, participants, modality, trigger, confidence, sides=None) -> None:
        if sides is not None:
            pairs = [(a, b) for a in sides[0] for b in sides[1] if a != b]
        else:
            pairs = list(itertools.combinations(participants, 2))
        self.meetings.append(FoundMeeting(tuple(participants), tuple(pairs), modality, self.sentence, trigger.i,
                                          confidence))
