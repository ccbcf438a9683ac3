"""What the HTML view shows, read from any graph that follows the contract: actors with
their names and posts, and relations grouped into edges with every piece of evidence."""
from __future__ import annotations

import calendar
from collections.abc import Iterable
from dataclasses import dataclass, field, replace

from rdflib import RDF, RDFS, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, SKOS
from rdflib.term import Node

from kg.model import ActorType, Modality, Relation
from kg.graph.namespace import KG, SCHEMA
from kg.graph.triples import TripleIndex
from kg.relationtable import relation_table

__all__ = ["RELATION_CLASSES", "ACTOR_TYPES", "TOPIC", "Evidence", "Source", "ViewPost", "ViewActor",
           "ViewEdge", "ActorRef", "GraphView", "read_view", "relation_class", "date_span"]

#: Relation classes of the view, each with the relations it groups.
RELATION_CLASSES: dict[str, tuple[Relation, ...]] = {
    name: tuple(r for r in Relation if r.relation_class == name) for name in relation_table().classes}

#: Node types of the view: the actor types, then "Topic" for what an actor called for
#: that is not an actor, and "Actor" for an actor of no known type.
TOPIC = "Topic"
ACTOR_TYPES = tuple(t.value for t in ActorType) + (TOPIC, "Actor")
_TYPE_OF_CLASS = {KG[t.value]: t.value for t in ActorType}
_RELATIONS = {KG[r.value]: r for r in Relation}
_MODALITIES = {KG[m.value]: m for m in Modality}


def relation_class(relation: Relation) -> str:
    return relation.relation_class


@dataclass(frozen=True)
class Source:
    """The article a piece of evidence comes from."""

    iri: str
    title: str | None = None
    date: str | None = None
    url: str | None = None
    file: str | None = None
    outlet: str | None = None  # the name of who published it


@dataclass(frozen=True)
class Evidence:
    """One evidence statement of an edge: its sentence, and what the statement itself says of
    when, where and how sure (not the edge's other sentences)."""

    sentence: str
    source: str | None  # IRI of the article, a key of GraphView.sources
    date: str | None = None
    place: str | None = None  # the place's name
    confidence: float | None = None
    speaker: str | None = None  # the name of who says it (prov:wasAttributedTo)


@dataclass(frozen=True)
class ViewPost:
    title: str
    organisation: str  # name of the state or organisation
    date: str | None = None


@dataclass(frozen=True)
class ViewActor:
    id: str  # the IRI, or "topic:<text>" for a topic
    name: str
    type: str  # one of ACTOR_TYPES
    aliases: tuple[str, ...] = ()
    posts: tuple[ViewPost, ...] = ()


@dataclass(frozen=True)
class ActorRef:
    """An actor as a report names it: what `kg diff` and the camps list."""

    name: str
    type: str
    iri: str


@dataclass(frozen=True)
class ViewEdge:
    """Every statement of one relation between two actors with one modality, merged.
    A symmetric relation has its ends in a fixed order (the smaller id first)."""

    source: str
    target: str
    relation: Relation
    modality: Modality
    evidence: tuple[Evidence, ...] = ()
    dates: tuple[str, ...] = ()  # ISO dates, year-months or years
    places: tuple[str, ...] = ()  # place names
    confidence: float | None = None

    @property
    def relation_class(self) -> str:
        return self.relation.relation_class

    @property
    def directed(self) -> bool:
        return not self.relation.symmetric


@dataclass(frozen=True)
class GraphView:
    actors: tuple[ViewActor, ...]
    edges: tuple[ViewEdge, ...]
    sources: dict[str, Source] = field(default_factory=dict)
    #: Actors and relations of the whole graph, before any selection.
    total_actors: int = 0
    total_edges: int = 0

    def degrees(self) -> dict[str, int]:
        """Relations per actor, negated ones not counted."""
        degree = {a.id: 0 for a in self.actors}
        for e in self.edges:
            if e.modality is not Modality.NEGATED:
                degree[e.source] += 1
                degree[e.target] += 1
        return degree

    def restricted(self, actor_ids: Iterable[str], edges: Iterable[ViewEdge] | None = None) -> GraphView:
        """The same view with only these actors and the edges between them (or `edges`)."""
        keep = set(actor_ids)
        kept_edges = self.edges if edges is None else tuple(edges)
        return replace(self, actors=tuple(a for a in self.actors if a.id in keep),
                       edges=tuple(e for e in kept_edges if e.source in keep and e.target in keep))


def _number(value: Node | None) -> float | None:
    try:
        return None if value is None else float(value)
    except ValueError:
        return None


def read_view(graph: "Graph | TripleIndex") -> GraphView:
    """The view of a graph: actors by IRI, edges from its reified statements (and from
    direct relation triples that no statement backs, as asserted edges without evidence)."""
    reader = _Reader(graph)
    edges = reader.edges()
    actors = reader.actors({e.source for e in edges} | {e.target for e in edges})
    return GraphView(actors=actors, edges=edges, sources=reader.sources,
                     total_actors=len(actors), total_edges=len(edges))


@dataclass
class _EdgeParts:
    evidence: list[Evidence] = field(default_factory=list)
    dates: set[str] = field(default_factory=set)
    places: set[str] = field(default_factory=set)
    confidence: float | None = None


class _Reader:
    def __init__(self, graph: "Graph | TripleIndex"):
        self.g = graph
        self.sources: dict[str, Source] = {}
        self._labels: dict[Node, str] = {}

    def label(self, node: Node) -> str:
        if node not in self._labels:
            names = sorted(str(o) for o in self.g.objects(node, RDFS.label))
            self._labels[node] = names[0] if names else _local_name(node)
        return self._labels[node]

    def actor_type(self, node: Node) -> str:
        types = sorted(_TYPE_OF_CLASS[t] for t in self.g.objects(node, RDF.type) if t in _TYPE_OF_CLASS)
        return types[0] if types else "Actor"

    def source(self, node: Node | None) -> str | None:
        if node is None:
            return None
        key = str(node)
        if key not in self.sources:
            g = self.g
            title = _first(g.objects(node, DCTERMS.title)) or _first(g.objects(node, SCHEMA.headline))
            date = _first(g.objects(node, KG.date)) or _first(g.objects(node, SCHEMA.datePublished))
            outlet = g.value(node, KG.publishedBy)
            self.sources[key] = Source(key, title, date, _first(g.objects(node, SCHEMA.url)),
                                       _first(g.objects(node, KG.sourceFile)),
                                       None if outlet is None else self.label(outlet))
        return key

    def edges(self) -> tuple[ViewEdge, ...]:
        parts: dict[tuple[str, str, Relation, Modality], _EdgeParts] = {}
        backed: set[tuple[Node, Node, Node]] = set()
        g = self.g
        for st in sorted(set(g.subjects(RDF.type, RDF.Statement))):
            predicate = g.value(st, RDF.predicate)
            s, o = g.value(st, RDF.subject), g.value(st, RDF.object)
            if predicate not in _RELATIONS or s is None or o is None or isinstance(s, Literal):
                continue
            modality = _MODALITIES.get(g.value(st, KG.modality), Modality.ASSERTED)
            if modality is Modality.ASSERTED:
                backed.add((s, predicate, o))
            edge = parts.setdefault(self._edge_key(s, _RELATIONS[predicate], o, modality), _EdgeParts())
            date, place, speaker = _first(g.objects(st, KG.date)), g.value(st, KG.place), \
                g.value(st, PROV.wasAttributedTo)
            confidence = _number(g.value(st, KG.confidence))
            sentence = _first(g.objects(st, KG.evidence))
            if sentence is not None:
                edge.evidence.append(Evidence(sentence, self.source(g.value(st, PROV.wasDerivedFrom)), date,
                                              None if place is None else self.label(place), confidence,
                                              None if speaker is None else self.label(speaker)))
            edge.dates.update(str(d) for d in g.objects(st, KG.date))
            edge.places.update(self.label(p) for p in g.objects(st, KG.place))
            if confidence is not None:
                edge.confidence = max(confidence, edge.confidence or 0.0)
        for predicate, relation in _RELATIONS.items():
            for s, o in g.subject_objects(predicate):
                if (s, predicate, o) not in backed and not isinstance(s, Literal):
                    parts.setdefault(self._edge_key(s, relation, o, Modality.ASSERTED), _EdgeParts())
        return tuple(
            ViewEdge(s, t, relation, modality,
                     evidence=tuple(sorted(set(p.evidence), key=lambda e: (e.source or "", e.sentence))),
                     dates=tuple(sorted(p.dates)), places=tuple(sorted(p.places)), confidence=p.confidence)
            for (s, t, relation, modality), p in sorted(parts.items(), key=lambda kv: _sort_key(kv[0])))

    def _edge_key(self, s: Node, relation: Relation, o: Node, modality: Modality) -> tuple[str, str, Relation, Modality]:
        source, target = str(s), _node_id(o)
        if relation.symmetric and target < source:
            source, target = target, source
        return source, target, relation, modality

    def actors(self, in_relations: set[str]) -> tuple[ViewActor, ...]:
        g = self.g
        nodes = {n for t in _TYPE_OF_CLASS if t != KG.Place for n in g.subjects(RDF.type, t)
                 if isinstance(n, URIRef)}
        nodes |= {URIRef(i) for i in in_relations if not i.startswith("topic:")}
        posts = self._posts()
        actors = [ViewActor(str(n), self.label(n), self.actor_type(n),
                            tuple(sorted({str(a) for a in g.objects(n, SKOS.altLabel)} - {self.label(n)})),
                            posts.get(n, ()))
                  for n in nodes]
        actors += [ViewActor(i, i[len("topic:"):], TOPIC) for i in in_relations if i.startswith("topic:")]
        return tuple(sorted(actors, key=lambda a: a.id))

    def _posts(self) -> dict[Node, tuple[ViewPost, ...]]:
        g = self.g
        found: dict[Node, set[ViewPost]] = {}
        for post in g.subjects(RDF.type, KG.Post):
            holder, org = g.value(post, KG.holder), g.value(post, KG.postIn)
            if holder is None:
                continue
            title = _first(g.objects(post, RDFS.label)) or "post"
            found.setdefault(holder, set()).add(
                ViewPost(title, self.label(org) if org is not None else "", _first(g.objects(post, KG.validAt))))
        return {h: tuple(sorted(p, key=lambda p: (p.title, p.organisation, p.date or ""))) for h, p in found.items()}


def date_span(date: str) -> tuple[str, str] | None:
    """First and last day of an ISO date, year-month or year: ("2022-12-01", "2022-12-31")."""
    parts = date.split("-")
    try:
        if len(parts) == 3 and len(date) == 10:
            return date, date
        year = int(parts[0])
        if len(parts) == 2:
            month = int(parts[1])
            return f"{year:04d}-{month:02d}-01", f"{year:04d}-{month:02d}-{calendar.monthrange(year, month)[1]:02d}"
        if len(parts) == 1:
            return f"{year:04d}-01-01", f"{year:04d}-12-31"
    except ValueError:
        pass
    return None


def _sort_key(key: tuple[str, str, Relation, Modality]) -> tuple[str, str, str, str]:
    s, t, relation, modality = key
    return s, t, relation.value, modality.value


def _node_id(node: Node) -> str:
    return f"topic:{node}" if isinstance(node, Literal) else str(node)


def _first(values: Iterable[Node]) -> str | None:
    """The smallest value as text, so that the choice does not depend on store order."""
    texts = sorted(str(v) for v in values)
    return texts[0] if texts else None


def _local_name(node: Node) -> str:
    text = str(node).rstrip("/#")
    for sep in ("#", "/"):
        if sep in text:
            text = text.rsplit(sep, 1)[1]
    return text.replace("-", " ").replace("_", " ") or str(node)
