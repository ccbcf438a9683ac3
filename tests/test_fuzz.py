"""A small run of benchmarks/fuzz_ingest.py: damaged and hostile inputs of every format
through the build, which must end every one with a graph or a one-line refusal."""
from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import RDF, Dataset

from benchmarks.fuzz_ingest import FORMATS, Outcome, make_cases, pathological_cases, run_case
from kg.graph.namespace import KG


def test_fuzz_cases_cover_every_format_and_mutation():
    cases = make_cases(60, seed=1)
    assert {c.suffix for c in cases} == set(FORMATS)
    assert {c.name.split("-", 1)[1] for c in cases} >= {"huge-token-flip", "repeated-keep", "nested-truncate"}
    assert make_cases(60, seed=1) == cases  # the same seed gives the same cases


def assert_graph_of_its_articles(outcome: Outcome, out: Path) -> None:
    """A case that built articles left graph.ttl and graph.html, the graph holding those
    articles; one that built none left no output at all."""
    written = sorted(p.name for p in out.glob("graph.*")) if out.exists() else []
    if not outcome.articles:
        assert written == []
        return
    assert written == ["graph.html", "graph.ttl"]
    graph = Dataset(default_union=True)
    graph.parse(out / "graph.ttl", format="turtle")
    assert len(set(graph.subjects(RDF.type, KG.Article))) == outcome.articles


@pytest.mark.slow
@pytest.mark.parametrize("case", make_cases(24, seed=7), ids=lambda c: c.name + c.suffix)
def test_fuzz_case_builds_or_is_refused_in_one_line(case, tmp_path):
    outcome = run_case(case, tmp_path)
    assert outcome.crash is None, outcome.crash
    assert_graph_of_its_articles(outcome, tmp_path / "out")


# one line each; the others build
REFUSED = {"front-matter-alias-bomb", "jsonl-deep-nesting", "jsonl-deep-objects"}
BUILT_BESIDE_ONE_LINE = {"link-to-itself"}  # the article builds, the link is one line


@pytest.mark.slow
@pytest.mark.parametrize("case", pathological_cases(), ids=lambda c: c.name + c.suffix)
def test_fuzz_inputs_that_once_broke_the_build_end_with_a_graph_or_one_line(case, tmp_path):
    outcome = run_case(case, tmp_path)
    assert outcome.crash is None, outcome.crash
    expected = (0, 1) if case.name in REFUSED else (1, 1) if case.name in BUILT_BESIDE_ONE_LINE else (1, 0)
    assert (outcome.articles, outcome.failures) == expected
    assert_graph_of_its_articles(outcome, tmp_path / "out")
