"""`kg push` against stores that misbehave: each is a raw loopback socket server written here
that answers with the bytes it is told to (trickled, cut off, endless, not RDF), and each push
runs the real `kg` command in its own process, so a hang shows as a run past the test's bound."""
from __future__ import annotations

import os
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
RUN_BOUND = 15.0  # seconds a push with --timeout 2 may take, start-up included; loose on purpose
TRIPLES = (b"<https://example.org/a> <https://example.org/p> <https://example.org/b> .\n"
           b"<https://example.org/b> <https://example.org/p> <https://example.org/c> .\n"
           b'<https://example.org/c> <https://example.org/label> "C" .\n')
TURTLE = (b"@prefix ex: <https://example.org/> .\n"
          b'ex:a ex:p ex:b . ex:b ex:p ex:c . ex:c ex:label "C" .\n')
ENDLESS_CAP = 64 << 20  # an endless answer stops here, so that a kg that reads it all survives the test

Script = Callable[[socket.socket, threading.Event], None]


class RawStore:
    """`with RawStore(POST=script, GET=script) as store:` listens on a free loopback port; each
    connection's request is read whole, recorded in `store.requests` as (method, path), and
    answered by the script for its method, which writes raw bytes until done or `stop` is set."""

    def __init__(self, **scripts: Script) -> None:
        self.scripts = scripts
        self.requests: list[tuple[str, str]] = []
        self.stop = threading.Event()
        self._listener = socket.create_server(("127.0.0.1", 0))
        self._listener.settimeout(0.2)
        self.url = f"http://127.0.0.1:{self._listener.getsockname()[1]}/store"

    def __enter__(self) -> "RawStore":
        threading.Thread(target=self._accept, daemon=True).start()
        return self

    def __exit__(self, *exc) -> None:
        self.stop.set()
        self._listener.close()

    def _accept(self) -> None:
        while not self.stop.is_set():
            try:
                connection, _ = self._listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            threading.Thread(target=self._answer, args=(connection,), daemon=True).start()

    def _answer(self, connection: socket.socket) -> None:
        with connection:
            try:
                method, path = _read_request(connection)
                self.requests.append((method, path))
                self.scripts[method](connection, self.stop)
            except OSError:
                pass  # kg hung up, as it may


def _read_request(connection: socket.socket) -> tuple[str, str]:
    data = b""
    while b"\r\n\r\n" not in data:
        data += _received(connection)
    head, _, body = data.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    length = next((int(line.split(":", 1)[1]) for line in lines if line.lower().startswith("content-length:")), 0)
    while len(body) < length:
        body += _received(connection)
    method, path, _ = lines[0].split(" ", 2)
    return method, path


def _received(connection: socket.socket) -> bytes:
    data = connection.recv(65536)
    if not data:
        raise ConnectionError("kg closed the connection before its request was whole")
    return data


def sends(raw: bytes) -> Script:
    """Answer with these bytes, then close the connection."""
    return lambda connection, stop: connection.sendall(raw)


def trickles(raw: bytes, every: float = 0.5) -> Script:
    """Send these bytes one at a time, one every `every` seconds, over and over."""
    def script(connection, stop):
        while not stop.is_set():
            for byte in raw:
                if stop.wait(every):
                    return
                connection.sendall(bytes([byte]))
    return script


def streams(head: bytes, line: bytes) -> Script:
    """Send `head`, then `line` again and again, as fast as kg reads (up to ENDLESS_CAP)."""
    def script(connection, stop):
        connection.sendall(head)
        block, sent = line * (65536 // len(line)), 0
        while not stop.is_set() and sent < ENDLESS_CAP:
            connection.sendall(block)
            sent += len(block)
    return script


def answer(status: str, content_type: str | None = None, body: bytes = b"", length: int | None = None) -> bytes:
    headers = f"HTTP/1.1 {status}\r\n" + (f"Content-Type: {content_type}\r\n" if content_type else "")
    headers += f"Content-Length: {len(body) if length is None else length}\r\nConnection: close\r\n\r\n"
    return headers.encode("latin-1") + body


STORED = sends(answer("204 No Content"))
HOLDS_THE_GRAPH = sends(answer("200 OK", "application/n-triples", TRIPLES))
UNVERIFIED = "took the graph, but it is not verified: "
SKIP_HINT = "; --no-verify skips the read-back\n"


@pytest.fixture
def graph(tmp_path) -> Path:
    path = tmp_path / "graph.nt"
    path.write_bytes(TRIPLES)
    return path


def push(graph: Path, endpoint: str, *options: str) -> subprocess.CompletedProcess:
    """`kg push GRAPH --endpoint URL --timeout 2 OPTIONS` in a process of its own, which must end
    within RUN_BOUND seconds."""
    env = {name: value for name, value in os.environ.items() if "proxy" not in name.lower()}
    command = [sys.executable, "-m", "kg.cli", "push", str(graph), "--endpoint", endpoint, "--timeout", "2", *options]
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=RUN_BOUND, cwd=ROOT, env=env)
    except subprocess.TimeoutExpired:
        pytest.fail(f"kg push still running after {RUN_BOUND} s")
    assert "Traceback" not in done.stderr, done.stderr
    return done


def test_push_hostile_a_store_that_verifies_passes(graph):
    with RawStore(POST=STORED, GET=HOLDS_THE_GRAPH) as store:
        done = push(graph, store.url)
    assert (done.returncode, done.stderr) == (0, "")
    assert done.stdout == f"3 triples -> {store.url}?default (the graph now holds 3 triples)\n"
    assert store.requests == [("POST", "/store?default"), ("GET", "/store?default")]


def test_push_hostile_a_turtle_read_back_is_parsed_as_turtle(graph):
    with RawStore(POST=STORED, GET=sends(answer("200 OK", "text/turtle; charset=utf-8", TURTLE))) as store:
        done = push(graph, store.url)
    assert (done.returncode, done.stderr) == (0, "")
    assert done.stdout == f"3 triples -> {store.url}?default (the graph now holds 3 triples)\n"


@pytest.mark.slow  # waits out its timeout
def test_push_hostile_a_trickled_answer_is_bounded_by_the_timeout(graph):
    with RawStore(POST=trickles(b"HTTP/1.1 204 No Content\r\n")) as store:
        done = push(graph, store.url)
    assert (done.returncode, done.stdout) == (1, "")
    assert done.stderr == f"kg: {store.url}: sending the graph took longer than 2 s (--timeout)\n"


def test_push_hostile_cut_off_headers_are_no_success(graph):
    with RawStore(POST=sends(b"HTTP/1.1 201 Created\r\nContent-Le"), GET=HOLDS_THE_GRAPH) as store:
        done = push(graph, store.url)
    assert (done.returncode, done.stdout) == (1, "")
    assert done.stderr == f"kg: {store.url}: sending the graph got a broken answer: its headers were cut off\n"


def test_push_hostile_headers_cut_at_a_line_end_are_no_success(graph):
    with RawStore(POST=sends(b"HTTP/1.1 201 Created\r\nContent-Length: 0\r\n"), GET=HOLDS_THE_GRAPH) as store:
        done = push(graph, store.url)
    assert done.returncode == 1
    assert done.stderr == f"kg: {store.url}: sending the graph got a broken answer: its headers were cut off\n"


def test_push_hostile_a_bad_status_line_is_one_line(graph):
    with RawStore(POST=sends(b"HELLO WORLD\r\n\r\n")) as store:
        done = push(graph, store.url)
    assert (done.returncode, done.stdout) == (1, "")
    assert done.stderr == (f"kg: {store.url}: sending the graph got a broken answer: "
                           "bad status line 'HELLO WORLD'\n")


def test_push_hostile_a_short_answer_body_is_no_success(graph):
    with RawStore(POST=sends(answer("200 OK", "text/plain", b"short", length=100)), GET=HOLDS_THE_GRAPH) as store:
        done = push(graph, store.url)
    assert (done.returncode, done.stdout) == (1, "")
    assert done.stderr == f"kg: {store.url}: sending the graph got a broken answer: its body was cut off\n"


def test_push_hostile_a_store_that_hangs_up_without_answering(graph):
    with RawStore(POST=sends(b"")) as store:
        done = push(graph, store.url)
    assert (done.returncode, done.stdout) == (1, "")
    assert done.stderr == f"kg: {store.url}: sending the graph got no answer: the store closed the connection\n"


def test_push_hostile_an_endless_read_back_is_bounded_by_size(graph):
    endless = streams(b"HTTP/1.1 200 OK\r\nContent-Type: application/n-triples\r\nConnection: close\r\n\r\n",
                      TRIPLES.splitlines(keepends=True)[0])
    with RawStore(POST=STORED, GET=endless) as store:
        done = push(graph, store.url, "--max-read-back", "1")
    assert (done.returncode, done.stdout) == (1, "")
    assert done.stderr == (f"kg: {store.url} {UNVERIFIED}reading it back got more than 1 MiB (--max-read-back)"
                           + SKIP_HINT)


@pytest.mark.slow  # waits out its timeout
def test_push_hostile_a_trickled_read_back_is_bounded_by_the_timeout(graph):
    head = b"HTTP/1.1 200 OK\r\nContent-Type: application/n-triples\r\nConnection: close\r\n\r\n"
    with RawStore(POST=STORED, GET=lambda c, stop: (c.sendall(head), trickles(TRIPLES)(c, stop))) as store:
        done = push(graph, store.url)
    assert (done.returncode, done.stdout) == (1, "")
    assert done.stderr == f"kg: {store.url} {UNVERIFIED}reading it back took longer than 2 s (--timeout)" + SKIP_HINT


def test_push_hostile_an_html_page_is_not_triples(graph):
    page = b"<!DOCTYPE html>\n<html>\n" + b"<p>line</p>\n" * 50_000
    with RawStore(POST=STORED, GET=sends(answer("200 OK", "text/html; charset=utf-8", page))) as store:
        done = push(graph, store.url)
    assert (done.returncode, done.stdout) == (1, "")
    assert done.stderr == f"kg: {store.url} {UNVERIFIED}its read-back is text/html, not RDF" + SKIP_HINT


def test_push_hostile_an_html_page_labelled_n_triples_is_not_triples(graph):
    page = b"<!DOCTYPE html>\n<html>\n" + b"<p>line</p>\n" * 50_000
    with RawStore(POST=STORED, GET=sends(answer("200 OK", "application/n-triples", page))) as store:
        done = push(graph, store.url)
    assert (done.returncode, done.stdout) == (1, "")
    assert done.stderr.startswith(f"kg: {store.url} {UNVERIFIED}its read-back is not valid N-Triples: ")
    assert done.stderr.endswith(SKIP_HINT) and done.stderr.count("\n") == 1


def test_push_hostile_an_untyped_read_back_is_not_verified(graph):
    with RawStore(POST=STORED, GET=sends(answer("200 OK", None, TRIPLES))) as store:
        done = push(graph, store.url)
    assert done.returncode == 1
    assert done.stderr == f"kg: {store.url} {UNVERIFIED}its read-back has no Content-Type, so it is not RDF" + SKIP_HINT


def test_push_hostile_a_short_read_back_is_not_verified(graph):
    short = answer("200 OK", "application/n-triples", TRIPLES, length=len(TRIPLES) + 500)
    with RawStore(POST=STORED, GET=sends(short)) as store:
        done = push(graph, store.url)
    assert done.returncode == 1
    assert done.stderr == f"kg: {store.url} {UNVERIFIED}reading it back got a broken answer: its body was cut off" + SKIP_HINT


@pytest.mark.parametrize("status", ["404 Not Found", "405 Method Not Allowed"])
def test_push_hostile_a_store_that_will_not_read_back_is_not_verified(graph, status):
    with RawStore(POST=STORED, GET=sends(answer(status, "text/plain", b"no"))) as store:
        done = push(graph, store.url)
    assert (done.returncode, done.stdout) == (1, "")
    assert done.stderr == f"kg: {store.url} {UNVERIFIED}reading it back got HTTP {status}: 'no'" + SKIP_HINT


def test_push_hostile_no_verify_skips_the_read_back(graph):
    with RawStore(POST=STORED, GET=sends(answer("405 Method Not Allowed"))) as store:
        done = push(graph, store.url, "--no-verify")
    assert (done.returncode, done.stderr) == (0, "")
    assert done.stdout == f"3 triples -> {store.url}?default (not verified: --no-verify)\n"
    assert store.requests == [("POST", "/store?default")]


def test_push_hostile_a_bad_status_line_on_the_read_back(graph):
    with RawStore(POST=STORED, GET=sends(b"\x00\x01garbage\r\n")) as store:
        done = push(graph, store.url)
    assert done.returncode == 1
    assert done.stderr == (f"kg: {store.url} {UNVERIFIED}reading it back got a broken answer: "
                           r"bad status line '\x00\x01garbage'" + SKIP_HINT)



def test_push_hostile_help_documents_the_bounds_and_no_verify():
    from kg.graph.endpoint import MAX_READ_BACK

    done = subprocess.run([sys.executable, "-m", "kg.cli", "push", "--help"], capture_output=True, text=True,
                          timeout=RUN_BOUND, cwd=ROOT)
    text = " ".join(done.stdout.split())
    assert "--no-verify" in text and "--timeout SECONDS Give up on an exchange with the store" in text
    assert f"--max-read-back MIB Read back at most this many mebibytes of the graph [default: {MAX_READ_BACK >> 20}]" in text


@pytest.mark.parametrize("url", ["http://127.0.0.1:abc/store", "http://127.0.0.1:99999/store", "http://[::1/store",
                                 "http://127.0.0.1:9/my store", "http://alice:s3cret@127.0.0.1:abc/store"])
def test_push_hostile_a_malformed_endpoint_url_is_one_line(graph, url):
    done = push(graph, url)
    shown_url = url.replace("alice:s3cret@", "")
    assert (done.returncode, done.stdout) == (1, "")
    assert done.stderr == f"kg: {shown_url!r} is not an http(s) URL\n"


@pytest.mark.slow  # waits out its timeout
def test_push_hostile_a_connection_never_accepted_is_bounded_by_the_timeout(graph):
    with socket.create_server(("127.0.0.1", 0), backlog=0) as listener, socket.socket() as waiting:
        waiting.connect(listener.getsockname())  # fills the backlog: the next connection hangs
        url = f"http://127.0.0.1:{listener.getsockname()[1]}/store"
        done = push(graph, url)
    assert (done.returncode, done.stdout) == (1, "")
    assert done.stderr == f"kg: cannot reach {url}: no connection within 2 s (--timeout)\n"


@pytest.mark.slow  # waits out its timeout
def test_push_hostile_sending_to_a_store_that_reads_slowly_is_bounded_by_the_timeout():
    """The library's exchange, as `kg push` runs it: sending 64 MiB to a store that reads 1 KiB a
    tenth of a second ends at the deadline (a graph file that large would take long to read)."""
    from kg.graph.exchange import TimedOut, exchange

    def reads_slowly(connection, stop):
        while not stop.wait(0.1) and connection.recv(1024):
            pass

    started = time.monotonic()
    with socket.create_server(("127.0.0.1", 0)) as listener:
        stop = threading.Event()
        threading.Thread(target=lambda: reads_slowly(listener.accept()[0], stop), daemon=True).start()
        url = f"http://127.0.0.1:{listener.getsockname()[1]}/store"
        with pytest.raises(TimedOut) as stopped:
            with exchange("POST", url, headers={}, body=b"x" * (64 << 20), timeout=2, limit=1024):
                pass
        stop.set()
    assert str(stopped.value) == "took longer than 2 s (--timeout)"
    assert time.monotonic() - started < RUN_BOUND
