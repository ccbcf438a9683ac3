"""kg.graph.writer: Turtle, TriG, N-Triples and N-Quads written from plain quads, the same
bytes for the same statements, and read back by rdflib and Oxigraph as what was written."""
from __future__ import annotations

import random

import pyoxigraph as ox
import pytest
from rdflib import RDF, RDFS, XSD, BNode, Dataset, Literal, URIRef

from kg.graph.rdf import prefixes_for
from kg.graph.triples import read_quads
from kg.graph.writer import nquads_bytes, ntriples_bytes, trig_bytes, turtle_bytes

KG = "https://w3id.org/newskg/ontology#"
BASE = "https://w3id.org/newskg/id/"
ARTICLE = URIRef(BASE + "article/a-1")
VALMORA = URIRef(BASE + "valmora")
ORDEN = URIRef(BASE + "orden-front")
STATEMENT = URIRef(BASE + "statement/0f1e")


def _quads():
    awkward = 'She said "no"\\ then\nleft\tat\x01 once — “quoted” 🙂'
    return [
        (VALMORA, RDF.type, URIRef(KG + "Country"), None),
        (VALMORA, RDFS.label, Literal("Valmora"), None),
        (VALMORA, RDFS.label, Literal("Valmore", lang="fr"), None),
        (ORDEN, RDF.type, URIRef(KG + "ArmedGroup"), None),
        (ORDEN, URIRef(KG + "opposes"), VALMORA, ARTICLE),
        (STATEMENT, URIRef(KG + "evidence"), Literal(awkward), ARTICLE),
        (STATEMENT, URIRef(KG + "charStart"), Literal(12), ARTICLE),
        (STATEMENT, URIRef(KG + "confidence"), Literal("0.85", datatype=XSD.decimal), ARTICLE),
        (STATEMENT, URIRef(KG + "date"), Literal("2024-03", datatype=XSD.gYearMonth), ARTICLE),
        (STATEMENT, URIRef(KG + "flag"), Literal(True), ARTICLE),
        (STATEMENT, URIRef(KG + "score"), Literal("1e3", datatype=XSD.double), ARTICLE),
        (STATEMENT, URIRef(KG + "place"), URIRef(BASE + "place/ends-with-dot."), ARTICLE),
        (STATEMENT, URIRef(KG + "note"), BNode("n1"), ARTICLE),
        (BNode("n1"), RDFS.label, Literal("a blank node"), ARTICLE),
    ]


def _triples(quads):
    return {(s, p, o) for s, p, o, _ in quads}


def _parsed(data: bytes, fmt: str) -> Dataset:
    ds = Dataset()
    ds.parse(data=data.decode("utf-8"), format=fmt)
    return ds


def _without_blank(triples):
    return {t for t in triples if not any(isinstance(x, BNode) for x in t)}


@pytest.mark.parametrize("write, fmt", [
    (lambda q: turtle_bytes(q, prefixes_for()), "turtle"), (lambda q: trig_bytes(q, prefixes_for()), "trig"),
    (ntriples_bytes, "nt"), (nquads_bytes, "nquads")])
def test_rdflib_reads_back_every_statement(write, fmt):
    parsed = {(s, p, o) for s, p, o, _ in _parsed(write(_quads()), fmt).quads()}
    assert _without_blank(parsed) == _without_blank(_triples(_quads()))
    assert len(parsed) == len(_triples(_quads()))  # the blank node's statements too


@pytest.mark.parametrize("write, fmt", [
    (lambda q: turtle_bytes(q, prefixes_for()), ox.RdfFormat.TURTLE),
    (lambda q: trig_bytes(q, prefixes_for()), ox.RdfFormat.TRIG),
    (ntriples_bytes, ox.RdfFormat.N_TRIPLES), (nquads_bytes, ox.RdfFormat.N_QUADS)])
def test_oxigraph_strict_parser_accepts_the_output(write, fmt):
    assert len(list(ox.parse(write(_quads()), format=fmt))) == len(_triples(_quads()))


def test_named_graphs_survive_in_trig_and_nquads(tmp_path):
    for name, data in (("g.trig", trig_bytes(_quads(), prefixes_for())), ("g.nq", nquads_bytes(_quads()))):
        path = tmp_path / name
        path.write_bytes(data)
        graphs = {(str(s), str(p), g) for s, p, _, g in read_quads(path) if not isinstance(s, BNode)}
        assert (str(ORDEN), KG + "opposes", ARTICLE) in graphs
        assert (str(VALMORA), str(RDFS.label), None) in graphs


def test_order_and_repeats_do_not_change_the_bytes():
    quads = _quads()
    shuffled = quads + quads[:5]
    random.Random(7).shuffle(shuffled)
    for write in (lambda q: turtle_bytes(q, prefixes_for()), lambda q: trig_bytes(q, prefixes_for()),
                  ntriples_bytes, nquads_bytes):
        assert write(shuffled) == write(quads)


def test_turtle_layout_groups_each_subject():
    quads = [(VALMORA, RDFS.label, Literal("Valmora"), None), (VALMORA, RDF.type, URIRef(KG + "Country"), None),
             (ORDEN, URIRef(KG + "opposes"), VALMORA, ARTICLE), (ORDEN, URIRef(KG + "opposes"), URIRef(BASE + "x/y"), None),
             (ORDEN, RDF.type, URIRef(KG + "ArmedGroup"), None)]
    assert turtle_bytes(quads, prefixes_for()).decode() == (
        "@prefix kg: <https://w3id.org/newskg/ontology#> .\n"
        "@prefix kgr: <https://w3id.org/newskg/id/> .\n"
        "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n\n"
        "kgr:orden-front a kg:ArmedGroup ;\n"
        "    kg:opposes <https://w3id.org/newskg/id/x/y>,\n"
        "        kgr:valmora .\n\n"
        "kgr:valmora a kg:Country ;\n"
        '    rdfs:label "Valmora" .\n')


def test_trig_puts_each_named_graph_in_a_block():
    text = trig_bytes([(ORDEN, URIRef(KG + "opposes"), VALMORA, ARTICLE),
                       (VALMORA, RDFS.label, Literal("Valmora"), None)], prefixes_for()).decode()
    assert text.endswith('kgr:valmora rdfs:label "Valmora" .\n\n'
                         "<https://w3id.org/newskg/id/article/a-1> {\n"
                         "    kgr:orden-front kg:opposes kgr:valmora .\n"
                         "}\n")


def test_a_base_iri_of_the_users_own_is_the_kgr_prefix():
    text = turtle_bytes([(URIRef("https://example.org/kg/valmora"), RDF.type, URIRef(KG + "Country"), None)],
                        prefixes_for("https://example.org/kg/")).decode()
    assert "@prefix kgr: <https://example.org/kg/> ." in text
    assert "kgr:valmora a kg:Country ." in text


def test_empty_input_gives_empty_documents():
    assert turtle_bytes([], prefixes_for()) == b""
    assert trig_bytes([], prefixes_for()) == b""
    assert ntriples_bytes([]) == b""
