"""One table declares every relation (ontology/relations.yaml): a relation added to a copy of the
data flows to the graph, its validation, the view, `kg stats` and `kg eval` with no code changed."""
from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from rdflib import RDF, Graph, URIRef

from kg.datafiles import checked, data_path
from kg.errors import RuleFileError
from kg.graph.namespace import DEFAULT_BASE_IRI, KG
from kg.relationtable import RelationTable

ARTICLE = """Norway blacklists Chile's navy

OSLO, March 3 (Wire) - Norway blacklisted Chile on Tuesday after a dispute over fishing grounds,
the foreign ministry in Oslo said.
"""

NEW_RELATION = """
  blacklisted:
    label: blacklisted
    class: conflict
    event: true
    cameo: [163 IMPOSE EMBARGO, BOYCOTT, OR SANCTIONS]
    plover: [SANCTION]
"""

GOLD = {
    "document": "blacklist.txt",
    "entities": {
        "norway": {"types": ["Country"], "required": True, "names": ["Norway", "Oslo"]},
        "chile": {"types": ["Country"], "required": True, "names": ["Chile"]},
    },
    "relations": [{"s": "norway", "p": "blacklisted", "o": "chile", "required": True}],
}


@pytest.fixture(scope="module")
def ontology_copy(tmp_path_factory) -> Path:
    """The shipped data with one more relation, `blacklisted`, and a verb for it."""
    folder = tmp_path_factory.mktemp("data") / "ontology"
    shutil.copytree(data_path("relations.yaml").parent, folder)
    table = (folder / "relations.yaml").read_text(encoding="utf-8")
    (folder / "relations.yaml").write_text(table.replace("\nroles:", NEW_RELATION + "\nroles:"), encoding="utf-8")
    lexicon = (folder / "en" / "lexicon.yaml").read_text(encoding="utf-8")
    verb = "  - {lemma: blacklist, relation: blacklisted}\n"
    (folder / "en" / "lexicon.yaml").write_text(lexicon.replace("verbs:\n", "verbs:\n" + verb, 1), encoding="utf-8")
    return folder


def _kg(ontology: Path, *args: object) -> subprocess.CompletedProcess:
    env = {**os.environ, "KG_ONTOLOGY": str(ontology)}
    return subprocess.run([sys.executable, "-m", "kg.cli", *map(str, args)], env=env,
                          capture_output=True, text=True, timeout=300)


@pytest.fixture(scope="module")
def built(ontology_copy, tmp_path_factory) -> Path:
    work = tmp_path_factory.mktemp("blacklist")
    (work / "in").mkdir()
    (work / "in" / "blacklist.txt").write_text(ARTICLE, encoding="utf-8")
    done = _kg(ontology_copy, "build", work / "in", "-o", work / "out", "--quiet")
    assert done.returncode == 0, done.stderr
    return work / "out"


@pytest.mark.slow  # kg run in processes of its own on a copy of the data
def test_a_new_relation_reaches_the_graph_and_validates(ontology_copy, built):
    graph = Graph().parse(built / "graph.ttl")
    norway, chile = URIRef(DEFAULT_BASE_IRI + "norway"), URIRef(DEFAULT_BASE_IRI + "chile")
    blacklisted = URIRef(str(KG) + "blacklisted")  # a term of the copy's table, not of this process's
    assert (norway, blacklisted, chile) in graph
    statements = list(graph.subjects(RDF.predicate, blacklisted))
    assert {graph.value(st, KG.modality) for st in statements} == {KG.Asserted}
    assert any("blacklisted Chile on Tuesday" in graph.value(st, KG.evidence) for st in statements)
    done = _kg(ontology_copy, "validate", built / "graph.ttl")
    assert done.returncode == 0, done.stdout + done.stderr


@pytest.mark.slow  # kg run in processes of its own on a copy of the data
def test_a_new_relation_reaches_the_view_and_its_class(ontology_copy, built):
    page = (built / "graph.html").read_text(encoding="utf-8")
    assert re.search(r'"relation":\s*"blacklisted"', page)
    assert re.search(r'"class":\s*"conflict"', page)
    done = _kg(ontology_copy, "viz", built / "graph.ttl", "--relations", "blacklisted", "-o", built / "only.html")
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("2 actors") and ", 1 relations (2 evidence statements) ->" in done.stdout


@pytest.mark.slow  # kg run in processes of its own on a copy of the data
def test_a_new_relation_is_counted_by_stats_and_scored_by_eval(ontology_copy, built, tmp_path):
    stats = json.loads(_kg(ontology_copy, "stats", built / "graph.ttl", "--format", "json").stdout)
    assert stats["relations_by_name"] == {"blacklisted": 1}
    assert stats["relation_classes"]["conflict"] == 1
    (tmp_path / "gold.json").write_text(json.dumps(GOLD), encoding="utf-8")
    done = _kg(ontology_copy, "eval", built / "graph.ttl", tmp_path / "gold.json", "--json")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["per_class"]["blacklisted"] == {"required": 1, "extracted": 1, "tp": 1, "precision": 1.0, "recall": 1.0}


@pytest.mark.slow  # kg run in processes of its own on a copy of the data
def test_without_the_copy_the_relation_is_unknown(built):
    done = subprocess.run([sys.executable, "-m", "kg.cli", "viz", built / "graph.ttl", "--relations", "blacklisted"],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 2 and "blacklisted" in done.stderr


def test_a_bad_table_is_one_line_naming_the_file_and_the_place(ontology_copy, tmp_path):
    broken = tmp_path / "ontology"
    shutil.copytree(ontology_copy, broken)
    table = (broken / "relations.yaml").read_text(encoding="utf-8")
    (broken / "relations.yaml").write_text(table.replace("class: conflict\n    event: true\n    cameo: [163",
                                                         "class: sanctions\n    event: true\n    cameo: [163"),
                                           encoding="utf-8")
    done = _kg(broken, "build", tmp_path, "-o", tmp_path / "out")
    assert done.returncode == 1
    assert done.stderr.strip().splitlines() == [
        f"kg: {broken / 'relations.yaml'}: relation blacklisted: unknown class 'sanctions'"]


@pytest.mark.parametrize("change, message", [
    ({"relations": {"metWith": {"label": "met", "class": "meeting", "colour": "red"}}},
     "relations.metWith.colour: Extra inputs are not permitted"),
    ({"classes": {"meeting": {"label": "M", "colour": "blue"}}}, "classes.meeting.colour: String should match"),
    ({"roles": {"meeting": "greeted"}}, "roles: meeting must name a relation of the table"),
    ({"relations": {"Met": {"label": "met", "class": "meeting"}}}, "a name is a letter"),
])
def test_the_table_schema_refuses(change, message):
    data = {"classes": {"meeting": {"label": "Meeting", "colour": "#112233"}},
            "relations": {"metWith": {"label": "met with", "class": "meeting"}},
            "roles": {"meeting": "metWith", "member": "metWith", "leader": "metWith"}}
    for key, value in change.items():
        data[key] = value
    with pytest.raises(RuleFileError, match=re.escape(message)):
        checked(RelationTable, data, "relations.yaml")
