"""SPARQL text read without running it: whether it is a query or an update, and what
outside the graph file it would reach (LOAD, SERVICE, FROM, USING), decided from the
request as a SPARQL parser reads it, so that kg can refuse before anything runs and no
request is made. A request nested deeper than MAX_NESTING is refused before any parser
sees it (Oxigraph's overflows its stack on a few thousand levels)."""
from __future__ import annotations

import re
import threading
from collections.abc import Collection, Iterator, Mapping
from dataclasses import dataclass, field

__all__ = ["SparqlRequest", "SparqlTextError", "NestingError", "read_request", "outside_reference", "blank_strings_and_comments",
           "code_only", "IRI", "MAX_NESTING"]

MAX_NESTING = 16  # levels of { ( [ one inside another

IRI = re.compile(r"<[^<>\"{}|^`\\\s]*>")  # an IRI written in full, <...>
_STRING_OR_COMMENT = re.compile(  # IRIs too, found first so that a '#' in one starts no comment
    IRI.pattern + "|"
    r'"""(?:[^"\\]|\\.|"(?!""))*"""' r"|'''(?:[^'\\]|\\.|'(?!''))*'''"
    r'|"(?:[^"\\\n]|\\.)*"' r"|'(?:[^'\\\n]|\\.)*'" r"|#[^\n]*", re.S)
_PROLOGUE = re.compile(r"\s*(?:(?:PREFIX\s+[\w.\-]*:\s*|BASE\s+)<[^>]*>\s*)*", re.I)
_FIRST_WORD = re.compile(r"[A-Za-z]+")
_QUERY_FORMS = {"select", "construct", "describe", "ask"}
_OPENING, _CLOSING = "{([", "})]"
_WORD = re.compile(r"[A-Za-z]+")
_OUTSIDE_WORDS = {"service", "load", "from", "using"}


class SparqlTextError(ValueError):
    """A request kg cannot read: a syntax error (with its line and column when known) or
    nesting deeper than MAX_NESTING."""

    def __init__(self, reason: str, line: int | None = None, column: int | None = None):
        super().__init__(reason)
        self.reason, self.line, self.column = reason, line, column


class NestingError(SparqlTextError):
    """A request nested deeper than MAX_NESTING."""


@dataclass(frozen=True)
class SparqlRequest:
    """What a parsed request is and what it names outside the graph: LOAD and SERVICE
    (as 'SERVICE <…>'), and the graphs of FROM, FROM NAMED and USING (keyword, name as
    written, IRI when kg can expand it)."""

    update: bool
    parsed: bool = True  # False: kg's parser could not read it, and it names nothing outside (see read_request)
    remote: tuple[str, ...] = ()
    datasets: tuple[tuple[str, str, str | None], ...] = field(default=())


def blank_strings_and_comments(text: str) -> str:
    """The text with its string literals and comments blanked out (same length), so keywords
    are only found where they are keywords."""
    return _STRING_OR_COMMENT.sub(lambda m: m[0] if m[0].startswith("<") else " " * len(m[0]), text)


def code_only(text: str) -> str:
    """Strings, comments and IRIs blanked: what is left is keywords, names and punctuation."""
    return IRI.sub(lambda m: " " * len(m[0]), blank_strings_and_comments(text))


def read_request(text: str, prefixes: Mapping[str, str] = {}) -> SparqlRequest:
    """The request parsed (rdflib's SPARQL 1.1 grammar) as the query or update its first
    keyword says it is. Raises SparqlTextError when it is nested too deeply, or when it does
    not parse and has a word of a request beyond the graph (SERVICE, LOAD, FROM, USING)
    anywhere outside its strings, IRIs and comments. One that does not parse and has none is
    returned unparsed, for the engine to run or to say where its syntax breaks."""
    from rdflib.plugins.sparql.parser import expandUnicodeEscapes

    readings = {text, expandUnicodeEscapes(text)}  # the parser reads \u escapes as the characters
    for written in readings:
        _check_nesting(written)
    update = _looks_like_update(text)
    try:
        tree = _parse(text, update)
    except SparqlTextError:
        if any(_OUTSIDE_WORDS & _words(written) for written in readings):
            raise
        return SparqlRequest(update, parsed=False)
    declared = dict(prefixes) | dict(_prefix_declarations(tree))
    remote, datasets = [], []
    for node in _nodes(tree):
        name = getattr(node, "name", None)
        if name == "ServiceGraphPattern":
            remote.append(f"SERVICE {_written(dict.get(node, 'term'))}")
        elif name == "Load":
            remote.append(f"LOAD {_written(dict.get(node, 'iri'))}")
        elif name in ("DatasetClause", "UsingClause"):
            keyword = "FROM" if name == "DatasetClause" else "USING"
            target = dict.get(node, "default", dict.get(node, "named"))
            datasets.append((keyword, _written(target), _expanded(target, declared)))
    return SparqlRequest(update, remote=tuple(remote), datasets=tuple(datasets))


def outside_reference(request: SparqlRequest, graph_names: Collection[str]) -> str | None:
    """What the request would reach outside the graph file, as written in it: a LOAD or
    SERVICE, or a FROM/USING graph that is not one of `graph_names`; None when it reaches
    nothing else."""
    if request.remote:
        return request.remote[0]
    for keyword, written, iri in request.datasets:
        if iri is None or iri not in graph_names:
            return f"{keyword} {written}"
    return None


def _words(text: str) -> set[str]:
    return {word.lower() for word in _WORD.findall(code_only(text))}


def _check_nesting(text: str) -> None:
    depth, deepest = 0, 0
    for char in code_only(text):
        if char in _OPENING:
            depth += 1
            deepest = max(deepest, depth)
        elif char in _CLOSING:
            depth = max(0, depth - 1)
    if deepest > MAX_NESTING:
        raise NestingError(f"nested {deepest} levels deep; kg reads at most {MAX_NESTING}")


def _looks_like_update(text: str) -> bool:
    """Its first word after the PREFIX and BASE lines is not SELECT, CONSTRUCT, DESCRIBE or ASK."""
    code = blank_strings_and_comments(text)
    rest = code[_PROLOGUE.match(code).end():]
    first = _FIRST_WORD.match(rest.lstrip())
    return first is not None and first[0].lower() not in _QUERY_FORMS


def _parse(text: str, update: bool):
    """The parse tree, made in a thread of its own so that the parser's recursion starts
    from an empty stack whoever calls."""
    from pyparsing import ParseBaseException
    from rdflib.plugins.sparql.parser import parseQuery, parseUpdate

    outcome: dict[str, object] = {}

    def parse() -> None:
        try:
            outcome["tree"] = (parseUpdate if update else parseQuery)(text)
        except ParseBaseException as err:
            outcome["error"] = SparqlTextError(_parser_reason(err), err.lineno, err.col)
        except RecursionError:
            outcome["error"] = NestingError("nested too deeply to read")

    worker = threading.Thread(target=parse, name="kg-sparql-parse", daemon=True)
    worker.start()
    worker.join()
    if "error" in outcome:
        raise outcome["error"]  # type: ignore[misc]
    return outcome["tree"]


def _parser_reason(err) -> str:
    found = err.line[err.col - 1:].split(None, 1)[0][:40] if err.line[err.col - 1:].strip() else ""
    return f"unexpected {found!r}" if found else "unexpected end of the request"


def _nodes(tree) -> Iterator[object]:
    """Every node of a parse tree, depth first."""
    stack = [tree]
    while stack:
        node = stack.pop()
        yield node
        if isinstance(node, dict):
            stack.extend(reversed(list(node.values())))
        elif isinstance(node, (list, tuple)) or type(node).__name__ == "ParseResults":
            stack.extend(reversed(list(node)))


def _prefix_declarations(tree) -> Iterator[tuple[str, str]]:
    for node in _nodes(tree):
        if getattr(node, "name", None) == "PrefixDecl":
            yield dict.get(node, "prefix") or "", str(dict.get(node, "iri"))


def _written(term) -> str:
    """A term of the parse tree as SPARQL writes it: <iri>, prefix:local or ?variable."""
    from rdflib import URIRef, Variable

    if isinstance(term, URIRef):
        return f"<{term}>"
    if isinstance(term, Variable):
        return f"?{term}"
    if getattr(term, "name", None) == "pname":
        return f"{dict.get(term, 'prefix') or ''}:{dict.get(term, 'localname') or ''}"
    return str(term)


def _expanded(term, prefixes: Mapping[str, str]) -> str | None:
    from rdflib import URIRef

    if isinstance(term, URIRef):
        return str(term)
    if getattr(term, "name", None) == "pname":
        prefix = dict.get(term, "prefix") or ""
        return prefixes[prefix] + (dict.get(term, "localname") or "") if prefix in prefixes else None
    return None
