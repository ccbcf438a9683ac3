"""The state an article is filed from: the capital its dateline names at the start of a line
('PORT-AU-PRINCE —', 'Baghdad, Thursday 8 February 2024', 'NEW DELHI / ISLAMABAD:'), the
first when it names several (a town may be where talks between others are held: 'GENEVA —'). Wire copy leaves that state's officials without their state
('Prime Minister X said'), as a reader there would."""
from __future__ import annotations

from .mentions import NameMention

__all__ = ["dateline_state"]

DATELINE_SENTENCES = 4  # the headline, a date line and a dateline come first
AFTER_PLACE = {"—", "–", "-", "--", ",", ":", "/", "("}


def dateline_state(names: list[NameMention]) -> str | None:
    """The canonical name of the state whose place opens a line of the article's first sentences,
    set off by a dash, comma, colon, slash or parenthesis."""
    for m in names:
        if m.sentence.index >= DATELINE_SENTENCES:
            return None
        state = m.country if m.kind == "place" and m.cue != "town" else m.canonical if m.kind == "capital" else None
        if state is not None and _opens_line(m) and _set_off(m):
            return state
    return None


def _opens_line(m: NameMention) -> bool:
    text = m.sentence.article_text
    before = text[:m.char_start].rstrip(" \t")
    return not before or before.endswith("\n")


def _set_off(m: NameMention) -> bool:
    doc = m.doc
    return m.end < len(doc) and doc[m.end].text in AFTER_PLACE
