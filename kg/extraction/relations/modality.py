"""Whether a relation in a sentence happened, is only planned or possible, or is denied."""
from __future__ import annotations

from typing import TYPE_CHECKING

from kg.model import Modality
from kg.extraction.parsing.clauses import governing_clause
from kg.knowledge.language import language

if TYPE_CHECKING:
    from spacy.tokens import Token

__all__ = ["modality_of"]

CUES = language().modality
DEPS = language().syntax
MAX_CLIMB = 6  # words above the relation word looked at


def modality_of(trigger: "Token", stance: bool = False) -> Modality:
    """Negated wins over planned; stances (rejects, backs, calls for) are held now even about the
    future, unless a condition or a question governs them ('whether they will restore sanctions');
    what an actor is accused of is no fact ('accused X of backing Y')."""
    if _negated(trigger):
        return Modality.NEGATED
    if _planned(trigger, only_conditions=stance):
        return Modality.PLANNED
    return Modality.ASSERTED


def _chain(trigger: "Token"):
    """The trigger and the words above it up to the first finite reported clause."""
    tok, steps = trigger, 0
    yield tok, None
    while tok.dep_ in DEPS.modality_climb and tok.head != tok and steps < MAX_CLIMB:
        dep = tok.dep_
        tok = governing_clause(tok) if dep == "conj" else tok.head
        steps += 1
        yield tok, dep
        if dep in DEPS.reported_clauses:
            break


def _negated(trigger: "Token") -> bool:
    for tok, via in _chain(trigger):
        if tok != trigger and any(c.dep_ in DEPS.nominal_subjects and c.lemma_.lower() in CUES.planning_nouns and any(
                d.dep_ == "det" and d.lower_ in CUES.negating_determiners for d in c.children) for c in tok.children):
            return True  # 'No date has been set for talks between A and B' (not 'no one was hurt in the raid')
        if via in DEPS.negation_barriers and tok != trigger:
            if via == "nsubj" and any(c.dep_ == "neg" for c in tok.children):
                return True
            if via in DEPS.nominal_subjects:
                break
            continue
        if any(c.dep_ == "neg" or (c.dep_ == "det" and c.lower_ in CUES.negating_determiners) for c in tok.children):
            return True
        if tok != trigger and (via is None or via in DEPS.negated_complements):
            lemma = tok.lemma_.lower()
            if lemma in CUES.negating_verbs and not _denies_the_claim_only(tok, trigger):
                return True
            particle = CUES.negating_phrasal_verbs.get(lemma)
            if particle and any(c.dep_ == "prt" and c.lower_ == particle for c in tok.children):
                return True
        if via == "ccomp":
            break
    return False


def _denies_the_claim_only(denial: "Token", trigger: "Token") -> bool:
    """'X accuses Y of Z, a charge Y denies': what is denied is Z, not the accusation."""
    return trigger.lemma_.lower() in CUES.claiming_verbs and any(
        c.dep_ in DEPS.direct_objects and c.lemma_.lower() in CUES.claim_nouns for c in denial.children)


def _planned(trigger: "Token", only_conditions: bool = False) -> bool:
    if _responded_to(trigger):
        return False  # 'vowed to retaliate for the strikes': the strikes happened
    below = trigger
    for tok, via in _chain(trigger):
        purpose, below = via == "advcl" and _infinitive(below), tok  # 'would be sent to join X'
        if tok != trigger and via in DEPS.claim_links and tok.lemma_.lower() in CUES.claiming_verbs:
            return True  # 'accused X of backing Y': a claim, not a fact
        if only_conditions:
            if (tok == trigger or via in DEPS.condition_links) and any(
                    c.dep_ == "mark" and c.lower_ in CUES.conditional_markers for c in tok.children):
                return True
        elif tok == trigger and tok.pos_ == "VERB" and tok.lemma_.lower() in CUES.promising_verbs:
            return True  # 'have promised personnel'
        elif tok == trigger or via in DEPS.planned_links or purpose:
            if any(c.dep_ in DEPS.auxiliaries and c.lower_ in CUES.future_auxiliaries for c in tok.children):
                return True
            if any(c.dep_ == "amod" and c.lower_ in CUES.planning_adjectives for c in tok.children):
                return True
            if any(c.dep_ == "mark" and c.lower_ in CUES.conditional_markers for c in tok.children):
                return True
            if _going_to(tok):
                return True
        if tok != trigger and not only_conditions:
            lemma = tok.lemma_.lower()
            if via in DEPS.planning_complements and lemma in CUES.planning_governors:
                return True
            if via == "pobj" and lemma in CUES.planned_destinations and tok.head.lemma_.lower() in CUES.planning_governors:
                return True  # 'agreed to talks with Y'
            if lemma == CUES.looking_forward.verb and any(c.lower_ == CUES.looking_forward.particle for c in tok.children):
                return True
            if via in DEPS.planning_noun_links and lemma in CUES.planning_nouns:
                return True
        if via in DEPS.reported_clauses:
            break
    return False


def _infinitive(verb: "Token") -> bool:
    return verb.tag_ == "VB" and any(c.dep_ == "aux" and c.tag_ == "TO" for c in verb.children)


def _responded_to(trigger: "Token") -> bool:
    """An event noun a response is for: 'retaliate for X's strikes', 'punish X for the attack'."""
    prep = trigger.head
    return trigger.dep_ == "pobj" and prep.lower_ in CUES.reason_prepositions and prep.head != prep \
        and prep.head.lemma_.lower() in CUES.responding_verbs


def _going_to(tok: "Token") -> bool:
    """'is going to meet'."""
    going = CUES.going_to
    return tok.tag_ == "VBG" and tok.lemma_.lower() == going.verb and any(c.dep_ == "xcomp" for c in tok.children) \
        and any(c.dep_ == "aux" and c.lower_ in going.auxiliaries for c in tok.children)
