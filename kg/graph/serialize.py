"""A graph written out deterministically (the same graph gives the same bytes) in Turtle, TriG,
N-Triples, N-Quads or JSON-LD, and atomically to a file."""
from __future__ import annotations

import json
import os
import warnings
from collections.abc import Iterable, Mapping
from pathlib import Path

from rdflib import Dataset, Graph
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID

from kg.files import write_atomic
from kg.graph.rdf import PREFIXES, prefixes_for
from kg.graph.writer import Quad, nquads_bytes, ntriples_bytes, trig_bytes, turtle_bytes

__all__ = ["FORMATS", "serialize_graph", "serialize_quads", "quads_of", "write_graph", "union_graph", "graphs_in"]

#: Output formats write_graph knows, by the names rdflib uses.
FORMATS = ("turtle", "trig", "nt", "nquads", "json-ld")
_FORMAT_ALIASES = {"ttl": "turtle", "n-triples": "nt", "ntriples": "nt", "nq": "nquads",
                   "jsonld": "json-ld"}


def serialize_graph(dataset: Graph, format: str = "turtle") -> bytes:
    """The dataset (or a plain Graph) in one of FORMATS, byte-identical for equal input.

    Turtle and N-Triples cannot hold named graphs: they get the union of all graphs
    (with only a default graph, that graph). Use "trig" or "nquads" to keep them.
    """
    name = _format_name(format)
    if name == "json-ld":
        return _jsonld(dataset)
    return serialize_quads(quads_of(dataset), name, _prefixes_of(dataset))


def serialize_quads(quads: Iterable[Quad], format: str = "turtle", prefixes: Mapping[str, str] | None = None) -> bytes:
    """Plain quads (kg.graph.writer) in one of FORMATS but JSON-LD, under kg's prefixes
    unless given others."""
    name = _format_name(format)
    if name == "json-ld":
        raise ValueError("JSON-LD is written from an rdflib graph: use serialize_graph")
    prefixes = prefixes_for() if prefixes is None else prefixes
    if name == "turtle":
        return turtle_bytes(quads, prefixes)
    if name == "trig":
        return trig_bytes(quads, prefixes)
    return ntriples_bytes(quads) if name == "nt" else nquads_bytes(quads)


def _format_name(format: str) -> str:
    name = _FORMAT_ALIASES.get(format, format)
    if name not in FORMATS:
        raise ValueError(f"unknown RDF format {format!r}; use one of {', '.join(FORMATS)}")
    return name


def quads_of(dataset: Graph) -> list[Quad]:
    """The quads of an rdflib Dataset or Graph (a plain Graph's are all in the default graph)."""
    return [(s, p, o, None if g.identifier == DATASET_DEFAULT_GRAPH_ID or not dataset.context_aware
             else g.identifier) for g in graphs_in(dataset) for s, p, o in g]


def _prefixes_of(dataset: Graph) -> dict[str, str]:
    """kg's prefixes, `kgr:` as the dataset binds it."""
    bound = {prefix: str(ns) for prefix, ns in dataset.namespaces()}
    return prefixes_for(bound.get("kgr", prefixes_for()["kgr"]))


def write_graph(dataset: Graph, path: str | os.PathLike[str], format: str = "turtle") -> Path:
    """Serialise (see serialize_graph) and replace `path` atomically: the data goes to a
    temporary file in the same folder, which is then renamed over `path`. On any error
    the temporary file is removed, `path` is left as it was, and the error re-raised."""
    return write_atomic(path, serialize_graph(dataset, format))


def graphs_in(dataset: Graph) -> list[Graph]:
    """The non-empty graphs of a dataset, the default graph first, then by name."""
    if not dataset.context_aware:
        return [dataset]
    graphs = dataset.graphs() if isinstance(dataset, Dataset) else dataset.contexts()  # type: ignore[attr-defined]
    unique = {g.identifier: g for g in graphs if len(g)}
    return [unique[i] for i in sorted(unique, key=lambda i: (i != DATASET_DEFAULT_GRAPH_ID, str(i)))]


def _has_named_graphs(dataset: Graph) -> bool:
    return any(g.identifier != DATASET_DEFAULT_GRAPH_ID for g in graphs_in(dataset))


def union_graph(dataset: Graph) -> Graph:
    """All triples of every graph in one plain Graph, with the dataset's prefixes."""
    union = Graph(bind_namespaces="none")
    for prefix, ns in dataset.namespaces():
        union.bind(prefix, ns, override=True, replace=True)
    for g in graphs_in(dataset):
        for triple in g:
            union.add(triple)
    return union


def _jsonld(dataset: Graph) -> bytes:
    source = dataset if _has_named_graphs(dataset) else union_graph(dataset)
    context = {p: str(ns) for p, ns in dataset.namespaces() if p in PREFIXES}
    with warnings.catch_warnings():  # as in _trig
        warnings.simplefilter("ignore", DeprecationWarning)
        text = source.serialize(format="json-ld", context=context, auto_compact=True)
    return (json.dumps(_sort_json(json.loads(text)), indent=2, ensure_ascii=False, sort_keys=True)
            + "\n").encode("utf-8")


def _sort_json(value: object) -> object:
    """JSON-LD with every array sorted: arrays here are sets of nodes or values
    (kg writes no RDF lists), and rdflib emits them in store order."""
    if isinstance(value, dict):
        return {k: _sort_json(v) for k, v in value.items()}
    if isinstance(value, list):
        items = [_sort_json(v) for v in value]
        return sorted(items, key=lambda v: json.dumps(v, sort_keys=True, ensure_ascii=False))
    return value
