"""What `kg query` and `kg serve` refuse, decided from the parsed request: no way of writing
SERVICE or LOAD gets a request out, no nesting crashes the engine, and the endpoint's front
passes on only what it checked, to the host and origins it serves, within a time bound."""
from __future__ import annotations

import contextlib
import signal
import socket
import subprocess
import sys
import time
import urllib.parse

import pytest

from kg.query.guard import MAX_CONNECTIONS, READ_SECONDS
from kg.query.sparqltext import MAX_NESTING
from tests.cli import invoke
from tests.recorder import Recorder
from tests.test_endpoint import free_port


@pytest.fixture
def graph(seed_build, tmp_path):
    path = tmp_path / "graph.ttl"
    path.write_bytes(seed_build[0].read_bytes())
    return path


HIDDEN_SERVICES = [
    "SELECT * WHERE {{ ?s a kg:Country .SERVICE <{url}/x> {{ ?a ?b ?c }} }} LIMIT 1",
    "SELECT * WHERE {{ {{ ?s ?p ?o }}SERVICE <{url}/x> {{ ?a ?b ?c }} }}",
    "SELECT * WHERE {{ ?s ?p ?o . service <{url}/x> {{ ?a ?b ?c }} }}",
    "SELECT * WHERE {{ {{ SELECT ?s WHERE {{ SERVICE <{url}/x> {{ ?s ?b ?c }} }} }} }}",
    "SELECT * WHERE {{ ?s ?p ?o FILTER EXISTS {{ SERVICE <{url}/x> {{ ?s ?b ?c }} }} }}",
    "SELECT * WHERE {{ ?s ?p ?o OPTIONAL {{ {{ ?s ?p ?o }} UNION {{ SERVICE SILENT <{url}/x> {{ ?s ?b ?c }} }} }} }}",
    "SELECT * WHERE {{ ?s ?p ?o MINUS {{ SERVICE <{url}/x> {{ ?s ?b ?c }} }} }}",
    "SELECT * WHERE {{ ?s ?p ?o . \\u0053ERVICE <{url}/x> {{ ?a ?b ?c }} }}",
    "SELECT * WHERE {{ BIND(<{url}/x> AS ?at) SERVICE ?at {{ ?a ?b ?c }} }}",
    "SELECT * WHERE {{ ?s ?p ?o .SERVICE <{url}/x> {{ ?a ?b ?c }} }} broken",
]


@pytest.mark.parametrize("template", HIDDEN_SERVICES)
def test_query_refuses_service_however_it_is_written(graph, template):
    with Recorder() as remote:
        result = invoke("query", graph, template.format(url=remote.url))
        assert remote.requests == []
    assert result.exit_code == 2
    assert result.stderr.startswith(("kg: query reaches outside the graph ('SERVICE ", "kg: query: syntax error"))
    assert result.stderr.count("\n") == 1


@pytest.mark.parametrize("template, reached", [
    ("PREFIX ex: <{url}/> SELECT * FROM ex:g WHERE {{ ?s ?p ?o }}", "FROM ex:g"),
    ("SELECT * WHERE {{ ?s ?p ?o }} ; LOAD <{url}/d>", None),
    ("INSERT DATA {{ <urn:a> <urn:b> <urn:c> }} ;LOAD <{url}/d>", "LOAD <{url}/d>"),
    ("PREFIX ex: <{url}/>\nDELETE {{ ?s ?p ?o }} USING NAMED ex:g WHERE {{ ?s ?p ?o }}", "USING ex:g"),
])
def test_query_refuses_load_and_outside_graphs_at_any_place(graph, template, reached):
    with Recorder() as remote:
        result = invoke("query", graph, template.format(url=remote.url), "--update")
        assert remote.requests == []
    assert result.exit_code == 2
    if reached is None:
        assert result.stderr.startswith("kg: query: syntax error")
    else:
        assert result.stderr == (f"kg: query reaches outside the graph ('{reached.format(url=remote.url)}'); "
                                 "kg query reads only the graph file unless --allow-network is given\n")


def test_query_nested_too_deeply_is_one_line_not_a_crash(graph):
    query = "SELECT * WHERE " + "{" * 5000 + "?s ?p ?o" + "}" * 5000
    done = subprocess.run([sys.executable, "-m", "kg.cli", "query", str(graph), query],
                          capture_output=True, text=True, timeout=120)
    assert (done.returncode, done.stdout) == (2, "")
    assert done.stderr == f"kg: query is nested 5000 levels deep; kg reads at most {MAX_NESTING}\n"


def test_query_nested_as_deeply_as_allowed_runs(graph):
    depth = MAX_NESTING - 2  # and two levels of brackets in the filter
    query = "SELECT (COUNT(*) AS ?n) WHERE " + "{" * depth + "?s a kg:Country FILTER ((true))" + "}" * depth
    result = invoke("query", graph, query, "--format", "csv")
    assert result.exit_code == 0, result.stderr
    assert int(result.stdout.splitlines()[1]) > 0


def test_query_a_syntax_error_names_its_line_and_column_as_before(graph):
    result = invoke("query", graph, "SELECT ?x WHERE {\n?x ?y }")
    assert result.exit_code == 2
    assert result.stderr.startswith("kg: query: syntax error at line 2, column 8: ")


# kg serve: a real process, probed with raw HTTP


@contextlib.contextmanager
def serving(graph, *extra: str):
    """(process, port) of `kg serve GRAPH`; stopped by Ctrl-C after, its stderr checked empty."""
    port = free_port()
    process = subprocess.Popen([sys.executable, "-m", "kg.cli", "serve", str(graph), "--port", str(port), *extra],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert process.stdout.readline().startswith("SPARQL endpoint")
    try:
        yield process, port
    finally:
        process.send_signal(signal.SIGINT)
        _, err = process.communicate(timeout=30)
        assert err == ""


def exchange(port: int, raw: bytes, *, read_for: float = 30.0) -> bytes:
    """What the server answers to `raw` sent on a fresh connection, until it closes."""
    with socket.create_connection(("127.0.0.1", port), timeout=read_for) as conn:
        conn.sendall(raw)
        answer = b""
        with contextlib.suppress(TimeoutError, ConnectionError):
            while data := conn.recv(65536):
                answer += data
    return answer


def status_and_body(answer: bytes) -> tuple[int, bytes]:
    head, _, body = answer.partition(b"\r\n\r\n")
    return int(head.split(b" ", 2)[1]), body


def post(port: int, body: bytes, *headers: str, host: str | None = None) -> bytes:
    lines = [f"POST /query HTTP/1.1", f"Host: {host or f'127.0.0.1:{port}'}", *headers,
             f"Content-Length: {len(body)}", "Connection: close"]
    return ("\r\n".join(lines) + "\r\n\r\n").encode() + body


@pytest.mark.slow  # a real kg serve
def test_serve_checks_exactly_what_it_forwards(seed_build):
    with Recorder() as remote, serving(seed_build[0]) as (process, port):
        service = f"SELECT * WHERE {{ ?s ?p ?o .SERVICE <{remote.url}/x> {{ ?a ?b ?c }} }}".encode()
        probes = {
            "a SERVICE after a dot": (post(port, service, "Content-Type: application/sparql-query"), 403),
            "two content types": (post(port, service, "Content-Type: text/plain",
                                       "Content-Type: application/sparql-query"), 400),
            "no content type": (post(port, service), 403),
            "chunks": (f"POST /query HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nContent-Type: application/sparql-query"
                       f"\r\nTransfer-Encoding: chunked\r\n\r\n{len(service):x}\r\n".encode() + service
                       + b"\r\n0\r\n\r\n", 411),
            "another charset": (post(port, service.decode().encode("utf-16"),
                                     "Content-Type: application/sparql-query; charset=utf-16"), 415),
            "a compressed body": (post(port, service, "Content-Type: application/sparql-query",
                                       "Content-Encoding: gzip"), 415),
            "two lengths": (post(port, service, "Content-Type: application/sparql-query", "Content-Length: 3"), 400),
        }
        for probe, (raw, expected) in probes.items():
            assert status_and_body(exchange(port, raw))[0] == expected, probe
        assert remote.requests == []
        status, body = status_and_body(exchange(port, post(port, service, "Content-Type: application/sparql-query")))
        assert body == f"kg serve answers from its graph only; 'SERVICE <{remote.url}/x>' is refused\n".encode()


@pytest.mark.slow  # a real kg serve
def test_serve_answers_only_for_its_own_address(seed_build):
    ask = b"ASK {}"
    with serving(seed_build[0]) as (process, port):
        status, body = status_and_body(exchange(port, post(port, ask, "Content-Type: application/sparql-query",
                                                           host="attacker.example")))
        assert (status, body) == (403, f"kg serve answers requests for 127.0.0.1:{port} only, "
                                        f"not 'attacker.example'\n".encode())
        for host in (f"127.0.0.1:{port}", f"localhost:{port}"):
            answer = exchange(port, post(port, ask, "Content-Type: application/sparql-query",
                                         "Accept: application/sparql-results+json", host=host))
            assert status_and_body(answer)[0] == 200 and b'"boolean":true' in answer


@pytest.mark.slow  # a real kg serve
def test_serve_survives_a_deeply_nested_query(seed_build):
    with serving(seed_build[0]) as (process, port):
        deep = b"SELECT * WHERE " + b"{" * 3000
        status, body = status_and_body(exchange(port, post(port, deep, "Content-Type: application/sparql-query")))
        assert (status, body) == (400, f"the query is nested 3000 levels deep; kg reads at most {MAX_NESTING}\n"
                                  .encode())
        url = f"/query?{urllib.parse.urlencode({'query': 'ASK {}'})}"
        answer = exchange(port, f"GET {url} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n"
                                f"Accept: application/sparql-results+json\r\nConnection: close\r\n\r\n".encode())
        assert status_and_body(answer)[0] == 200
        assert process.poll() is None


@pytest.mark.slow  # a real kg serve
def test_serve_malformed_requests_get_400_and_no_traceback(seed_build):
    with serving(seed_build[0]) as (process, port):
        assert status_and_body(exchange(port, b"GARBAGE\r\n\r\n"))[0] == 400
        assert status_and_body(exchange(port, b"GET /query HTTP/9.9 extra\r\n\r\n"))[0] == 400
        negative = (f"POST /query HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nContent-Type: application/sparql-query\r\n"
                    "Content-Length: -5\r\n\r\nASK {}").encode()
        assert status_and_body(exchange(port, negative)) == (400, b"Content-Length '-5' is not a length\n")


@pytest.mark.slow  # a real kg serve
def test_serve_bounds_slow_and_short_requests(seed_build):
    with serving(seed_build[0]) as (process, port):
        short = (f"POST /query HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nContent-Type: application/sparql-query\r\n"
                 "Content-Length: 100\r\n\r\nASK").encode()
        held = []
        for _ in range(MAX_CONNECTIONS + 20):  # more than are served at once, each stuck sending
            conn = socket.create_connection(("127.0.0.1", port), timeout=READ_SECONDS + 20)
            conn.sendall(short)
            held.append(conn)
        deadline = time.monotonic() + READ_SECONDS + 15
        answers = []
        for conn in held:
            answer = b""
            with contextlib.suppress(TimeoutError, ConnectionError):
                while (left := deadline - time.monotonic()) > 0:
                    conn.settimeout(left)
                    if not (data := conn.recv(65536)):
                        break
                    answer += data
            conn.close()
            answers.append(status_and_body(answer)[0] if answer else None)
        assert answers.count(503) >= 20 and set(answers) <= {408, 503}
        ask = exchange(port, post(port, b"ASK {}", "Content-Type: application/sparql-query"))
        assert status_and_body(ask)[0] == 200
