"""The shapes of the contract (ontology/shapes.ttl) checked in Oxigraph: targets and SPARQL
constraints run as queries over the whole graph at once, each property constraint is read
from one query per path. It covers the SHACL constraint components the shapes use (counts,
datatypes, lengths, node kinds, classes, lists of values, numeric bounds, `sh:or` of
datatypes, SPARQL-based targets and constraints) and reports the violations pyshacl reports
on them, in minutes less on a large graph; shapes that use anything else go to pyshacl."""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from rdflib import RDF, BNode, Graph, Literal, Namespace, URIRef
from rdflib.collection import Collection
from rdflib.term import Node

from kg.graph.triples import rdflib_term

__all__ = ["UnsupportedShapes", "shape_violations"]

SH = Namespace("http://www.w3.org/ns/shacl#")
XSD_STRING = URIRef("http://www.w3.org/2001/XMLSchema#string")
RDF_LANG_STRING = URIRef("http://www.w3.org/1999/02/22-rdf-syntax-ns#langString")
SUPPORTED = {SH.path, SH.message, SH.minCount, SH.maxCount, SH.datatype, SH.minLength, SH.nodeKind, SH["class"],
             SH["in"], SH.minInclusive, SH.maxInclusive, SH["or"]}
NODE_LEVEL = {RDF.type, SH.targetClass, SH.target, SH.property, SH.sparql, SH.nodeKind}


class UnsupportedShapes(Exception):
    """The shapes use a SHACL feature this evaluator does not know."""


@dataclass(frozen=True)
class Found:
    """One violation: focus node, path (None at node level), message, value (None for counts)."""

    focus: Node
    path: Node | None
    message: str
    value: Node | None


def shape_violations(store, shapes: Graph) -> set[Found]:
    """The violations of the data in `store` (a pyoxigraph Store) against `shapes`."""
    prefixes = _prefixes(shapes)
    found: set[Found] = set()
    for shape in sorted(set(shapes.subjects(RDF.type, SH.NodeShape))):
        unknown = set(shapes.predicates(shape)) - NODE_LEVEL
        if unknown:
            raise UnsupportedShapes(f"{shape}: {sorted(unknown)}")
        focus = _targets(store, shapes, shape, prefixes)
        if not focus:
            continue
        kind = shapes.value(shape, SH.nodeKind)
        if kind is not None:
            found |= {Found(n, None, f"Value is not of Node Kind {kind.n3()}", n) for n in focus
                      if not _has_kind(n, kind)}
        for constraint in shapes.objects(shape, SH.sparql):
            found |= _sparql_constraint(store, shapes, constraint, focus, prefixes)
        for prop in shapes.objects(shape, SH.property):
            found |= _property(store, shapes, prop, focus)
    return found


def _prefixes(shapes: Graph) -> str:
    lines = []
    for declared in shapes.objects(None, SH.declare):
        prefix, namespace = shapes.value(declared, SH.prefix), shapes.value(declared, SH.namespace)
        if prefix is not None and namespace is not None:
            lines.append(f"PREFIX {prefix}: <{namespace}>")
    return "\n".join(sorted(set(lines))) + "\n"


def _targets(store, shapes: Graph, shape: Node, prefixes: str) -> set[Node]:
    focus: set[Node] = set()
    for cls in shapes.objects(shape, SH.targetClass):
        focus |= {row[0] for row in _select(store, f"SELECT ?this WHERE {{ ?this a <{cls}> }}")}
    for target in shapes.objects(shape, SH.target):
        query = shapes.value(target, SH.select)
        if query is None:
            raise UnsupportedShapes(f"{shape}: a target that is no SPARQL select")
        focus |= {row[0] for row in _select(store, prefixes + str(query))}
    return focus


def _sparql_constraint(store, shapes: Graph, constraint: Node, focus: set[Node], prefixes: str) -> set[Found]:
    query = str(shapes.value(constraint, SH.select)).replace("$this", "?this")
    message = str(shapes.value(constraint, SH.message) or "does not conform")
    return {Found(this, None, message, value) for this, value in _select(store, prefixes + query, 2)
            if this in focus}


def _property(store, shapes: Graph, prop: Node, focus: set[Node]) -> set[Found]:
    unknown = set(shapes.predicates(prop)) - SUPPORTED
    path = shapes.value(prop, SH.path)
    if unknown or not isinstance(path, URIRef):
        raise UnsupportedShapes(f"a property shape with {sorted(unknown) or 'a complex path'}")
    message = str(shapes.value(prop, SH.message) or "does not conform")
    values: dict[Node, list[Node]] = defaultdict(list)
    for subject, value in _select(store, f"SELECT ?s ?v WHERE {{ ?s <{path}> ?v }}", 2):
        if subject in focus:
            values[subject].append(value)
    checks = _value_checks(store, shapes, prop)
    least, most = shapes.value(prop, SH.minCount), shapes.value(prop, SH.maxCount)
    found = set()
    for node in focus:
        seen = values.get(node, [])
        if (least is not None and len(seen) < int(least)) or (most is not None and len(seen) > int(most)):
            found.add(Found(node, path, message, None))
        found |= {Found(node, path, message, v) for v in seen if not all(check(v) for check in checks)}
    return found


def _value_checks(store, shapes: Graph, prop: Node) -> list:
    """One test per value constraint of a property shape: True when a value passes it."""
    checks = []
    datatype = shapes.value(prop, SH.datatype)
    if datatype is not None:
        checks.append(lambda v, d=datatype: _of_datatype(v, d))
    length = shapes.value(prop, SH.minLength)
    if length is not None:
        checks.append(lambda v, n=int(length): not isinstance(v, BNode) and len(str(v)) >= n)
    kind = shapes.value(prop, SH.nodeKind)
    if kind is not None:
        checks.append(lambda v, k=kind: _has_kind(v, k))
    cls = shapes.value(prop, SH["class"])
    if cls is not None:
        members = {row[0] for row in _select(store, f"SELECT ?x WHERE {{ ?x a <{cls}> }}")}
        checks.append(lambda v, m=members: v in m)
    allowed = shapes.value(prop, SH["in"])
    if allowed is not None:
        checks.append(lambda v, a=frozenset(Collection(shapes, allowed)): v in a)
    for bound, keep in ((SH.minInclusive, lambda x, b: x >= b), (SH.maxInclusive, lambda x, b: x <= b)):
        limit = shapes.value(prop, bound)
        if limit is not None:
            checks.append(lambda v, b=float(limit), k=keep: _number(v) is not None and k(_number(v), b))
    either = shapes.value(prop, SH["or"])
    if either is not None:
        types = [shapes.value(option, SH.datatype) for option in Collection(shapes, either)]
        if None in types:
            raise UnsupportedShapes("sh:or of shapes other than datatypes")
        checks.append(lambda v, ts=tuple(types): any(_of_datatype(v, t) for t in ts))
    return checks


def _of_datatype(value: Node, datatype: Node) -> bool:
    if not isinstance(value, Literal) or value.ill_typed:
        return False
    actual = value.datatype or (RDF_LANG_STRING if value.language else XSD_STRING)
    return actual == datatype


def _has_kind(node: Node, kind: Node) -> bool:
    if kind == SH.IRI:
        return isinstance(node, URIRef)
    if kind == SH.Literal:
        return isinstance(node, Literal)
    raise UnsupportedShapes(f"sh:nodeKind {kind}")


def _number(value: Node) -> float | None:
    try:
        return float(value) if isinstance(value, Literal) else None
    except ValueError:
        return None


def _select(store, query: str, width: int = 1) -> list[tuple]:
    return [tuple(rdflib_term(solution[i]) for i in range(width))
            for solution in store.query(query, use_default_graph_as_union=True)]
