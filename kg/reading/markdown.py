"""A Markdown article: its YAML front matter (title, date, url, source) and its text without
Markdown syntax, read with a real CommonMark parser (markdown-it-py), in linear time."""
from __future__ import annotations

import functools
import re
from typing import Any

import yaml

from kg.errors import InputError, shown
from kg.reading.metadata import Metadata, metadata_from_fields

__all__ = ["markdown_article", "markdown_to_text", "MAX_FRONT_MATTER"]

MAX_FRONT_MATTER = 64 * 1024  # characters
_FRONT_MATTER = re.compile(r"\A---[ \t]*\n")
_FRONT_MATTER_END = re.compile(r"^(?:---|\.\.\.)[ \t]*$", re.M)


def markdown_article(path: str, text: str) -> tuple[str, Metadata]:
    """The text and metadata of a Markdown file. Raises InputError for front matter that is
    not a YAML mapping, uses aliases or is too large; fields of a wrong type are dropped
    (and said so in `Metadata.dropped`)."""
    fields, body = _split_front_matter(path, text)
    return markdown_to_text(body), metadata_from_fields(fields, "front matter")


def _split_front_matter(path: str, text: str) -> tuple[dict[Any, Any], str]:
    start = _FRONT_MATTER.match(text)
    if start is None:
        return {}, text
    end = _FRONT_MATTER_END.search(text, start.end())
    if end is None:
        return {}, text
    block = text[start.end():end.start()]
    if len(block) > MAX_FRONT_MATTER:
        raise InputError(path, f"front matter is longer than {MAX_FRONT_MATTER} characters")
    data = _load_front_matter(path, block)
    rest = text[end.end():]
    return data, rest[1:] if rest.startswith("\n") else rest


class _AliasRefused(yaml.YAMLError):
    pass


class _FrontMatterLoader(yaml.SafeLoader):
    """Safe YAML without aliases (no 'billion laughs') and with dates left as text, so that
    kg checks them itself instead of PyYAML raising on 2024-13-45."""

    def compose_node(self, parent, index):
        if self.check_event(yaml.AliasEvent):
            raise _AliasRefused(f"line {self.peek_event().start_mark.line + 2}")
        return super().compose_node(parent, index)


_FrontMatterLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def _load_front_matter(path: str, block: str) -> dict[Any, Any]:
    try:
        data = yaml.load(block, Loader=_FrontMatterLoader)  # noqa: S506 - a SafeLoader subclass
    except _AliasRefused as refused:
        raise InputError(path, f"front matter uses a YAML alias ({refused}); kg does not accept aliases") from None
    except RecursionError:
        raise InputError(path, "front matter is nested too deeply") from None
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        where = f" (line {mark.line + 2})" if mark is not None else ""
        raise InputError(path, f"front matter is not valid YAML{where}") from None
    except ValueError as err:  # a value PyYAML itself cannot build
        raise InputError(path, f"front matter is not valid YAML: {shown(str(err))}") from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise InputError(path, "front matter is not a mapping")
    return data


@functools.lru_cache(maxsize=1)
def _parser():
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark").enable(["table", "strikethrough"])


def markdown_to_text(source: str) -> str:
    """The words of a Markdown document: a line per paragraph, heading, list item or table
    row; blank lines between blocks, but not between the items of a list or the rows of a
    table; code, images and raw HTML left out."""
    blocks: list[tuple[str, bool]] = []  # (text, tight)
    row: list[str] = []
    tight = in_cell = False
    for token in _parser().parse(source):
        kind = token.type
        if kind == "paragraph_open":
            tight = token.hidden
        elif kind == "heading_open":
            tight = False
        elif kind in ("th_open", "td_open"):
            in_cell = True
        elif kind in ("th_close", "td_close"):
            in_cell = False
        elif kind == "tr_open":
            row = []
        elif kind == "tr_close":
            blocks.append((" | ".join(cell for cell in row if cell), True))
        elif kind == "inline":
            text = _inline_text(token.children or []).strip()
            if in_cell:
                row.append(text)
            else:
                blocks.append((text, tight))
    return _joined([(text, tight) for text, tight in blocks if text])


def _joined(blocks: list[tuple[str, bool]]) -> str:
    parts: list[str] = []
    for n, (text, tight) in enumerate(blocks):
        if n:
            parts.append("\n" if tight and blocks[n - 1][1] else "\n\n")
        parts.append(text)
    return "".join(parts)


_BREAKS = {"softbreak": " ", "hardbreak": "\n"}


def _inline_text(children) -> str:
    """Text of inline tokens: emphasis and links keep their words; images and HTML go."""
    parts = [child.content if child.type in ("text", "code_inline") else _BREAKS.get(child.type, "")
             for child in children]
    return "".join(parts)
