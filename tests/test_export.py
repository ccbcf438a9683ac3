"""`kg export`: RDF formats that round-trip, GraphML and GEXF with actor and relation
attributes, a CSV row per relation and sentence."""
from __future__ import annotations

import csv
import io

import networkx as nx
import pytest
from rdflib import Graph
from rdflib.compare import isomorphic

from kg.graph.export import CSV_COLUMNS, export
from kg.graph.load import load_graph
from tests.cli import invoke


def _triples(path) -> Graph:
    union = Graph()
    for triple in load_graph(path).triples((None, None, None)):
        union.add(triple)
    return union


@pytest.mark.parametrize("fmt, suffix", [("turtle", "ttl"), ("trig", "trig"), ("nt", "nt"), ("nq", "nq"),
                                         ("jsonld", "jsonld")])
def test_export_rdf_round_trip_is_isomorphic(seed_build, tmp_path, fmt, suffix):
    there = tmp_path / f"graph.{suffix}"
    assert invoke("export", seed_build[0], "--format", fmt, "-o", there).exit_code == 0
    back = tmp_path / "back.ttl"
    assert invoke("export", there, "--format", "turtle", "-o", back).exit_code == 0
    assert isomorphic(_triples(seed_build[0]), _triples(back))


def test_export_graphml_has_actor_and_relation_attributes(seed_build, tmp_path):
    out = tmp_path / "g.graphml"
    result = invoke("export", seed_build[0], "--format", "graphml", "-o", out)
    assert result.stdout == f"graphml -> {out}\n"
    g = nx.read_graphml(out)
    akar = "https://w3id.org/newskg/id/hulusi-akar"
    assert g.nodes[akar]["label"] == "Hulusi Akar" and g.nodes[akar]["type"] == "Person"
    assert g.nodes[akar]["posts"] == "Defense Minister, Turkey"
    planned = [d for _, _, d in g.edges(data=True) if d["modality"] == "Planned"]
    assert len(planned) == 1 and planned[0]["relation"] == "metWith" and planned[0]["date"] == "2023-01"
    assert planned[0]["relation_class"] == "meeting" and "upcoming meeting" in planned[0]["evidence"]


def test_export_gexf_reads_back_in_networkx(seed_build, tmp_path):
    out = tmp_path / "g.gexf"
    invoke("export", seed_build[0], "--format", "gexf", "-o", out)
    g = nx.read_gexf(out)
    assert g.number_of_nodes() == 24 and g.number_of_edges() == 28
    assert {d["relation"] for _, _, d in g.edges(data=True)} >= {"metWith", "opposes", "memberOf", "calledFor"}


def test_export_csv_one_row_per_relation_and_sentence(seed_build):
    rows = list(csv.DictReader(io.StringIO(export(seed_build[0], "csv").decode("utf-8"))))
    assert list(rows[0]) == CSV_COLUMNS
    met = [r for r in rows if (r["subject"], r["relation"], r["object"]) == ("Ali Mahmoud Abbas", "metWith", "Hulusi Akar")]
    # each row has what its own sentence says: no place where the sentence names none
    assert sorted((r["date"], r["place"]) for r in met) == [("", "Moscow"), ("2022-12-28", ""),
                                                           ("2022-12-28", "Moscow")]
    assert all(r["article_title"].startswith("Julani Rejects") for r in met)
    planned = [r for r in rows if r["modality"] == "Planned"]
    assert [(r["subject"], r["object"], r["date"]) for r in planned] == [("Faisal Mekdad", "Mevlut Cavusoglu", "2023-01")]


def test_export_to_stdout_and_refuses_to_overwrite_its_input(seed_build, tmp_path):
    result = invoke("export", seed_build[0], "--format", "nt")
    assert result.exit_code == 0 and result.stdout.count(" .\n") == len(load_graph(seed_build[0]))
    copy = tmp_path / "g.ttl"
    copy.write_bytes(seed_build[0].read_bytes())
    result = invoke("export", copy, "--format", "turtle", "-o", copy)
    assert result.exit_code == 2 and "would overwrite the graph" in result.stderr


def test_export_is_deterministic(seed_build):
    for fmt in ("graphml", "gexf", "csv", "jsonld"):
        assert export(seed_build[0], fmt) == export(seed_build[0], fmt)
    assert b"lastmodifieddate" not in export(seed_build[0], "gexf")


def test_export_of_an_empty_graph(tmp_path):
    empty = tmp_path / "empty.ttl"
    empty.write_text("")
    assert export(empty, "csv").decode().splitlines() == [",".join(CSV_COLUMNS)]


def test_export_csv_cells_that_look_like_formulas_are_text():
    from kg.graph.export import spreadsheet_safe

    assert [spreadsheet_safe(cell) for cell in ["=HYPERLINK(\"http://x\")", "+1", "-2", "@SUM(A1)", "\tx", "\rx",
                                                 "Turkey", "2024-01-02", ""]] == [
        "'=HYPERLINK(\"http://x\")", "'+1", "'-2", "'@SUM(A1)", "'\tx", "'\rx", "Turkey", "2024-01-02", ""]


def test_export_csv_of_formula_like_names_and_evidence(seed_build, tmp_path):
    from rdflib import RDFS, Literal, URIRef

    from kg.graph.namespace import KG

    graph = load_graph(seed_build[0])
    turkey = URIRef("https://w3id.org/newskg/id/turkey")
    graph.set((turkey, RDFS.label, Literal("=HYPERLINK(\"http://evil.example\")")))
    for statement in list(graph.subjects(KG.evidence, None)):
        graph.set((statement, KG.evidence, Literal("@SUM(1+1) said the ministry")))
    path = tmp_path / "formulas.ttl"
    graph.serialize(path, format="turtle")
    result = invoke("export", path, "--format", "csv")
    assert result.exit_code == 0, result.stderr
    rows = list(csv.reader(io.StringIO(result.stdout)))
    cells = [cell for row in rows[1:] for cell in row]
    assert "'=HYPERLINK(\"http://evil.example\")" in cells and "'@SUM(1+1) said the ministry" in cells
    assert not any(cell.startswith(("=", "+", "-", "@", "\t", "\r")) for cell in cells)
