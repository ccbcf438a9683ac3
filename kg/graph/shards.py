"""A graph as a folder of N-Quads shards, for bulk loading into a large store: the default
graph (actors, articles) in one file, and each article's statements, posts and events in a
file of their own, in the article's named graph. Written by `kg build --shards DIR`, loaded by
`kg push DIR`; the lines of every file are sorted, so the same build gives the same bytes."""
from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from ..files import OutputError, write_atomic
from .writer import Quad, nquads_bytes

__all__ = ["DEFAULT_SHARD", "write_shards", "shard_files"]

DEFAULT_SHARD = "default-graph.nq"
ARTICLE_SHARD = "article-{}.nq"


def shard_files(quads: Iterable[Quad]) -> dict[str, bytes]:
    """The shards of a graph's quads: file name -> N-Quads."""
    by_graph: dict[object, list[Quad]] = {}
    for quad in quads:
        by_graph.setdefault(quad[3], []).append(quad)
    files = {}
    for graph, held in by_graph.items():
        name = DEFAULT_SHARD if graph is None else ARTICLE_SHARD.format(str(graph).rstrip("/").rsplit("/", 1)[-1])
        files[name] = nquads_bytes(held)
    return files


def write_shards(quads: Iterable[Quad], folder: str | os.PathLike[str]) -> list[Path]:
    """Write the shards into `folder` (created if missing), each file replaced atomically, and
    remove the shards of articles the graph no longer has."""
    folder = Path(folder)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise OutputError(folder, f"cannot create the folder: {err.strerror or err}") from None
    files = shard_files(quads)
    written = [write_atomic(folder / name, data) for name, data in sorted(files.items())]
    for stale in folder.glob(ARTICLE_SHARD.format("*")):
        if stale.name not in files:
            stale.unlink()
    return written
