"""RDF syntaxes written from plain quads, deterministically: the same quads, in any order and
with repeats, give the same bytes. Turtle and TriG group each subject's statements, with
rdf:type first and the rest sorted, and use a prefix wherever the rest of the IRI is a plain
name; N-Triples and N-Quads are one statement per line, the lines sorted.

A quad is `(subject, predicate, object, graph)` of rdflib terms, with `graph` None for the
default graph. kg builds them from its own data (kg.graph.rdf.graph_quads) and reads them from
files through Oxigraph (kg.graph.triples.read_quads): no rdflib store stands in between."""
from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Optional, Tuple

from rdflib import RDF, XSD, BNode, Literal, URIRef
from rdflib.term import Node

__all__ = ["Quad", "turtle_bytes", "trig_bytes", "ntriples_bytes", "nquads_bytes"]

Quad = Tuple[Node, Node, Node, Optional[URIRef]]

_PLAIN_LOCAL = re.compile(r"[A-Za-z0-9_]([A-Za-z0-9_.-]*[A-Za-z0-9_-])?")
_BARE_LITERALS = {str(XSD.integer): re.compile(r"[+-]?\d+"), str(XSD.decimal): re.compile(r"[+-]?\d*\.\d+"),
                  str(XSD.boolean): re.compile(r"true|false")}
_STRING_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t", "\b": "\\b", "\f": "\\f"}
_NEEDS_ESCAPE = re.compile(r'[\\"\x00-\x1f\x7f]')
_IRI_ESCAPE = re.compile(r'[\x00-\x20<>"{}|^`\\]')
_RDF_TYPE = str(RDF.type)
_XSD_STRING = str(XSD.string)


def _escape_char(match: re.Match[str]) -> str:
    char = match.group()
    return _STRING_ESCAPES.get(char) or f"\\u{ord(char):04X}"


def _string(text: str) -> str:
    return '"' + _NEEDS_ESCAPE.sub(_escape_char, text) + '"'


def _iri(iri: str) -> str:
    return "<" + _IRI_ESCAPE.sub(lambda m: f"\\u{ord(m.group()):04X}", iri) + ">"


def _blank(node: BNode) -> str:
    return "_:" + (re.sub(r"[^A-Za-z0-9_-]", "_", str(node)) or "b")


class _Terms:
    """Terms as Turtle writes them under a set of prefixes (numbers and booleans bare), or, with
    no prefixes and `bare` False, as N-Triples does; each formatted once. Remembers which
    prefixes it used."""

    def __init__(self, prefixes: Mapping[str, str], bare: bool = True):
        # the longest namespace wins where one holds another
        self._prefixes = sorted(prefixes.items(), key=lambda kv: (-len(kv[1]), kv[0]))
        self._bare = bare
        self._made: dict[Node, str] = {}
        self.used: set[str] = set()

    def __call__(self, term: Node) -> str:
        made = self._made.get(term)
        if made is None:
            made = self._made[term] = self._format(term)
        return made

    def _format(self, term: Node) -> str:
        if isinstance(term, Literal):
            return self._literal(term)
        if isinstance(term, BNode):
            return _blank(term)
        return self._named(str(term))

    def _named(self, iri: str) -> str:
        for prefix, namespace in self._prefixes:
            if iri.startswith(namespace) and _PLAIN_LOCAL.fullmatch(iri[len(namespace):]):
                self.used.add(prefix)
                return f"{prefix}:{iri[len(namespace):]}"
        return _iri(iri)

    def _literal(self, term: Literal) -> str:
        lexical = str(term)
        if term.language:
            return f"{_string(lexical)}@{term.language}"
        datatype = None if term.datatype is None else str(term.datatype)
        if datatype is None or datatype == _XSD_STRING:
            return _string(lexical)
        bare = _BARE_LITERALS.get(datatype) if self._bare else None
        if bare is not None and bare.fullmatch(lexical):
            return lexical
        return f"{_string(lexical)}^^{self._named(datatype)}"


def _blocks(triples: Iterable[tuple[Node, Node, Node]], terms: _Terms, indent: str) -> str:
    """Turtle text, a paragraph per subject (`s p o1,\n        o2 ;\n    p2 o3 .`), subjects
    in the order of their IRIs, rdf:type first among predicates, the rest and the objects in
    the order of their text."""
    by_subject: dict[Node, set[tuple[Node, Node]]] = {}
    for s, p, o in triples:
        by_subject.setdefault(s, set()).add((p, o))
    blocks = []
    for subject in sorted(by_subject, key=lambda s: ("_:" if isinstance(s, BNode) else "") + str(s)):
        rows = sorted(("" if str(p) == _RDF_TYPE else terms(p), terms(o)) for p, o in by_subject[subject])
        parts, previous = [f"{indent}{terms(subject)}"], None
        for p, o in rows:
            if p == previous:
                parts.append(f",\n{indent}        {o}")
            elif previous is None:
                parts.append(f" {p or 'a'} {o}")
            else:
                parts.append(f" ;\n{indent}    {p or 'a'} {o}")
            previous = p
        blocks.append("".join(parts) + " .\n")
    return "\n".join(blocks)


def _prefix_lines(terms: _Terms, prefixes: Mapping[str, str]) -> str:
    return "".join(f"@prefix {p}: {_iri(prefixes[p])} .\n" for p in sorted(terms.used)) + (
        "\n" if terms.used else "")


def turtle_bytes(quads: Iterable[Quad], prefixes: Mapping[str, str]) -> bytes:
    """Every statement of every graph in one Turtle document (Turtle has no named graphs)."""
    terms = _Terms(prefixes)
    body = _blocks(((s, p, o) for s, p, o, _ in quads), terms, "")
    return (_prefix_lines(terms, prefixes) + body).encode("utf-8")


def trig_bytes(quads: Iterable[Quad], prefixes: Mapping[str, str]) -> bytes:
    """A TriG document: the default graph's statements first, then each named graph's in a
    block of its own, the graphs in the order of their IRIs."""
    terms = _Terms(prefixes)
    by_graph: dict[Node | None, list[tuple[Node, Node, Node]]] = {}
    for s, p, o, g in quads:
        by_graph.setdefault(g, []).append((s, p, o))
    parts = [_blocks(by_graph.pop(None, []), terms, "")] if None in by_graph else []
    for graph in sorted(by_graph, key=str):
        parts.append(f"{terms(graph)} {{\n{_blocks(by_graph[graph], terms, '    ')}}}\n")
    return (_prefix_lines(terms, prefixes) + "\n".join(parts)).encode("utf-8")


def _lines(quads: Iterable[Quad], with_graphs: bool) -> bytes:
    term = _Terms({}, bare=False)
    lines = {f"{term(s)} {term(p)} {term(o)}{' ' + term(g) if with_graphs and g is not None else ''} .\n"
             for s, p, o, g in quads}
    return "".join(sorted(lines)).encode("utf-8")


def ntriples_bytes(quads: Iterable[Quad]) -> bytes:
    """Every statement of every graph as N-Triples, the lines sorted."""
    return _lines(quads, with_graphs=False)


def nquads_bytes(quads: Iterable[Quad]) -> bytes:
    """Every quad as N-Quads (default-graph statements without a graph), the lines sorted."""
    return _lines(quads, with_graphs=True)
