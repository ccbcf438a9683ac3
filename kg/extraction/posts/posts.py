"""Posts people hold: a title next to a name ('Turkish Defense Minister X', 'X, the leader of Y',
'Y's adviser X', 'the foreign ministers of A and B, X and Y') gives a post in the organisation or
state the title, the sentence, the gazetteer or the dateline names. (A title with no name beside
it refers back to the holder of such a post: `titlerefs`.)"""
from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace

from kg.extraction.actors.local import ArticleActors, LocalActor, LocalPost, MentionKey, TokenIndex, country_actor, home_state, main_state
from kg.extraction.relations.arguments import Arguments
from kg.knowledge.language import language_of
from kg.extraction.actors.mentions import NameMention, by_sentence, mention_key
from kg.model import ActorType
from kg.extraction.parsing import roles
from kg.knowledge.rules import ArgumentRules, TitleRules
from kg.extraction.posts.titleowners import chief_of_a_domain, in_a_phrase, of_a_body, possessed, state_title
from kg.extraction.actors.titles import TitlePhrase, is_genitive
from kg.extraction.posts.holders import appointee, in_a_list_of_titled_names, person_after, person_before
from kg.extraction.posts.context import state_in_context, states_spoken_of

DESCRIBED_REACH = 6  # sentences back the owner of "the bloc's president" is looked for

__all__ = ["PostsFound", "find_posts", "counterpart_post"]


@dataclass(frozen=True)
class PostsFound:
    """What the posts stage returns: the posts, the actors with the states it added, the token
    index with the titles beside a name pointing to its holder, and those titles."""

    posts: tuple[LocalPost, ...]
    actors: Mapping[int, LocalActor]
    index: TokenIndex
    held: frozenset[tuple[int, int]]  # (sentence, first token) of each title beside its holder's name


def find_posts(titles: list[TitlePhrase], names: list[NameMention], referents: Mapping[MentionKey, int],
               actors: Mapping[int, LocalActor], index: TokenIndex, rules: TitleRules,
               arguments: ArgumentRules, homes: tuple[str, ...] = (),
               paragraphs: Mapping[int, int] | None = None) -> PostsFound:
    """Posts from a title beside a person's name; `homes`: the dateline's states; `paragraphs`: their offsets."""
    words = rules.language.words
    posts: list[LocalPost] = []
    actors = dict(actors)
    token_actor, cue = index.editable()
    held = set()
    countries = states_spoken_of(names, titles, referents, actors, rules.state_name_nouns)
    home = home_state(main_state(token_actor, actors), homes)
    names_in, titles_in = by_sentence(names), by_sentence(titles)
    for t in sorted(titles, key=lambda t: t.patron is not None):  # a patron's own post first
        here = names_in.get(t.sentence.index, [])
        before, after = person_before(t, here, titles_in[t.sentence.index]), person_after(t, here)
        if after is not None and before is not None and in_a_list_of_titled_names(t, before, after, titles_in[t.sentence.index]):
            after = None
        person = after or before or appointee(t, here)
        t = _outer_title(t, person, titles_in[t.sentence.index])
        if person is None or t.former:
            continue
        holder = referents.get(mention_key(person))
        if holder is None or actors[holder].type is not ActorType.PERSON:
            continue
        for tok in range(t.start, t.end):
            key = (t.sentence.index, tok)
            if key not in token_actor or tok == t.head_index:
                token_actor[key] = [holder]
                cue[key] = "name"
        orgs = [country_actor(actors, o.country) if o.kind == "place" else referents.get(mention_key(o)) for o in t.orgs]
        orgs = [o for o in orgs if o is not None and o != holder]
        nationality: set[int] = set()
        if not orgs and t.doc[t.start].lower_ == words.possessive_relative:
            orgs = [a for a in _arguments(t, actors, token_actor, cue, arguments).antecedent(t.doc[t.head_index])
                    if a != holder]
        if t.doc[t.start].lower_ in words.organisation_possessives:  # 'its Kenyan commander': its, and Kenyan
            orgs, nationality = _through_possessive(t, orgs, names, referents, actors,
                                                    _arguments(t, actors, token_actor, cue, arguments), token_actor)
        patron = _patron_of(t, here, referents, actors) if not orgs else None
        if patron is not None:  # "President X's adviser", 'X sent his adviser': the patron's state
            orgs = sorted({p.org for p in posts if p.holder == patron and actors[p.org].type is ActorType.COUNTRY})
        if not orgs:
            orgs = _held_before(t, posts, holder) or _inherited_org(t, titles, posts, person) \
                or _org_of_next(t, titles_in[t.sentence.index], referents) or _described_owner(t, names, referents, actors, rules)
        if not orgs and state_title(t, rules) and not t.plural and not of_a_body(t, rules):
            orgs = _known_state(actors, holder)  # the gazetteer knows whose they are
        if not orgs and state_title(t, rules) and not possessed(t, rules) and not (t.plural and _placed(actors, posts, holder)):
            orgs = state_in_context(t, (names, here), referents, actors, posts, countries, paragraphs or {}, holder)
            if not orgs and home is not None:
                orgs = [country_actor(actors, home)]
        label = _counterpart_of(t, posts, holder) if t.head == words.counterpart else t.label
        pairs = [(holder, org) for org in orgs]
        if t.plural:
            pairs = _each_listed(t, person, here, referents, actors, orgs, rules) or pairs[:1 if _one_org(t, orgs) else 0]
        posts += [LocalPost(who, org, label, _leads(t, org, nationality, actors, rules), t.sentence, t.start, t.end)
                  for who, org in pairs]
        held.add((t.sentence.index, t.start))
    return PostsFound(tuple(posts), actors, TokenIndex.of(token_actor, cue), frozenset(held))


def _outer_title(t: TitlePhrase, person: NameMention | None, titles: list[TitlePhrase]) -> TitlePhrase:
    """The title whose phrase this one is inside, when the person comes after a comma: 'the Special
    Envoy of the UN Secretary-General, X' names the patron's post inside the envoy's, and X is the
    envoy (but in 'an aide to President X', X is the president)."""
    if person is None or person.start == 0 or t.doc[person.start - 1].text != ",":
        return t
    outer = next((o for o in titles if o is not t and o.start < t.start < o.end), None)
    if outer is not None:
        return outer
    outer = next((o for o in titles if o is not t and o.end <= t.start and _of_phrase_between(t.doc, o.end, t.start)), None)
    return t if outer is None else replace(outer, end=t.end, orgs=outer.orgs + t.orgs)  # the patron's state


def _of_phrase_between(doc, start: int, end: int) -> bool:
    """'the personal envoy of | the French president', "l'envoyé personnel du | président": a
    title's modifiers and 'of' lead from one title into the next."""
    words = language_of(doc).words
    between = doc[start:end]
    return any(words.of(tok.lower_) for tok in between) and all(
        words.of(tok.lower_) or tok.lower_ in words.articles or tok.pos_ == "ADJ" for tok in between)


def _one_org(t: TitlePhrase, orgs: list[int]) -> bool:
    """Whether a plural title names one organisation: not when the one found ends a list the
    parser did not give it whole ('Ostrian and Valmoran Foreign Ministers X and Y')."""
    conjunction = language_of(t.doc).words.conjunction
    return len(orgs) == 1 and not any(o.start > 0 and t.doc[o.start - 1].lower_ == conjunction for o in t.orgs)


def _leads(t: TitlePhrase, org: int, nationality: set[int], actors, rules: TitleRules) -> bool:
    """Whether the holder of a post of `t` in `org` leads it (not the state of 'its Kenyan commander',
    nor a state whose army or foreign policy the title's chief heads)."""
    return t.leads and org not in nationality and not chief_of_a_domain(t, actors[org], rules) \
        and not any(o.kind == "state" and not any(w.lower_ in rules.state_name_nouns for w in o.doc[o.start:o.end])
                    for o in t.orgs)  # 'commander of French forces', 'head of the Russian delegation': a part's


def _through_possessive(t: TitlePhrase, orgs: list[int], names: list[NameMention], referents, actors,
                        arguments: Arguments, token_actor) -> tuple[list[int], set[int]]:
    """'its Kenyan commander': the organisation 'its' stands for owns the title, and the demonym
    only says the holder's nationality; an 'its' that stands for none leaves the title no
    organisation. A possessive that may also be a person's ('their'; French 'son', his or its)
    keeps the title's organisations when no organisation owns it ('son homologue russe')."""
    words = language_of(t.doc).words
    thing = t.doc[t.start].lower_ in words.thing_pronouns
    owner = [] if in_a_phrase(t) else _clause_subject(arguments, actors)
    if not owner and thing and not _unnamed_subject(t, token_actor):
        owner = _organisation_before(t, names, referents, actors)  # 'its', not 'their'
    if not owner and not thing:
        return orgs, set()
    nationality = set(orgs) - set(owner) if owner else set()
    return owner + sorted(nationality), nationality


def _placed(actors: dict[int, LocalActor], posts: list[LocalPost], person: int) -> bool:
    """Whether the gazetteer or a post found before says whose the person is."""
    return bool(_known_state(actors, person)) or any(p.holder == person for p in posts)


def _known_state(actors: dict[int, LocalActor], person: int) -> list[int]:
    """The state the gazetteer, or else a list of people, places a person in."""
    state = actors[person].country or actors[person].nationality
    return [country_actor(actors, state)] if state else []




def _each_listed(t: TitlePhrase, first: NameMention, here: list[NameMention], referents, actors,
                 orgs: list[int], rules: TitleRules) -> list[tuple[int, int]]:
    """'the foreign ministers of A and B, X and Y': each person listed after a plural title holds
    it, in the organisation named in the same place of the list (or the one organisation named),
    else (a state's title) in the state the gazetteer knows them for ('their foreign ministers, X
    and Y')."""
    people, doc, end = [first], t.doc, first.end
    words = language_of(doc).words
    for m in here:
        if m.start > end and m.type in (ActorType.PERSON, None) and all(
                tok.text == "," or tok.lower_ == words.conjunction for tok in doc[end:m.start]):
            people.append(m)
            end = m.end
    holders = [referents.get(mention_key(m)) for m in people]
    if len(holders) < 2 or any(h is None or actors[h].type not in (ActorType.PERSON, ActorType.ORGANIZATION)
                               for h in holders):  # a name the tagger could not type, listed as one of them
        return []
    if len(orgs) == len(holders):
        return list(zip(holders, orgs))
    owners_before = t.start > 1 and is_genitive(doc[t.start - 1], words) and doc[t.start - 2].tag_ in ("plural_noun", "plural_name")
    if _one_org(t, orgs) and not owners_before:  # 'Iran's deputy foreign ministers, X and Y' (not 'the two
        return [(h, orgs[0]) for h in holders]  # countries' foreign ministers, X and Y')
    if orgs or not state_title(t, rules):
        return []
    return [(h, country_actor(actors, actors[h].country)) for h in holders if actors[h].country]


def _organisation_before(t: TitlePhrase, names: list[NameMention], referents, actors) -> list[int]:
    """'..., where he was briefed by its Kenyan commander, X': the organisation or state named last
    before 'its', in its sentence or the one before."""
    return _named_last(names, referents, actors, (t.sentence.index, t.start), 1,
                       lambda kind: kind not in (ActorType.PERSON, ActorType.PLACE, ActorType.GROUP))


def _described_owner(t: TitlePhrase, names: list[NameMention], referents, actors, rules: TitleRules) -> list[int]:
    """"the bloc's commission president", "the ministry's spokesman": the last actor of the kind
    the description names, named in the title's sentence or the DESCRIBED_REACH before it."""
    doc, k = t.doc, t.start
    words = language_of(doc).words
    if k < 3 or not is_genitive(doc[k - 1], words) or not words.definite(doc[k - 3].lower_):
        return []
    types = rules.described_owners.get(doc[k - 2].lower_)
    if not types:
        return []
    return _named_last(names, referents, actors, (t.sentence.index, k - 3), DESCRIBED_REACH, lambda kind: kind in types)


def _named_last(names: list[NameMention], referents, actors, before: tuple[int, int], reach: int, fits) -> list[int]:
    """The actor named last before a point (sentence, token), at most `reach` sentences back, whose
    type `fits`."""
    for m in reversed(names):
        if (m.sentence.index, m.end) <= before and before[0] - m.sentence.index <= reach:
            aid = referents.get(mention_key(m))
            if aid is not None and fits(actors[aid].type):
                return [aid]
    return []


def _patron_of(t: TitlePhrase, here: list[NameMention], referents, actors) -> int | None:
    """Whose aide a title names: its patron ("President X's adviser"), or the person named last
    before a title that opens with 'his' or 'her' in its sentence ('Lula sent his adviser, Y')."""
    if t.patron is not None:
        return referents.get(mention_key(t.patron))
    opening = t.doc[t.start]
    if opening.lower_ not in language_of(opening).words.person_pronouns or opening.tag_ != "possessive_pronoun":
        return None
    people = _named_last(here, referents, actors, (t.sentence.index, t.start), 0, lambda kind: kind is ActorType.PERSON)
    return people[0] if people else None


def _counterpart_of(t: TitlePhrase, posts: list[LocalPost], holder: int) -> str:
    """'X met his Qatari counterpart, Y': Y holds, for Qatar, the post X holds."""
    post = counterpart_post(t, posts, lambda p: p.holder != holder)
    return post.title if post is not None else language_of(t.doc).words.counterpart


def counterpart_post(t: TitlePhrase, posts: Sequence[LocalPost], other: Callable[[LocalPost], bool]) -> LocalPost | None:
    """The post a 'counterpart' title names again: the last one, of someone `other` accepts, that
    the article gave in the title's sentence before it or in the sentence before."""
    return next((p for p in reversed(posts) if other(p) and (p.sentence.index == t.sentence.index - 1 or (
        p.sentence.index == t.sentence.index and p.start < t.start))), None)


def _arguments(t: TitlePhrase, actors, token_actor, cue, rules: ArgumentRules) -> Arguments:
    """The argument finder over the tokens resolved so far (a view of the stage's own index)."""
    return Arguments(t.sentence, ArticleActors(actors, TokenIndex(token_actor, cue)), rules)


def _unnamed_subject(t: TitlePhrase, token_actor) -> bool:
    """'The bloc appointed X as its envoy': the clause 'its' stands in has for its subject a
    description that names no actor, which 'its' refers back to; no organisation named earlier."""
    verb = next((a for a in t.doc[t.head_index].ancestors if a.pos_ in ("VERB", "AUX")), None)
    subjects = [c for c in verb.children if c.dep_ in roles.NOMINAL_SUBJECTS] if verb is not None else []
    return bool(subjects) and all(c.pos_ == "NOUN" and (t.sentence.index, c.i) not in token_actor for c in subjects)


def _clause_subject(arguments: Arguments, actors) -> list[int]:
    """'Moscow requested ..., its deputy envoy X said': the possessor is the actor the sentence is about."""
    states = sorted({a for a in arguments.clause_subjects() if actors[a].type is not ActorType.PERSON})
    return states if len(states) == 1 else []


def _org_of_next(t: TitlePhrase, titles: list[TitlePhrase], referents) -> list[int]:
    """'X, Deputy Prime Minister and Minister of Foreign Affairs of Pakistan': a title joined by
    'and' to the next one is in that one's organisation."""
    doc = t.doc
    if t.end >= len(doc) or doc[t.end].lower_ != language_of(doc).words.conjunction:
        return []
    following = next((o for o in titles if o.start == t.end + 1), None)
    orgs = [referents.get(mention_key(o)) for o in following.orgs] if following is not None else []
    return [o for o in orgs if o is not None]


def _held_before(t: TitlePhrase, posts: list[LocalPost], holder: int) -> list[int]:
    """'Vietnam's Minister of Foreign Affairs X ... Meeting with South Korean Foreign Minister Y,
    minister X agreed': the one organisation the article gave the same person a post of that title
    in, before the sentence ends (not a state the sentence names for someone else)."""
    words = language_of(t.doc).words
    orgs = {p.org for p in posts if p.holder == holder and words.title_head(p.title) == words.title_head(t.head)}
    return list(orgs) if len(orgs) == 1 else []


def _inherited_org(t: TitlePhrase, titles: list[TitlePhrase], posts: list[LocalPost],
                   person: NameMention) -> list[int]:
    """'the military leader of X, A, and the leader B': a title coordinated with an earlier one of
    the same kind shares its organisation (not so across a verb: 'President A met President B',
    nor from another person's title to a name and its own: 'A, minister of X, and B, minister')."""
    doc = t.doc
    conjunction = language_of(doc).words.conjunction
    for post in reversed(posts):
        if post.sentence.index != t.sentence.index or post.end > t.start:
            continue
        if post.end <= person.start < t.start:
            return []
        if language_of(t.doc).words.title_head(post.title) != language_of(t.doc).words.title_head(t.head):
            continue
        between = doc[post.end:t.start]
        if any(tok.pos_ in ("VERB", "AUX") and tok.dep_ != "noun_clause" for tok in between):
            return []
        return [post.org] if any(tok.lower_ in (conjunction, ",") for tok in between) else []
    return []
