"""`kg stats`: counts by type, class and modality, and the most connected actors."""
from __future__ import annotations

import json

import pytest

from kg.query.stats import graph_stats
from kg.graph.graphview import read_view
from tests import hostile
from tests.cli import invoke


def test_stats_of_the_seed(seed_build):
    result = invoke("stats", seed_build[0], "--top", "3")
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[:6] == [
        "Articles:   1",
        "Actors:     20 (Person 10, ArmedGroup 1, Country 3, GovernmentBody 3, MediaOutlet 3)",
        "Topics:     4",
        "Relations:  28 (Asserted 27, Planned 1, Negated 0), from 34 evidence statements",
        "  by class: conflict 2, cooperation 1, meeting 7, demand 5, membership 13",
        "  by name:  alliedWith 1, calledFor 5, leads 3, memberOf 10, metWith 7, opposes 2",
    ]
    ranked = [line.split()[1] for line in lines[-3:]]
    assert ranked == ["Abu", "Turkey", "Syria"]


def test_stats_json_and_centrality(seed_build):
    result = invoke("stats", seed_build[0], "--format", "json", "--top", "20")
    data = json.loads(result.stdout)
    top = {r["name"]: r for r in data["top"]}
    assert data["modalities"] == {"Asserted": 27, "Planned": 1, "Negated": 0}
    # Turkey links Turkish officials to the rest: the highest degree centrality
    assert max(top.values(), key=lambda r: r["degree_centrality"])["name"] == "Turkey"
    assert top["Turkey"]["betweenness"] > top["Hulusi Akar"]["betweenness"] > 0
    assert data["betweenness_sampled"] is False


def test_stats_negated_relations_are_counted_but_not_connections():
    stats = graph_stats(read_view(hostile.hostile_graph()))
    assert stats.modalities == {"Asserted": 4, "Planned": 1, "Negated": 1}
    ministry = [r for r in stats.top if r.type == "GovernmentBody"][0]
    assert ministry.relations == 1  # opposed by the person; its denied attack does not count


def _ring_view(n: int):
    """n persons, each meeting the next three round a ring."""
    from kg.model import MEETING, Modality
    from kg.graph.graphview import GraphView, ViewActor, ViewEdge

    actors = tuple(ViewActor(f"urn:a{i}", f"Person {i}", "Person") for i in range(n))
    edges = tuple(ViewEdge(f"urn:a{i}", f"urn:a{(i + k) % n}", MEETING, Modality.ASSERTED)
                  for i in range(n) for k in (1, 2, 3))
    return GraphView(actors=actors, edges=edges)


@pytest.mark.slow
def test_stats_estimates_betweenness_of_a_large_graph_from_fewer_sources_the_larger_it_is():
    from kg.query.stats import format_stats, graph_stats

    small, large = (graph_stats(_ring_view(n)) for n in (2100, 6000))
    assert small.betweenness_sampled and large.betweenness_sampled
    assert 20 <= large.betweenness_sources < small.betweenness_sources <= 500
    assert f"(betweenness estimated from {large.betweenness_sources} actors)" in format_stats(large)
    empty = graph_stats(_ring_view(0))
    assert (empty.actors, empty.betweenness_sampled, empty.top) == (0, False, [])


def test_stats_the_build_and_the_page_count_relations_and_evidence_alike(seed_build, tmp_path):
    import json
    import re

    from tests.cli import invoke

    graph, report = seed_build
    stats = json.loads(invoke("stats", graph, "--format", "json").stdout)
    drawn = invoke("viz", graph, "-o", tmp_path / "page.html").stdout
    page = json.loads(re.search(r'id="kg-data">(.*?)</script>', (tmp_path / "page.html").read_text(), re.S)[1])
    assert report.relations < report.evidence  # some relations are said by more than one sentence
    assert (stats["relations"], stats["evidence_statements"]) == (report.relations, report.evidence)
    assert f" {report.relations} relations ({report.evidence} evidence statements) -> " in drawn
    assert (page["counts"]["edges"], page["counts"]["evidence"]) == (report.relations, report.evidence)
    rows = invoke("export", graph, "--format", "csv").stdout.splitlines()
    assert len(rows) - 1 == report.evidence
