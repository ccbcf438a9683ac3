"""Read files and folders of news articles (.txt, .md, .html/.htm, .jsonl) into cleaned `Article`s."""
from __future__ import annotations

import datetime as dt
import functools
import json
import os
import re
import types
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import yaml

from kg.clean import BoilerplateRules, CleanedText, clean_text, default_boilerplate
from kg.dates import find_dates
from kg.errors import InputError
from kg.model import Article

__all__ = ["SUPPORTED_SUFFIXES", "read_articles"]

SUPPORTED_SUFFIXES = (".txt", ".md", ".html", ".htm", ".jsonl")
_MAX_CONTROL_SHARE = 0.3
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_ISO_DATETIME = re.compile(r"\d{4}-\d{2}-\d{2}[T ].+")


@dataclass(frozen=True)
class _Metadata:
    title: str | None = None
    date: dt.date | None = None
    url: str | None = None
    outlet: str | None = None


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
    text = _normalise(_decode(data))
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


def _normalise(text: str) -> str:
    return unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))


def _mostly_control(text: str) -> bool:
    controls = sum(1 for char in text if unicodedata.category(char) == "Cc" and char not in "\n\t\f\v")
    return bool(text) and controls / len(text) > _MAX_CONTROL_SHARE


def _build_article(
    article_id: str,
    source: str,
    raw: str,
    meta: _Metadata,
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


def _iso_date(value: str) -> dt.date | None:
    value = value.strip()
    try:
        if _ISO_DATE.fullmatch(value):
            return dt.date.fromisoformat(value)
        if _ISO_DATETIME.fullmatch(value):
            return dt.datetime.fromisoformat(value).date()
    except ValueError:
        return None
    return None


def _clean_field(value: str | None) -> str | None:
    if value is None:
        return None
    value = _normalise(value).strip()
    return value or None


def _plain_text(path: str, text: str) -> tuple[str, _Metadata]:
    return text, _Metadata()


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


def _parse_record(line: str) -> tuple[str | None, str, _Metadata]:
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
    date = _iso_date(fields["date"]) if fields["date"] is not None else None
    if fields["date"] is not None and date is None:
        raise ValueError(f'"date" is not an ISO date: {fields["date"]!r}')
    meta = _Metadata(title=fields["title"], date=date, url=fields["url"], outlet=fields["source"])
    return fields["id"], _normalise(body), meta


def _record_string(record: dict[str, Any], name: str) -> str | None:
    value = record.get(name)
    if value is None:
        return None
    if name == "id" and isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    if not isinstance(value, str):
        raise ValueError(f'"{name}" must be a string')
    return _clean_field(value)


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


def _markdown(path: str, text: str) -> tuple[str, _Metadata]:
    meta, body = _split_front_matter(path, text)
    return _markdown_to_text(body), meta


def _split_front_matter(path: str, text: str) -> tuple[_Metadata, str]:
    match = _FRONT_MATTER.match(text)
    if match is None:
        return _Metadata(), text
    try:
        data = yaml.safe_load(match["yaml"]) or {}
    except yaml.YAMLError as exc:
        raise InputError(path, "front matter is not valid YAML") from exc
    if not isinstance(data, dict):
        raise InputError(path, "front matter is not a mapping")
    return _front_matter_metadata(path, data), text[match.end():]


def _front_matter_metadata(path: str, data: dict[Any, Any]) -> _Metadata:
    fields = {name: _scalar_text(data.get(name)) for name in ("title", "url", "source")}
    return _Metadata(title=fields["title"], date=_front_matter_date(path, data.get("date")),
                     url=fields["url"], outlet=fields["source"])


def _scalar_text(value: Any) -> str | None:
    if isinstance(value, (str, int, float)) and not isinstance(value, bool):
        return _clean_field(str(value))
    return None


def _front_matter_date(path: str, value: Any) -> dt.date | None:
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    date = _iso_date(value) if isinstance(value, str) else None
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


_SKIPPED_TAGS = frozenset({
    "script", "style", "nav", "header", "footer", "aside", "form", "noscript", "template", "svg",
    "iframe", "button", "head",
})
_BLOCK_TAGS = frozenset({
    "address", "article", "blockquote", "body", "br", "dd", "div", "dl", "dt", "figcaption", "figure",
    "h1", "h2", "h3", "h4", "h5", "h6", "hr", "html", "li", "main", "ol", "p", "pre", "section",
    "table", "td", "th", "tr", "ul",
})
_META_FIELDS = {
    "og:title": "title", "twitter:title": "title",
    "og:url": "url",
    "og:site_name": "outlet", "application-name": "outlet",
    "article:published_time": "date", "date": "date", "pubdate": "date", "publish-date": "date",
    "dc.date": "date", "dc.date.issued": "date", "datepublished": "date",
}


def _html(path: str, text: str) -> tuple[str, _Metadata]:
    extracted = _trafilatura_extract(text) or _fallback_extract(text)
    if extracted is None:
        raise InputError(path, "no article text found")
    return extracted


@functools.lru_cache(maxsize=1)
def _trafilatura() -> types.ModuleType | None:
    try:
        import trafilatura
    except ImportError:
        return None
    return trafilatura


def _trafilatura_extract(html: str) -> tuple[str, _Metadata] | None:
    module = _trafilatura()
    if module is None:
        return None
    try:
        document = module.bare_extraction(
            html, include_comments=False, favor_precision=True, with_metadata=True,
            date_extraction_params={"original_date": True, "extensive_search": False},
        )
    except Exception:  # a third-party parser failing on one page must not stop the run
        return None
    text = getattr(document, "text", None) if document is not None else None
    if not text or not text.strip():
        return None
    date = getattr(document, "date", None)
    meta = _Metadata(
        title=_clean_field(getattr(document, "title", None)),
        date=_iso_date(date) if date else None,
        url=_clean_field(getattr(document, "url", None)),
        outlet=_clean_field(getattr(document, "sitename", None)),
    )
    return _normalise(text), meta


@dataclass
class _Line:
    text: str
    in_article: bool
    in_main: bool


class _PageParser(HTMLParser):
    """Block-level text of a page without its scripts, navigation and other chrome, plus head metadata."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[_Line] = []
        self.meta: dict[str, str] = {}
        self.page_title: list[str] = []
        self._buffer: list[str] = []
        self._skip_depth = 0
        self._article_depth = 0
        self._main_depth = 0
        self._heading_depth = 0
        self._in_title = False
        self.heading: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("meta", "link"):
            self._note_meta(dict(attrs))
        elif tag == "title":
            self._in_title = True
        if tag in _BLOCK_TAGS:
            self._flush()
        self._enter(tag, 1)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("meta", "link"):
            self._note_meta(dict(attrs))
        if tag in _BLOCK_TAGS:
            self._flush()

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self._in_title = False
        if tag in _BLOCK_TAGS:
            self._flush()
        self._enter(tag, -1)

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.page_title.append(data)
        elif not self._skip_depth:
            self._buffer.append(data)

    def close(self) -> None:
        super().close()
        self._flush()

    def _enter(self, tag: str, step: int) -> None:
        if tag in _SKIPPED_TAGS:
            self._skip_depth = max(0, self._skip_depth + step)
        elif tag == "article":
            self._article_depth = max(0, self._article_depth + step)
        elif tag == "main":
            self._main_depth = max(0, self._main_depth + step)
        elif tag == "h1":
            self._heading_depth = max(0, self._heading_depth + step)

    def _flush(self) -> None:
        text = " ".join("".join(self._buffer).split())
        self._buffer.clear()
        if text and self._heading_depth and self.heading is None:
            self.heading = text
        if text:
            self.lines.append(_Line(text, self._article_depth > 0, self._main_depth > 0))

    def _note_meta(self, attrs: dict[str, str | None]) -> None:
        key = (attrs.get("property") or attrs.get("name") or attrs.get("itemprop") or "").lower()
        content = attrs.get("content")
        if attrs.get("rel", "") == "canonical" and attrs.get("href"):
            self.meta.setdefault("url", attrs["href"] or "")
        elif key in _META_FIELDS and content:
            self.meta.setdefault(_META_FIELDS[key], content)


def _fallback_extract(html: str) -> tuple[str, _Metadata] | None:
    parser = _PageParser()
    parser.feed(html)
    parser.close()
    lines = _main_lines(parser.lines)
    if not lines:
        return None
    title = parser.meta.get("title") or parser.heading or " ".join("".join(parser.page_title).split())
    date = parser.meta.get("date")
    meta = _Metadata(
        title=_clean_field(title),
        date=_iso_date(date[:10]) if date else None,
        url=_clean_field(parser.meta.get("url")),
        outlet=_clean_field(parser.meta.get("outlet")),
    )
    return "\n".join(lines), meta


def _main_lines(lines: list[_Line]) -> list[str]:
    for chosen in ([line for line in lines if line.in_article], [line for line in lines if line.in_main], lines):
        if chosen:
            return [line.text for line in chosen]
    return []


_EXTRACTORS: dict[str, Callable[[str, str], tuple[str, _Metadata]]] = {
    ".txt": _plain_text,
    ".md": _markdown,
    ".html": _html,
    ".htm": _html,
}
