"""kg diff: actors added and removed, relations added, removed or changed in modality, with
the evidence of what is new; any two graphs of the contract; exit 0."""
from __future__ import annotations

import json

from kg.graph.rdf import graph_quads, prefixes_for
from kg.graph.writer import trig_bytes, turtle_bytes
from kg.model import Actor, ActorType, Article, Assertion, Modality, Relation
from tests.cli import invoke

VALMORA = Actor("valmora", "Valmora", ActorType.COUNTRY)
OSTRIA = Actor("ostria", "Ostria", ActorType.COUNTRY)
ORDEN = Actor("orden-front", "Orden Front", ActorType.ARMED_GROUP)
KELD = Actor("ana-keld", "Ana Keld", ActorType.PERSON)
TARSA = Actor("tarsa-brigade", "Tarsa Brigade", ActorType.ARMED_GROUP)


def _said(subject, relation, obj, modality, article, sentence, topic=None):
    return Assertion(subject.key, relation, obj.key if obj else None, modality, article, sentence, 0, len(sentence),
                     0.8, topic=topic)


OLD = [
    _said(KELD, Relation.MET_WITH, OSTRIA, Modality.PLANNED, "day-1", "Keld will meet Ostrian officials next week."),
    _said(VALMORA, Relation.OPPOSES, ORDEN, Modality.ASSERTED, "day-1", "Valmora condemned the Orden Front."),
    _said(VALMORA, Relation.CALLED_FOR, None, Modality.ASSERTED, "day-1", "Valmora called for calm.", "calm"),
]
NEW = [
    _said(KELD, Relation.MET_WITH, OSTRIA, Modality.PLANNED, "day-1", "Keld will meet Ostrian officials next week."),
    _said(KELD, Relation.MET_WITH, OSTRIA, Modality.ASSERTED, "day-2", "Keld met Ostrian officials in Lisk."),
    _said(VALMORA, Relation.CALLED_FOR, None, Modality.ASSERTED, "day-1", "Valmora called for calm.", "calm"),
    _said(TARSA, Relation.ATTACKED, ORDEN, Modality.ASSERTED, "day-2", "The Tarsa Brigade attacked the Orden Front."),
]


def _graph(path, actors, assertions, articles=("day-1",), write=turtle_bytes):
    articles = [Article(a, "text", f"{a}.txt") for a in articles]
    path.write_bytes(write(graph_quads(articles, actors, [], assertions, []), prefixes_for()))
    return path


def _pair(tmp_path, write=turtle_bytes):
    old = _graph(tmp_path / "old.ttl", [VALMORA, OSTRIA, ORDEN, KELD], OLD)
    new = _graph(tmp_path / ("new.trig" if write is trig_bytes else "new.ttl"), [VALMORA, OSTRIA, ORDEN, KELD, TARSA],
                 NEW, ("day-1", "day-2"), write)
    return old, new


def test_diff_lists_what_was_added_removed_and_confirmed(tmp_path):
    old, new = _pair(tmp_path)
    result = invoke("diff", old, new)
    assert result.exit_code == 0, result.stderr
    assert result.stdout == (
        f"{old} -> {new}\n\n"
        "Actors: 1 added, 0 removed\n"
        "  + Tarsa Brigade (ArmedGroup)  https://w3id.org/newskg/id/tarsa-brigade\n\n"
        "Relations: 1 added, 1 removed, 1 changed in modality\n"
        "  + Tarsa Brigade attacked Orden Front (Asserted)\n"
        '      "The Tarsa Brigade attacked the Orden Front."\n'
        "  - Valmora opposes Orden Front (Asserted)\n"
        "  ~ Ana Keld metWith Ostria (Planned -> Asserted, Planned)\n"
        '      "Keld met Ostrian officials in Lisk."\n')


def test_diff_as_json_names_every_change_with_its_iris(tmp_path):
    old, new = _pair(tmp_path)
    result = invoke("diff", old, new, "--format", "json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert [a["name"] for a in data["actors_added"]] == ["Tarsa Brigade"] and data["actors_removed"] == []
    changed = data["relations_changed"][0]
    assert (changed["subject_iri"], changed["before"], changed["after"], changed["evidence"]) == (
        "https://w3id.org/newskg/id/ana-keld", ["Planned"], ["Asserted", "Planned"],
        ["Keld met Ostrian officials in Lisk."])
    assert data["relations_removed"][0]["evidence"] == []


def test_diff_as_markdown_and_between_turtle_and_trig(tmp_path):
    old, new = _pair(tmp_path, trig_bytes)
    result = invoke("diff", old, new, "--format", "md")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith(f"# Changes from {old} to {new}\n\n## Actors: 1 added, 0 removed\n")
    assert "- changed: **Ana Keld** metWith **Ostria** (Planned -> Asserted, Planned)\n" \
           "  > Keld met Ostrian officials in Lisk.\n" in result.stdout


def test_diff_of_a_graph_with_itself_is_empty(tmp_path):
    old, _ = _pair(tmp_path)
    result = invoke("diff", old, old)
    assert result.stdout == (f"{old} -> {old}\n\nActors: 0 added, 0 removed\n\n"
                             "Relations: 0 added, 0 removed, 0 changed in modality\n")


def test_diff_of_a_broken_graph_is_one_line_naming_it(tmp_path):
    old, _ = _pair(tmp_path)
    broken = tmp_path / "broken.ttl"
    broken.write_text("@prefix kg: <https://w3id.org/newskg/ontology#> .\nkg:a kg:b .\n", encoding="utf-8")
    result = invoke("diff", old, broken)
    assert result.exit_code != 0 and result.stdout == ""
    assert result.stderr.startswith(f"kg: {broken}") and len(result.stderr.splitlines()) == 1
