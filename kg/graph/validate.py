"""`kg validate`: a graph checked against the SHACL shapes of the contract
(ontology/shapes.ttl) with pyshacl, each violation as one readable line."""
from __future__ import annotations

import os
from dataclasses import dataclass

from rdflib import RDF, Graph, Namespace
from rdflib.term import Node

from kg.graph.rdf import short_iri
from kg.model import Relation
from kg.errors import GraphFileError
from kg.graph.load import load_graph
from kg.graph.shacl import UnsupportedShapes, shape_violations
from kg.graph.store import store_to_rdflib
from kg.graph.namespace import KG
from kg.datafiles import data_path

__all__ = ["Violation", "ValidationReport", "validate_graph", "validate_file", "load_shapes"]

SH = Namespace("http://www.w3.org/ns/shacl#")
KGSH = Namespace("https://w3id.org/newskg/shapes#")


@dataclass(frozen=True)
class Violation:
    focus: str
    path: str
    message: str
    value: str | None = None

    def __str__(self) -> str:
        value = f" (value: {self.value})" if self.value is not None else ""
        return f"{self.focus}: {self.path}: {self.message}{value}"


@dataclass(frozen=True)
class ValidationReport:
    conforms: bool
    violations: tuple[Violation, ...]


def load_shapes() -> Graph:
    shapes = Graph()
    shapes.parse(data_path("shapes.ttl"), format="turtle")
    return shapes


def relation_declarations() -> list[tuple[Node, Node, Node]]:
    """What the shapes know of each relation of the relation table, as triples: every relation
    is a kgsh:Relation, and a kgsh:SymmetricRelation or kgsh:TopicRelation as the table says."""
    triples = []
    for relation in Relation:
        triples.append((KG[relation.value], RDF.type, KGSH.Relation))
        if relation.symmetric:
            triples.append((KG[relation.value], RDF.type, KGSH.SymmetricRelation))
        if relation.spec.topic:
            triples.append((KG[relation.value], RDF.type, KGSH.TopicRelation))
    return triples


ENGINES = ("oxigraph", "pyshacl")


def validate_file(path: str | os.PathLike[str], engine: str = "oxigraph") -> ValidationReport:
    """Check the graph file at `path`; with the oxigraph engine it is read straight into an
    Oxigraph store (rdflib only reports a file Oxigraph cannot read)."""
    if engine == "oxigraph":
        from kg.graph.store import load_store

        try:
            store = load_store(path)
        except GraphFileError:
            load_graph(path)  # rdflib's message names the line and the reason
            raise
        return _in_oxigraph(store)
    return validate_graph(load_graph(path), engine)


def validate_graph(graph: Graph, engine: str = "oxigraph") -> ValidationReport:
    """Check `graph` (its default graph, or the union of a Dataset with default_union): with
    the shapes' queries run in Oxigraph, or with pyshacl, the reference, far slower on large
    graphs (the two give the same violations)."""
    data = Graph()
    for triple in graph.triples((None, None, None)):
        data.add(triple)
    if engine == "oxigraph":
        import pyoxigraph as ox

        store = ox.Store()
        store.load(data.serialize(format="nt", encoding="utf-8"), format=ox.RdfFormat.N_TRIPLES)
        return _in_oxigraph(store)
    import pyshacl

    for triple in relation_declarations():
        data.add(triple)
    conforms, results, _text = pyshacl.validate(data, shacl_graph=load_shapes(), inference="none",
                                                advanced=True, allow_warnings=True)
    violations = {_violation(results, r) for r in results.objects(None, SH.result)}
    return _report(violations)


def _in_oxigraph(store) -> ValidationReport:
    import pyoxigraph as ox

    for s, p, o in relation_declarations():
        store.add(ox.Quad(ox.NamedNode(str(s)), ox.NamedNode(str(p)), ox.NamedNode(str(o))))
    try:
        found = shape_violations(store, load_shapes())
    except UnsupportedShapes:
        return validate_graph(store_to_rdflib(store), "pyshacl")
    return _report({Violation(_short(f.focus), _short(f.path) if f.path is not None else "-", f.message,
                              None if f.value is None else _short(f.value)) for f in found})


def _report(violations: set[Violation]) -> ValidationReport:
    ordered = sorted(violations, key=lambda v: (v.focus, v.path, v.message, v.value or ""))
    return ValidationReport(not ordered, tuple(ordered))


def _violation(results: Graph, result: Node) -> Violation:
    focus = results.value(result, SH.focusNode)
    path = results.value(result, SH.resultPath)
    message = results.value(result, SH.resultMessage)
    value = results.value(result, SH.value)
    return Violation(_short(focus), _short(path) if path is not None else "-",
                     str(message) if message is not None else "does not conform",
                     None if value is None else _short(value))


def _short(node: Node | None) -> str:
    if node is None:
        return "?"
    text = str(node)
    return short_iri(text) or (text if len(text) <= 120 else text[:117] + "...")
