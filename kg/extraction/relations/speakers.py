"""Who says a relation holds: the speaker of the reported clause it is told in ("Lavrov said
Russia would ...", "..., the minister told reporters"), or the source named by "according to
X". The graph gives it as prov:wasAttributedTo on the statement, beside the article's outlet.
Also whom a speaker's 'our' stands for: the state the speaker serves."""
from __future__ import annotations

from typing import TYPE_CHECKING

from kg.model import ActorType
from kg.extraction.actors.local import ArticleActors, find_country
from kg.knowledge.language import language_of
from kg.extraction.parsing import roles

if TYPE_CHECKING:
    from kg.extraction.parsing.nlp import Sentence
    from spacy.tokens import Token

    from kg.extraction.relations.arguments import Arguments

__all__ = ["speaker_of", "spoken_for"]


def speaker_of(sentence: "Sentence", trigger: int, actors: ArticleActors) -> int | None:
    """The actor (local id) who says what the trigger tells, when the sentence names one."""
    doc = sentence.span.doc
    words = language_of(sentence.span).words
    token = doc[trigger]
    while token.head != token:
        head = token.head
        if token.dep_ in roles.REPORTED_CLAUSES and head.lemma_.lower() in words.speech_verbs:
            said = _actor_of([c for c in head.children if c.dep_ in roles.NOMINAL_SUBJECTS], sentence, actors)
            if said is not None:
                return said
        token = head
    preposition, particle = words.attribution
    for tok in sentence.span:
        if tok.lower_ == preposition:
            sources = [p for c in tok.children if c.lower_ == particle for p in c.children
                       if p.dep_ in roles.PREPOSITIONAL_OBJECTS] or [
                p for p in tok.children if p.dep_ in roles.PREPOSITIONAL_OBJECTS]
            said = _actor_of(sources, sentence, actors)
            if said is not None:
                return said
    return None


def _actor_of(heads, sentence: "Sentence", actors: ArticleActors) -> int | None:
    """The actor a speaker's phrase names: its head, the words before it ("Pakistan's foreign
    ministry", "spokeswoman Tina Salama") or the name set beside it ('le président, Arno Velic'),
    never a place, nor one named further on ("a statement issued by the three governments",
    "officials in Kyiv")."""
    for head in heads:
        named = [t for child in head.lefts for t in child.subtree] + [c for c in head.rights if c.dep_ == "apposition"]
        for token in (head, *named):  # 'a déclaré le président gabonais, Arno Velic'
            for found in actors.at(sentence.index, token.i):
                if actors.actors[found].type is not ActorType.PLACE:
                    return found
    return None


def spoken_for(args: "Arguments", owner: "Token") -> list[int]:
    """The actors an owner word stands for; a speaker's 'our' ('X and Y are our partners,' the
    spokesman said) stands for the state the speaker holds a post in, and for no one when the
    article gives the speaker none (a spokesman has no partners of his own)."""
    actors = args.actors_of(owner)
    if owner.lower_ not in args.words.collective_pronouns:
        return actors
    known = args.actors.actors

    def state_served(person: int) -> int | None:
        orgs = [p.org for p in args.actors.posts if p.holder == person]
        return next((o for o in orgs if known[o].type is ActorType.COUNTRY), None) or next(
            (s for o in orgs if (s := find_country(known, known[o].country)) is not None), None)
    served = {a: state_served(a) for a in actors if known[a].type is ActorType.PERSON}
    return list(dict.fromkeys(served.get(a, a) for a in actors if served.get(a, a) is not None))
