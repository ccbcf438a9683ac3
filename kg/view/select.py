"""Choosing the part of a graph to draw: some relations or actor types, one actor's
neighbourhood, or the most connected actors."""
from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

from kg.errors import KGError
from kg.model import Relation
from kg.knowledge.names import fold
from kg.graph.graphview import ACTOR_TYPES, RELATION_CLASSES, TOPIC, GraphView, ViewActor

__all__ = ["Selection", "select", "find_actor", "parse_relations", "parse_types"]


@dataclass(frozen=True)
class Selection:
    relations: frozenset[Relation] | None = None  # None: all
    types: frozenset[str] | None = None  # None: all
    focus: str | None = None  # a name, alias or IRI
    depth: int = 1
    max_nodes: int | None = None


def select(view: GraphView, selection: Selection) -> GraphView:
    """The part of `view` that `selection` asks for; totals stay those of the whole graph.

    Relations and types restrict first; then the focus keeps the actors within `depth`
    relations of the focused actor; then `max_nodes` keeps the most connected actors
    (ties broken by name), the focused one always among them.
    Raises KGError when the focus names no actor, or several equally well.
    """
    if selection.relations is not None:
        edges = [e for e in view.edges if e.relation in selection.relations]
        ends = {e.source for e in edges} | {e.target for e in edges}
        view = view.restricted(ends, edges)
    if selection.types is not None:
        view = view.restricted(a.id for a in view.actors if a.type in selection.types)
    focus = find_actor(view, selection.focus) if selection.focus is not None else None
    if focus is not None:
        view = view.restricted(_neighbourhood(view, focus.id, selection.depth))
    if selection.max_nodes is not None and len(view.actors) > selection.max_nodes:
        degree = view.degrees()
        ranked = sorted(view.actors, key=lambda a: (a.id != (focus.id if focus else None), -degree[a.id],
                                                   fold(a.name), a.id))
        view = view.restricted(a.id for a in ranked[:selection.max_nodes])
    return view


def _neighbourhood(view: GraphView, start: str, depth: int) -> set[str]:
    neighbours: dict[str, set[str]] = {a.id: set() for a in view.actors}
    for e in view.edges:
        neighbours[e.source].add(e.target)
        neighbours[e.target].add(e.source)
    seen, frontier = {start}, {start}
    for _ in range(depth):
        frontier = {n for f in frontier for n in neighbours[f]} - seen
        seen |= frontier
    return seen


def find_actor(view: GraphView, name: str) -> ViewActor:
    """The actor called `name`: by canonical name, then alias, then IRI (or its last part),
    then by a name holding it as whole words ("Akar" for "Hulusi Akar"), ignoring case and
    accents. Raises KGError for no match or an ambiguous one."""
    wanted = fold(name.strip())
    words = re.compile(rf"(?<!\w){re.escape(wanted)}(?!\w)")
    tests = (lambda a: fold(a.name) == wanted,
             lambda a: wanted in {fold(x) for x in a.aliases},
             lambda a: a.id == name.strip() or fold(a.id.rstrip("/").rsplit("/", 1)[-1]) == wanted,
             lambda a: a.type != TOPIC and any(words.search(fold(x)) for x in (a.name, *a.aliases)))
    for test in tests:
        found = [a for a in view.actors if test(a)]
        if len(found) == 1:
            return found[0]
        if found:
            names = ", ".join(f"{a.name} <{a.id}>" for a in found[:5])
            raise KGError(f"{name!r} names several actors: {names}; give the IRI")
    names = {fold(a.name): a.name for a in view.actors}
    close = difflib.get_close_matches(wanted, sorted(names), n=3)
    hint = f"; did you mean {' or '.join(repr(names[c]) for c in close)}?" if close else ""
    raise KGError(f"no actor called {name!r} in the graph{hint}")


def parse_relations(text: str) -> frozenset[Relation]:
    """Relation names and relation class names, comma-separated: "metWith,conflict".
    Raises ValueError naming what is not one."""
    by_name = {r.value.casefold(): (r,) for r in Relation}
    by_name |= {name: relations for name, relations in RELATION_CLASSES.items()}
    chosen: set[Relation] = set()
    for item in _items(text):
        if item.casefold() not in by_name:
            valid = ", ".join([r.value for r in Relation] + list(RELATION_CLASSES))
            raise ValueError(f"{item!r} is not a relation or relation class (use {valid})")
        chosen.update(by_name[item.casefold()])
    return frozenset(chosen)


def parse_types(text: str) -> frozenset[str]:
    """Actor type names, comma-separated, any case: "Person,country". Raises ValueError."""
    by_name = {t.casefold(): t for t in ACTOR_TYPES}
    chosen: set[str] = set()
    for item in _items(text):
        if item.casefold() not in by_name:
            raise ValueError(f"{item!r} is not an actor type (use {', '.join(ACTOR_TYPES)})")
        chosen.add(by_name[item.casefold()])
    return frozenset(chosen)


def _items(text: str) -> list[str]:
    items = [item.strip() for item in text.split(",") if item.strip()]
    if not items:
        raise ValueError("give at least one name")
    return items

