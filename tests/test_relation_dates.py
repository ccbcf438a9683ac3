"""A relation takes the date of its own clause, never one of another clause of its sentence
(another event's: 'said on Monday that ... had met'), but for a clause that tells more of
another ('..., where she held talks') or a participle without a subject ('..., striking'). A
planned meeting does not take the date of the meeting told just before it: it is later."""
from __future__ import annotations

import datetime as dt

import pytest

from tests.invented import extracted

TEXT = """Valmora said on Monday that Ostria had met Kessel Front commanders in secret.

Valmoran Foreign Minister Ana Keld arrived in Lisk on Tuesday, where she held talks with Ostrian Foreign Minister Piet Varn.

On May 7, Valmora launched an offensive against Tarsa, striking the Kessel Front's bases.

On December 1 Ana Keld held talks with Piet Varn in Lisk, and the next day she met the Tarsan President Ivo Lind.

July 25 - Tarsan officials meet Valmoran diplomats in Lisk. Ostria says it will resume talks with Tarsa unless Valmora objects.
"""


ACTORS = [
    {"name": "Valmora", "type": "Country", "aliases": ["Valmoran"]},
    {"name": "Ostria", "type": "Country", "aliases": ["Ostrian"]},
    {"name": "Tarsa", "type": "Country", "aliases": ["Tarsan"]},
    {"name": "Kessel Front", "type": "ArmedGroup"},
]


@pytest.fixture(scope="module")
def dated(tmp_path_factory):
    corpus = extracted(TEXT, ACTORS, tmp_path_factory.mktemp("dates"), dt.date(2025, 12, 10))
    names = {a.key: a.name for a in corpus.actors}
    found: dict[tuple[str, str, str], set] = {}
    for a in corpus.assertions:
        found.setdefault((names[a.subject], a.relation.value, names.get(a.object, a.topic)), set()).add(a.date)
    return found


def _dates(dated, subject, relation, obj):
    both = dated.get((subject, relation, obj), set()) | dated.get((obj, relation, subject), set())
    assert both, f"no {subject} {relation} {obj} among {sorted(dated)}"
    return both


def test_a_date_of_the_reporting_clause_is_not_the_reported_meeting(dated):
    assert _dates(dated, "Ostria", "metWith", "Kessel Front") == {None}


def test_a_where_clause_takes_the_time_of_the_clause_it_tells_more_of(dated):
    assert _dates(dated, "Ana Keld", "metWith", "Piet Varn") >= {"2025-12-09"}


def test_a_participle_without_a_subject_shares_its_main_clause_date(dated):
    assert _dates(dated, "Valmora", "attacked", "Kessel Front") == {"2025-05-07"}


def test_a_clause_of_its_own_with_another_time_does_not_take_the_first_date(dated):
    assert "2025-12-01" not in _dates(dated, "Ana Keld", "metWith", "Ivo Lind")


def test_a_planned_meeting_does_not_take_the_date_of_the_meeting_before_it(dated):
    assert _dates(dated, "Tarsa", "metWith", "Valmora") == {"2025-07-25"}
    assert _dates(dated, "Ostria", "metWith", "Tarsa") == {None}
