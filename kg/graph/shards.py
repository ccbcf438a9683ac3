"""A graph as a folder of N-Quads shards, for bulk loading into a large store: the default
graph (actors, articles) in one file, and each article's statements, posts and events in a
file of their own, in the article's named graph. Written by `kg build --shards DIR`, loaded by
`kg push DIR`; the lines of every file are sorted, so the same build gives the same bytes.

The folder's manifest (`.kg-shards.json`) lists the shards kg wrote there: a build replaces
and removes only those, and refuses a folder holding anything else."""
from __future__ import annotations

import contextlib
import json
import os
import re
from collections.abc import Iterable
from pathlib import Path

from kg.errors import shown_path
from kg.files import MANIFEST_NAME, OutputError, write_atomic, write_temp
from kg.ids import short_hash
from kg.graph.writer import Quad, nquads_bytes

__all__ = ["DEFAULT_SHARD", "write_shards", "shard_files", "check_shards_folder"]

DEFAULT_SHARD = "default-graph.nq"
ARTICLE_SHARD = "article-{}.nq"
MAX_NAME_BYTES = 200  # a longer shard name is cut and given a hash: with its temporary name it must fit in 255
NAMES_SHOWN = 3  # files a refusal names
_TEMPORARY = re.compile(r"\.(.+)\.[0-9a-f]{12}\.tmp")  # write_temp's name for a file being written


def shard_files(quads: Iterable[Quad]) -> dict[str, bytes]:
    """The shards of a graph's quads: file name -> N-Quads."""
    by_graph: dict[object, list[Quad]] = {}
    for quad in quads:
        by_graph.setdefault(quad[3], []).append(quad)
    return {_shard_name(graph): nquads_bytes(held) for graph, held in by_graph.items()}


def _shard_name(graph: object) -> str:
    if graph is None:
        return DEFAULT_SHARD
    segment = str(graph).rstrip("/").rsplit("/", 1)[-1]
    name = ARTICLE_SHARD.format(segment)
    if len(os.fsencode(name)) <= MAX_NAME_BYTES:
        return name
    return ARTICLE_SHARD.format(f"{segment[:MAX_NAME_BYTES // 2]}-{short_hash(segment)}")


def check_shards_folder(folder: str | os.PathLike[str], output: str | os.PathLike[str] | None = None) -> None:
    """Raise OutputError unless kg may write shards into `folder`: missing, empty, or holding
    only what its manifest lists; not the build's `output` folder."""
    folder = Path(folder)
    if output is not None and folder.exists() and folder.resolve() == Path(output).resolve():
        raise OutputError(folder, "is the output folder; give --shards a folder of its own")
    if folder.exists() and not folder.is_dir():
        raise OutputError(folder, "is not a folder")
    if foreign := _foreign_files(folder):
        listed = ", ".join(shown_path(name) for name in foreign[:NAMES_SHOWN])
        more = f" and {len(foreign) - NAMES_SHOWN} more" if len(foreign) > NAMES_SHOWN else ""
        raise OutputError(folder, f"holds files kg did not write ({listed}{more}); give --shards a new or "
                                  "empty folder, or one kg wrote shards into")


def write_shards(quads: Iterable[Quad], folder: str | os.PathLike[str]) -> list[Path]:
    """Write the shards into `folder` (created if missing) and remove the shards of articles the
    graph no longer has. Every shard is written in full before any replaces its old one, and
    the manifest lists each file kg may have left at any moment, so that a killed build leaves
    no shard it will not recognise."""
    folder = Path(folder)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise OutputError(folder, f"cannot create the folder: {err.strerror or err}") from None
    check_shards_folder(folder)
    previous = _listed(folder)
    _remove_leftovers(folder)
    files = shard_files(quads)
    staged: list[tuple[Path, Path]] = []
    try:
        for name, data in sorted(files.items()):
            staged.append((write_temp(folder / name, data), folder / name))
        _write_manifest(folder, previous | set(files))
        for tmp, final in staged:
            os.replace(tmp, final)
    except OSError as err:
        raise OutputError(folder, f"cannot write the shards: {err.strerror or err}") from None
    finally:
        for tmp, _final in staged:  # left only when writing failed
            with contextlib.suppress(FileNotFoundError):
                os.unlink(tmp)
    for stale in sorted(previous - set(files)):
        with contextlib.suppress(FileNotFoundError):
            os.unlink(folder / stale)
    _write_manifest(folder, set(files))
    return [final for _tmp, final in staged]


def _listed(folder: Path) -> set[str]:
    """The files the folder's manifest says kg wrote; none when it has no manifest kg can read."""
    try:
        names = json.loads((folder / MANIFEST_NAME).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return set()
    if not isinstance(names, list):
        return set()
    return {name for name in names if isinstance(name, str) and name == Path(name).name}


def _foreign_files(folder: Path) -> list[str]:
    """The names of the files in `folder` that kg did not write there, sorted."""
    try:
        names = sorted(os.listdir(folder))
    except FileNotFoundError:
        return []
    except OSError as err:
        raise OutputError(folder, f"cannot read the folder: {err.strerror or err}") from None
    ours = _listed(folder) | {MANIFEST_NAME}
    return [name for name in names if name not in ours and not _leftover(name, ours)]


def _leftover(name: str, ours: set[str]) -> bool:
    """Whether `name` is the temporary file of a shard or manifest a killed build was writing."""
    written = _TEMPORARY.fullmatch(name)
    return written is not None and (written[1] in ours or written[1] == DEFAULT_SHARD
                                    or (written[1].startswith("article-") and written[1].endswith(".nq")))


def _remove_leftovers(folder: Path) -> None:
    ours = _listed(folder) | {MANIFEST_NAME}
    for name in os.listdir(folder):
        if _leftover(name, ours):
            with contextlib.suppress(OSError):
                os.unlink(folder / name)


def _write_manifest(folder: Path, names: set[str]) -> None:
    write_atomic(folder / MANIFEST_NAME, json.dumps(sorted(names)).encode("utf-8"))
