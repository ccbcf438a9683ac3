"""Date expressions in news sentences, resolved against an article's publication date.

Two entry points:

* :func:`find_date_expressions` locates date expressions in a sentence (regex based;
  the longest match wins, matches never overlap, and come in order of appearance);
* :func:`resolve_date` turns one expression into an ISO string -- ``YYYY-MM-DD``,
  ``YYYY-MM`` or ``YYYY``, as precise as the expression is -- or ``None``.

News mostly reports the past, so an expression without a year ("December 28",
"January", "Monday") resolves to the most recent such date on or before the
publication date; with ``future=True`` (a planned event) it resolves to the next one
on or after it instead.  Numeric day/month forms other than ISO ("31/12/2022",
"12/31/2022") are ambiguous between conventions and deliberately not recognised.

Month and weekday names are matched only when capitalised in
:func:`find_date_expressions` (so the modal "may" is not a month, and a bare "May",
as in "Theresa May", is only taken with a preposition, qualifier or year), while
:func:`resolve_date` accepts any case.

The words of dates are those of the language each function is given (``ontology/<lang>/dates.yaml``);
the patterns made of them are compiled once per language.
"""
from __future__ import annotations

import bisect
import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Callable, Iterable

from kg.knowledge.language import DateWords, Language, language

__all__ = ["resolve_date", "find_date_expressions", "find_dates", "parse_date"]

# --------------------------------------------------------------------------- tables

# How far to look for a day and month without a year: Feb 29 recurs within 8 years.
_YEAR_SEARCH = 9

# --------------------------------------------------------------------------- regexes


def _phrase(words: str) -> str:
    """A regex for a phrase of literal words separated by any whitespace."""
    return r"\s+".join(re.escape(word) for word in words.split())


def _alternation(words: Iterable[str], *, capitalise: bool = False) -> str:
    """An alternation of phrases, longest first so that no prefix shadows a word."""
    ordered = sorted(set(words), key=lambda w: (-len(w), w))
    return "|".join(_phrase(w.capitalize() if capitalise else w) for w in ordered)


def _optional_word(words: Iterable[str], group: str | None = None) -> str:
    """An optional case-insensitive word (e.g. "on") followed by whitespace."""
    name = f"?P<{group}>" if group else "?:"
    return rf"(?:\b({name}(?i:{_alternation(words)}))\s+)?"


def _names(names: Iterable[str], words: DateWords) -> str:
    """An alternation of month or weekday names: capitalised where the language writes them so
    ('May', 'Monday'), else in any case ('mai', 'lundi', a sentence's 'Lundi')."""
    if words.capitalised_names:
        return _alternation(names, capitalise=True)
    return f"(?i:{_alternation(names)})"


def _full_month(words: DateWords) -> str:
    return rf"\b(?P<month>{_names(words.months, words)})(?![A-Za-z])"


def _any_month(words: DateWords) -> str:
    full = _names(words.months, words)
    short = _names(words.month_abbreviations, words)
    return rf"\b(?P<month>(?:{full})(?![A-Za-z])|(?:{short})(?![A-Za-z])\.?)"


def _day(words: DateWords) -> str:
    return rf"\b(?P<day>3[01]|[12][0-9]|0?[1-9])(?i:{_alternation(words.ordinal_suffixes)})?(?!\w)"


def _attached_year() -> str:
    return r"(?:,?\s+(?P<year>(?:1[0-9]|20)[0-9]{2})(?!\w))?"


def _weekday_prefix(words: DateWords) -> str:
    return rf"(?:\b(?:{_names(words.weekdays, words)}),?\s+)?"


def _iso_pattern(words: DateWords) -> str:
    return (
        _optional_word(words.date_prepositions)
        + r"(?<![\w/.-])(?P<year>[0-9]{4})-(?P<month>[0-9]{2})-(?P<day>[0-9]{2})(?![0-9/-])"
    )


def _month_day_pattern(words: DateWords) -> str:
    return (
        _optional_word(words.day_prepositions) + _weekday_prefix(words) + _any_month(words) + r"\s+"
        + _optional_word((words.definite_article,)) + _day(words) + _attached_year()
    )


def _day_month_pattern(words: DateWords) -> str:
    return (
        _optional_word(words.day_prepositions) + _weekday_prefix(words) + _optional_word((words.definite_article,))
        + _day(words) + r"\s+" + _optional_word((words.belonging,)) + _any_month(words) + _attached_year()
    )


def _month_pattern(words: DateWords) -> str:
    qualifiers = _alternation(words.month_qualifiers)
    the, mid, of = (_phrase(w) for w in (words.definite_article, words.mid, words.belonging))
    qualifier = rf"(?:\b(?P<qual>(?i:(?:{the}\s+)?(?:{qualifiers})\s+|{mid}\s*[-\u2013]\s*)))?"
    year = rf"(?:,?\s+(?:(?i:{of})\s+)?(?P<year>(?:1[0-9]|20)[0-9]{{2}})(?!\w))?"
    return _optional_word(words.date_prepositions, "prep") + qualifier + _full_month(words) + year


def _weekday_pattern(words: DateWords) -> str:
    relations = _alternation((*words.weekday_before, *words.weekday_after, *words.weekday_this))
    weekday = rf"\b(?P<weekday>{_names(words.weekdays, words)})(?!\w)"
    if words.relation_after_weekday:  # 'lundi dernier', 'ce lundi'
        this, around = _alternation(words.weekday_this), _alternation((*words.weekday_before, *words.weekday_after))
        return (_optional_word(words.day_prepositions) + rf"(?:\b(?P<this>(?i:{this}))\s+)?" + weekday
                + rf"(?:\s+(?P<rel>(?i:{around}))(?!\w))?")
    return _optional_word(words.day_prepositions) + rf"(?:\b(?P<rel>(?i:{relations}))\s+)?" + weekday


def _relative_pattern(words: DateWords, numbers: Iterable[str]) -> str:
    fixed = _alternation((*words.day_offsets, *words.month_offsets, *words.year_offsets, *words.vague))
    number = rf"[0-9]{{1,3}}|{_alternation(numbers)}"
    units, ago = _alternation(words.days_ago.units), _phrase(words.days_ago.word)
    counted = rf"{ago}\s+(?P<n>{number})\s+(?:{units})" if words.days_ago.word_first \
        else rf"(?P<n>{number})\s+(?:{units})\s+{ago}"
    return rf"\b(?i:(?P<fixed>{fixed})|{counted})(?!\w)"


def _year_pattern(words: DateWords) -> str:
    return (
        _optional_word(words.year_prepositions)
        + r"(?<![\w$\u00a3\u20ac/.,-])(?P<year>(?:19|20)[0-9]{2})(?![\w%/-]|[.,][0-9])"
    )


def _pattern_sources(lang: Language) -> tuple[tuple[str, str], ...]:
    """Each kind of date expression and the regex of it in a language, in the order tried."""
    words = lang.dates
    return (
        ("iso", _iso_pattern(words)),
        ("month_day", _month_day_pattern(words)),
        ("day_month", _day_month_pattern(words)),
        ("month", _month_pattern(words)),
        ("weekday", _weekday_pattern(words)),
        ("relative", _relative_pattern(words, lang.words.numbers)),
        ("year", _year_pattern(words)),
    )


_KindPatterns = tuple[tuple[str, re.Pattern[str]], ...]


@dataclass(frozen=True)
class _Patterns:
    find: _KindPatterns  # names as written: a month or weekday capitalised
    resolve: _KindPatterns  # any case


@lru_cache(maxsize=None)
def _patterns(code: str) -> _Patterns:
    """The compiled date patterns of the language `code`, made once."""
    sources = _pattern_sources(language(code))
    return _Patterns(tuple((kind, re.compile(source)) for kind, source in sources),
                     tuple((kind, re.compile(source, re.IGNORECASE)) for kind, source in sources))

# --------------------------------------------------------------------------- helpers


def _as_date(reference: dt.date | None) -> dt.date | None:
    """The reference as a plain date (a datetime is cut to its day)."""
    if isinstance(reference, dt.datetime):
        return reference.date()
    return reference


def _make_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _month_number(name: str, words: DateWords) -> int:
    key = name.lower().rstrip(".")
    return words.months.get(key) or words.month_abbreviations[key]


def _year_month(year: int, month: int) -> str | None:
    return f"{year:04d}-{month:02d}" if 1 <= year <= 9999 else None


def _shift_month(year: int, month: int, delta: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + delta
    return index // 12, index % 12 + 1


def _nearest_day_month(month: int, day: int, reference: dt.date, future: bool) -> dt.date | None:
    """The latest such day on or before the reference, or the first on or after it."""
    step = 1 if future else -1
    for offset in range(_YEAR_SEARCH):
        year = reference.year + step * offset
        if not 1 <= year <= 9999:
            return None
        candidate = _make_date(year, month, day)
        if candidate is None:
            continue
        if (candidate >= reference) if future else (candidate <= reference):
            return candidate
    return None


def _weekday_date(weekday: int, relation: str | None, reference: dt.date, future: bool,
                  words: DateWords) -> dt.date:
    back = (reference.weekday() - weekday) % 7  # 0 when the reference is that weekday
    ahead = (weekday - reference.weekday()) % 7
    if relation in words.weekday_before:
        return reference - dt.timedelta(days=back or 7)
    if relation in words.weekday_after:
        return reference + dt.timedelta(days=ahead or 7)
    if relation in words.weekday_this:
        return reference + dt.timedelta(days=ahead) if future else reference - dt.timedelta(days=back)
    if future:
        return reference + dt.timedelta(days=ahead or 7)
    return reference - dt.timedelta(days=back)


def _normalise_words(text: str) -> str:
    return " ".join(text.lower().split())

# --------------------------------------------------------------------------- resolvers

_Resolver = Callable[[re.Match[str], dt.date | None, bool, Language], str | None]


def _resolve_iso(match: re.Match[str], reference: dt.date | None, future: bool, lang: Language) -> str | None:
    found = _make_date(int(match["year"]), int(match["month"]), int(match["day"]))
    return found.isoformat() if found else None


def _resolve_day_month(match: re.Match[str], reference: dt.date | None, future: bool, lang: Language) -> str | None:
    month, day = _month_number(match["month"], lang.dates), int(match["day"])
    if match["year"]:
        found = _make_date(int(match["year"]), month, day)
    elif reference is None:
        return None
    else:
        found = _nearest_day_month(month, day, reference, future)
    return found.isoformat() if found else None


def _resolve_month(match: re.Match[str], reference: dt.date | None, future: bool, lang: Language) -> str | None:
    month = _month_number(match["month"], lang.dates)
    if match["year"]:
        return _year_month(int(match["year"]), month)
    if reference is None:
        return None
    if future:
        year = reference.year if month >= reference.month else reference.year + 1
    else:
        year = reference.year if month <= reference.month else reference.year - 1
    return _year_month(year, month)


def _resolve_weekday(match: re.Match[str], reference: dt.date | None, future: bool, lang: Language) -> str | None:
    if reference is None:
        return None
    said = match["rel"] or (match.groupdict().get("this"))
    relation = _normalise_words(said) if said else None
    weekday = lang.dates.weekdays[match["weekday"].lower()]
    return _weekday_date(weekday, relation, reference, future, lang.dates).isoformat()


def _resolve_relative(match: re.Match[str], reference: dt.date | None, future: bool, lang: Language) -> str | None:
    if reference is None:
        return None
    if match["n"]:
        count = match["n"].lower()
        days = int(count) if count.isdigit() else lang.words.numbers[count]
        return (reference - dt.timedelta(days=days)).isoformat()
    words, phrase = lang.dates, _normalise_words(match["fixed"])
    if phrase in words.day_offsets:
        return (reference + dt.timedelta(days=words.day_offsets[phrase])).isoformat()
    if phrase in words.month_offsets:
        return _year_month(*_shift_month(reference.year, reference.month, words.month_offsets[phrase]))
    if phrase in words.year_offsets:
        year = reference.year + words.year_offsets[phrase]
        return f"{year:04d}" if 1 <= year <= 9999 else None
    return None  # "last week" and the like: too vague for a date


def _resolve_year(match: re.Match[str], reference: dt.date | None, future: bool, lang: Language) -> str | None:
    return match["year"]


_RESOLVERS: dict[str, _Resolver] = {
    "iso": _resolve_iso,
    "month_day": _resolve_day_month,
    "day_month": _resolve_day_month,
    "month": _resolve_month,
    "weekday": _resolve_weekday,
    "relative": _resolve_relative,
    "year": _resolve_year,
}

# --------------------------------------------------------------------------- public


def _candidates(expression: str) -> list[str]:
    """The expression trimmed, then without trailing punctuation, then without a final dot."""
    text = expression.strip()
    bare = text.rstrip(",;:!?\"')").strip()
    return list(dict.fromkeys((text, bare, bare.rstrip(".").strip())))


def resolve_date(
    expression: str, reference: dt.date | None, lang: Language, *, future: bool = False
) -> str | None:
    """The ISO date, year-month or year an expression in the language `lang` denotes, read
    against `reference`.

    `reference` is the article's publication date; `future` says the event is planned,
    so a date without a year (or a bare weekday or month) lies on or after the
    reference rather than on or before it.  Returns None for text that is not a
    recognised date expression, an impossible date, a vague one ("last week"), or a
    relative one when `reference` is None.
    """
    reference = _as_date(reference)
    patterns = _patterns(lang.code).resolve
    for text in _candidates(expression):
        for kind, pattern in patterns:
            match = pattern.fullmatch(text)
            if match:
                try:
                    return _RESOLVERS[kind](match, reference, future, lang)
                except OverflowError:  # a date beyond datetime's range
                    return None
    return None


def _plausible(kind: str, match: re.Match[str], words: DateWords) -> bool:
    """False for a bare "May", most likely a name ("Theresa May") rather than the month."""
    if kind != "month" or match["month"] != words.ambiguous_month:
        return True
    return bool(match["prep"] or match["qual"] or match["year"])


def find_date_expressions(sentence: str, lang: Language) -> list[tuple[int, int, str]]:
    """(start, end, text) of each date expression in a sentence in the language `lang`, in order.

    Where candidates overlap the longest wins (the earliest among equals), so
    "on Monday, December 28, 2022" is one expression rather than three.
    """
    spans: set[tuple[int, int]] = set()
    words = lang.dates
    for kind, pattern in _patterns(lang.code).find:
        for match in pattern.finditer(sentence):
            if match.end() > match.start() and _plausible(kind, match, words):
                spans.add(match.span())
    chosen: list[tuple[int, int]] = []  # disjoint, in order, so only the neighbours can overlap
    for start, end in sorted(spans, key=lambda span: (span[0] - span[1], span[0])):
        i = bisect.bisect_left(chosen, (start, end))
        if (i > 0 and chosen[i - 1][1] > start) or (i < len(chosen) and chosen[i][0] < end):
            continue
        chosen.insert(i, (start, end))
    return [(start, end, sentence[start:end]) for start, end in chosen]


def find_dates(text: str, lang: Language) -> list[dt.date]:
    """Every full calendar date (day, month and year) written in `text`, in the language `lang`,
    in order."""
    found = []
    for _start, _end, expression in find_date_expressions(text, lang):
        resolved = resolve_date(expression, None, lang)
        if resolved is not None and len(resolved) == 10:
            found.append(dt.date.fromisoformat(resolved))
    return found


def parse_date(text: str, lang: Language) -> dt.date | None:
    """The date when `text` is exactly one full calendar date in the language `lang`, else None."""
    expressions = find_date_expressions(text.strip(), lang)
    if len(expressions) != 1:
        return None
    start, end, _ = expressions[0]
    rest = (text.strip()[:start] + text.strip()[end:]).strip(" ,.")
    dates = find_dates(text, lang)
    return dates[0] if dates and not rest else None
