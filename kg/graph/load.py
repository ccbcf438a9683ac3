"""Reading a graph file (any RDF syntax rdflib parses) for the commands that work on graphs."""
from __future__ import annotations

import contextlib
import os
import re
import warnings
from pathlib import Path

from rdflib import Dataset
from rdflib.util import guess_format

from kg.errors import GraphFileError

__all__ = ["load_graph", "graph_format", "graph_file_errors", "oxigraph_format"]

_SUFFIX_FORMATS = {".ttl": "turtle", ".turtle": "turtle", ".trig": "trig", ".nt": "nt", ".ntriples": "nt",
                   ".nq": "nquads", ".nquads": "nquads", ".jsonld": "json-ld", ".json": "json-ld",
                   ".rdf": "xml", ".owl": "xml", ".xml": "xml", ".n3": "n3"}


def graph_format(path: str | os.PathLike[str]) -> str:
    """The rdflib parser name for a file, from its suffix (Turtle when unknown)."""
    suffix = Path(path).suffix.lower()
    return _SUFFIX_FORMATS.get(suffix) or guess_format(str(path)) or "turtle"


_OX_FORMATS = {"turtle": "TURTLE", "trig": "TRIG", "nt": "N_TRIPLES", "nquads": "N_QUADS", "json-ld": "JSON_LD",
               "xml": "RDF_XML", "n3": "N3"}


def oxigraph_format(path: str | os.PathLike[str]):
    """Oxigraph's RdfFormat for a graph file, from its suffix (as graph_format reads it)."""
    import pyoxigraph as ox

    return getattr(ox.RdfFormat, _OX_FORMATS[graph_format(path)])


@contextlib.contextmanager
def graph_file_errors(path: Path):
    """Turns a missing, unreadable or folder path into GraphFileError."""
    try:
        yield
    except FileNotFoundError:
        raise GraphFileError(path, "no such file") from None
    except IsADirectoryError:
        raise GraphFileError(path, "is a folder, not a graph file") from None
    except PermissionError:
        raise GraphFileError(path, "permission denied") from None


def load_graph(path: str | os.PathLike[str]) -> Dataset:
    """The graph in `path` as a Dataset whose default graph is the union of all its graphs.

    Raises GraphFileError naming the file and the reason (with the line when the parser
    gives one) for a file that is missing, unreadable or not valid RDF.
    """
    path = Path(path)
    fmt = graph_format(path)
    dataset = Dataset(default_union=True)
    try:
        with warnings.catch_warnings(), graph_file_errors(path):
            warnings.simplefilter("ignore", DeprecationWarning)
            dataset.parse(path, format=fmt)
    except GraphFileError:
        raise
    except UnicodeDecodeError as err:
        raise GraphFileError(path, f"not UTF-8 text ({err.reason} at byte {err.start})") from None
    except Exception as err:  # rdflib's parsers raise many kinds; each means bad syntax
        line, reason = _syntax_error(err)
        raise GraphFileError(path, f"not valid {FORMAT_NAMES.get(fmt, fmt)}: {reason}", line) from None
    return dataset


FORMAT_NAMES = {"turtle": "Turtle", "trig": "TriG", "nt": "N-Triples", "nquads": "N-Quads",
                 "json-ld": "JSON-LD", "xml": "RDF/XML", "n3": "Notation3"}


def _syntax_error(err: Exception) -> tuple[int | None, str]:
    """(line, reason) of a parser's error, without the echo of the input some parsers add."""
    text = " ".join(str(err).split()) or type(err).__name__
    if m := re.match(r"at line (\d+) of <[^>]*>: Bad syntax \((.*?)\) at \^ in:", text):
        return int(m[1]), m[2]
    if m := re.search(r"line (\d+)", text):
        line = int(m[1])
    else:
        line = getattr(err, "lineno", None) or getattr(err, "line", None)
        line = line if isinstance(line, int) else None
    return line, text if len(text) <= 300 else text[:297] + "..."
