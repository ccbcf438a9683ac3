"""The actors of one article as resolution leaves them: plain data for the later stages."""
from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from types import MappingProxyType
from typing import TYPE_CHECKING

from kg.knowledge.lookalikes import mixed_scripts
from kg.model import ActorType

MAIN_STATE_SENTENCES = 8  # an article about a state names it in this many sentences or more ...
MAIN_STATE_MARGIN = 1.5  # ... and in this many times as many as any other

if TYPE_CHECKING:
    from kg.extraction.parsing.nlp import Sentence

__all__ = ["main_state", "home_state", "clear_first", "find_country", "LocalActor", "LocalPost", "TokenIndex", "ArticleActors", "MentionKey", "TokenKey", "country_actor", "is_acronym"]


@dataclass
class LocalActor:
    id: int
    type: ActorType
    names: list[str] = field(default_factory=list)  # surface names in order of appearance
    canonical: str | None = None  # gazetteer name
    country: str | None = None  # canonical name of the state a national body belongs to
    nationality: str | None = None  # a person's state, when known only from a list of people
    first: tuple[int, int] = (0, 0)

    @property
    def name(self) -> str:
        if self.canonical:
            return self.canonical
        full = [n for n in self.names if not is_acronym(n)]
        pool = full or self.names
        pool = [n for n in pool if not mixed_scripts(n)] or pool  # 'Rehema Mushi' rather than a look-alike
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

    @cached_property
    def _held(self) -> frozenset[tuple[int, int]]:
        return frozenset((p.holder, p.org) for p in self.posts)

    def holds_post(self, holder: int, org: int) -> bool:
        """Whether the article gives `holder` a post in `org`."""
        return (holder, org) in self._held


def country_actor(actors: dict[int, LocalActor], country: str) -> int:
    """The id of the article's actor for a state (by canonical name), added to `actors` (a
    stage's own copy) when the article names the state only through its people or bodies."""
    found = find_country(actors, country)
    if found is not None:
        return found
    aid = max(actors, default=-1) + 1
    actors[aid] = LocalActor(aid, ActorType.COUNTRY, [country], canonical=country)
    return aid


def find_country(actors: Mapping[int, LocalActor], country: str | None) -> int | None:
    """The id of the article's actor for a state (by canonical name), if it has one."""
    return next((a.id for a in actors.values() if a.type is ActorType.COUNTRY and a.canonical == country), None)


def main_state(token_actor: Mapping[TokenKey, Sequence[int]], actors: Mapping[int, LocalActor]) -> str | None:
    """The state the article is about (its canonical name): named, itself or through its national
    bodies, in the most sentences: MAIN_STATE_SENTENCES or more, and MAIN_STATE_MARGIN times as many as
    any other."""
    sentences: dict[str, set[int]] = {}
    for (s, _), ids in token_actor.items():
        for aid in ids:
            actor = actors[aid]
            state = actor.canonical if actor.type is ActorType.COUNTRY else actor.country
            if state:
                sentences.setdefault(state, set()).add(s)
    return clear_first({state: len(v) for state, v in sentences.items()}, MAIN_STATE_SENTENCES, MAIN_STATE_MARGIN)


def clear_first(counts: Mapping, least: int, margin: float):
    """The key counted most, if it is counted `least` times or more and `margin` times as often as
    any other (ties broken by the greater key); else None."""
    ranked = sorted(((n, key) for key, n in counts.items()), reverse=True) + [(0, None)]
    return ranked[0][1] if ranked[0][0] >= least and ranked[0][0] >= margin * ranked[1][0] else None


def home_state(main: str | None, homes: tuple[str, ...]) -> str | None:
    """The state whose officials go unnamed: the main state when the dateline names it, else the
    dateline's first state ('DOHA/KINSHASA': the venue may come first), else the main state."""
    return main if main in homes else homes[0] if homes else main


def is_acronym(name: str) -> bool:
    letters = [c for c in name if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters) and len(letters) <= 8
