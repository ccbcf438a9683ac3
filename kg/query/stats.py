"""`kg stats`: what a graph holds, by actor type, relation class and modality, and which
actors are most connected (degree and betweenness centrality from networkx)."""
from __future__ import annotations

from collections import Counter
from dataclasses import asdict, dataclass

from kg.model import Modality
from kg.graph.graphview import ACTOR_TYPES, RELATION_CLASSES, TOPIC, GraphView

__all__ = ["ActorRank", "GraphStats", "graph_stats", "format_stats"]

_EXACT_BETWEENNESS_UP_TO = 2000  # actors; above, betweenness is estimated from a fixed sample of sources ...
_SAMPLE_WORK = 1_000_000  # ... as many as keep sources x (actors + links) about this, so time stays flat
_SAMPLE_SOURCES = (20, 500)  # fewest and most sources


@dataclass(frozen=True)
class ActorRank:
    name: str
    type: str
    iri: str
    relations: int
    degree_centrality: float
    betweenness: float


@dataclass(frozen=True)
class GraphStats:
    actors: int
    topics: int
    relations: int  # distinct: subject, relation, object and modality
    actor_types: dict[str, int]
    relation_classes: dict[str, int]
    relations_by_name: dict[str, int]
    modalities: dict[str, int]
    articles: int
    top: list[ActorRank]
    betweenness_sampled: bool
    betweenness_sources: int = 0  # the sample's size when estimated
    evidence_statements: int = 0  # a relation as one sentence says it

    def to_dict(self) -> dict:
        return asdict(self)


def graph_stats(view: GraphView, top: int = 10) -> GraphStats:
    """Counts, and the `top` actors by number of relations (negated ones not counted), with
    centrality over the actors linked by asserted or planned relations."""
    import networkx as nx

    actors = [a for a in view.actors if a.type != TOPIC]
    types = Counter(a.type for a in actors)
    classes = Counter(e.relation_class for e in view.edges)
    relations = Counter(e.relation.value for e in view.edges)
    modalities = Counter(e.modality.value for e in view.edges)
    g = nx.Graph()
    g.add_nodes_from(a.id for a in actors)
    g.add_edges_from((e.source, e.target) for e in view.edges
                     if e.modality is not Modality.NEGATED and e.source in g and e.target in g and e.source != e.target)
    degree = nx.degree_centrality(g) if len(g) > 1 else {n: 0.0 for n in g}
    sampled = len(g) > _EXACT_BETWEENNESS_UP_TO
    sources = max(_SAMPLE_SOURCES[0], min(_SAMPLE_SOURCES[1], _SAMPLE_WORK // max(1, len(g) + g.number_of_edges())))
    betweenness = nx.betweenness_centrality(g, k=min(len(g), sources) if sampled else None, seed=1)
    count = view.degrees()
    ranked = sorted(actors, key=lambda a: (-count[a.id], -betweenness.get(a.id, 0.0), a.name, a.id))[:top]
    return GraphStats(
        actors=len(actors), topics=len(view.actors) - len(actors), relations=len(view.edges),
        actor_types={t: types[t] for t in ACTOR_TYPES if types[t]},
        relation_classes={c: classes[c] for c in RELATION_CLASSES},
        relations_by_name={r: n for r, n in sorted(relations.items())},
        modalities={m.value: modalities[m.value] for m in Modality},
        articles=len(view.sources),
        top=[ActorRank(a.name, a.type, a.id, count[a.id], round(degree.get(a.id, 0.0), 4),
                       round(betweenness.get(a.id, 0.0), 4)) for a in ranked],
        betweenness_sampled=sampled, betweenness_sources=min(len(g), sources) if sampled else 0,
        evidence_statements=sum(len(e.evidence) for e in view.edges),
    )


def format_stats(stats: GraphStats) -> str:
    def counts(d: dict[str, int]) -> str:
        return ", ".join(f"{k} {v}" for k, v in d.items()) or "none"

    lines = [
        f"Articles:   {stats.articles}",
        f"Actors:     {stats.actors} ({counts(stats.actor_types)})",
        f"Topics:     {stats.topics}",
        f"Relations:  {stats.relations} ({counts(stats.modalities)}), from {stats.evidence_statements} "
        "evidence statements",
        f"  by class: {counts(stats.relation_classes)}",
        f"  by name:  {counts(stats.relations_by_name)}",
        "",
        "Most connected actors" + (f" (betweenness estimated from {stats.betweenness_sources} actors)"
                                   if stats.betweenness_sampled else ""),
    ]
    header = ["#", "actor", "type", "relations", "degree", "betweenness"]
    rows = [[str(i), r.name, r.type, str(r.relations), f"{r.degree_centrality:.3f}", f"{r.betweenness:.3f}"]
            for i, r in enumerate(stats.top, 1)]
    widths = [max(len(x) for x in column) for column in zip(header, *rows)]
    numeric = {0, 3, 4, 5}
    for row in [header, ["-" * w for w in widths]] + rows:
        lines.append("  ".join(c.rjust(w) if i in numeric else c.ljust(w)
                               for i, (c, w) in enumerate(zip(row, widths))).rstrip())
    return "\n".join(lines) + "\n"
