"""A graph as a folder of N-Quads shards, for bulk loading into a large store: the default
graph (actors, articles) in one file, and each article's statements, posts and events in a
file of their own, in the article's named graph. Written by `kg build --shards DIR`, loaded by
`kg push DIR`; the lines of every file are sorted, so the same build gives the same bytes."""
from __future__ import annotations

import os
from pathlib import Path

from rdflib import Graph
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID

from ..files import OutputError, write_atomic
from .serialize import graphs_in, sorted_lines

__all__ = ["DEFAULT_SHARD", "write_shards", "shard_files"]

DEFAULT_SHARD = "default-graph.nq"
ARTICLE_SHARD = "article-{}.nq"


def shard_files(dataset: Graph) -> dict[str, bytes]:
    """The shards of a dataset whose articles have named graphs: file name -> N-Quads."""
    files = {}
    for graph in graphs_in(dataset):
        triples = sorted_lines(graph.serialize(format="nt", encoding="utf-8")).decode("utf-8")
        if graph.identifier == DATASET_DEFAULT_GRAPH_ID:
            files[DEFAULT_SHARD] = triples.encode("utf-8")
            continue
        name = ARTICLE_SHARD.format(str(graph.identifier).rstrip("/").rsplit("/", 1)[-1])
        files[name] = "".join(f"{line[:-2]} <{graph.identifier}> .\n" for line in triples.splitlines()).encode("utf-8")
    return files


def write_shards(dataset: Graph, folder: str | os.PathLike[str]) -> list[Path]:
    """Write the shards into `folder` (created if missing), each file replaced atomically, and
    remove the shards of articles this dataset no longer has."""
    folder = Path(folder)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise OutputError(folder, f"cannot create the folder: {err.strerror or err}") from None
    files = shard_files(dataset)
    written = [write_atomic(folder / name, data) for name, data in sorted(files.items())]
    for stale in folder.glob(ARTICLE_SHARD.format("*")):
        if stale.name not in files:
            stale.unlink()
    return written
