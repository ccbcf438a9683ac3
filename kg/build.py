"""The whole build: read articles, extract from each, merge, write the graph."""
from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Sequence

from .errors import InputError, KGError
from .extract import ArticleExtraction, extract_article
from .graph import to_graph, union_graph, write_graph
from .html import HtmlOptions
from .ingest import read_articles
from .merge import merge_extractions
from .model import Article
from .namespace import DEFAULT_BASE_IRI
from .nlp import load_pipeline
from .rules import load_rules
from .viewselect import Selection
from .viz import write_view

__all__ = ["BuildOptions", "BuildReport", "build", "read_inputs"]

Progress = Callable[[int, int], None]  # (articles done, articles in all)


@dataclass(frozen=True)
class BuildOptions:
    output: Path = Path("output")
    date: dt.date | None = None
    gazetteers: tuple[Path, ...] = ()
    lexicons: tuple[Path, ...] = ()
    base_iri: str = DEFAULT_BASE_IRI
    named_graphs: bool = False
    html: bool = True  # also write graph.html, the interactive view
    html_max_nodes: int = 2000  # the page draws at most this many actors, the most connected


@dataclass
class BuildReport:
    articles: int = 0
    actors: int = 0
    relations: int = 0
    written: list[Path] = field(default_factory=list)
    failures: list[KGError] = field(default_factory=list)

    @property
    def summary(self) -> str:
        where = ", ".join(str(p) for p in self.written) or "nothing"
        failed = f", {len(self.failures)} failed" if self.failures else ""
        return (f"{self.articles} articles{failed}, {self.actors} actors, "
                f"{self.relations} relations -> {where}")


def read_inputs(inputs: Sequence[str | os.PathLike], date: dt.date | None) -> tuple[list[Article], list[InputError]]:
    articles: list[Article] = []
    failures: list[InputError] = []
    seen: set[str] = set()
    for item in read_articles(inputs, default_date=date):
        if isinstance(item, InputError):
            failures.append(item)
            continue
        article_id, n = item.id, 2
        while article_id in seen:
            article_id, n = f"{item.id}-{n}", n + 1
        seen.add(article_id)
        if article_id != item.id:
            item = Article(article_id, item.text, item.source, item.title, item.date, item.date_inferred,
                           item.url, item.outlet)
        articles.append(item)
    return articles, failures


def build(inputs: Sequence[str | os.PathLike], options: BuildOptions = BuildOptions(),
          progress: Progress | None = None, on_failure: Callable[[KGError], None] | None = None) -> BuildReport:
    """Build `options.output/graph.ttl` (and graph.html) from articles; bad inputs are reported, not fatal."""
    report = BuildReport()
    rules = load_rules(options.gazetteers, options.lexicons)
    articles, failures = read_inputs(inputs, options.date)
    for failure in failures:
        report.failures.append(failure)
        if on_failure:
            on_failure(failure)
    nlp = load_pipeline()
    extractions: list[ArticleExtraction] = []
    for done, article in enumerate(articles, 1):
        try:
            extractions.append(extract_article(article, nlp, rules))
        except Exception as err:  # a bug met on one article must not lose the others
            failure = InputError(article.source, f"extraction failed ({type(err).__name__}: {err}); "
                                                 "please report this with the article")
            report.failures.append(failure)
            if on_failure:
                on_failure(failure)
        if progress:
            progress(done, len(articles))
    corpus = merge_extractions(extractions, rules)
    kept = [e.article for e in extractions]
    dataset = to_graph(kept, corpus.actors, corpus.posts, corpus.assertions, corpus.events,
                       base_iri=options.base_iri, named_graphs=options.named_graphs)
    output = Path(options.output)
    output.mkdir(parents=True, exist_ok=True)
    report.written.append(write_graph(dataset, output / ("graph.trig" if options.named_graphs else "graph.ttl"),
                                      "trig" if options.named_graphs else "turtle"))
    if options.html:
        title = f"Knowledge graph of {len(kept)} article{'s' if len(kept) != 1 else ''}"
        selection = Selection(max_nodes=options.html_max_nodes)
        report.written.append(write_view(union_graph(dataset), output / "graph.html", selection,
                                         HtmlOptions(title)).path)
    report.articles = len(kept)
    report.actors = sum(1 for a in corpus.actors if a.type.value != "Place")
    report.relations = len(corpus.assertions) + len(corpus.posts)
    return report
