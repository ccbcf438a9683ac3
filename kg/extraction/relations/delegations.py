"""Who belongs to a body by the way the text names it: the people listed in its delegation ('a
delegation of the X Party ..., among them A and B', 'an X delegation, including A'), the person
whose party it is ('members of his Justice and Development Party'), who leads a government
named after them ('the government of Isaias Afwerki in Asmara'), and who leads a body a relative
clause says they lead ('the Council, which X chairs,'), however the parser reads it."""
from __future__ import annotations

from typing import TYPE_CHECKING

from kg.model import LEADER, MEMBER, ActorType
from kg.extraction.relations.places import place_states
from kg.extraction.relations.found import Reading
from kg.extraction.relations.modality import modality_of
from kg.extraction.parsing import roles

if TYPE_CHECKING:
    from spacy.tokens import Token

__all__ = ["read_delegation", "read_owned_body", "read_government_of", "read_led_by_relative"]

MEMBER_CONFIDENCE = 0.75
OWNED_BODIES = (ActorType.ORGANIZATION, ActorType.ARMED_GROUP)


def read_delegation(r: Reading, noun: "Token") -> None:
    senders = [a for a in _senders(r, noun) if r.actors.actors[a].type not in (ActorType.PERSON, ActorType.PLACE)]
    if not senders:
        return
    members = _listed_after(r, noun)
    modality = modality_of(noun, stance=True)
    for person in members:
        for body in senders:
            r.add(person, MEMBER, body, None, modality, noun, MEMBER_CONFIDENCE)


def _senders(r: Reading, noun: "Token") -> list[int]:
    """'a DEM Party delegation', "Hamas's delegation", 'a delegation of the X Party'."""
    ids = [a for c in noun.children if c.dep_ in roles.OWNER_MODIFIERS for a in r.actors.at(r.sentence.index, c.i)]
    ids += [a for c in noun.children if c.dep_ == "preposition" and r.words.of(c.lower_)
            for p in c.children if p.dep_ == "prep_object" for a in r.actors.at(r.sentence.index, p.i)]
    return list(dict.fromkeys(ids))


def _listed_after(r: Reading, noun: "Token") -> list[int]:
    """The people listed after the first 'including' or 'among them' that follows the noun in its
    clause (before the sentence's main verb): the parser hangs such lists anywhere."""
    words = r.words
    doc, span = noun.doc, r.sentence.span
    root = span.root
    list_words = {",", words.conjunction}
    start = next((t.i for t in doc[noun.i + 1:span.end] if t.lower_ in words.including), None)
    if start is None or noun.i < root.i < start:
        return []
    k = start + 1
    if k < span.end and doc[k].pos_ == "PRON":
        k += 1  # 'among them'
    people: list[int] = []
    while k < span.end:
        here = [a for a in r.actors.at(r.sentence.index, k) if r.actors.actors[a].type is ActorType.PERSON]
        if here:
            people += [a for a in here if a not in people]
        elif doc[k].lower_ not in list_words and doc[k].pos_ != "PROPN":
            break
        k += 1
    return people


def read_owned_body(r: Reading, word: "Token") -> None:
    """'members of his Justice and Development Party': the person 'his' stands for is a member."""
    bodies = [a for a in r.actors.at(r.sentence.index, word.i) if r.actors.actors[a].type in OWNED_BODIES]
    named_before = any(r.actors.actors[a].type is ActorType.PERSON and r.actors.index.cue(r.sentence.index, t.i) == "name"
                       for t in word.doc[r.sentence.span.start:word.i] for a in r.actors.at(r.sentence.index, t.i))
    if named_before:
        return  # 'Haftar and his Libyan National Army': read with the name (affiliations)
    owners = [a for c in word.children if c.dep_ == "possessor" and c.tag_ == "possessive_pronoun" and c.lower_ in r.words.person_pronouns
              for a in r.actors.at(r.sentence.index, c.i) if r.actors.actors[a].type is ActorType.PERSON]
    for person in owners:
        for body in bodies:
            r.add(person, MEMBER, body, None, modality_of(word, stance=True), word, MEMBER_CONFIDENCE)


def read_government_of(r: Reading, noun: "Token") -> None:
    """'the government of Isaias Afwerki in Asmara': the person leads the state it is in."""
    people = [a for c in noun.children if c.dep_ == "preposition" and r.words.of(c.lower_)
              for p in c.children if p.dep_ == "prep_object" for a in r.actors.at(r.sentence.index, p.i)
              if r.actors.actors[a].type is ActorType.PERSON]
    if not people:
        return
    states = r.args.state_inside(noun) or [a for c in noun.children if c.dep_ in roles.ADJECTIVE_MODIFIERS
                                           for a in r.actors.at(r.sentence.index, c.i)
                                           if r.actors.actors[a].type is ActorType.COUNTRY]
    places = [p for t in noun.subtree if t.dep_ == "preposition" and r.words.in_(t.lower_)
              for p in t.children if p.dep_ == "prep_object"]
    end = max(t.i for t in noun.subtree) + 1
    if end + 1 < r.sentence.span.end and r.words.in_(noun.doc[end].lower_):
        places.append(noun.doc[end + 1])  # the parser hung 'in Asmara' on the verb
    states = states or [s for p in places for s in place_states(r.args, p)]
    for person in people:
        for state in states:
            r.add(person, LEADER, state, None, modality_of(noun, stance=True), noun, MEMBER_CONFIDENCE)


def read_led_by_relative(r: Reading, relative: "Token") -> None:
    """'the Sovereignty Council, which X chairs,': the parser often reads the verb after the name
    as a plural noun; the words in their order say it."""
    doc, i, end = relative.doc, relative.i, r.sentence.span.end
    if i < 2 or doc[i - 1].text != ",":
        return
    bodies = [a for a in r.actors.at(r.sentence.index, i - 2) if r.actors.actors[a].type not in (ActorType.PERSON, ActorType.PLACE)]
    k = i + 1
    people = r.actors.at(r.sentence.index, k) if k < end else []
    while k < end and r.actors.at(r.sentence.index, k) == people and people:
        k += 1
    if not bodies or not people or r.actors.actors[people[0]].type is not ActorType.PERSON or k + 1 > end \
            or doc[k].lower_ not in r.words.leading_verb_forms or (k + 1 < end and not doc[k + 1].is_punct):
        return
    for person in people:
        for body in bodies:
            r.add(person, LEADER, body, None, modality_of(doc[k], stance=True), doc[k], MEMBER_CONFIDENCE)
