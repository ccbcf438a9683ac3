"""Strip site chrome, teasers, disclaimers and keyword tails from an article's raw text."""
from __future__ import annotations

import datetime as dt
import functools
import os
import re
from dataclasses import dataclass
from typing import Any


from kg.knowledge.dates import parse_date
from kg.knowledge.language import Language
from kg.errors import RuleFileError
from kg.datafiles import data_path, read_yaml_file

__all__ = ["BoilerplateRules", "CleanedText", "clean_text", "load_boilerplate", "default_boilerplate"]

_KINDS = ("drop_lines", "teaser_prefixes", "kickers", "disclaimers", "tail_markers")
_GROUPS_ALLOWED = {"disclaimers": frozenset({"outlet"})}
_MAX_TITLE_LENGTH = 200
_SENTENCE_BREAK = re.compile(r"(?:(?<=[.!?])|(?<=[.!?][\"'”’)]))\s+(?=\S)")
_DATELINE = re.compile(
    r"(?:(?:published|updated|last updated|posted|date)(?:\s+on)?\s*:?\s*)?"
    r"(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s+)?"
    r"(?P<date>.+?)"
    r"(?:\s*(?:[,|–-]|at)?\s*\d{1,2}:\d{2}(?:\s*[ap]\.?m\.?)?(?:\s+[A-Z]{2,5})?)?",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class BoilerplateRules:
    """Compiled boilerplate patterns, one tuple per kind (see ontology/en/boilerplate.yaml)."""

    drop_lines: tuple[re.Pattern[str], ...] = ()
    teaser_prefixes: tuple[re.Pattern[str], ...] = ()
    kickers: tuple[re.Pattern[str], ...] = ()
    disclaimers: tuple[re.Pattern[str], ...] = ()
    tail_markers: tuple[re.Pattern[str], ...] = ()


@dataclass(frozen=True)
class CleanedText:
    text: str
    title: str | None = None
    outlet: str | None = None
    date: dt.date | None = None


def load_boilerplate(path: str | os.PathLike[str]) -> BoilerplateRules:
    return _parse_rules(read_yaml_file(path), str(path))


@functools.lru_cache(maxsize=None)
def default_boilerplate(language_code: str = "en") -> BoilerplateRules:
    """The rules shipped with kg for the pages of a language (ontology/<code>/boilerplate.yaml)."""
    return load_boilerplate(data_path(f"{language_code}/boilerplate.yaml"))


def _parse_rules(data: Any, where: str) -> BoilerplateRules:
    data = {} if data is None else data
    if not isinstance(data, dict):
        raise RuleFileError(where, "expected a mapping from rule kinds to lists of patterns")
    unknown = [str(kind) for kind in data if kind not in _KINDS]
    if unknown:
        raise RuleFileError(where, f"unknown rule kind {unknown[0]!r} (expected one of {', '.join(_KINDS)})")
    return BoilerplateRules(**{kind: _compile_kind(data.get(kind), kind, where) for kind in _KINDS})


def _compile_kind(entries: Any, kind: str, where: str) -> tuple[re.Pattern[str], ...]:
    if entries is None:
        return ()
    if not isinstance(entries, list):
        raise RuleFileError(where, f"{kind}: expected a list of regular expressions")
    return tuple(_compile_pattern(entry, f"{kind}[{index}]", kind, where) for index, entry in enumerate(entries))


def _compile_pattern(entry: Any, label: str, kind: str, where: str) -> re.Pattern[str]:
    if not isinstance(entry, str) or not entry:
        raise RuleFileError(where, f"{label}: expected a non-empty string")
    try:
        pattern = re.compile(entry, re.IGNORECASE)
    except re.error as exc:
        raise RuleFileError(where, f"{label}: bad regex {entry!r}: {exc}") from exc
    unexpected = set(pattern.groupindex) - _GROUPS_ALLOWED.get(kind, frozenset())
    if unexpected:
        raise RuleFileError(where, f"{label}: unexpected named group {sorted(unexpected)[0]!r}")
    return pattern


def clean_text(raw: str, rules: BoilerplateRules, lang: Language) -> CleanedText:
    """Remove boilerplate from `raw`; note the headline, a dateline below it (its date written in
    the language `lang`) and the outlet named in disclaimers."""
    lines, outlets = _remove_boilerplate(raw.split("\n"), rules)
    title_index = _title_index(lines)
    title = lines[title_index].strip() if title_index is not None else None
    date = _dateline_date(lines, title_index, lang) if title_index is not None else None
    outlet = outlets[0] if outlets else None
    return CleanedText(text=_join(lines), title=title, outlet=outlet, date=date)


def _remove_boilerplate(lines: list[str], rules: BoilerplateRules) -> tuple[list[str], list[str]]:
    kept: list[str] = []
    outlets: list[str] = []
    seen: set[str] = set()
    for line in (raw.rstrip() for raw in lines):
        plain = _squash(line)
        if not plain:
            kept.append("")
            continue
        if _matches_whole(plain, rules.tail_markers):
            if seen:
                break
            continue
        if _is_chrome(plain, rules):
            continue
        line = _without_kicker(line, rules.kickers)
        line, found = _remove_disclaimers(line, rules.disclaimers)
        outlets.extend(found)
        key = _squash(line).casefold()
        if key and key not in seen:
            seen.add(key)
            kept.append(line)
    return kept, outlets


def _squash(line: str) -> str:
    return " ".join(line.split())


def _matches_whole(text: str, patterns: tuple[re.Pattern[str], ...]) -> bool:
    return any(pattern.fullmatch(text) for pattern in patterns)


def _is_chrome(plain: str, rules: BoilerplateRules) -> bool:
    return _matches_whole(plain, rules.drop_lines) or any(pattern.match(plain) for pattern in rules.teaser_prefixes)


def _without_kicker(line: str, patterns: tuple[re.Pattern[str], ...]) -> str:
    """'ANALYSIS: Juntas turn ...' -> 'Juntas turn ...': a section label is no part of the line."""
    start = len(line) - len(line.lstrip())
    for pattern in patterns:
        found = pattern.match(line, start)
        if found and found.end() < len(line):
            return line[:start] + line[found.end():]
    return line


def _remove_disclaimers(line: str, patterns: tuple[re.Pattern[str], ...]) -> tuple[str, list[str]]:
    sentences = _SENTENCE_BREAK.split(line.strip())
    kept: list[str] = []
    outlets: list[str] = []
    for sentence in sentences:
        match = next((m for m in (p.fullmatch(sentence) for p in patterns) if m), None)
        if match is None:
            kept.append(sentence)
        elif match.groupdict().get("outlet"):
            outlets.append(match["outlet"].strip().rstrip("."))
    if len(kept) == len(sentences):
        return line, outlets
    return " ".join(kept), outlets


def _title_index(lines: list[str]) -> int | None:
    first = next((index for index, line in enumerate(lines) if line.strip()), None)
    if first is not None and _looks_like_headline(lines[first].strip()):
        return first
    return None


def _looks_like_headline(line: str) -> bool:
    return not line.endswith(".") and len(line) < _MAX_TITLE_LENGTH and any(c.isalpha() for c in line)


def _dateline_date(lines: list[str], title_index: int, lang: Language) -> dt.date | None:
    following = next((line for line in lines[title_index + 1:] if line.strip()), None)
    if following is None:
        return None
    match = _DATELINE.fullmatch(_squash(following))
    return parse_date(match["date"], lang) if match else None


def _join(lines: list[str]) -> str:
    joined: list[str] = []
    for line in lines:
        if line or (joined and joined[-1]):
            joined.append(line)
    return "\n".join(joined).strip()
