"""The whole build: read articles, extract from each, merge, write the graph."""
from __future__ import annotations

import contextlib
import datetime as dt
import os
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Sequence

from kg.collector import paused_collector
from kg.errors import InputError, InputWarning, KGError, shown_path
from kg.corpus.cache import CACHE_NAME, ExtractionCache, fingerprint
from kg.corpus.extract import extract_many
from kg.corpus.workers import RuleFiles
from kg.extraction.pipeline import ArticleExtraction
from kg.files import OUTPUT_NAMES, OutputFolder
from kg.graph.rdf import graph_quads, prefixes_for
from kg.graph.serialize import serialize_quads
from kg.graph.shards import check_shards_folder, write_shards
from kg.graph.triples import TripleIndex
from kg.graph.writer import Quad
from kg.view.html import HtmlOptions
from kg.reading.ingest import read_articles
from kg.corpus.merge import merge_extractions
from kg.model import Article
from kg.graph.namespace import DEFAULT_BASE_IRI
from kg.knowledge.load import RuleBook, load_rules
from kg.knowledge.rules import Rules
from kg.view.select import Selection
from kg.graph.graphview import read_view
from kg.view.viz import write_page

if TYPE_CHECKING:
    from spacy.language import Language

__all__ = ["BuildOptions", "BuildReport", "NothingBuilt", "OUTPUT_NAMES", "build", "read_inputs"]

Progress = Callable[[int, int], None]  # (articles done, articles in all)


@dataclass(frozen=True)
class BuildOptions:
    """How to build. `pipeline` is the loaded spaCy pipeline that parses the articles extracted in
    this process (None: kg loads its own, once per process); worker processes (`jobs` > 1) and Dask
    workers (`scheduler`) load their own. A pipeline given is part of the extraction cache's key."""

    output: Path = Path("output")
    date: dt.date | None = None
    gazetteers: tuple[Path, ...] = ()
    lexicons: tuple[Path, ...] = ()
    base_iri: str = DEFAULT_BASE_IRI
    named_graphs: bool = False
    html: bool = True  # also write graph.html, the interactive view
    html_max_nodes: int = 2000  # the page draws at most this many actors, the most connected
    any_language: bool = False  # build articles in languages kg does not read too, as English
    language: str = "auto"  # the language every article is read in, or 'auto': each its own
    jobs: int = 1  # worker processes extracting articles (the command line uses every core)
    cache: bool = True  # keep per-article extractions in the output folder, and reuse them
    scheduler: str | None = None  # a Dask scheduler's address: extract on that cluster
    shards: Path | None = None  # also write each article's graph as N-Quads into this folder
    pipeline: "Language | None" = field(default=None, repr=False, compare=False)


class NothingBuilt(KGError):
    """No article could be built, so the build wrote nothing."""


@dataclass
class BuildReport:
    articles: int = 0
    actors: int = 0
    relations: int = 0  # distinct: subject, relation, object and modality
    evidence: int = 0  # evidence statements: a relation as one sentence says it
    written: list[Path] = field(default_factory=list)
    reused: int = 0  # articles whose extraction came from the cache
    failures: list[KGError] = field(default_factory=list)
    warnings: list[InputWarning] = field(default_factory=list)

    @property
    def summary(self) -> str:
        where = ", ".join(shown_path(p) for p in self.written) or "nothing"
        failed = f", {len(self.failures)} failed" if self.failures else ""
        reused = f" ({self.reused} from the cache)" if self.reused else ""
        return (f"{self.articles} articles{reused}{failed}, {self.actors} actors, "
                f"{self.relations} relations ({self.evidence} evidence statements) -> {where}")


@dataclass
class _Reporter:
    """Collects what went wrong in a build and passes each on as it happens."""

    report: BuildReport
    on_failure: Callable[[KGError], None] | None = None
    on_warning: Callable[[InputWarning], None] | None = None

    def failed(self, failure: KGError) -> None:
        self.report.failures.append(failure)
        if self.on_failure:
            self.on_failure(failure)

    def warned(self, warning: InputWarning) -> None:
        self.report.warnings.append(warning)
        if self.on_warning:
            self.on_warning(warning)


def read_inputs(inputs: Sequence[str | os.PathLike], date: dt.date | None, any_language: bool = False,
                language: str = "auto") -> tuple[list[Article], list[InputError], list[InputWarning]]:
    """The articles of `inputs` (ids made unique), the inputs that could not be read, and
    what was left out of the others."""
    articles: list[Article] = []
    failures: list[InputError] = []
    warnings: list[InputWarning] = []
    seen: set[str] = set()
    for item in read_articles(inputs, default_date=date, any_language=any_language, language_code=language):
        if isinstance(item, InputError):
            failures.append(item)
            continue
        if isinstance(item, InputWarning):
            warnings.append(item)
            continue
        article_id, n = item.id, 2
        while article_id in seen:
            article_id, n = f"{item.id}-{n}", n + 1
        seen.add(article_id)
        if article_id != item.id:
            item = replace(item, id=article_id)
        articles.append(item)
    return articles, failures, warnings


def build(inputs: Sequence[str | os.PathLike], options: BuildOptions = BuildOptions(),
          progress: Progress | None = None, on_failure: Callable[[KGError], None] | None = None,
          on_warning: Callable[[InputWarning], None] | None = None) -> BuildReport:
    """Build `options.output/graph.ttl` (and graph.html) from articles; bad inputs are
    reported, not fatal. The output folder is checked and locked before any work, and the
    outputs replace the previous ones together, or not at all: a build that builds no
    article raises NothingBuilt and writes nothing."""
    report = BuildReport()
    reporter = _Reporter(report, on_failure, on_warning)
    with OutputFolder(options.output, OUTPUT_NAMES) as out:
        if options.shards is not None:
            check_shards_folder(options.shards, out.path)
        rules = load_rules(options.gazetteers, options.lexicons)
        articles, failures, warnings = read_inputs(inputs, options.date, options.any_language, options.language)
        for warning in warnings:
            reporter.warned(warning)
        for failure in failures:
            reporter.failed(failure)
        extractions = _extract_all(articles, rules, options, out.path, reporter, progress) if articles else []
        if not extractions:
            raise NothingBuilt(f"no article was built, so nothing was written to {shown_path(out.path)}")
        with paused_collector():
            corpus = merge_extractions(extractions, rules.gazetteer)
            kept = list({e.article.id: e.article for e in extractions}.values())
            del extractions, articles  # from here on, the build holds the merged corpus, then its quads
            report.articles = len(kept)
            report.actors = sum(1 for a in corpus.actors if a.type.value != "Place")
            report.relations, report.evidence = corpus.relations, len(corpus.assertions)
            quads = graph_quads(kept, corpus.actors, corpus.posts, corpus.assertions, corpus.events,
                                base_iri=options.base_iri)
            del corpus
            _stage_outputs(out, quads, len(kept), options)
            report.written = out.commit()
            if options.shards is not None:
                report.written.append(Path(options.shards))
                write_shards(quads, options.shards)
    return report


def _stage_outputs(out: OutputFolder, quads: list[Quad], articles: int, options: BuildOptions) -> None:
    """Write the graph, and its page, to temporary files of `out`. Without shards to cut,
    the quads are let go once the page's view is read from them."""
    name, syntax = ("graph.trig", "trig") if options.named_graphs else ("graph.ttl", "turtle")
    out.stage(name, serialize_quads(quads, syntax, prefixes_for(options.base_iri)))
    if not options.html:
        return
    view = read_view(TripleIndex.of_quads(quads))
    if options.shards is None:
        quads.clear()
    title = f"Knowledge graph of {articles} article{'s' if articles != 1 else ''}"
    write_page(view, out.path / "graph.html", Selection(max_nodes=options.html_max_nodes),
               HtmlOptions(title), write=lambda path, data: out.stage(path.name, data))


def _extract_all(articles: list[Article], rules: Rules, options: BuildOptions, folder: Path,
                 reporter: _Reporter, progress: Progress | None) -> list[ArticleExtraction]:
    """Every article's extractions, in the articles' order: from the cache when it has them,
    else extracted (in `options.jobs` processes) and stored in it."""
    user_files = (*options.gazetteers, *options.lexicons)
    warn = (lambda message: reporter.warned(InputWarning(str(folder / CACHE_NAME), message)))
    cache = ExtractionCache(folder, fingerprint(user_files, options.pipeline), warn) if options.cache else None
    with cache or contextlib.nullcontext():
        with paused_collector():  # unpickling makes many objects, and no cycles
            known = {a.id: cache.get(a) for a in articles} if cache else {}
        todo = [a for a in articles if known.get(a.id) is None]
        book = RuleBook(options.gazetteers, options.lexicons, loaded=[rules])
        fresh = extract_many(todo, RuleFiles(options.gazetteers, options.lexicons), book, options.jobs,
                             options.scheduler, options.pipeline)
        with contextlib.closing(fresh):  # an interrupted build stops its workers at once
            return _in_order(articles, known, fresh, cache, reporter, progress)


def _in_order(articles, known, fresh, cache, reporter, progress) -> list[ArticleExtraction]:
    extractions: list[ArticleExtraction] = []
    for done, article in enumerate(articles, 1):
        found = known.get(article.id)
        if found is not None:
            reporter.report.reused += 1
        else:
            outcome = next(fresh)
            if isinstance(outcome, InputError):
                reporter.failed(outcome)
                found = []
            else:
                found = outcome
                if cache:
                    cache.put(article, found)
        extractions += found
        if progress:
            progress(done, len(articles))
    return extractions
