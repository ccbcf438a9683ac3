"""One article through every stage of extraction, in order (`extract_article`)."""
from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from types import MappingProxyType

from kg.knowledge.lookalikes import latin_reading
from kg.model import ActorType, Article, Modality
from kg.extraction.actors.local import ArticleActors, TokenIndex
from kg.extraction.actors.coref import resolve_references
from kg.extraction.actors.dateline import dateline_states, without_wire_credits
from kg.knowledge.dates import find_date_expressions, resolve_date
from kg.extraction.derive import DerivedRelation, derive_relations
from kg.extraction.relations.found import Dated
from kg.knowledge.language import language_of
from kg.knowledge.names import fold
from kg.extraction.actors.mentions import find_names
from kg.extraction.parsing.nlp import (ParsePlan, Pieces, Sentence, SentenceRef, article_windows, headline_like,
                                       parse_article, plan_parse, title_cased)
from kg.extraction.posts.posts import find_posts
from kg.extraction.relations.find import Found, FoundMeeting, find_relations
from kg.extraction.posts.affiliations import find_affiliations
from kg.extraction.actors.bodies import place_generic_bodies
from kg.extraction.actors.resolve import resolve_names
from kg.knowledge.rules import Gazetteer, Rules
from kg.extraction.relations.speakers import speaker_of
from kg.extraction.posts.titlerefs import resolve_titles
from kg.extraction.actors.titles import find_titles
from kg.extraction.parsing import roles

if TYPE_CHECKING:
    from spacy.language import Language

__all__ = ["ArticleExtraction", "extract_article", "detached"]

MID_SENTENCE_NAME = re.compile(r"(?<=[a-z,;:] )[A-Z][\w’'\-]+")
BARE_YEAR = re.compile(r"(1[89]|20)\d\d")  # 'the 1994 genocide' dates no event; 'in 1994' does


@dataclass(frozen=True)
class ArticleExtraction:
    article: Article
    sentences: list["Sentence | SentenceRef"]  # SentenceRef once detached
    actors: ArticleActors
    relations: list[tuple[Found, Dated]]
    meetings: list[tuple[FoundMeeting, Dated]]
    derived: tuple[DerivedRelation, ...] = ()


def extract_article(article: Article, nlp: "Language", rules: Rules,
                    window: tuple[int, int] | None = None) -> ArticleExtraction:
    """What one article (or one window of a very long one, see nlp.article_windows) says.
    The result still holds the parse; `detached` lets it go."""
    return extract_parsed(article, parse_article(nlp, parse_plan(article, rules, window)), rules)


def parse_plans(article: Article, rules: Rules) -> list[ParsePlan]:
    """The parse plans of an article: one per window (nlp.article_windows); the article is read
    and cut into pieces once for all its windows."""
    readable = _readable(article)
    pieces = Pieces.of(readable.text)
    return [_plan(article, readable, rules, window, pieces) for window in article_windows(readable.text, pieces)]


def parse_plan(article: Article, rules: Rules, window: tuple[int, int] | None = None) -> ParsePlan:
    """The parser reads the article with look-alike letters of other scripts read as the Latin
    ones they imitate ('Ruѕsia' as 'Russia', `lookalikes`), letter for letter; its sentences and
    names are still the article's own text."""
    return _plan(article, _readable(article), rules, window)


def _readable(article: Article) -> Article:
    return replace(article, text=latin_reading(article.text),
                   title=latin_reading(article.title) if article.title else article.title)


def _plan(article: Article, readable: Article, rules: Rules, window: tuple[int, int] | None,
          pieces: Pieces | None = None) -> ParsePlan:
    given = rules.names.given_names
    plan = plan_parse(readable.text, readable.title, _names_to_keep(readable, rules.gazetteer, window),
                      lambda word: fold(word) in given, window=window, pieces=pieces,
                      substitutions=rules.language.syntax.parse_substitutions)
    return replace(plan, text=article.text)


def extract_parsed(article: Article, sentences: list[Sentence], rules: Rules) -> ArticleExtraction:
    """What an article (or a window of it) says, from its parsed sentences. Every stage takes
    the values of the stages before it and returns new ones."""
    names_of = [find_names(sentence, rules.names) for sentence in sentences]
    names = [m for found in names_of for m in found]
    homes = dateline_states(names)
    names = without_wire_credits(names)
    names = place_generic_bodies(names, rules.names, homes[0] if homes else None)
    titles = [t for sentence, found in zip(sentences, names_of) for t in find_titles(sentence, found, rules.titles)]
    referents = resolve_names(names, titles, rules.resolution)
    posts = find_posts(titles, referents.names, referents.of_name, referents.actors, referents.index(), rules.titles,
                       rules.arguments, homes, {s.index: s.offset for s in sentences})
    affiliations, actors = find_affiliations(referents, posts.actors, titles)
    index, held_posts = resolve_titles(titles, posts, actors, affiliations)
    index = resolve_references(sentences, actors, index, rules.references, homes)
    resolved = ArticleActors(MappingProxyType(actors), index, held_posts, affiliations)
    found, meetings = find_relations(sentences, resolved, rules.relations)
    relations = [(f, _when_where(f.sentence, f.trigger, f.modality, article, resolved, sentences)
                  if f.relation.spec.event else Dated(None, None, speaker_of(f.sentence, f.trigger, resolved)))
                 for f in found]
    dated_meetings = [(m, _when_where(m.sentence, m.trigger, m.modality, article, resolved, sentences, inherit=True))
                      for m in meetings]
    derived, actors = derive_relations(resolved, dated_meetings, sentences, relations)
    return ArticleExtraction(article, sentences, replace(resolved, actors=MappingProxyType(actors)),
                             relations, dated_meetings, derived)


def _names_to_keep(article: Article, gazetteer: Gazetteer, window: tuple[int, int] | None):
    """Which capitalised words a headline keeps capitalised when it is parsed in sentence case:
    the names the body writes mid-sentence, and the gazetteer's."""
    first, last = window or (0, len(article.text))
    body = article.text[first:last]
    if article.title and body.startswith(article.title):
        body = body[len(article.title):]
    lines = body.split("\n")
    heading = len(list(itertools.takewhile(lambda line: not line.strip() or headline_like(line), lines)))
    known = set(MID_SENTENCE_NAME.findall("\n".join(line for k, line in enumerate(lines)
                                                    if k >= heading or not title_cased(line))))
    return lambda word: word in known or gazetteer.entry(word) is not None


def detached(extraction: ArticleExtraction) -> ArticleExtraction:
    """The extraction with every sentence replaced by its plain reference: the parse of the
    article is no longer held, and the extraction is plain data for the merge."""
    refs = [s.detached() for s in extraction.sentences]
    actors = extraction.actors
    return ArticleExtraction(
        extraction.article, refs,  # type: ignore[arg-type]
        replace(actors, actors=dict(actors.actors), index=TokenIndex({}, {}),  # plain dicts: picklable
                posts=tuple(replace(p, sentence=refs[p.sentence.index]) for p in actors.posts),
                affiliations=tuple((person, state, refs[s.index]) for person, state, s in actors.affiliations)),
        [(replace(f, sentence=refs[f.sentence.index]), d) for f, d in extraction.relations],
        [(replace(m, sentence=refs[m.sentence.index]), d) for m, d in extraction.meetings],
        tuple(replace(d, sentence=refs[d.sentence.index]) for d in extraction.derived))


def _when_where(sentence: Sentence, trigger: int, modality: Modality, article: Article,
                actors: ArticleActors, sentences: list[Sentence], inherit: bool = False) -> Dated:
    date = _sentence_date(sentence, trigger, modality, article)
    if date is None and inherit and sentence.index > 0 and modality is not Modality.PLANNED:  # a plan is later
        previous = sentences[sentence.index - 1]
        meeting_words = language_of(previous.span).words.meeting_words
        if any(t.lemma_.lower() in meeting_words for t in previous.span):
            date = _sentence_date(previous, None, modality, article)
    return Dated(date, _sentence_place(sentence, trigger, actors), speaker_of(sentence, trigger, actors))


def _sentence_date(sentence: Sentence, trigger: int | None, modality: Modality, article: Article) -> str | None:
    lang = language_of(sentence.span)
    expressions = find_date_expressions(sentence.text, lang)
    if not expressions:
        return None
    doc = sentence.span.doc
    base = sentence.span.start_char
    if trigger is not None:  # a date of another clause is another event's ('said on Monday it had met')
        expressions = _within(expressions, _clause_chars(doc[trigger]), base) or _within(
            expressions, _antecedent_clause(doc[trigger]), base)
    anchor = doc[trigger].idx - base if trigger is not None else 0
    expressions.sort(key=lambda e: min(abs(e[0] - anchor), abs(e[1] - anchor)))
    for _start, _end, text in expressions:
        if BARE_YEAR.fullmatch(text.strip()):
            continue
        resolved = resolve_date(text, article.date, lang, future=modality is Modality.PLANNED)
        if resolved is not None:
            return resolved
    return None


def _within(expressions: list[tuple[int, int, str]], chars: tuple[int, int] | None, base: int):
    if chars is None:
        return []
    return [e for e in expressions if chars[0] <= e[0] + base and e[1] + base <= chars[1]]


def _antecedent_clause(trigger) -> tuple[int, int] | None:
    """The clause whose time a subordinate one shares: one that tells more of it with 'when' or
    'where' ('most recently in May 2022, when he was received by X'), or a participle with no
    subject of its own ('On May 7, X launched an operation, striking sites in Y'; 'a dinner on
    Tuesday hosted by Z'). A finite clause with its subject may be of another time ('and the
    next day he met Fidan')."""
    verb = _clause_verb(trigger)
    if verb.dep_ not in roles.SUBORDINATE_CLAUSES or verb.head == verb:
        return None
    told_of = any(c.tag_ == "wh_adverb" for c in verb.children)
    participle = verb.tag_ in ("gerund", "participle") and not any(c.dep_ in roles.NOMINAL_SUBJECTS for c in verb.children)
    return _clause_chars(verb.head) if told_of or participle else None


def _clause_verb(trigger):
    clause = trigger
    while clause.pos_ not in ("VERB", "AUX") and clause.head != clause:
        clause = clause.head
    return clause


def _clause_chars(trigger) -> tuple[int, int]:
    """Char range (in the doc) of the clause a trigger belongs to: its verb and what hangs on it,
    up to the first subordinate clause."""
    verb = _clause_verb(trigger)
    skipped = {t.i for c in verb.children if c.dep_ in roles.SUBORDINATE_CLAUSES and c != trigger
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
    settings = language_of(sentence.span).words.setting_prepositions
    for tok in sentence.span:
        for aid in actors.at(sentence.index, tok.i):
            if actors.actors[aid].type is not ActorType.PLACE:
                continue
            head = tok
            while head.dep_ in ("apposition", "compound") and head.head != head:
                head = head.head
            if head.dep_ == "prep_object" and head.head.lower_ in settings and head.head.head in anchors:
                return aid
    return None
