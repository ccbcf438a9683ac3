"""Who took part in a meeting: the participants a meeting noun names, the meeting a participle
qualifies ('talks hosted by X'), the one the article has just told of ('The ceremony was
attended by X'), and people joining it ('Y also took part')."""
from __future__ import annotations

import itertools
from typing import TYPE_CHECKING

from kg.model import ActorType
from kg.extraction.relations.arguments import unique as _unique
from kg.extraction.relations.found import FoundMeeting, Reading
from kg.extraction.relations.modality import modality_of
from kg.extraction.relations.nouns import noun_owners
from kg.extraction.parsing import roles

if TYPE_CHECKING:
    from spacy.tokens import Token

__all__ = ["join_meeting", "hosted_meeting", "noun_participants", "present_at", "told_of"]

JOINING_CONFIDENCE = 0.7
MAX_SENTENCES_BACK = 2  # a meeting the article told of this many sentences before is still 'the meeting'


def told_of(r: Reading, noun: "Token") -> list[int]:
    """'The ceremony was hosted by X': a meeting named with 'the' and no one in it is the one
    the article has just told of."""
    if not any(r.words.definite(c.lower_) for c in noun.children) or not r.earlier:
        return []
    if any(c.dep_ == "compound" and c.pos_ == "PROPN" for c in noun.children):
        return []  # 'the Ankara talks': a meeting of its own name, not the one just told of
    last = r.earlier[-1]
    return list(last.participants) if r.sentence.index - last.sentence.index <= MAX_SENTENCES_BACK else []


def present_at(r: Reading, verb: "Token") -> list[int]:
    """'..., with X and Y also present': more people at the meeting, on its first side."""
    return [a for c in verb.children if c.dep_ == "adverb_clause" and c.lemma_ == r.words.presence
            and any(m.lower_ == r.words.accompanying for m in c.children)
            for h in c.children if h.dep_ in roles.SUBJECTS for a in r.args.actors_of(h)]


def hosted_meeting(r: Reading, verb: "Token") -> "Token | None":
    """The meeting a participle like 'hosted by X' qualifies: its head, or the object of its head;
    or the meeting that is the subject of 'was hosted by'."""
    patients = [c for c in verb.children if c.dep_ == "passive_subject"]
    if not patients and verb.dep_ == "adjective_complement" and verb.tag_ == "participle" and verb.head != verb:
        patients = [c for c in verb.head.children if c.dep_ in roles.NOMINAL_SUBJECTS]  # 'is co-hosted by X'
    for noun in patients:
        rule = r.rules.nouns.get(noun.lemma_.lower())
        if rule is not None and rule.construction == "meeting":
            return noun
    while verb.dep_ == "conjunct" and verb.head != verb:  # 'hosted by X and attended by Y'
        verb = verb.head
    head = verb.head
    if verb.dep_ not in roles.MODIFYING_CLAUSES or head == verb:
        return None
    candidates = [head] + [c for c in head.children if c.dep_ == "object"]
    for noun in candidates:
        rule = r.rules.nouns.get(noun.lemma_.lower())
        if rule is not None and rule.construction == "meeting":
            return noun
    return None


def noun_participants(r: Reading, noun: "Token") -> list[int]:
    """Everyone a meeting noun names: between, with, and its owners; else, for 'At the summit,
    X and Y pledged', the subjects of the clause the meeting is the setting of."""
    words = r.words
    ids: list[int] = []
    for child in noun.children:
        if child.dep_ == "preposition" and (child.lower_ in words.between or child.lower_ == words.accompanying):
            ids += [a for p in child.children if p.dep_ == "prep_object" for a in r.args.actors_of(p)]
    ids = _unique(ids + noun_owners(r, noun))
    if not ids and noun.dep_ == "prep_object" and noun.head.lower_ in words.meeting_settings:
        clause = noun.head.head
        told = [m for m in r.meetings if m.trigger == clause.i]  # 'met in Doha in a session hosted by X'
        ids = list(told[-1].participants) if told else \
            _unique(a for h in r.args.subject_heads(clause) for a in r.args.actors_of(h))
    return ids


def join_meeting(r: Reading, verb: "Token", last: FoundMeeting) -> None:
    """'The meeting was also attended by X', 'Y also took part': newcomers to the meeting the
    article just told of meet its participants."""
    words = r.words
    particle = words.taking_part.get(verb.lemma_.lower())
    if particle is not None and not any(c.lower_ == particle for c in verb.children):
        return  # 'took part', 'sat in on the talks'; not 'took the floor', 'sat down'
    if any(p.lemma_.lower() in words.observer_roles for c in verb.children if c.dep_ == "preposition"
           and c.lower_ in words.label_prepositions for p in c.children):
        return  # 'with X taking part as observers': no party to the talks
    noun = hosted_meeting(r, verb)
    if noun is not None and noun_participants(r, noun):
        return  # 'talks between A and B, attended by X' are those talks, read with their noun
    agents = [c for c in verb.children if c.dep_ == "agent" or (
        c.dep_ == "conjunct" and c.lower_ == words.agent_preposition)]  # '... attended by X and by Y'
    groups: list[list[int]] = []
    if agents:
        groups = [[a for p in c.children if p.dep_ == "prep_object" for a in r.args.actors_of(p)] for c in agents]
        newcomers = [a for group in groups for a in group]
        settings = [c for c in verb.children if c.dep_ == "passive_subject"]
        if not settings and verb.dep_ in roles.MODIFYING_CLAUSES and verb.head != verb:
            settings = [verb.head]  # 'a deal brokered by X': not the meeting just told of
    else:
        newcomers = [a for h in r.args.subject_heads(verb) for a in r.args.actors_of(h)]
        settings = [c for c in verb.children if c.dep_ == "object" and c.lower_ != particle]
        joined = words.joined_settings if particle is not None else {words.inside, *words.inside_forms}  # not 'joined on Monday'
        settings += [p for c in verb.children if c.dep_ == "preposition" and c.lower_ in joined
                     for p in c.children if p.dep_ == "prep_object"]
    meeting_words = {n for n, rule in r.rules.nouns.items() if rule.construction == "meeting"}
    named = [s for s in settings if s.lemma_.lower() in meeting_words]
    if settings and not named:
        return  # 'attended a funeral': not the meeting just told of
    if named and not any(words.definite(c.lower_) for s in named for c in s.children):
        return  # 'attended a meeting': another one
    newcomers = [a for a in _unique(newcomers) if a not in last.participants]
    if not newcomers or r.sentence.index - last.sentence.index > MAX_SENTENCES_BACK:
        return
    modality = modality_of(verb)
    participants = tuple(last.participants) + tuple(newcomers)
    states = _post_states(r)
    sides = {states.get(x) for x in last.participants} - {None}  # talks between states: a joiner meets the other side
    pairs = tuple((a, b) for a in newcomers for b in last.participants
                  if len(sides) < 2 or states.get(a) is None or states.get(a) != states.get(b))
    pairs += tuple((a, b) for one, other in itertools.combinations(groups, 2)  # 'attended by X and by Y'
                   for a in one for b in other if a in newcomers and b in newcomers and a != b)
    r.meetings.append(FoundMeeting(participants, pairs, modality, r.sentence, verb.i, JOINING_CONFIDENCE))


def _post_states(r: Reading) -> dict[int, str]:
    """The state of each holder of a post in a state or its body ('Y, the foreign minister, also
    attended the talks' of his president with a visitor: Y is on his president's side)."""
    known = r.actors.actors
    return {p.holder: known[p.org].canonical if known[p.org].type is ActorType.COUNTRY else known[p.org].country
            for p in r.actors.posts if known[p.org].type in (ActorType.COUNTRY, ActorType.GOVERNMENT_BODY)}
