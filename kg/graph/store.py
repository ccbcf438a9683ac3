"""A graph file in Oxigraph's in-memory store (pyoxigraph), for fast SPARQL, and back."""
from __future__ import annotations

import os
from pathlib import Path

from kg.errors import GraphFileError
from kg.graph.load import FORMAT_NAMES, graph_file_errors, graph_format, oxigraph_format

__all__ = ["load_store", "save_store", "store_to_rdflib"]

def load_store(path: str | os.PathLike[str]):
    """The graph in `path` (any syntax graph_format knows) as a pyoxigraph Store.
    Raises GraphFileError naming the file, the line and the reason."""
    import pyoxigraph as ox

    path = Path(path)
    fmt = graph_format(path)
    store = ox.Store()
    try:
        with graph_file_errors(path):
            store.bulk_load(path=str(path), format=oxigraph_format(path))
    except GraphFileError:
        raise
    except SyntaxError as err:
        line = err.args[1][1] if len(err.args) > 1 and isinstance(err.args[1], tuple) else None
        reason = str(err.args[0]) if err.args else str(err)
        raise GraphFileError(path, f"not valid {FORMAT_NAMES.get(fmt, fmt)}: {reason}", line) from None
    except (ValueError, OSError) as err:
        raise GraphFileError(path, f"cannot be read: {err}") from None
    return store


def store_to_rdflib(store):
    """The store's quads as an rdflib Dataset (for the deterministic writers of kg.graph.rdf)."""
    import pyoxigraph as ox
    from rdflib import Dataset

    from kg.graph.rdf import bind_prefixes

    dataset = Dataset()
    data = store.dump(format=ox.RdfFormat.N_QUADS)
    dataset.parse(data=data.decode("utf-8"), format="nquads")
    bind_prefixes(dataset)
    return dataset


_TRIPLES_ONLY = {"turtle": "Turtle", "nt": "N-Triples"}  # syntaxes of a graph without named graphs


def save_store(store, path: str | os.PathLike[str]) -> Path:
    """Write the store over `path` atomically, in the syntax its suffix names."""
    from kg.files import write_atomic
    from kg.graph.serialize import serialize_quads, write_graph
    from kg.graph.triples import rdflib_quads

    fmt = graph_format(path)
    if fmt not in ("turtle", "trig", "nt", "nquads", "json-ld"):
        raise GraphFileError(path, f"kg cannot write {fmt}; use .ttl, .trig, .nt, .nq or .jsonld")
    if fmt in _TRIPLES_ONLY and (graph := next(iter(store.named_graphs()), None)) is not None:
        raise GraphFileError(path, f"the update puts triples in the named graph {graph}, which a {_TRIPLES_ONLY[fmt]} "
                                   f"file cannot hold; the file is unchanged (to keep named graphs, convert it "
                                   f"first: kg export {path} --format trig -o GRAPH.trig)")
    if fmt == "json-ld":
        return write_graph(store_to_rdflib(store), path, fmt)
    return write_atomic(path, serialize_quads(rdflib_quads(store.quads_for_pattern(None, None, None, None)), fmt))
