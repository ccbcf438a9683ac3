"""The meeting a meeting noun names: its owners with its partners, the parties 'between' it,
whoever hosts or mediates it ('X is mediating talks between A and B'), and the visitors of a
visit ('the visit of X to Y'); co-travellers do not meet each other."""
from __future__ import annotations

from typing import TYPE_CHECKING

from kg.extraction.relations.arguments import unique as _unique
from kg.extraction.relations.found import Reading
from kg.extraction.relations.overseers import meet_overseers
from kg.extraction.parsing import roles
from kg.knowledge.language import language_of

if TYPE_CHECKING:
    from spacy.tokens import Token

__all__ = ["noun_meeting", "travelled_for"]


def noun_meeting(r: Reading, noun: "Token", named: tuple[list[int], ...], modality, confidence: float) -> None:
    """The meeting a noun names, from its owners, partners, the parties 'between' it and the
    destinations of a visit."""
    owners, partners, between, destinations = named
    if not partners and not between and noun.lemma_.lower() in r.words.travel_nouns:
        return  # 'the visit to Pretoria by X and Y': they travel together, they do not meet
    if not owners and not between and partners:
        owners = _unowned_meeting(r, noun, partners, destinations)
        if owners is None:
            return
    participants = _unique(between + owners + partners)
    if len(participants) >= 2:
        sides = (owners, partners) if owners and partners and not between else None
        r.meeting(participants, modality, noun, confidence, sides)
        meet_overseers(r, noun, participants, modality, confidence, phrase=True)
        if noun.dep_ in roles.NOMINAL_SUBJECTS and noun.head.lemma_.lower() in r.words.happening_verbs:
            meet_overseers(r, noun.head, participants, modality, confidence)  # 'talks took place with X's mediation'
        hosts = [a for a in _mediators(r, noun) if a not in participants]
        if between and hosts:  # 'X is mediating talks between A and B', 'talks between A and B hosted by X'
            r.meeting(hosts + participants, modality, noun, confidence, (hosts, participants))
    elif participants:  # 'X held its first session with the mediators': whoever joins it meets X
        r.meeting(participants, modality, noun, confidence)


def _mediators(r: Reading, noun: "Token") -> list[int]:
    """Who holds talks between others: the subject of the verb of mediating or hosting the noun is
    the object of, or the agent of such a participle after it."""
    verb, mediating = noun.head, r.words.mediating_verbs
    if noun.dep_ == "object" and verb.lemma_.lower() in mediating:
        return [a for h in r.args.subject_heads(verb) for a in r.args.actors_of(h)]
    return [a for c in noun.children if c.dep_ == "noun_clause" and c.lemma_.lower() in mediating
            for g in c.children if g.dep_ == "agent" for p in g.children if p.dep_ == "prep_object"
            for a in r.args.actors_of(p)]


def _unowned_meeting(r: Reading, noun: "Token", partners: list[int], destinations: list[int]) -> list[int] | None:
    """Who holds a meeting with the partners a noun names when it names no owner: the subject of
    the clause it is the setting of ('In a meeting with X, Y warned ...'; not 'the two sides'), or
    the visitors named after 'of' ('the visit of X to Y'); None when there is no meeting: the
    destinations of a visit whose visitors go unnamed do not meet each other."""
    if noun.dep_ == "prep_object" and noun.head.head != noun.head and (
            noun.head.lower_ in r.words.meeting_settings or travelled_for(noun) is not None):  # 'flew to X for talks with Y'
        hosts = [a for h in r.args.subject_heads(noun.head.head)
                 if r.actors.index.cue(r.sentence.index, h.i) != "description"
                 for a in r.args.actors_of(h) if a not in partners]
        if hosts:
            return hosts
    if any(c.dep_ == "possessor" and c.pos_ == "PRON" for c in noun.children):
        return None  # 'their meeting with A and B': owners the text does not resolve, no meeting of A and B
    if noun.tag_ == "plural_noun" and noun.lower_ != noun.lemma_.lower() and len(set(partners)) >= 2:
        return None  # 'the visit included meetings with A and B': one meeting with each
    if not set(partners) <= set(destinations):
        return []
    visitors = _visitors(r, noun)
    return visitors if visitors or len(set(partners)) <= 1 else None


def _visitors(r: Reading, noun: "Token") -> list[int]:
    """'the visit of X and Y to Z': who makes a visit, named after 'of'."""
    return [a for c in noun.children if c.dep_ == "preposition" and r.words.of(c.lower_)
            for p in c.children if p.dep_ == "prep_object" for a in r.args.actors_of(p)]


def travelled_for(noun: "Token") -> str | None:
    """The tense tag of the verb of travelling a noun is the purpose of ('flew to X for talks with
    Y': past, the talks held; 'arrive in X for talks': still to be held), if it is one."""
    words = language_of(noun).words
    if noun.dep_ != "prep_object" or noun.head.lower_ not in words.purpose_prepositions or noun.head.head == noun.head:
        return None
    verb = noun.head.head
    if verb.pos_ not in ("VERB", "AUX") or verb.lemma_.lower() not in words.travel_verbs:
        return None
    return verb.tag_
