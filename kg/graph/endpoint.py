"""A graph in a SPARQL store: `kg push` sends a graph to any store through the SPARQL 1.1
Graph Store HTTP Protocol (`kg serve` is in kg.query.serve). kg speaks the protocols; it ships
no store of its own."""
from __future__ import annotations

import base64
import os
import shutil
import sys
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from ..errors import GraphFileError, KGError, shown
from .serialize import serialize_quads
from .triples import read_quads

__all__ = ["EndpointError", "oxigraph_binary", "push", "PushReport", "public_url", "shard_graphs"]


class EndpointError(KGError):
    """A SPARQL server that would not start, or a store that refused or could not be reached."""


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
    held: int | None = None  # triples the target graph holds after the push, when the store tells
    unchecked: str | None = None  # why the store could not be asked
    graphs: int = 1  # graphs written (a folder of shards: one per article, and the default graph)

    @property
    def summary(self) -> str:
        where = "the graph now holds" if self.graphs == 1 else f"its {self.graphs} graphs now hold"
        if self.held is not None:
            check = f" ({where} {self.held} triples)"
        else:
            check = f" (not checked: {self.unchecked})" if self.unchecked else ""
        into = f" in {self.graphs} graphs" if self.graphs > 1 else ""
        return f"{self.triples} triples{into} -> {self.target}{check}"


class _Redirected(Exception):
    def __init__(self, code: int, location: str):
        super().__init__(code, location)
        self.code, self.location = code, location


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    """A redirect is an answer, never followed: a write must not turn into a GET, nor carry
    credentials to a host the user did not name."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        raise _Redirected(code, newurl)


def public_url(url: str) -> str:
    """`url` without user name or password, for messages."""
    parts = urllib.parse.urlsplit(url)
    if parts.username is None and parts.password is None:
        return url
    host = parts.hostname or ""
    if ":" in host:
        host = f"[{host}]"
    netloc = host + (f":{parts.port}" if parts.port is not None else "")
    return urllib.parse.urlunsplit((parts.scheme, netloc, parts.path, parts.query, parts.fragment))


def push(graph_path: str | os.PathLike[str], endpoint: str, *, graph_iri: str | None = None,
         user: str | None = None, password: str | None = None, replace: bool = False,
         timeout: float = 60.0) -> PushReport:
    """Send the graph (all its triples) to a Graph Store Protocol endpoint: into the named
    graph `graph_iri`, or the store's default graph. POST adds to what is there; with
    `replace`, PUT replaces it. Credentials (given, or written in the URL) go as HTTP Basic
    authentication to the endpoint's host and nowhere else; redirects are not followed.
    Success is a 2xx answer to the write; then the target graph is read back (GET) and its
    triples counted, when the store allows. Raises EndpointError for an endpoint that cannot
    be reached, refuses, redirects, fails, or holds fewer triples than were sent."""
    parts = urllib.parse.urlsplit(endpoint)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise EndpointError(f"{shown(public_url(endpoint), 100)} is not an http(s) URL")
    if parts.username is not None and user is None:
        user = urllib.parse.unquote(parts.username)
        password = urllib.parse.unquote(parts.password or "") if password is None else password
    endpoint = public_url(endpoint)
    headers = {"Content-Type": "application/n-triples"}
    if user is not None:
        token = base64.b64encode(f"{user}:{password or ''}".encode("utf-8")).decode("ascii")
        headers["Authorization"] = f"Basic {token}"
    if Path(graph_path).is_dir():
        if graph_iri is not None:
            raise EndpointError(f"{graph_path}: a folder of shards names its graphs itself; leave out --graph")
        graphs = shard_graphs(graph_path)
    else:
        graphs = {graph_iri: serialize_quads(read_quads(graph_path), "nt")}
    reports = [_push_graph(endpoint, iri, body, headers, replace, timeout) for iri, body in graphs.items()]
    unchecked = next((r.unchecked for r in reports if r.unchecked), None)
    held = None if unchecked else sum(r.held or 0 for r in reports)
    target = reports[0].target if len(reports) == 1 else endpoint
    return PushReport(sum(r.triples for r in reports), target, held, unchecked, len(reports))


def _push_graph(endpoint: str, graph_iri: str | None, body: bytes, headers: dict[str, str], replace: bool,
                timeout: float) -> PushReport:
    sent = sum(1 for line in body.splitlines() if line.strip())
    target = endpoint + ("&" if "?" in endpoint else "?") + (
        urllib.parse.urlencode({"graph": graph_iri}) if graph_iri else "default")
    opener = urllib.request.build_opener(_NoRedirects())
    request = urllib.request.Request(target, data=body, method="PUT" if replace else "POST", headers=headers)
    _exchange(opener, request, endpoint, timeout, "refused the graph")
    held, unchecked = _count_graph(opener, target, headers, endpoint, timeout)
    if held is not None and held < sent:
        raise EndpointError(f"{endpoint} answered the write, but its graph holds {held} triples, "
                            f"fewer than the {sent} sent")
    return PushReport(sent, target, held, unchecked)


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


def _exchange(opener, request, endpoint: str, timeout: float, refusal: str) -> bytes:
    """The body of the store's 2xx answer; EndpointError for anything else."""
    try:
        with opener.open(request, timeout=timeout) as answer:
            if not 200 <= answer.status < 300:
                raise EndpointError(f"{endpoint} {refusal}: HTTP {answer.status} {answer.reason}")
            return answer.read()
    except _Redirected as moved:
        raise EndpointError(f"{endpoint} {refusal}: it redirects (HTTP {moved.code}) to "
                            f"{shown(public_url(moved.location), 100)}, which kg does not follow; "
                            "give that URL if you trust it") from None
    except urllib.error.HTTPError as err:
        detail = err.read(300).decode("utf-8", "replace").strip().splitlines()
        hint = f": {shown(detail[0], 100)}" if detail else ""
        raise EndpointError(f"{endpoint} {refusal}: HTTP {err.code} {err.reason}{hint}") from None
    except urllib.error.URLError as err:
        reason = getattr(err.reason, "strerror", None) or err.reason
        raise EndpointError(f"cannot reach {endpoint}: {reason}") from None
    except (TimeoutError, ConnectionError, OSError) as err:
        raise EndpointError(f"cannot reach {endpoint}: {err.strerror or err}") from None


def _count_graph(opener, target: str, headers: dict[str, str], endpoint: str,
                 timeout: float) -> tuple[int | None, str | None]:
    """How many triples the target graph holds, read back with the protocol's GET; (None,
    why) when the store does not answer that."""
    asked = {"Accept": "application/n-triples"} | {k: v for k, v in headers.items() if k == "Authorization"}
    try:
        data = _exchange(opener, urllib.request.Request(target, headers=asked), endpoint, timeout,
                         "did not return the graph")
    except EndpointError as err:
        return None, str(err)
    return sum(1 for line in data.splitlines() if line.strip() and not line.lstrip().startswith(b"#")), None
