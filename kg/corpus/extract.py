"""Where a build's articles are extracted: in this process, in worker processes on this
machine (`workers`), or on a Dask cluster (`cluster`)."""
from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from kg.corpus.workers import Outcome, RuleFiles, extract_in_processes
from kg.knowledge.load import RuleBook
from kg.knowledge.rules import Rules
from kg.model import Article

if TYPE_CHECKING:
    from spacy.language import Language

__all__ = ["extract_many"]


def extract_many(articles: list[Article], files: RuleFiles, rules: Rules | RuleBook, jobs: int,
                 scheduler: str | None = None, nlp: "Language | None" = None) -> Iterator[Outcome]:
    """The outcome of each article, in order; with `jobs` > 1 (and more than one article) in
    that many worker processes; with a `scheduler` address, on that Dask cluster. What is
    extracted in this process is parsed by `nlp` (None: kg's own pipeline); worker processes
    and Dask workers load their own."""
    if scheduler and articles:
        from kg.corpus.cluster import extract_on_cluster

        yield from extract_on_cluster(articles, files, rules, scheduler, nlp)
        return
    yield from extract_in_processes(articles, files, rules, jobs, nlp)
