"""Constructions registered where they are written. `@construction(name, kind, description,
reads=...)` on a handler declares the construction once: to the knowledge layer, which checks the
lexicons' entries and the relation table against it when rules load, and to the relation stage,
which finds the handler by the name an entry takes (`handler`).

A verb's handler is called as `handler(reading, rule, clause)` (see `verbs.Clause`), a noun's as
`handler(reading, noun, rule)`; each adds what it finds to the reading."""
from __future__ import annotations

from collections.abc import Callable, Iterable
from enum import Enum

from kg.errors import KGError
from kg.knowledge.constructions import Construction, register
from kg.knowledge.lexicon import FLAGS, WordKind

__all__ = ["construction", "handler", "HANDLERS"]

Handler = Callable[..., None]
HANDLERS: dict[tuple[WordKind, str], Handler] = {}  # (kind, name) -> the handler of that construction


def construction(name: str, kind: WordKind, description: str, reads: Iterable[Enum] = (),
                 default: bool = False) -> Callable[[Handler], Handler]:
    """Declare the decorated function the handler of the construction `name` of `kind`, which
    reads `description` and the flags `reads` of an entry (members of `VerbFlag` or `NounFlag`,
    as `kind` is); with `default`, the one an entry of its kind takes when neither it nor its
    relation names one. A lexicon entry that gives a flag its construction does not read is
    refused when rules load."""
    flags = tuple(reads)
    if not all(isinstance(flag, FLAGS[kind]) for flag in flags):
        raise TypeError(f"construction {name!r}: the flags it reads are {FLAGS[kind].__name__} members")
    declared = Construction(name, kind, description, frozenset(flag.value for flag in flags), default)

    def registered(function: Handler) -> Handler:
        register(declared)
        HANDLERS[kind, name] = function
        return function

    return registered


def handler(kind: WordKind, name: str) -> Handler:
    """The handler of the construction a rule takes."""
    try:
        return HANDLERS[kind, name]
    except KeyError:  # rules loaded where the extraction was not imported are not checked against it
        raise KGError(f"no {kind.value} construction {name!r}: load the rules after importing kg.extraction") from None
