"""The state a title names no state for may be the one the article has just spoken of: its
officials, bodies, seat or delegation in the sentence before, or earlier in the title's own."""
from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from kg.extraction.actors.local import country_actor, find_country
from kg.extraction.actors.mentions import NameMention, mention_key
from kg.extraction.actors.titles import TitlePhrase
from kg.knowledge.language import language_of
from kg.model import ActorType
from kg.extraction.parsing import roles

if TYPE_CHECKING:
    from kg.extraction.actors.local import LocalPost

__all__ = ["state_in_context", "states_spoken_of"]


def states_spoken_of(names, titles, referents, actors, state_nouns) -> list[tuple[tuple[int, int], int, bool, int]]:
    """Where the article names a state's officials or bodies ('Turkish Defence Minister', 'Syria's
    Minister of Economy', 'the Iranian foreign ministry', 'the Chadian authorities') or the state
    by its seat ('the Kremlin said') or its party ('the Ukrainian delegation included'), in text
    order; the flag tells those that anchor a title later in their own sentence (seats and
    parties), the last the paragraph (its offset)."""
    parties = language_of(names[0].doc).words.led_parties if names else frozenset()
    out = []
    for t in titles:
        for org in t.orgs:
            aid = referents.get(mention_key(org))
            if aid is not None and actors[aid].type is ActorType.COUNTRY:
                out.append(((t.sentence.index, t.start), aid, False, t.sentence.offset))
    for m in names:
        if m.country and m.type is ActorType.GOVERNMENT_BODY:
            out.append(((m.sentence.index, m.start), country_actor(actors, m.country), False, m.sentence.offset))
        elif m.kind in ("capital", "metonym") and referents.get(mention_key(m)) is not None:
            out.append(((m.sentence.index, m.start), referents[mention_key(m)], True, m.sentence.offset))
        elif m.kind == "state" and m.doc[m.end - 1].lower_ in state_nouns | parties \
                and referents.get(mention_key(m)) is not None:  # 'the Chadian authorities', not 'Chadian troops'
            party = m.doc[m.end - 1].lower_ in parties
            out.append(((m.sentence.index, m.start), referents[mention_key(m)], party, m.sentence.offset))
        elif referents.get(mention_key(m)) is not None and actors[referents[mention_key(m)]].type is ActorType.COUNTRY \
                and _owns_party(m, parties):  # "Russia's other three negotiators were named as ..."
            out.append(((m.sentence.index, m.start), referents[mention_key(m)], True, m.sentence.offset))
    return sorted(out)


def _owns_party(m: NameMention, parties: frozenset[str]) -> bool:
    """Whether a state's name is the possessor of a party of its people, a few words on ("Russia's
    other three negotiators")."""
    doc, words = m.doc, language_of(m.doc).words
    if m.end >= len(doc) or doc[m.end].lower_ not in words.genitive:
        return False
    return any(t.lower_ in parties for t in doc[m.end + 1:min(m.end + 5, m.sentence.span.end)])


def state_in_context(t: TitlePhrase, names: tuple[list[NameMention], list[NameMention]], referents, actors,
                     posts: list["LocalPost"], countries, paragraphs: Mapping[int, int], holder: int) -> list[int]:
    """The state of a title that names none, from the sentence it opens or the one before; `names`:
    the article's and the title's sentence's."""
    every, here = names
    return _capital_before(t, every, actors, referents) or _country_in_context(
        t, countries, paragraphs, _states_of_others(t, here, holder, referents, actors, posts),
        _states_named_in(t.sentence.index - 1, posts, every, referents, actors))


def _capital_before(t: TitlePhrase, names: list[NameMention], actors, referents) -> list[int]:
    """'In Washington, President X': the capital the sentence opens with."""
    by_name = {a.canonical: a.id for a in actors.values() if a.type is ActorType.COUNTRY and a.canonical}
    for m in names:
        if m.sentence.index == t.sentence.index and m.kind == "place" and m.country and m.end <= t.start \
                and m.start <= t.sentence.span.start + 2:
            return [by_name[m.country]] if m.country in by_name else []
    return []


def _subject(m: NameMention) -> bool:
    """Whether a mention is a clause's subject or its possessor ('Finland accused ...', "Bangladesh's
    ministry said"), not an object a sentence is about."""
    head = m.doc[m.end - 1]
    return head.dep_ in roles.SUBJECTS or (head.dep_ == "possessor" and head.head.dep_ in roles.SUBJECTS)


def _states_named_in(sentence: int, posts: list[LocalPost], names: list[NameMention], referents, actors) -> set[int]:
    """The states a sentence names as the subjects of its clauses, or as the states of the posts it
    gave ('Finland accused Moscow of ...': Finland too, so a title after it is not surely Russia's;
    'President X held talks with the Haitian council': X's state too)."""
    named = {referents.get(mention_key(m)) for m in names if m.sentence.index == sentence and _subject(m)}
    named = {a for a in named if a is not None and actors[a].type is ActorType.COUNTRY}
    return named | {p.org for p in posts if p.sentence.index == sentence and actors[p.org].type is ActorType.COUNTRY}


def _country_in_context(t: TitlePhrase, countries: list[tuple[tuple[int, int], int, bool, int]],
                       paragraphs: Mapping[int, int], others: set[int], named: set[int] = frozenset()) -> list[int]:
    """The one state the article spoke of just before an unanchored title: its officials in the
    sentence before, or its seat earlier in the same sentence ('the Kremlin said ... President X');
    none when that could be more than one. Not the state of other people the title's own sentence
    names: they are often the other side of a meeting ('X was received by Prime Minister Y'); nor a
    state of the paragraph before when that paragraph said more than one thing (a new paragraph
    often turns to the other side)."""
    here = (t.sentence.index, t.start)
    anchored = {aid for (s, tok), aid, anchors, _ in countries if anchors and (s, tok) < here and s == here[0]} - others
    if len(anchored) == 1:  # 'the Ukrainian delegation included Deputy Foreign Minister X', whatever came before
        return list(anchored)
    previous = t.sentence.index - 1
    paragraph = paragraphs.get(t.sentence.index)
    same_or_short = paragraphs.get(previous) == paragraph or paragraphs.get(previous - 1) != paragraphs.get(previous)
    before = {aid for (s, tok), aid, anchors, _ in countries
              if (s == previous and same_or_short) or (anchors and (s, tok) < here and s == here[0])}
    before -= others
    if before and same_or_short and named - before - others:
        return []  # the sentence before spoke of another state too
    return list(before) if len(before) == 1 else []


def _states_of_others(t: TitlePhrase, here: list[NameMention], holder: int, referents, actors,
                      posts: list[LocalPost]) -> set[int]:
    """The states of the other people the title's sentence names, as posts or the gazetteer tell,
    and those whose same post the article has already given someone else ('French Foreign
    Minister X ... a statement signed by Foreign Minister Y': Y is not France's)."""
    people = {a for a in (referents.get(mention_key(m)) for m in here)
              if a is not None and a != holder and actors[a].type is ActorType.PERSON}
    states = {p.org for p in posts if p.holder in people and actors[p.org].type is ActorType.COUNTRY}
    states |= {find_country(actors, actors[p].country) for p in people if actors[p].country}
    states |= {p.org for p in posts if p.holder != holder and p.title.lower() == t.label.lower()}  # a post held
    return states - {None}
