"""From per-article extractions to the actors, posts, assertions and meetings of a corpus.

Local actors become corpus actors by canonical name, so an actor named in two
articles is one node; a surname used alone in one article joins the one
person of the corpus whose full name ends in it.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..extraction.pipeline import ArticleExtraction, Dated
from ..graph.ids import slug
from ..model import MEETING, MEMBER, Actor, ActorType, Assertion, Event, Modality, Post
from ..extraction.actors import LocalActor
from ..extraction.rules import Rules, fold, person_key

__all__ = ["Corpus", "merge_extractions", "actor_key"]

LEADING_THE = re.compile(r"^the\s+", re.IGNORECASE)
TYPE_TRUST = [ActorType.COUNTRY, ActorType.INTERNATIONAL_ORGANIZATION, ActorType.GOVERNMENT_BODY,
              ActorType.MEDIA_OUTLET, ActorType.ARMED_GROUP, ActorType.PERSON, ActorType.ORGANIZATION,
              ActorType.GROUP, ActorType.PLACE]


@dataclass
class Corpus:
    actors: list[Actor]
    posts: list[Post]
    assertions: list[Assertion]
    events: list[Event]


def actor_key(name: str, kind: ActorType) -> str:
    base = slug(name) or "unnamed"
    return f"place/{base}" if kind is ActorType.PLACE else base


def merge_extractions(extractions: list[ArticleExtraction], rules: Rules | None = None) -> Corpus:
    actors: dict[str, Actor] = {}
    for ex in extractions:
        if ex.article.outlet:
            _register_outlet(actors, ex.article.outlet, rules)
    local_keys: list[dict[int, str]] = []
    people: dict[str, str] = {}
    for ex in extractions:
        keys = {}
        for local in ex.actors.actors.values():
            keys[local.id] = _register(actors, local, people, rules)
        local_keys.append(keys)
    redirect = _surname_redirects(actors)
    for keys in local_keys:
        for lid, key in keys.items():
            keys[lid] = redirect.get(key, key)
    for old, new in redirect.items():
        actors[new].aliases |= actors[old].aliases | {actors[old].name}
        del actors[old]
    posts, assertions, events = [], [], []
    for ex, keys in zip(extractions, local_keys):
        article = ex.article.id
        for p in ex.actors.posts:
            s = p.sentence
            posts.append(Post(keys[p.holder], keys[p.org], p.title, p.leads, article, s.text, s.start, s.end))
            body = ex.actors.actors[p.org]
            if body.country and body.type is ActorType.GOVERNMENT_BODY:
                country = _country_key(body.country, actors)
                assertions.append(Assertion(keys[p.holder], MEMBER, country, Modality.ASSERTED, article,
                                            s.text, s.start, s.end, 0.8))
        for person, state, s in ex.actors.affiliations:
            assertions.append(Assertion(keys[person], MEMBER, keys[state], Modality.ASSERTED, article,
                                        s.text, s.start, s.end, 0.8))
        for found, dated in ex.relations:
            s = found.sentence
            obj = keys[found.object] if found.object is not None else None
            assertions.append(Assertion(
                keys[found.subject], found.relation, obj, found.modality, article, s.text, s.start, s.end,
                found.confidence, topic=found.topic if obj is None else None, date=dated.date,
                place=_place(dated, keys)))
        states = _person_states(ex, keys, actors) if ex.meetings else {}
        for meeting, dated in ex.meetings:
            s = meeting.sentence
            participants = tuple(sorted({keys[p] for p in meeting.participants}))
            if len(participants) < 2:
                continue
            place = _place(dated, keys)
            events.append(Event(participants, meeting.modality, article, s.text, s.start, s.end,
                                meeting.confidence, dated.date, place))
            for a, b in sorted(_same_level(meeting.pairs, ex, keys, states)):
                assertions.append(Assertion(a, MEETING, b, meeting.modality, article, s.text,
                                            s.start, s.end, meeting.confidence, date=dated.date, place=place))
        assertions += _national_bodies(ex, keys, actors)
    return Corpus(sorted(actors.values(), key=lambda a: a.key), _unique_posts(posts),
                  _unique_assertions(assertions), _unique_events(events))


def _register(actors: dict[str, Actor], local: LocalActor, people: dict[str, str], rules: Rules | None) -> str:
    key = actor_key(local.name, local.type)
    if local.type is ActorType.PERSON and rules is not None and not local.canonical:
        key = people.setdefault(person_key(local.name, rules), key)  # 'Jolani' and 'Julani' are one
    actor = actors.get(key)
    if actor is None:
        actor = actors[key] = Actor(key, local.name, local.type)
    elif TYPE_TRUST.index(local.type) < TYPE_TRUST.index(actor.type) and local.canonical:
        actor.type = local.type
    for name in local.names:
        if fold(name) != fold(actor.name):
            actor.aliases.add(name)
    return key


def _register_outlet(actors: dict[str, Actor], outlet: str, rules: Rules | None) -> None:
    """The publisher of an article is an actor: the gazetteer's outlet of that name, or a new one."""
    entry = rules.entry(outlet) if rules is not None else None
    name = entry.name if entry is not None and entry.type is ActorType.MEDIA_OUTLET else LEADING_THE.sub("", outlet.strip())
    key = actor_key(name, ActorType.MEDIA_OUTLET)
    actor = actors.setdefault(key, Actor(key, name, ActorType.MEDIA_OUTLET))
    if outlet.strip() != actor.name:
        actor.aliases.add(outlet.strip())


def _surname_redirects(actors: dict[str, Actor]) -> dict[str, str]:
    surnames: dict[str, set[str]] = {}
    for actor in actors.values():
        if actor.type is not ActorType.PERSON:
            continue
        for name in {actor.name} | actor.aliases:
            words = fold(name).split()
            if len(words) >= 2:
                last = words[-1]
                for form in {last, last.split("-", 1)[-1] if last.startswith(("al-", "el-")) else last}:
                    surnames.setdefault(form, set()).add(actor.key)
    redirect = {}
    for actor in actors.values():
        words = fold(actor.name).split()
        if actor.type is ActorType.PERSON and len(words) == 1:
            targets = surnames.get(words[0], set()) - {actor.key}
            if len(targets) == 1:
                redirect[actor.key] = targets.pop()
    return redirect


def _person_states(ex: ArticleExtraction, keys: dict[int, str], actors: dict[str, Actor]) -> dict[int, str]:
    """The state of each person of the article: the one the article gives them a post in or
    says they are of, else the gazetteer's."""
    local = ex.actors
    states: dict[int, str] = {}
    for post in local.posts:
        if local.actors[post.org].type is ActorType.COUNTRY:
            states.setdefault(post.holder, keys[post.org])
    for person, state, _ in local.affiliations:
        states.setdefault(person, keys[state])
    for actor in local.actors.values():
        if actor.type is ActorType.PERSON and actor.country and actor.id not in states:
            states[actor.id] = _country_key(actor.country, actors)
    return states


def _same_level(pairs, ex: ArticleExtraction, keys: dict[int, str], states: dict[int, str]) -> set[tuple[str, str]]:
    """A person meeting a state the text names only as a state ('the foreign ministers of Jordan')
    is their own state meeting it: both sides at the level of states (`states`: _person_states)."""
    local = ex.actors
    out = set()
    for a, b in pairs:
        ka, kb = keys[a], keys[b]
        kinds = (local.actors[a].type, local.actors[b].type)
        if kinds == (ActorType.PERSON, ActorType.COUNTRY):
            ka = states.get(a, ka)
        elif kinds == (ActorType.COUNTRY, ActorType.PERSON):
            kb = states.get(b, kb)
        if ka != kb:
            out.add(tuple(sorted((ka, kb))))
    return out


def _place(dated: Dated, keys: dict[int, str]) -> str | None:
    return keys.get(dated.place) if dated.place is not None else None


def _national_bodies(ex: ArticleExtraction, keys: dict[int, str], actors: dict[str, Actor]) -> list[Assertion]:
    """A ministry or army named with its state's demonym belongs to that state."""
    out = []
    for local in ex.actors.actors.values():
        if not local.country or local.type is not ActorType.GOVERNMENT_BODY:
            continue
        country_key = _country_key(local.country, actors)
        sentence = ex.sentences[local.first[0]]
        out.append(Assertion(keys[local.id], MEMBER, country_key, Modality.ASSERTED, ex.article.id,
                             sentence.text, sentence.start, sentence.end, 0.85))
    return out


def _country_key(country: str, actors: dict[str, Actor]) -> str:
    key = actor_key(country, ActorType.COUNTRY)
    if key not in actors:
        actors[key] = Actor(key, country, ActorType.COUNTRY)
    return key


def _unique_assertions(assertions: list[Assertion]) -> list[Assertion]:
    best: dict[tuple, Assertion] = {}
    for a in assertions:
        subject, obj = a.subject, a.object
        if a.relation.symmetric and obj is not None and obj < subject:
            subject, obj = obj, subject
            a = Assertion(subject, a.relation, obj, a.modality, a.article, a.evidence, a.start, a.end,
                          a.confidence, a.topic, a.date, a.place)
        # one sentence said twice in an article (a repeated paragraph) is one assertion
        key = (a.article, a.subject, a.relation, a.object, a.topic, a.modality, a.evidence)
        if key not in best or (-a.confidence, a.start) < (-best[key].confidence, best[key].start):
            best[key] = a
    return sorted(best.values(), key=lambda a: (a.article, a.start, a.subject, a.relation.value,
                                                a.object or "", a.topic or "", a.modality.value))


def _first_of_each_sentence(items, same, order) -> list:
    """For each key `same` gives, the item that comes first by `order` (a total order, so
    that the choice is the same in every run): a sentence said twice in an article (a
    repeated paragraph) gives one post or one meeting."""
    first: dict = {}
    for item in sorted(items, key=order):
        first.setdefault(same(item), item)
    return list(first.values())


def _unique_posts(posts: list[Post]) -> list[Post]:
    unique = _first_of_each_sentence(
        set(posts), lambda p: (p.article, p.holder, p.organisation, p.title, p.leads, p.evidence),
        lambda p: (p.start, p.end, p.article, p.holder, p.organisation, p.title, p.leads))
    return sorted(unique, key=lambda p: (p.article, p.start, p.holder, p.organisation, p.title))


def _unique_events(events: list[Event]) -> list[Event]:
    unique = _first_of_each_sentence(
        set(events), lambda e: (e.article, e.participants, e.modality, e.evidence, e.date, e.place),
        lambda e: (e.start, -e.confidence, e.end, e.article, e.participants, e.modality.value))
    return sorted(unique, key=lambda e: (e.article, e.start, e.participants, e.modality.value))
