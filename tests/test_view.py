"""What the HTML view reads from a graph, what the selection options keep, and the page as
bytes: self-contained, escaped, deterministic; and `kg viz` on the command line."""
from __future__ import annotations

import base64
import hashlib
import html
import json
import re

import pytest
from rdflib import RDF, RDFS, Dataset, Literal, URIRef

from kg.errors import KGError
from kg.graph.serialize import write_graph
from kg.view.html import HtmlOptions, render_html
from kg.model import Modality, Relation
from kg.graph.namespace import KG
from kg.graph.graphview import read_view
from kg.view.select import Selection, find_actor, parse_relations, parse_types, select
from tests import hostile
from tests.cli import invoke

KGR = "https://w3id.org/newskg/id/"


@pytest.fixture(scope="module")
def seed_view(seed_graph):
    return read_view(seed_graph)


def edge(view, subject: str, relation: str, obj: str, modality: str = "Asserted"):
    names = {a.id: a.name for a in view.actors}
    found = [e for e in view.edges if e.relation.value == relation and e.modality.value == modality
             and {names[e.source], names[e.target]} == {subject, obj}]
    assert len(found) == 1, found
    return found[0]


# --- reading a graph ---------------------------------------------------------------


def test_view_reads_actors_with_type_names_and_posts(seed_view):
    actors = {a.name: a for a in seed_view.actors}
    jubouri = actors["Maysar bin Ali al-Jubouri"]
    assert jubouri.type == "Person"
    assert jubouri.aliases == ("Abu Maria al-Qahtani", "Harari")
    assert [(p.title, p.organisation) for p in jubouri.posts] == [("military leader", "Hay'at Tahrir al-Sham")]
    assert actors["Turkey"].type == "Country" and actors["Hay'at Tahrir al-Sham"].type == "ArmedGroup"
    assert actors["alignment"].type == "Topic"


def test_view_merges_statements_of_one_relation_and_keeps_every_sentence(seed_view):
    met = edge(seed_view, "Hulusi Akar", "metWith", "Sergei Shoigu")
    assert len(met.evidence) == 3
    assert met.places == ("Moscow",) and met.dates == ("2022-12-28",)
    assert not met.directed
    source = seed_view.sources[met.evidence[0].source]
    assert source.title == "Julani Rejects Turkish-Syrian Rapprochement, Calls for Alignment"
    assert source.date == "2022-12-31" and source.file.endswith("seeds/000_fe58f1c9c5d68111.txt")


def test_view_keeps_planned_apart_from_asserted(seed_view):
    planned = edge(seed_view, "Mevlut Cavusoglu", "metWith", "Faisal Mekdad", "Planned")
    assert planned.dates == ("2023-01",)
    assert "upcoming meeting" in planned.evidence[0].sentence
    with pytest.raises(AssertionError):
        edge(seed_view, "Mevlut Cavusoglu", "metWith", "Faisal Mekdad", "Asserted")


def test_view_of_a_hand_made_graph_without_statements():
    g = Dataset(default_union=True)
    a, b, c = URIRef(KGR + "a"), URIRef(KGR + "b"), URIRef(KGR + "some-group")
    g.add((a, RDF.type, KG.Country))
    g.add((a, RDFS.label, Literal("Avalon")))
    g.add((b, RDF.type, KG.Country))
    g.add((b, RDFS.label, Literal("Brigadoon")))
    g.add((a, KG.opposes, b))
    g.add((c, KG.attacked, a))  # an actor with no type and no label
    view = read_view(g)
    assert {(x.name, x.type) for x in view.actors} == {("Avalon", "Country"), ("Brigadoon", "Country"),
                                                      ("some group", "Actor")}
    opposes = edge(view, "Avalon", "opposes", "Brigadoon")
    assert opposes.evidence == () and opposes.modality is Modality.ASSERTED and opposes.directed


def test_view_symmetric_relation_written_both_ways_is_one_edge():
    g = Dataset(default_union=True)
    a, b = URIRef(KGR + "a"), URIRef(KGR + "b")
    for node, name in ((a, "Avalon"), (b, "Brigadoon")):
        g.add((node, RDF.type, KG.Country))
        g.add((node, RDFS.label, Literal(name)))
    g.add((a, KG.metWith, b))
    g.add((b, KG.metWith, a))
    assert len(read_view(g).edges) == 1


# --- choosing what to draw ---------------------------------------------------------


def test_select_relations_keeps_only_those_and_their_actors(seed_view):
    view = select(seed_view, Selection(relations=parse_relations("meeting")))
    assert {e.relation for e in view.edges} == {Relation.MET_WITH}
    assert {a.name for a in view.actors} == {"Hulusi Akar", "Sergei Shoigu", "Ali Mahmoud Abbas", "Hakan Fidan",
                                             "Mevlut Cavusoglu", "Faisal Mekdad", "Russia", "Syria"}
    assert view.total_actors == seed_view.total_actors


def test_select_types(seed_view):
    view = select(seed_view, Selection(types=parse_types("country,ArmedGroup")))
    assert {a.type for a in view.actors} == {"Country", "ArmedGroup"}
    assert {e.relation for e in view.edges} == {Relation.ALLIED_WITH, Relation.MET_WITH}


@pytest.mark.parametrize("depth, expected", [
    (0, {"Hakan Fidan"}),
    (1, {"Hakan Fidan", "Turkey", "Turkish National Intelligence Organization", "Sergei Shoigu",
         "Ali Mahmoud Abbas"}),
])
def test_select_focus_and_depth(seed_view, depth, expected):
    view = select(seed_view, Selection(focus="Hakan Fidan", depth=depth))
    assert {a.name for a in view.actors} == expected


def test_select_focus_depth_two_reaches_further(seed_view):
    one = select(seed_view, Selection(focus="Hakan Fidan", depth=1))
    two = select(seed_view, Selection(focus="Hakan Fidan", depth=2))
    assert {"Hulusi Akar", "Russia", "Syria"} <= {a.name for a in two.actors} - {a.name for a in one.actors}


def test_select_max_nodes_keeps_the_most_connected(seed_view):
    view = select(seed_view, Selection(max_nodes=3))
    degree = seed_view.degrees()
    kept = sorted(degree[a.id] for a in view.actors)
    assert len(view.actors) == 3
    assert min(kept) >= sorted(degree.values())[-3]
    assert {a.name for a in view.actors} >= {"Turkey", "Syria"}


def test_select_max_nodes_keeps_the_focus(seed_view):
    view = select(seed_view, Selection(focus="Maysar bin Ali al-Jubouri", depth=2, max_nodes=2))
    assert "Maysar bin Ali al-Jubouri" in {a.name for a in view.actors} and len(view.actors) == 2


@pytest.mark.parametrize("query, name", [
    ("hulusi akar", "Hulusi Akar"),
    ("HTS", "Hay'at Tahrir al-Sham"),  # an alias
    ("Akar", "Hulusi Akar"),  # a surname
    ("Çavuşoğlu", "Mevlut Cavusoglu"),  # accents folded
    (KGR + "turkey", "Turkey"),  # the IRI
])
def test_find_actor(seed_view, query, name):
    assert find_actor(seed_view, query).name == name


def test_find_actor_unknown_suggests_close_names(seed_view):
    with pytest.raises(KGError, match=r"^no actor called 'Hulusi Akr' in the graph; did you mean 'Hulusi Akar'\?$"):
        find_actor(seed_view, "Hulusi Akr")


def test_find_actor_ambiguous_names_the_candidates(seed_view):
    with pytest.raises(KGError, match=r"^'Turkish' names several actors: .*give the IRI$"):
        find_actor(seed_view, "Turkish")


@pytest.mark.parametrize("text, message", [
    ("meetings", "'meetings' is not a relation or relation class"),
    (" , ", "give at least one name"),
])
def test_parse_relations_rejects(text, message):
    with pytest.raises(ValueError, match=message):
        parse_relations(text)


def test_parse_relations_and_types_accept_names_and_classes():
    assert parse_relations("metWith, conflict") == {Relation.MET_WITH, Relation.OPPOSES, Relation.ATTACKED}
    assert parse_types("person,TOPIC") == {"Person", "Topic"}
    with pytest.raises(ValueError, match="'Robot' is not an actor type"):
        parse_types("Person,Robot")


# --- the page as bytes ---------------------------------------------------------------


@pytest.fixture(scope="module")
def hostile_html() -> str:
    view = read_view(hostile.hostile_graph())
    return render_html(view, HtmlOptions(title="<b>T</b>")).decode("utf-8")


def test_page_is_deterministic(seed_graph):
    view = read_view(seed_graph)
    assert render_html(view) == render_html(read_view(seed_graph))


def test_page_loads_nothing_from_anywhere(hostile_html):
    assert not re.search(r"<(link|iframe|img|object|embed|base)\b", hostile_html, re.I)
    assert not re.search(r"<script[^>]*\bsrc=", hostile_html, re.I)
    assert not re.search(r"@import|url\(\s*['\"]?(https?:)?//", hostile_html, re.I)


def test_page_policy_allows_only_its_own_scripts(hostile_html):
    csp = html.unescape(re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">', hostile_html)[1])
    assert "default-src 'none'" in csp and "unsafe-eval" not in csp
    scripts = re.findall(r"<script>(.*?)</script>", hostile_html, re.S)
    assert len(scripts) == 2
    for script in scripts:
        digest = base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode()
        assert f"'sha256-{digest}'" in csp
    assert re.search(r"script-src ('sha256-[^']+' ?){2};", csp)


def test_page_never_holds_graph_text_as_markup(hostile_html):
    for text in (hostile.NAME_IMG, hostile.ALIAS_SCRIPT, hostile.NAME_CLOSE_SCRIPT, hostile.EVIDENCE_IMG,
                 hostile.TITLE_HTML, hostile.TOPIC_SVG, "</script><script>", "<img src=x", "<b>T</b>"):
        assert text not in hostile_html, text
    assert "<title>&lt;b&gt;T&lt;/b&gt;</title>" in hostile_html
    data = re.search(r'<script type="application/json" id="kg-data">(.*?)</script>', hostile_html, re.S)[1]
    assert "<" not in data and ">" not in data and "&" not in data


def test_page_of_an_empty_graph():
    html = render_html(read_view(Dataset())).decode("utf-8")
    assert '"nodes":[]' in html and "The graph has no actors to show." in html


# --- kg viz ------------------------------------------------------------------------------


@pytest.fixture
def graph_file(seed_build, tmp_path):
    path = tmp_path / "seed.ttl"
    path.write_bytes(seed_build[0].read_bytes())
    return path


@pytest.mark.parametrize("syntax", ["turtle", "trig", "nt", "nquads"])
def test_view_read_through_oxigraph_is_the_view_read_through_rdflib(seed_view, seed_graph, tmp_path, syntax):
    from kg.graph.triples import TripleIndex, load_for_lookup

    path = tmp_path / f"seed.{ {'turtle': 'ttl', 'nquads': 'nq'}.get(syntax, syntax)}"
    path.write_bytes(seed_graph.serialize(format=syntax, encoding="utf-8"))
    index = load_for_lookup(path)
    assert isinstance(index, TripleIndex) and len(index) == len(seed_graph)
    assert read_view(index) == seed_view


def test_cli_viz_writes_the_page_next_to_the_graph(graph_file):
    result = invoke("viz", graph_file)
    assert result.exit_code == 0, result.stderr
    assert result.stdout == (f"20 actors, 4 topics, 28 relations (34 evidence statements) -> "
                             f"{graph_file.with_suffix('.html')}\n")
    assert graph_file.with_suffix(".html").read_bytes().startswith(b"<!DOCTYPE html>")


def test_cli_viz_focus_says_what_was_left_out(graph_file, tmp_path):
    out = tmp_path / "akar.html"
    result = invoke("viz", graph_file, "--focus", "Akar", "--depth", "1", "-o", out)
    assert result.exit_code == 0, result.stderr
    assert result.stdout == f"4 actors (20 left out), 4 relations (9 evidence statements) -> {out}\n"
    assert "20 of 24 actors and 24 of 28 relations left out (--focus 'Akar' --depth 1)." in \
        out.read_text(encoding="utf-8")


def test_cli_viz_page_carries_the_evidence_of_the_relations_it_draws_only(graph_file, seed_view, tmp_path):
    out = tmp_path / "akar.html"
    assert invoke("viz", graph_file, "--focus", "Akar", "--depth", "1", "-o", out).exit_code == 0
    page = out.read_text(encoding="utf-8")
    drawn = {a.id for a in seed_view.actors if f"\"iri\":\"{a.id}\"" in page}
    left_out = [e for e in seed_view.edges if e.source not in drawn or e.target not in drawn]
    sentences = {ev.sentence for e in left_out for ev in e.evidence}
    kept = {ev.sentence for e in seed_view.edges if e.source in drawn and e.target in drawn for ev in e.evidence}
    kept |= {source.title for source in seed_view.sources.values()}  # the page lists its articles
    def in_page(sentence: str) -> bool:
        start = json.dumps(sentence[:60], ensure_ascii=False)[1:-1]
        return start.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e") in page

    assert left_out and sentences - kept and kept
    assert all(in_page(s) for s in kept)
    assert not [s for s in sentences - kept if in_page(s)]


def test_cli_viz_unknown_focus_is_one_line_and_status_1(graph_file, tmp_path):
    result = invoke("viz", graph_file, "--focus", "Hulusi Akr", "-o", tmp_path / "x.html")
    assert result.exit_code == 1
    assert result.stderr == "kg: no actor called 'Hulusi Akr' in the graph; did you mean 'Hulusi Akar'?\n"
    assert not (tmp_path / "x.html").exists()


def test_cli_viz_bad_graph_is_one_line_and_keeps_the_old_page(tmp_path):
    bad = tmp_path / "bad.ttl"
    bad.write_text('@prefix kg: <x#> .\nkg:a kg:b "unterminated .\n', encoding="utf-8")
    page = tmp_path / "bad.html"
    page.write_text("old page", encoding="utf-8")
    result = invoke("viz", bad)
    assert result.exit_code == 1
    assert result.stderr == f"kg: {bad}:2: not valid Turtle: newline found in string literal\n"
    assert page.read_text(encoding="utf-8") == "old page"


@pytest.mark.parametrize("args, message", [
    (["--relations", "friendship"], "'friendship' is not a relation or relation class"),
    (["--types", "Robot"], "'Robot' is not an actor type"),
    (["--max-nodes", "0"], "0 is not in the range x>=1"),
    (["-o", "{graph}"], "the output would overwrite the graph"),
])
def test_cli_viz_usage_errors_exit_2(graph_file, args, message):
    result = invoke("viz", graph_file, *[a.replace("{graph}", str(graph_file)) for a in args])
    assert result.exit_code == 2
    assert message in result.stderr


@pytest.mark.parametrize("fmt, name", [("json-ld", "seed.jsonld"), ("trig", "seed.trig"), ("nt", "seed.nt")])
def test_cli_viz_reads_other_rdf_formats(seed_graph, tmp_path, fmt, name):
    path = write_graph(seed_graph, tmp_path / name, fmt)
    result = invoke("viz", path, "--types", "Country")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == (f"3 actors (21 left out), 2 relations (2 evidence statements) -> "
                             f"{tmp_path / 'seed.html'}\n")


def test_cli_build_no_html(seed_path, tmp_path):
    result = invoke("build", seed_path, "-o", tmp_path, "--no-html", "-q")
    assert result.exit_code == 0
    assert (tmp_path / "graph.ttl").exists() and not (tmp_path / "graph.html").exists()


def test_build_page_is_byte_identical_across_builds(seed_path, seed_build, tmp_path):
    result = invoke("build", seed_path.parent, "-o", tmp_path, "-q")
    assert result.exit_code == 0
    assert (tmp_path / "graph.html").read_bytes() == seed_build[0].with_name("graph.html").read_bytes()
