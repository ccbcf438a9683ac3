"""Read files and folders of news articles (.txt, .md, .html/.htm, .jsonl) into cleaned `Article`s."""
from __future__ import annotations

import datetime as dt
import json
import os
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from kg.reading.clean import BoilerplateRules, CleanedText, clean_text, default_boilerplate
from kg.knowledge.dates import find_dates
from kg.reading.decode import BinaryFile, decode_text, remove_controls
from kg.errors import InputError, InputWarning, shown
from kg.knowledge.language import Language, language, language_name, languages_read
from kg.knowledge.lookalikes import lookalike_words
from kg.reading.language import LanguageCheck
from kg.reading.markdown import markdown_article
from kg.reading.metadata import Metadata, clean_field, metadata_from_fields, normalise
from kg.model import DEFAULT_LANGUAGE, Article
from kg.reading.page import html_text
from kg.reading.walk import FolderWalk, unfollowable

__all__ = ["SUPPORTED_SUFFIXES", "read_articles"]

SUPPORTED_SUFFIXES = (".txt", ".md", ".html", ".htm", ".jsonl")
MAX_FILE_BYTES = 256 * 1024 * 1024
MAX_ID_CHARS = 100  # a longer JSONL "id" is cut: the article's IRI and shard file are named by it
MAX_WORDS_SHOWN = 5  # look-alike words a warning names


Item = Article | InputError | InputWarning


def read_articles(
    inputs: Iterable[str | os.PathLike[str]],
    *,
    default_date: dt.date | None = None,
    boilerplate: BoilerplateRules | None = None,
    any_language: bool = False,
    language_code: str = "auto",
) -> Iterator[Item]:
    """Yield an Article per readable file or JSONL record, an InputError for each that is not,
    and an InputWarning for what was read with something left out or was skipped, and, last,
    for what the walk of the folders left out (links to folders, kg's own output folders).
    Each article is read in `language_code`, or with 'auto' in the language it is written in
    when kg reads that language; one in another language is skipped with a warning, unless
    `any_language` (then read as English)."""
    choice = _LanguageChoice(language_code, any_language)
    reader = _Reader(boilerplate, default_date, choice)
    if isinstance(inputs, (str, os.PathLike)):
        inputs = [inputs]
    for item in inputs:
        yield from reader.read_input(os.fspath(item))
    yield from reader.walk.left_out()


class _LanguageChoice:
    """The language articles are read in: `fixed`, or each article's own ('auto')."""

    def __init__(self, language_code: str, any_language: bool):
        if language_code != "auto" and language_code not in languages_read():
            raise ValueError(f"unknown language {language_code!r} (one of auto, {', '.join(languages_read())})")
        self.fixed = None if language_code == "auto" else language_code
        self.any_language = any_language
        self.check = LanguageCheck()


class _Reader:
    """Reads paths into articles, errors and warnings, with the options of one run."""

    def __init__(self, boilerplate: BoilerplateRules | None, default_date: dt.date | None, choice: "_LanguageChoice"):
        self.given_boilerplate = boilerplate
        self.default_date = default_date
        self.choice = choice
        self.walk = FolderWalk(SUPPORTED_SUFFIXES)

    def boilerplate(self, code: str) -> BoilerplateRules:
        """The boilerplate rules given, else those of the language."""
        return self.given_boilerplate if self.given_boilerplate is not None else default_boilerplate(code)

    def read_input(self, path: str) -> Iterator[Item]:
        if os.path.isdir(path):
            for found in self.walk.files(path):
                if isinstance(found, InputError):
                    yield found
                else:
                    yield from self.read_file(found)
        elif os.path.islink(path) and not os.path.exists(path):
            yield InputError(path, unfollowable(path))
        elif not os.path.exists(path):
            yield InputError(path, "no such file or directory")
        elif not os.path.isfile(path):
            yield InputError(path, "not a regular file or folder")
        elif _suffix(path) not in SUPPORTED_SUFFIXES:
            yield InputError(path, f"unsupported file type {_suffix(path)[:20] or '(no suffix)'} "
                                   f"(expected {', '.join(SUPPORTED_SUFFIXES)})")
        else:
            yield from self.read_file(path)

    def read_file(self, path: str) -> Iterator[Item]:
        try:
            text = _read_text(path)
            if _suffix(path) == ".jsonl":
                yield from self.jsonl_articles(path, text)
                return
            body, meta = _EXTRACTORS[_suffix(path)](path, text)
        except InputError as error:
            yield error
            return
        name = _text_of_path(path)
        yield from self.article(Path(name).stem, name, body, meta, error_path=path)

    def jsonl_articles(self, path: str, text: str) -> Iterator[Item]:
        name = _text_of_path(path)
        stem = Path(name).stem
        for number, line in enumerate(text.split("\n"), start=1):
            if not line.strip():
                continue
            try:
                record_id, body, meta = _parse_record(line)
            except ValueError as exc:
                yield InputError(path, str(exc), number)
                continue
            yield from self.article(record_id or f"{stem}-{number}", f"{name}:{number}", body, meta,
                                    error_path=path, line=number)

    def article(self, article_id: str, source: str, raw: str, meta: Metadata, *,
                error_path: str, line: int | None = None) -> Iterator[Item]:
        for reason in meta.dropped:
            yield InputWarning(error_path, reason, line)
        code = self.choice.fixed or DEFAULT_LANGUAGE
        cleaned = clean_text(raw, self.boilerplate(code), language(code))
        if not cleaned.text:
            yield InputError(error_path, "no article text after removing boilerplate", line)
            return
        if not self.choice.fixed:
            code = self.choice.check.language_of(cleaned.text)
            if code not in languages_read():
                if not self.choice.any_language:
                    yield InputWarning(error_path, f"the article is in {language_name(code)}, which kg does not "
                                                   "read; skipped (--any-language builds it as English)", line)
                    return
                code = DEFAULT_LANGUAGE
            if code != DEFAULT_LANGUAGE:
                cleaned = clean_text(raw, self.boilerplate(code), language(code))
        if lookalikes := lookalike_words(cleaned.text):
            yield InputWarning(error_path, _lookalikes_read(lookalikes), line)
        date, inferred = _choose_date(meta.date, cleaned, self.default_date, language(code))
        yield Article(
            id=article_id,
            text=cleaned.text,
            source=source,
            title=meta.title or cleaned.title,
            date=date,
            date_inferred=inferred,
            url=meta.url,
            outlet=meta.outlet or cleaned.outlet,
            language=code,
        )


def _lookalikes_read(words: list[str]) -> str:
    listed = ", ".join(shown(word) for word in words[:MAX_WORDS_SHOWN])
    more = f" and {len(words) - MAX_WORDS_SHOWN} more" if len(words) > MAX_WORDS_SHOWN else ""
    return f"look-alike letters of other scripts read as the Latin ones they imitate in {listed}{more}"


def _suffix(path: str) -> str:
    return Path(path).suffix.lower()


def _text_of_path(path: str) -> str:
    """`path` as text that can be written anywhere, for the article's source and id: the
    bytes of a name that is no UTF-8 as `\\xNN` (`caf\\xe9.txt`), the same in every run."""
    return os.fsencode(path).decode("utf-8", "backslashreplace")


def _read_text(path: str) -> str:
    try:
        size = os.path.getsize(path)
        if size > MAX_FILE_BYTES:
            raise InputError(path, f"larger than {MAX_FILE_BYTES // (1024 * 1024)} MB")
        data = Path(path).read_bytes()
    except OSError as exc:
        raise InputError(path, f"cannot read: {exc.strerror or exc}") from exc
    try:
        text = normalise(decode_text(data))
    except BinaryFile as exc:
        raise InputError(path, str(exc)) from None
    if not text.strip():
        raise InputError(path, "empty file")
    return text


def _choose_date(
    meta_date: dt.date | None, cleaned: CleanedText, default_date: dt.date | None, lang: Language
) -> tuple[dt.date | None, bool]:
    explicit = meta_date or cleaned.date or default_date
    if explicit is not None:
        return explicit, False
    found = find_dates(cleaned.text, lang)
    return (max(found), True) if found else (None, False)


def _plain_text(path: str, text: str) -> tuple[str, Metadata]:
    return text, Metadata()


def _parse_record(line: str) -> tuple[str | None, str, Metadata]:
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        raise ValueError(f"not valid JSON: {exc.msg} (column {exc.colno})") from exc
    except RecursionError:
        raise ValueError("not valid JSON here: nested too deeply") from None
    if not isinstance(record, dict):
        raise ValueError("not a JSON object")
    body = record.get("text")
    if not isinstance(body, str) or not body.strip():
        raise ValueError('missing or empty "text"')
    meta = metadata_from_fields(record, "field")
    record_id = record.get("id")
    if isinstance(record_id, int) and not isinstance(record_id, bool):
        record_id = str(record_id)
    if record_id is not None and not isinstance(record_id, str):
        meta = Metadata(meta.title, meta.date, meta.url, meta.outlet, meta.dropped + ('field "id" is not text (ignored)',))
        record_id = None
    record_id = clean_field(record_id)
    if record_id is not None and len(record_id) > MAX_ID_CHARS:
        cut = f'field "id" is longer than {MAX_ID_CHARS} characters; cut to its first {MAX_ID_CHARS}'
        meta = Metadata(meta.title, meta.date, meta.url, meta.outlet, meta.dropped + (cut,))
        record_id = record_id[:MAX_ID_CHARS].rstrip()
    return record_id, normalise(remove_controls(body)), meta


_EXTRACTORS: dict[str, Callable[[str, str], tuple[str, Metadata]]] = {
    ".txt": _plain_text,
    ".md": markdown_article,
    ".html": html_text,
    ".htm": html_text,
}
