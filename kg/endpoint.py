"""A graph behind a SPARQL endpoint: `kg serve` runs Oxigraph's own server, read-only, on
loopback; `kg push` sends a graph to any store through the SPARQL 1.1 Graph Store HTTP
Protocol. kg speaks the protocols; it ships no server code of its own."""
from __future__ import annotations

import base64
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from .errors import KGError
from .graph import serialize_graph
from .load import load_graph
from .store import oxigraph_format

__all__ = ["EndpointError", "oxigraph_binary", "serve", "push", "PushReport"]


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


def serve(graph_path: str | os.PathLike[str], port: int = 7878, *, timeout: float | None = None,
          on_ready: Callable[[str], None] | None = None) -> None:
    """Load the graph into a fresh Oxigraph store and serve it read-only at
    http://127.0.0.1:PORT/query until interrupted (Ctrl-C), then stop the server and remove
    the store. `on_ready(url)` is called once the endpoint answers."""
    graph_path = Path(graph_path)
    load_graph(graph_path)  # a bad file fails here, with kg's one-line error
    binary = oxigraph_binary()
    with tempfile.TemporaryDirectory(prefix="kg-serve-") as location:
        _run([binary, "load", "--location", location, "--file", str(graph_path),
              "--format", oxigraph_format(graph_path).file_extension], "loading the graph into Oxigraph")
        command = [binary, "serve-read-only", "--location", location, "--bind", f"127.0.0.1:{port}",
                   "--union-default-graph"]
        if timeout is not None:
            command += ["--timeout-s", str(max(1, round(timeout)))]
        server = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        url = f"http://127.0.0.1:{port}/query"
        previous = _stop_on_signals()
        try:
            _wait_until_up(server, url)
            if on_ready:
                on_ready(url)
            server.wait()
            raise EndpointError(f"the SPARQL server stopped: {_last_line(server)}")
        except KeyboardInterrupt:
            pass
        finally:
            _restore_signals(previous)
            if server.poll() is None:
                server.terminate()
                try:
                    server.wait(10)
                except subprocess.TimeoutExpired:
                    server.kill()
                    server.wait()


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
            time.sleep(0.1)
    raise EndpointError(f"the SPARQL server did not answer at {url} within {seconds:g} s")


def _last_line(server: subprocess.Popen) -> str:
    err = server.stderr.read().decode("utf-8", "replace") if server.stderr else ""
    lines = [line for line in err.strip().splitlines() if line.strip()]
    return lines[-1] if lines else f"exit status {server.returncode}"


@dataclass(frozen=True)
class PushReport:
    triples: int
    target: str  # the URL the graph went to

    @property
    def summary(self) -> str:
        return f"{self.triples} triples -> {self.target}"


def push(graph_path: str | os.PathLike[str], endpoint: str, *, graph_iri: str | None = None,
         user: str | None = None, password: str | None = None, replace: bool = False,
         timeout: float = 60.0) -> PushReport:
    """Send the graph (all its triples) to a Graph Store Protocol endpoint: into the named
    graph `graph_iri`, or the store's default graph. POST adds to what is there; with
    `replace`, PUT replaces it. Credentials go as HTTP Basic authentication.
    Raises EndpointError for an endpoint that cannot be reached, refuses or fails."""
    if urllib.parse.urlsplit(endpoint).scheme not in ("http", "https"):
        raise EndpointError(f"{endpoint!r} is not an http(s) URL")
    graph = load_graph(graph_path)
    body = serialize_graph(graph, "nt")
    target = endpoint + ("&" if "?" in endpoint else "?") + (
        urllib.parse.urlencode({"graph": graph_iri}) if graph_iri else "default")
    request = urllib.request.Request(target, data=body, method="PUT" if replace else "POST",
                                     headers={"Content-Type": "application/n-triples"})
    if user is not None:
        token = base64.b64encode(f"{user}:{password or ''}".encode("utf-8")).decode("ascii")
        request.add_header("Authorization", f"Basic {token}")
    try:
        with urllib.request.urlopen(request, timeout=timeout):
            pass
    except urllib.error.HTTPError as err:
        detail = err.read(300).decode("utf-8", "replace").strip().splitlines()
        hint = f": {detail[0]}" if detail else ""
        raise EndpointError(f"{endpoint} refused the graph: HTTP {err.code} {err.reason}{hint}") from None
    except urllib.error.URLError as err:
        raise EndpointError(f"cannot reach {endpoint}: {getattr(err.reason, 'strerror', None) or err.reason}") from None
    except (TimeoutError, ConnectionError) as err:
        raise EndpointError(f"cannot reach {endpoint}: {err}") from None
    return PushReport(sum(1 for _ in body.splitlines() if _.strip()), target)
