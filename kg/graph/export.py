"""`kg export`: a graph in another RDF syntax, or as a network for Gephi and other tools
(GraphML, GEXF), or as a CSV table of relations."""
from __future__ import annotations

import csv
import io
import os
import re
from pathlib import Path

from kg.collector import paused_collector
from kg.files import write_atomic
from kg.graph.serialize import serialize_graph, serialize_quads
from kg.graph.load import load_graph
from kg.graph.triples import load_for_lookup, read_quads
from kg.graph.graphview import GraphView, read_view

__all__ = ["EXPORT_FORMATS", "export", "export_bytes", "to_networkx", "spreadsheet_safe"]

#: Export formats by name; RDF ones map to kg.graph.rdf's serializer names.
_RDF = {"turtle": "turtle", "ttl": "turtle", "trig": "trig", "nt": "nt", "nq": "nquads", "jsonld": "json-ld"}
EXPORT_FORMATS = ("turtle", "trig", "nt", "nq", "jsonld", "graphml", "gexf", "csv")

CSV_COLUMNS = ["subject", "relation", "object", "modality", "date", "place", "confidence", "evidence",
               "article", "article_title", "article_url", "article_file", "subject_iri", "object_iri"]


@paused_collector()
def export(graph_path: str | os.PathLike[str], fmt: str, output: str | os.PathLike[str] | None = None) -> bytes:
    """The graph at `graph_path` in `fmt`; written atomically to `output` when given. Graphs
    are read through Oxigraph, but for JSON-LD, which rdflib writes."""
    if fmt not in EXPORT_FORMATS:
        raise ValueError(f"unknown export format {fmt!r}; use one of {', '.join(EXPORT_FORMATS)}")
    if fmt == "jsonld":
        data = serialize_graph(load_graph(graph_path), "json-ld")
    elif fmt in _RDF:
        data = serialize_quads(read_quads(graph_path), _RDF[fmt])
    else:
        data = export_bytes(load_for_lookup(graph_path), fmt)
    if output is not None:
        write_atomic(Path(output), data)
    return data


def export_bytes(graph, fmt: str) -> bytes:
    """An rdflib graph, or a TripleIndex (for the network and table formats), in `fmt`."""
    if fmt in _RDF:
        return serialize_graph(graph, _RDF[fmt])
    view = read_view(graph)
    if fmt == "csv":
        return _csv(view)
    if fmt in ("graphml", "gexf"):
        return _network_file(to_networkx(view), fmt)
    raise ValueError(f"unknown export format {fmt!r}; use one of {', '.join(EXPORT_FORMATS)}")


def to_networkx(view: GraphView):
    """A networkx MultiDiGraph: a node per actor (label, type, aliases, iri), an edge per
    relation, modality and pair (relation, class, modality, dates, places, confidence,
    evidence count and sentences). Lists are joined with " | " so GraphML and GEXF hold them."""
    import networkx as nx

    g = nx.MultiDiGraph()
    for actor in view.actors:
        g.add_node(actor.id, label=actor.name, type=actor.type, aliases=" | ".join(actor.aliases),
                   posts=" | ".join(f"{p.title}, {p.organisation}" for p in actor.posts))
    for n, edge in enumerate(view.edges):
        g.add_edge(edge.source, edge.target, key=f"e{n}", relation=edge.relation.value,
                   relation_class=edge.relation_class, modality=edge.modality.value, directed=edge.directed,
                   date=" | ".join(edge.dates), place=" | ".join(edge.places),
                   confidence=edge.confidence if edge.confidence is not None else -1.0,
                   evidence_count=len(edge.evidence), evidence=" | ".join(e.sentence for e in edge.evidence))
    return g


def _network_file(g, fmt: str) -> bytes:
    import networkx as nx

    out = io.BytesIO()
    if fmt == "graphml":
        nx.write_graphml(g, out, encoding="utf-8", named_key_ids=True)
        return out.getvalue()
    nx.write_gexf(g, out, encoding="utf-8")
    # networkx stamps today's date in GEXF; leave it out so equal graphs give equal files
    return re.sub(rb'<meta lastmodifieddate="[^"]*">', b"<meta>", out.getvalue(), count=1)


_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(cell: str) -> str:
    """A cell a spreadsheet shows as text: one that starts like a formula gets a leading
    apostrophe (names and sentences come from arbitrary pages)."""
    return "'" + cell if cell.startswith(_FORMULA_STARTS) else cell


class _SafeWriter:
    def __init__(self, out: io.StringIO):
        self._writer = csv.writer(out, lineterminator="\n")

    def writerow(self, row: list[str]) -> None:
        self._writer.writerow([spreadsheet_safe(cell) for cell in row])


def _csv(view: GraphView) -> bytes:
    names = {a.id: a.name for a in view.actors}
    out = io.StringIO()
    writer = _SafeWriter(out)
    writer.writerow(CSV_COLUMNS)
    for edge in view.edges:
        topic = edge.target.startswith("topic:")
        common = [names[edge.source], edge.relation.value, names[edge.target], edge.modality.value]
        iris = [edge.source, "" if topic else edge.target]
        for evidence in edge.evidence or (None,):
            # each row says what its own statement says; a relation with no evidence, what the edge does
            source = view.sources.get(evidence.source) if evidence and evidence.source else None
            date = evidence.date if evidence else "; ".join(edge.dates)
            place = evidence.place if evidence else "; ".join(edge.places)
            value = evidence.confidence if evidence else edge.confidence
            confidence = "" if value is None else f"{value:.2f}"
            writer.writerow(common + [date or "", place or "", confidence, evidence.sentence if evidence else "",
                                      source.iri if source else "", (source.title or "") if source else "",
                                      (source.url or "") if source else "", (source.file or "") if source else ""]
                            + iris)
    return out.getvalue().encode("utf-8")
