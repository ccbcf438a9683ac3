"""Heading lines before an article's first paragraph of prose (a second headline under an
office's name, a section label) are parsed in sentence case like the headline, so that their
capitalised verbs are not read into names; a line of the same shape after the prose (a
signature) keeps its capitals."""
from __future__ import annotations

from kg.extraction.parsing.nlp import plan_parse
from tests.invented import extracted

TEXT = """Lisk Council

Siege of Port Varna Puts Thousands at Risk, Envoys Tell Lisk Council

The Kessel Front has besieged Port Varna since May, the envoys said.

Oren Maltby, Spokesperson of the Ministry of Foreign Affairs"""


def test_heading_lines_before_the_prose_are_parsed_in_sentence_case():
    plan = plan_parse(TEXT, "Lisk Council")
    assert plan.inputs[1] == "Siege of port varna puts thousands at risk, envoys tell lisk council"
    assert plan.inputs[2] == TEXT.split("\n\n")[2]
    assert plan.inputs[3] == "Oren Maltby, Spokesperson of the Ministry of Foreign Affairs"


def test_a_heading_verb_is_not_read_into_a_name(tmp_path):
    corpus = extracted(TEXT, [{"name": "Kessel Front", "type": "ArmedGroup"}], tmp_path)
    names = {a.name for a in corpus.actors}
    assert "Oren Maltby" in names
    assert not [n for n in names if "Puts" in n or "Tell" in n], names
