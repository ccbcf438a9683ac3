"""Query results as text: an aligned table for a terminal, CSV and TSV and JSON as the
SPARQL 1.1 result formats define them, Markdown; Turtle for CONSTRUCT and DESCRIBE."""
from __future__ import annotations

import csv
import io
import json

from kg.graph.rdf import PREFIXES, short_iri
from kg.query.sparql import QueryResult

__all__ = ["RESULT_FORMATS", "format_result"]

RESULT_FORMATS = ("table", "csv", "tsv", "json", "md")
_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
_RDF_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"


def format_result(result: QueryResult, fmt: str = "table") -> str:
    """The result as text in `fmt` (one of RESULT_FORMATS; ignored for ASK, CONSTRUCT and
    DESCRIBE, which print true/false and Turtle)."""
    if result.kind == "ask":
        return json.dumps({"head": {}, "boolean": result.boolean}) + "\n" if fmt == "json" \
            else ("true" if result.boolean else "false") + "\n"
    if result.kind == "graph":
        return _turtle(result.triples)
    if result.kind == "update":
        return ""
    return _SELECT_FORMATS[fmt](result)


def _table(result: QueryResult) -> str:
    header = result.variables
    rows = [[_short(term) for term in row] for row in result.rows]
    widths = [max([len(h)] + [len(r[i]) for r in rows]) for i, h in enumerate(header)]

    def line(cells: list[str]) -> str:
        return "  ".join(c.ljust(w) for c, w in zip(cells, widths)).rstrip()

    out = [line(header), line(["-" * w for w in widths])] + [line(r) for r in rows]
    count = len(rows)
    out.append(f"({count} row{'s' if count != 1 else ''})")
    return "\n".join(out) + "\n"


def _markdown(result: QueryResult) -> str:
    def cell(text: str) -> str:
        return text.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")

    lines = ["| " + " | ".join(result.variables) + " |", "|" + "---|" * len(result.variables)]
    lines += ["| " + " | ".join(cell(_short(t)) for t in row) + " |" for row in result.rows]
    return "\n".join(lines) + "\n"


def _csv(result: QueryResult) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(result.variables)
    for row in result.rows:
        writer.writerow(["" if t is None else _plain(t) for t in row])
    return out.getvalue()


def _tsv(result: QueryResult) -> str:
    lines = ["\t".join(f"?{v}" for v in result.variables)]
    # pyoxigraph terms print in N-Triples / Turtle syntax, as SPARQL TSV wants
    lines += ["\t".join("" if t is None else str(t) for t in row) for row in result.rows]
    return "\n".join(lines) + "\n"


def _json(result: QueryResult) -> str:
    bindings = [{v: _json_term(t) for v, t in zip(result.variables, row) if t is not None} for row in result.rows]
    return json.dumps({"head": {"vars": result.variables}, "results": {"bindings": bindings}},
                      ensure_ascii=False, indent=2) + "\n"


_SELECT_FORMATS = {"table": _table, "csv": _csv, "tsv": _tsv, "json": _json, "md": _markdown}


def _kind(term) -> str:
    import pyoxigraph as ox

    if isinstance(term, ox.NamedNode):
        return "uri"
    if isinstance(term, ox.BlankNode):
        return "bnode"
    if isinstance(term, ox.Literal):
        return "literal"
    return "triple"


def _plain(term) -> str:
    """The value alone: an IRI, a literal's text, `_:id` for a blank node."""
    return f"_:{term.value}" if _kind(term) == "bnode" else str(term.value) if _kind(term) != "triple" else str(term)


def _short(term) -> str:
    """For people: IRIs with a known prefix written short (kgr:turkey), literals as text."""
    if term is None:
        return ""
    if _kind(term) == "uri" and (short := short_iri(term.value)):
        return short
    return " ".join(_plain(term).split())


def _json_term(term) -> dict:
    kind = _kind(term)
    if kind == "literal":
        value = {"type": "literal", "value": term.value}
        if term.language:
            value["xml:lang"] = term.language
        elif term.datatype.value not in (_XSD_STRING, _RDF_LANG_STRING):
            value["datatype"] = term.datatype.value
        return value
    if kind == "triple":
        return {"type": "triple", "value": str(term)}
    return {"type": kind, "value": term.value}


def _turtle(triples: list) -> str:
    import pyoxigraph as ox

    ordered = sorted(triples, key=str)
    used = {prefix: ns for prefix, ns in PREFIXES.items() if any(ns in str(t) for t in ordered)}
    data = ox.serialize(ordered, format=ox.RdfFormat.TURTLE, prefixes=used)
    return data.decode("utf-8") if data else ""
