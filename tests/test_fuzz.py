"""A small run of benchmarks/fuzz_ingest.py: damaged and hostile inputs of every format
through the build, which must end every one with a graph or a one-line refusal."""
from __future__ import annotations

import pytest

import kg.build
import kg.corpus.workers
from benchmarks.fuzz_ingest import FORMATS, make_cases, pathological_cases, run_case


@pytest.fixture(scope="module")
def cached_pipeline():
    nlp = kg.corpus.workers.load_pipeline()
    patch = pytest.MonkeyPatch()
    patch.setattr(kg.corpus.workers, "load_pipeline", lambda: nlp)
    yield
    patch.undo()


def test_fuzz_cases_cover_every_format_and_mutation():
    cases = make_cases(60, seed=1)
    assert {c.suffix for c in cases} == set(FORMATS)
    assert {c.name.split("-", 1)[1] for c in cases} >= {"huge-token-flip", "repeated-keep", "nested-truncate"}
    assert make_cases(60, seed=1) == cases  # the same seed gives the same cases


@pytest.mark.parametrize("case", make_cases(24, seed=7), ids=lambda c: c.name + c.suffix)
def test_fuzz_case_builds_or_is_refused_in_one_line(case, tmp_path, cached_pipeline):
    outcome = run_case(case, tmp_path)
    assert outcome.crash is None, outcome.crash
    assert outcome.articles or outcome.failures or not list((tmp_path / "out").glob("graph.*"))


# one line each; the others build
REFUSED = {"front-matter-alias-bomb", "jsonl-deep-nesting", "jsonl-deep-objects"}
BUILT_BESIDE_ONE_LINE = {"link-to-itself"}  # the article builds, the link is one line


@pytest.mark.parametrize("case", pathological_cases(), ids=lambda c: c.name + c.suffix)
def test_fuzz_inputs_that_once_broke_the_build_end_with_a_graph_or_one_line(case, tmp_path, cached_pipeline):
    outcome = run_case(case, tmp_path)
    assert outcome.crash is None, outcome.crash
    expected = (0, 1) if case.name in REFUSED else (1, 1) if case.name in BUILT_BESIDE_ONE_LINE else (1, 0)
    assert (outcome.articles, outcome.failures) == expected
