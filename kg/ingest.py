"""Read files and folders of news articles (.txt, .md, .html/.htm, .jsonl) into cleaned `Article`s."""
from __future__ import annotations

import datetime as dt
import json
import os
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

import yaml

from kg.clean import BoilerplateRules, CleanedText, clean_text, default_boilerplate
from kg.dates import find_dates
from kg.errors import InputError
from kg.metadata import Metadata, clean_field, iso_date, normalise
from kg.model import Article
from kg.page import html_text

__all__ = ["SUPPORTED_SUFFIXES", "read_articles"]

SUPPORTED_SUFFIXES = (".txt", ".md", ".html", ".htm", ".jsonl")
_MAX_CONTROL_SHARE = 0.3
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_ISO_DATETIME = re.compile(r"\d{4}-\d{2}-\d{2}[T ].+")


def read_articles(
    inputs: Iterable[str | os.PathLike[str]],
    *,
    default_date: dt.date | None = None,
    boilerplate: BoilerplateRules | None = None,
) -> Iterator[Article | InputError]:
    """Yield an Article per readable file or JSONL record, and an InputError for each that is not."""
    rules = boilerplate if boilerplate is not None else default_boilerplate()
    if isinstance(inputs, (str, os.PathLike)):
        inputs = [inputs]
    for item in inputs:
        yield from _read_input(os.fspath(item), rules, default_date)


def _read_input(path: str, rules: BoilerplateRules, default_date: dt.date | None) -> Iterator[Article | InputError]:
    if os.path.isdir(path):
        for found in _walk(path):
            if isinstance(found, InputError):
                yield found
            else:
                yield from _read_file(found, rules, default_date)
    elif not os.path.exists(path):
        yield InputError(path, "no such file or directory")
    elif not os.path.isfile(path):
        yield InputError(path, "not a regular file or folder")
    elif _suffix(path) not in SUPPORTED_SUFFIXES:
        yield InputError(path, f"unsupported file type {_suffix(path) or '(no suffix)'} "
                               f"(expected {', '.join(SUPPORTED_SUFFIXES)})")
    else:
        yield from _read_file(path, rules, default_date)


def _suffix(path: str) -> str:
    return Path(path).suffix.lower()


def _walk(folder: str) -> Iterator[str | InputError]:
    try:
        with os.scandir(folder) as scan:
            entries = sorted(scan, key=lambda entry: entry.name)
    except OSError as exc:
        yield InputError(folder, f"cannot read: {exc.strerror or exc}")
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        path = os.path.join(folder, entry.name)
        if entry.is_dir(follow_symlinks=False):
            yield from _walk(path)
        elif entry.is_file() and _suffix(entry.name) in SUPPORTED_SUFFIXES:
            yield path


def _read_file(path: str, rules: BoilerplateRules, default_date: dt.date | None) -> Iterator[Article | InputError]:
    try:
        text = _read_text(path)
        if _suffix(path) == ".jsonl":
            yield from _jsonl_articles(path, text, rules, default_date)
            return
        body, meta = _EXTRACTORS[_suffix(path)](path, text)
    except InputError as error:
        yield error
        return
    yield _build_article(Path(path).stem, path, body, meta, rules, default_date)


def _read_text(path: str) -> str:
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise InputError(path, f"cannot read: {exc.strerror or exc}") from exc
    if b"\x00" in data:
        raise InputError(path, "binary file, not text")
    text = normalise(_decode(data))
    if _mostly_control(text):
        raise InputError(path, "binary file, not text")
    if not text.strip():
        raise InputError(path, "empty file")
    return text


def _decode(data: bytes) -> str:
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1")


def _mostly_control(text: str) -> bool:
    controls = sum(1 for char in text if unicodedata.category(char) == "Cc" and char not in "\n\t\f\v")
    return bool(text) and controls / len(text) > _MAX_CONTROL_SHARE


def _build_article(
    article_id: str,
    source: str,
    raw: str,
    meta: Metadata,
    rules: BoilerplateRules,
    default_date: dt.date | None,
    *,
    error_path: str | None = None,
    line: int | None = None,
) -> Article | InputError:
    cleaned = clean_text(raw, rules)
    if not cleaned.text:
        return InputError(error_path or source, "no article text after removing boilerplate", line)
    date, inferred = _choose_date(meta.date, cleaned, default_date)
    return Article(
        id=article_id,
        text=cleaned.text,
        source=source,
        title=meta.title or cleaned.title,
        date=date,
        date_inferred=inferred,
        url=meta.url,
        outlet=meta.outlet or cleaned.outlet,
    )


def _choose_date(
    meta_date: dt.date | None, cleaned: CleanedText, default_date: dt.date | None
) -> tuple[dt.date | None, bool]:
    explicit = meta_date or cleaned.date or default_date
    if explicit is not None:
        return explicit, False
    found = find_dates(cleaned.text)
    return (max(found), True) if found else (None, False)


def _plain_text(path: str, text: str) -> tuple[str, Metadata]:
    return text, Metadata()


def _jsonl_articles(
    path: str, text: str, rules: BoilerplateRules, default_date: dt.date | None
) -> Iterator[Article | InputError]:
    stem = Path(path).stem
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        try:
            record_id, body, meta = _parse_record(line)
        except ValueError as exc:
            yield InputError(path, str(exc), number)
            continue
        yield _build_article(record_id or f"{stem}-{number}", f"{path}:{number}", body, meta, rules,
                             default_date, error_path=path, line=number)


def _parse_record(line: str) -> tuple[str | None, str, Metadata]:
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        raise ValueError(f"not valid JSON: {exc.msg} (column {exc.colno})") from exc
    if not isinstance(record, dict):
        raise ValueError("not a JSON object")
    body = record.get("text")
    if not isinstance(body, str) or not body.strip():
        raise ValueError('missing or empty "text"')
    fields = {name: _record_string(record, name) for name in ("id", "title", "date", "url", "source")}
    date = iso_date(fields["date"]) if fields["date"] is not None else None
    if fields["date"] is not None and date is None:
        raise ValueError(f'"date" is not an ISO date: {fields["date"]!r}')
    meta = Metadata(title=fields["title"], date=date, url=fields["url"], outlet=fields["source"])
    return fields["id"], normalise(body), meta


def _record_string(record: dict[str, Any], name: str) -> str | None:
    value = record.get(name)
    if value is None:
        return None
    if name == "id" and isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    if not isinstance(value, str):
        raise ValueError(f'"{name}" must be a string')
    return clean_field(value)


_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(?P<yaml>(?:.*?\n)??)(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.DOTALL)
_FENCE = re.compile(r"\s{0,3}(`{3,}|~{3,})")
_RULE = re.compile(r"\s{0,3}(?:([-*_])\s*(?:\1\s*){2,}|=+\s*)")
_LINK_DEFINITION = re.compile(r"\s{0,3}\[[^\]]+\]:\s+\S+.*")
_BLOCK_MARKERS = (
    (re.compile(r"^\s{0,3}(?:>\s?)+"), ""),
    (re.compile(r"^\s{0,3}#{1,6}(?:\s+|$)(.*?)(?:\s+#+)?\s*$"), r"\1"),
    (re.compile(r"^\s*(?:[-*+]|\d{1,9}[.)])\s+"), ""),
)
_INLINE = (
    (re.compile(r"!\[[^\]]*\](?:\((?:[^()\s]|\([^()]*\))*(?:\s+\"[^\"]*\")?\)|\[[^\]]*\])"), ""),
    (re.compile(r"\[([^\]]+)\]\((?:[^()\s]|\([^()]*\))*(?:\s+\"[^\"]*\")?\)"), r"\1"),
    (re.compile(r"\[([^\]]+)\]\[[^\]]*\]"), r"\1"),
    (re.compile(r"<((?:https?|mailto):[^>\s]+)>"), r"\1"),
    (re.compile(r"`([^`]+)`"), r"\1"),
    (re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1"), r"\2"),
    (re.compile(r"~~(?=\S)(.+?)(?<=\S)~~"), r"\1"),
    (re.compile(r"\*(?=\S)(.+?)(?<=\S)\*"), r"\1"),
    (re.compile(r"(?<!\w)_(?=\S)(.+?)(?<=\S)_(?!\w)"), r"\1"),
)


def _markdown(path: str, text: str) -> tuple[str, Metadata]:
    meta, body = _split_front_matter(path, text)
    return _markdown_to_text(body), meta


def _split_front_matter(path: str, text: str) -> tuple[Metadata, str]:
    match = _FRONT_MATTER.match(text)
    if match is None:
        return Metadata(), text
    try:
        data = yaml.safe_load(match["yaml"]) or {}
    except yaml.YAMLError as exc:
        raise InputError(path, "front matter is not valid YAML") from exc
    if not isinstance(data, dict):
        raise InputError(path, "front matter is not a mapping")
    return _front_matter_metadata(path, data), text[match.end():]


def _front_matter_metadata(path: str, data: dict[Any, Any]) -> Metadata:
    fields = {name: _scalar_text(data.get(name)) for name in ("title", "url", "source")}
    return Metadata(title=fields["title"], date=_front_matter_date(path, data.get("date")),
                     url=fields["url"], outlet=fields["source"])


def _scalar_text(value: Any) -> str | None:
    if isinstance(value, (str, int, float)) and not isinstance(value, bool):
        return clean_field(str(value))
    return None


def _front_matter_date(path: str, value: Any) -> dt.date | None:
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    date = iso_date(value) if isinstance(value, str) else None
    if date is None:
        raise InputError(path, f"front matter date is not an ISO date: {value!r}")
    return date


def _markdown_to_text(body: str) -> str:
    lines: list[str] = []
    fence: str | None = None
    for line in body.split("\n"):
        marker = _FENCE.match(line)
        if fence is not None:
            if marker and marker[1][0] == fence[0] and len(marker[1]) >= len(fence):
                fence = None
            continue
        if marker:
            fence = marker[1]
        elif _RULE.fullmatch(line):
            lines.append("")
        elif not _LINK_DEFINITION.fullmatch(line):
            lines.append(_markdown_inline(_markdown_block(line)))
    return "\n".join(lines)


def _markdown_block(line: str) -> str:
    for pattern, replacement in _BLOCK_MARKERS:
        line = pattern.sub(replacement, line, count=1)
    return line


def _markdown_inline(line: str) -> str:
    for pattern, replacement in _INLINE:
        line = pattern.sub(replacement, line)
    return line


_EXTRACTORS: dict[str, Callable[[str, str], tuple[str, Metadata]]] = {
    ".txt": _plain_text,
    ".md": _markdown,
    ".html": html_text,
    ".htm": html_text,
}
