"""Names written with look-alike letters of another script ('Fiԁan' with a Cyrillic ԁ): read as
the Latin letters they imitate, one actor with the name they imitate, a warning naming the file
and the words; genuine non-Latin words and accented Latin left alone."""
from __future__ import annotations

import json
import re

import pytest
from rdflib import RDF, RDFS, Dataset, Literal, URIRef
from rdflib.namespace import SKOS

from kg.graph.namespace import KG
from kg.knowledge.lookalikes import latin_reading, lookalike_words, mixed_scripts
from kg.graph.graphview import read_view
from kg.view.html import render_html
from tests.cli import invoke

KGR = "https://w3id.org/newskg/id/"
CYRILLIC_S, CYRILLIC_T, CYRILLIC_D, GREEK_K = "\u0455", "\u0422", "\u0501", "\u039a"


@pytest.mark.parametrize("written, read", [
    (f"Hakan Fi{CYRILLIC_D}an", "Hakan Fidan"),
    (f"{CYRILLIC_T}urkey", "Turkey"),
    (f"Ru{CYRILLIC_S}sia-backed forces", "Russia-backed forces"),
    (f"{GREEK_K}enya's envoy", "Kenya's envoy"),
    ("\u0406ran", "Iran"),  # a Cyrillic capital I, read as a capital I (its TR#39 prototype is small l)
])
def test_lookalikes_words_mixing_scripts_read_as_latin_with_the_same_length(written, read):
    assert latin_reading(written) == read
    assert len(latin_reading(written)) == len(written)


@pytest.mark.parametrize("text", [
    "Москва", "ВВС", "the Kremlin (Кремль) said",  # words wholly of another script
    "Mevlüt Çavuşoğlu", "Nguyễn Phú Trọng", "le Tchad", "Hakan Fidan", "Recep Tayyip Erdoğan",
    "Fi\u0434an",  # a Cyrillic letter that imitates no Latin one: no look-alike to read
])
def test_lookalikes_leave_other_scripts_and_accented_latin_alone(text):
    assert latin_reading(text) == text
    assert lookalike_words(text) == []


def test_lookalikes_words_are_listed_as_written_once_each():
    text = f"Ru{CYRILLIC_S}sia and {CYRILLIC_T}urkey; again Ru{CYRILLIC_S}sia, and Москва."
    assert lookalike_words(text) == [f"Ru{CYRILLIC_S}sia", f"{CYRILLIC_T}urkey"]


@pytest.mark.parametrize("name, scripts", [
    (f"Hakan Fi{CYRILLIC_D}an", ("Latin", "Cyrillic")),
    (f"{GREEK_K}enya", ("Greek", "Latin")),
    ("Hakan Fidan", ()), ("Mevlüt Çavuşoğlu", ()), ("Москва", ()),
    ("東京タワー", ()),  # Han and Katakana are one writing (TR#39's Japanese script set)
    ("Moscow (Москва)", ()), ("Москва Times", ()),  # each word of one script
    (f"Rehema Mu{CYRILLIC_S}hi (Москва)", ("Latin", "Cyrillic")),
])
def test_lookalikes_mixed_scripts_names_the_scripts_of_a_label(name, scripts):
    assert mixed_scripts(name) == scripts


# --- builds ---------------------------------------------------------------------------

SUMMIT = ("Tanzanian Foreign Minister Rehema Mushi met Kenyan President William Ruto in Nairobi on Monday.\n\n"
          f"Rehema Mu{CYRILLIC_S}hi also met Ugandan President Yoweri Museveni in Kampala on Tuesday.\n\n"
          f"{CYRILLIC_T}anzania condemned Ru{CYRILLIC_S}sia over the attack on the port.\n")
KIGALI = f"Rehema Mu{CYRILLIC_S}hi met Rwandan President Paul Kagame in Kigali on Wednesday.\n"


def _graph(path) -> Dataset:
    graph = Dataset(default_union=True)
    graph.parse(path, format="turtle")
    return graph


def _nodes_named(graph, folded: str) -> set[URIRef]:
    return {s for s, p, o in graph.triples((None, None, None))
            if p in (RDFS.label, SKOS.altLabel) and latin_reading(str(o)).casefold() == folded}


@pytest.fixture(scope="module")
def lookalike_build(tmp_path_factory):
    folder = tmp_path_factory.mktemp("lookalike-articles")
    (folder / "a_kigali.txt").write_text(KIGALI, encoding="utf-8")  # read first: the look-alike spelling comes first
    (folder / "b_summit.txt").write_text(SUMMIT, encoding="utf-8")
    out = tmp_path_factory.mktemp("lookalike-out")
    result = invoke("build", folder, "-o", out, "--quiet", "--no-cache")
    assert result.exit_code == 0, result.stderr
    return folder, out, result


def test_build_warns_once_per_file_naming_the_lookalike_words(lookalike_build):
    folder, _out, result = lookalike_build
    read_as = "look-alike letters of other scripts read as the Latin ones they imitate in"
    assert result.stderr.splitlines() == [
        f"kg: warning: {folder / 'a_kigali.txt'}: {read_as} 'Mu{CYRILLIC_S}hi'",
        f"kg: warning: {folder / 'b_summit.txt'}: {read_as} 'Mu{CYRILLIC_S}hi', '{CYRILLIC_T}anzania', "
        f"'Ru{CYRILLIC_S}sia'",
    ]


def test_build_lookalike_person_is_the_person_it_imitates(lookalike_build):
    graph = _graph(lookalike_build[1] / "graph.ttl")
    mushi = URIRef(KGR + "rehema-mushi")
    assert _nodes_named(graph, "rehema mushi") == {mushi}
    assert (mushi, RDF.type, KG.Person) in graph
    assert set(graph.objects(mushi, RDFS.label)) == {Literal("Rehema Mushi")}  # the plain spelling names it
    assert Literal(f"Rehema Mu{CYRILLIC_S}hi") in set(graph.objects(mushi, SKOS.altLabel))
    for other in ("william-ruto", "yoweri-museveni", "paul-kagame"):
        assert (mushi, KG.metWith, URIRef(KGR + other)) in graph or (URIRef(KGR + other), KG.metWith, mushi) in graph


def test_build_lookalike_state_names_keep_their_relation_and_make_no_place(lookalike_build):
    graph = _graph(lookalike_build[1] / "graph.ttl")
    assert (URIRef(KGR + "tanzania"), KG.opposes, URIRef(KGR + "russia")) in graph
    evidence = {str(o) for o in graph.objects(None, KG.evidence)}
    assert f"{CYRILLIC_T}anzania condemned Ru{CYRILLIC_S}sia over the attack on the port." in evidence  # verbatim
    assert not set(graph.subjects(RDF.type, KG.Place)) & _nodes_named(graph, "russia")
    assert _nodes_named(graph, "russia") == {URIRef(KGR + "russia")}


def test_build_leaves_accented_latin_and_cyrillic_words_alone(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    meeting = ("Turkish Foreign Minister Ayşegül Öztürkoğlu met Vietnamese Foreign Minister Nguyễn Văn Bình "
               "in Hanoi on Monday.")
    (folder / "hanoi.txt").write_text(f"{meeting}\n\nThe talks, which the Kremlin newspaper Известия called "
                                      "«полезные», also covered le Tchad and the Sahel.\n", encoding="utf-8")
    out = tmp_path / "out"
    result = invoke("build", folder, "-o", out, "--quiet", "--no-cache", "--no-html")
    assert (result.exit_code, result.stderr) == (0, "")
    graph = _graph(out / "graph.ttl")
    assert {"Ayşegül Öztürkoğlu", "Nguyễn Văn Bình"} <= {str(o) for o in graph.objects(None, RDFS.label)}
    assert {str(o) for o in graph.objects(None, KG.evidence)} == {meeting}


# --- the page -------------------------------------------------------------------------


def _page_nodes(graph) -> dict[str, dict]:
    page = render_html(read_view(graph)).decode("utf-8")
    payload = re.search(r'<script type="application/json" id="kg-data">(.*?)</script>', page, re.S)[1]
    return {node["kg"]["name"]: node for node in json.loads(payload)["nodes"]}


def test_page_marks_a_label_that_mixes_scripts():
    g = Dataset(default_union=True)
    spoofed, plain, other = URIRef(KGR + "a"), URIRef(KGR + "b"), URIRef(KGR + "c")
    for node, name in ((spoofed, f"Rehema Mu{CYRILLIC_S}hi"), (plain, "Paul Kagame"), (other, "Москва Times")):
        g.add((node, RDF.type, KG.Person))
        g.add((node, RDFS.label, Literal(name)))
    g.add((plain, SKOS.altLabel, Literal(f"Paul Kagame{CYRILLIC_S}")))
    g.add((spoofed, KG.metWith, plain))
    g.add((other, KG.metWith, plain))
    nodes = _page_nodes(g)
    marked = nodes[f"Rehema Mu{CYRILLIC_S}hi"]
    assert marked["label"] == f"Rehema Mu{CYRILLIC_S}hi \u26a0"  # seen on the network itself
    assert marked["kg"]["mixedScripts"] == [{"name": f"Rehema Mu{CYRILLIC_S}hi", "scripts": ["Latin", "Cyrillic"]}]
    assert nodes["Paul Kagame"]["label"] == "Paul Kagame"  # only an alias mixes scripts: marked in its card
    assert nodes["Paul Kagame"]["kg"]["mixedScripts"] == [{"name": f"Paul Kagame{CYRILLIC_S}",
                                                          "scripts": ["Latin", "Cyrillic"]}]
    assert nodes["Москва Times"]["label"] == "Москва Times" and "mixedScripts" not in nodes["Москва Times"]["kg"]
