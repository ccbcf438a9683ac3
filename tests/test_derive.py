"""Derived relations come from one stage of the extraction (kg.extraction.derive): posts give
memberships and leadership, 'X of STATE' and national bodies give memberships, meetings give
pairwise metWith at the level of states where one side is a state. The merge and the graph
writer add none of their own."""
from __future__ import annotations

from dataclasses import replace

import pytest

from kg.corpus.merge import merge_extractions
from kg.extraction.actors.local import TokenIndex
from kg.extraction.parsing.nlp import load_pipeline
from kg.extraction.pipeline import detached, extract_article
from kg.knowledge.load import default_rules
from kg.model import Article, Modality

TEXT = ("Chile's Defence Minister Ana Ferreira held talks with Norway in Oslo on Monday. "
        "The Chilean defence ministry said the talks went well. "
        "Hamas leader Kai Moran rejected the talks. "
        "Boris Lind of Norway welcomed them.")


@pytest.fixture(scope="module")
def extraction():
    return extract_article(Article("talks", TEXT, "talks.txt"), load_pipeline(), default_rules())


def _named(extraction, items):
    names = {a.id: a.name for a in extraction.actors.actors.values()}
    return {(names[d.subject], d.relation.value, names[d.object], d.confidence) for d in items}


def test_posts_affiliations_bodies_and_meetings_give_the_derived_relations(extraction):
    assert _named(extraction, extraction.derived) == {
        ("Ana Ferreira", "memberOf", "Chile", None),  # a post: stated outright
        ("Kai Moran", "leads", "Hamas", None),
        ("Boris Lind", "memberOf", "Norway", 0.8),
        ("Chilean defence ministry", "memberOf", "Chile", 0.85),
        ("Chile", "metWith", "Norway", 0.81),  # the minister met a state: her state did
    }
    assert all(d.modality is Modality.ASSERTED for d in extraction.derived)


def test_a_derived_meeting_keeps_the_date_and_place_of_its_meeting(extraction):
    meeting = next(d for d in extraction.derived if d.relation.value == "metWith")
    assert extraction.actors.actors[meeting.place].name == "Oslo"
    assert meeting.date is None  # 'Monday' with no article date to resolve it against
    assert meeting.sentence.text.startswith("Chile's Defence Minister")


def test_the_merge_makes_no_relation_of_its_own(extraction):
    plain = detached(extraction)
    merged = merge_extractions([plain], default_rules().gazetteer)
    without = merge_extractions([replace(plain, derived=())], default_rules().gazetteer)
    assert {a.relation.value for a in merged.assertions} >= {"memberOf", "leads", "metWith"}
    assert {a.relation for a in without.assertions} == {f.relation for f, _ in plain.relations}
    assert len(without.posts) == len(merged.posts) == 2  # the posts themselves stay


def test_stages_leave_the_values_they_are_given_alone(extraction):
    """The token index is frozen: a stage that resolves more tokens returns a new one."""
    index = extraction.actors.index
    with pytest.raises(TypeError):
        index.actors[(0, 0)] = (1,)  # type: ignore[index]
    actors, cues = index.editable()
    actors[(99, 0)], cues[(99, 0)] = [0], "pronoun"
    more = TokenIndex.of(actors, cues)
    assert more.at(99, 0) == [0] and more.cue(99, 0) == "pronoun" and index.at(99, 0) == []
