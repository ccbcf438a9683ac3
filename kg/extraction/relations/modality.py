"""Whether a relation in a sentence happened, is only planned or possible, or is denied."""
from __future__ import annotations

from typing import TYPE_CHECKING

from kg.model import Modality
from kg.extraction.parsing.clauses import governing_clause
from kg.knowledge.language import ModalityCues, language_of
from kg.extraction.parsing import roles

if TYPE_CHECKING:
    from spacy.tokens import Token

__all__ = ["modality_of", "asked_of_another"]

MAX_CLIMB = 6  # words above the relation word looked at


def modality_of(trigger: "Token", stance: bool = False) -> Modality:
    """Negated wins over planned; stances (rejects, backs, calls for) are held now even about the
    future, unless a condition or a question governs them ('whether they will restore sanctions')
    or others only expect them ('is expected to ask X').
    What an actor is accused of is no relation at all (`claimed`)."""
    cues = language_of(trigger).modality
    if _negated(trigger, cues):
        return Modality.NEGATED
    if any(c.dep_ == "adjective" and c.lower_ in cues.past_adjectives for c in trigger.children):
        return Modality.ASSERTED  # 'during their previous talks': held, whatever was pledged at them
    if trigger.dep_ in roles.NOMINAL_SUBJECTS and trigger.head.lemma_.lower() in cues.ongoing_verbs:
        return Modality.ASSERTED  # 'the war between A and B may escalate': it is being fought
    if _planned(trigger, cues, only_conditions=stance):
        return Modality.PLANNED
    if stance and any(c.dep_ in roles.AUXILIARIES and c.lower_ in cues.hypothetical_auxiliaries for c in trigger.children):
        return Modality.PLANNED  # 'X could also demand that ...': a stance it might take, not one it holds
    return Modality.ASSERTED


def claimed(trigger: "Token") -> "Token | None":
    """The verb of accusing or alleging a relation is told by ('accused X of backing Y', 'alleged
    that X attacked Y'), if any: the accusation is the accuser's stance, its content no relation."""
    cues = language_of(trigger).modality
    chain = list(_chain(trigger))
    return next((tok for (tok, via), (_, before) in zip(chain[1:], chain) if tok.lemma_.lower() in cues.claiming_verbs
                 and (via in roles.CLAIM_LINKS or (via == "object" and before == "noun_clause"))), None)  # 'accuse X de soutenir Y'


def ceased(trigger: "Token") -> bool:
    """Whether a verb of ceasing governs the relation word ('to stop attacking X', 'halt its strikes')."""
    cues = language_of(trigger).modality
    return any(tok != trigger and via != "conjunct" and _ceasing(tok, cues)
               for tok, via in _chain(trigger))  # not 'agreed to end the war and hold talks'


def disputed(trigger: "Token") -> bool:
    """Whether the relation is told in a reported clause that carries a charge in apposition
    ('Pakistan says the TTP is backed by India, a charge New Delhi rejects'): what is charged is a
    claim, no relation."""
    lang = language_of(trigger)
    doc = trigger.doc
    if not any(t.dep_ == "complement_clause" for t in (trigger, *trigger.ancestors)):
        return False  # 'X accuses Y of Z, a charge Y rejects': the accusation stands
    return any(t.lemma_.lower() in lang.modality.claim_nouns and t.i > trigger.i + 1 and t.i >= 2
               and doc[t.i - 1].lower_ in lang.words.articles and doc[t.i - 2].text == ","
               for t in trigger.subtree)  # ', a charge ...' however the parser hangs it


def _past(verb: "Token") -> bool:
    """Whether a verb tells of the past: its own tense or its auxiliary's ('flew', 'was travelling')."""
    return verb.tag_ in ("past_verb", "participle") and not any(c.dep_ == "auxiliary" for c in verb.children) \
        or any(c.dep_ in roles.AUXILIARIES and c.tag_ == "past_verb" for c in verb.children)


def _chain(trigger: "Token"):
    """The trigger and the words above it up to the first finite reported clause."""
    tok, steps = trigger, 0
    yield tok, None
    while tok.dep_ in roles.MODALITY_CLIMB and tok.head != tok and steps < MAX_CLIMB:
        dep = tok.dep_
        tok = governing_clause(tok) if dep == "conjunct" else tok.head
        steps += 1
        yield tok, dep
        if dep in roles.REPORTED_CLAUSES:
            break


def _ceasing(tok: "Token", cues: ModalityCues) -> bool:
    """'end', 'halt', 'put an end to', 'mettre un terme à'."""
    lemma = tok.lemma_.lower()
    return lemma in cues.ceasing_verbs or any(
        c.dep_ in roles.DIRECT_OBJECTS and c.lower_ in cues.ceasing_phrases.get(lemma, ()) for c in tok.children)


def _negated(trigger: "Token", cues: ModalityCues) -> bool:
    for tok, via in _chain(trigger):
        if tok != trigger and via != "conjunct" and _ceasing(tok, cues):
            return False  # 'have not ended the fighting between A and B': the fighting goes on
        if tok != trigger and tok.lemma_.lower() in cues.planning_governors and any(
                t.lower_ in cues.futility_words for c in tok.children if c.dep_ in ("adverb", "preposition") for t in c.subtree):
            return True  # 'tried in vain to negotiate with X', 'avaient tenté en vain de négocier'
        if tok != trigger and any(c.dep_ in roles.NOMINAL_SUBJECTS and c.lemma_.lower() in cues.planning_nouns and any(
                d.dep_ == "determiner" and d.lower_ in cues.negating_determiners for d in c.children) for c in tok.children):
            return True  # 'No date has been set for talks between A and B' (not 'no one was hurt in the raid')
        if via in roles.NEGATION_BARRIERS and tok != trigger:
            if via == "subject" and any(c.dep_ == "negation" for c in tok.children):
                return True
            if via in roles.NOMINAL_SUBJECTS:
                break
            continue
        if any(c.dep_ == "negation" or (c.dep_ == "determiner" and c.lower_ in cues.negating_determiners) for c in tok.children) \
                and tok.lemma_.lower() not in cues.certainty_nouns:  # not 'there was no doubt that X ...'
            return True
        if tok != trigger and (via is None or via in roles.NEGATED_COMPLEMENTS):
            lemma = tok.lemma_.lower()
            if lemma in cues.negating_verbs and not _denies_the_claim_only(tok, trigger, cues):
                return True
            particle = cues.negating_phrasal_verbs.get(lemma)
            if particle and any(c.dep_ == "particle" and c.lower_ == particle for c in tok.children):
                return True
        if via == "complement_clause":
            break
    return False


def _denies_the_claim_only(denial: "Token", trigger: "Token", cues: ModalityCues) -> bool:
    """'X accuses Y of Z, a charge Y denies': what is denied is Z, not the accusation."""
    inside = {t.i for t in trigger.subtree}
    return trigger.lemma_.lower() in cues.claiming_verbs and any(
        t.lemma_.lower() in cues.claim_nouns and t.i not in inside for t in denial.subtree)  # also 'a charge X denies' as a clause


def _planned(trigger: "Token", cues: ModalityCues, only_conditions: bool = False) -> bool:
    if _responded_to(trigger, cues):
        return False  # 'vowed to retaliate for the strikes': the strikes happened
    below = trigger
    for tok, via in _chain(trigger):
        clause = below
        purpose, below = via == "adverb_clause" and _infinitive(clause), tok  # 'would be sent to join X'
        if only_conditions:
            if (tok == trigger or via in roles.CONDITION_LINKS) and any(
                    c.dep_ == "subordinator" and c.lower_ in cues.conditional_markers for c in tok.children):
                return True
            if tok != trigger and via in roles.PLANNING_COMPLEMENTS and tok.lemma_.lower() in cues.expected_governors:
                return True  # 'is expected to ask X to ...': not asked yet
        elif tok == trigger and tok.pos_ == "VERB" and tok.lemma_.lower() in cues.promising_verbs:
            return True  # 'have promised personnel'
        elif tok == trigger or via in roles.PLANNED_LINKS or purpose:
            if any(c.dep_ in roles.AUXILIARIES and c.lower_ in cues.future_auxiliaries and not (
                    c.lower_ in cues.perfect_contractions and tok.tag_ == "participle") for c in tok.children):
                return True
            if any(c.dep_ == "adjective" and c.lower_ in cues.planning_adjectives for c in tok.children):
                return True
            if _future_form(tok, cues):
                return True
            if any(c.dep_ == "subordinator" and c.lower_ in cues.conditional_markers for c in tok.children):
                return True
            if _going_to(tok, cues) or _arranged(tok):
                return True
            if purpose and tok.lemma_.lower() in language_of(tok).words.travel_verbs and not _past(tok):
                return True  # 'are traveling to X on Feb. 5 to meet Y': not there yet
        if tok != trigger and not only_conditions:
            lemma = tok.lemma_.lower()
            if via in roles.PLANNING_COMPLEMENTS and lemma in cues.planning_governors and (
                    via != "noun_clause" or _infinitive(clause)):  # 'a plan to meet X', not 'the plan proposed by X'
                return True
            if via == "prep_object" and lemma in cues.planned_destinations and tok.head.lemma_.lower() in cues.planning_governors:
                return True  # 'agreed to talks with Y'
            if lemma == cues.looking_forward.verb and any(c.lower_ == cues.looking_forward.particle for c in tok.children):
                return True
            if via in roles.PLANNING_NOUN_LINKS and lemma in cues.planning_nouns:
                return True
        if via in roles.REPORTED_CLAUSES:
            break
    return False


def _future_form(verb: "Token", cues: ModalityCues) -> bool:
    """A verb whose own form, or its auxiliary's, is a future or a conditional ('recevra', 'aurait
    rencontré'), where the language makes them so."""
    features = [feature.split("=", 1) for feature in cues.future_features]
    return any(t.morph.get(name) == [value] for t in (verb, *(c for c in verb.children if c.dep_ in roles.AUXILIARIES))
               for name, value in features)


def asked_of_another(clause: "Token") -> bool:
    """Whether a verb of addressing asks this infinitive of someone else: its object ('urged X to
    condemn Y'), whom it calls on ('called on X to ...') or the clause's own subject ('wants X to
    ...'): a stance asked for, not yet taken."""
    verb = clause.head
    if clause.dep_ not in roles.PLANNING_COMPLEMENTS or verb == clause or not _infinitive(clause) \
            or verb.lemma_.lower() not in language_of(verb).words.addressing_verbs:
        return False
    return any(c.dep_ in roles.DIRECT_OBJECTS or (c.dep_ in roles.VERB_PARTICLES and any(
        p.dep_ == "prep_object" for p in c.children)) for c in verb.children) or any(
        c.dep_ in roles.NOMINAL_SUBJECTS for c in clause.children)


def _infinitive(verb: "Token") -> bool:
    return verb.tag_ == "base_verb" and any(c.dep_ == "auxiliary" and c.tag_ == "infinitive_to" for c in verb.children)


def _arranged(verb: "Token") -> bool:
    """An infinitive no finite verb governs tells of what is to come: a headline's 'Ostrian leader
    to visit Valmora', and 'the two sides were to discuss trade' (arranged, not yet done)."""
    if not _infinitive(verb):
        return False
    head = verb.head
    if head == verb:
        return True
    if verb.dep_ == "open_clause" and head.lemma_.lower() == language_of(verb).words.copula:
        return True
    return head.dep_ == "root" and head.pos_ in ("NOUN", "PROPN")


def _responded_to(trigger: "Token", cues: ModalityCues) -> bool:
    """An event noun a response is for: 'retaliate for X's strikes', 'punish X for the attack'."""
    prep = trigger.head
    return trigger.dep_ == "prep_object" and prep.lower_ in cues.reason_prepositions and prep.head != prep \
        and prep.head.lemma_.lower() in cues.responding_verbs


def _going_to(tok: "Token", cues: ModalityCues) -> bool:
    """'is going to meet'."""
    going = cues.going_to
    return tok.tag_ == "gerund" and tok.lemma_.lower() == going.verb and any(c.dep_ == "open_clause" for c in tok.children) \
        and any(c.dep_ == "auxiliary" and c.lower_ in going.auxiliaries for c in tok.children)
