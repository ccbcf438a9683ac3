"""The constructions a lexicon entry can name (`construction:` in lexicon.yaml): how the words
around a verb or noun give the actors of its relation. Each is declared once, on its handler
(`kg.extraction.relations.constructions.construction`): its name, the kind of word it reads, what
it reads as, and the flags of an entry it reads. The declaration is registered here, below the
extraction, so that loading the rules checks every entry and the relation table's defaults
(`construction:` in relations.yaml) against it; `load_rules` takes another catalogue as a value.

An entry that names no construction takes its relation's default when its kind has that one,
else its kind's default (the construction declared `default`)."""
from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from types import MappingProxyType

from kg.knowledge.lexicon import FLAGS, WordKind

__all__ = ["Construction", "Constructions", "VERB_CONSTRUCTIONS", "NOUN_CONSTRUCTIONS", "register",
           "registered_constructions"]


@dataclass(frozen=True)
class Construction:
    name: str
    kind: WordKind
    description: str  # what it reads the words around the verb or noun as, with examples
    reads: frozenset[str] = frozenset()  # the flags of an entry it reads (names of a VerbFlag or NounFlag)
    default: bool = False  # its kind's construction for an entry whose relation names none of its kind

    def check_flags(self, given: Iterable[str]) -> None:
        """A ValueError naming the first of the flags an entry gives that this does not read."""
        unread = sorted(set(given) - self.reads)
        if unread:
            raise ValueError(f"construction {self.name!r} does not read {unread[0]!r}")


@dataclass(frozen=True)
class Constructions:
    """A catalogue of constructions, by kind and name, in the order they were declared."""

    known: Mapping[WordKind, Mapping[str, Construction]]

    @classmethod
    def of(cls, constructions: Iterable[Construction]) -> Constructions:
        known: dict[WordKind, dict[str, Construction]] = {kind: {} for kind in WordKind}
        for construction in constructions:
            known[construction.kind][construction.name] = construction
        return cls(MappingProxyType({kind: MappingProxyType(named) for kind, named in known.items()}))

    def __iter__(self) -> Iterator[Construction]:
        return (construction for named in self.known.values() for construction in named.values())

    def __len__(self) -> int:
        return sum(len(named) for named in self.known.values())

    def names(self) -> list[str]:
        """The names of every kind's constructions, sorted."""
        return sorted({construction.name for construction in self})

    def taken(self, kind: WordKind, named: str | None, relation_default: str | None) -> Construction:
        """The construction an entry takes: the one it names, else its relation's default when its
        kind has that one, else its kind's default. A ValueError says why there is none."""
        known = self.known[kind]
        if named is not None:
            if named not in known:
                raise ValueError(f"unknown construction {named!r} (one of {', '.join(known)})")
            return known[named]
        if relation_default in known:
            return known[relation_default]  # type: ignore[index]
        for construction in known.values():
            if construction.default:
                return construction
        raise ValueError(f"names no construction, and no {kind.value} construction is the default")


VERB_CONSTRUCTIONS: dict[str, Construction] = {}  # registered by the extraction, by name
NOUN_CONSTRUCTIONS: dict[str, Construction] = {}
_REGISTERED = {WordKind.VERB: VERB_CONSTRUCTIONS, WordKind.NOUN: NOUN_CONSTRUCTIONS}


def register(construction: Construction) -> None:
    """Add a construction to those rules are checked against; a ValueError when it cannot be one."""
    named = _REGISTERED[construction.kind]
    unknown = sorted(construction.reads - {flag.value for flag in FLAGS[construction.kind]})
    if construction.name in named:
        raise ValueError(f"the {construction.kind.value} construction {construction.name!r} is declared twice")
    if unknown:
        raise ValueError(f"construction {construction.name!r} reads {unknown[0]!r}, no flag of a {construction.kind.value}")
    if construction.default and any(other.default for other in named.values()):
        raise ValueError(f"construction {construction.name!r}: a {construction.kind.value} has one default construction")
    named[construction.name] = construction


def registered_constructions() -> Constructions:
    """The constructions declared so far: all of the extraction's once `kg.extraction` is imported."""
    return Constructions.of(construction for named in _REGISTERED.values() for construction in named.values())
