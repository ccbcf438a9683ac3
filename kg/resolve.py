"""Resolve the mentions of one article to its actors.

Names that denote the same actor are merged (gazetteer aliases, a full name
and later its surname, an acronym in parentheses, 'known as' names); titles,
pronouns and definite descriptions then point to the last fitting actor. A
wrong merge is worse than a missed one: when in doubt, nothing is merged.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .mentions import LOCATIVE_PREPS, NameMention
from .model import ActorType
from .rules import Rules, fold
from .titles import TitlePhrase

if TYPE_CHECKING:
    from .nlp import Sentence

__all__ = ["LocalActor", "LocalPost", "ArticleActors", "resolve_article"]

ALIAS_CUES = ("known as", "nicknamed", "also called", "alias", "aka", "dubbed", "nom de guerre")
NAME_PREFIXES = re.compile(r"^(al|el|ul|ad|as|ash|at|ar|an|az)-")
PERSON_PRONOUNS = {"he", "she", "him", "his", "her"}
THING_PRONOUNS = {"it", "its"}
NOT_ORG_TYPES = {ActorType.PERSON, ActorType.PLACE, ActorType.GROUP}


@dataclass
class LocalActor:
    id: int
    type: ActorType
    names: list[str] = field(default_factory=list)  # surface names in order of appearance
    canonical: str | None = None  # gazetteer name
    country: str | None = None  # canonical name of the state a national body belongs to
    first: tuple[int, int] = (0, 0)

    @property
    def name(self) -> str:
        if self.canonical:
            return self.canonical
        full = [n for n in self.names if not _is_acronym(n)]
        pool = full or self.names
        if self.type is ActorType.PERSON:
            most = max(len(n.split()) for n in pool)
            return next(n for n in pool if len(n.split()) == most)
        return max(pool, key=len)


@dataclass(frozen=True)
class LocalPost:
    holder: int
    org: int
    title: str
    leads: bool
    sentence: "Sentence"


@dataclass
class ArticleActors:
    actors: dict[int, LocalActor]
    token_actor: dict[tuple[int, int], list[int]]  # (sentence, token) -> actor ids
    posts: list[LocalPost]
    mention_cue: dict[tuple[int, int], str]  # how a token was resolved: name | title | pronoun | description
    affiliations: list[tuple[int, int, "Sentence"]] = field(default_factory=list)  # (person, state, sentence)

    def at(self, sentence: int, token: int) -> list[int]:
        return self.token_actor.get((sentence, token), [])


def _is_acronym(name: str) -> bool:
    letters = [c for c in name if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters) and len(letters) <= 8


def _surname_keys(name: str) -> set[str]:
    parts = fold(name).replace("-", " - ").split()
    words = [p for p in parts if p != "-"]
    keys = set()
    if len(words) >= 2:
        last = words[-1]
        keys.add(last)
        joined = fold(name).split()[-1]
        keys.add(joined)
        keys.add(NAME_PREFIXES.sub("", joined))
    return keys


class _Union:
    def __init__(self) -> None:
        self.parent: dict[int, int] = {}

    def find(self, x: int) -> int:
        self.parent.setdefault(x, x)
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def resolve_article(sentences: list["Sentence"], names: list[NameMention],
                    titles: list[TitlePhrase], rules: Rules) -> ArticleActors:
    names = [m for m in names if m.kind != "people"]  # 'the Palestinians' are a people, not the state
    union = _Union()
    index = {id(m): n for n, m in enumerate(names)}
    _link_parenthetical_and_known_as(names, index, union)
    by_key: dict[str, int] = {}
    for n, m in enumerate(names):
        key = _identity_key(m)
        if key is None:
            continue
        if key in by_key:
            union.union(by_key[key], n)
        else:
            by_key[key] = n
    for n, m in enumerate(names):
        if m.type is None and f"name:{fold(m.text)}" in by_key:
            union.union(by_key[f"name:{fold(m.text)}"], n)
    _type_untyped_by_titles(names, titles)
    _merge_surnames(names, union, rules)
    actors, mention_actor = _build_actors(names, union, rules)
    token_actor: dict[tuple[int, int], list[int]] = {}
    cue: dict[tuple[int, int], str] = {}
    for n, m in enumerate(names):
        aid = mention_actor.get(n)
        if aid is None:
            continue
        for t in range(m.start, m.end):
            token_actor[(m.sentence.index, t)] = [aid]
            cue[(m.sentence.index, t)] = "name"
    posts = _posts(titles, names, mention_actor, actors, token_actor, cue, rules)
    _resolve_titles(titles, posts, actors, token_actor, cue)
    _resolve_references(sentences, actors, token_actor, cue, rules)
    affiliations = _affiliations(names, mention_actor, actors)
    return ArticleActors(actors, token_actor, posts, cue, affiliations)


def _affiliations(names: list[NameMention], mention_actor: dict[int, int], actors) -> list[tuple[int, int, "Sentence"]]:
    """'Hakan Fidan of Turkey': a person named with the state they serve."""
    out = []
    by_start = {(m.sentence.index, m.start): n for n, m in enumerate(names)}
    for n, m in enumerate(names):
        person = mention_actor.get(n)
        if person is None or actors[person].type is not ActorType.PERSON or m.end + 1 >= len(m.doc):
            continue
        if m.doc[m.end].lower_ != "of":
            continue
        k = by_start.get((m.sentence.index, m.end + 1))
        state = mention_actor.get(k) if k is not None else None
        if state is not None and actors[state].type is ActorType.COUNTRY and names[k].kind in ("name", "capital"):
            out.append((person, state, m.sentence))
    return out


def _identity_key(m: NameMention) -> str | None:
    if m.type is ActorType.PLACE and m.cue == "gazetteer":
        return f"place:{fold(m.text)}"
    if m.canonical:
        return f"gaz:{m.canonical}"
    if m.type is None:
        return None
    return f"name:{fold(m.text)}"


def _link_parenthetical_and_known_as(names: list[NameMention], index, union: _Union) -> None:
    for n, m in enumerate(names):
        doc = m.doc
        if m.start == 0:
            continue
        prev_tok = doc[m.start - 1]
        if prev_tok.text == "(" and m.end < len(doc) and doc[m.end].text == ")":
            owner = _mention_ending_at(names, m.sentence.index, m.start - 1)
            if owner is not None and owner.type not in (ActorType.PLACE, None) and _compatible(owner, m):
                if m.type is None or m.cue in ("ner", ""):
                    m.type = owner.type
                    m.kind = "alias"
                union.union(index[id(owner)], n)
                continue
        window = doc[max(m.sentence.span.start, m.start - 5):m.start].text.lower()
        if any(window.rstrip(" “\"'‘").endswith(cue) for cue in ALIAS_CUES):
            owner = _nearest_before(names, m, within_tokens=30)
            if owner is not None and owner.type not in (ActorType.PLACE, None) and _compatible(owner, m):
                if m.cue in ("ner", "") or m.type is None:
                    m.type = owner.type
                    m.kind = "alias"
                union.union(index[id(owner)], n)


def _compatible(owner: NameMention, alias: NameMention) -> bool:
    if alias.cue in ("gazetteer", "head", "descriptor") and alias.type is not None:
        return alias.type is owner.type and (alias.canonical is None or owner.canonical in (None, alias.canonical))
    return True


def _mention_ending_at(names: list[NameMention], sentence: int, token: int) -> NameMention | None:
    for m in names:
        if m.sentence.index == sentence and m.end == token:
            return m
    return None


def _nearest_before(names: list[NameMention], m: NameMention, within_tokens: int) -> NameMention | None:
    best = None
    for other in names:
        if other.sentence.index == m.sentence.index and other.end <= m.start and m.start - other.end <= within_tokens:
            if other.kind in ("alias",) or other.type is None:
                continue
            if best is None or other.start > best.start:
                best = other
    return best


def _type_untyped_by_titles(names: list[NameMention], titles: list[TitlePhrase]) -> None:
    """A name right after a title ('Minister X', 'the leader of HTS, X') is a person."""
    for t in titles:
        for m in names:
            if m.sentence.index == t.sentence.index and m.cue != "gazetteer" and m.type is not ActorType.PERSON \
                    and _follows_title(t, m):
                m.type, m.cue = ActorType.PERSON, "title"


def _follows_title(t: TitlePhrase, m: NameMention) -> bool:
    doc = t.doc
    k = t.end
    k = _skip_aside(doc, k, t.sentence.span.end)
    if k < len(doc) and doc[k].text == ",":
        k += 1
    while k < m.start and doc[k].lower_.rstrip(".") in ("ayatollah", "sheikh", "gen", "general", "dr", "mr", "mrs", "ms"):
        k += 1
    return k == m.start


def _skip_aside(doc, k: int, limit: int) -> int:
    """Skip a parenthesis '( ... )' or a dash clause '– ... –' starting at token k."""
    for _ in range(2):
        if k < limit and doc[k].text == "(":
            close = next((j for j in range(k, limit) if doc[j].text == ")"), None)
            if close is None:
                return k
            k = close + 1
        elif k < limit and doc[k].text in ("–", "—", "--"):
            close = next((j for j in range(k + 1, limit) if doc[j].text in ("–", "—", "--")), None)
            if close is None:
                return k
            k = close + 1
    return k


def _merge_surnames(names: list[NameMention], union: _Union, rules: Rules) -> None:
    """A one-word name joins the one person whose full name ends in it."""
    persons: dict[str, set[int]] = {}
    full_names: dict[str, set[int]] = {}  # 'van klaveren' -> the mentions of 'Alberto van Klaveren'
    for n, m in enumerate(names):
        words = fold(m.text).split()
        if m.type is ActorType.PERSON and len(words) >= 3:
            for i in range(1, len(words) - 1):
                full_names.setdefault(" ".join(words[i:]), set()).add(n)
        if m.type is ActorType.PERSON and len(m.text.split()) >= 2 or (m.type is ActorType.PERSON and "-" in m.text and len(m.tokens) >= 3):
            for key in _surname_keys(m.text):
                persons.setdefault(key, set()).add(union.find(n))
        if m.type is ActorType.PERSON and m.canonical:
            for alias in rules.aliases.get(m.canonical, ()):
                for key in _surname_keys(alias) | {fold(alias)}:
                    persons.setdefault(key, set()).add(union.find(n))
    for n, m in enumerate(names):
        if m.cue in ("gazetteer", "head", "descriptor") or m.kind == "alias":
            continue
        key = fold(m.text)
        multi = len(m.text.split()) >= 2 and not m.text.lower().startswith(("al-", "el-"))
        if multi:
            roots = {union.find(r) for r in full_names.get(key, set())}
        else:
            roots = {union.find(r) for r in persons.get(key, set()) | persons.get(NAME_PREFIXES.sub("", key), set())}
        if len(roots) == 1:
            root = roots.pop()
            if root != union.find(n):
                m.type = ActorType.PERSON
                union.union(root, n)


def _build_actors(names: list[NameMention], union: _Union, rules: Rules):
    groups: dict[int, list[int]] = {}
    for n in range(len(names)):
        groups.setdefault(union.find(n), []).append(n)
    actors: dict[int, LocalActor] = {}
    mention_actor: dict[int, int] = {}
    for root in sorted(groups):
        members = [names[n] for n in groups[root]]
        kind = _group_type(members)
        if kind is None:
            continue
        aid = len(actors)
        actor = LocalActor(aid, kind, first=(members[0].sentence.index, members[0].start))
        for m in members:
            if m.canonical and not actor.canonical:
                actor.canonical = m.canonical
            if m.country and not actor.country:
                actor.country = m.country
            if m.kind in ("name", "alias", "capital", "metonym", "place"):
                surface = _display(m.text)
                if surface not in actor.names:
                    actor.names.append(surface)
            elif m.kind == "state" and m.doc[m.end - 1].lower_ in rules.state_name_nouns:
                surface = _display(m.text)
                if surface not in actor.names:
                    actor.names.append(surface)
            mention_actor[groups[root][members.index(m)]] = aid
        if not actor.names and actor.canonical:
            actor.names.append(actor.canonical)
        actors[aid] = actor
    return actors, mention_actor


def _display(text: str) -> str:
    text = re.sub(r"\s+", " ", text).strip().strip("“”\"'‘’,")
    return re.sub(r"^(?:the|The)\s+", "", text)


TYPE_TRUST = ("gazetteer", "head", "descriptor", "title", "ner", "")


def _group_type(members: list[NameMention]) -> ActorType | None:
    typed = [m for m in members if m.type is not None]
    if not typed:
        return None
    best = min(typed, key=lambda m: TYPE_TRUST.index(m.cue) if m.cue in TYPE_TRUST else len(TYPE_TRUST))
    if best.cue == "ner" and any(m.type is ActorType.PERSON for m in typed):
        return ActorType.PERSON
    return best.type


def _posts(titles, names, mention_actor, actors, token_actor, cue, rules: Rules) -> list[LocalPost]:
    """Posts from a title next to a person's name, before it or as an apposition after it."""
    posts: list[LocalPost] = []
    countries = _states_spoken_of(names, titles, mention_actor, actors)
    index = {id(m): n for n, m in enumerate(names)}
    for t in titles:
        person = _person_after(t, names) or _person_before(t, names, titles)
        if person is None or t.former:
            continue
        holder = mention_actor.get(index[id(person)])
        if holder is None or actors[holder].type is not ActorType.PERSON:
            continue
        for tok in range(t.start, t.end):
            key = (t.sentence.index, tok)
            if key not in token_actor or tok == t.head_index:
                token_actor[key] = [holder]
                cue[key] = "name"
        orgs = [mention_actor.get(index[id(o)]) for o in t.orgs]
        orgs = [o for o in orgs if o is not None and o != holder]
        if not orgs and t.doc[t.start].lower_ == "whose":
            orgs = [a for a in _antecedent(t, token_actor) if a != holder]
        if not orgs and t.patron is not None:
            patron = mention_actor.get(index[id(t.patron)])
            orgs = sorted({p.org for p in posts if p.holder == patron and actors[p.org].type is ActorType.COUNTRY})
        if not orgs:
            orgs = _inherited_org(t, titles, posts)
        if not orgs and _state_title(t, rules) and not t.plural and not _possessed(t):
            orgs = _capital_before(t, names, actors, mention_actor) or _country_in_context(t, countries)
        for org in orgs:
            posts.append(LocalPost(holder, org, _label(t), t.leads, t.sentence))
        t.holder = holder
    return posts


def _states_spoken_of(names, titles, mention_actor, actors) -> list[tuple[tuple[int, int], int]]:
    """Where the article names a state's officials or bodies ('Turkish Defence Minister', 'Syria's
    Minister of Economy', 'the Iranian foreign ministry'), in text order."""
    index = {id(m): n for n, m in enumerate(names)}
    by_name = {a.canonical: a.id for a in actors.values() if a.type is ActorType.COUNTRY and a.canonical}
    out = []
    for t in titles:
        for org in t.orgs:
            aid = mention_actor.get(index[id(org)])
            if aid is not None and actors[aid].type is ActorType.COUNTRY:
                out.append(((t.sentence.index, t.start), aid))
    for n, m in enumerate(names):
        if m.country and m.country in by_name and m.type is ActorType.GOVERNMENT_BODY:
            out.append(((m.sentence.index, m.start), by_name[m.country]))
        elif m.kind in ("capital", "metonym") and mention_actor.get(n) is not None:
            out.append(((m.sentence.index, m.start), mention_actor[n]))  # 'the Kremlin said'
    return sorted(out)


def _capital_before(t: TitlePhrase, names: list[NameMention], actors, mention_actor) -> list[int]:
    """'In Washington, President X': the capital the sentence opens with."""
    by_name = {a.canonical: a.id for a in actors.values() if a.type is ActorType.COUNTRY and a.canonical}
    for m in names:
        if m.sentence.index == t.sentence.index and m.kind == "place" and m.country and m.end <= t.start \
                and m.start <= t.sentence.span.start + 2:
            return [by_name[m.country]] if m.country in by_name else []
    return []


def _possessed(t: TitlePhrase) -> bool:
    """'His delegation included Foreign Minister X': whose minister depends on whose delegation."""
    return any(tok.lower_ in ("his", "her", "their", "its") and tok.tag_ == "PRP$"
               for tok in t.doc[t.sentence.span.start:t.end])


def _state_title(t: TitlePhrase, rules: Rules) -> bool:
    label = " ".join(_title_words(t.label))
    words = label.split()
    return any(" ".join(words[i:]) in rules.state_titles for i in range(len(words)))


def _country_in_context(t: TitlePhrase, countries: list[tuple[tuple[int, int], int]]) -> list[int]:
    """The one state whose officials the article spoke of just before an unanchored title
    (in its sentence or the one before); none when that could be more than one."""
    before = {aid for (s, tok), aid in countries if (s, tok) < (t.sentence.index, t.start) and s >= t.sentence.index - 1}
    return list(before) if len(before) == 1 else []


def _label(t: TitlePhrase) -> str:
    label = t.label
    if label and label[0].islower() and label.lower() != label:
        return label
    return label


def _antecedent(t: TitlePhrase, token_actor) -> list[int]:
    """'the RSF, whose commander X': the actor a relative clause hangs on."""
    tok = t.doc[t.head_index]
    for _ in range(4):
        if tok.dep_ == "relcl":
            return list(token_actor.get((t.sentence.index, tok.head.i), []))
        if tok.head is tok:
            break
        tok = tok.head
    return []


def _inherited_org(t: TitlePhrase, titles: list[TitlePhrase], posts: list[LocalPost]) -> list[int]:
    """'the military leader of X, A, and the leader B': B's title shares A's organisation."""
    for post in reversed(posts):
        if post.sentence.index == t.sentence.index and post.title.lower().split()[-1] == t.head.split()[-1]:
            return [post.org]
    return []


def _person_after(t: TitlePhrase, names: list[NameMention]) -> NameMention | None:
    for m in names:
        if m.sentence.index == t.sentence.index and m.type is ActorType.PERSON and m.start >= t.end and _follows_title(t, m):
            return m
    return None


def _person_before(t: TitlePhrase, names: list[NameMention], titles: list[TitlePhrase]) -> NameMention | None:
    """'X, the leader of Y' and 'X, President Z's adviser' (over the patron's own title)."""
    doc = t.doc
    start = t.start
    if t.patron is not None:
        for other in titles:
            if other is not t and other.sentence.index == t.sentence.index and other.end == t.patron.start:
                start = min(start, other.start)
    if start < 2 or doc[start - 1].text != ",":
        return None
    for m in names:
        if m.sentence.index == t.sentence.index and m.type is ActorType.PERSON and m.end == start - 1:
            after = t.end
            if after >= t.sentence.span.end or doc[after].text in (",", ".", ";", ")", "–", "—") or doc[after].is_punct:
                return m
    return None


def _resolve_titles(titles, posts, actors, token_actor, cue) -> None:
    """A title with no name beside it refers to the person holding that post in the article."""
    for t in titles:
        if t.holder is not None or t.former:
            continue
        org_ids = []
        for o in t.orgs:
            ids = token_actor.get((t.sentence.index, o.start))
            if ids:
                org_ids.append(ids[0])
        head = t.head.split()[-1]
        count = _counted(t)
        if t.plural and not org_ids and count:
            targets = _last_holders(posts, head, count, t)
            if targets:
                key = (t.sentence.index, t.head_index)
                token_actor[key] = targets
                cue[key] = "title"
            continue
        targets: list[int] = []
        for org in org_ids or [None]:
            found = _holder_of(posts, head, org, t)
            if found is not None and found not in targets:
                targets.append(found)
        if not targets or (not t.plural and len(targets) > 1) or (t.plural and not org_ids):
            continue
        if t.plural and org_ids and len(targets) < len(org_ids):
            continue
        key = (t.sentence.index, t.head_index)
        token_actor[key] = targets
        cue[key] = "title"


SPELLING = {"defence": "defense", "minister": "minister", "ministers": "minister"}
GENERIC_MODIFIERS = {"the", "a", "an", "senior", "top", "new", "current", "its", "their", "his", "her"}


def _title_words(label: str) -> list[str]:
    words = label.lower().replace("-", " ").split()
    return [SPELLING.get(w, w) for w in words if w not in GENERIC_MODIFIERS]


NUMBER_WORDS = {"two": 2, "both": 2, "three": 3, "four": 4, "five": 5, "2": 2, "3": 3, "4": 4, "5": 5}


def _counted(t: TitlePhrase) -> int | None:
    """'the three leaders', 'both ministers': how many people a plural title counts."""
    doc = t.doc
    for i in range(max(t.sentence.span.start, t.start - 1), t.head_index):
        if doc[i].lower_ in NUMBER_WORDS:
            return NUMBER_WORDS[doc[i].lower_]
    return None


def _last_holders(posts: list[LocalPost], head: str, count: int, t: TitlePhrase) -> list[int]:
    """The last `count` people before the title holding such a post ('leader' means any leading post)."""
    holders: list[int] = []
    before = sorted((p for p in posts if p.sentence.index < t.sentence.index), key=lambda p: p.sentence.index)
    for p in reversed(before):
        words = set(_title_words(p.title))
        fits = p.leads if head in ("leader", "leaders") else (SPELLING.get(head, head).rstrip("s") in
                                                              {w.rstrip("s") for w in words})
        if fits and p.holder not in holders:
            holders.append(p.holder)
        if len(holders) == count:
            return sorted(holders)
    return []


def _holder_of(posts: list[LocalPost], head: str, org: int | None, t: TitlePhrase) -> int | None:
    wanted = set(_title_words(t.label))
    head = SPELLING.get(head, head)
    matches = []
    for p in posts:
        words = set(_title_words(p.title))
        if head not in words and head.rstrip("s") not in words:
            continue
        if not (wanted - {head, head + "s"}) <= words:
            continue
        if org is not None and p.org != org:
            continue
        matches.append(p)
    holders = []
    for p in matches:
        if p.holder not in holders:
            holders.append(p.holder)
    if len(holders) == 1:
        return holders[0]
    before = [p for p in matches if p.sentence.index <= t.sentence.index]
    if before:
        last = max(before, key=lambda p: p.sentence.index)
        if sum(1 for p in before if p.sentence.index == last.sentence.index and p.holder != last.holder) == 0:
            return last.holder
    return None


def _resolve_references(sentences, actors, token_actor, cue, rules: Rules) -> None:
    """Pronouns and definite descriptions ('the group', 'the regime') point back to the last fitting actor."""
    history: list[tuple[int, int, int, str]] = []  # (sentence, token, actor, dep)
    described: dict[str, int] = {}
    for s in sentences:
        doc = s.span.doc
        for tok in s.span:
            key = (s.index, tok.i)
            if key in token_actor:
                for aid in token_actor[key]:
                    history.append((s.index, tok.i, aid, tok.dep_))
                    if tok.i + 0 < len(doc) and actors[aid].type is ActorType.COUNTRY and tok.lower_ in rules.definite_descriptions:
                        described[tok.lower_] = aid
                continue
            target = None
            lower = tok.lower_
            if tok.pos_ == "PRON" and lower in PERSON_PRONOUNS:
                target = _last(history, actors, {ActorType.PERSON}, prefer_subject=True, before=(s.index, tok.i))
                kind = "pronoun"
            elif tok.pos_ == "PRON" and lower in THING_PRONOUNS and tok.dep_ in ("poss", "nsubj") \
                    and _last_subject_is_actor(sentences, s, tok, token_actor):
                target = _last(history, actors, set(ActorType) - NOT_ORG_TYPES, prefer_subject=False, before=(s.index, tok.i))
                kind = "pronoun"
            elif tok.pos_ == "NOUN" and lower in rules.definite_descriptions and _bare_definite(tok):
                types = set(rules.definite_descriptions[lower])
                if lower in described and ActorType.COUNTRY in types:
                    target = described[lower]
                else:
                    target = _last(history, actors, types, prefer_subject=False, before=(s.index, tok.i))
                kind = "description"
            if target is not None:
                token_actor[key] = [target]
                cue[key] = kind
                history.append((s.index, tok.i, target, tok.dep_))


def _last_subject_is_actor(sentences, s, pronoun, token_actor) -> bool:
    """'It' refers to an actor only when the last subject before it was one ('The deal ... It calls for')."""
    for sentence in (s, sentences[s.index - 1] if s.index > 0 else None):
        if sentence is None:
            continue
        root = sentence.span.root
        subjects = [t for t in root.children if t.dep_ in ("nsubj", "nsubjpass")
                    and (sentence is not s or t.i < pronoun.i) and t is not pronoun]
        if subjects:
            last = subjects[-1]
            return (sentence.index, last.i) in token_actor or last.pos_ == "PRON"
    return True


def _bare_definite(tok) -> bool:
    children = list(tok.children)
    if not any(c.lower_ == "the" and c.dep_ == "det" for c in children):
        return False
    if any(c.dep_ in ("amod", "compound", "poss", "nummod") for c in children):
        return False
    if any(c.dep_ == "prep" and c.lower_ == "of" for c in children):
        return False
    return True


def _last(history, actors, types, prefer_subject: bool, before) -> int | None:
    candidates = [h for h in history if (h[0], h[1]) < before and actors[h[2]].type in types]
    if not candidates:
        return None
    if prefer_subject:
        sentence_limit = before[0] - 2
        subjects = [h for h in candidates if h[3] in ("nsubj", "nsubjpass") and h[0] >= sentence_limit]
        if subjects:
            return subjects[-1][2]
    recent = [h for h in candidates if h[0] >= before[0] - 2]
    return recent[-1][2] if recent else None
