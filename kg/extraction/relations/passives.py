"""The roles of a passive verb: its doers (after 'by', also when the parser hung the name
elsewhere or the agent is named after the last of several participles) and its patients."""
from __future__ import annotations

from typing import TYPE_CHECKING

from kg.extraction.relations.found import Reading
from kg.knowledge.lexicon import VerbRule
from kg.extraction.parsing import roles

if TYPE_CHECKING:
    from spacy.tokens import Token

__all__ = ["passive_roles"]


def passive_roles(r: Reading, verb: "Token", rule: VerbRule, object_heads: list["Token"]):
    """The doers (after 'by') and the patients of a passive verb, as subject and object heads."""
    agents = [p for c in verb.children if c.dep_ == "agent" for p in c.children if p.dep_ == "prep_object"]
    agents += [t for c in verb.children if c.dep_ == "agent" and not list(c.children)
               for t in _named_after(r, c)]  # 'led by Akram al-Ka'bi (al-Kaabi)', the name hung elsewhere
    if not agents:  # 'were rammed, boarded and stripped of their weapons by X'; 'rejected as illegal by X'
        agents = [p for v in _passive_conjuncts(verb) for c in v.children if c.dep_ == "agent"
                  for p in c.children if p.dep_ == "prep_object"] or [
            p for c in verb.children if c.dep_ == "preposition" and c.lower_ in r.words.label_prepositions
            for g in c.subtree if g.dep_ == "agent" for p in g.children if p.dep_ == "prep_object"]
    if not agents:  # 'were killed in an ambush by X', 'killed in a Kessel Front raid'
        agents = _doers_of_setting(r, verb, rule)
    patients = [c for c in verb.children if c.dep_ == "passive_subject"]
    if not patients and verb.dep_ == "noun_clause" and verb.head != verb:
        patients = [verb.head]  # "the army, backed by Russian aircraft"
    elif not patients and verb.dep_ == "conjunct" and verb.head != verb:
        patients = r.args.subject_heads(verb)  # 'X has arrived and is greeted by Y': the first verb's subject
    elif patients and verb.dep_ == "relative_clause" and all(p.lower_ in r.words.relative_pronouns for p in patients):
        patients = [r.args.relative_head(verb)]  # "the Houthis, who are supported by Iran"
    if not agents and rule.relation.spec.symmetric:
        return patients, object_heads  # 'X is aligned with Y': the same tie either way
    return agents, patients + object_heads


def _doers_of_setting(r: Reading, verb: "Token", rule: VerbRule) -> list["Token"]:
    """Who did the event of the verb's own kind the passive verb happened in: its agent after
    'by', its owner ('X's raid') or the name before it ('a Kessel Front ambush')."""
    events = [p for c in verb.children if c.dep_ == "preposition" and c.lower_ in r.words.setting_prepositions
              for p in c.children if p.dep_ == "prep_object"]
    events = [e for e in events if (noun := r.rules.nouns.get(e.lemma_.lower())) is not None and noun.relation is rule.relation]
    doers = [p for e in events for c in e.children if c.dep_ == "preposition" and c.lower_ == r.words.agent_preposition
             for p in c.children if p.dep_ == "prep_object"]
    return doers or [c for e in events for c in e.children if c.dep_ in ("possessor", *roles.NAME_MODIFIERS)]


def _passive_conjuncts(verb: "Token") -> list["Token"]:
    """The participles coordinated after a passive verb, sharing its subject ('rammed, boarded and stripped')."""
    out, tok = [], verb
    while True:
        nxt = next((c for c in tok.children if c.dep_ == "conjunct" and c.tag_ == "participle"), None)
        if nxt is None or any(c.dep_ in roles.SUBJECTS for c in nxt.children):
            return out
        out.append(nxt)
        tok = nxt


def _named_after(r: Reading, word: "Token") -> list["Token"]:
    """The token of the name that starts right after a word, if one does."""
    nxt = word.i + 1
    return [word.doc[nxt]] if nxt < r.sentence.span.end and r.actors.at(r.sentence.index, nxt) else []
