"""`kg validate`: a graph checked against the SHACL shapes of the contract
(ontology/shapes.ttl) with pyshacl, each violation as one readable line."""
from __future__ import annotations

import os
from dataclasses import dataclass

from rdflib import RDF, Graph, Namespace
from rdflib.term import Node

from .rdf import short_iri
from ..model import Relation
from .load import load_graph
from .namespace import KG
from ..datafiles import data_path

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


def validate_file(path: str | os.PathLike[str]) -> ValidationReport:
    return validate_graph(load_graph(path))


def validate_graph(graph: Graph) -> ValidationReport:
    """Check `graph` (its default graph, or the union of a Dataset with default_union)."""
    import pyshacl

    data = Graph()
    for triple in graph.triples((None, None, None)):
        data.add(triple)
    for triple in relation_declarations():
        data.add(triple)
    conforms, results, _text = pyshacl.validate(data, shacl_graph=load_shapes(), inference="none",
                                                advanced=True, allow_warnings=True)
    violations = sorted({_violation(results, r) for r in results.objects(None, SH.result)},
                        key=lambda v: (v.focus, v.path, v.message, v.value or ""))
    return ValidationReport(bool(conforms), tuple(violations))


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
