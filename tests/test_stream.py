"""Articles parsed in one stream (nlp.parse_stream, workers.extract_stream) give what each
parsed on its own gives, in the articles' order, and one article that breaks the stream is
reported alone."""
from __future__ import annotations

from kg.corpus.workers import extract_one, extract_stream
from kg.errors import InputError
from kg.extraction.parsing.nlp import load_pipeline, parse_article, parse_stream, plan_parse
from kg.knowledge.load import load_rules
from kg.model import Article

TEXTS = [
    "Kenyan President William Ruto met Ugandan President Yoweri Museveni in Kampala on Monday.\n\n"
    "The two leaders called for a ceasefire.",
    "* * * * * * * * * * * * * * * * * * * * * * * * * * * * * * * * * * * * * * * * * * * * * * * * "
    "* * * * * * * * * * * * * * * * * * * * * * * * * * * * * * * * * * * * * * * * * * * * * * * * "
    "* * * * * * * * * * * * * * * *",  # no prose: nothing to parse
    "Al-Shabaab fighters attacked Kenya near Mandera.\n\nAl-Shabaab fighters attacked Kenya near Mandera.\n\n"
    "Uganda condemned the attack.",
]


def _articles():
    return [Article(f"a{n}", text, f"a{n}.txt") for n, text in enumerate(TEXTS)]


def _shape(sentences):
    return [(s.index, s.offset, s.text) for s in sentences]


def test_a_stream_gives_each_plan_its_own_sentences_in_order():
    nlp = load_pipeline()
    plans = [(n, plan_parse(text, None)) for n, text in enumerate(TEXTS)]
    streamed = list(parse_stream(nlp, iter(plans)))
    assert [key for key, _ in streamed] == [0, 1, 2]
    assert [_shape(s) for _, s in streamed] == [_shape(parse_article(nlp, plan)) for _, plan in plans]
    assert streamed[1][1] == [] and len(streamed[2][1]) == 3  # a paragraph said twice is a sentence twice


def test_a_stream_of_only_empty_plans_still_gives_each():
    plans = [(n, plan_parse(TEXTS[1], None)) for n in range(3)]
    assert [(key, s) for key, s in parse_stream(load_pipeline(), iter(plans))] == [(0, []), (1, []), (2, [])]


def test_extractions_of_a_stream_are_those_of_articles_parsed_alone():
    nlp, rules = load_pipeline(), load_rules()
    streamed = list(extract_stream(_articles(), nlp, rules))
    alone = [extract_one(article, nlp, rules) for article in _articles()]
    assert [[(e.relations, e.meetings) for e in outcome] for outcome in streamed] == [
        [(e.relations, e.meetings) for e in o] for o in alone]
    assert [len(outcome) for outcome in streamed] == [1, 1, 1]
    assert streamed[0][0].meetings and streamed[2][0].relations


class _BreaksOn:
    """The pipeline, but its stream breaks on a paragraph holding `word`."""

    def __init__(self, nlp, word: str):
        self._nlp, self._word = nlp, word
        self.lang = nlp.lang

    def pipe(self, texts, **kwargs):
        for item in self._nlp.pipe(texts, **kwargs):
            doc = item[0] if kwargs.get("as_tuples") else item
            if self._word in doc.text:
                raise RuntimeError("the parser broke")
            yield item


def test_an_article_that_breaks_the_stream_is_reported_alone():
    rules = load_rules()
    outcomes = list(extract_stream(_articles(), _BreaksOn(load_pipeline(), "Shabaab"), rules))
    assert isinstance(outcomes[2], InputError)
    assert "extraction failed (RuntimeError: the parser broke)" in str(outcomes[2])
    assert [len(o) for o in outcomes[:2]] == [1, 1]
    assert outcomes[0][0].relations == extract_one(_articles()[0], load_pipeline(), rules)[0].relations
