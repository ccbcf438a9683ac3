"""Relations from nouns: event nouns with their participants ('talks between A and B', 'Iran's
support for X'), stances held on behalf of an actor ('pledged Iran's full support'), and roles one
actor plays for another ('its Russian ally', 'X, an enemy of Y')."""
from __future__ import annotations

import itertools
from typing import TYPE_CHECKING

from kg.extraction.relations.constructions import construction, handler
from kg.extraction.relations.companions import companions
from kg.extraction.relations.arguments import participle_owners, unique as _unique, with_coordinated
from kg.extraction.relations.places import place_states
from kg.extraction.relations.sides import pitted_sides, sides_of
from kg.extraction.relations.found import Reading
from kg.extraction.relations.listed import listed_after_them, listed_beside
from kg.extraction.relations.speakers import spoken_for
from kg.extraction.relations.nounmeetings import noun_meeting, travelled_for
from kg.extraction.relations.stancewords import (named_after, noun_topic, provoked_by, requested, requesters, sources,
                                                undergoers, with_purpose)
from kg.knowledge.language import language_of
from kg.model import MEMBER, ActorType, Modality
from kg.extraction.relations.modality import asked_of_another, modality_of
from kg.knowledge.lexicon import NounFlag, NounRule, WordKind
from kg.extraction.parsing import roles

if TYPE_CHECKING:
    from spacy.tokens import Token

__all__ = ["read_noun", "read_members", "noun_owners"]

STANCE_CONFIDENCE = 0.75
ROLE_CONFIDENCE = 0.8
NOUN_SHARE = 0.9  # of a verb's confidence: a noun says less of who did what

#: The flags of a noun entry read in deciding whether the noun counts (`read_noun`), whatever its
#: construction: every noun construction reads them.
NOUN_FLAGS = (NounFlag.plural_only, NounFlag.requires, NounFlag.excludes)


def read_noun(r: Reading, noun: "Token", rule: NounRule) -> None:
    if rule.plural_only and noun.tag_ not in ("plural_noun", "plural_name"):
        return
    modifiers = {c.lower_ for c in noun.children if c.dep_ in roles.REQUIREMENT_MODIFIERS}
    if (rule.requires and not modifiers & set(rule.requires)) or modifiers & set(rule.excludes):
        return
    handler(WordKind.NOUN, rule.construction)(r, noun, rule)


@construction("meeting", WordKind.NOUN, "everyone the noun names meets: 'talks between X and Y', 'X's meeting with Y'",
              reads=(*NOUN_FLAGS, NounFlag.object_preps, NounFlag.place_objects))
@construction("event", WordKind.NOUN, "the owner (a possessor or the subject of a light verb) to the partner after a "
              "preposition: 'Iran's attack on X', 'clashes between X and Y'",
              reads=(*NOUN_FLAGS, NounFlag.object_preps, NounFlag.place_objects), default=True)
def _event(r: Reading, noun: "Token", rule: NounRule) -> None:
    """'Iran's attack on X', 'clashes between X and Y' (each on the other); and with
    `meeting`, everyone the noun names meets: 'talks between X and Y', 'X's meeting with Y'."""
    between: list[int] = []
    partners: list[int] = []
    destinations: list[int] = []  # 'a visit to A and to B': each a visit of its own, not a meeting of A and B
    sites: list[int] = []  # 'Pakistani air strikes in Paktika': where, when no target is named
    words = r.words
    attached = list(noun.children)
    if noun.dep_ in roles.NOMINAL_SUBJECTS and noun.head.lemma_.lower() in words.happening_verbs:
        attached += [c for c in noun.head.children if c.dep_ == "preposition"]  # 'no meeting took place between A and B'
    elif noun.dep_ == "object":  # 'mediated indirect talks on Friday between A and B', 'between' hung on the verb
        attached += [c for c in noun.head.children if c.dep_ == "preposition" and c.lower_ in words.between]
    attached += _hung_on_owner(r, noun)
    attached = [x for c in attached for x in (with_coordinated(c) if c.dep_ == "preposition" else [c])]  # 'talks with X and with Y'
    between += pitted_sides(r, noun)
    for child in attached:
        preposition = child.dep_ == "preposition" or child.pos_ == "ADP"
        if preposition and child.lower_ in words.between:
            between += [a for p in child.children if p.dep_ == "prep_object" for a in sides_of(r, p)]
        elif preposition and (child.lower_ == words.accompanying or child.lower_ in rule.object_preps):
            found = [a for p in child.children if p.dep_ == "prep_object"
                     for a in r.args.actors_of(p) or (place_states(r.args, p) if rule.place_objects else [])]
            partners += found
            destinations += found if child.lower_ != words.accompanying else []
        elif preposition and words.in_(child.lower_) and rule.place_objects:
            sites += [a for p in child.children if p.dep_ == "prep_object" for a in place_states(r.args, p)]
        elif child.dep_ == "relative_clause" and _brings_together(child):
            between += [a for c in child.children if c.dep_ == "object" for a in r.args.actors_of(c)]
    if not partners and not between:
        partners = sites
    carrier = _measured_by(noun)
    if not partners and not between and carrier.dep_ == "object":
        partners = _objects_on_verb(r, carrier, rule)  # 'carried out strikes ... on X', "welcomed X's help to Y"
    owners = noun_owners(r, noun, with_partner=bool(partners)) if not between else []
    if not owners and partners and not between:  # "une attaque de X contre Y", 'the attack of X on Y'
        owners = [a for c in noun.children if c.dep_ == "preposition" and words.of(c.lower_) and c.lower_ not in rule.object_preps
                  for p in c.children if p.dep_ == "prep_object" for a in r.args.actors_of(p) if a not in partners]
    if not partners and not between and (targets := _under_it(r, noun)):  # 'X's positions came under fire from Y'
        partners, owners = targets, owners or named_after(r, [noun], r.words.source_preposition)
    modality = modality_of(noun)
    if modality is Modality.ASSERTED and travelled_for(noun) not in (None, "past_verb", "participle"):
        modality = Modality.PLANNED  # 'M23 rebels arrive in Qatar for talks': still to be held
    confidence = r.confidence(noun, []) * NOUN_SHARE
    if not partners and not between and len(owners) >= 2 and _exchanged(noun):  # 'X and Y traded accusations'
        pairs = itertools.combinations if rule.relation.symmetric else itertools.permutations
        for a, b in pairs(owners, 2):
            r.add(a, rule.relation, b, None, modality, noun, confidence)
        return
    if rule.construction == "meeting":
        noun_meeting(r, noun, (owners, partners, between, destinations), modality, confidence)
        return
    sources = between if between and not owners else owners
    for s in sources:
        for o in partners or ([b for b in between if b != s] if rule.relation.spec.mutual and not owners else []):
            if s != o:
                r.add(s, rule.relation, o, None, modality, noun, confidence)






def _under_it(r: Reading, noun: "Token") -> list[int]:
    """'The convoy came under attack', 'Ostrian positions were under fire': whose the subject is."""
    prep, words = noun.head, r.words
    if noun.dep_ != "prep_object" or prep.lower_ != words.undergoing.particle or prep.head == prep \
            or prep.head.lemma_.lower() not in words.undergoing.verbs:
        return []
    return _unique(a for h in r.args.subject_heads(prep.head) for a in r.args.actors_of(h))


def _exchanged(noun: "Token") -> bool:
    """'traded accusations', 'exchanged fire': what those who do it give each other."""
    verb = _measured_by(noun)
    return verb.dep_ == "object" and verb.head.lemma_.lower() in language_of(noun).words.exchanging_verbs


def _beyond_a_phrase(noun: "Token", modifier: "Token") -> bool:
    """'l'attaque du X contre l'armée bolivienne': an adjective the parser hung on the noun across a
    prepositional phrase belongs to the phrase's noun."""
    return modifier.i > noun.i and any(t.pos_ == "ADP" for t in noun.doc[noun.i + 1:modifier.i])


def _hung_on_owner(r: Reading, noun: "Token") -> list["Token"]:
    """'l'attaque du X contre Y' with 'contre' hung on X by the parser: the prepositions other than
    'of' on the object of the noun's 'of', where the owner follows the noun."""
    if not r.words.modifiers_follow_head:
        return []
    return [c for of in noun.children if of.dep_ == "preposition" and r.words.of(of.lower_)
            for p in of.children if p.dep_ == "prep_object"
            for c in p.children if c.dep_ == "preposition" and not r.words.of(c.lower_)]


def _owner_after(r: Reading, noun: "Token") -> list[int]:
    """Where the owner follows the noun ('l'attaque du JNIM contre l'armée', 'la rencontre de X avec
    Y'): the actor after 'of', when another preposition names the partner."""
    words = r.words
    if not words.modifiers_follow_head:
        return []
    preps = [c for c in noun.children if c.dep_ == "preposition"] + _hung_on_owner(r, noun)
    if not any(not words.of(c.lower_) and r.args.actors_of(p) for c in preps for p in c.children if p.dep_ == "prep_object"):
        return []
    return [a for c in preps if words.of(c.lower_) for p in c.children if p.dep_ == "prep_object"
            for a in r.args.actors_of(p) if r.args.actors.actors[a].type is not ActorType.PLACE]


def noun_owners(r: Reading, noun: "Token", speaker_first: bool = False, with_partner: bool = False) -> list[int]:
    """Whose meeting or stance a noun names: its possessor ('Iran's support'), or the subject of
    the light verb it is the object of ('held talks', 'pledged support'); with `speaker_first`
    the subject wins ('he pledged Iran's support': he speaks)."""
    owners = [a for c in noun.children if c.dep_ == "possessor" for a in r.args.actors_of(c)]
    owners = owners or [a for c in noun.children if c.dep_ == "agent" or (
        c.dep_ == "preposition" and c.lower_ == r.words.agent_preposition) for p in c.children for a in r.args.actors_of(p)]
    owners = owners or [a for c in noun.children if c.dep_ in roles.NAME_MODIFIERS and not _beyond_a_phrase(noun, c)
                        for a in r.args.actors_of(c)]
    owners = owners or _owner_after(r, noun)
    owners = owners or participle_owners(r.args, noun)
    noun = _measured_by(noun)
    head = noun.head
    speakers = []
    if noun.dep_ == "passive_subject" and head.lemma_.lower() in r.rules.lexicon.light_verbs and not _meeting_noun(r, noun):
        # 'the attack was claimed by X' (who hosted or attended a meeting is read with the meeting)
        speakers = [a for c in head.children if c.dep_ == "agent" for p in c.children for a in r.args.actors_of(p)]
    elif noun.dep_ == "object" and (head.lemma_.lower() in r.rules.lexicon.light_verbs or (
            with_partner and _meeting_noun(r, noun))):  # 'X postponed talks with Y', not 'X deplored attacks on Y'
        speakers = [a for h in r.args.subject_heads(head) + companions(head) for a in r.args.actors_of(h)]
    elif (entered := _entered(noun)) is not None:  # 'X would return to negotiations with Y'
        speakers = [a for h in r.args.subject_heads(entered) for a in r.args.actors_of(h)]
    if speaker_first and speakers:
        return speakers
    if owners:
        return owners
    if speakers:
        return speakers
    if noun.dep_ in roles.NOMINAL_SUBJECTS and not speaker_first and _meeting_noun(r, noun):
        # 'the talks were productive, X said': X's talks; not 'fighting broke out ..., said X', nor a stance
        tok = head
        while tok.dep_ == "complement_clause" and tok.head != tok:
            tok = tok.head
            subjects = [c for c in tok.children if c.dep_ in roles.SUBJECTS]
            if subjects and tok.lemma_.lower() in r.words.speech_verbs:
                return [a for h in subjects for a in r.args.actors_of(h)]
    return []


def _entered(noun: "Token") -> "Token | None":
    """'returned to talks', 'agreed to negotiations', 'flew to X for talks': the verb whose subject
    goes where the noun is (also when the parser reads 'to talks' as an infinitive)."""
    words = language_of(noun).words
    if travelled_for(noun) is not None:
        return noun.head.head  # 'flew to X for talks with Y'
    if noun.dep_ == "prep_object" and noun.head.lower_ in words.entering_prepositions and noun.head.head != noun.head:
        verb = noun.head.head
    elif noun.dep_ == "open_clause" and any(c.dep_ == "auxiliary" and c.lower_ in words.entering_prepositions for c in noun.children):
        verb = noun.head
    else:
        return None
    return verb if verb.pos_ in ("VERB", "AUX") and verb.lemma_.lower() in words.entering_verbs else None


def _meeting_noun(r: Reading, noun: "Token") -> bool:
    rule = r.rules.nouns.get(noun.lemma_.lower())
    return rule is not None and rule.construction == "meeting"


def _objects_on_verb(r: Reading, noun: "Token", rule: NounRule) -> list[int]:
    """The actors after the noun's prepositions that the parser hung on the verb it is the object
    of ('heaped praise on X', 'carried out strikes in weeks on X', "welcomed Ethiopia's contribution
    of forces to Y"), unless the verb reads that preposition itself ('sent aid to X')."""
    verb = noun.head
    light = verb.lemma_.lower() in r.rules.lexicon.light_verbs
    own = {p for v in r.rules.verb_rules(verb.lemma_.lower()) for p in (*v.preps, v.particle) if p}
    preps = set(rule.object_preps) | ({r.words.accompanying} if rule.construction == "meeting" and light else set())
    return [a for c in verb.children if (c.dep_ == "preposition" or (c.dep_ == "dative" and c.pos_ == "ADP"))
            and c.lower_ in preps and (light or c.lower_ not in own)  # 'had lunch with X', 'has provided support to X'
            for p in c.children if p.dep_ == "prep_object" for a in r.args.actors_of(p)]


def _measured_by(noun: "Token") -> "Token":
    """'began two days of talks', 'carried out some of the heaviest strikes': the word that
    measures the event stands in its place as the light verb's object; so does the first of
    coordinated events ('carried out air strikes and ground operations')."""
    words = language_of(noun).words
    while noun.dep_ == "conjunct" and noun.head != noun and noun.head.pos_ in ("NOUN", "PROPN"):
        noun = noun.head
    if noun.dep_ == "prep_object" and words.of(noun.head.lower_) and noun.head.head.dep_ == "object" \
            and noun.head.head.lower_ not in words.people_nouns:  # not 'exchanged prisoners of war'
        return noun.head.head
    if noun.dep_ == "prep_object" and noun.head.lower_ == words.serving and noun.head.head.lemma_.lower() in words.claimed_nouns:
        return noun.head.head  # 'claimed responsibility for the attack'
    return noun


@construction("stance", WordKind.NOUN, "a stance held on an actor's behalf: 'pledged Iran's support for X'",
              reads=(*NOUN_FLAGS, NounFlag.object_preps, NounFlag.requires_purpose))
def _stance_noun(r: Reading, noun: "Token", rule: NounRule) -> None:
    """'pledging Iran's full support for X', 'heaped praise on X', 'its condemnation of X'."""
    if rule.requires_purpose and not with_purpose(noun):
        return
    targets = [a for c in noun.children if c.dep_ == "preposition" and c.lower_ in rule.object_preps
               for p in c.children if p.dep_ == "prep_object" for a in r.args.actors_of(p) or r.args.stance_actors(p)]
    targets += [a for c in noun.children if c.dep_ in roles.INFINITIVE_CLAUSES and any(
                    m.dep_ == "subordinator" and m.lower_ in rule.object_preps for m in c.children)
                for s in c.children if s.dep_ in roles.NOMINAL_SUBJECTS for a in r.args.actors_of(s)]  # 'a call for X to leave'
    if not targets and noun.dep_ == "object":
        targets = _objects_on_verb(r, noun, rule) or provoked_by(r, noun)
    if not targets:
        targets = undergoers(r, noun)
    holders = noun_owners(r, noun, speaker_first=True) or sources(r, noun) or requesters(r, noun) or (
        named_after(r, [noun], r.words.belonging) if r.words.belonging not in rule.object_preps else [])  # 'the opposition of X to Y'
    if not holders:
        return
    modality = modality_of(noun, stance=True)
    if noun.dep_ == "object":
        modality = modality_of(noun.head, stance=True)
        if modality is Modality.ASSERTED and noun.head.lemma_.lower() in r.rules.lexicon.light_verbs \
                and asked_of_another(noun.head):
            modality = Modality.PLANNED  # 'urged X to voice its support for Y': asked of X, not yet voiced
    topic = requested(noun) or noun_topic(noun, rule.object_preps) if not targets and rule.relation.spec.topic else None
    for a in _unique(holders):
        for b in _unique(targets):
            if a != b:
                r.add(a, rule.relation, b, None, modality, noun, STANCE_CONFIDENCE)
        if topic:  # 'the Houthis' insistence on salaries'
            r.add(a, rule.relation, None, topic, modality, noun, STANCE_CONFIDENCE)


@construction("role", WordKind.NOUN, "what one actor is to another: 'its Russian ally', 'X, an enemy of Y'",
              reads=NOUN_FLAGS)
def _role(r: Reading, noun: "Token", rule: NounRule) -> None:
    """What one actor is to another: 'its Russian ally', 'X is Y's main backer',
    'X, an enemy of Y', 'X has been one of Y's backers'."""
    if any(c.dep_ in roles.ADJECTIVE_MODIFIERS and c.lower_ in r.words.bygone_modifiers for c in noun.children):
        return  # 'a former member of X', 'its erstwhile ally'
    if rule.relation.symmetric and noun.dep_ != "attribute" and any(
            c.dep_ == "possessor" and c.lower_ in r.words.speaker_pronouns for c in noun.children):
        return  # 'talks with our US partners': how a speaker names those it deals with ('X are our partners' says more)
    holders = list(r.actors.at(r.sentence.index, noun.i))
    holders += [a for c in noun.children if c.dep_ == "apposition" for a in r.args.actors_of(c)]
    role = noun
    if noun.dep_ == "prep_object" and r.words.of(noun.head.lower_) and noun.head.head.lower_ == r.words.one:
        role = noun.head.head
    while role.dep_ == "conjunct" and role.head != role and not holders:
        role = role.head  # 'X, leader of Y and Z's closest ally': the first of the coordinated roles
    if not holders and role != noun and any(c.dep_ == "apposition" and role.i < c.i < noun.i for c in role.children):
        holders += r.actors.at(r.sentence.index, role.i)  # the same, hung by the parser on X's name
    if role.dep_ == "attribute":
        holders += [a for c in role.head.children if c.dep_ in roles.SUBJECTS for a in r.args.actors_of(c)]
    elif role.dep_ == "apposition" and not holders:
        holders += r.args.actors_of(role.head) or place_states(r.args, role.head)  # 'from Washington, X's ally'
    elif role.dep_ == "subject" and role.head.lemma_ == r.words.copula:  # 'whose main component is the YPG'
        holders += [a for c in role.head.children if c.dep_ == "attribute" for a in r.args.actors_of(c)]
    counterparts = [a for c in noun.children if c.dep_ == "possessor" for a in spoken_for(r.args, c)]
    if not counterparts and role is not noun and noun.dep_ == "conjunct":  # "the junta's largest trading
        counterparts = [a for c in role.children if c.dep_ == "possessor" for a in r.args.actors_of(c)]  # partner and arms supplier"
    if not counterparts:  # 'UNIFIL, the UN peacekeeping force', 'Hezbollah, the Hamas ally': the one named before the noun
        named_here = r.actors.at(r.sentence.index, noun.i)  # ('US and British forces': no list of counterparts)
        counterparts += [a for c in noun.children if c.pos_ == "PROPN" and c.i < noun.i and (c.dep_ == "compound" or (
                             c.dep_ in roles.NAME_MODIFIERS and not named_here))
                         for a in (r.actors.at(r.sentence.index, c.i) if named_here else r.args.actors_of(c))
                         if r.actors.actors[a].type not in (ActorType.PERSON, ActorType.PLACE)
                         and a not in named_here]  # 'a NATO and European Union member'; not the 'Quds' of 'Quds Force'
    if not counterparts and role.dep_ == "attribute" and not any(c.dep_ == "possessor" for c in noun.children):
        # 'X is a Russian ally' (not 'its Palestinian ally', nor 'Rwandan and Mozambican forces')
        counterparts += [a for c in noun.children if c.dep_ in roles.ADJECTIVE_MODIFIERS | {"compound"}
                         for a in r.actors.at(r.sentence.index, c.i) if r.actors.actors[a].type is ActorType.COUNTRY]
    if any(c.dep_ == "possessor" and c.lower_ == r.words.possessive_relative for c in noun.children):
        verb = noun.head
        while verb.dep_ != "relative_clause" and verb.head != verb:
            verb = verb.head
        if verb.dep_ == "relative_clause":
            counterparts += r.args.actors_of(verb.head)
    counterparts += [a for c in noun.children if c.dep_ == "preposition" and c.lower_ in r.words.role_prepositions
                     for p in c.children if p.dep_ == "prep_object" for a in r.args.actors_of(p)]
    holders = listed_after_them(r.args, noun, [noun]) or listed_beside(r.args, noun) \
        or [h for h in holders if h not in counterparts]
    modality = modality_of(role, stance=True)  # ("the group's members of X's parliament"; 'members of X, among them A')
    for a in _unique(holders):
        for b in _unique(counterparts):
            r.add(a, rule.relation, b, None, modality, noun, ROLE_CONFIDENCE)


def read_members(r: Reading, noun: "Token") -> None:
    """'X, an alliance of A, B and C', 'X is a coalition of A and B': A, B and C are members of X
    (not the state an organisation's name ends in: 'UFDG (Union des forces démocratiques de Guinée)')."""
    if noun.text[:1].isupper() and not noun.is_sent_start:
        return
    if noun.dep_ == "apposition":
        wholes = list(r.actors.at(r.sentence.index, noun.head.i))  # not the names set beside it
    elif noun.dep_ == "attribute":
        wholes = [a for c in noun.head.children if c.dep_ in roles.SUBJECTS for a in r.args.actors_of(c)]
    else:
        return
    members = [a for c in noun.children if c.dep_ == "preposition" and r.words.of(c.lower_)
               for p in c.children if p.dep_ == "prep_object" for a in r.args.actors_of(p)]
    modality = modality_of(noun, stance=True)
    for whole in _unique(wholes):
        for member in _unique(members):
            if member != whole:
                r.add(member, MEMBER, whole, None, modality, noun, ROLE_CONFIDENCE)


def read_named_set(r: Reading, name: "Token") -> None:
    """'Britain, France and Germany, the E3, ...': a body named beside a list of states is theirs,
    each a member of it."""
    if name.dep_ != "apposition" or name.head == name:
        return
    head = name.head
    while head.dep_ == "conjunct" and head.head != head:  # the parser may hang the name on the list's last
        head = head.head
    listed = [t for t in head.subtree if t.dep_ == "conjunct" and t.head.i < name.i]
    if not listed or any(t.i > name.i for t in listed):
        return  # 'the US, the EU and their allies': the list goes on after the name, which is one of it
    known = r.actors.actors
    wholes = [a for a in r.actors.at(r.sentence.index, name.i)
              if known[a].type in (ActorType.INTERNATIONAL_ORGANIZATION, ActorType.ORGANIZATION)]
    members = [a for a in r.args.actors_of(head) if known[a].type is ActorType.COUNTRY and a not in wholes]
    if not wholes or len(members) < 2:
        return  # 'France, the E3 member': one state beside a body's name is described, no list
    modality = modality_of(name, stance=True)
    for whole in wholes:
        for member in _unique(members):
            r.add(member, MEMBER, whole, None, modality, name, ROLE_CONFIDENCE)


def _brings_together(clause: "Token") -> bool:
    """'a meeting that brought together A and B'."""
    phrase = language_of(clause).words.bringing_together
    return clause.lemma_.lower() == phrase.verb and any(c.lower_ == phrase.particle for c in clause.children)

