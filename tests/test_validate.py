"""`kg validate`: SHACL shapes of the contract; every graph kg builds conforms, and each
kind of break is reported on a line of its own."""
from __future__ import annotations

import pytest
from rdflib import Dataset, Literal, URIRef

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
])
def test_validate_reports_each_break(seed_graph, change, expected):
    result = validate_graph(_broken(seed_graph, change))
    assert not result.conforms
    assert any(expected in str(v) for v in result.violations), [str(v) for v in result.violations]


def test_validate_cli_prints_violations_and_exits_1(seed_graph, tmp_path):
    graph = _broken(seed_graph, lambda g: g.add((URIRef(KGR + "mevlut-cavusoglu"), KG.metWith,
                                                 URIRef(KGR + "faisal-mekdad"))))
    path = tmp_path / "broken.ttl"
    graph.serialize(path, format="turtle")
    result = invoke("validate", path)
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert lines and all(line.startswith("kgr:statement/") for line in lines)
    assert "a relation only planned or denied is stated as fact" in lines[0] and "(value: kg:Planned)" in lines[0]
    assert result.stderr == f"{path} does not conform: {len(lines)} violation{'s' if len(lines) > 1 else ''}\n"
