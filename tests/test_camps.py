"""kg stats --camps: actors sorted into camps by structural balance on a graph of two clear
sides, with what binds each camp and what sets the camps apart."""
from __future__ import annotations

import json

from kg.graph.rdf import graph_quads, prefixes_for
from kg.graph.writer import turtle_bytes
from kg.model import Actor, ActorType, Article, Assertion, Modality, Relation
from tests.cli import invoke

ACTORS = {name: Actor(name.lower().replace(" ", "-"), name, kind) for name, kind in [
    ("Valmora", ActorType.COUNTRY), ("Ostria", ActorType.COUNTRY), ("Ana Keld", ActorType.PERSON),
    ("Kessel Front", ActorType.ARMED_GROUP), ("Tarsa Brigade", ActorType.ARMED_GROUP), ("Lind", ActorType.PERSON)]}


def _said(subject, relation, obj, modality=Modality.ASSERTED):
    sentence = f"{subject} {relation.value} {obj}."
    return Assertion(ACTORS[subject].key, relation, ACTORS[obj].key, modality, "a", sentence, 0, len(sentence), 0.8)


SIDES = [
    _said("Valmora", Relation.ALLIED_WITH, "Ostria"),
    _said("Ana Keld", Relation.MEMBER_OF, "Valmora"),
    _said("Ana Keld", Relation.MET_WITH, "Ostria"),
    _said("Tarsa Brigade", Relation.ALLIED_WITH, "Kessel Front"),
    _said("Lind", Relation.MEMBER_OF, "Kessel Front"),
    _said("Valmora", Relation.ATTACKED, "Kessel Front"),
    _said("Ostria", Relation.OPPOSES, "Tarsa Brigade"),
    _said("Lind", Relation.OPPOSES, "Ana Keld"),
    _said("Lind", Relation.MET_WITH, "Ostria", Modality.NEGATED),  # denied: no tie
]


def _graph(path, assertions=SIDES):
    path.write_bytes(turtle_bytes(graph_quads([Article("a", "text", "a.txt")], list(ACTORS.values()), [],
                                              assertions, []), prefixes_for()))
    return path


def test_camps_of_two_sides(tmp_path):
    result = invoke("stats", _graph(tmp_path / "g.ttl"), "--camps", "--format", "json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    members = [sorted(m["name"] for m in camp["members"]) for camp in data["camps"]]
    assert members == [["Ana Keld", "Ostria", "Valmora"], ["Kessel Front", "Lind", "Tarsa Brigade"]]
    assert data["frustration"] == 0
    assert sorted((b["subject"], b["relation"], b["object"]) for b in data["between"]) == [
        ("Lind", "opposes", "Ana Keld"), ("Ostria", "opposes", "Tarsa Brigade"),
        ("Valmora", "attacked", "Kessel Front")]
    assert {(b["subject"], b["relation"]) for b in data["camps"][0]["ties"]} == {
        ("Ana Keld", "memberOf"), ("Ana Keld", "metWith"), ("Ostria", "alliedWith")}  # symmetric: IRI order


def test_camps_as_a_table(tmp_path):
    result = invoke("stats", _graph(tmp_path / "g.ttl"), "--camps")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("Camps: 2 (by structural balance; 0 relations break the pattern)\n\n"
                                    "Camp 1: 3 actors, bound by 3 relations\n  Ana Keld (Person)\n")
    assert "Between camps:\n  Lind opposes Ana Keld (Asserted)\n" in result.stdout


def test_camps_count_what_breaks_the_pattern(tmp_path):
    # an enmity inside a side that its ties outweigh stays inside, counted as frustration
    graph = _graph(tmp_path / "g.ttl", SIDES + [_said("Valmora", Relation.OPPOSES, "Ostria"),
                                                _said("Valmora", Relation.SUPPORTS, "Ostria")])
    data = json.loads(invoke("stats", graph, "--camps", "--format", "json").stdout)
    first = data["camps"][0]
    assert sorted(m["name"] for m in first["members"]) == ["Ana Keld", "Ostria", "Valmora"]
    assert [(b["subject"], b["relation"], b["object"]) for b in first["enmities"]] == [("Valmora", "opposes", "Ostria")]
    assert data["frustration"] == 1


def test_no_camps_in_a_graph_without_relations(tmp_path):
    result = invoke("stats", _graph(tmp_path / "g.ttl", []), "--camps", "--format", "json")
    assert json.loads(result.stdout)["camps"] == []
