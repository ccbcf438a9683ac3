"""Resolve the mentions of one article to its actors.

Names that denote the same actor are merged (gazetteer aliases, a full name
and later its surname, an acronym in parentheses, 'known as' names); titles,
pronouns and definite descriptions then point to the last fitting actor. A
wrong merge is worse than a missed one: when in doubt, nothing is merged.
"""
from __future__ import annotations

import re

from collections.abc import Mapping
from dataclasses import dataclass, replace
from functools import lru_cache
from types import MappingProxyType

from kg.extraction.actors.local import LocalActor, MentionKey, TokenIndex, TokenKey, is_acronym
from kg.extraction.actors.mentions import NameMention, mention_key
from kg.model import ActorType
from kg.knowledge.language import language
from kg.knowledge.names import fold, vowels_folded
from kg.knowledge.rules import ResolutionRules, person_key
from kg.extraction.actors.titles import TitlePhrase
from kg.extraction.actors.titlenames import follows_title

__all__ = ["Referents", "resolve_names"]


def _surname_keys(name: str, rules: ResolutionRules) -> set[str]:
    parts = fold(name).replace("-", " - ").split()
    words = [p for p in parts if p != "-"]
    keys = set()
    if len(words) >= 2:
        last = words[-1]
        keys.add(last)
        joined = fold(name).split()[-1]
        keys.add(joined)
        stripped = rules.gazetteer.name_articles.stripped(joined)
        keys.add(stripped)
        keys.add(person_key(name, rules.gazetteer).split()[-1])
        keys.add(vowels_folded(stripped) or last)
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


@dataclass(frozen=True)
class Referents:
    """The actors an article's names denote: the names as resolution typed them, the actors, and
    each name's actor (by `mention_key`)."""

    names: list[NameMention]
    actors: Mapping[int, LocalActor]
    of_name: Mapping[MentionKey, int]

    def index(self) -> TokenIndex:
        """The token index of the names alone: every token of a name denotes its actor."""
        token_actor: dict[TokenKey, list[int]] = {}
        cue: dict[TokenKey, str] = {}
        for m in self.names:
            aid = self.of_name.get(mention_key(m))
            if aid is None:
                continue
            for t in range(m.start, m.end):
                token_actor[(m.sentence.index, t)] = [aid]
                cue[(m.sentence.index, t)] = "name"
        return TokenIndex.of(token_actor, cue)


def resolve_names(names: list[NameMention], titles: list[TitlePhrase], rules: ResolutionRules) -> Referents:
    """Which names denote one actor. Names typed by their context ('Minister X' is a person) are
    new names in the list this stage returns; the names it is given stay as they are."""
    names = [m for m in names if m.kind != "people"]  # 'the Palestinians' are a people, not the state
    union = _Union()
    _link_parenthetical_and_known_as(names, union, rules)
    by_key: dict[str, int] = {}
    for n, m in enumerate(names):
        key = _identity_key(m, rules)
        if key is None:
            continue
        if key in by_key:
            union.union(by_key[key], n)
        else:
            by_key[key] = n
    for n, m in enumerate(names):
        if m.type is None:
            for key in (f"name:{fold(m.text)}", _name_key(m, rules)):
                if key in by_key:
                    union.union(by_key[key], n)
                    break
    _merge_short_state_names(names, union, rules)
    _merge_shortened_names(names, union)
    lone = _merge_lone_heads(names, union, rules)
    _type_untyped_by_titles(names, titles)
    _merge_surnames(names, union, rules)
    actors, mention_actor = _build_actors(names, union, rules, lone)
    return Referents(names, MappingProxyType(actors),
                     MappingProxyType({mention_key(names[n]): aid for n, aid in mention_actor.items()}))


def _merge_short_state_names(names: list[NameMention], union: _Union, rules: ResolutionRules) -> None:
    """'Congo' after 'the Democratic Republic of the Congo': an unknown one-word name that ends
    the name of a state the article names is that state."""
    endings: dict[str, set[str]] = {}
    first: dict[str, int] = {}
    for n, m in enumerate(names):
        if m.type is ActorType.COUNTRY and m.canonical and m.kind == "name":
            first.setdefault(m.canonical, n)
            for alias in {m.canonical} | rules.gazetteer.aliases.get(m.canonical, set()):
                words = fold(alias).split()
                if len(words) > 1:
                    endings.setdefault(words[-1], set()).add(m.canonical)
    for n, m in enumerate(names):
        if m.canonical or m.cue not in ("ner", "") or len(m.tokens) != 1:
            continue
        states = endings.get(fold(m.text), set())
        if len(states) == 1:
            state = next(iter(states))
            names[n] = replace(m, type=ActorType.COUNTRY, canonical=state, kind="name")
            union.union(first[state], n)


def _merge_shortened_names(names: list[NameMention], union: _Union) -> None:
    """'the Patriotic Bloc' after 'the Patriotic Electoral Bloc': an organisation's name that keeps
    the first and last words of a longer one in the article, and only drops words between, is it."""
    longer = [(n, fold(m.text).split()) for n, m in enumerate(names)
              if m.type not in (None, ActorType.PERSON, ActorType.COUNTRY, ActorType.PLACE) and len(m.tokens) > 2]
    for n, m in enumerate(names):
        words = fold(m.text).split()
        if m.type in (ActorType.PERSON, ActorType.COUNTRY, ActorType.PLACE) or len(words) < 2:
            continue
        fits = {union.find(k) for k, full in longer if len(full) > len(words) and full[0] == words[0]
                and full[-1] == words[-1] and _subsequence(words, full)}
        if len(fits) == 1:
            union.union(fits.pop(), n)


def _merge_lone_heads(names: list[NameMention], union: _Union, rules: ResolutionRules) -> set[int]:
    """'the Commission' after 'the European Commission', 'the Agency' after 'the International Atomic
    Energy Agency': an organisation's name that is only the head word of one organisation named
    before it in the article is that one ('Court' heads 'the Court of Justice'); not without the
    article ('Parliament voted' after 'the European Parliament' is the country's own), nor an
    acronym ('the CSP' is no head of 'the Tuareg CSP'). Returns the head words left alone, which
    name no actor ('Mission', 'the Council' after two councils)."""
    words_of = rules.language.words
    belonging = words_of.belonging
    heads: dict[str, set[int]] = {}
    lone: set[int] = set()
    for n, m in enumerate(names):
        words = fold(m.text).split()
        if m.type in (None, ActorType.PERSON, ActorType.COUNTRY, ActorType.PLACE):
            continue
        if len(words) == 1 and m.canonical is None:
            definite = m.start > 0 and words_of.definite(m.doc[m.start - 1].lower_) and not is_acronym(m.text)
            named = heads.get(words[0], set()) if definite else set()
            if len(named) == 1:
                union.union(next(iter(named)), n)
            elif words[0] in rules.name_heads and words[0] not in words_of.bare_institutions and not is_acronym(m.text):
                lone.add(n)
            continue
        head = words[words.index(belonging) - 1] if belonging in words[1:] else words[-1]
        heads.setdefault(head, set()).add(union.find(n))
    return lone


def _subsequence(words: list[str], full: list[str]) -> bool:
    rest = iter(full)
    return all(w in rest for w in words)


def _identity_key(m: NameMention, rules: ResolutionRules) -> str | None:
    if m.type is ActorType.PLACE and m.cue == "gazetteer":
        return f"place:{fold(m.text)}"
    if m.canonical:
        return f"gaz:{m.canonical}"
    if m.type is None:
        return None
    return _name_key(m, rules)


def _name_key(m: NameMention, rules: ResolutionRules) -> str:
    """Names compare folded; people's names also with their transliterations ('Mohammed'/'Muhammad')."""
    if m.type in (ActorType.PERSON, None):
        return f"name:{person_key(m.text, rules.gazetteer)}"
    return f"name:{fold(m.text)}"


def _link_parenthetical_and_known_as(names: list[NameMention], union: _Union, rules: ResolutionRules) -> None:
    """'the Sahel Liberation Front (SLF)', 'X, known as Abu Y': an alias joins its owner and takes
    its type. `names` gets the retyped aliases."""
    alias_cues = rules.language.words.alias_cues
    in_sentence = _positions_by_sentence(names)
    redefined: dict[str, int] = {}  # an acronym the article expands itself -> the expansion
    for n, m in enumerate(names):
        doc = m.doc
        if m.start == 0:
            continue
        here = [(k, names[k]) for k in in_sentence[m.sentence.index]]
        owners = []
        if doc[m.start - 1].text == "(" and m.end < len(doc) and doc[m.end].text == ")":
            owners.append(next((k for k, other in here if other.end == m.start - 1), None))
            expansion = owners[0]
            if expansion is not None and m.canonical and names[expansion].canonical != m.canonical \
                    and names[expansion].type not in (ActorType.PLACE, None) and _spells(m.text, names[expansion]):
                redefined[fold(m.text)] = expansion  # the article says what its acronym stands for
                union.union(expansion, n)
                continue
        window = doc[max(m.sentence.span.start, m.start - 5):m.start].text.lower().rstrip(" “\"'‘")
        if any(window.endswith(cue) for cue in alias_cues):
            owners.append(_nearest_before(here, m, within_tokens=30))
        owner = next((k for k in owners if k is not None and names[k].type not in (ActorType.PLACE, None)
                      and _compatible(names[k], m)), None)
        if owner is not None:
            if m.type is None or m.cue in ("ner", ""):
                names[n] = replace(m, type=names[owner].type, kind="alias")
            union.union(owner, n)
    # 'the Somali National Army (SNA)': the article's own expansion of an acronym wins, wherever
    # the article uses it, over another actor the gazetteer knows by it
    for n, m in enumerate(names):
        owner = redefined.get(fold(m.text))
        if owner is not None and m.canonical:
            names[n] = replace(m, canonical=None, country=None, kind="alias", type=names[owner].type)
            union.union(owner, n)


def _positions_by_sentence(names: list[NameMention]) -> dict[int, list[int]]:
    """Sentence index -> the positions in `names` of its names (read afresh through the list, which
    resolution updates)."""
    positions: dict[int, list[int]] = {}
    for n, m in enumerate(names):
        positions.setdefault(m.sentence.index, []).append(n)
    return positions


def _spells(acronym: str, name: NameMention) -> bool:
    """Whether an acronym is made of the initials of a name's capitalised words: 'SNA' of 'Somali
    National Army'."""
    letters = [c for c in acronym if c.isalpha()]
    initials = [t.text[0] for t in name.tokens if t.text[:1].isupper()]
    return len(letters) >= 2 and letters == initials


def _compatible(owner: NameMention, alias: NameMention) -> bool:
    if alias.cue in ("gazetteer", "head", "descriptor") and alias.type is not None:
        return alias.type is owner.type and (alias.canonical is None or owner.canonical in (None, alias.canonical))
    return True


def _nearest_before(here: list[tuple[int, NameMention]], m: NameMention, within_tokens: int) -> int | None:
    """The last typed name (not an alias) of the sentence that ends before `m`, near enough."""
    best, best_start = None, -1
    for k, other in here:
        if other.end <= m.start and m.start - other.end <= within_tokens:
            if other.kind == "alias" or other.type is None:
                continue
            if best is None or other.start > best_start:
                best, best_start = k, other.start
    return best


def _type_untyped_by_titles(names: list[NameMention], titles: list[TitlePhrase]) -> None:
    """A name right after a title ('Minister X', 'the leader of HTS, X') is a person."""
    in_sentence = _positions_by_sentence(names)
    for t in titles:
        for n in in_sentence.get(t.sentence.index, ()):
            m = names[n]
            if m.cue not in ("gazetteer", "head", "descriptor") and m.type is not ActorType.PERSON \
                    and follows_title(t, m):  # not 'an eight-member Presidential Council', typed by its head
                names[n] = replace(m, type=ActorType.PERSON, cue="title")


def _merge_surnames(names: list[NameMention], union: _Union, rules: ResolutionRules) -> None:
    """A one-word name joins the one person whose full name ends in it, or else the one person
    whose full name starts with it ('Tadesse' after 'Tadesse Werede', 'Abiy' after 'Abiy Ahmed')."""
    persons: dict[str, set[int]] = {}
    given: dict[str, set[int]] = {}  # 'tadesse' -> the people whose name starts with it
    full_names: dict[str, set[int]] = {}  # 'van klaveren' -> the mentions of 'Alberto van Klaveren'
    for n, m in enumerate(names):
        words = fold(m.text).split()
        if m.type is ActorType.PERSON and len(words) >= 2:
            given.setdefault(words[0], set()).add(n)
        if m.type is ActorType.PERSON and len(words) >= 3:
            for i in range(1, len(words) - 1):
                full_names.setdefault(" ".join(words[i:]), set()).add(n)
        if m.type is ActorType.PERSON and len(m.text.split()) >= 2 or (m.type is ActorType.PERSON and "-" in m.text and len(m.tokens) >= 3):
            for key in _surname_keys(m.text, rules):
                persons.setdefault(key, set()).add(union.find(n))
        if m.type is ActorType.PERSON and m.canonical:
            for alias in rules.gazetteer.aliases.get(m.canonical, ()):
                for key in _surname_keys(alias, rules) | {fold(alias)}:
                    persons.setdefault(key, set()).add(union.find(n))
    for n, m in enumerate(names):
        if m.cue in ("gazetteer", "head", "descriptor") or m.kind == "alias":
            continue
        key = fold(m.text)
        multi = len(m.text.split()) >= 2 and not rules.gazetteer.name_articles.fused.match(m.text.lower())
        if multi:
            roots = {union.find(r) for r in full_names.get(key, set())}
        else:
            stripped = rules.gazetteer.name_articles.stripped(key)
            roots = {union.find(r) for r in persons.get(key, set()) | persons.get(stripped, set())
                     | persons.get(person_key(m.text, rules.gazetteer), set())
                     | persons.get(vowels_folded(stripped) or key, set())}
            roots = roots or {union.find(r) for r in given.get(key, set())}
        if len(roots) == 1:
            root = roots.pop()
            if root != union.find(n):
                names[n] = replace(m, type=ActorType.PERSON)
                union.union(root, n)


def _build_actors(names: list[NameMention], union: _Union, rules: ResolutionRules, lone: set[int]):
    leading_article = _leading_article(rules.language.code)
    groups: dict[int, list[int]] = {}
    for n in range(len(names)):
        groups.setdefault(union.find(n), []).append(n)
    groups = {root: members for root, members in groups.items() if not set(members) <= lone}
    actors: dict[int, LocalActor] = {}
    mention_actor: dict[int, int] = {}
    for root in sorted(groups):
        members = [names[n] for n in groups[root]]
        kind = _group_type(members)
        if kind is None:
            continue
        aid = len(actors)
        actor = LocalActor(aid, kind, first=(members[0].sentence.index, members[0].start))
        for member, m in zip(groups[root], members):
            if m.canonical and not actor.canonical:
                actor.canonical = m.canonical
            if m.country and not actor.country:
                actor.country = m.country
            if m.kind in ("name", "alias", "capital", "metonym", "place"):
                surface = _display(m.text, leading_article)
                if surface not in actor.names:
                    actor.names.append(surface)
            elif m.kind == "state" and m.doc[m.end - 1].lower_ in rules.state_name_nouns:
                surface = _display(m.text, leading_article)
                if surface not in actor.names:
                    actor.names.append(surface)
            mention_actor[member] = aid
        if not actor.names and actor.canonical:
            actor.names.append(actor.canonical)
        if kind is ActorType.PERSON and not actor.country:
            actor.nationality = rules.gazetteer.nationality(actor.names)
        actors[aid] = actor
    return actors, mention_actor


def _display(text: str, leading_article: re.Pattern[str]) -> str:
    """A name as an actor's name: on one line, without quotes or a leading definite article."""
    text = re.sub(r"\s+", " ", text).strip().strip("“”\"'‘’,")
    return leading_article.sub("", text)


@lru_cache(maxsize=None)
def _leading_article(code: str) -> re.Pattern[str]:
    """The definite article of a language opening a name ('the', 'The'), and the spaces after it."""
    article = language(code).words.definite_article
    return re.compile(rf"^(?:{re.escape(article)}|{re.escape(article.capitalize())})\s+")


TYPE_TRUST = ("gazetteer", "head", "descriptor", "title", "ner", "")


def _group_type(members: list[NameMention]) -> ActorType | None:
    typed = [m for m in members if m.type is not None]
    if not typed:
        return None
    best = min(typed, key=lambda m: TYPE_TRUST.index(m.cue) if m.cue in TYPE_TRUST else len(TYPE_TRUST))
    if best.cue == "ner" and any(m.type is ActorType.PERSON for m in typed):
        return ActorType.PERSON
    return best.type
