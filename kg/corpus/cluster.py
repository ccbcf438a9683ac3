"""Extraction on a Dask distributed cluster (`kg build --scheduler tcp://HOST:PORT`, the optional
`distributed` package): articles go out in chunks, each worker loads the pipeline once and keeps
it, the extractions come back as plain data in the articles' order and are merged here. The
user's gazetteers and lexicons travel with the tasks, so the workers need only kg installed, in
the same version. A chunk whose workers keep dying is extracted here instead."""
from __future__ import annotations

import hashlib
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Iterator

from kg import __version__
from kg.errors import KGError
from kg.knowledge.load import RuleBook, load_rules
from kg.knowledge.rules import Rules
from kg.model import Article
from kg.corpus.workers import Outcome, RuleFiles, extract_here, extract_stream

if TYPE_CHECKING:
    from spacy.language import Language

__all__ = ["extract_on_cluster"]

CHUNK = 8  # articles a task extracts
CONNECT_TIMEOUT = "15s"


@dataclass(frozen=True)
class ShippedFiles:
    """The user's data files, their names and contents, as a task carries them to a worker."""

    gazetteers: tuple[tuple[str, bytes], ...] = ()
    lexicons: tuple[tuple[str, bytes], ...] = ()

    @classmethod
    def of(cls, files: RuleFiles) -> "ShippedFiles":
        return cls(tuple((p.name, Path(p).read_bytes()) for p in files.gazetteers),
                   tuple((p.name, Path(p).read_bytes()) for p in files.lexicons))


def extract_on_cluster(articles: list[Article], files: RuleFiles, rules: Rules | RuleBook, scheduler: str,
                       nlp: "Language | None" = None) -> Iterator[Outcome]:
    """The outcome of each article, in order, extracted by the workers of the cluster whose
    scheduler is at `scheduler` (each with a pipeline of its own); a chunk they cannot do is
    extracted here, with `nlp` (None: kg's own pipeline)."""
    try:
        from distributed import Client
        from distributed.scheduler import KilledWorker
    except ImportError:
        raise KGError("--scheduler needs the distributed package: pip install 'kg[dask]'") from None
    try:
        client = Client(scheduler, timeout=CONNECT_TIMEOUT, set_as_default=False)
    except (OSError, TimeoutError, ValueError) as err:
        raise KGError(f"cannot reach the Dask scheduler at {scheduler}: {err}") from None
    try:
        _check_versions(client, scheduler)
        shipped = ShippedFiles.of(files)
        chunks = [articles[i:i + CHUNK] for i in range(0, len(articles), CHUNK)]
        futures = client.map(_extract_chunk, chunks, shipped=shipped, version=__version__, pure=False)
        for chunk, future in zip(chunks, futures):
            try:
                outcomes = future.result()
            except KilledWorker:  # every worker given it died: the chunk is done here
                outcomes = list(extract_here(chunk, rules, nlp))
            yield from outcomes
    finally:
        client.close()


def _check_versions(client, scheduler: str) -> None:
    versions = client.run(_kg_version)
    if not versions:
        raise KGError(f"the Dask cluster at {scheduler} has no worker")
    other = sorted({v for v in versions.values() if v != __version__})
    if other:
        raise KGError(f"the workers at {scheduler} run kg {', '.join(other)}, this build kg {__version__}")


def _kg_version() -> str:
    return __version__


_LOADED: dict = {}  # in a worker: the rules of each language for the files it was given


def _extract_chunk(articles: list[Article], shipped: ShippedFiles, version: str) -> list[Outcome]:
    if version != __version__:
        raise KGError(f"this worker runs kg {__version__}, the build kg {version}")
    key = hashlib.sha256(repr(shipped).encode()).hexdigest()
    if _LOADED.get("key") != key:
        _LOADED.clear()
        _LOADED.update(key=key, rules={})
    loaded = _LOADED["rules"]
    missing = sorted({a.language for a in articles} - set(loaded))
    if missing:
        with tempfile.TemporaryDirectory(prefix="kg-rules-") as tmp:  # each language's rules are read once, here
            folder = Path(tmp)
            gazetteers = tuple(_written(folder / "gazetteers", name, data) for name, data in shipped.gazetteers)
            lexicons = tuple(_written(folder / "lexicons", name, data) for name, data in shipped.lexicons)
            loaded.update({code: load_rules(gazetteers, lexicons, language_code=code) for code in missing})
    return list(extract_stream(articles, None, RuleBook(loaded=loaded.values())))


def _written(folder: Path, name: str, data: bytes) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{len(list(folder.iterdir())):03}-{name}"
    path.write_bytes(data)
    return path
