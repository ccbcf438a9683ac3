"""Build the RDF graph of the graph contract (DESIGN.md) from resolved actors,
assertions, posts and events (written out by `serialize`)."""
from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

import functools

from rdflib import RDF, RDFS, XSD, Dataset, Graph, Literal, URIRef
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
from rdflib.namespace import DCTERMS, PROV, SKOS
from rdflib.term import Node

from kg.ids import short_hash, slug
from kg.model import DEFAULT_LANGUAGE, Actor, ActorType, Article, Assertion, Event, Modality, Post, Relation
from kg.graph.namespace import DEFAULT_BASE_IRI, KG, SCHEMA, SEM
from kg.graph.writer import Quad


class _LookedUp:
    """A namespace whose terms are looked up once each: rdflib's own lookup of `RDF.type` or
    `KG.date` costs about a microsecond, and a graph of thousands of articles makes millions."""

    def __init__(self, namespace):
        self._namespace = namespace

    def __getattr__(self, name: str) -> URIRef:
        term = getattr(self._namespace, name) if not isinstance(self._namespace, str) else self._namespace[name]
        setattr(self, name, term)
        return term

    def __getitem__(self, name: str) -> URIRef:
        return getattr(self, name)


_RDF, _RDFS, _SKOS, _PROV, _DCTERMS, _XSD, _KG, _SCHEMA, _SEM = (
    _LookedUp(ns) for ns in (RDF, RDFS, SKOS, PROV, DCTERMS, XSD, KG, SCHEMA, SEM))

__all__ = ["PREFIXES", "short_iri", "graph_quads", "to_graph", "prefixes_for", "bind_prefixes", "actor_iri", "article_iri", "slug"]

def actor_iri(key: str, base_iri: str = DEFAULT_BASE_IRI) -> URIRef:
    """The IRI of the actor (or place) with this key, e.g. `person/hulusi-akar`."""
    return URIRef(base_iri + key)


def article_iri(article_id: str, base_iri: str = DEFAULT_BASE_IRI) -> URIRef:
    return URIRef(f"{base_iri}article/{slug(article_id) or short_hash(article_id)}")


@dataclass(frozen=True)
class _Iris:
    base: str

    def actor(self, key: str) -> URIRef:
        return actor_iri(key, self.base)

    def article(self, article_id: str) -> URIRef:
        return article_iri(article_id, self.base)

    def statement(self, article: str, subject: str, relation: Relation, obj: str | None,
                  topic: str | None, modality: Modality, start: int, end: int) -> URIRef:
        target = f"actor:{obj}" if obj is not None else f"topic:{topic}"
        h = short_hash(article, subject, relation.value, target, modality.value, start, end)
        return URIRef(f"{self.base}statement/{h}")

    def post(self, p: Post) -> URIRef:
        h = short_hash(p.article, p.holder, p.organisation, p.title, p.leads, p.start, p.end)
        return URIRef(f"{self.base}post/{h}")

    def event(self, e: Event) -> URIRef:
        h = short_hash(e.article, ",".join(sorted(set(e.participants))), e.modality.value,
                       e.start, e.end, e.date or "", e.place or "")
        return URIRef(f"{self.base}event/{h}")


def graph_quads(
    articles: Sequence[Article],
    actors: Sequence[Actor],
    posts: Sequence[Post],
    assertions: Sequence[Assertion],
    events: Sequence[Event],
    *,
    base_iri: str = DEFAULT_BASE_IRI,
) -> list[Quad]:
    """Everything as plain quads (kg.graph.writer writes them out): actors and articles in
    the default graph (None), each article's assertions, posts and events in the graph named
    by the article's IRI. A triple may come more than once; the writers keep one.

    Raises ValueError when an assertion, post or event names an actor key or article id
    that is not among `actors` / `articles`, or carries a malformed date or confidence.
    """
    iris = _Iris(base_iri)
    by_key = _index_actors(actors)
    _check_references(articles, by_key, posts, assertions, events)
    quads: list[Quad] = []
    terms: dict[Node, Node] = {}
    default = _GraphSink(quads, None, terms)
    sinks: dict[str, _GraphSink] = {}

    def graph_of(article_id: str) -> _GraphSink:
        if article_id not in sinks:
            sinks[article_id] = _GraphSink(quads, iris.article(article_id), terms)
        return sinks[article_id]

    for actor in by_key.values():
        _add_actor(default, iris.actor(actor.key), actor.type, actor.name, actor.aliases)
    outlets: dict[str, list[str]] = {}  # key of an outlet not among actors -> names seen
    for article in articles:
        outlet_key = _add_article(default, iris, article, by_key)
        if outlet_key is not None and outlet_key not in by_key:
            names = outlets.setdefault(outlet_key, [])
            if article.outlet not in names:
                names.append(article.outlet)
    for key, names in outlets.items():
        _add_actor(default, iris.actor(key), ActorType.MEDIA_OUTLET, names[0], names[1:])

    dates = {a.id: a.date for a in articles}
    tongues = {a.id: a.language for a in articles if a.language != DEFAULT_LANGUAGE}
    for a in assertions:
        _add_assertion(graph_of(a.article), iris, a, tongues.get(a.article))
    for p in posts:
        _add_post(graph_of(p.article), iris, p, dates.get(p.article), tongues.get(p.article))
    for e in events:
        _add_event(graph_of(e.article), iris, e, tongues.get(e.article))
    return quads


class _GraphSink:
    """Takes triples, as an rdflib Graph does, and keeps them as quads of one graph, each
    term held once however often it comes (`terms` maps a term to the one kept)."""

    def __init__(self, quads: list[Quad], graph: URIRef | None, terms: dict[Node, Node]):
        self._quads, self._graph, self._terms = quads, graph, terms

    def add(self, triple: tuple[Node, Node, Node]) -> None:
        keep = self._terms.setdefault
        s, p, o = triple
        self._quads.append((keep(s, s), keep(p, p), keep(o, o), self._graph))


def to_graph(articles: Sequence[Article], actors: Sequence[Actor], posts: Sequence[Post],
             assertions: Sequence[Assertion], events: Sequence[Event], *, base_iri: str = DEFAULT_BASE_IRI,
             named_graphs: bool = False) -> Dataset:
    """The quads of graph_quads as one rdflib Dataset, for code that wants rdflib's API.
    Without `named_graphs`, everything goes in the default graph."""
    ds = Dataset()
    bind_prefixes(ds, base_iri)
    graphs: dict[URIRef | None, Graph] = {None: ds.graph(DATASET_DEFAULT_GRAPH_ID)}
    for s, p, o, g in graph_quads(articles, actors, posts, assertions, events, base_iri=base_iri):
        name = g if named_graphs else None
        if name not in graphs:
            graphs[name] = ds.graph(name)
        graphs[name].add((s, p, o))
    return ds


def prefixes_for(base_iri: str = DEFAULT_BASE_IRI) -> dict[str, str]:
    """The prefixes kg writes, with `kgr:` standing for the resources' base IRI."""
    return {**PREFIXES, "kgr": base_iri}


PREFIXES = {"kg": str(KG), "rdf": str(RDF), "rdfs": str(RDFS), "skos": str(SKOS),
             "prov": str(PROV), "schema": str(SCHEMA), "sem": str(SEM), "xsd": str(XSD),
             "dcterms": str(DCTERMS), "kgr": DEFAULT_BASE_IRI}


def short_iri(iri: str) -> str | None:
    """`kgr:turkey` for an IRI under one of PREFIXES (the longest namespace wins), else None."""
    for prefix, ns in sorted(PREFIXES.items(), key=lambda kv: -len(kv[1])):
        if iri.startswith(ns) and iri != ns:
            return f"{prefix}:{iri[len(ns):]}"
    return None


def bind_prefixes(ds: Graph, base_iri: str = DEFAULT_BASE_IRI) -> None:
    for prefix, ns in prefixes_for(base_iri).items():
        ds.bind(prefix, ns, override=True, replace=True)


def _index_actors(actors: Iterable[Actor]) -> dict[str, Actor]:
    """Actors by key; the same key twice must be the same actor (aliases are merged)."""
    by_key: dict[str, Actor] = {}
    for actor in actors:
        seen = by_key.get(actor.key)
        if seen is None:
            by_key[actor.key] = Actor(actor.key, actor.name, actor.type, set(actor.aliases))
        elif (seen.name, seen.type) != (actor.name, actor.type):
            raise ValueError(f"actor key {actor.key!r} given for both {seen.name!r} ({seen.type.value}) "
                             f"and {actor.name!r} ({actor.type.value})")
        else:
            seen.aliases |= actor.aliases
    return by_key


def _check_references(articles: Sequence[Article], by_key: dict[str, Actor], posts: Sequence[Post],
                      assertions: Sequence[Assertion], events: Sequence[Event]) -> None:
    keys: set[str] = set()
    article_ids: set[str] = set()
    for a in assertions:
        keys.update(k for k in (a.subject, a.object, a.place, a.speaker) if k is not None)
        article_ids.add(a.article)
        if a.object is None and a.topic is None:
            raise ValueError(f"assertion {a.subject} {a.relation.value} in {a.article!r} "
                             "has neither an object nor a topic")
    for p in posts:
        keys.update((p.holder, p.organisation))
        article_ids.add(p.article)
    for e in events:
        keys.update(e.participants)
        keys.update([e.place] if e.place is not None else [])
        article_ids.add(e.article)
    if missing := sorted(keys - by_key.keys()):
        raise ValueError(f"unknown actor keys (not among the actors given): {', '.join(missing)}")
    if missing := sorted(article_ids - {a.id for a in articles}):
        raise ValueError(f"unknown article ids (not among the articles given): {', '.join(missing)}")


def _add_actor(g: _GraphSink, node: URIRef, type_: ActorType, name: str, aliases: Iterable[str]) -> None:
    g.add((node, _RDF.type, _KG[type_.value]))
    g.add((node, _RDFS.label, Literal(name)))
    for alias in sorted(set(aliases) - {name}):
        if alias:
            g.add((node, _SKOS.altLabel, Literal(alias)))


def _add_article(g: _GraphSink, iris: _Iris, article: Article, by_key: dict[str, Actor]) -> str | None:
    """Describe the article; return the key of its outlet, if it names one."""
    node = iris.article(article.id)
    g.add((node, _RDF.type, _KG.Article))
    g.add((node, _RDF.type, _SCHEMA.NewsArticle))
    g.add((node, _KG.sourceFile, Literal(article.source)))
    if article.language != DEFAULT_LANGUAGE:
        g.add((node, _DCTERMS.language, Literal(article.language)))
    if article.title:
        g.add((node, _SCHEMA.headline, Literal(article.title)))
        g.add((node, _DCTERMS.title, Literal(article.title)))
    if article.date is not None:
        date = article.date.date() if isinstance(article.date, dt.datetime) else article.date
        g.add((node, _KG.date, Literal(date)))
        g.add((node, _SCHEMA.datePublished, Literal(date)))
    if article.url:
        g.add((node, _SCHEMA.url, Literal(article.url, datatype=_XSD.anyURI)))
    if not article.outlet:
        return None
    key = _outlet_key(article.outlet, by_key)
    if key is not None:
        g.add((node, _KG.publishedBy, iris.actor(key)))
    return key


def _outlet_name(name: str) -> str:
    return re.sub(r"^the\s+", "", " ".join(name.split()).casefold())


def _outlet_key(outlet: str, by_key: dict[str, Actor]) -> str | None:
    """A media outlet among the actors with this name or alias, else `media-outlet/<slug>`."""
    wanted = _outlet_name(outlet)
    by_name = [a.key for a in by_key.values()
               if a.type is ActorType.MEDIA_OUTLET and _outlet_name(a.name) == wanted]
    by_alias = [a.key for a in by_key.values()
                if a.type is ActorType.MEDIA_OUTLET and wanted in {_outlet_name(x) for x in a.aliases}]
    if by_name or by_alias:
        return sorted(by_name)[0] if by_name else sorted(by_alias)[0]
    return f"media-outlet/{slug(wanted)}" if slug(wanted) else None


@functools.lru_cache(maxsize=4096)
def _date_literal(text: str) -> Literal:
    """An ISO date, year-month or year as xsd:date, xsd:gYearMonth or xsd:gYear."""
    try:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
            dt.date.fromisoformat(text)
            return Literal(text, datatype=_XSD.date)
        if re.fullmatch(r"\d{4}-(0[1-9]|1[0-2])", text):
            return Literal(text, datatype=_XSD.gYearMonth)
        if re.fullmatch(r"\d{4}", text):
            return Literal(text, datatype=_XSD.gYear)
    except ValueError:
        pass
    raise ValueError(f"not an ISO date, year-month or year: {text!r}")


@functools.lru_cache(maxsize=1024)
def _confidence_literal(value: float) -> Literal:
    if not 0 <= value <= 1:
        raise ValueError(f"confidence must be between 0 and 1, not {value!r}")
    return Literal(Decimal(str(value)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))


def _add_statement(g: _GraphSink, node: URIRef, s: URIRef, p: URIRef, o: Node, modality: Modality,
                   source: URIRef, evidence: str, start: int, end: int, tongue: str | None) -> None:
    g.add((node, _RDF.type, _RDF.Statement))
    g.add((node, _RDF.subject, s))
    g.add((node, _RDF.predicate, p))
    g.add((node, _RDF.object, o))
    g.add((node, _KG.modality, _KG[modality.value]))
    g.add((node, _PROV.wasDerivedFrom, source))
    _add_evidence(g, node, evidence, start, end, tongue)


@functools.lru_cache(maxsize=65536)
def _integer(n: int) -> Literal:
    return Literal(n)


def _add_evidence(g: _GraphSink, node: URIRef, evidence: str, start: int, end: int, tongue: str | None) -> None:
    """The sentence, tagged with its language when it is not English (`"..."@fr`)."""
    g.add((node, _KG.evidence, Literal(evidence, lang=tongue)))
    g.add((node, _KG.charStart, _integer(start)))
    g.add((node, _KG.charEnd, _integer(end)))


def _add_assertion(g: _GraphSink, iris: _Iris, a: Assertion, tongue: str | None) -> None:
    s = iris.actor(a.subject)
    p = _KG[a.relation.value]
    o = iris.actor(a.object) if a.object is not None else Literal(a.topic)
    node = iris.statement(a.article, a.subject, a.relation, a.object, a.topic, a.modality,
                          a.start, a.end)
    _add_statement(g, node, s, p, o, a.modality, iris.article(a.article), a.evidence, a.start, a.end, tongue)
    if a.confidence is not None:
        g.add((node, _KG.confidence, _confidence_literal(a.confidence)))
    if a.date:
        g.add((node, _KG.date, _date_literal(a.date)))
    if a.place is not None:
        g.add((node, _KG.place, iris.actor(a.place)))
    if a.speaker is not None:
        g.add((node, _PROV.wasAttributedTo, iris.actor(a.speaker)))
    # A direct triple states a fact: only what the text asserts, with an actor as
    # object (or, for calledFor, a topic).
    if a.modality is Modality.ASSERTED and (a.object is not None or a.relation.spec.topic):
        g.add((s, p, o))


def _add_post(g: _GraphSink, iris: _Iris, post: Post, article_date: dt.date | None, tongue: str | None) -> None:
    node = iris.post(post)
    holder, org = iris.actor(post.holder), iris.actor(post.organisation)
    source = iris.article(post.article)
    g.add((node, _RDF.type, _KG.Post))
    g.add((node, _KG.holder, holder))
    g.add((node, _KG.postIn, org))
    g.add((node, _RDFS.label, Literal(post.title)))
    if article_date is not None:
        date = article_date.date() if isinstance(article_date, dt.datetime) else article_date
        g.add((node, _KG.validAt, Literal(date)))
    g.add((node, _PROV.wasDerivedFrom, source))
    _add_evidence(g, node, post.evidence, post.start, post.end, tongue)


def _add_event(g: _GraphSink, iris: _Iris, e: Event, tongue: str | None) -> None:
    node = iris.event(e)
    g.add((node, _RDF.type, _KG.Meeting))
    g.add((node, _RDF.type, _SEM.Event))
    for key in e.participants:
        g.add((node, _SEM.hasActor, iris.actor(key)))
    if e.place is not None:
        g.add((node, _SEM.hasPlace, iris.actor(e.place)))
    if e.date:
        g.add((node, _KG.date, _date_literal(e.date)))
    g.add((node, _KG.modality, _KG[e.modality.value]))
    g.add((node, _PROV.wasDerivedFrom, iris.article(e.article)))
    _add_evidence(g, node, e.evidence, e.start, e.end, tongue)
    g.add((node, _KG.confidence, _confidence_literal(e.confidence)))
