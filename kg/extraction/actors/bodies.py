"""Whose a generic office name is. 'Foreign Office', 'Ministry of Foreign Affairs' or 'Ministry of
National Defence' name a body every state has: the state comes from the text ('Ministry of Foreign
Affairs of Afghanistan', "Pakistan's Foreign Office"), else from the article's dateline, else the
name stays unplaced. A placed body is named for its state ('Afghan Ministry of Foreign Affairs'),
or takes the gazetteer's name for that ('Pakistani Foreign Office' is the Pakistani Ministry of
Foreign Affairs), so that one state's office is one actor across articles and two states' are two."""
from __future__ import annotations

from dataclasses import replace

from kg.model import ActorType
from kg.knowledge.language import language_of
from kg.extraction.actors.mentions import NameMention
from kg.knowledge.rules import NameRules
from kg.extraction.actors.statenames import body_name

__all__ = ["place_generic_bodies"]


def place_generic_bodies(names: list[NameMention], rules: NameRules, home: str | None) -> list[NameMention]:
    out = list(names)
    heads = {w for w, kind in rules.name_heads.items() if kind is ActorType.GOVERNMENT_BODY}
    for n, m in enumerate(names):
        if m.type is not ActorType.GOVERNMENT_BODY or m.country or m.canonical or not _generic(m, heads, rules):
            continue  # a named body ('Inter-Services Intelligence'), or one already placed
        owner = _owner_named_with(n, names)
        state = home if owner is None else _state_of(owner)
        if state is not None:
            out[n] = replace(m, country=state, canonical=body_name(m.text, state, rules, language_of(m.doc).words))
    return out


def _generic(m: NameMention, heads: set[str], rules: NameRules) -> bool:
    """Whether a body's name is made of a body's head words, title modifiers and function words
    only ('Foreign Office', 'Ministry of National Defence'): a name every state's body has. A head
    alone ('the Agency', 'the Ministry') refers back to a body named before, no state's own."""
    words = language_of(m.doc).words
    joining = {words.belonging, words.conjunction} | words.belonging_forms
    return len(m.tokens) > 1 and all(t.lower_ in joining or t.lower_ in rules.title_modifiers or t.lemma_.lower() in heads for t in m.tokens)


def _owner_named_with(n: int, names: list[NameMention]) -> NameMention | None:
    """Whose the text says the body is: 'Ministry of Foreign Affairs of the Islamic Emirate of
    Afghanistan', "Pakistan's Foreign Office", "the Taliban's Ministry of National Defence",
    'the Political Bureau of the Communist Party'."""
    m, doc = names[n], names[n].doc
    words = language_of(doc).words
    after = names[n + 1] if n + 1 < len(names) else None
    if after is not None and after.sentence.index == m.sentence.index and m.end < len(doc) \
            and words.of(doc[m.end].lower_) \
            and all(t.lower_ in words.articles for t in doc[m.end + 1:after.start]):
        return after
    before = names[n - 1] if n > 0 else None
    if before is not None and before.sentence.index == m.sentence.index and before.end == m.start - 1 \
            and doc[before.end].lower_ in words.genitive:
        return before
    return None


def _state_of(owner: NameMention) -> str | None:
    """A state owner's name, or the state of an owner the gazetteer places in one ('the Taliban')."""
    if _is_state(owner):
        return owner.canonical
    return owner.country if owner.type is not ActorType.COUNTRY else None


def _is_state(m: NameMention) -> bool:
    return m.type is ActorType.COUNTRY and m.kind in ("name", "capital") and m.canonical is not None
