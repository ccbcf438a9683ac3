"""Camps: actors sorted into sides from the signed graph of their relations, by structural
balance. Relations whose class has sign 1 in ontology/relations.yaml (meetings, cooperation,
membership) tie two actors, those of sign -1 (conflict: opposes, attacked) set them against
each other; negated relations count for nothing. Each pair's ties and enmities add up to one
weight, and a local search puts actors where their weights to a camp are highest: together
when tied, apart when at odds (moves of one actor at a time in a fixed order, as in label
propagation on a signed graph, and merges of camps more tied than opposed to each other, as
in Louvain's aggregation). What breaks the pattern, ties between camps and
enmity inside one, is its frustration, reported with the camps. The same graph gives the same
camps."""
from __future__ import annotations

import heapq
import itertools
import json
from collections import defaultdict
from dataclasses import asdict, dataclass, field
from typing import Iterator

from kg.model import Modality
from kg.relationtable import relation_table
from kg.graph.graphview import TOPIC, ActorRef, GraphView

__all__ = ["Camp", "Camps", "find_camps", "format_camps"]

MAX_PASSES = 50  # a bound; the search stops when a pass changes nothing (a few passes)


@dataclass(frozen=True)
class Bond:
    """A relation between two actors, as the camps read it."""

    subject: str
    relation: str
    object: str
    modality: str


@dataclass
class Camp:
    members: list[ActorRef]
    ties: list[Bond] = field(default_factory=list)  # the relations that bind it
    enmities: list[Bond] = field(default_factory=list)  # relations at odds inside it (frustration)


@dataclass
class Camps:
    camps: list[Camp]
    between: list[Bond]  # enmities between camps: what sets them apart
    frustration: int  # ties between camps and enmities inside them
    method: str = "structural balance: local moves on the signed graph (kg.query.camps)"

    def to_dict(self) -> dict:
        return asdict(self)


def find_camps(view: GraphView) -> Camps:
    """The camps of the actors the view's asserted and planned relations sign; an actor with
    no one on its side is in no camp."""
    signs = {name: spec.sign for name, spec in relation_table().classes.items()}
    names = {a.id: a for a in view.actors if a.type != TOPIC}
    weight: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    bonds: list[tuple[str, str, int, Bond]] = []
    for edge in view.edges:
        sign = signs[edge.relation_class]
        if edge.modality is Modality.NEGATED or not sign or edge.source == edge.target \
                or edge.source not in names or edge.target not in names:
            continue
        weight[edge.source][edge.target] += sign
        weight[edge.target][edge.source] += sign
        bonds.append((edge.source, edge.target, sign, Bond(names[edge.source].name, edge.relation.value,
                                                           names[edge.target].name, edge.modality.value)))
    camp_of = _balance(weight)
    groups: dict[str, list[str]] = defaultdict(list)
    for actor, camp in camp_of.items():
        groups[camp].append(actor)
    kept = sorted((sorted(members, key=lambda a: (names[a].name, a)) for members in groups.values()
                   if len(members) > 1), key=lambda m: (-len(m), names[m[0]].name))
    number = {a: n for n, members in enumerate(kept) for a in members}
    camps = [Camp([ActorRef(names[a].name, names[a].type, a) for a in members]) for members in kept]
    between: list[Bond] = []
    frustration = 0  # ties between camps and enmities inside one
    for source, target, sign, bond in sorted(bonds, key=lambda b: (b[3].subject, b[3].relation, b[3].object)):
        if source not in number or target not in number:
            continue  # an actor in no camp
        if number[source] == number[target]:
            camp = camps[number[source]]
            (camp.ties if sign > 0 else camp.enmities).append(bond)
            frustration += sign < 0
        else:
            if sign < 0:
                between.append(bond)
            frustration += sign > 0
    return Camps(camps, between, frustration)


def _balance(weight: dict[str, dict[str, int]]) -> dict[str, str]:
    """Each actor's camp (named by one of its members): every actor starts alone; then, until
    nothing changes, actors move one at a time to the camp they are most tied to, and camps
    more tied than opposed to each other merge, the most tied pairs first."""
    camp_of = {actor: actor for actor in weight}
    fresh = (f"#{n}" for n in itertools.count())  # names for camps of one actor who left his
    for _ in range(MAX_PASSES):
        moved = _move_actors(weight, camp_of, fresh)
        merged = _merge_camps(weight, camp_of)
        if not moved and not merged:
            break
    return camp_of


def _move_actors(weight: dict[str, dict[str, int]], camp_of: dict[str, str], fresh: Iterator[str]) -> bool:
    """One pass of moves, in the order of the actors' ids; whether any moved. Each move adds to
    the weight inside camps, so the search ends."""
    moved = False
    for actor in sorted(weight):
        pull: dict[str, int] = defaultdict(int)
        for other, w in weight[actor].items():
            pull[camp_of[other]] += w
        here = pull.get(camp_of[actor], 0)
        best = max(sorted(pull), key=lambda camp: pull[camp], default=None)
        if best is not None and pull[best] > here and pull[best] > 0:
            camp_of[actor], moved = best, True
        elif here < 0:
            camp_of[actor], moved = next(fresh), True  # at odds with its own camp: leave it
    return moved


def _merge_camps(weight: dict[str, dict[str, int]], camp_of: dict[str, str]) -> bool:
    """Merge camps more tied than opposed to each other, the most tied pair first, each merge
    adding its weights to the merged camp's (agglomeration, as in Louvain's); whether any
    merged."""
    links: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for actor, others in weight.items():
        for other, w in others.items():
            if camp_of[actor] != camp_of[other]:
                links[camp_of[actor]][camp_of[other]] += w
    heap = [(-w, a, b) for a in links for b, w in links[a].items() if a < b and w > 0]
    heapq.heapify(heap)
    into: dict[str, str] = {}
    while heap:
        negative, a, b = heapq.heappop(heap)
        if a in into or b in into or links[a].get(b) != -negative:
            continue  # a camp merged already, or a weight since changed
        if len(links[a]) < len(links[b]):
            a, b = b, a
        into[b] = a
        for other, w in links.pop(b).items():
            del links[other][b]
            if other != a:
                links[a][other] += w
                links[other][a] += w
                if links[a][other] > 0:
                    heapq.heappush(heap, (-links[a][other], min(a, other), max(a, other)))
    for actor, camp in camp_of.items():
        while camp in into:
            camp = into[camp]
        camp_of[actor] = camp
    return bool(into)


def format_camps(camps: Camps, fmt: str = "table") -> str:
    if fmt == "json":
        return json.dumps(camps.to_dict(), indent=2, ensure_ascii=False) + "\n"
    lines = [f"Camps: {len(camps.camps)} (by structural balance; {camps.frustration} relations break the pattern)"]
    for n, camp in enumerate(camps.camps, 1):
        lines += ["", f"Camp {n}: {len(camp.members)} actors, bound by {len(camp.ties)} relations"
                  + (f", {len(camp.enmities)} at odds inside" if camp.enmities else "")]
        lines += [f"  {m.name} ({m.type})" for m in camp.members]
    if camps.between:
        lines += ["", "Between camps:"] + [f"  {b.subject} {b.relation} {b.object} ({b.modality})"
                                           for b in camps.between]
    return "\n".join(lines) + "\n"
