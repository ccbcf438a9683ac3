"""The parse in kg's roles: every label and tag the English model gives has its role, and a
parsed sentence reads in roles, coordination included."""
from __future__ import annotations

from kg.extraction.parsing.roles import conjuncts, in_roles
from kg.knowledge.language import language


def test_roles_every_label_and_tag_of_the_model_has_a_role(nlp):
    syntax = language("en").syntax
    assert set(nlp.get_pipe("parser").labels) - set(syntax.labels) == set()
    assert set(nlp.get_pipe("tagger").labels) - set(syntax.tags) == set()
    assert set(nlp.get_pipe("ner").labels) - set(syntax.entities) == set()


def test_roles_a_parsed_sentence_reads_in_roles(nlp):
    doc = in_roles(nlp("Officials of Ruritania and Veloria were received by the envoys."))
    by_text = {token.text: token for token in doc}
    assert by_text["Officials"].dep_ == "passive_subject" and by_text["Officials"].tag_ == "plural_noun"
    assert by_text["of"].dep_ == "preposition" and by_text["Ruritania"].dep_ == "prep_object"
    assert by_text["Veloria"].dep_ == "conjunct" and by_text["by"].dep_ == "agent"
    assert [t.text for t in conjuncts(by_text["Ruritania"])] == ["Veloria"]
    assert [t.text for t in conjuncts(by_text["Veloria"])] == ["Ruritania"]
    assert {t.ent_type_ for t in doc if t.ent_type_} <= {"geopolitical", "person", "organisation", "nationality"}
