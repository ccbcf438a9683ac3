"""Tests for kg.knowledge.dates: resolving date expressions and finding them in sentences."""
from __future__ import annotations

import datetime as dt

import pytest

from kg.knowledge.dates import find_date_expressions, resolve_date
from kg.knowledge.language import language

SAT = dt.date(2022, 12, 31)  # a Saturday, the last day of a year
TUE = dt.date(2023, 1, 3)  # a Tuesday, early in the next year
MON = dt.date(2022, 12, 26)  # a Monday
ENGLISH = language("en")

# expression, reference, future, expected
FULL_DATES = [
    ("December 31st, 2022", SAT, False, "2022-12-31"),
    ("December 31, 2022", None, False, "2022-12-31"),
    ("31 December 2022", None, False, "2022-12-31"),
    ("Dec. 31, 2022", TUE, True, "2022-12-31"),
    ("Sept. 3, 2021", None, False, "2021-09-03"),
    ("on the 1st of March, 2020", None, False, "2020-03-01"),
    ("Monday, December 26, 2022", None, False, "2022-12-26"),
    ("2022-12-31", None, False, "2022-12-31"),
    ("on 2022-12-31", SAT, True, "2022-12-31"),
    ("december 31 2022", None, False, "2022-12-31"),
    ("  December 31, 2022.  ", None, False, "2022-12-31"),
]

DAY_MONTH = [
    ("On the 28th of December", SAT, False, "2022-12-28"),
    ("December 28", SAT, False, "2022-12-28"),
    ("28 December", SAT, False, "2022-12-28"),
    ("Dec 28th", SAT, False, "2022-12-28"),
    ("December 31", SAT, False, "2022-12-31"),  # the reference day itself
    ("December 31", SAT, True, "2022-12-31"),
    ("December 28", SAT, True, "2023-12-28"),
    ("January 2", SAT, True, "2023-01-02"),
    ("January 2", SAT, False, "2022-01-02"),
    ("December 28", TUE, False, "2022-12-28"),  # across the year boundary
    ("on the 2nd of January", TUE, False, "2023-01-02"),
    ("3rd January", TUE, False, "2023-01-03"),
]

MONTHS = [
    ("January", SAT, True, "2023-01"),  # planned, across the year boundary
    ("January", SAT, False, "2022-01"),
    ("December", SAT, False, "2022-12"),
    ("December", SAT, True, "2022-12"),
    ("December", TUE, False, "2022-12"),
    ("in January", TUE, False, "2023-01"),
    ("late January", SAT, True, "2023-01"),
    ("early January", SAT, True, "2023-01"),
    ("mid-January", SAT, True, "2023-01"),
    ("mid January", SAT, True, "2023-01"),
    ("the second half of January", SAT, True, "2023-01"),
    ("the end of January", SAT, True, "2023-01"),
    ("by the end of March", TUE, True, None),  # "by" is not part of the expression
    ("in January 2023", SAT, False, "2023-01"),
    ("in late June 2021", None, False, "2021-06"),
    ("May", SAT, False, "2022-05"),
]

WEEKDAYS = [
    ("Monday", SAT, False, "2022-12-26"),
    ("on Monday", SAT, False, "2022-12-26"),
    ("Monday", SAT, True, "2023-01-02"),
    ("last Monday", SAT, False, "2022-12-26"),
    ("last Monday", SAT, True, "2022-12-26"),
    ("next Monday", SAT, False, "2023-01-02"),
    ("this Monday", SAT, False, "2022-12-26"),
    ("this Monday", SAT, True, "2023-01-02"),
    ("Monday", TUE, False, "2023-01-02"),  # across the year boundary
    ("Friday", TUE, False, "2022-12-30"),
    # the reference is that weekday
    ("Monday", MON, False, "2022-12-26"),
    ("on Monday", MON, True, "2023-01-02"),
    ("this Monday", MON, False, "2022-12-26"),
    ("this Monday", MON, True, "2022-12-26"),
    ("last Monday", MON, False, "2022-12-19"),
    ("next Monday", MON, False, "2023-01-02"),
    ("Saturday", SAT, False, "2022-12-31"),
    ("Saturday", SAT, True, "2023-01-07"),
    ("this past Tuesday", TUE, False, "2022-12-27"),
    ("this coming Tuesday", TUE, False, "2023-01-10"),
]

RELATIVE = [
    ("today", SAT, False, "2022-12-31"),
    ("Today", SAT, True, "2022-12-31"),
    ("yesterday", SAT, False, "2022-12-30"),
    ("tomorrow", SAT, False, "2023-01-01"),
    ("yesterday", TUE, False, "2023-01-02"),
    ("last night", TUE, False, "2023-01-02"),
    ("the day before yesterday", TUE, False, "2023-01-01"),
    ("last week", SAT, False, None),
    ("next week", SAT, True, None),
    ("three days ago", SAT, False, "2022-12-28"),
    ("two days ago", SAT, False, "2022-12-29"),
    ("3 days ago", TUE, False, "2022-12-31"),
    ("one day ago", SAT, False, "2022-12-30"),
    ("last month", SAT, False, "2022-11"),
    ("last month", TUE, False, "2022-12"),
    ("next month", SAT, True, "2023-01"),
    ("last year", TUE, False, "2022"),
    ("next year", SAT, True, "2023"),
    ("this year", SAT, False, "2022"),
]

YEARS = [
    ("in 2023", SAT, False, "2023"),
    ("2023", None, False, "2023"),
    ("In 1999", TUE, True, "1999"),
]

LEAP_DAYS = [
    ("February 29, 2024", None, False, "2024-02-29"),
    ("29 February 2024", None, False, "2024-02-29"),
    ("2024-02-29", None, False, "2024-02-29"),
    ("February 29, 2023", None, False, None),
    ("2023-02-29", None, False, None),
    ("February 29", dt.date(2023, 3, 1), False, "2020-02-29"),
    ("February 29", dt.date(2023, 3, 1), True, "2024-02-29"),
    ("February 29", dt.date(2024, 2, 29), False, "2024-02-29"),
    ("February 29", dt.date(2024, 2, 29), True, "2024-02-29"),
    ("yesterday", dt.date(2024, 3, 1), False, "2024-02-29"),
    ("tomorrow", dt.date(2024, 2, 28), False, "2024-02-29"),
]

UNKNOWN = [
    ("", SAT, False, None),
    ("banana", SAT, False, None),
    ("the other day", SAT, False, None),
    ("31/12/2022", SAT, False, None),  # ambiguous numeric day/month
    ("12/31/2022", SAT, False, None),
    ("April 31", SAT, False, None),  # no such day
    ("December 32", SAT, False, None),
    ("2022-13-01", SAT, False, None),
    ("Mondays", SAT, False, None),
    ("recently", SAT, False, None),
]

RELATIVE_WITHOUT_REFERENCE = [
    "December 28", "On the 28th of December", "January", "late January", "Monday",
    "next Monday", "today", "yesterday", "three days ago", "last month", "next year",
]


def _check(expression: str, reference: dt.date | None, future: bool, expected: str | None) -> None:
    assert resolve_date(expression, reference, ENGLISH, future=future) == expected


@pytest.mark.parametrize("expression, reference, future, expected", FULL_DATES)
def test_dates_full_date(expression, reference, future, expected):
    _check(expression, reference, future, expected)


@pytest.mark.parametrize("expression, reference, future, expected", DAY_MONTH)
def test_dates_day_month_without_year(expression, reference, future, expected):
    _check(expression, reference, future, expected)


@pytest.mark.parametrize("expression, reference, future, expected", MONTHS)
def test_dates_month_only(expression, reference, future, expected):
    _check(expression, reference, future, expected)


@pytest.mark.parametrize("expression, reference, future, expected", WEEKDAYS)
def test_dates_weekday(expression, reference, future, expected):
    _check(expression, reference, future, expected)


@pytest.mark.parametrize("expression, reference, future, expected", RELATIVE)
def test_dates_relative(expression, reference, future, expected):
    _check(expression, reference, future, expected)


@pytest.mark.parametrize("expression, reference, future, expected", YEARS)
def test_dates_year_only(expression, reference, future, expected):
    _check(expression, reference, future, expected)


@pytest.mark.parametrize("expression, reference, future, expected", LEAP_DAYS)
def test_dates_leap_day(expression, reference, future, expected):
    _check(expression, reference, future, expected)


@pytest.mark.parametrize("expression, reference, future, expected", UNKNOWN)
def test_dates_unknown_is_none(expression, reference, future, expected):
    _check(expression, reference, future, expected)


@pytest.mark.parametrize("expression", RELATIVE_WITHOUT_REFERENCE)
@pytest.mark.parametrize("future", [False, True])
def test_dates_relative_needs_reference(expression, future):
    assert resolve_date(expression, None, ENGLISH, future=future) is None


def test_dates_datetime_reference_counts_as_its_day():
    assert resolve_date("yesterday", dt.datetime(2022, 12, 31, 23, 59), ENGLISH) == "2022-12-30"


def test_dates_future_is_keyword_only():
    with pytest.raises(TypeError):
        resolve_date("Monday", SAT, ENGLISH, True)  # type: ignore[misc]


FIND = [
    (
        "On Monday, December 26, 2022, the minister met the envoy in Kyiv.",
        ["On Monday, December 26, 2022"],
    ),
    (
        "Theresa May said talks may resume in May or by the end of January 2023.",
        ["in May", "the end of January 2023"],
    ),
    (
        "Clashes broke out three days ago and continued today, when 31/12/2022 was declared a holiday.",
        ["three days ago", "today"],
    ),
    (
        "The vote, held on the 28th of December, followed last week's clashes.",
        ["on the 28th of December", "last week"],
    ),
    (
        "The summit planned for mid-January 2023 was moved to next Monday.",
        ["mid-January 2023", "next Monday"],
    ),
    (
        "In 2021 the army withdrew; on 2022-03-05 it returned, and Dec. 3rd saw talks.",
        ["In 2021", "on 2022-03-05", "Dec. 3rd"],
    ),
    (
        "Officials said 40% of the 1,2019 votes and $2020 were counted on Mondays.",
        [],
    ),
    ("Nothing happened here.", []),
]


@pytest.mark.parametrize("sentence, expected", FIND)
def test_dates_find_expressions(sentence, expected):
    found = find_date_expressions(sentence, ENGLISH)
    assert [text for _, _, text in found] == expected
    for start, end, text in found:
        assert sentence[start:end] == text


@pytest.mark.parametrize("sentence, _expected", FIND)
def test_dates_find_is_ordered_without_overlaps(sentence, _expected):
    found = find_date_expressions(sentence, ENGLISH)
    assert found == sorted(found)
    for (_, end, _), (start, _, _) in zip(found, found[1:]):
        assert end <= start


@pytest.mark.parametrize(
    "sentence, resolved",
    [
        (FIND[0][0], ["2022-12-26"]),
        (FIND[1][0], ["2022-05", "2023-01"]),
        (FIND[2][0], ["2022-12-28", "2022-12-31"]),
        (FIND[3][0], ["2022-12-28", None]),
        (FIND[4][0], ["2023-01", "2023-01-02"]),
        (FIND[5][0], ["2021", "2022-03-05", "2022-12-03"]),
    ],
)
def test_dates_found_expressions_resolve(sentence, resolved):
    texts = [text for _, _, text in find_date_expressions(sentence, ENGLISH)]
    assert [resolve_date(text, SAT, ENGLISH) for text in texts] == resolved


def test_dates_find_prefers_longest_match():
    sentence = "Talks began on the second half of January 2023 in Geneva."
    assert find_date_expressions(sentence, ENGLISH) == [(12, 46, "on the second half of January 2023")]
