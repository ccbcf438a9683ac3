"""The subjects and objects of a verb's clause, for a lexicon entry: its subjects (with those who
act with them, 'alongside X'), the objects of its direct object and prepositions, and, when
those name no actor of a fitting type, the actors they stand for (a place's state, an event's
doer, a person's state, what a clause of naming calls)."""
from __future__ import annotations

from typing import TYPE_CHECKING

from kg.model import ActorType
from kg.extraction.relations.arguments import Arguments, governed_states, of_time, unique as _unique, with_coordinated
from kg.extraction.relations.places import place_states
from kg.extraction.relations.companions import companions
from kg.extraction.relations.found import Reading
from kg.extraction.relations.listed import listed_after_them
from kg.knowledge.language import language_of
from kg.extraction.relations.nouns import noun_owners
from kg.extraction.relations.retold import doers_of_earlier
from kg.extraction.relations.passives import passive_roles
from kg.extraction.relations.sending import senders, sent_to
from kg.knowledge.lexicon import VerbRule
from kg.extraction.parsing import roles

if TYPE_CHECKING:
    from spacy.tokens import Token

__all__ = ["clause_arguments", "envoy_states", "to_each_other"]


def _through_a_means(prep: "Token", rule: VerbRule, words) -> list["Token"]:
    """'spoke by phone with X', 's'est entretenu au téléphone avec X': the verb's preposition the
    parser hung on the means of talking."""
    return [p for m in prep.children if m.dep_ == "prep_object" and m.lower_ in words.means_nouns
            for c in m.children if c.dep_ == "preposition" and c.lower_ in rule.preps
            for p in c.children if p.dep_ in roles.PREPOSITIONAL_OBJECTS]


def clause_arguments(r: Reading, verb: "Token", rule: VerbRule, passive: bool):
    words = r.words
    subject_heads = r.args.subject_heads(verb)
    object_heads: list["Token"] = []
    topic_head = None
    for child in verb.children:
        if child.dep_ in roles.DIRECT_OBJECTS and rule.direct:
            if child.lower_ in words.relative_pronouns and verb.dep_ == "relative_clause":
                child = r.args.relative_head(verb)  # 'the council, which X chairs'
            object_heads.append(child)
            topic_head = topic_head or child
        elif child.dep_ == "preposition" and (child.lower_ in rule.preps or child.lower_ == rule.particle):
            for prep in with_coordinated(child):
                for pobj in prep.children:  # 'spoken with X and with Y'
                    if pobj.dep_ in roles.PREPOSITIONAL_OBJECTS:
                        object_heads.append(pobj)
                        topic_head = topic_head or pobj
        elif child.dep_ == "open_clause":
            topic_head = topic_head or child
        elif child.dep_ == "complement_clause" and rule.direct and (named := _what_is_named(child, words)):
            object_heads += named  # 'condemned what it called the aggression of X'
            topic_head = topic_head or named[-1]
        elif child.dep_ in roles.DIRECT_OBJECTS and not rule.direct and rule.preps:
            object_heads += _hung_on_object(child, rule)  # 'fired shells at X'
        elif child.dep_ == "preposition" and rule.preps:
            object_heads += _through_a_means(child, rule, words)  # 'spoke by phone with X'
    if rule.particle == words.together:
        object_heads += [c for c in verb.children if c.dep_ == "object"]
    if passive:
        subject_heads, object_heads = passive_roles(r, verb, rule, object_heads)
    subject_heads += companions(verb)
    subjects = _unique([a for h in subject_heads for a in r.args.actors_of(h)] + listed_after_them(
        r.args, verb, [d for h in subject_heads for d in _delegation(h)]))  # 'a delegation ..., among them A and B'
    if not subjects:
        subjects = _unique(a for h in subject_heads for a in _doers_of_event(r, h, rule) or _authors(r, h))
    if not subjects and passive and rule.purpose_objects:
        subjects = senders(r, verb)
    subjects = _unique(a for h in _event_before_participle(r, verb, rule) for a in _doers_of_event(r, h, rule)) or subjects
    objects = _unique(a for h in object_heads for a in r.args.actors_of(h))
    objects = _unique(objects + listed_after_them(r.args, verb, object_heads if rule.direct else []))
    if rule.envoy_objects:
        objects = _unique(s for o in objects for s in envoy_states(r.args, o))
    if rule.object_types is not None:  # of the named objects; a stance's owner may be anyone's
        objects = [o for o in objects if r.actors.actors[o].type in rule.object_types]
    objects = objects or _other_objects(r, verb, rule, object_heads, subjects)
    if rule.particle == words.together and not subjects:
        return objects, [], topic_head
    return subjects, [o for o in objects], topic_head


def _event_before_participle(r: Reading, verb: "Token", rule: VerbRule) -> list["Token"]:
    """'X condemned the Ostrian air strike that destroyed the consulate, killing Y': a participle
    set off after an event of its own kind tells what that event did (whoever did it killed Y),
    wherever the parser hung it."""
    doc = verb.doc
    if verb.tag_ != "gerund" or verb.dep_ != "adverb_clause" or verb.i == 0 or doc[verb.i - 1].text != ",":
        return []
    events = [t for t in verb.head.subtree if t.i < verb.i and t.pos_ == "NOUN"
              and (noun := r.rules.nouns.get(t.lemma_.lower())) is not None and noun.relation is rule.relation]
    return events[-1:]


def _what_is_named(clause: "Token", words) -> list["Token"]:
    """'what it called the aggression of X', 'what it described as X's lies': the named thing of a
    clause of naming whose object is 'what', and whoever it is 'by' ('what he called provocations
    by X', the parser hanging 'by X' on the verb of naming)."""
    if clause.lemma_.lower() not in words.naming_verbs or not any(
            c.dep_ in roles.DIRECT_OBJECTS and c.lower_ in words.free_relatives for c in clause.children):
        return []
    named = [c for c in clause.children if c.dep_ == "object_predicate"]
    named += [p for c in clause.children if c.dep_ == "preposition" and c.lower_ in words.label_prepositions
              for p in c.children if p.dep_ in roles.PREPOSITIONAL_OBJECTS]
    named += [p for c in clause.children if c.dep_ == "preposition" and c.lower_ == words.agent_preposition
              for p in c.children if p.dep_ in roles.PREPOSITIONAL_OBJECTS] if named else []
    return named


def _other_objects(r: Reading, verb: "Token", rule: VerbRule, object_heads: list["Token"],
                   subjects: list[int]) -> list[int]:
    """The objects a verb has when its object words name no actor of a fitting type: the state of a
    place, the doer of an event, the leader's state for his government, an infinitive's objects."""
    allowed = rule.object_types
    if rule.place_objects:
        objects = _unique(a for h in object_heads for a in place_states(r.args, h))
        if objects:
            return objects
    if rule.relation.spec.stance or rule.event_objects:  # "welcomed X's appointment"
        objects = _unique(a for h in object_heads for a in r.args.stance_actors(h)
                          if (allowed is None or r.actors.actors[a].type in allowed
                              or h.lemma_.lower() in r.rules.lexicon.stance_nouns)
                          and a not in subjects)  # not 'the guarantees provided by A and B': theirs, to no one named
        if rule.relation.spec.stance:  # 'condemned the strikes' of the sentences before
            objects = objects or _unique(a for h in object_heads for a in doers_of_earlier(r, h, subjects))
        if objects:
            return objects
    if allowed is not None and ActorType.PERSON not in allowed:  # "joined Abiy's cabinet"
        objects = _unique(a for h in object_heads for a in governed_states(r.args, h))
        if objects:
            return objects
    if rule.purpose_objects:  # 'sent 200 soldiers to join the mission'
        objects = sent_to(r, verb, object_heads)
        if objects:
            return objects
    if rule.infinitive_objects:  # 'threatened to march on Kinshasa'
        dates = r.language.dates
        heads = [h for c in verb.children if c.dep_ == "open_clause" for h in c.children if h.dep_ in roles.DIRECT_OBJECTS]
        heads += [p for c in verb.children if c.dep_ == "open_clause" for g in c.children if g.dep_ == "preposition"
                  and not of_time(g, dates) for p in g.children if p.dep_ in roles.PREPOSITIONAL_OBJECTS]
        heads += [p for h in object_heads if (event := r.rules.nouns.get(h.lemma_.lower())) is not None
                  for g in h.children if g.dep_ == "preposition" and g.lower_ in event.object_preps
                  for p in g.children if p.dep_ in roles.PREPOSITIONAL_OBJECTS]  # 'threatened military action against X'
        return _unique(a for h in heads for a in r.args.actors_of(h) or place_states(r.args, h))
    if rule.clause_object:  # 'warned that X ...', also hung under a phrase ('warned on the eve of the vote that X')
        clauses = [c for c in verb.children if c.dep_ == "complement_clause"] or [
            a for c in verb.children if c.dep_ == "preposition" for a in c.subtree if a.dep_ in roles.RELATIVE_CLAUSES
            and a.doc[a.left_edge.i].lower_ == r.words.complementiser]
        return _unique(a for c in clauses for h in c.children if h.dep_ in roles.SUBJECTS for a in r.args.actors_of(h))
    return []


def _delegation(word: "Token") -> list["Token"]:
    """The delegation a subject is, or the one whose 'of' it follows ('a delegation of the X party who')."""
    words = language_of(word).words
    if word.lower_ in words.led_parties:
        return [word]
    owner = word.head.head if word.dep_ == "prep_object" and words.of(word.head.lower_) else None
    return [owner] if owner is not None and owner.lower_ in words.led_parties else []


def _doers_of_event(r: Reading, noun: "Token", rule: VerbRule) -> list[int]:
    """'An offensive spearheaded by X overran Y', 'Russian strikes hit Z': an event of the verb's own
    kind acts for whose event it is, or whose event of that word was told just before ('X struck Y.
    The strikes killed Z'); so does an event of its class for a stance ("the alliance's offensive
    forced X out of office")."""
    event = r.rules.nouns.get(noun.lemma_.lower())
    if event is None or (event.relation is not rule.relation and not (
            rule.relation.spec.stance and event.relation.spec.relation_class == rule.relation.spec.relation_class)):
        return []
    return noun_owners(r, noun) or r.args.actors_of(noun) or doers_of_earlier(r, noun)  # 'The strikes killed X'


def _authors(r: Reading, noun: "Token") -> list[int]:
    """"His letter urged X", 'a statement from the ministry said': a text speaks for its author."""
    if noun.lemma_.lower() not in r.words.document_nouns:
        return []
    return noun_owners(r, noun) or [a for c in noun.children if c.dep_ == "preposition" and c.lower_ in r.words.origins
                                    for p in c.children if p.dep_ == "prep_object" for a in r.args.actors_of(p)]


def _hung_on_object(obj: "Token", rule: VerbRule) -> list["Token"]:
    """The objects of the verb's prepositions that the parser attached to its direct object, or
    to the noun after the object's 'of' ('signed a memorandum of understanding with X')."""
    found = [p for c in obj.children if c.dep_ == "preposition" and c.lower_ in rule.preps
             for p in c.children if p.dep_ in roles.PREPOSITIONAL_OBJECTS]
    if not found:
        words = language_of(obj).words
        found = [h for c in obj.children if c.dep_ == "preposition" and words.of(c.lower_)
                 for p in c.children if p.dep_ == "prep_object" for h in _hung_on_object(p, rule)]
    return found


def envoy_states(args: Arguments, actor: int) -> list[int]:
    """A person as the state whose post they hold here ('summoned X's ambassador, Y'); any other
    actor as itself."""
    if args.actors.actors[actor].type is not ActorType.PERSON:
        return [actor]
    return _unique(p.org for p in args.actors.posts if p.holder == actor and args.actors.actors[p.org].type is ActorType.COUNTRY)


def to_each_other(verb: "Token") -> bool:
    """'X and Y have accused each other of ...': the verb's object is a reciprocal pronoun."""
    pronouns = language_of(verb).words.reciprocal_pronouns
    return any(c.dep_ in roles.DIRECT_OBJECTS and " ".join(t.lower_ for t in c.subtree) in pronouns
               for c in verb.children)
