"""Relations between the actors of a parsed article, from verbs and event nouns.

Subjects and objects come from the dependency parse (active and passive
voice, coordination, control into infinitives and participles); nouns such
as 'talks between A and B' or 'a meeting with B' give meetings with all their
participants. Which words signal which relation is data (`lexicon.yaml`).
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from kg.extraction.actors.local import ArticleActors
from kg.model import ActorType
from kg.extraction.relations.delegations import read_delegation, read_government_of, read_led_by_relative, read_owned_body
from kg.extraction.relations.found import CONFLICT, Found, FoundMeeting, Reading
from kg.extraction.relations.meetings import join_meeting
from kg.extraction.relations.nouns import read_members, read_noun
from kg.knowledge.rules import RelationRules
from kg.extraction.relations.verbs import read_verb
from kg.extraction.parsing import roles

if TYPE_CHECKING:
    from kg.extraction.parsing.nlp import Sentence

__all__ = ["Found", "FoundMeeting", "find_relations"]



def find_relations(sentences: list["Sentence"], actors: ArticleActors, rules: RelationRules) -> tuple[list[Found], list[FoundMeeting]]:
    found: list[Found] = []
    meetings: list[FoundMeeting] = []
    for sentence in sentences:
        reading = Reading(sentence, actors, rules, meetings, found)
        relative_pronouns = reading.words.relative_pronouns
        for tok in sentence.span:
            lemma = tok.lemma_.lower()
            if tok.pos_ in ("VERB", "AUX") or tok.tag_ in roles.VERB_TAGS:
                read_verb(reading, tok)
                if lemma in rules.lexicon.joining_verbs and (reading.meetings or meetings):
                    join_meeting(reading, tok, (reading.meetings or meetings)[-1])
                if (gerund_rule := _gerund_as_noun(tok, rules)) is not None:
                    read_noun(reading, tok, gerund_rule)  # 'Fighting between X and Y continued'
            elif tok.pos_ in ("NOUN", "PROPN"):
                rule = _noun_rule(tok, lemma, rules)
                if rule is not None:
                    read_noun(reading, tok, rule)
                if lemma in rules.lexicon.collective_nouns:
                    read_members(reading, tok)
                if lemma in rules.lexicon.delegation_nouns:
                    read_delegation(reading, tok)
                if tok.lower_ in rules.arguments.state_name_nouns:
                    read_government_of(reading, tok)
                if tok.pos_ == "PROPN":
                    read_owned_body(reading, tok)
            if tok.lower_ in relative_pronouns:
                read_led_by_relative(reading, tok)
        found += [f for f in reading.found if not _against_own_state(f, actors)]
        meetings += reading.meetings
    return found, [m for m in meetings if len(m.participants) >= 2]  # one side alone was only for joiners


def _against_own_state(found: Found, actors: ArticleActors) -> bool:
    """A conflict between a person and the state the article gives them a post in, or between a
    state and its own government body: a list the parser joined wrongly ('summoned Y's
    ambassador, Z, and its spokeswoman, W, denounced Y'), a place read as an owner ('raided the
    Baku office of X')."""
    if found.object is None or found.relation.relation_class != CONFLICT:
        return False
    pair = {found.subject, found.object}
    if any({p.holder, p.org} == pair for p in actors.posts):
        return True
    one, other = (actors.actors[a] for a in (found.subject, found.object))
    return any(body.type is ActorType.GOVERNMENT_BODY and state.type is ActorType.COUNTRY and body.country
               and body.country == state.canonical for body, state in ((one, other), (other, one)))


def _gerund_as_noun(tok, rules: RelationRules):
    """The noun rule of a gerund the parser took for a verb where it stands as a noun, the
    subject of its clause with no subject of its own ('Fighting between X and Y continued')."""
    if tok.tag_ != "gerund" or tok.dep_ not in roles.NOMINAL_SUBJECTS or any(c.dep_ in roles.SUBJECTS for c in tok.children):
        return None
    return rules.nouns.get(tok.lower_)


def _noun_rule(tok, lemma: str, rules: RelationRules):
    """The lexicon's rule for a noun, or for the compound it ends ('peace talks')."""
    rule = rules.nouns.get(lemma) or rules.nouns.get(tok.lower_)
    compound = next((c for c in tok.children if c.dep_ == "compound"), None)
    if compound is not None and f"{compound.lower_} {lemma}" in rules.nouns:
        rule = rules.nouns[f"{compound.lower_} {lemma}"]
    return rule
