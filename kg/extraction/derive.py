"""Relations that follow from what the earlier stages found rather than from a relation word:
the holder of a post is a member (or the leader) of its state or organisation, and of the
state of a national body; a person said to serve a state is a member of it; a national body
belongs to its state; and the participants of a meeting met each other, at the level of states
where one side is named only as a state. Every relation the graph holds comes from here or
from the relation stage: the merge and the graph writer make none."""
from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from kg.model import LEADER, MEETING, MEMBER, ActorType, Modality, Relation
from kg.knowledge.language import Words, language_of
from kg.relationtable import relation_table
from kg.extraction.actors.local import ArticleActors, LocalActor, country_actor

if TYPE_CHECKING:
    from kg.extraction.parsing.nlp import Sentence
    from kg.extraction.relations.found import Dated
    from kg.extraction.relations.find import Found, FoundMeeting

__all__ = ["DerivedRelation", "derive_relations"]

AFFILIATION_CONFIDENCE = 0.8  # 'X of Turkey', a minister of a national ministry
PART_TYPES = (ActorType.INTERNATIONAL_ORGANIZATION, ActorType.GOVERNMENT_BODY, ActorType.ORGANIZATION)
NATIONAL_BODY_CONFIDENCE = 0.85  # 'the Turkish defence ministry' belongs to Turkey


@dataclass(frozen=True)
class DerivedRelation:
    """A relation between two local actors that follows from a post, an affiliation, a national
    body or a meeting; `confidence` None when the text states it outright (a post)."""

    subject: int
    relation: Relation
    object: int
    modality: Modality
    sentence: "Sentence"
    confidence: float | None
    date: str | None = None
    place: int | None = None  # local actor id of a place
    speaker: int | None = None  # local actor id of who says it


def derive_relations(actors: ArticleActors, meetings: list[tuple["FoundMeeting", "Dated"]],
                     sentences: list["Sentence"], found: list[tuple["Found", "Dated"]] = ()
                     ) -> tuple[tuple[DerivedRelation, ...], dict[int, LocalActor]]:
    """The derived relations of one article, and its actors with the states they name added."""
    local = dict(actors.actors)
    derived = _memberships(actors, local) + _national_bodies(local, sentences) + _states_acting(found, local) \
        + _named_parts(local, sentences)
    if meetings:
        states = _person_states(actors, local)
        own = {(person, org) for person, org, _ in actors.affiliations} | {(p.holder, p.org) for p in actors.posts}
        for meeting, dated in meetings:
            for a, b in sorted(_same_level(meeting.pairs, local, states)):
                if (a, b) in own or (b, a) in own or _own_state(a, b, local, states) or _own_state(b, a, local, states):
                    continue  # 'speaking to members of his party': no meeting with one's own side
                derived.append(DerivedRelation(a, MEETING, b, meeting.modality, meeting.sentence,
                                               meeting.confidence, dated.date, dated.place, dated.speaker))
    return tuple(derived), local


def _memberships(actors: ArticleActors, local: dict[int, LocalActor]) -> list[DerivedRelation]:
    out = []
    for post in actors.posts:
        relation = LEADER if post.leads else MEMBER
        out.append(DerivedRelation(post.holder, relation, post.org, Modality.ASSERTED, post.sentence, None))
        state = _state_of_body(post.org, local)
        if state != post.org:
            out.append(DerivedRelation(post.holder, MEMBER, state, Modality.ASSERTED, post.sentence,
                                       AFFILIATION_CONFIDENCE))
    for person, state, sentence in actors.affiliations:
        out.append(DerivedRelation(person, MEMBER, state, Modality.ASSERTED, sentence, AFFILIATION_CONFIDENCE))
    return out


def _states_acting(found: list[tuple["Found", "Dated"]], local: dict[int, LocalActor]) -> list[DerivedRelation]:
    """What a state's army or ministry does its state does: 'the Turkish military carried out
    strikes on X' is Turkey attacking X too; and an attack on a state's army is one on the state
    (a stance for or against a body is not one on its state: 'X backs the Salvation Government';
    but backing a state's army backs that state)."""
    out = []
    for f, dated in found:
        if f.object is None or f.relation in (MEMBER, LEADER):
            continue
        subject = _state_of_body(f.subject, local)
        lifted = not f.relation.spec.stance or _backs_an_army(f, local)
        obj = _state_of_body(f.object, local) if lifted else f.object
        if (subject, obj) != (f.subject, f.object) and subject != obj:
            out.append(DerivedRelation(subject, f.relation, obj, f.modality, f.sentence,
                                       round(f.confidence * NATIONAL_BODY_CONFIDENCE, 2), dated.date, dated.place,
                                       dated.speaker))
    return out


def _backs_an_army(f: "Found", local: dict[int, LocalActor]) -> bool:
    """'deployed to help Kinshasa's army', 'US backing for the Somali army': a stance of cooperation
    with a body whose name, or a name the article gives it, says it is a state's army."""
    if relation_table().classes[f.relation.spec.relation_class].sign <= 0:
        return False
    body = local[f.object]
    endings = language_of(f.sentence.span.doc).words.army_name_endings
    return any(name.lower().endswith(ending) for name in (body.name, *body.names) for ending in endings)


def _state_of_body(aid: int, local: dict[int, LocalActor]) -> int:
    """The state a national body belongs to (added to `local` when the article names it only
    through the body); any other actor is its own."""
    body = local[aid]
    if body.type is ActorType.GOVERNMENT_BODY and body.country:
        return country_actor(local, body.country)
    return aid


def _national_bodies(local: dict[int, LocalActor], sentences: list["Sentence"]) -> list[DerivedRelation]:
    """A ministry or army named with its state's demonym belongs to that state."""
    out = []
    for body in list(local.values()):
        state = _state_of_body(body.id, local)
        if state == body.id:
            continue
        out.append(DerivedRelation(body.id, MEMBER, state, Modality.ASSERTED, sentences[body.first[0]],
                                   NATIONAL_BODY_CONFIDENCE))
    return out


def _named_parts(local: dict[int, LocalActor], sentences: list["Sentence"]) -> list[DerivedRelation]:
    """A body whose name begins with an international organisation's is part of it: the 'UN
    Assistance Mission in Afghanistan', the 'EU Rule of Law Mission', the 'AU Commission'; so is
    one whose name has it after 'of' ('la Mission de l'ONU en RDC', 'the Council of the AU')."""
    out = []
    wholes = [w for w in local.values() if w.type is ActorType.INTERNATIONAL_ORGANIZATION]
    for body in local.values():
        if body.type not in PART_TYPES:
            continue
        names = {body.canonical, *body.names} - {None}
        words = language_of(sentences[body.first[0]].span).words
        for whole in wholes:
            prefixes = {whole.canonical, *whole.names} - {None}
            if whole.id != body.id and any(n.startswith(f"{p} ") or _of_name(n, p, words) for n in names for p in prefixes):
                out.append(DerivedRelation(body.id, MEMBER, whole.id, Modality.ASSERTED, sentences[body.first[0]],
                                           NATIONAL_BODY_CONFIDENCE))
    return out


def _of_name(name: str, whole: str, words: Words) -> bool:
    """Whether `whole` is named inside `name` after the language's 'of' and perhaps its definite
    article: 'Council of the AU', 'Mission de l'ONU en RDC'."""
    def either(forms) -> str:  # an elided form ("l'", "d'") runs into the next word
        return "|".join(re.escape(f) + ("" if f[-1] in "'’" else r"\s+") for f in sorted(forms, key=len, reverse=True))
    belonging = either({words.belonging, *words.belonging_forms})
    articles = either({words.definite_article, *words.definite_articles})
    return re.search(rf"(?:^|\s)(?:{belonging})(?:{articles})?{re.escape(whole)}\b", name) is not None


def _person_states(actors: ArticleActors, local: dict[int, LocalActor]) -> dict[int, int]:
    """The state of each person of the article: the one the article gives them a post in or
    says they are of, else the gazetteer's."""
    states: dict[int, int] = {}
    for post in actors.posts:
        state = _state_of_body(post.org, local)  # a post in a national body is in its state
        if local[state].type is ActorType.COUNTRY:
            states.setdefault(post.holder, state)
    for person, state, _ in actors.affiliations:
        if local[state].type is ActorType.COUNTRY:
            states.setdefault(person, state)
    for actor in list(local.values()):
        if actor.type is ActorType.PERSON and actor.country and actor.id not in states:
            states[actor.id] = country_actor(local, actor.country)
    return states


def _own_state(person: int, other: int, local: Mapping[int, LocalActor], states: dict[int, int]) -> bool:
    """Whether `other` is the person's own state or one of its bodies (a minister chairing his
    ministry's meeting does not meet the ministry)."""
    state = states.get(person)
    if local[person].type is not ActorType.PERSON or state is None:
        return False
    body = local[other]
    return other == state or (body.type is ActorType.GOVERNMENT_BODY and body.country == local[state].canonical)


def _same_level(pairs, local: Mapping[int, LocalActor], states: dict[int, int]) -> set[tuple[int, int]]:
    """A person meeting a state the text names only as a state ('the foreign ministers of Jordan')
    is their own state meeting it: both sides at the level of states."""
    out = set()
    for a, b in pairs:
        kinds = (local[a].type, local[b].type)
        if kinds == (ActorType.PERSON, ActorType.COUNTRY):
            a = states.get(a, a)
        elif kinds == (ActorType.COUNTRY, ActorType.PERSON):
            b = states.get(b, b)
        if a != b:
            out.add((min(a, b), max(a, b)))
    return out
