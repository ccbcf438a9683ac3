"""A graph file read for looking things up, fast: parsed by Oxigraph (Turtle, TriG, N-Triples,
N-Quads) into plain dictionaries of rdflib terms, with the few lookups the view and `kg stats`
make (`objects`, `subjects`, `value`, `subject_objects`). rdflib's own parser and store take
ten to twenty times longer on a graph of thousands of articles. Other syntaxes, and files
Oxigraph refuses (for rdflib's error message with its line), go through `load_graph`."""
from __future__ import annotations

import os
from collections import defaultdict
from pathlib import Path
from typing import Iterable, Iterator

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.term import Node

from kg.graph.load import graph_file_errors, graph_format, load_graph
from kg.graph.load import oxigraph_format
from kg.graph.writer import Quad

__all__ = ["TripleIndex", "load_for_lookup", "read_quads", "rdflib_quads", "rdflib_term"]

XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


class TripleIndex:
    """The triples of every graph of a file (their union), indexed by subject and predicate,
    and by predicate and object."""

    def __init__(self) -> None:
        self._objects: dict[tuple[Node, Node], list[Node]] = defaultdict(list)
        self._subjects: dict[tuple[Node, Node], list[Node]] = defaultdict(list)
        self._pairs: dict[Node, list[tuple[Node, Node]]] = defaultdict(list)
        self._seen: set[tuple[Node, Node, Node]] = set()

    def add(self, s: Node, p: Node, o: Node) -> None:
        triple = (s, p, o)
        if triple in self._seen:
            return
        self._seen.add(triple)
        self._objects[s, p].append(o)
        if not isinstance(o, Literal):  # no one asks who has a given literal
            self._subjects[p, o].append(s)
        self._pairs[p].append((s, o))

    @classmethod
    def of_quads(cls, quads: Iterable[Quad]) -> "TripleIndex":
        """The index of the quads' triples, whatever their graph."""
        index = cls()
        for s, p, o, _ in quads:
            index.add(s, p, o)
        return index

    def __len__(self) -> int:
        return len(self._seen)

    def objects(self, s: Node, p: Node) -> Iterator[Node]:
        return iter(self._objects.get((s, p), ()))

    def subjects(self, p: Node, o: Node) -> Iterator[Node]:
        """The subjects with object `o` (an IRI or blank node) for `p`."""
        return iter(self._subjects.get((p, o), ()))

    def value(self, s: Node, p: Node) -> Node | None:
        found = self._objects.get((s, p))
        return found[0] if found else None

    def subject_objects(self, p: Node) -> Iterator[tuple[Node, Node]]:
        return iter(self._pairs.get(p, ()))


LOOKUP_SYNTAXES = ("turtle", "trig", "nt", "nquads")  # the ones Oxigraph reads here; the rest go to rdflib


def load_for_lookup(path: str | os.PathLike[str]) -> "TripleIndex | Graph":
    """The graph in `path`, ready for lookups: a TripleIndex when Oxigraph reads the syntax,
    else (or when Oxigraph finds the file invalid, to report it as load_graph does) an rdflib
    Dataset. Raises GraphFileError as load_graph does."""
    path = Path(path)
    if graph_format(path) not in LOOKUP_SYNTAXES:
        return load_graph(path)
    try:
        return TripleIndex.of_quads(_oxigraph_quads(path))
    except (SyntaxError, ValueError, UnicodeDecodeError):
        return load_graph(path)  # its message names the line and the reason, as every command's does


def read_quads(path: str | os.PathLike[str]) -> list[Quad]:
    """Every quad of the graph file `path` (None for the default graph), read by Oxigraph where
    it can, else by rdflib. Raises GraphFileError as load_graph does."""
    from kg.graph.serialize import quads_of

    path = Path(path)
    if graph_format(path) in LOOKUP_SYNTAXES:
        try:
            return list(_oxigraph_quads(path))
        except (SyntaxError, ValueError, UnicodeDecodeError):
            pass  # load_graph reports it
    return quads_of(load_graph(path))


def _oxigraph_quads(path: Path) -> Iterator[Quad]:
    import pyoxigraph as ox

    with graph_file_errors(path):
        yield from rdflib_quads(ox.parse(path=str(path), format=oxigraph_format(path)))


def rdflib_quads(quads) -> Iterator[Quad]:
    """Oxigraph's quads (from a parser or a store) as plain quads of rdflib terms."""
    import pyoxigraph as ox

    terms = _Terms()
    for quad in quads:
        graph = None if isinstance(quad.graph_name, ox.DefaultGraph) else terms.of(quad.graph_name)
        yield terms.of(quad.subject), terms.of(quad.predicate), terms.of(quad.object), graph


class _Terms:
    """rdflib terms for Oxigraph's, each made once."""

    def __init__(self) -> None:
        self._made: dict[object, Node] = {}

    def of(self, term) -> Node:
        made = self._made.get(term)
        if made is None:
            made = self._made[term] = _convert(term)
        return made


def rdflib_term(term) -> Node | None:
    """The rdflib term for an Oxigraph term (None for None: an unbound variable)."""
    return None if term is None else _convert(term)


def _convert(term) -> Node:
    import pyoxigraph as ox

    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if term.language:
        return Literal(term.value, lang=term.language)
    datatype = term.datatype.value
    return Literal(term.value) if datatype == XSD_STRING else Literal(term.value, datatype=URIRef(datatype))
