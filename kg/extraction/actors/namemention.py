"""A name as it stands in a sentence (`NameMention`), and how later stages find it again."""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from kg.model import ActorType

if TYPE_CHECKING:
    from kg.extraction.parsing.nlp import Sentence

__all__ = ["NameMention", "by_sentence", "mention_key", "descriptor_after"]


@dataclass(frozen=True)
class NameMention:
    """A name in a sentence; `start`/`end` are token indices in the sentence's doc."""

    sentence: "Sentence"
    start: int
    end: int
    type: ActorType | None
    kind: str  # name | demonym | capital | metonym | state | acronym | alias
    canonical: str | None = None  # the gazetteer's canonical name, when known
    cue: str = ""  # what typed it: gazetteer | head | descriptor | title | ner
    country: str | None = None  # the state a national body belongs to

    @property
    def doc(self):
        return self.sentence.span.doc

    @property
    def tokens(self):
        return self.doc[self.start:self.end]

    @property
    def text(self) -> str:
        return self.sentence.article_text[self.char_start:self.char_end]

    @property
    def char_start(self) -> int:
        return self.sentence.offset + self.doc[self.start].idx

    @property
    def char_end(self) -> int:
        last = self.doc[self.end - 1]
        return self.sentence.offset + last.idx + len(last.text)


def mention_key(m: NameMention) -> tuple[int, int, int]:
    """Where a name is: its sentence and token range. Later stages find a name's actor by it."""
    return (m.sentence.index, m.start, m.end)


def by_sentence(items) -> dict[int, list]:
    """Names, titles or anything with a `.sentence`, listed by sentence index: rules that look
    within one sentence then take time in proportion to it, not to the article."""
    grouped: dict[int, list] = {}
    for item in items:
        grouped.setdefault(item.sentence.index, []).append(item)
    return grouped


def descriptor_after(doc, end: int, limit: int, descriptors: Mapping[str, ActorType]) -> tuple[int, ActorType | None]:
    """How many words after a name, up to three, say what kind of actor it is ('the X militia',
    'X news agency'), and that kind; (0, None) when none do."""
    for length in (3, 2, 1):
        if end + length <= limit and (kind := descriptors.get(" ".join(t.lower_ for t in doc[end:end + length]))):
            return length, kind
    return 0, None
