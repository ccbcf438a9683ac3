"""The actors of one article as resolution leaves them: plain data for the later stages."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..model import ActorType

if TYPE_CHECKING:
    from .nlp import Sentence

__all__ = ["LocalActor", "LocalPost", "ArticleActors", "is_acronym"]


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


@dataclass
class ArticleActors:
    actors: dict[int, LocalActor]
    token_actor: dict[tuple[int, int], list[int]]  # (sentence, token) -> actor ids
    posts: list[LocalPost]
    mention_cue: dict[tuple[int, int], str]  # how a token was resolved: name | title | pronoun | description
    affiliations: list[tuple[int, int, "Sentence"]] = field(default_factory=list)  # (person, state, sentence)

    def at(self, sentence: int, token: int) -> list[int]:
        return self.token_actor.get((sentence, token), [])


def is_acronym(name: str) -> bool:
    letters = [c for c in name if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters) and len(letters) <= 8
