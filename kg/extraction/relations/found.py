"""What the relation stage finds in a sentence (relations and meetings between local actor
ids), and the reading of one sentence the constructions add them to."""
from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from kg.model import MEETING, OPPOSITION, ActorType, Modality, Relation
from kg.extraction.actors.local import ArticleActors
from kg.extraction.relations.arguments import Arguments
from kg.extraction.relations.modality import ceased, claimed, disputed, modality_of
from kg.knowledge.rules import RelationRules

if TYPE_CHECKING:
    from spacy.tokens import Token

    from kg.extraction.parsing.nlp import Sentence

__all__ = ["Found", "FoundMeeting", "Reading", "Dated"]

BASE_CONFIDENCE = 0.9
REFERENCE_PENALTY = 0.15  # the sentence resolves an actor through a pronoun or a description
TITLE_PENALTY = 0.05  # ... through a title
MAX_TOPIC = 160  # characters of what was called for

CONFLICT = "conflict"  # the relation class of enmity (`ontology/relations.yaml`)
COOPERATION = "cooperation"  # and of ties


@dataclass(frozen=True)
class Dated:
    """When and where a relation or meeting took place, as far as its sentence says, and who
    says so."""

    date: str | None
    place: int | None  # local actor id of a place
    speaker: int | None = None  # local actor id of who says it (speakers.speaker_of)


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
        self.language = self.args.language  # of the sentence's parse
        self.words = self.language.words

    def _interview(self, a: int | None, b: int | None) -> bool:
        """Talking to a newspaper or an agency ('told AFP', 'spoke to Reuters') is an interview,
        no meeting."""
        known = self.actors.actors
        return any(x is not None and known[x].type is ActorType.MEDIA_OUTLET for x in (a, b))

    def confidence(self, trigger: "Token", subjects: list[int]) -> float:
        confidence = BASE_CONFIDENCE
        cues = {self.actors.index.cue(self.sentence.index, t.i) for t in trigger.sent}
        if cues & {"pronoun", "description"}:
            confidence -= REFERENCE_PENALTY
        if "title" in cues:
            confidence -= TITLE_PENALTY
        return round(confidence, 2)

    def add(self, s, relation, o, topic, modality, trigger, confidence) -> None:
        if (relation is MEETING and self._interview(s, o)) or disputed(trigger):
            return
        if modality is Modality.PLANNED and ceased(trigger):
            return  # 'urged X to stop attacking Y': neither an attack to come nor one the sentence asserts
        claim = claimed(trigger)
        if claim is not None:  # 'alleged that X attacked Y': the alleger's stance against X, no attack
            if relation.relation_class == CONFLICT:
                for accuser in (a for h in self.args.subject_heads(claim) for a in self.args.actors_of(h)):
                    if accuser != s:
                        self.found.append(Found(accuser, OPPOSITION, s, None, modality_of(claim, stance=True),
                                                self.sentence, claim.i, confidence))
            return
        self.found.append(Found(s, relation, o, topic, modality, self.sentence, trigger.i, confidence))

    def meeting(self, participants, modality, trigger, confidence, sides=None) -> None:
        if claimed(trigger):
            return
        if sides is not None:
            pairs = [(a, b) for a in sides[0] for b in sides[1] if a != b]
        else:
            pairs = list(itertools.combinations(participants, 2))
        pairs = [(a, b) for a, b in pairs if not self._interview(a, b)]
        self.meetings.append(FoundMeeting(tuple(participants), tuple(pairs), modality, self.sentence, trigger.i,
                                          confidence))
