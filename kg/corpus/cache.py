"""Per-article extractions kept between builds, so that a corpus that grows every day costs
only its new articles: a SQLite file in the output folder. An entry is keyed by the article
(its text and metadata) and by everything extraction reads besides: the code of kg's
extraction (every module it imports, so that a change to how kg writes or draws the graph
keeps the cache), the data files in use (shipped and user-given), spaCy and its model (or the
pipeline the build was given). Change any of them and the entries made
with the old ones are no longer read, and are dropped at the end of the build."""
from __future__ import annotations

import ast
import contextlib
import hashlib
import importlib.metadata
import json
import pickle
import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterable, Sequence

from kg.datafiles import data_path
from kg.knowledge.language import language, languages_read
from kg.extraction.pipeline import ArticleExtraction
from kg.model import Article

if TYPE_CHECKING:
    from spacy.language import Language

__all__ = ["CACHE_NAME", "ExtractionCache", "fingerprint"]

CACHE_NAME = "kg-cache.sqlite"
SCHEMA = "CREATE TABLE IF NOT EXISTS extractions (key TEXT PRIMARY KEY, fingerprint TEXT NOT NULL, data BLOB NOT NULL)"
PACKAGE = Path(__file__).resolve().parent.parent
EXTRACTION = (PACKAGE / "extraction" / "pipeline.py", PACKAGE / "corpus" / "workers.py")


def fingerprint(user_files: Sequence[Path], pipeline: "Language | None" = None) -> str:
    """What extraction depends on besides the article: the code of kg's extraction, the data
    folder, the user's gazetteers and lexicons, the versions of spaCy and the models of every
    language, and the pipeline given to the build, if any (its language, name, version and components)."""
    digest = hashlib.sha256()
    data_folder = data_path("gazetteer.yaml").parent
    code = [(PACKAGE, path) for path in code_of(EXTRACTION)]
    data = [(data_folder, path) for path in sorted(p for p in data_folder.rglob("*") if p.is_file())]
    for folder, path in code + data:
        digest.update(str(path.relative_to(folder)).encode() + b"\0" + path.read_bytes())
    for path in user_files:
        digest.update(b"user\0" + Path(path).read_bytes())
    pipelines = [name for code in languages_read() for name in language(code).syntax.pipelines]
    for package in ("spacy", *pipelines):
        with contextlib.suppress(importlib.metadata.PackageNotFoundError):
            digest.update(f"{package}={importlib.metadata.version(package)}".encode())
    if pipeline is not None:
        meta = pipeline.meta
        digest.update(f"pipeline\0{meta.get('lang')}_{meta.get('name')}={meta.get('version')}"
                      f"\0{','.join(pipeline.pipe_names)}".encode())
    return digest.hexdigest()


def code_of(modules: Iterable[Path]) -> list[Path]:
    """The modules of kg that `modules` import, directly or through others, and themselves."""
    seen: set[Path] = set()
    todo = list(modules)
    while todo:
        path = todo.pop()
        if path in seen:
            continue
        seen.add(path)
        for node in ast.walk(ast.parse(path.read_bytes(), filename=str(path))):
            if isinstance(node, ast.ImportFrom):
                todo += _imported_files(path, node)
    return sorted(seen)


def _imported_files(importer: Path, node: ast.ImportFrom) -> list[Path]:
    """The files of kg an import names: `from ..model import X`, `from .rules import Y`,
    `from . import verbs`, `from kg.graph import rdf`."""
    if node.level:
        base = importer.parent
        for _ in range(node.level - 1):
            base = base.parent
    elif node.module and node.module.split(".")[0] == PACKAGE.name:
        base = PACKAGE.parent
    else:
        return []
    target = base.joinpath(*(node.module or "").split(".")) if node.module else base
    candidates = [target.with_suffix(".py"), target / "__init__.py"] + [target / f"{a.name}.py" for a in node.names]
    return [c.resolve() for c in candidates if c.is_file()]


def _article_key(article: Article, version: str) -> str:
    fields = [article.id, article.text, article.source, article.title, article.date and article.date.isoformat(),
              article.date_inferred, article.url, article.outlet, article.language, version]
    return hashlib.sha256(json.dumps(fields).encode("utf-8")).hexdigest()


class ExtractionCache:
    """The cache file of an output folder, opened for one build (`with ExtractionCache(...)`).
    The file is created on the first entry stored; one that cannot be read is set aside and
    started afresh, with one warning. Where a folder or another thing that is no file stands
    in its place, or it cannot be started afresh, the build goes on without a cache, with one
    warning. Each entry is committed when stored, so a build that is killed keeps what it had
    done."""

    def __init__(self, folder: Path, version: str, warn: Callable[[str], None]):
        self.path = Path(folder) / CACHE_NAME
        self.version = version
        self.warn = warn
        self.used: set[str] = set()
        self._db: sqlite3.Connection | None = None
        self._off = False  # no cache this build: its path is taken, or the file cannot be made

    def __enter__(self) -> "ExtractionCache":
        if self.path.exists() and not self.path.is_file():
            kind = "a folder" if self.path.is_dir() else "not a regular file"
            self._turn_off(f"is {kind}, not kg's extraction cache")
        elif self.path.exists():
            self._db = self._open()
        return self

    def __exit__(self, *exc) -> None:
        if self._db is not None:
            with contextlib.suppress(sqlite3.Error):
                with self._db:
                    self._db.execute("DELETE FROM extractions WHERE fingerprint != ?", (self.version,))
            self._db.close()
            self._db = None

    def get(self, article: Article) -> list[ArticleExtraction] | None:
        """The extractions stored for the article, or None."""
        if self._db is None:
            return None
        key = _article_key(article, self.version)
        try:
            row = self._db.execute("SELECT data FROM extractions WHERE key = ?", (key,)).fetchone()
            found = pickle.loads(row[0]) if row is not None else None  # noqa: S301 - our own file
        except (sqlite3.Error, pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError) as err:
            self._reset(type(err).__name__)
            return None
        if found is not None:
            self.used.add(key)
        return found

    def put(self, article: Article, extractions: Iterable[ArticleExtraction]) -> None:
        if self._db is None and not self._off:
            self._db = self._open()
        if self._db is None:
            return
        data = pickle.dumps(list(extractions), protocol=pickle.HIGHEST_PROTOCOL)
        try:
            with self._db:
                self._db.execute("INSERT OR REPLACE INTO extractions VALUES (?, ?, ?)",
                                 (_article_key(article, self.version), self.version, data))
        except sqlite3.Error as err:
            self._reset(str(err))

    def _open(self) -> sqlite3.Connection | None:
        db = None
        try:
            db = sqlite3.connect(self.path)
            db.execute(SCHEMA)
            if db.execute("PRAGMA quick_check").fetchone()[0] != "ok":
                raise sqlite3.DatabaseError("damaged")
            return db
        except sqlite3.Error as err:
            if db is not None:
                db.close()
            return self._fresh(str(err))

    def _reset(self, reason: str) -> None:
        if self._db is not None:
            with contextlib.suppress(sqlite3.Error):
                self._db.close()
        self._db = self._fresh(reason)

    def _fresh(self, reason: str) -> sqlite3.Connection | None:
        """A new, empty cache file in place of the one that could not be read; None, with a
        warning, when it cannot be made."""
        self.warn(f"the extraction cache could not be read ({reason}); it is rebuilt")
        db = None
        try:
            for suffix in ("", "-journal", "-wal", "-shm"):
                Path(f"{self.path}{suffix}").unlink(missing_ok=True)
            db = sqlite3.connect(self.path)
            db.execute(SCHEMA)
            return db
        except (OSError, sqlite3.Error) as err:
            if db is not None:
                db.close()
            self._turn_off(f"cannot be made afresh ({getattr(err, 'strerror', None) or err})")
            return None

    def _turn_off(self, why: str) -> None:
        self.warn(f"{why}; this build neither reads nor keeps extractions")
        self._off = True
