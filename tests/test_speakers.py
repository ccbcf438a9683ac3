"""Who says a relation holds: the speaker of the reported clause it is told in, or the source
named by "according to"; written as prov:wasAttributedTo on the statement."""
from __future__ import annotations

import pytest
from rdflib import URIRef
from rdflib.namespace import PROV

from kg.graph.load import load_graph
from kg.graph.store import load_store
from kg.query.sparql import run_query, saved_queries
from tests.invented import extracted

TEXT = """Valmoran Foreign Minister Ana Keld said the Kessel Front had attacked Tarsa.

According to Piet Varn, Ostria met Kessel Front commanders in Lisk.

The Kessel Front attacked Ostria on Monday.

Tarsa met Valmoran officials, according to a statement issued by Ostria and Piet Varn.
"""
ACTORS = [
    {"name": "Valmora", "type": "Country", "aliases": ["Valmoran"]},
    {"name": "Ostria", "type": "Country", "aliases": ["Ostrian"]},
    {"name": "Tarsa", "type": "Country"},
    {"name": "Kessel Front", "type": "ArmedGroup"},
    {"name": "Piet Varn", "type": "Person"},
]


@pytest.fixture(scope="module")
def said(tmp_path_factory):
    corpus = extracted(TEXT, ACTORS, tmp_path_factory.mktemp("speakers"))
    names = {a.key: a.name for a in corpus.actors}
    return {(names[a.subject], a.relation.value, names.get(a.object)): names.get(a.speaker) for a in corpus.assertions}


def test_the_speaker_of_a_reported_clause(said):
    assert said[("Kessel Front", "attacked", "Tarsa")] == "Ana Keld"


def test_the_source_named_by_according_to(said):
    assert said[("Kessel Front", "metWith", "Ostria")] == "Piet Varn"  # symmetric: in key order


def test_what_the_article_says_itself_has_no_speaker(said):
    assert said[("Kessel Front", "attacked", "Ostria")] is None


def test_a_source_that_is_no_actor_is_not_one_named_after_it(said):
    # "a statement issued by X and Y" is the statement's, not X's alone
    assert said[("Tarsa", "metWith", "Valmora")] is None


def test_the_seed_planned_meeting_is_attributed_to_cavusoglu(seed_build):
    graph = load_graph(seed_build[0])
    speakers = {str(o) for s, o in graph.subject_objects(PROV.wasAttributedTo)}
    assert "https://w3id.org/newskg/id/mevlut-cavusoglu" in speakers
    rows = run_query(load_store(seed_build[0]), saved_queries()["claims"].text).rows
    assert [(r[0].value, r[1].value, r[2].value, r[3].value, r[4].value, r[6].value) for r in rows] == [
        ("Mevlut Cavusoglu", "Faisal Mekdad", "metWith", "Mevlut Cavusoglu", "Planned", "The Syrian Observer")]
    assert URIRef("https://w3id.org/newskg/id/mevlut-cavusoglu") in set(graph.subjects())
