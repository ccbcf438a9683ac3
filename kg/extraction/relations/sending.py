"""Who sends troops, officers or ships, and to whom: the side a purpose clause takes ('sent 200
soldiers to join the mission'), the sender of an agentless passive ('Kenyan officers would be
sent'), and the mission told of just before when no destination is named ('Jamaica has also
deployed a contingent')."""
from __future__ import annotations

from typing import TYPE_CHECKING

from kg.model import ActorType
from kg.extraction.relations.arguments import of_time, unique
from kg.extraction.relations.found import Reading
from kg.knowledge.language import Words, language_of
from kg.extraction.parsing import roles

if TYPE_CHECKING:
    from spacy.tokens import Token

__all__ = ["senders", "sent_to"]

MISSION_REACH = 4  # sentences back a mission is looked for when a sending names no destination


def sent_to(r: Reading, verb: "Token", object_heads: list["Token"]) -> list[int]:
    """Whom a sending verb with no named destination helps: the objects of its purpose clause
    when that clause takes a side ('to join X', 'to help X', 'to help X fight Y'), else, when what it sends are
    troops or officers and nothing follows 'to', the mission told of last."""
    siding = [c for c in verb.children if c.dep_ in roles.CONTROLLED_CLAUSES and c.lemma_.lower() in r.rules.lexicon.siding_verbs]
    heads = [h for c in siding for h in c.children if h.dep_ in roles.DIRECT_OBJECTS]
    heads += [h for c in siding for g in c.children if g.dep_ == "complement_clause"
              for h in g.children if h.dep_ in roles.NOMINAL_SUBJECTS]  # 'to help Mozambique fight X'
    objects = unique(a for h in heads for a in r.args.actors_of(h))
    if objects or _destination_named(verb) or any(h.dep_ in roles.PREPOSITIONAL_OBJECTS for h in object_heads):
        return objects
    sent = [c for c in verb.children if c.dep_ in ("object", "passive_subject")]
    if not any(w.lemma_.lower() in r.words.contingent_nouns for w in sent):
        return []
    return _last_mission(r, verb)


def _destination_named(verb: "Token") -> bool:
    """'sent troops to the border', 'deployed soldiers near the frontier' (not 'sent in November')."""
    lang = language_of(verb)
    return any(c.dep_ in ("preposition", "dative") and c.lower_ in lang.words.locative_prepositions
               and not of_time(c, lang.dates)
               and any(p.dep_ in roles.PREPOSITIONAL_OBJECTS for p in c.children) for c in verb.children)


def _last_mission(r: Reading, verb: "Token") -> list[int]:
    index, here = r.actors.index.actors, (r.sentence.index, verb.i)
    last = max(((key, aid) for key, ids in index.items() for aid in ids
                if here[0] - MISSION_REACH <= key[0] and key < here and _mission(r.actors.actors[aid], r.words)),
               default=None)
    return [last[1]] if last else []


def _mission(actor, words: Words) -> bool:
    return actor.type is ActorType.INTERNATIONAL_ORGANIZATION and any(
        word in words.mission_words for name in [actor.name, *actor.names] for word in name.lower().split())


def senders(r: Reading, verb: "Token") -> list[int]:
    """Who sends what a passive sending verb with no agent sends: the owner of what is sent
    ('Kenyan officers would be sent'), or who reports it ('Britain said 200 soldiers would be
    sent'); the reporter when he is of the owner ('Ruto said Kenyan officers would be sent')."""
    sent = [c for c in verb.children if c.dep_ == "passive_subject"]
    owners = unique(a for h in sent for a in r.args.actors_of(h)) or unique(
        a for h in sent for c in h.children if c.dep_ in roles.OWNER_MODIFIERS for a in r.args.actors_of(c))
    speech = verb.head if verb.dep_ in roles.REPORTED_CLAUSES and verb.head != verb else None
    speakers = [] if speech is None or speech.lemma_.lower() not in r.words.speech_verbs else unique(
        a for h in r.args.subject_heads(speech) for a in r.args.actors_of(h))
    if not owners:
        return speakers
    own = [s for s in speakers if s in owners or any(p.holder == s and p.org in owners for p in r.actors.posts)]
    return own or owners
