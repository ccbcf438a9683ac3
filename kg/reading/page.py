"""The main text of an HTML page, without navigation, scripts and other chrome, and its metadata.

trafilatura does the work when it is installed; a small parser of the standard
library keeps `<article>`/`<main>` text otherwise.
"""
from __future__ import annotations

import functools
import re
import types
from dataclasses import dataclass
from html.entities import html5 as _HTML_ENTITIES
from html.parser import HTMLParser

from kg.errors import InputError
from kg.reading.metadata import Metadata, clean_field, iso_date, normalise

__all__ = ["html_text"]


MAX_TAG_CHARS = 4000  # a longer tag loses its attributes: lxml takes quadratic time over thousands of them
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


_LONG_TAG = re.compile(r"<([A-Za-z][\w:.-]{0,40})[^<>]{%d,}>" % MAX_TAG_CHARS)
_NAMED_ENTITY = re.compile(r"&([A-Za-z][A-Za-z0-9]{0,40});")


def html_text(path: str, text: str) -> tuple[str, Metadata]:
    text = _without_undefined_entities(_LONG_TAG.sub(r"<\1>", text))
    extracted = _trafilatura_extract(text) or _fallback_extract(text)
    if extracted is None:
        raise InputError(path, "no article text found")
    return extracted


def _without_undefined_entities(page: str) -> str:
    """`page` without references to entities HTML does not define (`&lol9;`): a DOCTYPE may
    declare them, to be expanded a billion times over, and no parser kg uses expands them."""
    return _NAMED_ENTITY.sub(lambda ref: ref[0] if f"{ref[1]};" in _HTML_ENTITIES else "", page)


@functools.lru_cache(maxsize=1)
def _trafilatura() -> types.ModuleType | None:
    try:
        import trafilatura
    except ImportError:
        return None
    return trafilatura


def _trafilatura_extract(html: str) -> tuple[str, Metadata] | None:
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
    meta = Metadata(
        title=clean_field(getattr(document, "title", None)),
        date=iso_date(date) if date else None,
        url=clean_field(getattr(document, "url", None)),
        outlet=clean_field(getattr(document, "sitename", None)),
    )
    return normalise(text), meta


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


def _fallback_extract(html: str) -> tuple[str, Metadata] | None:
    parser = _PageParser()
    parser.feed(html)
    parser.close()
    lines = _main_lines(parser.lines)
    if not lines:
        return None
    title = parser.meta.get("title") or parser.heading or " ".join("".join(parser.page_title).split())
    date = parser.meta.get("date")
    meta = Metadata(
        title=clean_field(title),
        date=iso_date(date[:10]) if date else None,
        url=clean_field(parser.meta.get("url")),
        outlet=clean_field(parser.meta.get("outlet")),
    )
    return "\n".join(lines), meta


def _main_lines(lines: list[_Line]) -> list[str]:
    for chosen in ([line for line in lines if line.in_article], [line for line in lines if line.in_main], lines):
        if chosen:
            return [line.text for line in chosen]
    return []
