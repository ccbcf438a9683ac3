"""SPARQL text read without running it: whether it is a query or an update, and what
outside the graph file it would reach (LOAD, SERVICE, FROM, USING), so that kg can refuse
before anything runs and no request is made."""
from __future__ import annotations

import re
from collections.abc import Collection, Mapping

__all__ = ["is_update", "outside_reference", "remote_reference", "blank_strings_and_comments", "code_only",
           "IRI"]

IRI = re.compile(r"<[^<>\"{}|^`\\\s]*>")  # an IRI written in full, <...>
_STRING_OR_COMMENT = re.compile(  # IRIs too, found first so that a '#' in one starts no comment
    IRI.pattern + "|"
    r'"""(?:[^"\\]|\\.|"(?!""))*"""' r"|'''(?:[^'\\]|\\.|'(?!''))*'''"
    r'|"(?:[^"\\\n]|\\.)*"' r"|'(?:[^'\\\n]|\\.)*'" r"|#[^\n]*", re.S)
# a keyword is a whole word: not part of a prefixed name, a variable or another word
_WORD = r"(?<![\w:?$\-.]){}(?![\w:\-])"
_PROLOGUE = re.compile(r"\s*(?:(?:PREFIX\s+[\w.\-]*:\s*|BASE\s+)<[^>]*>\s*)*", re.I)
_FIRST_WORD = re.compile(r"[A-Za-z]+")
_QUERY_FORMS = {"select", "construct", "describe", "ask"}
_REMOTE = re.compile(_WORD.format(r"(LOAD|SERVICE)"), re.I)
_DATASET = re.compile(_WORD.format(r"(FROM|USING)") + r"(?:\s+NAMED(?![\w:\-]))?\s*(<[^>]*>|[\w.\-]*:[\w.\-]*)", re.I)
_TARGET = re.compile(r"\s*(?:SILENT\s*)?(" + IRI.pattern + ")", re.I)  # what LOAD or SERVICE names
_PREFIX_DECLARATION = re.compile(r"PREFIX\s+([\w.\-]*):\s*<([^>]*)>", re.I)


def blank_strings_and_comments(text: str) -> str:
    """The text with its string literals and comments blanked out (same length), so keywords
    are only found where they are keywords."""
    return _STRING_OR_COMMENT.sub(lambda m: m[0] if m[0].startswith("<") else " " * len(m[0]), text)


def code_only(text: str) -> str:
    """Strings, comments and IRIs blanked: what is left is keywords, names and punctuation."""
    return IRI.sub(lambda m: " " * len(m[0]), blank_strings_and_comments(text))


def is_update(text: str) -> bool:
    """Whether the request is a SPARQL update rather than a query: its first word after the
    PREFIX and BASE lines is not SELECT, CONSTRUCT, DESCRIBE or ASK."""
    code = blank_strings_and_comments(text)
    rest = code[_PROLOGUE.match(code).end():]
    first = _FIRST_WORD.match(rest.lstrip())
    return first is not None and first[0].lower() not in _QUERY_FORMS


def outside_reference(text: str, graph_names: Collection[str], prefixes: Mapping[str, str]) -> str | None:
    """What the request would reach outside the graph file, as written in it: a LOAD or
    SERVICE, or a FROM/USING graph that is not one of `graph_names`; None when it reaches
    nothing else."""
    if (remote := remote_reference(text)) is not None:
        return remote
    blanked = blank_strings_and_comments(text)
    declared = dict(prefixes) | {m[1]: m[2] for m in _PREFIX_DECLARATION.finditer(blanked)}
    for dataset in _DATASET.finditer(blanked):
        target = dataset[2]
        iri = target[1:-1] if target.startswith("<") else _expand(target, declared)
        if iri is None or iri not in graph_names:
            return f"{dataset[1].upper()} {target}"
    return None


def remote_reference(text: str) -> str | None:
    """The first LOAD or SERVICE of the request, as written ('SERVICE <http://…>'), or None."""
    if (remote := _REMOTE.search(code_only(text))) is not None:
        return f"{remote[1].upper()} {_following_iri(text, remote.end())}".rstrip()
    return None


def _expand(name: str, prefixes: Mapping[str, str]) -> str | None:
    prefix, _, local = name.partition(":")
    return prefixes[prefix] + local if prefix in prefixes else None


def _following_iri(text: str, start: int) -> str:
    """The IRI a LOAD or SERVICE names (after SILENT, if written), for the message."""
    found = _TARGET.match(text, start)
    return found[1] if found is not None else ""
