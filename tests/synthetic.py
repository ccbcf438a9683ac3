"""Graphs made up for tests and benchmarks of the HTML view: any size, with every actor
type, relation, modality and date form, reproducible from a seed."""
from __future__ import annotations

import random

from rdflib import Dataset

from kg.graph.rdf import to_graph
from kg.model import Actor, ActorType, Article, Assertion, Modality, Relation

_TYPES = [t for t in ActorType if t is not ActorType.PLACE]
_RELATIONS = [r for r in Relation if r is not Relation.CALLED_FOR]
_MODALITIES = [Modality.ASSERTED] * 8 + [Modality.PLANNED, Modality.NEGATED]


def synthetic_graph(actors: int, relations: int, seed: int = 1) -> Dataset:
    """A graph of `actors` actors and about `relations` relations between them, most of
    them on a few well-connected actors, as in news."""
    rng = random.Random(seed)
    people = [Actor(f"actor-{n}", f"Actor {n}", _TYPES[n % len(_TYPES)], {f"A{n}"}) for n in range(actors)]
    articles = [Article(f"article-{n}", "text", f"corpus/article-{n}.txt", f"Article {n}",
                        url=f"https://news.example/{n}") for n in range(max(1, relations // 10))]
    found: list[Assertion] = []
    for n in range(relations):
        subject = rng.randrange(actors)
        target = int(rng.paretovariate(1.1)) % actors
        if target == subject:
            target = (target + 1) % actors
        relation = _RELATIONS[rng.randrange(len(_RELATIONS))]
        date = None if n % 3 else f"2023-{1 + n % 12:02d}-{1 + n % 28:02d}"
        sentence = f"Actor {subject} and Actor {target}: sentence {n} of the corpus, long enough to read like news."
        found.append(Assertion(f"actor-{subject}", relation, f"actor-{target}", rng.choice(_MODALITIES),
                               articles[n % len(articles)].id, sentence, 0, len(sentence),
                               round(rng.uniform(0.5, 1.0), 2), date=date))
    return to_graph(articles, people, [], found, [])
