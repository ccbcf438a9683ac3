"""The people titles with no name beside them refer to: 'the Turkish foreign minister', 'the
two leaders', 'the foreign ministers of A and B' point back to the holders of such posts named
earlier in the article (the posts stage found them)."""
from __future__ import annotations

import bisect
from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from kg.model import ActorType
from kg.extraction.actors.local import LocalActor, LocalPost, TokenIndex, clear_first
from kg.knowledge.language import language_of
from kg.extraction.posts.posts import PostsFound, counterpart_post
from kg.extraction.posts.titleowners import spelled, title_words
from kg.extraction.actors.titles import TitlePhrase

if TYPE_CHECKING:
    from kg.extraction.parsing.nlp import Sentence

__all__ = ["resolve_titles"]

SPEAKING_BODIES = (ActorType.COUNTRY, ActorType.INTERNATIONAL_ORGANIZATION)  # whose people's plural title speaks for them
PEOPLE_REACH = 1  # sentences back in which 'the two presidents' finds the people it counts


def resolve_titles(titles: list[TitlePhrase], beside: PostsFound, actors: Mapping[int, LocalActor],
                   affiliations=()) -> tuple[TokenIndex, tuple[LocalPost, ...]]:
    """A title with no name beside it refers to the person holding that post in the article.
    Returns the token index with those titles resolved, and the posts with the ones learnt
    on the way ('the foreign ministers of A and B ... X signed for A')."""
    posts = list(beside.posts)
    token_actor, cue = beside.index.editable()
    held = _HeldPosts(posts, _ranks(titles, beside, token_actor))
    named = _sentences_named(beside.index)
    for t in titles:
        if (t.sentence.index, t.start) in beside.held or t.former:
            continue
        org_ids = []
        for o in t.orgs:
            ids = token_actor.get((t.sentence.index, o.start))
            if ids:
                org_ids.append(ids[0])
        head = language_of(t.doc).words.title_head(t.head)
        count = _counted(t)
        owners = _whose(t, token_actor) if t.plural and not org_ids else []
        if owners:  # 'A, B and C, whose leaders met': the states, as a state-level view
            token_actor[(t.sentence.index, t.head_index)] = owners
            cue[(t.sentence.index, t.head_index)] = "title"
            continue
        if t.plural and not org_ids and count:
            targets = _last_holders(held.refreshed(), head, count, t) or _last_people(token_actor, actors, count, t)
            if targets:
                key = (t.sentence.index, t.head_index)
                token_actor[key] = targets
                cue[key] = "title"
            continue
        if head == language_of(t.doc).words.counterpart and len(org_ids) == 1:
            t = _as_counterpart(t, posts, org_ids[0])  # 'X spoke with his Syrian counterpart'
            head = language_of(t.doc).words.title_head(t.head)
        targets = _holders(t, head, org_ids, held, actors, named)
        if t.plural and org_ids and len(targets) < len(org_ids):
            targets = _affiliated(t, org_ids, affiliations, posts) or targets
        if not targets and not t.plural and len(org_ids) == 1:
            targets = _known_national(actors, org_ids[0], t, held.refreshed())
        states = [o for o in org_ids if actors[o].type in SPEAKING_BODIES]
        if (not targets or (t.plural and len(targets) < len(org_ids))) and states and len(states) == len(org_ids) \
                and (all(actors[o].type is ActorType.COUNTRY for o in states) or (
                    t.plural and _leaders_title(t, head))):
            targets = states  # 'the foreign ministers of Turkey, Iran and Russia', 'the heads of state of the EAC and
            # the SADC': the states and bodies, as a state-level view
        elif not targets or (not t.plural and len(targets) > 1) or (t.plural and not org_ids):
            continue
        elif t.plural and org_ids and len(targets) < len(org_ids):
            continue
        key = (t.sentence.index, t.head_index)
        token_actor[key] = targets
        cue[key] = "title"
    return TokenIndex.of(token_actor, cue), tuple(posts)


def _holders(t: TitlePhrase, head: str, org_ids: list[int], held: "_HeldPosts", actors: Mapping[int, LocalActor],
             named: dict[int, int]) -> list[int]:
    """The people a title names, one for each organisation it names (or one for none): the
    organisation's leader for a leader's title ('the Syrian leader'), else the holder of the post."""
    leader_titles = language_of(t.doc).words.leader_titles
    targets: list[int] = []
    for org in org_ids or [None]:
        found = _leader_of(actors, held.refreshed(), org, named, t) if head in leader_titles and org is not None else None
        found = found if found is not None else _holder_of(held.refreshed(), head, org, t)
        if found is not None and found not in targets:
            targets.append(found)
    return targets


def _as_counterpart(t: TitlePhrase, posts: list[LocalPost], org: int) -> TitlePhrase:
    """'his Syrian counterpart' with no name beside it: the title of the post held, in another
    organisation, by the last one named with a post in this sentence or the one before."""
    post = counterpart_post(t, posts, lambda p: p.org != org)
    return replace(t, head=post.title.lower(), label=post.title) if post is not None else t


def _whose(t: TitlePhrase, token_actor) -> list[int]:
    """'Somalia, Egypt and Eritrea, whose leaders met': the actors named in the coordination the
    relative clause of a plural title hangs on."""
    doc = t.doc
    if doc[t.start].lower_ != language_of(doc).words.possessive_relative:
        return []
    tok = doc[t.head_index]
    while tok.dep_ != "relative_clause":
        if tok.head == tok or tok.i < t.sentence.span.start:
            return []
        tok = tok.head
    head = tok.head
    while head.dep_ == "conjunct" and head.head != head:
        head = head.head
    owners: list[int] = []
    while head is not None:
        owners += [a for a in token_actor.get((t.sentence.index, head.i), []) if a not in owners]
        head = next((c for c in head.children if c.dep_ == "conjunct"), None)
    return owners if len(owners) >= 2 else []


def _affiliated(t: TitlePhrase, org_ids: list[int], affiliations, posts: list[LocalPost]) -> list[int]:
    """'The foreign ministers of A and B signed ... X signed for A and Y for B': one person said to
    serve each state near the title holds it; each gets the post."""
    people = []
    for org in org_ids:
        near = {p for p, state, s in affiliations if state == org and abs(s.index - t.sentence.index) <= 1}
        if len(near) != 1:
            return []
        people.append((next(iter(near)), org))
    for person, org in people:
        sentence = next(s for p, state, s in affiliations if p == person and state == org)
        posts.append(LocalPost(person, org, t.label, t.leads, sentence, t.start, t.end))
    return [person for person, _ in people]


def _counted(t: TitlePhrase) -> int | None:
    """'the three leaders', 'both ministers': how many people a plural title counts."""
    doc = t.doc
    words = language_of(doc).words
    counts = (words.group_size(doc[i].lower_) for i in range(max(t.sentence.span.start, t.start - 1), t.head_index))
    return next((c for c in counts if c is not None), None)


@dataclass(frozen=True)
class _Held:
    """Who holds a post of one title in one organisation, and in which sentences it is said."""

    holder: int
    org: int
    words: frozenset[str]
    leads: bool
    sentences: tuple[int, ...]  # sorted

    def last_before(self, index: int, inclusive: bool) -> int | None:
        """The last sentence up to `index` that says it."""
        n = bisect.bisect_right(self.sentences, index) if inclusive else bisect.bisect_left(self.sentences, index)
        return self.sentences[n - 1] if n else None


NO_ORG = -1  # the organisation of a rank: none


class _HeldPosts:
    """The posts of an article grouped by holder, organisation and title: a post said in a
    thousand sentences is looked at once per title, not a thousand times."""

    def __init__(self, posts: list[LocalPost], ranks: list[tuple[int, str, "Sentence"]] = ()):
        self.posts = posts
        self.ranks = ranks
        self._seen = -1
        self._groups: list[_Held] = []

    def refreshed(self) -> list[_Held]:
        if self._seen != len(self.posts):  # posts may have been added since
            grouped: dict[tuple, list[int]] = {}
            for p in self.posts:
                grouped.setdefault((p.holder, p.org, _said_words(p.title, p.sentence), p.leads), []).append(
                    p.sentence.index)
            for holder, label, sentence in self.ranks:
                grouped.setdefault((holder, NO_ORG, _said_words(label, sentence), False), []).append(sentence.index)
            self._groups = [_Held(*key, tuple(sorted(indexes))) for key, indexes in grouped.items()]
            self._seen = len(self.posts)
        return self._groups


def _said_words(title: str, sentence: "Sentence") -> frozenset[str]:
    """The words of a title said in a sentence, in the sentence's language (`title_words`)."""
    return frozenset(title_words(title, language_of(sentence.span).words))


def _last_holders(held: list[_Held], head: str, count: int, t: TitlePhrase) -> list[int]:
    """The last `count` people before the title holding such a post ('leader' means any leading post,
    'military leader' a military rank)."""
    words = language_of(t.doc).words
    holders: list[int] = []
    ranked = bool(set(title_words(t.label, words)) & words.military_words)  # 'the three military leaders': officers
    said = [(g.last_before(t.sentence.index, inclusive=False), n, g) for n, g in enumerate(held)]
    for _last, _n, g in sorted(((i, n, g) for i, n, g in said if i is not None), key=lambda x: (-x[0], -x[1])):
        fits = bool(g.words & words.military_ranks) if ranked else g.leads if head in words.leader_titles else (
            spelled(head, words).rstrip("s") in {w.rstrip("s") for w in g.words})
        if fits and g.holder not in holders:
            holders.append(g.holder)
        if len(holders) == count:
            return sorted(holders)
    return []


def _known_national(actors: Mapping[int, LocalActor], org: int, t: TitlePhrase, held: list["_Held"]) -> list[int]:
    """'the US president' in an article that names Trump without his post: the one person the
    gazetteer places in that state, named before the title, whom the article gives no lesser post
    ('the president's envoy X' is not the president)."""
    words = language_of(t.doc).words
    state, heads_of_state = actors[org], words.head_of_state_titles
    if state.type is not ActorType.COUNTRY or not state.canonical or (
            t.head not in heads_of_state and words.title_head(t.head) not in heads_of_state):
        return []
    here = (t.sentence.index, t.start)
    lesser = _lesser_holders(held, org, t)
    people = [a.id for a in actors.values() if a.type is ActorType.PERSON and a.country == state.canonical
              and a.first < here and a.id not in lesser]
    return people if len(people) == 1 else []


def _leaders_title(t: TitlePhrase, head: str) -> bool:
    """'heads of state', 'leaders', "chefs d'État": a title of those who lead what they are of."""
    words = language_of(t.doc).words
    return t.head in words.head_of_state_titles or head in words.head_of_state_titles | words.leader_titles


def _lesser_holders(held: list[_Held], org: int, t: TitlePhrase) -> set[int]:
    """Who hold a post in `org` that does not lead it, nor is a head of state's ('his Azerbaijani
    counterpart X' is a president): 'the president's envoy X' is no president."""
    heads = language_of(t.doc).words.head_of_state_titles
    return {g.holder for g in held if g.org == org and not g.leads and not (g.words & heads)}


def _said_most(matches: list[_Held], t: TitlePhrase) -> int | None:
    """'The President' in a press release: the holder whose post the article has given most often
    before, when one clearly has (at least twice as often as any other)."""
    counts: dict[int, int] = {}
    for g in matches:
        counts[g.holder] = counts.get(g.holder, 0) + sum(1 for s in g.sentences if s <= t.sentence.index)
    return clear_first(counts, 2, 2)


def _last_people(token_actor, actors: Mapping[int, LocalActor], count: int, t: TitlePhrase) -> list[int]:
    """'A and B shook hands. The two presidents met': with no such posts said, the last `count`
    people named in the sentence before the title's (in its own, they are the other side: 'X will
    meet the two leaders')."""
    if len(title_words(t.label, language_of(t.doc).words)) > 1:
        return []  # 'the three military leaders' says more of whom it means than who was named last
    keys = sorted(k for k in token_actor if t.sentence.index - PEOPLE_REACH <= k[0] < t.sentence.index)
    people: list[int] = []
    for key in reversed(keys):
        for aid in token_actor[key]:
            if actors[aid].type is ActorType.PERSON and aid not in people:
                people.append(aid)
        if len(people) >= count:
            return sorted(people[:count]) if len(people) == count else []
    return []


def _ranks(titles: list[TitlePhrase], beside: PostsFound, token_actor) -> list[tuple[int, str, "Sentence"]]:
    """Titles beside a name that give no post, for want of an organisation ('Archbishop X',
    'General Y'): (holder, title, sentence), so that 'the archbishop' later is X."""
    posted = {(p.sentence.index, p.start) for p in beside.posts}
    out = []
    for t in titles:
        key = (t.sentence.index, t.start)
        holders = token_actor.get((t.sentence.index, t.head_index)) if key in beside.held and key not in posted else None
        if holders and not t.plural:
            out.append((holders[0], t.label, t.sentence))
    return out


def _sentences_named(index: TokenIndex) -> dict[int, int]:
    """In how many sentences each actor is named."""
    seen = {(s, aid) for (s, _), ids in index.actors.items() for aid in ids}
    counts: dict[int, int] = {}
    for _, aid in seen:
        counts[aid] = counts.get(aid, 0) + 1
    return counts


def _leader_of(actors: Mapping[int, LocalActor], held: list[_Held], org: int, named: dict[int, int],
               t: TitlePhrase) -> int | None:
    """'the Syrian leader': of the state's people (who lead it here, or whom the gazetteer places
    in it and the article gives no lesser post), the one the article names clearly most (in twice as many sentences as any other)."""
    state = actors[org]
    if state.type is not ActorType.COUNTRY:
        return None
    people = {g.holder for g in held if g.leads and g.org == org}
    lesser = _lesser_holders(held, org, t) - people
    people |= {a.id for a in actors.values() if a.type is ActorType.PERSON and a.country and a.country == state.canonical
               and a.id not in lesser}
    return clear_first({p: named.get(p, 0) for p in people}, 0, 2) if len(people) > 1 else None


def _holder_of(held: list[_Held], head: str, org: int | None, t: TitlePhrase) -> int | None:
    """The one person holding the post a title names (of `org`, when given): the only such
    holder in the article, else the one named last before it."""
    words = language_of(t.doc).words
    wanted = set(title_words(t.label, words))
    head = spelled(head, words)
    matches = []
    for g in held:
        if head in words.leader_titles and org is not None and g.leads and g.org == org:
            matches.append(g)  # 'the Iranian leader': whoever leads Iran here
            continue
        if t.head in words.head_of_state_titles and head not in words.head_of_state_titles and org is not None \
                and g.leads and g.org == org and g.words & words.head_of_state_titles:
            matches.append(g)  # 'the Peruvian head of state', 'le chef de l'État péruvien': its president or king
            continue
        if head not in g.words and head.rstrip("s") not in g.words:
            continue
        if not (wanted - {head, head + "s"}) <= g.words:
            continue
        if org is not None and g.org != org:
            continue
        matches.append(g)
    holders = {g.holder for g in matches}
    if len(holders) == 1:
        return holders.pop()
    often = _said_most(matches, t)
    if often is not None:
        return often
    said = [(g.last_before(t.sentence.index, inclusive=True), g.holder) for g in matches]
    said = [(index, holder) for index, holder in said if index is not None]
    if said:
        last = max(index for index, _ in said)
        at_last = {holder for index, holder in said if index == last}
        if len(at_last) == 1:
            return at_last.pop()
    return None
