"""The seed article, built through kg.build, gives the graph DESIGN.md's contract promises.

Everything is asked through SPARQL by label; only namespaces are hard-coded.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys

import pytest
import yaml
from rdflib import Dataset

import kg.build
from kg.build import BuildOptions
from kg.reading.ingest import read_articles
from kg.datafiles import data_path

AKAR, FIDAN = "Hulusi Akar", "Hakan Fidan"
SHOIGU, ABBAS = "Sergei Shoigu", "Ali Mahmoud Abbas"
CAVUSOGLU, MEKDAD = "Mevlut Cavusoglu", "Faisal Mekdad"
JULANI, HTS = "Abu Muhammad al-Julani", "Hay'at Tahrir al-Sham"

ACTOR_CLASSES = ("Actor", "Person", "Organization", "ArmedGroup", "Country", "GovernmentBody",
                 "MediaOutlet", "InternationalOrganization", "Group")
ACTOR_TYPES = " ".join(f"kg:{name}" for name in ACTOR_CLASSES)


def met_with(sparql_rows, graph, name: str) -> set[str]:
    """Labels of everyone with a direct kg:metWith triple to or from `name`."""
    rows = sparql_rows(graph, f"""
        SELECT DISTINCT ?other WHERE {{
            ?a rdfs:label "{name}" .
            ?a kg:metWith|^kg:metWith ?o .
            ?o rdfs:label ?other .
        }}""")
    return {other for (other,) in rows}


def labels(sparql_rows, graph, where: str) -> list[str]:
    return [label for (label,) in sparql_rows(graph, f"SELECT DISTINCT ?label WHERE {{ {where} }}")]


@pytest.mark.parametrize("person", [AKAR, FIDAN])
def test_end_to_end_turkish_officials_met_russian_and_syrian_ministers(seed_graph, sparql_rows, person):
    assert {SHOIGU, ABBAS} <= met_with(sparql_rows, seed_graph, person)


def test_end_to_end_planned_meeting_has_no_direct_triple(seed_graph, sparql_rows):
    assert CAVUSOGLU not in met_with(sparql_rows, seed_graph, MEKDAD)
    assert MEKDAD not in met_with(sparql_rows, seed_graph, CAVUSOGLU)


def test_end_to_end_planned_meeting_is_a_reified_statement(seed_graph, sparql_rows):
    rows = sparql_rows(seed_graph, f"""
        SELECT ?evidence WHERE {{
            ?a rdfs:label "{CAVUSOGLU}" . ?b rdfs:label "{MEKDAD}" .
            ?st a rdf:Statement ; rdf:predicate kg:metWith ; kg:modality kg:Planned ;
                kg:evidence ?evidence .
            {{ ?st rdf:subject ?a ; rdf:object ?b }} UNION {{ ?st rdf:subject ?b ; rdf:object ?a }}
        }}""")
    assert rows, "no planned metWith statement between Cavusoglu and Mekdad"
    assert any("might take place" in evidence for (evidence,) in rows), rows


def test_end_to_end_julani_leads_or_belongs_to_hts(seed_graph, sparql_rows):
    assert labels(sparql_rows, seed_graph, f"""
        ?j rdfs:label "{JULANI}" ; kg:memberOf|kg:leads ?group .
        ?group rdfs:label ?label .
        FILTER(?label = "{HTS}")""") == [HTS]


def test_end_to_end_julani_opposes_syria(seed_graph, sparql_rows):
    assert labels(sparql_rows, seed_graph, f"""
        ?j rdfs:label "{JULANI}" ; kg:opposes ?country .
        ?country a kg:Country ; rdfs:label ?label .
        FILTER(?label = "Syria")""") == ["Syria"]


@pytest.mark.parametrize(("name", "alias"), [(JULANI, "Julani"), (HTS, "HTS")])
def test_end_to_end_actor_has_alt_label(seed_graph, sparql_rows, name, alias):
    assert alias in labels(sparql_rows, seed_graph, f'?a rdfs:label "{name}" ; skos:altLabel ?label .')


@pytest.mark.parametrize(("name", "type_"), [(AKAR, "Person"), ("Turkey", "Country"), (HTS, "ArmedGroup")])
def test_end_to_end_actor_has_type(seed_graph, sparql_rows, name, type_):
    types = labels(sparql_rows, seed_graph, f'?a rdfs:label "{name}" ; a ?label .')
    assert f"https://w3id.org/newskg/ontology#{type_}" in types


def test_end_to_end_ministry_is_a_government_body(seed_graph, sparql_rows):
    found = labels(sparql_rows, seed_graph, """
        ?m a kg:GovernmentBody ; rdfs:label ?label .
        FILTER(CONTAINS(?label, "Ministry") && CONTAINS(?label, "Defen"))""")
    assert found, "no kg:GovernmentBody labelled like the Turkish Ministry of Defense"


def test_end_to_end_defense_minister_post(seed_graph, sparql_rows):
    rows = sparql_rows(seed_graph, """
        SELECT ?holder ?in WHERE {
            ?p a kg:Post ; rdfs:label "Defense Minister" ; kg:holder ?h ; kg:postIn ?c .
            ?h rdfs:label ?holder . ?c rdfs:label ?in .
        }""")
    assert (AKAR, "Turkey") in rows


def test_end_to_end_meeting_event_has_all_four_participants(seed_graph, sparql_rows):
    rows = sparql_rows(seed_graph, f"""
        SELECT DISTINCT ?m WHERE {{
            ?m a kg:Meeting .
            {" ".join(f'?m sem:hasActor [ rdfs:label "{name}" ] .' for name in (AKAR, FIDAN, SHOIGU, ABBAS))}
        }}""")
    assert rows, "no kg:Meeting with Akar, Fidan, Shoigu and Abbas as sem:hasActor"


def test_end_to_end_every_statement_has_provenance(seed_graph, sparql_rows):
    rows = sparql_rows(seed_graph, """
        SELECT ?st ?evidence ?start ?end ?source WHERE {
            ?st a rdf:Statement .
            OPTIONAL { ?st kg:evidence ?evidence }
            OPTIONAL { ?st kg:charStart ?start }
            OPTIONAL { ?st kg:charEnd ?end }
            OPTIONAL { ?st prov:wasDerivedFrom ?source }
        }""")
    assert rows
    missing = [row[0] for row in rows if "" in row]
    assert not missing, f"statements without evidence, offsets or source: {missing}"


@pytest.mark.parametrize("node_type", ["rdf:Statement", "kg:Post", "kg:Meeting"])
def test_end_to_end_evidence_is_the_cleaned_text_at_its_offsets(seed_graph, sparql_rows, seed_path, node_type):
    texts = {article.source: article.text for article in read_articles([seed_path.parent])}
    rows = sparql_rows(seed_graph, f"""
        SELECT ?node ?evidence ?start ?end ?file WHERE {{
            ?node a {node_type} ; kg:evidence ?evidence ; kg:charStart ?start ; kg:charEnd ?end ;
                  prov:wasDerivedFrom ?article .
            ?article kg:sourceFile ?file .
        }}""")
    assert rows
    wrong = [(node, evidence, texts[file][int(start):int(end)])
             for node, evidence, start, end, file in rows
             if texts[file][int(start):int(end)] != evidence]
    assert not wrong, wrong


@pytest.mark.parametrize("word", ["Defense", "Defence", "Minister", "Ministry"])
def test_end_to_end_no_actor_labelled_with_a_lone_title_word(seed_graph, sparql_rows, word):
    assert not sparql_rows(seed_graph, f"""
        SELECT ?a WHERE {{
            VALUES ?type {{ {ACTOR_TYPES} }}
            ?a a ?type ; rdfs:label ?label .
            FILTER(LCASE(STR(?label)) = "{word.lower()}")
        }}""")


def test_end_to_end_no_actor_labelled_with_a_lone_word_of_titles_yaml(seed_graph, sparql_rows):
    titles = yaml.safe_load(data_path("en/titles.yaml").read_text(encoding="utf-8"))
    words = {w.lower() for w in [*titles["heads"], *titles["modifiers"]] if " " not in w}
    rows = sparql_rows(seed_graph, f"""
        SELECT DISTINCT ?label WHERE {{
            VALUES ?type {{ {ACTOR_TYPES} }}
            ?a a ?type ; rdfs:label ?label .
        }}""")
    assert [label for (label,) in rows if label.lower() in words] == []


def test_end_to_end_article_has_title_and_outlet(seed_graph, sparql_rows):
    rows = sparql_rows(seed_graph, """
        SELECT ?title ?outlet WHERE {
            ?a a kg:Article ; dcterms:title|schema:headline ?title ; kg:publishedBy ?o .
            ?o a kg:MediaOutlet ; rdfs:label ?outlet .
        }""")
    assert rows
    assert {title for title, _ in rows} == {"Julani Rejects Turkish-Syrian Rapprochement, Calls for Alignment"}
    assert {outlet for _, outlet in rows} <= {"The Syrian Observer", "Syrian Observer"}


@pytest.mark.slow  # a build in a process of its own
@pytest.mark.parametrize("hash_seed", ["1", "2"])
def test_end_to_end_build_is_byte_identical_across_runs(seed_build, seed_path, tmp_path, hash_seed):
    """A second build, in a fresh process with another hash seed, writes the same bytes."""
    seed_ttl, _ = seed_build
    env = {**os.environ, "PYTHONHASHSEED": hash_seed}
    done = subprocess.run(
        [sys.executable, "-c", "import sys; from kg.cli import main; sys.exit(main())",
         "build", str(seed_path.parent), "-o", str(tmp_path), "--quiet"],
        env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "graph.ttl").read_bytes() == seed_ttl.read_bytes()


def test_end_to_end_build_twice_in_one_process_is_byte_identical(seed_build, seed_path, tmp_path):
    seed_ttl, _ = seed_build
    kg.build.build([seed_path.parent], BuildOptions(output=tmp_path))
    assert (tmp_path / "graph.ttl").read_bytes() == seed_ttl.read_bytes()


def test_end_to_end_copies_of_an_article_merge_into_one_actor(tmp_path, sparql_rows, seed_path):
    first, second = tmp_path / "a" / "first.txt", tmp_path / "b" / "nested" / "second.txt"
    for copy in (first, second):
        copy.parent.mkdir(parents=True)
        shutil.copyfile(seed_path, copy)
    report = kg.build.build([tmp_path / "a", tmp_path / "b"], BuildOptions(output=tmp_path / "out"))
    assert (report.articles, report.failures) == (2, [])
    graph = Dataset(default_union=True)
    graph.parse(tmp_path / "out" / "graph.ttl", format="turtle")
    assert len(sparql_rows(graph, "SELECT DISTINCT ?a WHERE { ?a a kg:Article }")) == 2
    for name in (AKAR, "Turkey"):
        assert len(sparql_rows(graph, f'SELECT DISTINCT ?a WHERE {{ ?a rdfs:label "{name}" }}')) == 1, name


@pytest.mark.parametrize("portfolio", ["Foreign", "Transport", "Agriculture"])
def test_end_to_end_title_stays_out_of_person_label(tmp_path, sparql_rows, portfolio):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "talks.txt").write_text(
        f"Talks in Athens\n\nGreek {portfolio} Minister Eleni Vardaki met Cypriot {portfolio} Minister "
        "Andreas Kyprianou in Athens on Friday, officials said.\n", encoding="utf-8")
    kg.build.build([tmp_path / "in"], BuildOptions(output=tmp_path / "out"))
    graph = Dataset(default_union=True)
    graph.parse(tmp_path / "out" / "graph.ttl", format="turtle")
    people = sparql_rows(graph, "SELECT ?label WHERE { ?p a kg:Person ; rdfs:label ?label }")
    assert people == [("Andreas Kyprianou",), ("Eleni Vardaki",)]
    posts = sparql_rows(graph, """
        SELECT ?title ?holder WHERE { ?p a kg:Post ; rdfs:label ?title ; kg:holder [ rdfs:label ?holder ] }""")
    assert posts == [(f"{portfolio} Minister", "Andreas Kyprianou"), (f"{portfolio} Minister", "Eleni Vardaki")]


def test_end_to_end_outlet_named_with_and_without_the_is_one_node(tmp_path, sparql_rows, seed_path):
    (tmp_path / "in").mkdir()
    shutil.copyfile(seed_path, tmp_path / "in" / "seed.txt")  # signed "The Syrian Observer"
    (tmp_path / "in" / "brief.md").write_text(
        "---\ntitle: Aid Convoy Reaches Idleb\nsource: Syrian Observer\ndate: 2023-01-05\n---\n\n"
        "A UN aid convoy reached Idleb on Thursday, the World Food Programme said.\n", encoding="utf-8")
    kg.build.build([tmp_path / "in"], BuildOptions(output=tmp_path / "out"))
    graph = Dataset(default_union=True)
    graph.parse(tmp_path / "out" / "graph.ttl", format="turtle")
    outlets = sparql_rows(graph, """
        SELECT DISTINCT ?o WHERE { ?a a kg:Article ; kg:publishedBy ?o . ?o a kg:MediaOutlet }""")
    assert len(outlets) == 1, outlets
