"""The states an article is filed from: the capitals its dateline names at the start of a line
('PORT-AU-PRINCE —', 'Baghdad, Thursday 8 February 2024', 'NEW DELHI / ISLAMABAD:'), in order (the
first may be where talks between others are held: 'DOHA/KINSHASA —'). Wire copy leaves that
state's officials without their state ('Prime Minister X said'), as a reader there would."""
from __future__ import annotations

from kg.extraction.actors.mentions import NameMention

__all__ = ["dateline_states", "without_wire_credits"]

DATELINE_SENTENCES = 4  # the headline, a date line and a dateline come first
AFTER_PLACE = {"—", "–", "-", "--", ",", ":", "/", "("}
CREDIT_CLOSE = {")", "):", ")-", ")—", ")–"}
CREDIT_AFTER = {"—", "–", "-", "--", ":"}
LONGEST_DATELINE = 40  # characters before a credit's parenthesis: 'PORT-AU-PRINCE, Haiti, Sept. 12'


def dateline_states(names: list[NameMention]) -> tuple[str, ...]:
    """The canonical names of the states whose places open a line of the article's first sentences,
    set off by a dash, comma, colon, slash or parenthesis, in order ('DOHA/KINSHASA': Qatar, then the DRC)."""
    states: list[str] = []
    first: NameMention | None = None
    for m in names:
        if m.sentence.index >= DATELINE_SENTENCES or (first is not None and m.sentence.index != first.sentence.index):
            break
        state = m.country if m.kind == "place" and m.cue != "town" else m.canonical if m.kind == "capital" else None
        if state is None:
            continue
        if first is None and _opens_line(m) and _set_off(m):
            first = m
            states.append(state)
        elif first is not None and _same_line(first, m) and _set_off(m) and state not in states:
            states.append(state)
    return tuple(states)


def _same_line(first: NameMention, m: NameMention) -> bool:
    between = m.sentence.article_text[first.char_end:m.char_start]
    return "\n" not in between and all(not c.isalnum() for c in between)


def _opens_line(m: NameMention) -> bool:
    text = m.sentence.article_text
    before = text[:m.char_start].rstrip(" \t")
    return not before or before.endswith("\n")


def _set_off(m: NameMention) -> bool:
    doc = m.doc
    return m.end < len(doc) and doc[m.end].text in AFTER_PLACE


def without_wire_credits(names: list[NameMention]) -> list[NameMention]:
    """The names less the wire service credited in a dateline ('RABAT (Reuters) -', 'KYIV, May 2
    (AFP):'): the agency that filed the story is no actor of its first sentence. Only a line of
    capitalised words and numbers before it makes a dateline ('The Department of Foreign Affairs
    (DFA) said' names a body)."""
    return [m for m in names if not _credit(m)]


def _credit(m: NameMention) -> bool:
    doc = m.doc
    if m.sentence.index >= DATELINE_SENTENCES or m.start == 0 or doc[m.start - 1].text != "(" \
            or m.end >= len(doc) or doc[m.end].text not in CREDIT_CLOSE:
        return False
    closed = doc[m.end].text != ")" or (m.end + 1 < len(doc) and doc[m.end + 1].text in CREDIT_AFTER)
    place = m.sentence.article_text[:m.char_start].rsplit("\n", 1)[-1].rstrip(" (")
    return closed and 0 < len(place) <= LONGEST_DATELINE and all(w[0].isupper() or not w[0].isalpha() for w in place.split())
