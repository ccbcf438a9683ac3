"""The actors of one article as resolution leaves them: plain data for the later stages."""
from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import TYPE_CHECKING

from ..model import ActorType

if TYPE_CHECKING:
    from .nlp import Sentence

__all__ = ["LocalActor", "LocalPost", "TokenIndex", "ArticleActors", "MentionKey", "TokenKey", "country_actor", "is_acronym"]


@dataclass
class LocalActor:
    id: int
    type: ActorType
    names: list[str] = field(default_factory=list)  # surface names in order of appearance
    canonical: str | None = None  # gazetteer name
    country: str | None = None  # canonical name of the state a national body belongs to
    first: tuple[int, int] = (0, 0)

    @property
    def name(self) -> str:
        if self.canonical:
            return self.canonical
        full = [n for n in self.names if not is_acronym(n)]
        pool = full or self.names
        if self.type is ActorType.PERSON:
            most = max(len(n.split()) for n in pool)
            return next(n for n in pool if len(n.split()) == most)
        return max(pool, key=len)


@dataclass(frozen=True)
class LocalPost:
    holder: int
    org: int
    title: str
    leads: bool
    sentence: "Sentence"
    start: int = 0  # token range of the title in the sentence's doc
    end: int = 0


MentionKey = tuple[int, int, int]  # (sentence, first token, end token) of a name
TokenKey = tuple[int, int]  # (sentence, token)


@dataclass(frozen=True)
class TokenIndex:
    """Which actors each token of the article denotes, and how that was found: by its name, a
    title, a pronoun or a description. Frozen: a stage that resolves more tokens works on an
    `editable` copy and returns a new index made `of` it."""

    actors: Mapping[TokenKey, tuple[int, ...]] = field(default_factory=lambda: MappingProxyType({}))
    cues: Mapping[TokenKey, str] = field(default_factory=lambda: MappingProxyType({}))

    def at(self, sentence: int, token: int) -> list[int]:
        return list(self.actors.get((sentence, token), ()))

    def cue(self, sentence: int, token: int) -> str | None:
        return self.cues.get((sentence, token))

    def __contains__(self, key: TokenKey) -> bool:
        return key in self.actors

    @classmethod
    def of(cls, actors: dict[TokenKey, Sequence[int]], cues: dict[TokenKey, str]) -> "TokenIndex":
        return cls(MappingProxyType({k: tuple(v) for k, v in actors.items()}), MappingProxyType(dict(cues)))

    def editable(self) -> tuple[dict[TokenKey, Sequence[int]], dict[TokenKey, str]]:
        """Copies of the two mappings, for a stage to extend before it returns `TokenIndex.of` them."""
        return dict(self.actors), dict(self.cues)


@dataclass(frozen=True)
class ArticleActors:
    """The actors of an article, what each token denotes, the posts they hold and the states
    people are said to serve."""

    actors: Mapping[int, LocalActor]
    index: TokenIndex
    posts: tuple[LocalPost, ...] = ()
    affiliations: tuple[tuple[int, int, "Sentence"], ...] = ()  # (person, state, sentence)

    def at(self, sentence: int, token: int) -> list[int]:
        return self.index.at(sentence, token)


def country_actor(actors: dict[int, LocalActor], country: str) -> int:
    """The id of the article's actor for a state (by canonical name), added to `actors` (a
    stage's own copy) when the article names the state only through its people or bodies."""
    for actor in actors.values():
        if actor.type is ActorType.COUNTRY and actor.canonical == country:
            return actor.id
    aid = max(actors, default=-1) + 1
    actors[aid] = LocalActor(aid, ActorType.COUNTRY, [country], canonical=country)
    return aid


def is_acronym(name: str) -> bool:
    letters = [c for c in name if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters) and len(letters) <= 8
