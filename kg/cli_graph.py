"""The `kg` commands that read a graph someone has built: query, export, stats, validate,
serve and push. `kg.cli` registers them on the `kg` group."""
from __future__ import annotations

import sys
from pathlib import Path

import click

from kg.errors import EXIT_DATA, KGError

__all__ = ["query", "export", "stats", "validate", "serve", "push"]


def _params(ctx, param, values: tuple[str, ...]) -> dict[str, str]:
    params = {}
    for item in values:
        name, sep, value = item.partition("=")
        if not sep or not name.strip():
            raise click.BadParameter(f"{item!r} is not NAME=VALUE")
        params[name.strip()] = value
    return params


@click.command()
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
    from kg.query.sparql import QueryRefused, QuerySyntaxError, run_query, run_saved, saved_query

    if list_saved:
        _list_saved_queries()
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
    from kg.files import check_output_file
    from kg.query.results import format_result
    from kg.graph.store import load_store, save_store

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


def _list_saved_queries() -> None:
    from kg.query.sparql import saved_queries

    queries = saved_queries()
    width = max(len(n) for n in queries)
    for q in queries.values():
        needs = "".join(f" --param {p}=..." for p in q.params)
        click.echo(f"{q.name.ljust(width)}  {q.description}{needs}")


def _read_text(path: Path) -> str:
    from kg.errors import InputError

    try:
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise InputError(path, "not UTF-8 text") from None
    except OSError as err:
        raise InputError(path, err.strerror or str(err)) from None


@click.command()
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
    from kg.graph.export import export as run_export
    from kg.files import check_output_file

    if output is not None and output.resolve() == graph.resolve():
        raise click.BadParameter("the output would overwrite the graph", param_hint="-o/--output")
    if output is not None:
        check_output_file(output)
    data = run_export(graph, fmt, output)
    if output is None:
        click.echo(data.decode("utf-8"), nl=False)
    else:
        click.echo(f"{fmt} -> {output}")


@click.command()
@click.argument("old", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.argument("new", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["table", "json", "md"]), default="table", show_default=True,
              help="A listing, JSON, or Markdown (for a report or a ticket).")
def diff(old, new, fmt) -> None:
    """What changed from OLD to NEW, two graphs of kg's contract (two builds of
    a growing corpus, say): actors added and removed, relations added or
    removed, and relations whose modality changed (planned, then asserted),
    with the evidence of what is new.

    \b
    Examples:
      kg diff yesterday/graph.ttl output/graph.ttl
      kg diff yesterday/graph.ttl output/graph.ttl --format md > changes.md
    """
    from kg.collector import paused_collector
    from kg.graph.triples import load_for_lookup
    from kg.query.diff import diff_views, format_diff
    from kg.graph.graphview import read_view

    with paused_collector():
        changes = diff_views(read_view(load_for_lookup(old)), read_view(load_for_lookup(new)))
    click.echo(format_diff(changes, fmt, str(old), str(new)), nl=False)


@click.command()
@click.argument("graph", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--top", type=click.IntRange(min=1), default=10, show_default=True,
              help="How many of the most connected actors to list.")
@click.option("--camps", is_flag=True, help="Instead, sort the actors into camps: tied by meetings, cooperation "
                                            "and membership, set apart by conflict (structural balance).")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
def stats(graph, top, camps, fmt) -> None:
    """Count the actors of GRAPH by type and its relations by class and modality,
    and list the most connected actors with their degree and betweenness
    centrality; or, with --camps, the camps the actors fall into.

    \b
    Examples:
      kg stats output/graph.ttl
      kg stats output/graph.ttl --top 25 --format json
      kg stats output/graph.ttl --camps
    """
    import json

    from kg.collector import paused_collector
    from kg.graph.triples import load_for_lookup
    from kg.query.camps import find_camps, format_camps
    from kg.query.stats import format_stats, graph_stats
    from kg.graph.graphview import read_view

    with paused_collector():
        view = read_view(load_for_lookup(graph))
        if camps:
            click.echo(format_camps(find_camps(view), fmt), nl=False)
            return
        result = graph_stats(view, top)
    if fmt == "json":
        click.echo(json.dumps(result.to_dict(), indent=2, ensure_ascii=False))
    else:
        click.echo(format_stats(result), nl=False)


@click.command()
@click.argument("graph", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--engine", type=click.Choice(["oxigraph", "pyshacl"]), default="oxigraph", show_default=True,
              help="Run the shapes as queries in Oxigraph (seconds on thousands of articles), or with pyshacl, "
                   "the reference SHACL engine (the same violations, far slower on large graphs).")
def validate(graph, engine) -> None:
    """Check GRAPH against the SHACL shapes of the graph contract
    (ontology/shapes.ttl): one label and a type per actor, evidence, offsets,
    article and one modality per statement, no planned or denied relation
    stated as fact, and more. Prints each violation on a line; the exit status
    is 1 when the graph does not conform.

    \b
    Example:
      kg validate output/graph.ttl
    """
    from kg.graph.validate import validate_file

    report = validate_file(graph, engine)
    for violation in report.violations:
        click.echo(str(violation))
    if report.conforms:
        click.echo(f"{graph} conforms to the kg shapes")
        return
    click.echo(f"{graph} does not conform: {len(report.violations)} violation"
               f"{'s' if len(report.violations) != 1 else ''}", err=True)
    sys.exit(EXIT_DATA)


def _origins(ctx, param, values: tuple[str, ...]) -> tuple[str, ...]:
    from kg.query.guard import cors_origin

    try:
        return tuple(cors_origin(value) for value in values)
    except KGError as err:
        raise click.BadParameter(str(err)) from None


@click.command()
@click.argument("graph", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--port", type=click.IntRange(1, 65535), default=7878, show_default=True)
@click.option("--timeout", type=click.FloatRange(min=1), default=None, metavar="SECONDS",
              help="Stop requests that run longer than this (HTTP 503); the server behind is restarted "
                   "to stop the query.")
@click.option("--cors", "origins", multiple=True, metavar="ORIGIN", callback=_origins,
              help="Let web pages of this origin (http://host:port, as the browser sends it) query the "
                   "endpoint and read its answers, e.g. a YASGUI page; repeat for more; '*' for any page. "
                   "Pages of other origins are refused.")
def serve(graph, port, timeout, origins) -> None:
    """Serve GRAPH as a read-only SPARQL 1.1 endpoint on 127.0.0.1, with
    Oxigraph's server: queries at http://127.0.0.1:PORT/query (for YASGUI or any
    SPARQL client); updates and SERVICE are refused. Ctrl-C or SIGTERM stop it;
    the server and its store never outlive kg.

    \b
    Example:
      kg serve output/graph.ttl --port 7878
      kg serve output/graph.ttl --cors https://yasgui.org   # for a query page in a browser
      curl 'http://127.0.0.1:7878/query' --data-urlencode 'query=SELECT * WHERE { ?s ?p ?o } LIMIT 5'
    """
    from kg.query.serve import serve as run_server

    def ready(url: str) -> None:
        click.echo(f"SPARQL endpoint (read-only): {url}  (Ctrl-C to stop)")
        sys.stdout.flush()

    run_server(graph, port, timeout=timeout, origins=origins, on_ready=ready)
    click.echo("stopped")


@click.command()
@click.argument("graph", type=click.Path(exists=True, path_type=Path))
@click.option("--endpoint", required=True, metavar="URL",
              help="The store's Graph Store Protocol endpoint, e.g. http://127.0.0.1:7878/store.")
@click.option("--graph", "graph_iri", metavar="IRI", help="Load into this named graph [default: the default graph].")
@click.option("--replace", is_flag=True, help="Replace that graph's content (HTTP PUT) instead of adding to it.")
@click.option("--user", envvar="KG_USER", help="User name for HTTP Basic authentication [env KG_USER]; "
                                                "the password comes from KG_PASSWORD.")
@click.option("--timeout", type=click.FloatRange(min=1), default=60.0, show_default=True, metavar="SECONDS",
              help="Give up on an exchange with the store (connecting, sending, the whole answer) that "
                   "takes longer than this.")
@click.option("--no-verify", "verify", is_flag=True, flag_value=False, default=True,
              help="Do not read the graph back to check that the store holds it.")
@click.option("--max-read-back", type=click.IntRange(min=1), default=None, metavar="MIB",
              help="Read back at most this many mebibytes of the graph [default: 1024].")
def push(graph, endpoint, graph_iri, replace, user, timeout, verify, max_read_back) -> None:
    """Load GRAPH into a SPARQL 1.1 store (Oxigraph, Fuseki, GraphDB, ...) through
    the Graph Store HTTP Protocol. Credentials (--user and KG_PASSWORD, or in the
    URL) go to the endpoint's host only and are never printed; redirects are not
    followed. Success is a whole 2xx answer to the write, after which the graph is
    read back, parsed as RDF and its triples counted: a store that will not return
    it as RDF, or holds fewer triples than were sent, fails the push (exit 1)
    unless --no-verify. GRAPH may be a folder
    of shards (kg build --shards DIR): each article's named graph goes to that
    graph, the rest to the default graph (with --replace, an article pushed
    again replaces its graph).

    \b
    Examples:
      kg push output/graph.ttl --endpoint http://127.0.0.1:7878/store
      KG_PASSWORD=secret kg push output/graph.ttl --endpoint https://db.example/ds/data \\
          --graph https://example.org/news --user analyst --replace
      kg push shards/ --endpoint http://127.0.0.1:7878/store --replace
    """
    import os

    from kg.graph.endpoint import MAX_READ_BACK, push as run_push

    report = run_push(graph, endpoint, graph_iri=graph_iri, user=user, password=os.environ.get("KG_PASSWORD"),
                      replace=replace, timeout=timeout, verify=verify,
                      max_read_back=MAX_READ_BACK if max_read_back is None else max_read_back << 20)
    click.echo(report.summary)
