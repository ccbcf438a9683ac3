"""`kg serve`: a graph behind a read-only SPARQL 1.1 endpoint on loopback. Oxigraph's own
server answers the queries, from a temporary store; kg's front (kg.query.guard) holds every
request to the time limit and refuses SERVICE; a small reaper process (kg.query.reaper) makes
sure that neither the server nor the store outlives kg, even when kg is killed."""
from __future__ import annotations

import errno
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path
from typing import Callable, Iterable

from kg.graph.endpoint import EndpointError, oxigraph_binary
from kg.query.guard import guard_server
from kg.graph.load import load_graph
from kg.graph.load import oxigraph_format

__all__ = ["serve"]


def serve(graph_path: str | os.PathLike[str], port: int = 7878, *, timeout: float | None = None,
          origins: Iterable[str] = (), on_ready: Callable[[str], None] | None = None) -> None:
    """Serve the graph read-only at http://127.0.0.1:PORT/query until interrupted (Ctrl-C or
    SIGTERM), then stop the server and remove its store. Pages of the `origins` (as browsers
    send them, 'http://host:port'; '*' for any) may query it and read the answers, kg's
    refusals too; pages of other origins are refused. `on_ready(url)` is called once the
    endpoint answers. Raises EndpointError when the port is taken or the server fails."""
    graph_path = Path(graph_path)
    load_graph(graph_path)  # a bad file fails here, with kg's one-line error
    binary = oxigraph_binary()
    server = _Oxigraph(binary)
    try:
        front = guard_server(port, server.address, timeout, server.request_restart, origins)
    except OSError as err:
        if err.errno == errno.EADDRINUSE:
            raise EndpointError(f"port {port} is in use") from None
        raise EndpointError(f"cannot listen on 127.0.0.1:{port}: {err.strerror or err}") from None
    location = tempfile.mkdtemp(prefix="kg-serve-")
    reaper = subprocess.Popen([sys.executable, "-m", "kg.query.reaper", location], stdin=subprocess.PIPE,
                              start_new_session=True)
    previous = _stop_on_signals()
    try:
        _run([binary, "load", "--location", location, "--file", str(graph_path),
              "--format", oxigraph_format(graph_path).file_extension], "loading the graph into Oxigraph")
        server.start(location)
        threading.Thread(target=front.serve_forever, name="kg-serve-front", daemon=True).start()
        if on_ready:
            on_ready(f"http://127.0.0.1:{port}/query")
        server.watch()
    except KeyboardInterrupt:
        pass
    finally:
        _restore_signals(previous)
        front.shutdown()
        front.server_close()
        server.stop()
        shutil.rmtree(location, ignore_errors=True)
        reaper.stdin.close()
        reaper.wait(10)


class _Oxigraph:
    """Oxigraph's read-only server on an inner loopback port, restarted when a query overruns
    (the only way to stop one); restarts happen in the thread that calls `watch`."""

    def __init__(self, binary: str):
        self.binary = binary
        self.restart_wanted = threading.Event()
        self._ready = threading.Event()
        self._process: subprocess.Popen | None = None
        self._address = ("127.0.0.1", 0)
        self._location = ""

    def address(self) -> tuple[str, int]:
        """Where the server listens; waits while it restarts."""
        self._ready.wait(30)
        return self._address

    def request_restart(self) -> None:
        self._ready.clear()
        self.restart_wanted.set()

    def start(self, location: str) -> None:
        self._location = location
        port = _free_port()
        log = tempfile.TemporaryFile()  # what it says on stderr, read only if it stops
        self._process = subprocess.Popen(
            [self.binary, "serve-read-only", "--location", location, "--bind", f"127.0.0.1:{port}",
             "--union-default-graph"], stdout=subprocess.DEVNULL, stderr=log)
        self._process.log = log  # type: ignore[attr-defined]
        _wait_until_up(self._process, f"http://127.0.0.1:{port}/query")
        self._address = ("127.0.0.1", port)
        self._ready.set()

    def watch(self) -> None:
        """Until interrupted: restart the server when asked; fail when it stops by itself."""
        while True:
            if self.restart_wanted.wait(0.2):
                self.restart_wanted.clear()
                self.stop()
                self.start(self._location)
            elif self._process is not None and self._process.poll() is not None:
                raise EndpointError(f"the SPARQL server stopped: {_last_line(self._process)}")

    def stop(self) -> None:
        process, self._process = self._process, None
        if process is not None and process.poll() is None:
            process.kill()
            process.wait()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _interrupt(signum, frame):
    raise KeyboardInterrupt


def _stop_on_signals() -> dict:
    """Ctrl-C and SIGTERM both stop the server cleanly, even where the shell that started
    kg ignores SIGINT (background jobs); returns the handlers to put back."""
    if threading.current_thread() is not threading.main_thread():
        return {}
    return {sig: signal.signal(sig, _interrupt) for sig in (signal.SIGINT, signal.SIGTERM)}


def _restore_signals(previous: dict) -> None:
    for sig, handler in previous.items():
        signal.signal(sig, handler)


def _run(command: list[str], doing: str) -> None:
    done = subprocess.run(command, capture_output=True, text=True)
    if done.returncode != 0:
        reason = (done.stderr.strip().splitlines() or [f"exit status {done.returncode}"])[-1]
        raise EndpointError(f"{doing} failed: {reason}")


def _wait_until_up(server: subprocess.Popen, url: str, seconds: float = 20.0) -> None:
    probe = url + "?" + urllib.parse.urlencode({"query": "ASK {}"})
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise EndpointError(f"the SPARQL server did not start: {_last_line(server)}")
        try:
            with urllib.request.urlopen(probe, timeout=2):
                return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            time.sleep(0.05)
    raise EndpointError(f"the SPARQL server did not answer at {url} within {seconds:g} s")


def _last_line(server: subprocess.Popen) -> str:
    log = getattr(server, "log", None)
    if log is not None:
        log.seek(0)
    err = log.read().decode("utf-8", "replace") if log is not None else ""
    lines = [line for line in err.strip().splitlines() if line.strip()]
    return lines[-1] if lines else f"exit status {server.returncode}"
