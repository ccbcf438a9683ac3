"""What an input file says about its article besides the text: title, date, URL, outlet."""
from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass
from typing import Any

from kg.reading.decode import remove_controls
from kg.errors import shown

__all__ = ["Metadata", "iso_date", "clean_field", "normalise", "metadata_from_fields"]

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_ISO_DATETIME = re.compile(r"\d{4}-\d{2}-\d{2}[T ].+")


@dataclass(frozen=True)
class Metadata:
    title: str | None = None
    date: dt.date | None = None
    url: str | None = None
    outlet: str | None = None
    dropped: tuple[str, ...] = ()  # why a field that was given was left out


def metadata_from_fields(fields: dict[Any, Any], where: str) -> Metadata:
    """Metadata from the `title`, `date`, `url` and `source` of a record or front matter.
    A field of a wrong type or value is left out, and `dropped` says so."""
    dropped: list[str] = []
    texts: dict[str, str | None] = {}
    for name in ("title", "url", "source", "date"):
        value = fields.get(name)
        if value is None:
            texts[name] = None
        elif isinstance(value, (str, int, float)) and not isinstance(value, bool):
            texts[name] = clean_field(str(value))
        else:
            texts[name] = None
            dropped.append(f'{where} "{name}" is not text (ignored)')
    date = iso_date(texts["date"]) if texts["date"] is not None else None
    if texts["date"] is not None and date is None:
        dropped.append(f'{where} "date" is not an ISO date: {shown(texts["date"])} (ignored)')
    return Metadata(title=texts["title"], date=date, url=texts["url"], outlet=texts["source"],
                    dropped=tuple(dropped))


def normalise(text: str) -> str:
    return unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))


def iso_date(value: str) -> dt.date | None:
    value = value.strip()
    if len(value) > 40:
        return None
    try:
        if _ISO_DATE.fullmatch(value):
            return dt.date.fromisoformat(value)
        if _ISO_DATETIME.fullmatch(value):
            return dt.datetime.fromisoformat(value).date()
    except ValueError:
        return None
    return None


def clean_field(value: str | None) -> str | None:
    if value is None:
        return None
    value = " ".join(normalise(remove_controls(value)).split())
    return value or None
