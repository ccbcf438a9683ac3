"""Plain data passed between the stages of a build."""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from enum import Enum

from kg.relationtable import RelationSpec, relation_table

__all__ = [
    "ActorType", "Relation", "MEETING", "MEMBER", "LEADER", "Modality", "Article", "Actor", "Post",
    "Assertion", "Event", "DEFAULT_LANGUAGE",
]


class ActorType(str, Enum):
    """Kinds of actor in the graph contract; PLACE is not an actor but shares the machinery."""

    PERSON = "Person"
    ORGANIZATION = "Organization"
    ARMED_GROUP = "ArmedGroup"
    COUNTRY = "Country"
    GOVERNMENT_BODY = "GovernmentBody"
    MEDIA_OUTLET = "MediaOutlet"
    INTERNATIONAL_ORGANIZATION = "InternationalOrganization"
    GROUP = "Group"
    PLACE = "Place"


class _RelationKind(str, Enum):
    """What the relation table says of one relation."""

    @property
    def spec(self) -> RelationSpec:
        return relation_table().relations[self.value]

    @property
    def symmetric(self) -> bool:
        return self.spec.symmetric

    @property
    def relation_class(self) -> str:
        return self.spec.relation_class

    @property
    def label(self) -> str:
        return self.spec.label


def _member_name(name: str) -> str:
    return re.sub(r"(?<=[a-z0-9])(?=[A-Z])", "_", name).upper()  # metWith -> MET_WITH


#: Every relation of the table in ontology/relations.yaml, in its order.
Relation = _RelationKind("Relation", [(_member_name(name), name) for name in relation_table().relations])  # type: ignore[call-overload]

#: The relations the extractor's own constructions make (see `roles` in the table).
MEETING = Relation(relation_table().roles["meeting"])
MEMBER = Relation(relation_table().roles["member"])
LEADER = Relation(relation_table().roles["leader"])
OPPOSITION = Relation(relation_table().roles["opposition"])
DEMAND = Relation(relation_table().roles["demand"])


class Modality(str, Enum):
    ASSERTED = "Asserted"
    PLANNED = "Planned"
    NEGATED = "Negated"


DEFAULT_LANGUAGE = "en"  # an article is read in English unless its text or the user says otherwise


@dataclass(frozen=True)
class Article:
    """One input article; `text` is the cleaned text that character offsets refer to."""

    id: str
    text: str
    source: str  # the file it came from (with ":LINE" for a JSONL record)
    title: str | None = None
    date: dt.date | None = None
    date_inferred: bool = False
    url: str | None = None
    outlet: str | None = None
    language: str = DEFAULT_LANGUAGE  # ISO 639-1 code of the language it is read in


@dataclass
class Actor:
    """An actor (or place) after resolution: one canonical name and the others seen."""

    key: str  # stable key the IRI is made from
    name: str
    type: ActorType
    aliases: set[str] = field(default_factory=set)


@dataclass(frozen=True)
class Post:
    holder: str  # actor key of the person
    organisation: str  # actor key of the state or organisation
    title: str
    leads: bool
    article: str
    evidence: str
    start: int
    end: int


@dataclass(frozen=True)
class Assertion:
    """One relation between two actors (or an actor and a topic) read from one sentence."""

    subject: str  # actor key
    relation: Relation
    object: str | None  # actor key, or None when `topic` holds the object
    modality: Modality
    article: str
    evidence: str
    start: int  # offsets of the evidence sentence in the article text
    end: int
    confidence: float | None  # None: stated outright, as a post's membership is
    topic: str | None = None
    date: str | None = None  # ISO date or year-month
    place: str | None = None  # actor key of a place
    speaker: str | None = None  # actor key of who says it (a reported clause, "according to")


@dataclass(frozen=True)
class Event:
    """A meeting with every participant, from which pairwise metWith assertions derive."""

    participants: tuple[str, ...]
    modality: Modality
    article: str
    evidence: str
    start: int
    end: int
    confidence: float
    date: str | None = None
    place: str | None = None
