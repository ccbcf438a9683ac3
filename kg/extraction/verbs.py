"""Relations from verbs: the lexicon's verb rules read with their subjects and objects (active
and passive voice, coordination, control into infinitives and participles, phrasal verbs,
hyphenated participles such as 'Rwanda-backed'), including the meetings verbs name."""
from __future__ import annotations

import itertools
from typing import TYPE_CHECKING

from ..model import MEETING, Modality
from .arguments import unique as _unique
from .found import Reading
from .language import language
from .meetings import hosted_meeting, noun_participants, present_at, told_of
from .modality import modality_of
from .rules import VerbRule

if TYPE_CHECKING:
    from spacy.tokens import Token

__all__ = ["read_verb"]

WORDS = language().words
DEPS = language().syntax
MAX_TOPIC = 160  # characters of what was called for


def read_verb(r: Reading, verb: "Token") -> None:
    rules = _verb_rules(r, verb)
    for rule in rules:
        _verb_relation(r, verb, rule)


def _verb_rules(r: Reading, verb: "Token") -> list[VerbRule]:
    candidates = r.rules.verb_rules(verb.lemma_.lower())
    particles = {c.lower_ for c in verb.children if c.dep_ in DEPS.verb_particles}
    with_particle = [r for r in candidates if r.particle and r.particle in particles]
    if with_particle:
        return with_particle[:1]
    plain = [r for r in candidates if not r.particle]
    return plain


def _hyphen_compound(r: Reading, verb: "Token", rule: VerbRule) -> bool:
    """'Rwanda-backed M23 rebels': the actor before the hyphen acts on the noun's actor."""
    doc = verb.doc
    if verb.i < 2 or doc[verb.i - 1].text != "-" or rule.relation is MEETING:
        return False
    subjects = r.actors.at(r.sentence.index, verb.i - 2)
    head = verb.head if verb.head != verb else None
    while head is not None and not r.actors.at(r.sentence.index, head.i) and head.dep_ in DEPS.adjective_modifiers:
        head = head.head
    objects = r.args.actors_of(head) if head is not None else []
    for s in subjects:
        for o in objects:
            if s != o:
                r.add(s, rule.relation, o, None, Modality.ASSERTED, verb, 0.8)
    return True


def _verb_relation(r: Reading, verb: "Token", rule: VerbRule) -> None:
    if _hyphen_compound(r, verb, rule):
        return
    if rule.requires_xcomp and not any(c.dep_ == "xcomp" for c in verb.children):
        return
    passive = any(c.dep_ in DEPS.passive for c in verb.children)
    subjects, objects, topic_head = _arguments(r, verb, rule, passive)
    if rule.reciprocal and len(subjects) == 1 and not objects:
        subjects += r.args.coordinated_before(verb)
    if rule.object_types is not None:
        objects = [o for o in objects if r.actors.actors[o].type in rule.object_types]
    modality = modality_of(verb, stance=rule.stance)
    confidence = r.confidence(verb, subjects)
    if rule.relation.spec.topic:
        topic = _topic(r, verb, rule, topic_head)
        for s in subjects:
            targets = [o for o in objects if o != s] or [None]
            for o in targets:
                r.add(s, rule.relation, o, topic if o is None else None, modality, verb, confidence)
        return
    meeting_noun = hosted_meeting(r, verb) if passive and not objects else None
    if rule.relation is MEETING and meeting_noun is not None:
        hosted = noun_participants(r, meeting_noun) or told_of(r, meeting_noun)  # 'held talks ..., hosted by X'
        participants = _unique(subjects + hosted)
        if subjects and len(participants) >= 2:
            r.meeting(participants, modality_of(meeting_noun), verb, confidence, (subjects, hosted))
        return
    if rule.relation is MEETING:
        subjects = _unique(subjects + present_at(r, verb))
        participants = _unique(subjects + objects)
        if len(participants) >= 2 and ((objects and (subjects or rule.particle == WORDS.together)) or rule.reciprocal):
            sides = (subjects, objects) if subjects and objects and not rule.joint_objects else None
            r.meeting(participants, modality, verb, confidence, sides)
        return
    if not objects and rule.reciprocal and len(subjects) >= 2:
        for a, b in itertools.combinations(subjects, 2):
            r.add(a, rule.relation, b, None, modality, verb, confidence)
        return
    for s in subjects:
        for o in objects:
            if s != o:
                pair = (o, s) if rule.inverse else (s, o)
                r.add(pair[0], rule.relation, pair[1], None, modality, verb, confidence)


def _arguments(r: Reading, verb: "Token", rule: VerbRule, passive: bool):
    subject_heads = r.args.subject_heads(verb)
    object_heads: list["Token"] = []
    topic_head = None
    for child in verb.children:
        if child.dep_ in DEPS.direct_objects and rule.direct:
            object_heads.append(child)
            topic_head = topic_head or child
        elif child.dep_ == "prep" and (child.lower_ in rule.preps or child.lower_ == rule.particle):
            for pobj in child.children:
                if pobj.dep_ in DEPS.prepositional_objects:
                    object_heads.append(pobj)
                    topic_head = topic_head or pobj
        elif child.dep_ == "xcomp":
            topic_head = topic_head or child
    if rule.particle == WORDS.together:
        object_heads += [c for c in verb.children if c.dep_ == "dobj"]
    if passive:
        agents = [p for c in verb.children if c.dep_ == "agent" for p in c.children if p.dep_ == "pobj"]
        patients = [c for c in verb.children if c.dep_ == "nsubjpass"]
        if not patients and verb.dep_ == "acl" and verb.head != verb:
            patients = [verb.head]  # "the army, backed by Russian aircraft"
        subject_heads, object_heads = agents, patients + object_heads
    subjects = _unique(a for h in subject_heads for a in r.args.actors_of(h))
    objects = _unique(a for h in object_heads for a in r.args.actors_of(h))
    if not objects and rule.relation.spec.stance:
        objects = _unique(a for h in object_heads for a in r.args.stance_actors(h))
    if not objects and rule.clause_object:
        clauses = [c for c in verb.children if c.dep_ == "ccomp"]
        objects = _unique(a for c in clauses for h in c.children if h.dep_ in DEPS.subjects for a in r.args.actors_of(h))
    if rule.particle == WORDS.together and not subjects:
        return objects, [], topic_head
    return subjects, [o for o in objects], topic_head


def _topic(r: Reading, verb: "Token", rule: VerbRule, topic_head: "Token | None") -> str:
    """What was called for: the object phrase, or else the rest of the clause after the verb."""
    if topic_head is not None:
        tokens = list(topic_head.subtree)
        for child in verb.children:
            if child.dep_ == "xcomp" and child != topic_head:
                tokens += list(child.subtree)
    else:
        tokens = [t for t in verb.subtree if t.i > verb.i]
    tokens = sorted({t.i: t for t in tokens}.values(), key=lambda t: t.i)
    text = ""
    if tokens:
        text = r.sentence.span.doc[tokens[0].i:tokens[-1].i + 1].text.strip(" “”\"'‘’.,")
    return text[:MAX_TOPIC] or verb.text
