"""Extraction of many articles, in this process (with the pipeline given, else kg's own) or in
worker processes that each load the pipeline once. Each article's extraction comes back as plain
data (its parse released) in the order of the articles, so the build's output is the same for any
number of workers; an article whose extraction fails is reported, and a worker that dies has its
articles done here instead."""
from __future__ import annotations

import multiprocessing
import os
import signal
import threading
import time
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Iterator, Union

from kg.errors import InputError
from kg.extraction.parsing.nlp import load_pipeline, parse_article, parse_stream, prepare_pipeline
from kg.extraction.pipeline import ArticleExtraction, detached, extract_parsed, parse_plans
from kg.knowledge.load import RuleBook, rules_in
from kg.knowledge.rules import Rules
from kg.model import Article

if TYPE_CHECKING:
    from spacy.language import Language

__all__ = ["RuleFiles", "Outcome", "extract_one", "extract_stream", "extract_in_processes", "extract_here"]

Outcome = Union[list[ArticleExtraction], InputError]
CHUNKS_PER_WORKER = 4  # articles are handed out in chunks, this many per worker at least ...
MAX_CHUNK = 8  # ... and of at most this many (an interrupted build waits for the chunks in hand)
PARENT_CHECK_SECONDS = 0.5  # how often a worker looks whether its build still runs


@dataclass(frozen=True)
class RuleFiles:
    """The user's data files a worker loads the rules with, besides the shipped ones."""

    gazetteers: tuple[Path, ...] = ()
    lexicons: tuple[Path, ...] = ()


def extract_one(article: Article, nlp: "Language | None", rules: Rules | RuleBook) -> Outcome:
    """The article's extractions (one per window of a very long article), parsed on its own,
    or why it failed: a bug met on one article must not lose the others. `nlp` and `rules` read
    the articles of their language; the others are read with kg's own of theirs."""
    try:
        nlp, rules = _pipeline_in(nlp, article.language), rules_in(rules, article.language)
        return [detached(extract_parsed(article, parse_article(nlp, plan), rules)) for plan in parse_plans(article, rules)]
    except Exception as err:
        return _failed(article, err)


def extract_stream(articles: list[Article], nlp: "Language | None", rules: Rules | RuleBook) -> Iterator[Outcome]:
    """The outcome of each article, in order, the paragraphs of each run of articles in one
    language parsed in one stream (nlp.parse_stream). Should the stream itself break, the
    articles not yet done are parsed one by one, so that the one that broke it is reported alone."""
    for run in _language_runs(articles):
        done = 0
        try:
            code = run[0].language
            for outcome in _streamed(run, _pipeline_in(nlp, code), rules_in(rules, code)):
                done += 1
                yield outcome
        except Exception:
            yield from (extract_one(article, nlp, rules) for article in run[done:])


def _language_runs(articles: list[Article]) -> Iterator[list[Article]]:
    """The articles cut where their language changes, in order."""
    run: list[Article] = []
    for article in articles:
        if run and article.language != run[0].language:
            yield run
            run = []
        run.append(article)
    if run:
        yield run


def _pipeline_in(nlp: "Language | None", code: str) -> "Language":
    """`nlp` when it parses the language `code`, else kg's own pipeline of it."""
    return nlp if nlp is not None and nlp.lang == code else load_pipeline(code)


def _streamed(articles: list[Article], nlp: "Language", rules: Rules) -> Iterator[Outcome]:
    def planned():
        for number, article in enumerate(articles):
            plans = parse_plans(article, rules)
            yield from (((number, len(plans)), plan) for plan in plans)

    outcome: Outcome = []
    windows_done = 0
    for (number, windows), sentences in parse_stream(nlp, planned()):
        if not isinstance(outcome, InputError):
            try:
                outcome.append(detached(extract_parsed(articles[number], sentences, rules)))
            except Exception as err:
                outcome = _failed(articles[number], err)
        windows_done += 1
        if windows_done == windows:
            yield outcome
            outcome, windows_done = [], 0


def _failed(article: Article, err: Exception) -> InputError:
    return InputError(article.source, f"extraction failed ({type(err).__name__}: {str(err)[:200]}); "
                                      "please report this with the article")


def extract_in_processes(articles: list[Article], files: RuleFiles, rules: Rules | RuleBook, jobs: int,
                         nlp: "Language | None" = None) -> Iterator[Outcome]:
    """The outcome of each article, in order; with `jobs` > 1 (and more than one article) in
    that many worker processes, each with a pipeline of its own; else here, with `nlp`."""
    workers = min(jobs, len(articles))
    if workers <= 1:
        yield from extract_here(articles, rules, nlp)
        return
    _WORKER.update(files=files, rules=rules)  # inherited by forked workers; spawned ones load their own
    pool = ProcessPoolExecutor(workers, mp_context=_context(), initializer=_start, initargs=(files,))
    done, finished = 0, False
    try:
        size = min(max(1, len(articles) // (workers * CHUNKS_PER_WORKER)), MAX_CHUNK)
        chunks = [articles[n:n + size] for n in range(0, len(articles), size)]
        for outcomes in pool.map(_work, chunks):
            for outcome in outcomes:
                done += 1
                yield outcome
        finished = True
    except BrokenProcessPool:
        finished = True
        yield from extract_here(articles[done:], rules, nlp)  # a worker died (out of memory, killed): finish here
    finally:
        _WORKER.clear()
        # An interrupted build drops the articles not yet handed out; the workers end with the chunk
        # in hand (killing them could leave the queue to them half written, and this process hung).
        pool.shutdown(wait=True, cancel_futures=not finished)


def extract_here(articles: list[Article], rules: Rules | RuleBook, nlp: "Language | None" = None) -> Iterator[Outcome]:
    """The outcome of each article, extracted in this process with `nlp` for the articles of its
    language (None: kg's own pipeline of each language)."""
    yield from extract_stream(articles, prepare_pipeline(nlp) if nlp is not None else None, rules)


_WORKER: dict = {}  # in a worker: its rules (each language's pipeline is loaded once, on first need)


def _context():
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("fork" if "fork" in methods else "spawn")


def _start(files: RuleFiles) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C and SIGTERM are the parent's to handle:
    signal.signal(signal.SIGTERM, signal.SIG_DFL)  # it stops the workers and says so in one line
    threading.Thread(target=_end_with_parent, args=(os.getppid(),), daemon=True).start()
    if _WORKER.get("files") != files or "rules" not in _WORKER:
        _WORKER["rules"] = RuleBook(files.gazetteers, files.lexicons)


def _end_with_parent(parent: int) -> None:
    """A worker whose build was killed outright (SIGKILL, out of memory) ends too, at once: left
    waiting for work that never comes, it would hold the build's output pipes open."""
    while os.getppid() == parent:
        time.sleep(PARENT_CHECK_SECONDS)
    os._exit(1)


def _work(chunk: list[Article]) -> list[Outcome]:
    return list(extract_stream(chunk, None, _WORKER["rules"]))
