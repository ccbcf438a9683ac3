"""Extraction of many articles, in this process or in worker processes that each load the
pipeline once. Each article's extraction comes back as plain data (its parse released) in the
order of the articles, so the build's output is the same for any number of workers; an article
whose extraction fails is reported, and a worker that dies has its articles done here instead."""
from __future__ import annotations

import multiprocessing
import signal
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Iterator, Union

from ..errors import InputError
from ..extraction.nlp import article_windows, load_pipeline
from ..extraction.pipeline import ArticleExtraction, detached, extract_article
from ..extraction.rules import Rules, load_rules
from ..model import Article

if TYPE_CHECKING:
    from spacy.language import Language

__all__ = ["RuleFiles", "Outcome", "extract_one", "extract_many", "extract_here"]

Outcome = Union[list[ArticleExtraction], InputError]
CHUNKS_PER_WORKER = 4  # articles are handed out in chunks, this many per worker at least ...
MAX_CHUNK = 8  # ... and of at most this many (an interrupted build waits for the chunks in hand)


@dataclass(frozen=True)
class RuleFiles:
    """The user's data files a worker loads the rules with, besides the shipped ones."""

    gazetteers: tuple[Path, ...] = ()
    lexicons: tuple[Path, ...] = ()


def extract_one(article: Article, nlp: "Language", rules: Rules) -> Outcome:
    """The article's extractions (one per window of a very long article), or why it failed: a
    bug met on one article must not lose the others."""
    try:
        return [detached(extract_article(article, nlp, rules, window)) for window in article_windows(article.text)]
    except Exception as err:
        return InputError(article.source, f"extraction failed ({type(err).__name__}: {str(err)[:200]}); "
                                          "please report this with the article")


def extract_many(articles: list[Article], files: RuleFiles, rules: Rules, jobs: int,
                 scheduler: str | None = None) -> Iterator[Outcome]:
    """The outcome of each article, in order; with `jobs` > 1 (and more than one article) in
    that many worker processes; with a `scheduler` address, on that Dask cluster."""
    if scheduler and articles:
        from .cluster import extract_on_cluster
        yield from extract_on_cluster(articles, files, rules, scheduler)
        return
    workers = min(jobs, len(articles))
    if workers <= 1:
        yield from extract_here(articles, rules)
        return
    _WORKER.update(files=files, rules=rules)  # inherited by forked workers; spawned ones load their own
    pool = ProcessPoolExecutor(workers, mp_context=_context(), initializer=_start, initargs=(files,))
    done, finished = 0, False
    try:
        chunk = max(1, len(articles) // (workers * CHUNKS_PER_WORKER))
        for outcome in pool.map(_work, articles, chunksize=min(chunk, MAX_CHUNK)):
            done += 1
            yield outcome
        finished = True
    except BrokenProcessPool:
        finished = True
        yield from extract_here(articles[done:], rules)  # a worker died (out of memory, killed): finish here
    finally:
        _WORKER.clear()
        # An interrupted build drops the articles not yet handed out; the workers end with the chunk
        # in hand (killing them could leave the queue to them half written, and this process hung).
        pool.shutdown(wait=True, cancel_futures=not finished)


def extract_here(articles: list[Article], rules: Rules) -> Iterator[Outcome]:
    """The outcome of each article, extracted in this process."""
    nlp = load_pipeline()
    for article in articles:
        yield extract_one(article, nlp, rules)


_WORKER: dict = {}  # in a worker: its pipeline and rules


def _context():
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("fork" if "fork" in methods else "spawn")


def _start(files: RuleFiles) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C and SIGTERM are the parent's to handle:
    signal.signal(signal.SIGTERM, signal.SIG_DFL)  # it stops the workers and says so in one line
    if _WORKER.get("files") != files or "rules" not in _WORKER:
        _WORKER["rules"] = load_rules(files.gazetteers, files.lexicons)
    _WORKER["nlp"] = load_pipeline()


def _work(article: Article) -> Outcome:
    return extract_one(article, _WORKER["nlp"], _WORKER["rules"])
