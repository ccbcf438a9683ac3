"""`kg validate`: SHACL shapes of the contract; every graph kg builds conforms, and each
kind of break is reported on a line of its own."""
from __future__ import annotations

import pytest
from rdflib import RDF, RDFS, Dataset, Literal, URIRef
from rdflib.namespace import PROV, SKOS

from kg.build import BuildOptions, build
from kg.graph.namespace import KG
from kg.graph.validate import validate_graph
from tests import hostile
from tests.cli import invoke

KGR = "https://w3id.org/newskg/id/"
ARTICLES = "tests/data/articles"


def test_validate_seed_graph_conforms(seed_build):
    result = invoke("validate", seed_build[0])
    assert result.exit_code == 0, result.stdout + result.stderr
    assert result.stdout == f"{seed_build[0]} conforms to the kg shapes\n"


def test_validate_every_built_graph_conforms(tmp_path):
    report = build([ARTICLES], BuildOptions(output=tmp_path, html=False))
    assert not report.failures
    graph = Dataset(default_union=True)
    graph.parse(tmp_path / "graph.ttl")
    result = validate_graph(graph)
    assert result.conforms, [str(v) for v in result.violations]
    assert validate_graph(hostile.hostile_graph()).conforms


def _broken(seed_graph, change) -> Dataset:
    graph = Dataset(default_union=True)
    for triple in seed_graph.triples((None, None, None)):
        graph.add(triple)
    change(graph)
    return graph


@pytest.mark.parametrize("change, expected", [
    (lambda g: g.add((URIRef(KGR + "mevlut-cavusoglu"), KG.metWith, URIRef(KGR + "faisal-mekdad"))),
     "a relation only planned or denied is stated as fact"),
    (lambda g: g.add((URIRef(KGR + "turkey"), URIRef("http://www.w3.org/2000/01/rdf-schema#label"),
                      Literal("Türkiye"))),
     "kgr:turkey: rdfs:label: an actor has exactly one rdfs:label"),
    (lambda g: g.remove((None, KG.evidence, None)), "a statement carries its evidence sentence"),
    (lambda g: g.remove((URIRef(KGR + "hulusi-akar"), KG.metWith, None)),
     "an asserted statement between actors has its direct triple"),
    (lambda g: g.add((URIRef(KGR + "raiders"), KG.attacked, URIRef(KGR + "turkey"))),
     "kgr:raiders: -: an end of a relation is an actor: it has a type among kg's actor classes (value: kg:attacked)"),
    (lambda g: g.add((URIRef(KGR + "turkey"), KG.attacked, URIRef(KGR + "syria"))),
     "kgr:turkey: -: a relation stated as fact has an asserted statement with its evidence sentence (value: kgr:syria)"),
])
def test_validate_reports_each_break(seed_graph, change, expected):
    result = validate_graph(_broken(seed_graph, change))
    assert not result.conforms
    assert any(expected in str(v) for v in result.violations), [str(v) for v in result.violations]


def test_validate_catches_an_edge_added_by_an_update(seed_build, tmp_path):
    graph = tmp_path / "g.ttl"
    graph.write_bytes(seed_build[0].read_bytes())
    result = invoke("query", graph, "INSERT DATA { kgr:raiders kg:attacked kgr:turkey }", "--update")
    assert result.exit_code == 0, result.stderr
    result = invoke("validate", graph)
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        "kgr:raiders: -: a relation stated as fact has an asserted statement with its evidence sentence "
        "(value: kgr:turkey)",
        "kgr:raiders: -: an end of a relation is an actor: it has a type among kg's actor classes (value: kg:attacked)",
    ]


def test_validate_cli_prints_violations_and_exits_1(seed_graph, tmp_path):
    graph = _broken(seed_graph, lambda g: g.add((URIRef(KGR + "mevlut-cavusoglu"), KG.metWith,
                                                 URIRef(KGR + "faisal-mekdad"))))
    path = tmp_path / "broken.ttl"
    graph.serialize(path, format="turtle")
    result = invoke("validate", path)
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    planned = [line for line in lines if line.startswith("kgr:statement/")]
    assert planned and all("a relation only planned or denied is stated as fact" in line
                           and "(value: kg:Planned)" in line for line in planned)
    assert [line for line in lines if line not in planned] == [
        "kgr:mevlut-cavusoglu: -: a relation stated as fact has an asserted statement with its evidence sentence "
        "(value: kgr:faisal-mekdad)"]
    assert result.stderr == f"{path} does not conform: {len(lines)} violation{'s' if len(lines) > 1 else ''}\n"


def _first_of(graph, kind):
    return sorted(graph.subjects(RDF.type, kind))[0]


def _set(kind, predicate, value):
    """A change: the first node of `kind` gets `value` for `predicate` instead of what it had."""
    def change(graph):
        node = _first_of(graph, kind)
        graph.remove((node, predicate, None))
        graph.add((node, predicate, value))
    return change


XSD = "http://www.w3.org/2001/XMLSchema#"
BREAKS = {
    "conforms": lambda g: None,
    "planned as fact": lambda g: g.add((URIRef(KGR + "mevlut-cavusoglu"), KG.metWith, URIRef(KGR + "faisal-mekdad"))),
    "two labels": lambda g: g.add((URIRef(KGR + "turkey"), RDFS.label, Literal("Türkiye"))),
    "no evidence": lambda g: g.remove((None, KG.evidence, None)),
    "asserted without triple": lambda g: g.remove((URIRef(KGR + "hulusi-akar"), KG.metWith, None)),
    "confidence as text": _set(RDF.Statement, KG.confidence, Literal("high")),
    "confidence above 1": _set(RDF.Statement, KG.confidence, Literal("1.5", datatype=URIRef(XSD + "decimal"))),
    "negative offset": _set(RDF.Statement, KG.charStart, Literal(-3)),
    "ill-typed offset": _set(RDF.Statement, KG.charEnd, Literal("x", datatype=URIRef(XSD + "integer"))),
    "unknown modality": _set(RDF.Statement, KG.modality, URIRef(str(KG) + "Rumoured")),
    "literal subject": _set(RDF.Statement, RDF.subject, Literal("Turkey")),
    "date as text": _set(RDF.Statement, KG.date, Literal("last week")),
    "derived from an actor": _set(RDF.Statement, PROV.wasDerivedFrom, URIRef(KGR + "turkey")),
    "post held by a state": _set(KG.Post, KG.holder, URIRef(KGR + "turkey")),
    "empty alias": lambda g: g.add((URIRef(KGR + "turkey"), SKOS.altLabel, Literal(""))),
    "two article dates": lambda g: g.add((_first_of(g, KG.Article), KG.date, Literal("2020-01-01"))),
    "untyped attacker without evidence": lambda g: g.add((URIRef(KGR + "raiders"), KG.attacked, URIRef(KGR + "turkey"))),
    "relation to an untyped object": lambda g: g.add((URIRef(KGR + "turkey"), KG.opposes, URIRef(KGR + "nobody"))),
    "typed actors, no statement": lambda g: g.add((URIRef(KGR + "turkey"), KG.attacked, URIRef(KGR + "syria"))),
}


@pytest.mark.slow  # pyshacl, the reference, takes about a second a graph
@pytest.mark.parametrize("name", sorted(BREAKS))
def test_validate_in_oxigraph_finds_what_pyshacl_finds(seed_graph, name):
    graph = _broken(seed_graph, BREAKS[name])
    fast, reference = validate_graph(graph, "oxigraph"), validate_graph(graph, "pyshacl")
    assert fast == reference
    assert fast.conforms is (name == "conforms")
