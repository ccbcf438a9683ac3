"""The `kg` command: a thin layer over the library.

Exit status: 0 success, 1 bad input data or a failed check, 2 usage error, 130 interrupted
(Ctrl-C), 143 stopped by SIGTERM.
"""
from __future__ import annotations

import datetime as dt
import os
import signal
import sys
from pathlib import Path

import click

from kg.errors import EXIT_DATA, KGError
from kg.cli_graph import diff, export, push, query, serve, stats, validate

EXIT_INTERRUPTED = 130
EXIT_TERMINATED = 143


class Terminated(KeyboardInterrupt):
    """SIGTERM, handled as Ctrl-C is: outputs written so far stay as they were."""


def _terminate(signum, frame):
    raise Terminated


class KGGroup(click.Group):
    """Turns every KGError into one line on stderr and exit status 1, and Ctrl-C or SIGTERM
    into `kg: interrupted` and 130 or 143; never a traceback."""

    def invoke(self, ctx: click.Context):
        previous = signal.signal(signal.SIGTERM, _terminate)
        try:
            return super().invoke(ctx)
        except KGError as err:
            click.echo(f"kg: {err}", err=True)
            sys.exit(EXIT_DATA)
        except KeyboardInterrupt as stop:
            click.echo("kg: interrupted", err=True)
            sys.exit(EXIT_TERMINATED if isinstance(stop, Terminated) else EXIT_INTERRUPTED)
        finally:
            signal.signal(signal.SIGTERM, previous)


def _parse_date(ctx, param, value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date in the form YYYY-MM-DD") from None


@click.group(cls=KGGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="kg")
def main() -> None:
    """Build a knowledge graph of political actors from news articles.

    \b
    Example:
      kg build seeds/ -o output      # writes output/graph.ttl
    """


@main.command()
@click.argument("inputs", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("-o", "--output", type=click.Path(file_okay=False, path_type=Path), default=Path("output"),
              show_default=True, help="Folder to write graph.ttl and graph.html into (created if missing).")
@click.option("--date", "date", callback=_parse_date, metavar="YYYY-MM-DD",
              help="Publication date for articles that carry none; relative dates resolve against it.")
@click.option("--gazetteer", "gazetteers", multiple=True, type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Extra known actors: a YAML file like ontology/gazetteer.yaml or a TSV like "
                   "ontology/countries.tsv. Repeatable; wins over the shipped data.")
@click.option("--lexicon", "lexicons", multiple=True, type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Extra relation words: a YAML file like ontology/en/lexicon.yaml. Repeatable.")
@click.option("--base-iri", default=None, metavar="IRI",
              help="Namespace for the IRIs of actors, articles and statements "
                   "[default: https://w3id.org/newskg/id/].")
@click.option("--trig", "named_graphs", is_flag=True,
              help="Write graph.trig with each article's statements in a named graph of its own.")
@click.option("--no-html", "no_html", is_flag=True, help="Do not write graph.html (see kg viz).")
@click.option("--language", "language", type=click.Choice(["auto", "en", "fr"]), default="auto", show_default=True,
              help="The language the articles are written in; auto: each article's own, told from its text.")
@click.option("--any-language", is_flag=True,
              help="Build articles in languages kg does not read (English, French) too, as English; they are "
                   "skipped with a warning by default.")
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=None, metavar="N",
              help="Worker processes extracting articles [default: the number of cores]. The output is the "
                   "same for any N.")
@click.option("--no-cache", "no_cache", is_flag=True,
              help="Extract every article again: neither read nor write the extractions kept in the output "
                   "folder (kg-cache.sqlite), which let a rebuild extract only new or changed articles.")
@click.option("--scheduler", metavar="ADDRESS",
              help="Extract on the Dask cluster whose scheduler is at ADDRESS (tcp://HOST:PORT); needs "
                   "pip install 'kg[dask]' here and kg on the workers.")
@click.option("--shards", type=click.Path(file_okay=False, path_type=Path), metavar="DIR",
              help="Also write the graph as N-Quads files into DIR, one per article (its named graph) and one "
                   "for the default graph, for bulk loading (kg push DIR). DIR is new, empty, or one kg wrote "
                   "shards into (its .kg-shards.json lists them; kg replaces and removes only those).")
@click.option("-q", "--quiet", is_flag=True, help="No progress bar.")
def build(inputs, output, date, gazetteers, lexicons, base_iri, named_graphs, no_html, language, any_language, jobs,
          no_cache, scheduler, shards, quiet) -> None:
    """Read news articles and write their knowledge graph as Turtle, with an
    interactive view of it in graph.html.

    INPUTS are files or folders (searched recursively, except links to folders
    and folders kg writes its outputs into) of .txt, .md, .html/.htm
    and .jsonl articles (one JSON object a line with "text" and optional "id",
    "title", "date", "url", "source"). A bad input is reported on stderr with
    its file and line; the others are still built, and the exit status is 1.
    Articles in English and French are read, each in its own language; a
    field left out of an article, or an article skipped because it is in
    another language, gives a warning line. A build that builds no article writes
    nothing. Another build into the same folder at the same time is refused.
    Each article's extraction is kept in the output folder (kg-cache.sqlite):
    the next build there extracts only new or changed articles.

    \b
    Examples:
      kg build seeds/ -o output
      kg build news.jsonl --date 2024-03-01 --gazetteer my_actors.yaml -o out
    """
    from kg.build import BuildOptions
    from kg.build import build as run_build
    from kg.graph.namespace import DEFAULT_BASE_IRI

    options = BuildOptions(output=output, date=date, gazetteers=tuple(gazetteers), lexicons=tuple(lexicons),
                           base_iri=base_iri or DEFAULT_BASE_IRI, named_graphs=named_graphs, html=not no_html,
                           any_language=any_language, language=language, jobs=jobs or os.cpu_count() or 1, cache=not no_cache,
                           scheduler=scheduler, shards=shards)

    def failed(err: KGError) -> None:
        click.echo(f"kg: {err}", err=True)

    def warned(warning) -> None:
        click.echo(f"kg: warning: {warning}", err=True)

    if not quiet and sys.stderr.isatty():
        bar = None

        def step(done: int, total: int) -> None:
            nonlocal bar
            if bar is None:
                bar = click.progressbar(length=total, label="Extracting", file=sys.stderr)
                bar.__enter__()
            bar.update(1)

        try:
            report = run_build(inputs, options, progress=step, on_failure=failed, on_warning=warned)
        finally:
            if bar is not None:
                bar.__exit__(None, None, None)
    else:
        report = run_build(inputs, options, on_failure=failed, on_warning=warned)
    click.echo(report.summary)
    if report.failures:
        sys.exit(EXIT_DATA)


def _parse_list(parse):
    def callback(ctx, param, value: str | None):
        if value is None:
            return None
        try:
            return parse(value)
        except ValueError as err:
            raise click.BadParameter(str(err)) from None
    return callback


class _RelationsOption(click.Option):
    """--relations, whose help lists the relations of the relation table: read when the help is
    shown, not each time kg starts."""

    def get_help_record(self, ctx: click.Context):
        self.help = f"Only these relations or relation classes, comma-separated: {_relation_names()}."
        return super().get_help_record(ctx)


def _relation_names() -> str:
    """The relations and relation classes of the relation table, for the help text."""
    from kg.relationtable import relation_table

    try:
        table = relation_table()
    except KGError as err:
        return f"those of the relation table ({err})"
    return f"{', '.join(table.relations)}; {', '.join(table.classes)}"


def _relations(value: str):
    from kg.view.select import parse_relations
    return parse_relations(value)


def _types(value: str):
    from kg.view.select import parse_types
    return parse_types(value)


@main.command()
@click.argument("graph", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="The HTML file to write  [default: GRAPH with the suffix .html].")
@click.option("--focus", metavar="NAME", help="Draw only this actor (a name, alias or IRI) and its neighbours.")
@click.option("--depth", type=click.IntRange(min=0), default=1, show_default=True,
              help="With --focus: how many relations away from the actor to go.")
@click.option("--relations", cls=_RelationsOption, callback=_parse_list(_relations), metavar="LIST")
@click.option("--types", callback=_parse_list(_types), metavar="LIST",
              help="Only actors of these types, comma-separated: Person, Country, ArmedGroup, "
                   "GovernmentBody, Organization, InternationalOrganization, MediaOutlet, Group, Topic.")
@click.option("--max-nodes", type=click.IntRange(min=1), metavar="N",
              help="Keep only the N most connected actors; the page says how many were left out.")
@click.option("--show-negated", is_flag=True, help="Show denied relations when the page opens (hidden by default).")
@click.option("--title", default=None, help="Title of the page  [default: the graph file's name].")
def viz(graph, output, focus, depth, relations, types, max_nodes, show_negated, title) -> None:
    """Draw GRAPH (Turtle, TriG, N-Triples, N-Quads or JSON-LD) as one interactive
    HTML page that works offline: filters, search, and the evidence of every relation.

    \b
    Examples:
      kg viz output/graph.ttl -o graph.html
      kg viz output/graph.ttl --focus "Hulusi Akar" --depth 2 -o akar.html
      kg viz big.ttl --relations conflict,meeting --types Country,ArmedGroup --max-nodes 300
    """
    from kg.view.html import HtmlOptions
    from kg.view.select import Selection
    from kg.view.viz import visualize

    from kg.files import check_output_file

    output = output or graph.with_suffix(".html")
    if output.resolve() == graph.resolve():
        raise click.BadParameter("the output would overwrite the graph", param_hint="-o/--output")
    check_output_file(output)
    selection = Selection(relations=relations, types=types, focus=focus, depth=depth, max_nodes=max_nodes)
    options = HtmlOptions(title=title or f"kg: {graph.name}", show_negated=show_negated)
    click.echo(visualize(graph, output, selection, options).summary)


@main.command("eval")
@click.argument("graph", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.argument("gold", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.option("--details", is_flag=True, help="Also list missed entities and relations, and false ones.")
@click.option("--json", "as_json", is_flag=True, help="Print the whole result as JSON.")
def evaluate(graph, gold, details, as_json) -> None:
    """Score GRAPH against hand-annotated GOLD files (or folders of them).

    Prints entity recall and fragmentation, relation precision, recall and F1
    per relation class, modality errors and provenance; the format of gold
    files is in the README.

    \b
    Example:
      kg build articles/ -o out
      kg eval out/graph.ttl gold/ --details
    """
    import dataclasses
    import json

    from kg.evaluate import format_score, load_gold, score_graph

    score = score_graph(graph, load_gold(gold))
    if as_json:
        result = dataclasses.asdict(score) | {"entity_recall": score.entity_recall, "precision": score.precision,
                                              "recall": score.recall, "f1": score.f1}
        click.echo(json.dumps(result, indent=2, ensure_ascii=False, default=list))
    else:
        click.echo(format_score(score, details))


for _command in (query, export, stats, diff, validate, serve, push):
    main.add_command(_command)


if __name__ == "__main__":
    main()
