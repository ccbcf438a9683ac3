"""Full calendar dates written out in running text ("December 31st, 2022", "31 Dec 2022", "2022-12-31")."""
from __future__ import annotations

import datetime as dt
import re

__all__ = ["find_dates", "parse_date"]

_MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3,
    "april": 4, "apr": 4, "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7,
    "august": 8, "aug": 8, "september": 9, "sept": 9, "sep": 9, "october": 10,
    "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}
_MONTH = "(?:" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\b\.?"
_DAY = r"(?:0?[1-9]|[12]\d|3[01])(?:st|nd|rd|th)?\b"
_YEAR = r"\d{4}(?!\d)"

_DATE = re.compile(
    rf"(?<![\w-])(?:"
    rf"(?P<iso_y>\d{{4}})-(?P<iso_m>\d{{2}})-(?P<iso_d>\d{{2}})(?![\d-])"
    rf"|(?P<md_m>{_MONTH})\s+(?P<md_d>{_DAY}),?\s+(?P<md_y>{_YEAR})"
    rf"|(?:the\s+)?(?P<dm_d>{_DAY})(?:\s+of)?\s+(?P<dm_m>{_MONTH}),?\s+(?P<dm_y>{_YEAR})"
    rf")",
    re.IGNORECASE,
)


def _month_number(name: str) -> int:
    return _MONTHS[name.rstrip(".").lower()]


def _day_number(text: str) -> int:
    return int(re.match(r"\d+", text).group())


def _to_date(match: re.Match[str]) -> dt.date | None:
    if match["iso_y"]:
        parts = (int(match["iso_y"]), int(match["iso_m"]), int(match["iso_d"]))
    elif match["md_m"]:
        parts = (int(match["md_y"]), _month_number(match["md_m"]), _day_number(match["md_d"]))
    else:
        parts = (int(match["dm_y"]), _month_number(match["dm_m"]), _day_number(match["dm_d"]))
    try:
        return dt.date(*parts)
    except ValueError:
        return None


def find_dates(text: str) -> list[dt.date]:
    """Every valid full date (day, month and year) in `text`, in order of appearance."""
    found = (_to_date(match) for match in _DATE.finditer(text))
    return [date for date in found if date is not None]


def parse_date(text: str) -> dt.date | None:
    """The date if `text` is exactly one full date expression, else None."""
    match = _DATE.fullmatch(text.strip())
    return _to_date(match) if match else None
