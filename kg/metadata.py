"""What an input file says about its article besides the text: title, date, URL, outlet."""
from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass

__all__ = ["Metadata", "iso_date", "clean_field", "normalise"]

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_ISO_DATETIME = re.compile(r"\d{4}-\d{2}-\d{2}[T ].+")


@dataclass(frozen=True)
class Metadata:
    title: str | None = None
    date: dt.date | None = None
    url: str | None = None
    outlet: str | None = None


def normalise(text: str) -> str:
    return unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))


def iso_date(value: str) -> dt.date | None:
    value = value.strip()
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
    value = normalise(value).strip()
    return value or None
