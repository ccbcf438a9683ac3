"""Whom a person is named with: the state they serve ('Hakan Fidan of Turkey', "Germany's
Friedrich Merz", 'X signed for Kinshasa') or the party or force that is theirs ("Igor Dodon's
Party of Socialists", 'Haftar and his Libyan National Army')."""
from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from kg.model import ActorType
from kg.extraction.actors.local import LocalActor, country_actor
from kg.knowledge.language import language_of
from kg.extraction.actors.mentions import NameMention, mention_key
from kg.extraction.actors.resolve import Referents

if TYPE_CHECKING:
    from kg.extraction.actors.titles import TitlePhrase
    from kg.extraction.parsing.nlp import Sentence

__all__ = ["find_affiliations"]

OWN_ORGANISATIONS = (ActorType.ORGANIZATION, ActorType.ARMED_GROUP, ActorType.GOVERNMENT_BODY)
OWNING_BODIES = (ActorType.INTERNATIONAL_ORGANIZATION, ActorType.ORGANIZATION, ActorType.ARMED_GROUP)
BODY_REACH = 6  # tokens after 'of' within which the organisation's name starts
PARTS = (ActorType.ORGANIZATION, ActorType.ARMED_GROUP, ActorType.GOVERNMENT_BODY,
         ActorType.INTERNATIONAL_ORGANIZATION)


def find_affiliations(referents: Referents, actors: Mapping[int, LocalActor], titles: Sequence["TitlePhrase"] = ()
                      ) -> tuple[tuple[tuple[int, int, "Sentence"], ...], dict[int, LocalActor]]:
    """A person named with the state they serve: 'Hakan Fidan of Turkey', 'X signed for Kinshasa
    and Y for Kigali', "Germany's Friedrich Merz"; or with the party or force that is theirs: "Igor
    Dodon's Party of Socialists", 'Haftar and his Libyan National Army'; and an organisation named
    as another's ("NATO's Kosovo Force"). Returns (member, state or organisation, sentence)
    triples, and the actors with the states the article names only by a city. People named after
    a title of a post no longer held ('former presidents X of Malawi and Y of Zambia') serve no
    state by it."""
    names = referents.names
    formerly = _after_former_titles(names, titles)
    actors = dict(actors)
    out = []
    by_start = {(m.sentence.index, m.start): n for n, m in enumerate(names)}
    by_end = {(m.sentence.index, m.end): n for n, m in enumerate(names)}
    for n, m in enumerate(names):
        person = referents.of_name.get(mention_key(m))
        if person is not None and actors[person].type in OWNING_BODIES:
            part = _part_named(m, by_start, names, referents, actors)
            if part is not None and part != person:
                out.append((part, person, m.sentence))  # "NATO's Kosovo Force" is NATO's
        if person is None or actors[person].type is not ActorType.PERSON:
            continue
        state = _genitive_state(m, names, by_end, referents, actors) if n not in formerly else None
        if state is not None:
            out.append((person, state, m.sentence))
            continue
        org = _own_organisation(n, names, by_start, referents, actors)
        if org is not None:
            out.append((person, org, m.sentence))  # "former President X's party": the party is still theirs
        served = _served_after(m, by_start, names, referents, actors) if n not in formerly else None
        if served is not None:
            out.append((person, served, m.sentence))
    return tuple(out), actors


def _after_former_titles(names: Sequence[NameMention], titles: Sequence["TitlePhrase"]) -> set[int]:
    """The names a title of a post no longer held stands before, alone or heading a list of
    them: 'former presidents Olek Marrin of Malawi, Sela Voss of Botswana and Ivo Tarn'."""
    former = [t for t in titles if t.former]
    found = set()
    for n, m in enumerate(names):
        before = [t for t in former if t.sentence.index == m.sentence.index and t.end <= m.start]
        if before and _only_a_list_between(m.doc, max(t.end for t in before), m.start):
            found.add(n)
    return found


def _only_a_list_between(doc, start: int, end: int) -> bool:
    """Whether the words from `start` to `end` are names, the states they are of and the
    commas and 'and's that list them."""
    words = language_of(doc).words
    return all(tok.pos_ == "PROPN" or tok.text == "," or (words.of(tok.lower_) or tok.lower_ == words.conjunction)
               or words.definite(tok.lower_) for tok in doc[start:end])


def _served_after(m: NameMention, by_start, names, referents: Referents, actors) -> int | None:
    """The state or body named after a person's name that the person serves: 'Hakan Fidan of
    Turkey', 'X signed for Kinshasa' (the state of the place), 'Prime Minister X of the
    Tripoli-based GNU'."""
    if m.end + 2 >= len(m.doc):
        return None
    doc, k = m.doc, m.end
    words = language_of(doc).words
    if doc[k].lemma_.lower() in words.on_behalf_verbs and doc[k + 1].lower_ == words.serving:
        k += 1
    elif doc[k].lower_ == words.serving and not any(t.pos_ == "VERB" for t in doc[m.start - 2 if m.start > 1 else 0:m.start]):
        if not (m.start > 0 and doc[m.start - 1].lower_ == words.conjunction):
            return None
    elif not words.of(doc[k].lower_):
        return None
    other = by_start.get((m.sentence.index, k + 1))
    if other is None:
        return _body_after_of(m, k, by_start, names, referents, actors) if words.of(doc[k].lower_) else None
    target = names[other]
    state = referents.of_name.get(mention_key(target))
    if target.kind == "place" and target.country and doc[k].lower_ == words.serving:
        return country_actor(actors, target.country)  # 'signed for Kinshasa'
    if state is None or actors[state].type is not ActorType.COUNTRY or target.kind not in ("name", "capital"):
        return None
    return state


def _body_after_of(m: NameMention, k: int, by_start, names, referents: Referents, actors) -> int | None:
    """'X of the Tripoli-based Government of National Unity': an organisation named after 'of the'
    and modifiers (a hyphenated '-based' place, adjectives)."""
    doc, end = m.doc, m.sentence.span.end
    words = language_of(doc).words
    for j in range(k + 1, min(end, k + BODY_REACH)):
        found = by_start.get((m.sentence.index, j))
        body = referents.of_name.get(mention_key(names[found])) if found is not None else None
        if body is not None and actors[body].type in OWN_ORGANISATIONS:
            return body
        if not (words.definite(doc[j].lower_) or doc[j].pos_ == "ADJ" or doc[j].text == "-"
                or doc[j - 1].text == "-" or (j + 1 < end and doc[j + 1].text == "-")):
            return None
    return None


def _genitive_state(m: NameMention, names, by_end, referents: Referents, actors) -> int | None:
    """"Germany's Friedrich Merz", "Pakistan's Ishaq Dar": the state whose genitive a person's
    name directly follows; 'le Russe Vassily Nebenzia': the state whose people's noun, after an
    article, it follows."""
    words = language_of(m.doc).words
    if m.start >= 2 and m.doc[m.start - 1].lower_ in words.genitive:
        owner = by_end.get((m.sentence.index, m.start - 1))
        kinds = ("name", "capital")
    else:
        owner = by_end.get((m.sentence.index, m.start))
        kinds = ("demonym",)
        if owner is not None and (names[owner].start < 1 or not m.doc[names[owner].start].text[:1].isupper()
                                  or m.doc[names[owner].start - 1].lower_ not in words.articles):
            owner = None
    if owner is None or names[owner].kind not in kinds:
        return None
    state = referents.of_name.get(mention_key(names[owner]))
    return state if state is not None and actors[state].type is ActorType.COUNTRY else None


def _own_organisation(n: int, names, by_start, referents: Referents, actors) -> int | None:
    """"Igor Dodon's Party of Socialists", 'Khalifa Haftar and his Libyan National Army': the
    organisation named right after a person's genitive, or after 'his'/'her' with the person the
    nearest name before it in the sentence."""
    m = names[n]
    doc, k = m.doc, m.end
    if k + 1 >= len(doc) or doc[k].lower_ not in language_of(doc).words.genitive:
        org_at = _after_own_pronoun(n, names)
    else:
        org_at = by_start.get((m.sentence.index, k + 1))
    if org_at is None:
        return None
    org = referents.of_name.get(mention_key(names[org_at]))
    return org if org is not None and actors[org].type in OWN_ORGANISATIONS else None


def _part_named(m: NameMention, by_start, names, referents: Referents, actors) -> int | None:
    """"NATO's Kosovo Force", "the PKK's armed wing ...": the organisation named right after an
    organisation's genitive is part of it."""
    doc, k = m.doc, m.end
    if k + 1 >= len(doc) or doc[k].lower_ not in language_of(doc).words.genitive:
        return None
    part_at = by_start.get((m.sentence.index, k + 1))
    part = referents.of_name.get(mention_key(names[part_at])) if part_at is not None else None
    if part is None or actors[part].type not in PARTS:
        return None
    return None if actors[part].type is ActorType.GOVERNMENT_BODY and actors[part].country else part  # a state's


def _after_own_pronoun(n: int, names) -> int | None:
    """The name after the next 'his'/'her' when no other name comes between."""
    m = names[n]
    following = names[n + 1] if n + 1 < len(names) else None
    if following is None or following.sentence.index != m.sentence.index or following.start < 2:
        return None
    pronoun = m.doc[following.start - 1]
    if pronoun.lower_ not in language_of(pronoun).words.person_pronouns or pronoun.tag_ != "possessive_pronoun":
        return None
    return n + 1
