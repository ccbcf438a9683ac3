"""Relations between the actors of a parsed article, from verbs and event nouns.

Subjects and objects come from the dependency parse (active and passive
voice, coordination, control into infinitives and participles); nouns such
as 'talks between A and B' or 'a meeting with B' give meetings with all their
participants. Which words signal which relation is data (`lexicon.yaml`).
"""
from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from kg.extraction.actors.local import ArticleActors
from kg.model import ActorType
from kg.extraction.relations.conditions import read_conditions
from kg.extraction.relations.delegations import read_delegation, read_government_of, read_led_by_relative, read_owned_body
from kg.extraction.relations.found import CONFLICT, COOPERATION, Found, FoundMeeting, Reading
from kg.extraction.relations.meetings import join_meeting
from kg.extraction.relations.nouns import read_members, read_named_set, read_noun
from kg.knowledge.language import language_of
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
                read_conditions(reading, tok)
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
            if tok.dep_ == "apposition":
                read_named_set(reading, tok)
            if tok.lower_ in relative_pronouns:
                read_led_by_relative(reading, tok)
        deniers = _denied_before(reading)
        if deniers:  # 'UN experts say Rwandan troops fight alongside the M23. Kigali denies it.'
            found = [f for f in found if f.sentence.index != sentence.index - 1 or not {f.subject, f.object} & deniers
                     or not _told(f.sentence.span.doc[f.trigger], reading.words)]
        disputed_here = _disputed_here(reading)
        found += [f for f in reading.found if not _against_own_state(f, actors) and f not in disputed_here]
        meetings += [_without_own_state(m, actors) for m in reading.meetings]
    return found, [m for m in meetings if len(m.participants) >= 2]  # one side alone was only for joiners


def _denied_before(reading: Reading) -> set[int]:
    """Who denies what the sentence before reports, in a sentence of its own ('Kigali denies it',
    'X rejects the claim'): the subjects of a denial whose object is a pronoun or a bare claim."""
    cues, words = reading.language.modality, reading.words
    root = reading.sentence.span.root
    if root.lemma_.lower() not in cues.negating_verbs or not any(
            c.dep_ in roles.DIRECT_OBJECTS and (c.lower_ in words.thing_pronouns or (
                c.lemma_.lower() in cues.claim_nouns and not list(c.children)[1:])) for c in root.children):
        return set()  # 'denies it', 'rejects the claim'; not 'rejected the accusation that its troops ...'
    return {a for h in reading.args.subject_heads(root) for a in reading.args.actors_of(h)}


def _disputed_here(reading: Reading) -> list[Found]:
    """What others report of an actor that the same sentence has it deny ('Kigali denies backing
    the M23, although UN experts say Rwandan soldiers are fighting alongside the rebels')."""
    cues = reading.language.modality
    words = reading.words
    denials = [t for t in reading.sentence.span if t.pos_ == "VERB" and t.lemma_.lower() in cues.negating_verbs and any(
        c.dep_ in ("open_clause", "complement_clause") or (c.dep_ in roles.DIRECT_OBJECTS and (
            c.lower_ in words.thing_pronouns or c.lemma_.lower() in cues.claim_nouns)) for c in t.children)]
    # a deed or a claim denied ('denies backing X', 'denies it'), not a thing rejected ('rejected the pause')
    deniers = {a for d in denials for h in reading.args.subject_heads(d) for a in reading.args.actors_of(h)}
    doc, speech = reading.sentence.span.doc, words.speech_verbs
    reported = []
    for f in reading.found:
        above = list(doc[f.trigger].ancestors)
        told = [i for i, t in enumerate(above) if t.lemma_.lower() in speech]  # 'experts say ...'
        denied = [i for i, t in enumerate(above) if t in denials]  # 'denies backing': negated already
        if {f.subject, f.object} & deniers and told and (not denied or told[0] < denied[0]):
            reported.append(f)
    return reported


def _told(trigger, words) -> bool:
    """Whether a relation is reported, told in a clause of a verb of saying ('UN experts say X')."""
    return any(t.lemma_.lower() in words.speech_verbs for t in trigger.ancestors)


def _against_own_state(found: Found, actors: ArticleActors) -> bool:
    """A conflict or a tie between a person and the state the article gives them a post in, or
    between a state and its own government body: a list the parser joined wrongly ('summoned Y's
    ambassador, Z, and its spokeswoman, W, denounced Y'), a place read as an owner ('raided the
    Baku office of X')."""
    if found.object is None or found.relation.relation_class not in (CONFLICT, COOPERATION):
        return False  # (a minister's support for their own state says nothing between two actors)
    if actors.holds_post(found.subject, found.object) or actors.holds_post(found.object, found.subject):
        return True
    one, other = (actors.actors[a] for a in (found.subject, found.object))
    return any(body.type is ActorType.GOVERNMENT_BODY and state.type is ActorType.COUNTRY and body.country
               and body.country == state.canonical for body, state in ((one, other), (other, one)))


def _without_own_state(meeting: FoundMeeting, actors: ArticleActors) -> FoundMeeting:
    """A meeting without the pairs of a person and the state or body they hold a post in ('met the
    Turkish Cypriot leader (Ersin Tatar)': the leader's title and his name are one side)."""
    pairs = tuple((a, b) for a, b in meeting.pairs if not (actors.holds_post(a, b) or actors.holds_post(b, a)))
    return meeting if len(pairs) == len(meeting.pairs) else replace(meeting, pairs=pairs)


def _gerund_as_noun(tok, rules: RelationRules):
    """The noun rule of a gerund the parser took for a verb where it stands as a noun, the
    subject of its clause with no subject of its own ('Fighting between X and Y continued')."""
    if tok.tag_ != "gerund" or tok.dep_ not in roles.NOMINAL_SUBJECTS or any(c.dep_ in roles.SUBJECTS for c in tok.children):
        return None
    return rules.nouns.get(tok.lower_)


def _noun_rule(tok, lemma: str, rules: RelationRules):
    """The lexicon's rule for a noun, or for the compound it ends ('peace talks'); none for the
    end of what stops it ('cease-fire')."""
    doc = tok.doc
    if tok.i >= 2 and doc[tok.i - 1].text == "-" and doc[tok.i - 2].lemma_.lower() in language_of(doc).modality.ceasing_verbs:
        return None
    rule = rules.nouns.get(lemma) or rules.nouns.get(tok.lower_)
    compound = next((c for c in tok.children if c.dep_ == "compound"), None)
    if compound is not None and f"{compound.lower_} {lemma}" in rules.nouns:
        rule = rules.nouns[f"{compound.lower_} {lemma}"]
    return rule
