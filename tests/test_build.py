"""The build as a whole: robust to any text, one bad article never loses the others, and the
spaCy pipeline it is given is the one it parses with."""
from __future__ import annotations

import random

import kg.build
import kg.corpus.workers
from rdflib import RDF, RDFS, Dataset, Literal, URIRef
from kg.build import BuildOptions, build
from kg.graph.namespace import DEFAULT_BASE_IRI, KG
from tests.pipelines import Recording

WORDS = ["President", "Minister", "of", "the", "and", "met", "with", "Turkey", "Syrian", "(HTS)", "known",
         "as", "“Abu", "Ali”", "-", "–", "al-", "bin", "Abu", "He", "It", "called", "for", "on", "rejected",
         "will", "not", "Moscow", "in", "'s", ",", ".", "Hamas", "leader", "two", "leaders", "whose",
         "commander", "hosted", "by", "including", "among", "them", "Foreign", "De", "Al", "El"]


def _graph(path) -> Dataset:
    graph = Dataset(default_union=True)
    graph.parse(path, format="turtle")
    return graph


def _people(graph: Dataset) -> set[str]:
    return {str(label) for node in graph.subjects(RDF.type, KG.Person) for label in graph.objects(node, RDFS.label)}


def test_build_survives_word_soup(tmp_path):
    rng = random.Random(7)
    soup = "\n\n".join(" ".join(rng.choice(WORDS) for _ in range(rng.randint(1, 40))) for _ in range(60))
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "soup.txt").write_text(soup, encoding="utf-8")
    (tmp_path / "in" / "scripts.txt").write_text("Путин встретился с Эрдоганом. 习近平会见了普京。 😀 &amp;\n\n"
                                                 "The talks between Kenya and Uganda in Kampala.",  # no verb at all
                                                 encoding="utf-8")
    report = build([tmp_path / "in"], BuildOptions(output=tmp_path / "out"))
    assert (report.articles, report.failures) == (2, [])
    assert set(_graph(tmp_path / "out" / "graph.ttl").subjects(RDF.type, KG.Article)) == {
        URIRef(DEFAULT_BASE_IRI + "article/scripts"), URIRef(DEFAULT_BASE_IRI + "article/soup")}


def test_build_reports_an_article_that_breaks_extraction_and_keeps_the_rest(tmp_path, monkeypatch):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text("Kenyan President William Ruto met Ugandan President Yoweri Museveni.",
                                           encoding="utf-8")
    (tmp_path / "in" / "b.txt").write_text("Trigger of the failure.", encoding="utf-8")
    real = kg.corpus.workers.extract_parsed

    def flaky(article, sentences, rules):
        if "Trigger" in article.text:
            raise ValueError("boom")
        return real(article, sentences, rules)

    monkeypatch.setattr(kg.corpus.workers, "extract_parsed", flaky)
    seen = []
    report = build([tmp_path / "in"], BuildOptions(output=tmp_path / "out"), on_failure=seen.append)
    assert [str(f) for f in seen] == [f"{tmp_path / 'in' / 'b.txt'}: extraction failed (ValueError: boom); "
                                      "please report this with the article"]
    assert report.articles == 1
    assert _people(_graph(tmp_path / "out" / "graph.ttl")) == {"William Ruto", "Yoweri Museveni"}


def test_build_a_very_long_article_is_extracted_in_windows_with_offsets_in_the_whole_text(tmp_path, monkeypatch):
    import kg.extraction.parsing.nlp

    paragraphs = ["Kenyan President William Ruto met Ugandan President Yoweri Museveni in Kampala on Monday.",
                  "Ruto later met Tanzanian President Samia Suluhu Hassan in Dodoma.",
                  "Museveni condemned the attack on the border post, officials said."] * 4
    text = "Regional Talks\n\n" + "\n\n".join(paragraphs) + "\n"
    (tmp_path / "long.txt").write_text(text, encoding="utf-8")
    monkeypatch.setattr(kg.extraction.parsing.nlp, "MAX_ARTICLE_WINDOW", 200)
    assert len(kg.extraction.parsing.nlp.article_windows(text)) > 3
    report = build([tmp_path / "long.txt"], BuildOptions(output=tmp_path / "out", html=False))
    assert report.articles == 1
    graph = _graph(tmp_path / "out" / "graph.ttl")
    statements = list(graph.subjects(KG.evidence, None))
    assert statements
    for node in statements:
        start, end = int(graph.value(node, KG.charStart)), int(graph.value(node, KG.charEnd))
        assert text[start:end] == str(graph.value(node, KG.evidence))
    people = _people(graph)
    assert {"William Ruto", "Yoweri Museveni"} <= people
    assert len([p for p in people if "Ruto" in p]) == 1  # one actor across the windows


def test_build_article_windows_cover_the_text_between_pieces():
    from kg.extraction.parsing.nlp import MAX_ARTICLE_WINDOW, article_windows

    text = "Title\n\n" + ("A sentence that goes on for a while. " * 40 + "\n") * 800
    windows = article_windows(text)
    assert windows[0][0] == 0 and len(windows) > 1
    assert all(end - start <= MAX_ARTICLE_WINDOW for start, end in windows)
    assert all(a[1] <= b[0] for a, b in zip(windows, windows[1:]))
    assert article_windows("Short text.") == [(0, 11)]


MEETING = ("Kenyan President William Ruto met Ugandan President Yoweri Museveni in Kampala on Monday, "
           "officials said.\n")


def test_build_parses_with_the_pipeline_it_is_given(tmp_path, nlp):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "kampala.txt").write_text(MEETING, encoding="utf-8")
    given = Recording(nlp)
    report = build([tmp_path / "in"], BuildOptions(output=tmp_path / "out", pipeline=given, html=False))
    assert (report.articles, report.failures) == (1, [])
    assert given.texts == [MEETING.strip()]
    ruto, museveni = URIRef(DEFAULT_BASE_IRI + "william-ruto"), URIRef(DEFAULT_BASE_IRI + "yoweri-museveni")
    graph = _graph(tmp_path / "out" / "graph.ttl")
    assert (ruto, KG.metWith, museveni) in graph
    assert (ruto, RDFS.label, Literal("William Ruto")) in graph


def test_build_a_pipeline_of_another_version_does_not_take_the_extractions_of_the_cache(tmp_path, nlp):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "kampala.txt").write_text(MEETING, encoding="utf-8")
    same, newer = Recording(nlp), Recording(nlp, version="9.9.9")
    reused = [build([tmp_path / "in"], BuildOptions(output=tmp_path / "out", html=False, pipeline=given)).reused
              for given in (same, same, newer)]
    assert reused == [0, 1, 0]
    assert same.texts == newer.texts == [MEETING.strip()]
