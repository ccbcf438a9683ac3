"""Per-article extractions kept between builds, so that a corpus that grows every day costs
only its new articles: a SQLite file in the output folder. An entry is keyed by the article
(its text and metadata) and by everything extraction reads besides: kg's code, the data files
in use (shipped and user-given), spaCy and its model. Change any of them and the entries made
with the old ones are no longer read, and are dropped at the end of the build."""
from __future__ import annotations

import contextlib
import hashlib
import importlib.metadata
import json
import pickle
import sqlite3
from pathlib import Path
from typing import Callable, Iterable, Sequence

from ..datafiles import data_path
from ..extraction.nlp import MODEL_PACKAGES
from ..extraction.pipeline import ArticleExtraction
from ..model import Article

__all__ = ["CACHE_NAME", "ExtractionCache", "fingerprint"]

CACHE_NAME = "kg-cache.sqlite"
SCHEMA = "CREATE TABLE IF NOT EXISTS extractions (key TEXT PRIMARY KEY, fingerprint TEXT NOT NULL, data BLOB NOT NULL)"
PACKAGE = Path(__file__).resolve().parent.parent


def fingerprint(user_files: Sequence[Path]) -> str:
    """What extraction depends on besides the article: kg's own code, the data folder, the
    user's gazetteers and lexicons, and the versions of spaCy and its English model."""
    digest = hashlib.sha256()
    data_folder = data_path("gazetteer.yaml").parent
    for folder, pattern in ((PACKAGE, "*.py"), (data_folder, "*")):
        for path in sorted(p for p in folder.rglob(pattern) if p.is_file()):
            digest.update(str(path.relative_to(folder)).encode() + b"\0" + path.read_bytes())
    for path in user_files:
        digest.update(b"user\0" + Path(path).read_bytes())
    for package in ("spacy", *MODEL_PACKAGES):
        with contextlib.suppress(importlib.metadata.PackageNotFoundError):
            digest.update(f"{package}={importlib.metadata.version(package)}".encode())
    return digest.hexdigest()


def _article_key(article: Article, version: str) -> str:
    fields = [article.id, article.text, article.source, article.title, article.date and article.date.isoformat(),
              article.date_inferred, article.url, article.outlet, version]
    return hashlib.sha256(json.dumps(fields).encode("utf-8")).hexdigest()


class ExtractionCache:
    """The cache file of an output folder, opened for one build (`with ExtractionCache(...)`).
    The file is created on the first entry stored; one that cannot be read is set aside and
    started afresh, with one warning. Each entry is committed when stored, so a build that is
    killed keeps what it had done."""

    def __init__(self, folder: Path, version: str, warn: Callable[[str], None]):
        self.path = Path(folder) / CACHE_NAME
        self.version = version
        self.warn = warn
        self.used: set[str] = set()
        self._db: sqlite3.Connection | None = None

    def __enter__(self) -> "ExtractionCache":
        if self.path.exists():
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
        if self._db is None:
            self._db = self._open()
        data = pickle.dumps(list(extractions), protocol=pickle.HIGHEST_PROTOCOL)
        try:
            with self._db:
                self._db.execute("INSERT OR REPLACE INTO extractions VALUES (?, ?, ?)",
                                 (_article_key(article, self.version), self.version, data))
        except sqlite3.Error as err:
            self._reset(str(err))

    def _open(self) -> sqlite3.Connection:
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

    def _fresh(self, reason: str) -> sqlite3.Connection:
        self.warn(f"the extraction cache could not be read ({reason}); it is rebuilt")
        for suffix in ("", "-journal", "-wal", "-shm"):
            Path(f"{self.path}{suffix}").unlink(missing_ok=True)
        db = sqlite3.connect(self.path)
        db.execute(SCHEMA)
        return db
