"""The states an article is filed from: the capitals its dateline names at the start of a line
('PORT-AU-PRINCE —', 'Baghdad, Thursday 8 February 2024', 'NEW DELHI / ISLAMABAD:'), in order (the
first may be where talks between others are held: 'DOHA/KINSHASA —'). Wire copy leaves that
state's officials without their state ('Prime Minister X said'), as a reader there would."""
from __future__ import annotations

from kg.extraction.actors.mentions import NameMention

__all__ = ["dateline_states"]

DATELINE_SENTENCES = 4  # the headline, a date line and a dateline come first
AFTER_PLACE = {"—", "–", "-", "--", ",", ":", "/", "("}


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
