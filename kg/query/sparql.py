"""SPARQL over a graph file with Oxigraph: queries (read-only unless asked), a library of
saved queries, parameters, and a time limit."""
from __future__ import annotations

import re
import threading
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

from kg.errors import KGError, shown
from kg.graph.rdf import PREFIXES
from kg.query.sparqltext import IRI, NestingError, SparqlTextError, code_only, outside_reference, read_request

__all__ = ["QueryError", "QuerySyntaxError", "QueryTimeout", "QueryRefused", "SavedQuery", "QueryResult", "saved_queries",
           "saved_query", "run_query", "run_saved", "actor_iris"]


class QueryError(KGError):
    """A query that cannot be run as asked (an update without --update, a missing parameter)."""


class QuerySyntaxError(QueryError):
    def __init__(self, reason: str, line: int | None = None, column: int | None = None, source: str = "query"):
        self.line, self.column, self.reason = line, column, reason
        where = f"line {line}, column {column}: " if line is not None else ""
        super().__init__(f"{source}: syntax error at {where}{reason}" if where else f"{source}: syntax error: {reason}")


class QueryTimeout(QueryError):
    pass


class QueryRefused(QueryError):
    """A request that would reach beyond the graph file (LOAD, SERVICE, a FROM graph kg does
    not hold) without --allow-network."""


@dataclass(frozen=True)
class SavedQuery:
    name: str
    description: str
    text: str
    params: dict[str, str] = field(default_factory=dict)  # name -> what to give


@dataclass
class QueryResult:
    """One of: `variables` and `rows` (SELECT), `boolean` (ASK), `triples` (CONSTRUCT, DESCRIBE)."""

    kind: str  # "select" | "ask" | "graph" | "update"
    variables: list[str] = field(default_factory=list)
    rows: list[list[object]] = field(default_factory=list)  # pyoxigraph terms or None
    boolean: bool | None = None
    triples: list[object] = field(default_factory=list)  # pyoxigraph Triples


def saved_queries() -> dict[str, SavedQuery]:
    """The saved queries shipped with kg (kg/queries/*.rq), by name."""
    return dict(_saved_queries())


@lru_cache(maxsize=1)
def _saved_queries() -> tuple[tuple[str, SavedQuery], ...]:
    found = []
    folder = resources.files("kg.query").joinpath("queries")
    for item in sorted(folder.iterdir(), key=lambda p: p.name):
        if item.name.endswith(".rq"):
            found.append(_parse_saved(item.name[:-3], item.read_text(encoding="utf-8")))
    return tuple((q.name, q) for q in found)


def _parse_saved(name: str, text: str) -> SavedQuery:
    """The header comment gives the description (first line) and `# param NAME: what` lines."""
    description, params = "", {}
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        body = line.lstrip("#").strip()
        if m := re.match(r"param (\w+): (.+)", body):
            params[m[1]] = m[2]
        elif not description:
            description = body
    return SavedQuery(name, description, text, params)


def saved_query(name: str) -> SavedQuery:
    queries = saved_queries()
    if name not in queries:
        raise QueryError(f"no saved query called {name!r}; `kg query --list` shows them")
    return queries[name]


def actor_iris(store, name: str) -> list[str]:
    """IRIs (as <…>) of the actors with this name or alias, ignoring case; QueryError if none."""
    text = ("SELECT DISTINCT ?x WHERE { ?x rdfs:label|skos:altLabel ?n . "
            f"FILTER (LCASE(STR(?n)) = LCASE({_sparql_term(name)})) }} ORDER BY ?x")
    found = [f"<{row[0].value}>" for row in run_query(store, text).rows]
    if not found:
        raise QueryError(f"no actor called {name!r} in the graph")
    return found


def run_saved(store, query: SavedQuery, params: dict[str, str], *, timeout: float | None = None) -> QueryResult:
    """A saved query; its parameters name actors, which are looked up first (by name or alias,
    ignoring case). Raises QueryError for a missing parameter or a name no actor has."""
    if missing := [p for p in query.params if p not in params]:
        raise QueryError(f"the saved query {query.name!r} needs "
                         + " ".join(f"--param {p}=<{query.params[p]}>" for p in missing))
    bound = {p: actor_iris(store, params[p]) for p in query.params}
    return run_query(store, query.text, params=bound, timeout=timeout, source=f"saved query {query.name!r}")


def run_query(store, text: str, *, params: dict[str, str | list[str]] | None = None, timeout: float | None = None,
              allow_update: bool = False, allow_network: bool = False, source: str = "query") -> QueryResult:
    """Run a SPARQL query (or, with `allow_update`, an update) on a pyoxigraph Store.

    The usual prefixes (kg:, kgr:, rdf:, rdfs:, skos:, prov:, schema:, sem:, xsd:, dcterms:)
    need no PREFIX line; the default graph is the union of all graphs. `params` bind
    variables (`{"actor": "Turkey"}` binds ?actor to the literal "Turkey"; a value in <…>
    binds an IRI) with a VALUES block at the start of the WHERE group. Before anything
    runs, a request that would reach outside the store (LOAD, SERVICE, FROM or USING a
    graph the store does not hold) raises QueryRefused unless `allow_network`, and an
    update raises QueryError unless `allow_update`. Raises QuerySyntaxError (with line and
    column), QueryTimeout when `timeout` seconds pass first (for a remote that never
    answers too), QueryError when a remote fails.
    """
    if params:
        text = _bind_params(text, params, source)
    prefixes = dict(PREFIXES)
    try:
        request = read_request(text, prefixes)
    except NestingError as err:
        raise QueryRefused(f"{source} is {err.reason}") from None
    except SparqlTextError as err:
        raise QuerySyntaxError(err.reason, err.line, err.column, source) from None
    if not allow_network:
        graphs = {g.value for g in store.named_graphs()}
        if (reached := outside_reference(request, graphs)) is not None:
            raise QueryRefused(f"{source} reaches outside the graph ({shown(reached, 100)}); kg query "
                               "reads only the graph file unless --allow-network is given")
    update = request.update
    if update and not allow_update:
        raise QueryError(f"{source} is an update; the graph is read-only unless --update is given")
    try:
        if update:
            _with_timeout(lambda: store.update(text, prefixes=prefixes), timeout)
            return QueryResult("update")
        return _with_timeout(lambda: _materialise(store.query(
            text, prefixes=prefixes, use_default_graph_as_union=True)), timeout)
    except SyntaxError as err:
        raise _syntax_error(err, source) from None
    except (OSError, RuntimeError) as err:  # a remote that LOAD or SERVICE reached failed
        raise QueryError(f"{source} failed: {shown(str(err), 200)}") from None


def _materialise(answer) -> QueryResult:
    import pyoxigraph as ox

    if isinstance(answer, ox.QueryBoolean):
        return QueryResult("ask", boolean=bool(answer))
    if isinstance(answer, ox.QuerySolutions):
        variables = [v.value for v in answer.variables]
        rows = [[solution[v] for v in variables] for solution in answer]
        return QueryResult("select", variables, rows)
    return QueryResult("graph", triples=list(answer))


def _with_timeout(work, timeout: float | None):
    """`work()`, or QueryTimeout after `timeout` seconds. Oxigraph releases the GIL while it
    evaluates, so a worker thread runs the query while this one waits; a query that times
    out is abandoned in its (daemon) thread."""
    if timeout is None:
        return work()
    outcome: dict[str, object] = {}

    def target() -> None:
        try:
            outcome["value"] = work()
        except BaseException as err:  # handed to the caller's thread
            outcome["error"] = err.with_traceback(None)  # its frames hold Oxigraph objects of this thread

    worker = threading.Thread(target=target, name="kg-query", daemon=True)
    worker.start()
    worker.join(timeout)
    if worker.is_alive():
        raise QueryTimeout(f"query stopped after {timeout:g} s (--timeout)")
    if "error" in outcome:
        raise outcome["error"]  # type: ignore[misc]
    return outcome["value"]


def _bind_params(text: str, params: dict[str, str], source: str) -> str:
    """The query with a VALUES block binding each parameter, first thing in its WHERE group,
    so that the patterns and filters of the group see the values."""
    for name in params:
        if not re.fullmatch(r"[A-Za-z_]\w*", name):
            raise QueryError(f"{name!r} is not a variable name (--param NAME=VALUE)")
    where = re.search(r"\bWHERE\s*\{", code_only(text), re.I) or \
        re.search(r"\{", code_only(text))
    if where is None:
        raise QueryError(f"{source} has no WHERE group to bind --param values in")
    values = " ".join(f"VALUES ?{name} {{ {' '.join(_sparql_term(v) for v in _listed(value))} }}"
                      for name, value in params.items())
    return text[:where.end()] + " " + values + " " + text[where.end():]


def _listed(value: str | list[str]) -> list[str]:
    return [value] if isinstance(value, str) else list(value)


def _sparql_term(value: str) -> str:
    """A parameter as SPARQL: <…> stays an IRI, anything else becomes a string literal."""
    if IRI.fullmatch(value):
        return value
    escaped = (value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r"))
    return f'"{escaped}"'


def _syntax_error(err: SyntaxError, source: str) -> QuerySyntaxError:
    text = str(err.args[0]) if err.args else str(err)
    if m := re.match(r"error at (\d+):(\d+): (.*)", text, re.S):
        return QuerySyntaxError(m[3], int(m[1]), int(m[2]), source)
    return QuerySyntaxError(text, source=source)
