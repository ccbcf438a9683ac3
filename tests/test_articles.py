"""A small corpus of our own articles (tests/data/articles: .txt, .md, .jsonl) about
other regions: the relations an analyst would expect, and the same bytes on every run."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from rdflib import Dataset

from kg.build import BuildOptions, build

ARTICLES = Path(__file__).parent / "data" / "articles"

FACTS = [  # subject, relation, object (label), modality
    ("Abdourahamane Tiani", "metWith", "Assimi Goita", "Asserted"),
    ("Abdourahamane Tiani", "metWith", "Apollinaire Kyelem de Tambela", "Asserted"),
    ("Assimi Goita", "opposes", "ECOWAS", "Asserted"),
    ("Assimi Goita", "opposes", "Islamic State Sahel Province", "Asserted"),
    ("Abdourahamane Tiani", "metWith", "Omar Touray", "Negated"),
    ("Kaja Kallas", "metWith", "Alexander Stubb", "Asserted"),
    ("Kaja Kallas", "opposes", "Russia", "Asserted"),
    ("Alexander Stubb", "supports", "Volodymyr Zelensky", "Asserted"),
    ("Kaja Kallas", "metWith", "Jens Stoltenberg", "Asserted"),
    ("Ahmed Moallim Fiqi", "metWith", "Taye Atske Selassie", "Asserted"),
    ("Hakan Fidan", "metWith", "Ahmed Moallim Fiqi", "Asserted"),
    ("Ahmed Moallim Fiqi", "opposes", "Ethiopia", "Asserted"),
    ("Mohamed Hamdan Dagalo", "leads", "Rapid Support Forces", "Asserted"),
]
NOT_FACTS = [
    ("Abdourahamane Tiani", "metWith", "Omar Touray"),
    ("Volodymyr Zelensky", "opposes", "Russia"),
]


@pytest.fixture(scope="module")
def corpus_graph(tmp_path_factory):
    out = tmp_path_factory.mktemp("articles")
    report = build([ARTICLES], BuildOptions(output=out))
    assert (report.articles, report.failures) == (4, [])
    graph = Dataset(default_union=True)
    graph.parse(out / "graph.ttl", format="turtle")
    return out / "graph.ttl", graph


def _statement_exists(sparql_rows, graph, s, p, o, modality) -> bool:
    rows = sparql_rows(graph, f"""
        SELECT ?st WHERE {{
          ?st rdf:predicate kg:{p} ; kg:modality kg:{modality} ; rdf:subject ?a ; rdf:object ?b .
          ?a rdfs:label|skos:altLabel ?sa . ?b rdfs:label|skos:altLabel ?ob .
          FILTER((str(?sa) = "{s}" && str(?ob) = "{o}") || (str(?sa) = "{o}" && str(?ob) = "{s}"))
        }}""")
    return bool(rows)


@pytest.mark.parametrize("fact", FACTS, ids=lambda f: f"{f[0]}-{f[1]}-{f[2]}")
def test_articles_give_the_expected_statement(corpus_graph, sparql_rows, fact):
    assert _statement_exists(sparql_rows, corpus_graph[1], *fact)


@pytest.mark.parametrize("fact", NOT_FACTS, ids=lambda f: f"{f[0]}-{f[1]}-{f[2]}")
def test_articles_state_no_false_fact(corpus_graph, sparql_rows, fact):
    s, p, o = fact
    rows = sparql_rows(corpus_graph[1], f"""
        SELECT ?a WHERE {{ ?a kg:{p} ?b . ?a rdfs:label "{s}" . ?b rdfs:label "{o}" }}""")
    assert rows == []


def test_articles_places_are_not_actors(corpus_graph, sparql_rows):
    rows = sparql_rows(corpus_graph[1], """
        SELECT ?label ?type WHERE { ?x rdfs:label ?label ; a ?type .
          FILTER(?label IN ("Kharkiv", "El Fasher", "Niamey", "Menaka")) }""")
    assert {t for _, t in rows} == {"https://w3id.org/newskg/ontology#Place"}


@pytest.mark.slow  # a build in a process of its own
@pytest.mark.parametrize("hash_seed", ["3", "4"])
def test_articles_build_is_byte_identical_under_any_hash_seed(corpus_graph, tmp_path, hash_seed):
    done = subprocess.run(
        [sys.executable, "-m", "kg.cli", "build", str(ARTICLES), "-o", str(tmp_path), "--quiet"],
        env={**os.environ, "PYTHONHASHSEED": hash_seed}, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "graph.ttl").read_bytes() == corpus_graph[0].read_bytes()
