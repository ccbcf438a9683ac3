"""One article through the linguistic stages: parse, names, titles, resolution, relations."""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from .dates import find_date_expressions, resolve_date
from .mentions import find_names
from ..model import ActorType, Article, Modality
from .nlp import Sentence, SentenceRef, parse_article
from .relations import Found, FoundMeeting, find_relations
from .actors import ArticleActors
from .resolve import resolve_article
from .rules import Rules
from .titles import find_titles

if TYPE_CHECKING:
    from spacy.language import Language

__all__ = ["ArticleExtraction", "Dated", "extract_article", "detached"]

MID_SENTENCE_NAME = re.compile(r"(?<=[a-z,;:] )[A-Z][\w’'\-]+")
BARE_YEAR = re.compile(r"(1[89]|20)\d\d")  # 'the 1994 genocide' dates no event; 'in 1994' does


@dataclass(frozen=True)
class Dated:
    """When and where a relation or meeting took place, as far as its sentence says."""

    date: str | None
    place: int | None  # local actor id of a place


@dataclass
class ArticleExtraction:
    article: Article
    sentences: list["Sentence | SentenceRef"]  # SentenceRef once detached
    actors: ArticleActors
    relations: list[tuple[Found, Dated]]
    meetings: list[tuple[FoundMeeting, Dated]]


def extract_article(article: Article, nlp: "Language", rules: Rules,
                    window: tuple[int, int] | None = None) -> ArticleExtraction:
    """What one article (or one window of a very long one, see nlp.article_windows) says.
    The result still holds the parse; `detached` lets it go."""
    first, last = window or (0, len(article.text))
    body = article.text[first:last]
    if article.title and body.startswith(article.title):
        body = body[len(article.title):]
    known = set(MID_SENTENCE_NAME.findall(body))
    sentences = parse_article(nlp, article.text, article.title,
                              lambda word: word in known or rules.entry(word) is not None, window)
    names, titles = [], []
    for sentence in sentences:
        found = find_names(sentence, rules)
        names += found
        titles += find_titles(sentence, found, rules)
    actors = resolve_article(sentences, names, titles, rules)
    found, meetings = find_relations(sentences, actors, rules)
    dated_relations = [(f, _when_where(f.sentence, f.trigger, f.modality, article, actors, sentences)
                        if f.relation.spec.event else Dated(None, None)) for f in found]
    dated_meetings = [(m, _when_where(m.sentence, m.trigger, m.modality, article, actors, sentences, inherit=True))
                      for m in meetings]
    return ArticleExtraction(article, sentences, actors, dated_relations, dated_meetings)


def detached(extraction: ArticleExtraction) -> ArticleExtraction:
    """The extraction with every sentence replaced by its plain reference: the parse of the
    article is no longer held, and the extraction is plain data for the merge."""
    refs = [s.detached() for s in extraction.sentences]
    actors = extraction.actors
    return ArticleExtraction(
        extraction.article, refs,  # type: ignore[arg-type]
        replace(actors, posts=[replace(p, sentence=refs[p.sentence.index]) for p in actors.posts],
                affiliations=[(person, state, refs[s.index]) for person, state, s in actors.affiliations]),
        [(replace(f, sentence=refs[f.sentence.index]), d) for f, d in extraction.relations],
        [(replace(m, sentence=refs[m.sentence.index]), d) for m, d in extraction.meetings])


def _when_where(sentence: Sentence, trigger: int, modality: Modality, article: Article,
                actors: ArticleActors, sentences: list[Sentence], inherit: bool = False) -> Dated:
    date = _sentence_date(sentence, trigger, modality, article)
    if date is None and inherit and sentence.index > 0:
        previous = sentences[sentence.index - 1]
        if any(t.lemma_.lower() in ("meeting", "talk", "summit", "meet") for t in previous.span):
            date = _sentence_date(previous, None, modality, article)
    return Dated(date, _sentence_place(sentence, trigger, actors))


def _sentence_date(sentence: Sentence, trigger: int | None, modality: Modality, article: Article) -> str | None:
    expressions = find_date_expressions(sentence.text)
    if not expressions:
        return None
    doc = sentence.span.doc
    base = sentence.span.start_char
    clause = _clause_chars(doc[trigger]) if trigger is not None else None
    if clause is not None:
        inside = [e for e in expressions if clause[0] <= e[0] + base and e[1] + base <= clause[1]]
        expressions = inside or expressions
    anchor = doc[trigger].idx - base if trigger is not None else 0
    expressions.sort(key=lambda e: min(abs(e[0] - anchor), abs(e[1] - anchor)))
    for _start, _end, text in expressions:
        if BARE_YEAR.fullmatch(text.strip()):
            continue
        resolved = resolve_date(text, article.date, future=modality is Modality.PLANNED)
        if resolved is not None:
            return resolved
    return None


def _clause_verb(trigger):
    clause = trigger
    while clause.pos_ not in ("VERB", "AUX") and clause.head != clause:
        clause = clause.head
    return clause


SUBORDINATE = {"advcl", "relcl", "ccomp", "acl", "parataxis"}


def _clause_chars(trigger) -> tuple[int, int]:
    """Char range (in the doc) of the clause a trigger belongs to: its verb and what hangs on it,
    up to the first subordinate clause."""
    verb = _clause_verb(trigger)
    skipped = {t.i for c in verb.children if c.dep_ in SUBORDINATE and c != trigger
               and trigger not in c.subtree for t in c.subtree}
    tokens = [t for t in verb.subtree if t.i not in skipped]
    start, end = verb.i, verb.i
    for t in sorted(tokens, key=lambda t: t.i):
        if t.i < verb.i and all(i not in skipped for i in range(t.i, verb.i)):
            start = min(start, t.i)
        if t.i > verb.i and all(i not in skipped for i in range(verb.i, t.i + 1)):
            end = max(end, t.i)
    doc = verb.doc
    return doc[start].idx, doc[end].idx + len(doc[end].text)


def _sentence_place(sentence: Sentence, trigger: int, actors: ArticleActors) -> int | None:
    """A place the trigger's clause puts the event in ('met in Moscow', 'a meeting in Abu Dhabi')."""
    doc = sentence.span.doc
    anchors = set(doc[trigger].subtree) | {_clause_verb(doc[trigger])}
    for tok in sentence.span:
        for aid in actors.at(sentence.index, tok.i):
            if actors.actors[aid].type is not ActorType.PLACE:
                continue
            head = tok
            while head.dep_ in ("appos", "compound") and head.head != head:
                head = head.head
            if head.dep_ == "pobj" and head.head.lower_ in ("in", "at") and head.head.head in anchors:
                return aid
    return None
