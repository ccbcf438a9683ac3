"""Whose a title is: the person named right after it ('President X', 'the leader of Y, X'),
before it ('X, the leader of Y'; 'X is the head of Y'; 'A, president of Y, B, president of
Z'), or given the post by a verb of appointing ('appointed X as president of Y')."""
from __future__ import annotations

from kg.model import ActorType
from kg.extraction.actors.mentions import NameMention
from kg.extraction.actors.titlenames import follows_title
from kg.extraction.actors.titles import TitlePhrase, is_genitive
from kg.knowledge.language import language_of

__all__ = ["person_after", "person_before", "appointee", "in_a_list_of_titled_names"]


def _past_genitive_tail(doc, k: int, limit: int) -> int:
    """"X, a member of the Front's political bureau,": past the words the organisation's genitive
    owns, to where the title's phrase ends."""
    if k < limit and is_genitive(doc[k], language_of(doc).words):
        k += 1
        while k < limit and doc[k].pos_ in ("NOUN", "ADJ") and not doc[k].is_punct:
            k += 1
    return k


def appointee(t: TitlePhrase, names: list[NameMention]) -> NameMention | None:
    """'appointed X as president of Y', 'X was named chairman of Y': the person a verb of
    appointing gives the post to."""
    words = language_of(t.doc).words
    word = t.doc[t.head_index]
    while t.start <= word.head.i < t.end and word.head != word:
        word = word.head  # 'secretary-general': the word of the title the verb governs
    verb = word.head.head if word.dep_ == "prep_object" and word.head.lower_ in words.label_prepositions else word.head
    if verb.dep_ == "parataxis" and verb.head.dep_ == "object":  # 'appointed X (also written Y) as president'
        verb = verb.head.head
    if word.dep_ not in ("prep_object", "object_predicate", "attribute", "object") or verb.lemma_.lower() not in words.appointing_verbs:
        return None
    people = [c for c in verb.children if c.dep_ in ("object", "passive_subject", "object_predicate") and c.i != word.i]
    for m in names:
        if m.type is ActorType.PERSON and any(m.start <= p.i < m.end for p in people):
            return m
    return None


def in_a_list_of_titled_names(t: TitlePhrase, before: NameMention, after: NameMention, titles: list[TitlePhrase]) -> bool:
    """'A, president of X, B, president of Y': a title with no article between two names, each
    with a title after it, is the first name's."""
    doc = t.doc
    return before.end == t.start - 1 and doc[t.start - 1].text == "," and doc[t.start].lower_ not in language_of(doc).words.articles \
        and after.end + 1 < len(doc) and doc[after.end].text == "," and any(o.start == after.end + 1 for o in titles)


def person_after(t: TitlePhrase, names: list[NameMention]) -> NameMention | None:
    for m in names:
        if m.sentence.index == t.sentence.index and m.type is ActorType.PERSON and m.start >= t.end and follows_title(t, m):
            return m
    return None


def _past_who_is(doc, start: int, words) -> int:
    """Where 'who is (also)' before a title starts, if it comes there: the title is the person's
    named before it ('X, who is also chair of Y')."""
    k = _copula_before(doc, start)
    if k is not None and k >= 1 and doc[k - 1].lower_ in words.person_relatives:
        return k - 1
    return start


def _copula_before(doc, start: int) -> int | None:
    """Where the copula right before a title is, past adverbs ('who is also chair of Y', 'X is the
    head of Y'), if there is one."""
    k = start - 1
    while k > 0 and doc[k].pos_ == "ADV":
        k -= 1
    return k if k >= 0 and doc[k].lemma_.lower() == language_of(doc).words.copula else None


def _named_subject(t: TitlePhrase, names: list[NameMention], start: int) -> NameMention | None:
    """The person named right before 'is (also)' whose predicate the title is ('X is the head of Y';
    not 'X was', a post held before)."""
    doc, k = t.doc, _copula_before(t.doc, start)
    if k is None:
        return None
    copula, head = doc[k], doc[t.head_index]
    if copula.tag_ != "present_third_person_verb" or head.head != copula or head.dep_ != "attribute":
        return None
    return next((m for m in names if m.sentence.index == t.sentence.index and m.type is ActorType.PERSON
                 and m.end == k), None)


def person_before(t: TitlePhrase, names: list[NameMention], titles: list[TitlePhrase]) -> NameMention | None:
    """'X, the leader of Y' and 'X, President Z's adviser' (over the patron's own title); 'X,
    Deputy Prime Minister and Minister of Foreign Affairs of Y' (both titles are X's)."""
    doc = t.doc
    words = language_of(doc).words
    start = t.start
    if t.patron is not None:
        for other in titles:
            if other is not t and other.sentence.index == t.sentence.index and other.end == t.patron.start:
                start = min(start, other.start)
    if start >= 4 and is_genitive(doc[start - 1], words) and words.definite(doc[start - 3].lower_):
        start -= 3  # 'X, the ministry's spokesman'
    edge = doc[t.head_index].left_edge.i
    if edge < start and doc[edge].lower_ in words.articles and not any(d.text == "," for d in doc[edge:start]):
        start = edge  # 'X, a Damascus-based Palestinian official'
    if start >= 2 and doc[start - 1].lower_ == words.conjunction:
        first = next((o for o in titles if o is not t and o.end == start - 1), None)
        return person_before(first, names, titles) if first is not None else None
    if (subject := _named_subject(t, names, start)) is not None:
        return subject  # 'X is the head of Y'
    start = _past_who_is(doc, start, words)  # 'X, who is also chair of Y'
    if start < 2 or doc[start - 1].text != ",":
        return None
    for m in names:
        if m.sentence.index == t.sentence.index and m.type is ActorType.PERSON and m.end == start - 1:
            after = _past_genitive_tail(doc, t.end, t.sentence.span.end)
            if after >= t.sentence.span.end or doc[after].is_punct or doc[after].lower_ in words.aside_relatives or (
                    doc[after].lower_ == words.conjunction and any(o.start == after + 1 for o in titles)):
                return m
    return None
