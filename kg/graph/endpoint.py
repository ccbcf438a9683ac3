"""A graph in a SPARQL store: `kg push` sends a graph to any store through the SPARQL 1.1
Graph Store HTTP Protocol (`kg serve` is in kg.query.serve). kg speaks the protocols; it ships
no store of its own."""
from __future__ import annotations

import base64
import os
import re
import shutil
import sys
import urllib.parse
from dataclasses import dataclass
from pathlib import Path

from kg.errors import GraphFileError, KGError, shown
from kg.graph.exchange import Answer, AnswerTooLarge, ExchangeError, Unreachable, exchange
from kg.graph.serialize import serialize_quads
from kg.graph.triples import read_quads

__all__ = ["EndpointError", "NotVerified", "oxigraph_binary", "push", "PushReport", "public_url", "shard_graphs",
           "MAX_READ_BACK"]

MAX_READ_BACK = 1 << 30  # bytes of a graph read back to verify a push (--max-read-back)
WRITE_ANSWER_LIMIT = 1 << 20  # bytes of a store's answer to a write that kg reads


class EndpointError(KGError):
    """A SPARQL server that would not start, or a store that refused or could not be reached."""


class NotVerified(EndpointError):
    """A store that took a graph, but could not be shown to hold it."""


def oxigraph_binary() -> str:
    """The `oxigraph` command of the `oxigraph` package: beside this Python, else on the PATH."""
    beside = Path(sys.executable).parent / "oxigraph"
    if beside.exists():
        return str(beside)
    found = shutil.which("oxigraph")
    if found is None:
        raise EndpointError("the oxigraph server is not installed (pip install oxigraph)")
    return found


@dataclass(frozen=True)
class PushReport:
    triples: int
    target: str  # the URL the graph went to, without credentials
    held: int | None = None  # triples the target graph holds after the push; None: not read back (--no-verify)
    graphs: int = 1  # graphs written (a folder of shards: one per article, and the default graph)

    @property
    def summary(self) -> str:
        where = "the graph now holds" if self.graphs == 1 else f"its {self.graphs} graphs now hold"
        check = f" ({where} {self.held} triples)" if self.held is not None else " (not verified: --no-verify)"
        into = f" in {self.graphs} graphs" if self.graphs > 1 else ""
        return f"{self.triples} triples{into} -> {self.target}{check}"


@dataclass(frozen=True)
class _Store:
    """Where a push goes and how kg talks to it."""
    endpoint: str  # the endpoint's URL, without credentials
    authorization: dict[str, str]  # the Authorization header, or nothing
    timeout: float  # seconds each exchange may take, from connecting to the answer's last byte
    max_read_back: int  # bytes of a graph read back


def public_url(url: str) -> str:
    """`url` without user name or password, for messages (whether it parses or not)."""
    return re.sub(r"^([A-Za-z][A-Za-z0-9+.-]*://)[^/?#]*@", r"\1", url)


def _split_endpoint(endpoint: str) -> urllib.parse.SplitResult:
    """The parts of an http(s) URL; EndpointError for anything else."""
    try:
        parts = urllib.parse.urlsplit(endpoint)
        parts.port  # raises ValueError for a port that is no number, or out of range
    except ValueError:
        parts = None
    if (parts is None or parts.scheme not in ("http", "https") or not parts.hostname
            or any(c.isspace() or not c.isprintable() for c in endpoint)):
        raise EndpointError(f"{shown(public_url(endpoint), 100)} is not an http(s) URL")
    return parts


def push(graph_path: str | os.PathLike[str], endpoint: str, *, graph_iri: str | None = None,
         user: str | None = None, password: str | None = None, replace: bool = False,
         timeout: float = 60.0, verify: bool = True, max_read_back: int = MAX_READ_BACK) -> PushReport:
    """Send the graph (all its triples) to a Graph Store Protocol endpoint: into the named
    graph `graph_iri`, or the store's default graph. POST adds to what is there; with
    `replace`, PUT replaces it. Credentials (given, or written in the URL) go as HTTP Basic
    authentication to the endpoint's host and nowhere else; redirects are not followed. Each
    exchange with the store, from connecting to the answer's last byte, must end within
    `timeout` seconds. Success is a whole 2xx answer to the write; then, with `verify`, the
    target graph is read back (GET, at most `max_read_back` bytes), parsed as the RDF its
    Content-Type names, and its triples counted. Raises EndpointError for an endpoint that
    cannot be reached, refuses, redirects, fails, answers in pieces or too late, or holds
    fewer triples than were sent; NotVerified when the graph cannot be read back as RDF."""
    parts = _split_endpoint(endpoint)
    if parts.username is not None and user is None:
        user = urllib.parse.unquote(parts.username)
        password = urllib.parse.unquote(parts.password or "") if password is None else password
    authorization = {}
    if user is not None:
        token = base64.b64encode(f"{user}:{password or ''}".encode("utf-8")).decode("ascii")
        authorization["Authorization"] = f"Basic {token}"
    store = _Store(public_url(endpoint), authorization, timeout, max_read_back)
    if Path(graph_path).is_dir():
        if graph_iri is not None:
            raise EndpointError(f"{graph_path}: a folder of shards names its graphs itself; leave out --graph")
        graphs = shard_graphs(graph_path)
    else:
        graphs = {graph_iri: serialize_quads(read_quads(graph_path), "nt")}
    reports = [_push_graph(store, iri, body, replace, verify) for iri, body in graphs.items()]
    held = sum(r.held or 0 for r in reports) if verify else None
    target = reports[0].target if len(reports) == 1 else store.endpoint
    return PushReport(sum(r.triples for r in reports), target, held, len(reports))


def _push_graph(store: _Store, graph_iri: str | None, body: bytes, replace: bool, verify: bool) -> PushReport:
    sent = sum(1 for line in body.splitlines() if line.strip())
    target = store.endpoint + ("&" if "?" in store.endpoint else "?") + (
        urllib.parse.urlencode({"graph": graph_iri}) if graph_iri else "default")
    _write(store, target, body, "PUT" if replace else "POST")
    if not verify:
        return PushReport(sent, target)
    held = _read_back(store, target)
    if held < sent:
        raise EndpointError(f"{store.endpoint} answered the write, but its graph holds {held} triples, "
                            f"fewer than the {sent} sent")
    return PushReport(sent, target, held)


def shard_graphs(folder: str | os.PathLike[str]) -> dict[str | None, bytes]:
    """The graphs of a folder of N-Quads shards (kg build --shards): graph IRI (None for the
    default graph) -> its triples as N-Triples, the default graph first."""
    import pyoxigraph as ox

    lines: dict[str | None, list[str]] = {}
    for path in sorted(Path(folder).glob("*.nq")):
        try:
            quads = list(ox.parse(path=str(path), format=ox.RdfFormat.N_QUADS))
        except (SyntaxError, ValueError, OSError) as err:
            raise GraphFileError(str(path), f"not valid N-Quads: {shown(str(err).splitlines()[0], 120)}") from None
        for q in quads:
            name = None if isinstance(q.graph_name, ox.DefaultGraph) else q.graph_name.value
            lines.setdefault(name, []).append(f"{q.subject} {q.predicate} {q.object} .\n")
    if not lines:
        raise GraphFileError(str(folder), "holds no .nq shard")
    return {name: "".join(lines[name]).encode("utf-8") for name in sorted(lines, key=lambda n: (n is not None, n or ""))}


def _write(store: _Store, target: str, body: bytes, method: str) -> None:
    """Send the graph; EndpointError unless the store answers 2xx, whole and in time."""
    headers = {"Content-Type": "application/n-triples", **store.authorization}
    try:
        with exchange(method, target, headers=headers, body=body, timeout=store.timeout,
                      limit=WRITE_ANSWER_LIMIT) as answer:
            refusal = _refusal(answer)
            if refusal:
                raise EndpointError(f"{store.endpoint} refused the graph: {refusal}")
            answer.read()  # to its end: an answer cut off is no success
    except Unreachable as err:
        raise EndpointError(f"cannot reach {store.endpoint}: {err.reason}") from None
    except ExchangeError as err:
        raise EndpointError(f"{store.endpoint}: sending the graph {err}") from None


def _read_back(store: _Store, target: str) -> int:
    """How many triples the target graph holds: read back with the protocol's GET and parsed
    as the RDF its Content-Type names. NotVerified when the store will not tell."""
    headers = {"Accept": "application/n-triples", **store.authorization}
    try:
        with exchange("GET", target, headers=headers, timeout=store.timeout, limit=store.max_read_back) as answer:
            refusal = _refusal(answer)
            if refusal:
                raise _not_verified(store, f"reading it back got {refusal}")
            return _count_triples(answer, target, store)
    except AnswerTooLarge as err:
        raise _not_verified(store, f"reading it back {err} (--max-read-back)") from None
    except ExchangeError as err:
        raise _not_verified(store, f"reading it back {err}") from None


def _count_triples(answer: Answer, target: str, store: _Store) -> int:
    import pyoxigraph as ox

    rdf_format = ox.RdfFormat.from_media_type(answer.media_type) if answer.media_type else None
    if rdf_format is None:
        if answer.media_type:
            raise _not_verified(store, f"its read-back is {answer.media_type}, not RDF")
        raise _not_verified(store, "its read-back has no Content-Type, so it is not RDF")
    try:
        return sum(1 for _ in ox.parse(answer, rdf_format, base_iri=target))
    except (SyntaxError, ValueError) as err:
        reason = shown(str(err).splitlines()[0] if str(err) else type(err).__name__, 100)
        raise _not_verified(store, f"its read-back is not valid {rdf_format.name}: {reason}") from None


def _refusal(answer: Answer) -> str | None:
    """What a store's answer that is not 2xx says, for a message; None for a 2xx answer."""
    if 200 <= answer.status < 300:
        return None
    status = f"HTTP {answer.status} {answer.reason}".rstrip()
    location = answer.headers.get("Location")
    if 300 <= answer.status < 400 and location:
        return (f"{status}: a redirect to {shown(public_url(location), 100)}, which kg does not follow; "
                "give that URL if you trust it")
    lines = answer.read(300).decode("utf-8", "replace").strip().splitlines()
    return status + (f": {shown(lines[0], 100)}" if lines else "")


def _not_verified(store: _Store, why: str) -> NotVerified:
    return NotVerified(f"{store.endpoint} took the graph, but it is not verified: {why}; "
                       "--no-verify skips the read-back")
