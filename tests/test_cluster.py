"""Extraction on a real Dask cluster on loopback (distributed.LocalCluster with worker
processes): the same graph as a local build, the user's data files carried to the workers,
and one-line errors for a cluster that cannot be used."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from rdflib import RDF, Graph, URIRef

from kg.build import BuildOptions, build
from kg.errors import KGError
from kg.graph.namespace import DEFAULT_BASE_IRI, KG
from tests.cli import invoke

distributed = pytest.importorskip("distributed", reason="the dask extra (distributed) is not installed")

ARTICLES = Path(__file__).parent / "data" / "articles"


@pytest.fixture(scope="module")
def scheduler():
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None,
                                  silence_logs=True) as cluster:
        yield cluster.scheduler_address


@pytest.fixture
def corpus(tmp_path) -> Path:
    folder = tmp_path / "in"
    shutil.copytree(ARTICLES, folder)
    return folder


@pytest.mark.slow  # a cluster of two worker processes, each loading the spaCy pipeline
def test_cluster_build_writes_the_same_graph_as_a_local_one(scheduler, corpus, tmp_path):
    remote = build([corpus], BuildOptions(output=tmp_path / "remote", scheduler=scheduler, cache=False))
    local = build([corpus], BuildOptions(output=tmp_path / "local", cache=False))
    assert (remote.articles, remote.relations) == (local.articles, local.relations)
    for name in ("graph.ttl", "graph.html"):
        assert (tmp_path / "remote" / name).read_bytes() == (tmp_path / "local" / name).read_bytes()


@pytest.mark.slow
def test_cluster_workers_read_the_users_gazetteer_sent_with_the_tasks(scheduler, corpus, tmp_path):
    (corpus / "circle.txt").write_text("Zagros Circle attacked an Iraqi army post near Dohuk on Monday, "
                                       "the Iraqi defence ministry said.\n", encoding="utf-8")
    gazetteer = tmp_path / "elsewhere" / "mine.yaml"
    gazetteer.parent.mkdir()
    gazetteer.write_text("actors:\n  - {name: Zagros Circle, type: ArmedGroup}\n", encoding="utf-8")
    result = invoke("build", corpus, "-o", tmp_path / "out", "--quiet", "--no-html", "--scheduler", scheduler,
                    "--gazetteer", gazetteer)
    assert result.exit_code == 0, result.stderr
    graph = Graph().parse(tmp_path / "out" / "graph.ttl", format="turtle")
    assert (URIRef(DEFAULT_BASE_IRI + "zagros-circle"), RDF.type, KG.ArmedGroup) in graph


def test_cluster_an_address_that_is_no_scheduler_is_one_line(corpus, tmp_path):
    with pytest.raises(KGError, match=r"^cannot reach the Dask scheduler at nowhere://x: "):
        build([corpus], BuildOptions(output=tmp_path / "out", scheduler="nowhere://x", cache=False))
    assert not (tmp_path / "out").exists()
