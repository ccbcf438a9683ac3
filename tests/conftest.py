"""Shared fixtures: the spaCy pipeline, the seed article, its graph built once per session, and a
SPARQL helper."""
from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Dataset

import kg.build
import kg.graph.rdf
from kg.build import BuildOptions, BuildReport
from kg.extraction.parsing.nlp import load_pipeline

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
SEED = SEEDS / "000_fe58f1c9c5d68111.txt"

PREFIXES = "".join(f"PREFIX {prefix}: <{ns}>\n" for prefix, ns in kg.graph.rdf.PREFIXES.items())


def _sparql_rows(graph, query: str) -> list[tuple[str, ...]]:
    """Rows of a SELECT query (the prefixes above are prepended) as a sorted list of tuples of
    str; an unbound variable becomes ""."""
    return sorted(tuple("" if value is None else str(value) for value in row)
                  for row in graph.query(PREFIXES + query))


@pytest.fixture(scope="session")
def sparql_rows():
    """`sparql_rows(graph, query)`: see _sparql_rows."""
    return _sparql_rows


@pytest.fixture(scope="session")
def nlp():
    """The spaCy pipeline, for the tests that hand it to a build or an extraction themselves."""
    return load_pipeline()


@pytest.fixture(scope="session")
def seed_path() -> Path:
    return SEED


@pytest.fixture(scope="session")
def seed_build(tmp_path_factory, nlp) -> tuple[Path, BuildReport]:
    """The seeds folder built once: (path of graph.ttl, build report)."""
    output = tmp_path_factory.mktemp("seed-build")
    report = kg.build.build([SEEDS], BuildOptions(output=output, pipeline=nlp))
    assert not report.failures, report.failures
    return output / "graph.ttl", report


@pytest.fixture(scope="session")
def seed_graph(seed_build) -> Dataset:
    graph = Dataset(default_union=True)
    graph.parse(seed_build[0], format="turtle")
    return graph
