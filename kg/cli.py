"""The `kg` command: a thin layer over the library.

Exit status: 0 success, 1 bad input data or a failed check, 2 usage error, 130 interrupted
(Ctrl-C), 143 stopped by SIGTERM.
"""
from __future__ import annotations

import datetime as dt
import signal
import sys
from pathlib import Path

import click

from .errors import KGError
from .relationtable import relation_table

EXIT_DATA = 1
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
              help="Extra relation words: a YAML file like ontology/lexicon.yaml. Repeatable.")
@click.option("--base-iri", default=None, metavar="IRI",
              help="Namespace for the IRIs of actors, articles and statements "
                   "[default: https://w3id.org/newskg/id/].")
@click.option("--trig", "named_graphs", is_flag=True,
              help="Write graph.trig with each article's statements in a named graph of its own.")
@click.option("--no-html", "no_html", is_flag=True, help="Do not write graph.html (see kg viz).")
@click.option("--any-language", is_flag=True,
              help="Build articles that are not in English too (they are skipped with a warning by default).")
@click.option("-q", "--quiet", is_flag=True, help="No progress bar.")
def build(inputs, output, date, gazetteers, lexicons, base_iri, named_graphs, no_html, any_language, quiet) -> None:
    """Read news articles and write their knowledge graph as Turtle, with an
    interactive view of it in graph.html.

    INPUTS are files or folders (searched recursively) of .txt, .md, .html/.htm
    and .jsonl articles (one JSON object a line with "text" and optional "id",
    "title", "date", "url", "source"). A bad input is reported on stderr with
    its file and line; the others are still built, and the exit status is 1.
    A field left out of an article, or an article skipped because it is not in
    English, gives a warning line. A build that builds no article writes
    nothing. Another build into the same folder at the same time is refused.

    \b
    Examples:
      kg build seeds/ -o output
      kg build news.jsonl --date 2024-03-01 --gazetteer my_actors.yaml -o out
    """
    from .build import BuildOptions
    from .build import build as run_build
    from .graph.namespace import DEFAULT_BASE_IRI

    options = BuildOptions(output=output, date=date, gazetteers=tuple(gazetteers), lexicons=tuple(lexicons),
                           base_iri=base_iri or DEFAULT_BASE_IRI, named_graphs=named_graphs, html=not no_html,
                           any_language=any_language)

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


def _relation_names() -> str:
    """The relations and relation classes of the relation table, for the help text."""
    try:
        table = relation_table()
    except KGError as err:
        return f"those of the relation table ({err})"
    return f"{', '.join(table.relations)}; {', '.join(table.classes)}"


def _relations(value: str):
    from .view.select import parse_relations
    return parse_relations(value)


def _types(value: str):
    from .view.select import parse_types
    return parse_types(value)


@main.command()
@click.argument("graph", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="The HTML file to write  [default: GRAPH with the suffix .html].")
@click.option("--focus", metavar="NAME", help="Draw only this actor (a name, alias or IRI) and its neighbours.")
@click.option("--depth", type=click.IntRange(min=0), default=1, show_default=True,
              help="With --focus: how many relations away from the actor to go.")
@click.option("--relations", callback=_parse_list(_relations), metavar="LIST",
              help=f"Only these relations or relation classes, comma-separated: {_relation_names()}.")
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
    from .view.html import HtmlOptions
    from .view.select import Selection
    from .view.viz import visualize

    from .files import check_output_file

    output = output or graph.with_suffix(".html")
    if output.resolve() == graph.resolve():
        raise click.BadParameter("the output would overwrite the graph", param_hint="-o/--output")
    check_output_file(output)
    selection = Selection(relations=relations, types=types, focus=focus, depth=depth, max_nodes=max_nodes)
    options = HtmlOptions(title=title or f"kg: {graph.name}", show_negated=show_negated)
    click.echo(visualize(graph, output, selection, options).summary)


def _params(ctx, param, values: tuple[str, ...]) -> dict[str, str]:
    params = {}
    for item in values:
        name, sep, value = item.partition("=")
        if not sep or not name.strip():
            raise click.BadParameter(f"{item!r} is not NAME=VALUE")
        params[name.strip()] = value
    return params


@main.command()
@click.argument("graph", required=False, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.argument("query_text", metavar="[QUERY]", required=False)
@click.option("-f", "--file", "query_file", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Read the query from this file.")
@click.option("-n", "--name", help="Run a saved query (see --list).")
@click.option("--list", "list_saved", is_flag=True, help="List the saved queries and exit.")
@click.option("-p", "--param", "params", multiple=True, callback=_params, metavar="NAME=VALUE",
              help="Bind ?NAME to a string (or to an IRI written <...>). Repeatable.")
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "tsv", "json", "md"]), default="table",
              show_default=True, help="How to print SELECT results (json is the SPARQL 1.1 results format).")
@click.option("--timeout", type=click.FloatRange(min=0, min_open=True), default=60.0, show_default=True,
              metavar="SECONDS", help="Stop a query that runs longer than this.")
@click.option("--update", "allow_update", is_flag=True,
              help="Allow SPARQL Update (INSERT, DELETE, ...); GRAPH is then rewritten atomically.")
@click.option("--allow-network", is_flag=True,
              help="Allow LOAD, SERVICE and FROM/USING graphs that are not in GRAPH, which fetch from the network.")
def query(graph, query_text, query_file, name, list_saved, params, fmt, timeout, allow_update, allow_network) -> None:
    """Run a SPARQL query on GRAPH and print the result.

    The prefixes kg:, kgr:, rdf:, rdfs:, skos:, prov:, schema:, sem:, xsd: and
    dcterms: are known without PREFIX lines, and the named graphs of a TriG file
    are part of the default graph. SELECT prints a table (or --format), ASK
    true or false, CONSTRUCT and DESCRIBE Turtle. The graph is read-only unless
    --update is given. kg query reads nothing but GRAPH: LOAD, SERVICE and
    FROM/USING a graph GRAPH does not hold are refused before anything runs
    unless --allow-network is given. A syntax error or a refused request exits
    with status 2.

    \b
    Examples:
      kg query output/graph.ttl 'SELECT ?a ?b WHERE { ?a kg:metWith ?b }'
      kg query output/graph.ttl --name actor --param actor="Hulusi Akar" --format md
      kg query output/graph.ttl -f my_query.rq --format csv > result.csv
      kg query --list
    """
    from .query.sparql import QueryRefused, QuerySyntaxError, run_query, run_saved, saved_queries, saved_query

    if list_saved:
        queries = saved_queries()
        width = max(len(n) for n in queries)
        for q in queries.values():
            needs = "".join(f" --param {p}=..." for p in q.params)
            click.echo(f"{q.name.ljust(width)}  {q.description}{needs}")
        return
    given = [x for x in (query_text, query_file, name) if x is not None]
    if graph is None:
        raise click.UsageError("give the GRAPH to query (or --list)")
    if len(given) != 1:
        raise click.UsageError("give exactly one of QUERY, -f/--file or -n/--name")
    saved = saved_query(name) if name is not None else None
    if saved is not None and (missing := [p for p in saved.params if p not in params]):
        raise click.UsageError(f"the saved query {name!r} needs "
                               + " ".join(f"--param {p}=<{saved.params[p]}>" for p in missing))
    from .files import check_output_file
    from .query.results import format_result
    from .graph.store import load_store, save_store

    if allow_update:
        check_output_file(graph)
    store = load_store(graph)
    before = len(store)
    try:
        if saved is not None:
            result = run_saved(store, saved, params, timeout=timeout)
        elif query_file is not None:
            result = run_query(store, _read_text(query_file), params=params, timeout=timeout,
                               allow_update=allow_update, allow_network=allow_network, source=str(query_file))
        else:
            result = run_query(store, query_text, params=params, timeout=timeout, allow_update=allow_update,
                               allow_network=allow_network)
    except (QuerySyntaxError, QueryRefused) as err:
        click.echo(f"kg: {err}", err=True)
        sys.exit(2)
    if result.kind == "update":
        save_store(store, graph)
        click.echo(f"updated {graph}: {before} triples before, {len(store)} after")
        return
    click.echo(format_result(result, fmt), nl=False)


def _read_text(path: Path) -> str:
    from .errors import InputError

    try:
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise InputError(path, "not UTF-8 text") from None
    except OSError as err:
        raise InputError(path, err.strerror or str(err)) from None


@main.command()
@click.argument("graph", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--format", "fmt", required=True,
              type=click.Choice(["turtle", "trig", "nt", "nq", "jsonld", "graphml", "gexf", "csv"]),
              help="turtle, trig, nt, nq, jsonld: RDF; graphml, gexf: a network for Gephi, yEd, Cytoscape; "
                   "csv: one row per relation and evidence sentence.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="File to write (replaced atomically); standard output when not given.")
def export(graph, fmt, output) -> None:
    """Write GRAPH in another format.

    RDF formats keep every triple (a round trip through any of them gives the
    same graph). GraphML and GEXF hold a node per actor (label, type, aliases,
    posts) and an edge per relation (relation, class, modality, date, place,
    confidence, evidence). CSV has the columns subject, relation, object,
    modality, date, place, confidence, evidence, article, article_title,
    article_url, article_file, subject_iri, object_iri.

    \b
    Examples:
      kg export output/graph.ttl --format graphml -o graph.graphml
      kg export output/graph.ttl --format csv -o relations.csv
      kg export output/graph.ttl --format jsonld > graph.jsonld
    """
    from .graph.export import export as run_export
    from .files import check_output_file

    if output is not None and output.resolve() == graph.resolve():
        raise click.BadParameter("the output would overwrite the graph", param_hint="-o/--output")
    if output is not None:
        check_output_file(output)
    data = run_export(graph, fmt, output)
    if output is None:
        click.echo(data.decode("utf-8"), nl=False)
    else:
        click.echo(f"{fmt} -> {output}")


@main.command()
@click.argument("graph", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--top", type=click.IntRange(min=1), default=10, show_default=True,
              help="How many of the most connected actors to list.")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
def stats(graph, top, fmt) -> None:
    """Count the actors of GRAPH by type and its relations by class and modality,
    and list the most connected actors with their degree and betweenness
    centrality.

    \b
    Examples:
      kg stats output/graph.ttl
      kg stats output/graph.ttl --top 25 --format json
    """
    import json

    from .graph.load import load_graph
    from .query.stats import format_stats, graph_stats
    from .view.data import read_view

    result = graph_stats(read_view(load_graph(graph)), top)
    if fmt == "json":
        click.echo(json.dumps(result.to_dict(), indent=2, ensure_ascii=False))
    else:
        click.echo(format_stats(result), nl=False)


@main.command()
@click.argument("graph", type=click.Path(exists=True, dir_okay=False, path_type=Path))
def validate(graph) -> None:
    """Check GRAPH against the SHACL shapes of the graph contract
    (ontology/shapes.ttl): one label and a type per actor, evidence, offsets,
    article and one modality per statement, no planned or denied relation
    stated as fact, and more. Prints each violation on a line; the exit status
    is 1 when the graph does not conform.

    \b
    Example:
      kg validate output/graph.ttl
    """
    from .graph.validate import validate_file

    report = validate_file(graph)
    for violation in report.violations:
        click.echo(str(violation))
    if report.conforms:
        click.echo(f"{graph} conforms to the kg shapes")
        return
    click.echo(f"{graph} does not conform: {len(report.violations)} violation"
               f"{'s' if len(report.violations) != 1 else ''}", err=True)
    sys.exit(EXIT_DATA)


@main.command()
@click.argument("graph", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--port", type=click.IntRange(1, 65535), default=7878, show_default=True)
@click.option("--timeout", type=click.FloatRange(min=1), default=None, metavar="SECONDS",
              help="Stop requests that run longer than this (HTTP 503); the server behind is restarted "
                   "to stop the query.")
def serve(graph, port, timeout) -> None:
    """Serve GRAPH as a read-only SPARQL 1.1 endpoint on 127.0.0.1, with
    Oxigraph's server: queries at http://127.0.0.1:PORT/query (for YASGUI or any
    SPARQL client); updates and SERVICE are refused. Ctrl-C or SIGTERM stop it;
    the server and its store never outlive kg.

    \b
    Example:
      kg serve output/graph.ttl --port 7878
      curl 'http://127.0.0.1:7878/query' --data-urlencode 'query=SELECT * WHERE { ?s ?p ?o } LIMIT 5'
    """
    from .query.serve import serve as run_server

    def ready(url: str) -> None:
        click.echo(f"SPARQL endpoint (read-only): {url}  (Ctrl-C to stop)")
        sys.stdout.flush()

    run_server(graph, port, timeout=timeout, on_ready=ready)
    click.echo("stopped")


@main.command()
@click.argument("graph", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--endpoint", required=True, metavar="URL",
              help="The store's Graph Store Protocol endpoint, e.g. http://127.0.0.1:7878/store.")
@click.option("--graph", "graph_iri", metavar="IRI", help="Load into this named graph [default: the default graph].")
@click.option("--replace", is_flag=True, help="Replace that graph's content (HTTP PUT) instead of adding to it.")
@click.option("--user", envvar="KG_USER", help="User name for HTTP Basic authentication [env KG_USER]; "
                                                "the password comes from KG_PASSWORD.")
@click.option("--timeout", type=click.FloatRange(min=1), default=60.0, show_default=True, metavar="SECONDS")
def push(graph, endpoint, graph_iri, replace, user, timeout) -> None:
    """Load GRAPH into a SPARQL 1.1 store (Oxigraph, Fuseki, GraphDB, ...) through
    the Graph Store HTTP Protocol. Credentials (--user and KG_PASSWORD, or in the
    URL) go to the endpoint's host only and are never printed; redirects are not
    followed. Success is a 2xx answer to the write, after which the graph is read
    back and its triples counted when the store allows it.

    \b
    Examples:
      kg push output/graph.ttl --endpoint http://127.0.0.1:7878/store
      KG_PASSWORD=secret kg push output/graph.ttl --endpoint https://db.example/ds/data \\
          --graph https://example.org/news --user analyst --replace
    """
    import os

    from .graph.endpoint import push as run_push

    report = run_push(graph, endpoint, graph_iri=graph_iri, user=user, password=os.environ.get("KG_PASSWORD"),
                      replace=replace, timeout=timeout)
    click.echo(report.summary)


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

    from .evaluate import format_score, load_gold, score_graph

    score = score_graph(graph, load_gold(gold))
    if as_json:
        result = dataclasses.asdict(score) | {"entity_recall": score.entity_recall, "precision": score.precision,
                                              "recall": score.recall, "f1": score.f1}
        click.echo(json.dumps(result, indent=2, ensure_ascii=False, default=list))
    else:
        click.echo(format_score(score, details))


if __name__ == "__main__":
    main()
