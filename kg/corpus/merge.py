"""From per-article extractions to the actors, posts, assertions and meetings of a corpus.

Local actors become corpus actors by canonical name, so an actor named in two
articles is one node (also when one writes it with look-alike letters of another
script, `lookalikes`); a surname used alone in one article joins the one
person of the corpus whose full name ends in it.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from kg.extraction.pipeline import ArticleExtraction
from kg.ids import slug
from kg.knowledge.lookalikes import latin_reading, mixed_scripts
from kg.model import Actor, ActorType, Assertion, Event, Post
from kg.extraction.actors.local import LocalActor
from kg.knowledge.names import NameArticles, fold
from kg.knowledge.rules import Gazetteer, person_key

__all__ = ["Corpus", "merge_extractions", "actor_key"]

LEADING_THE = re.compile(r"^the\s+", re.IGNORECASE)
MAX_SHORT_NAME = 2  # words of a name that may be the end of a longer one
TYPE_TRUST = [ActorType.COUNTRY, ActorType.INTERNATIONAL_ORGANIZATION, ActorType.GOVERNMENT_BODY,
              ActorType.MEDIA_OUTLET, ActorType.ARMED_GROUP, ActorType.PERSON, ActorType.ORGANIZATION,
              ActorType.GROUP, ActorType.PLACE]


@dataclass
class Corpus:
    actors: list[Actor]
    posts: list[Post]
    assertions: list[Assertion]  # the evidence statements: a relation as one sentence says it
    events: list[Event]

    @property
    def relations(self) -> int:
        """Distinct relations: subject, relation, object (or topic) and modality, the ends of a
        symmetric relation in either order; as the graph's view and `kg stats` count them."""
        keys = set()
        for a in self.assertions:
            target = a.object if a.object is not None else f"topic:{a.topic}"
            ends = tuple(sorted((a.subject, target))) if a.relation.symmetric else (a.subject, target)
            keys.add((ends, a.relation, a.modality))
        return len(keys)


def actor_key(name: str, kind: ActorType) -> str:
    base = slug(latin_reading(name)) or "unnamed"
    return f"place/{base}" if kind is ActorType.PLACE else base


def merge_extractions(extractions: list[ArticleExtraction], gazetteer: Gazetteer) -> Corpus:
    actors: dict[str, Actor] = {}
    for ex in extractions:
        if ex.article.outlet:
            _register_outlet(actors, ex.article.outlet, gazetteer)
    local_keys: list[dict[int, str]] = []
    people: dict[str, str] = {}
    for ex in extractions:
        keys = {}
        for local in ex.actors.actors.values():
            keys[local.id] = _register(actors, local, people, gazetteer)
        local_keys.append(keys)
    redirect = _surname_redirects(actors, gazetteer.name_articles)
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
        for found, dated in ex.relations:
            s = found.sentence
            obj = keys[found.object] if found.object is not None else None
            if obj == keys[found.subject]:
                continue  # two actors of the article that are one in the corpus
            assertions.append(Assertion(
                keys[found.subject], found.relation, obj, found.modality, article, s.text, s.start, s.end,
                found.confidence, topic=found.topic if obj is None else None, date=dated.date,
                place=_place(dated.place, keys), speaker=_place(dated.speaker, keys)))
        for d in ex.derived:
            s = d.sentence
            if keys[d.subject] != keys[d.object]:  # two actors of the article that are one in the corpus
                assertions.append(Assertion(keys[d.subject], d.relation, keys[d.object], d.modality, article,
                                            s.text, s.start, s.end, d.confidence, date=d.date,
                                            place=_place(d.place, keys), speaker=_place(d.speaker, keys)))
        for meeting, dated in ex.meetings:
            s = meeting.sentence
            participants = tuple(sorted({keys[p] for p in meeting.participants}))
            if len(participants) >= 2:
                events.append(Event(participants, meeting.modality, article, s.text, s.start, s.end,
                                    meeting.confidence, dated.date, _place(dated.place, keys)))
    for post in posts:  # one name typed otherwise in another article: who holds a post is a person
        actors[post.holder].type = ActorType.PERSON
    return Corpus(sorted(actors.values(), key=lambda a: a.key), _unique_posts(posts),
                  _unique_assertions(assertions), _unique_events(events))


def _register(actors: dict[str, Actor], local: LocalActor, people: dict[str, str], gazetteer: Gazetteer) -> str:
    key = actor_key(local.name, local.type)
    if local.type is ActorType.PERSON and not local.canonical:
        key = people.setdefault(person_key(local.name, gazetteer), key)  # 'Jolani' and 'Julani' are one
    actor = actors.get(key)
    if actor is None:
        actor = actors[key] = Actor(key, local.name, local.type)
    elif TYPE_TRUST.index(local.type) < TYPE_TRUST.index(actor.type) and local.canonical:
        actor.type = local.type
    if mixed_scripts(actor.name) and not mixed_scripts(local.name) and fold(local.name) == fold(actor.name):
        actor.aliases.add(actor.name)  # the plain spelling names the actor, the look-alike one is kept beside it
        actor.name = local.name
    for name in local.names:
        if fold(name) != fold(actor.name) or (name != actor.name and mixed_scripts(name)):
            actor.aliases.add(name)
    return key


def _register_outlet(actors: dict[str, Actor], outlet: str, gazetteer: Gazetteer) -> None:
    """The publisher of an article is an actor: the gazetteer's outlet of that name, or a new one."""
    entry = gazetteer.entry(outlet)
    name = entry.name if entry is not None and entry.type is ActorType.MEDIA_OUTLET else LEADING_THE.sub("", outlet.strip())
    key = actor_key(name, ActorType.MEDIA_OUTLET)
    actor = actors.setdefault(key, Actor(key, name, ActorType.MEDIA_OUTLET))
    if outlet.strip() != actor.name:
        actor.aliases.add(outlet.strip())


def _surname_redirects(actors: dict[str, Actor], articles: NameArticles) -> dict[str, str]:
    """A person named by a surname alone, or by the last words of a longer name ('Ishaq Dar' of
    'Mohammad Ishaq Dar'), is the one person of the corpus whose name ends so; one named by two
    words of a longer name, its first and its second or last, is the one person whose name they
    shorten."""
    endings: dict[tuple[str, ...], set[str]] = {}
    shortenings: dict[tuple[str, str], set[str]] = {}  # two words a longer name may be shortened to
    for actor in actors.values():
        if actor.type is not ActorType.PERSON:
            continue
        for name in {actor.name} | actor.aliases:
            words = fold(name).split()
            for n in range(1, len(words)):
                tail = tuple(words[-n:])
                endings.setdefault(tail, set()).add(actor.key)
                if n == 1:
                    endings.setdefault((articles.stripped(words[-1]),), set()).add(actor.key)
            if len(words) > 2:  # 'Mohammed Al-Khulaifi' of 'Mohammed bin Abdulaziz Al-Khulaifi'
                for short in ((words[0], words[1]), (words[0], words[-1])):
                    shortenings.setdefault(short, set()).add(actor.key)
    shortened = {}
    for actor in actors.values():
        targets = shortenings.get(tuple(fold(actor.name).split()), set()) - {actor.key}
        if actor.type is ActorType.PERSON and len(targets) == 1:
            shortened[actor.key] = targets.pop()
    redirect = dict(shortened)
    for actor in actors.values():
        words = tuple(fold(actor.name).split())
        if actor.type is ActorType.PERSON and len(words) <= MAX_SHORT_NAME and actor.key not in shortened:
            targets = {shortened.get(t, t) for t in endings.get(words, set())} - {actor.key}
            if len(targets) == 1:
                redirect[actor.key] = targets.pop()
    return redirect


def _place(local: int | None, keys: dict[int, str]) -> str | None:
    """The corpus key of a local actor (a place, a speaker), if any."""
    return keys.get(local) if local is not None else None


def _unique_assertions(assertions: list[Assertion]) -> list[Assertion]:
    best: dict[tuple, Assertion] = {}
    for a in assertions:
        subject, obj = a.subject, a.object
        if a.relation.symmetric and obj is not None and obj < subject:
            subject, obj = obj, subject
            a = Assertion(subject, a.relation, obj, a.modality, a.article, a.evidence, a.start, a.end,
                          a.confidence, a.topic, a.date, a.place, a.speaker)
        # one sentence said twice in an article (a repeated paragraph) is one assertion
        key = (a.article, a.subject, a.relation, a.object, a.topic, a.modality, a.evidence)
        if key not in best or _preferred(a, best[key]):
            best[key] = a
    return sorted(best.values(), key=lambda a: (a.article, a.start, a.subject, a.relation.value,
                                                a.object or "", a.topic or "", a.modality.value))


def _preferred(a: Assertion, b: Assertion) -> bool:
    """Of two assertions of one relation in one sentence, the one with the higher confidence (a
    stated one, such as a post's membership, has none and gives way), then the earlier."""
    return (-(a.confidence or 0), a.start) < (-(b.confidence or 0), b.start)


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
