"""Graph files compared as graphs: the same triples, blank nodes matched, the difference shown."""
from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph
from rdflib.compare import graph_diff, isomorphic, to_isomorphic


def assert_same_graph(first: Path, second: Path) -> None:
    """The Turtle files hold the same graph; else fail, listing the triples only one holds."""
    a, b = Graph().parse(first, format="turtle"), Graph().parse(second, format="turtle")
    if not isomorphic(a, b):
        _, only_a, only_b = graph_diff(to_isomorphic(a), to_isomorphic(b))
        pytest.fail(f"{first} and {second} differ\nonly in the first:\n{only_a.serialize(format='nt')}"
                    f"\nonly in the second:\n{only_b.serialize(format='nt')}")
