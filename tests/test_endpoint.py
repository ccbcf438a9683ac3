"""`kg serve` and `kg push` against a real Oxigraph server on loopback."""
from __future__ import annotations

import contextlib
import json
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from rdflib import Dataset, URIRef
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID

from kg.graph.endpoint import oxigraph_binary
from kg.graph.load import load_graph
from tests.cli import invoke
from tests.recorder import Answer, Recorder

SLOW = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def sparql(url: str, query: str):
    request = urllib.request.Request(url + "?" + urllib.parse.urlencode({"query": query}),
                                     headers={"Accept": "application/sparql-results+json"})
    with urllib.request.urlopen(request, timeout=10) as response:
        return json.load(response)


def wait_for(url: str, seconds: float = 20) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            sparql(url, "ASK {}")
            return
        except (urllib.error.URLError, ConnectionError):
            time.sleep(0.1)
    raise AssertionError(f"{url} did not come up")


@pytest.fixture
def oxigraph_server():
    """A writable Oxigraph server on a free loopback port: yields its base URL."""
    port = free_port()
    with tempfile.TemporaryDirectory() as location:
        server = subprocess.Popen([oxigraph_binary(), "serve", "--location", location,
                                   "--bind", f"127.0.0.1:{port}"],
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            wait_for(f"http://127.0.0.1:{port}/query")
            yield f"http://127.0.0.1:{port}"
        finally:
            server.terminate()
            server.wait(10)


def count(base: str, where: str = "?s ?p ?o") -> int:
    answer = sparql(base + "/query", f"SELECT (COUNT(*) AS ?n) WHERE {{ {where} }}")
    return int(answer["results"]["bindings"][0]["n"]["value"])


@pytest.mark.slow  # a real Oxigraph server
def test_push_loads_the_graph_into_a_real_store(seed_build, oxigraph_server):
    triples = len(load_graph(seed_build[0]))
    result = invoke("push", seed_build[0], "--endpoint", oxigraph_server + "/store")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == (f"{triples} triples -> {oxigraph_server}/store?default "
                             f"(the graph now holds {triples} triples)\n")
    assert count(oxigraph_server) == triples
    answer = sparql(oxigraph_server + "/query",
                    "ASK { <https://w3id.org/newskg/id/hulusi-akar> <https://w3id.org/newskg/ontology#metWith> "
                    "<https://w3id.org/newskg/id/sergei-shoigu> }")
    assert answer["boolean"] is True


@pytest.mark.slow  # a real Oxigraph server
def test_push_into_a_named_graph_and_replace(seed_build, oxigraph_server):
    iri = "https://example.org/graphs/seed"
    for _ in range(2):
        result = invoke("push", seed_build[0], "--endpoint", oxigraph_server + "/store", "--graph", iri, "--replace")
        assert result.exit_code == 0, result.stderr
    triples = len(load_graph(seed_build[0]))
    assert count(oxigraph_server, f"GRAPH <{iri}> {{ ?s ?p ?o }}") == triples
    assert count(oxigraph_server) == 0  # the default graph is untouched


@pytest.mark.slow  # a real Oxigraph server
def test_push_a_folder_of_shards_loads_each_article_into_its_graph(tmp_path, oxigraph_server):
    corpus = Path(__file__).parent / "data" / "articles"
    shards = tmp_path / "shards"
    built = invoke("build", corpus, "-o", tmp_path / "out", "--shards", shards, "--trig", "--no-html", "--quiet",
                   "--no-cache")
    assert built.exit_code == 0, built.stderr
    assert sorted(p.name for p in shards.iterdir()) == [
        ".kg-shards.json", "article-baltic-call.nq", "article-horn-1.nq", "article-horn-2.nq",
        "article-sahel-talks.nq", "default-graph.nq"]
    dataset = Dataset()
    dataset.parse(tmp_path / "out" / "graph.trig", format="trig")
    article = "https://w3id.org/newskg/id/article/horn-1"
    in_article = len(dataset.graph(URIRef(article)))
    for _ in range(2):  # pushed again, each graph is replaced, not doubled
        result = invoke("push", shards, "--endpoint", oxigraph_server + "/store", "--replace")
        assert result.exit_code == 0, result.stderr
    total = sum(len(g) for g in dataset.graphs() if len(g))
    assert result.stdout == (f"{total} triples in 5 graphs -> {oxigraph_server}/store "
                             f"(its 5 graphs now hold {total} triples)\n")
    assert count(oxigraph_server, f"GRAPH <{article}> {{ ?s ?p ?o }}") == in_article
    assert count(oxigraph_server) == len(dataset.graph(DATASET_DEFAULT_GRAPH_ID))


def test_push_a_folder_refuses_a_graph_option_and_bad_shards(tmp_path):
    (tmp_path / "shards").mkdir()
    result = invoke("push", tmp_path / "shards", "--endpoint", "http://127.0.0.1:9/store")
    assert (result.exit_code, result.stderr) == (1, f"kg: {tmp_path / 'shards'}: holds no .nq shard\n")
    (tmp_path / "shards" / "article-x.nq").write_text("<a> <b> .\n", encoding="utf-8")
    result = invoke("push", tmp_path / "shards", "--endpoint", "http://127.0.0.1:9/store")
    assert result.exit_code == 1
    assert result.stderr.startswith(f"kg: {tmp_path / 'shards' / 'article-x.nq'}: not valid N-Quads")
    result = invoke("push", tmp_path / "shards", "--endpoint", "http://127.0.0.1:9/store", "--graph", "urn:g")
    assert result.stderr == (f"kg: {tmp_path / 'shards'}: a folder of shards names its graphs itself; "
                             "leave out --graph\n")


def test_push_to_an_unreachable_endpoint(seed_build):
    port = free_port()
    result = invoke("push", seed_build[0], "--endpoint", f"http://127.0.0.1:{port}/store")
    assert result.exit_code == 1
    assert result.stderr.startswith(f"kg: cannot reach http://127.0.0.1:{port}/store: ")
    assert "refused" in result.stderr.lower()


def test_push_needs_an_http_url(seed_build):
    result = invoke("push", seed_build[0], "--endpoint", "ftp://example.org/store")
    assert result.exit_code == 1
    assert result.stderr == "kg: 'ftp://example.org/store' is not an http(s) URL\n"


def test_push_never_follows_a_redirect_nor_sends_credentials_elsewhere(seed_build, monkeypatch):
    monkeypatch.setenv("KG_PASSWORD", "s3cret")
    with Recorder() as endpoint, Recorder() as elsewhere:
        endpoint.answer("POST", Answer(302, {"Location": elsewhere.url + "/store"}))
        result = invoke("push", seed_build[0], "--endpoint", endpoint.url + "/store", "--user", "alice")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == (f"kg: {endpoint.url}/store refused the graph: HTTP 302 Found: a redirect to "
                             f"'{elsewhere.url}/store', which kg does not follow; give that URL if you trust it\n")
    assert [(r.method, r.path) for r in endpoint.requests] == [("POST", "/store?default")]
    assert endpoint.requests[0].headers["Authorization"] == "Basic YWxpY2U6czNjcmV0"  # alice:s3cret
    assert len(endpoint.requests[0].body) > 1000
    assert elsewhere.requests == []


def test_push_takes_credentials_from_the_url_and_never_prints_them(seed_build):
    with Recorder() as endpoint:
        endpoint.answer("POST", Answer(401, body=b"who are you?"))
        host = endpoint.url.removeprefix("http://")
        result = invoke("push", seed_build[0], "--endpoint", f"http://alice:s3cret@{host}/store")
    assert result.exit_code == 1
    assert result.stderr == f"kg: {endpoint.url}/store refused the graph: HTTP 401 Unauthorized: 'who are you?'\n"
    assert "s3cret" not in result.stdout + result.stderr and "alice" not in result.stdout + result.stderr
    assert endpoint.requests[0].headers["Authorization"] == "Basic YWxpY2U6czNjcmV0"


def test_push_reports_a_store_that_answers_but_keeps_nothing(seed_build):
    triples = len(load_graph(seed_build[0]))
    with Recorder() as endpoint:
        endpoint.answer("POST", Answer(204))
        endpoint.answer("GET", Answer(200, {"Content-Type": "application/n-triples"}, b""))
        result = invoke("push", seed_build[0], "--endpoint", endpoint.url + "/store")
    assert result.exit_code == 1
    assert result.stderr == (f"kg: {endpoint.url}/store answered the write, but its graph holds 0 triples, "
                             f"fewer than the {triples} sent\n")
    assert [(r.method, r.headers.get("Accept")) for r in endpoint.requests] == [
        ("POST", None), ("GET", "application/n-triples")]


def test_push_fails_when_the_store_cannot_be_asked_what_it_holds(seed_build):
    triples = len(load_graph(seed_build[0]))
    with Recorder() as endpoint:
        endpoint.answer("POST", Answer(201))
        endpoint.answer("GET", Answer(405))
        result = invoke("push", seed_build[0], "--endpoint", endpoint.url + "/store")
        unverified = invoke("push", seed_build[0], "--endpoint", endpoint.url + "/store", "--no-verify")
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == (f"kg: {endpoint.url}/store took the graph, but it is not verified: reading it back "
                             "got HTTP 405 Method Not Allowed; --no-verify skips the read-back\n")
    assert (unverified.exit_code, unverified.stderr) == (0, "")
    assert unverified.stdout == f"{triples} triples -> {endpoint.url}/store?default (not verified: --no-verify)\n"
    assert [r.method for r in endpoint.requests] == ["POST", "GET", "POST"]


@pytest.fixture
def served(seed_build):
    """`kg serve` of the seed graph as a real process: (process, query URL)."""
    port = free_port()
    process = subprocess.Popen([sys.executable, "-m", "kg.cli", "serve", str(seed_build[0]), "--port", str(port)],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    line = process.stdout.readline()
    yield process, line
    if process.poll() is None:
        process.kill()
        process.wait()


@pytest.mark.slow  # a real kg serve
def test_serve_answers_queries_refuses_updates_and_stops_on_ctrl_c(served, seed_build):
    process, line = served
    url = line.split(": ", 1)[1].split()[0]
    assert line.startswith("SPARQL endpoint (read-only): http://127.0.0.1:") and url.endswith("/query")
    answer = sparql(url, "SELECT ?l WHERE { <https://w3id.org/newskg/id/turkey> "
                         "<http://www.w3.org/2000/01/rdf-schema#label> ?l }")
    assert answer["results"]["bindings"][0]["l"]["value"] == "Turkey"
    update = urllib.request.Request(url.replace("/query", "/update"), method="POST",
                                    data=b"INSERT DATA { <a:a> <a:b> <a:c> }",
                                    headers={"Content-Type": "application/sparql-update"})
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(update, timeout=10)
    assert refused.value.code in (403, 405)
    result = invoke("push", seed_build[0], "--endpoint", url.replace("/query", "/store"))
    assert result.exit_code == 1 and "refused the graph: HTTP 403" in result.stderr
    process.send_signal(signal.SIGINT)
    out, err = process.communicate(timeout=20)
    assert process.returncode == 0, err
    assert out == "stopped\n"
    with pytest.raises(urllib.error.URLError):
        sparql(url, "ASK {}")


def _serve(graph, port: int, *extra: str) -> tuple[subprocess.Popen, str]:
    process = subprocess.Popen([sys.executable, "-m", "kg.cli", "serve", str(graph), "--port", str(port), *extra],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    return process, process.stdout.readline()


def _kg_serve_processes() -> dict[int, list[str]]:
    """pid -> command line of every process working on a kg serve store."""
    found = {}
    for entry in Path("/proc").glob("[0-9]*"):
        try:
            args = (entry / "cmdline").read_bytes().decode("utf-8", "replace").split("\0")
        except OSError:
            continue
        if any("kg-serve-" in a for a in args):
            found[int(entry.name)] = args
    return found


@pytest.mark.slow  # a real kg serve
def test_serve_on_a_busy_port_says_so(seed_build):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        done = subprocess.run([sys.executable, "-m", "kg.cli", "serve", str(seed_build[0]), "--port", str(port)],
                              capture_output=True, text=True, timeout=60)
    assert (done.returncode, done.stdout, done.stderr) == (1, "", f"kg: port {port} is in use\n")


@pytest.mark.slow  # a real kg serve
def test_serve_timeout_stops_an_endless_query_and_serves_on(seed_build):
    process, line = _serve(seed_build[0], free_port(), "--timeout", "2")
    try:
        url = line.split(": ", 1)[1].split()[0]
        endless = urllib.request.Request(url + "?" + urllib.parse.urlencode({"query": SLOW}))
        started = time.monotonic()
        with pytest.raises(urllib.error.HTTPError) as stopped:
            urllib.request.urlopen(endless, timeout=60).read()
        assert stopped.value.code == 503
        assert stopped.value.read() == b"query stopped after 2 s (--timeout)\n"
        assert time.monotonic() - started < 10
        assert count(url.removesuffix("/query")) == len(load_graph(seed_build[0]))
    finally:
        process.send_signal(signal.SIGINT)
        process.communicate(timeout=30)


def _raw(url: str, method: str = "GET", headers: dict[str, str] | None = None) -> tuple[int, dict[str, str], bytes]:
    request = urllib.request.Request(url, method=method, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=30) as answer:
            return answer.status, {k.lower(): v for k, v in answer.headers.items()}, answer.read()
    except urllib.error.HTTPError as refused:
        return refused.code, {k.lower(): v for k, v in refused.headers.items()}, refused.read()


@contextlib.contextmanager
def _serving(graph, *extra: str):
    """The query URL of `kg serve GRAPH` running with these options, stopped by Ctrl-C after."""
    process, line = _serve(graph, free_port(), *extra)
    try:
        yield line.split(": ", 1)[1].split()[0]
    finally:
        process.send_signal(signal.SIGINT)
        process.communicate(timeout=30)


@pytest.mark.slow  # a real kg serve
@pytest.mark.parametrize("cors, allowed", [("*", "*"), ("HTTP://127.0.0.1:9/", "http://127.0.0.1:9")])
def test_serve_cors_lets_pages_of_the_named_origins_query_and_read_refusals(seed_build, cors, allowed):
    with _serving(seed_build[0], "--cors", cors, "--cors", "https://other.example") as url:
        origin = {"Origin": "http://127.0.0.1:9"}
        status, headers, body = _raw(url + "?" + urllib.parse.urlencode({"query": "ASK {}"}),
                                     headers={**origin, "Accept": "application/sparql-results+json"})
        assert (status, headers["access-control-allow-origin"], json.loads(body)["boolean"]) == (200, allowed, True)
        status, headers, body = _raw(url, "OPTIONS", {**origin, "Access-Control-Request-Method": "POST",
                                                      "Access-Control-Request-Headers": "content-type"})
        assert (status, body, headers["access-control-allow-origin"]) == (204, b"", allowed)
        assert "content-type" in headers["access-control-allow-headers"].lower()
        assert "transfer-encoding" not in headers  # no body, as a 204 must have none
        service = "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }"
        status, headers, _ = _raw(url + "?" + urllib.parse.urlencode({"query": service}), headers=origin)
        assert (status, headers["access-control-allow-origin"]) == (403, allowed)


@pytest.mark.slow  # a real kg serve
def test_serve_without_cors_refuses_pages_of_other_origins(seed_build):
    with _serving(seed_build[0]) as url:
        status, headers, body = _raw(url + "?" + urllib.parse.urlencode({"query": "ASK {}"}),
                                     headers={"Origin": "http://127.0.0.1:9"})
        assert (status, body) == (403, b"pages of 'http://127.0.0.1:9' may not query this endpoint "
                                        b"(kg serve --cors ORIGIN)\n")
        assert "access-control-allow-origin" not in headers
        own = url.removesuffix("/query")
        status, headers, _ = _raw(url + "?" + urllib.parse.urlencode({"query": "ASK {}"}), headers={"Origin": own})
        assert status == 200 and "access-control-allow-origin" not in headers
        status, headers, body = _raw(url, "HEAD")
        assert body == b"" and "transfer-encoding" not in headers


@pytest.mark.slow  # a real kg serve
def test_serve_refuses_service_and_makes_no_request(seed_build):
    with _serving(seed_build[0]) as url:
        with Recorder() as remote:
            query = f"SELECT * WHERE {{ SERVICE <{remote.url}/sparql> {{ ?s ?p ?o }} }}"
            with pytest.raises(urllib.error.HTTPError) as refused:
                sparql(url, query)
            assert remote.requests == []
        assert refused.value.code == 403
        assert refused.value.read().decode() == (f"kg serve answers from its graph only; "
                                                 f"'SERVICE <{remote.url}/sparql>' is refused\n")


@pytest.mark.slow  # a real kg serve
def test_serve_killed_leaves_no_server_and_no_store(seed_build):
    process, line = _serve(seed_build[0], free_port())
    assert line.startswith("SPARQL endpoint")
    mine = {pid: args for pid, args in _kg_serve_processes().items() if pid != process.pid}
    stores = {a for args in mine.values() for a in args if "kg-serve-" in a}
    assert any("serve-read-only" in args for args in mine.values()) and stores
    process.kill()
    process.wait(10)
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and (set(mine) & set(_kg_serve_processes()) or any(map(os.path.exists, stores))):
        time.sleep(0.1)
    assert set(mine) & set(_kg_serve_processes()) == set()
    assert [s for s in stores if os.path.exists(s)] == []
