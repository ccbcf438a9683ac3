"""Whether a name stands right after a title, as the holder it introduces: 'Foreign Minister
X', 'the minister, Mr X', 'the leader of Y (the front's founder), X'."""
from __future__ import annotations

from typing import TYPE_CHECKING

from kg.knowledge.language import language_of

if TYPE_CHECKING:
    from kg.extraction.actors.namemention import NameMention
    from kg.extraction.actors.titles import TitlePhrase

__all__ = ["follows_title"]


def follows_title(t: TitlePhrase, m: "NameMention") -> bool:
    """Whether the name `m` comes right after the title `t`: 'Foreign Minister X', 'the
    minister, Mr X', 'Director General of Military Operations, Major General X'."""
    doc = t.doc
    words = language_of(doc).words
    k = t.end
    if k + 1 < m.start and words.of(doc[k].lower_) and doc[k + 1].text[:1].isupper():
        k += 1  # 'Director General of Military Operations, Major General X': the post's own domain
        while k < m.start and (doc[k].text[:1].isupper() or doc[k].lower_ == words.conjunction):
            k += 1
    k = _skip_aside(doc, k, t.sentence.span.end)
    k += k < len(doc) and doc[k].text == ","
    while k < m.start and (doc[k].lower_.rstrip(".") in words.honorifics or (  # 'the minister, Mr X'
            words.definite(doc[k].lower_) and doc[k + 1].lower_.rstrip(".") in words.honorifics)):  # ', le capitaine X'
        k += 1
    return k == m.start


def _skip_aside(doc, k: int, limit: int) -> int:
    """Skip a parenthesis '( ... )', a dash clause '– ... –' or a relative clause ', who ... ,'
    starting at token k."""
    relatives = language_of(doc).words.aside_relatives
    for _ in range(2):
        if k + 1 < limit and doc[k].text == "," and doc[k + 1].lower_ in relatives:
            close = next((j for j in range(k + 2, limit) if doc[j].text == ","), None)
            if close is None:
                return k
            k = close
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
