"""to_graph follows the graph contract of DESIGN.md; write_graph is deterministic and atomic."""
from __future__ import annotations

import dataclasses
import datetime as dt
import os
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest
import rdflib
from rdflib import XSD, Dataset, Graph, Literal, URIRef
from rdflib.compare import graph_diff, isomorphic, to_isomorphic

import kg.files
import kg.graph.rdf
import kg.graph.serialize
from kg.files import OutputError
from kg.graph.rdf import slug, to_graph
from kg.graph.serialize import FORMATS, serialize_graph, write_graph
from kg.model import Actor, ActorType, Article, Assertion, Event, Modality, Post, Relation
from kg.graph.namespace import DEFAULT_BASE_IRI, KG

ROOT = Path(__file__).resolve().parents[1]
BASE = DEFAULT_BASE_IRI
PREFIXES = "".join(f"PREFIX {prefix}: <{ns}>\n" for prefix, ns in kg.graph.rdf.PREFIXES.items()) + "".join(
    f"PREFIX {kind}: <{BASE}{kind}/>\n" for kind in ("person", "country", "armed-group", "place"))

# Invented actors and an invented article; offsets are computed from the text.
S_MET = "Norland's Defence Minister Ana Ferreira met Ostian envoy Boris Lind in Port Vell on Monday."
S_WILL = "Norland and Ostia will meet again next month."
S_DENY = "Ostia denied that it had attacked Norland."
S_CALL = "The Red Dawn militia called for a ceasefire."
S_MEET3 = "Ferreira, Lind and Red Dawn envoys met in Port Vell."
S_LEAD = "Red Dawn leader Kai Moran rejected the talks."
TEXT = " ".join([S_MET, S_WILL, S_DENY, S_CALL, S_MEET3, S_LEAD])

ARTICLE = Article(id="2024_norland-talks", text=TEXT, source="data/norland.txt",
                  title="Norland and Ostia hold talks", date=dt.date(2024, 12, 30),
                  url="https://news.example/norland-talks", outlet="The Example Times")

ACTORS = [
    Actor("person/ana-ferreira", "Ana Ferreira", ActorType.PERSON, {"Ferreira", "Ana Ferreira", "A. Ferreira"}),
    Actor("person/boris-lind", "Boris Lind", ActorType.PERSON, {"Lind"}),
    Actor("person/kai-moran", "Kai Moran", ActorType.PERSON),
    Actor("country/norland", "Norland", ActorType.COUNTRY, {"Norlandic government"}),
    Actor("country/ostia", "Ostia", ActorType.COUNTRY, {"Ostian"}),
    Actor("armed-group/red-dawn", "Red Dawn", ActorType.ARMED_GROUP, {"Red Dawn militia"}),
    Actor("place/port-vell", "Port Vell", ActorType.PLACE),
]


def span(sentence: str) -> tuple[int, int]:
    start = TEXT.index(sentence)
    return start, start + len(sentence)


def assertion(subject: str, relation: Relation, obj: str | None, sentence: str,
              modality: Modality = Modality.ASSERTED, **kw) -> Assertion:
    start, end = span(sentence)
    fields = dict(subject=subject, relation=relation, object=obj, modality=modality,
                  article=ARTICLE.id, evidence=sentence, start=start, end=end, confidence=0.9)
    return Assertion(**(fields | kw))


def post(holder: str, org: str, title: str, sentence: str, leads: bool = False) -> Post:
    start, end = span(sentence)
    return Post(holder, org, title, leads, ARTICLE.id, sentence, start, end)


MET = assertion("person/ana-ferreira", Relation.MET_WITH, "person/boris-lind", S_MET,
                confidence=0.666, date="2024-12-30", place="place/port-vell")
WILL_MEET = assertion("country/norland", Relation.MET_WITH, "country/ostia", S_WILL, Modality.PLANNED,
                      date="2025-01")
DENIED = assertion("country/ostia", Relation.ATTACKED, "country/norland", S_DENY, Modality.NEGATED)
CALL = assertion("armed-group/red-dawn", Relation.CALLED_FOR, None, S_CALL, topic="a ceasefire")
POST = post("person/ana-ferreira", "country/norland", "Defence Minister", S_MET)
LEADER = post("person/kai-moran", "armed-group/red-dawn", "leader", S_LEAD, leads=True)
MEETING = Event(("person/ana-ferreira", "person/boris-lind", "armed-group/red-dawn"), Modality.ASSERTED,
                ARTICLE.id, S_MEET3, *span(S_MEET3), confidence=0.8, date="2024-12-30",
                place="place/port-vell")


def build(articles=(ARTICLE,), actors=ACTORS, posts=(POST, LEADER),
          assertions=(MET, WILL_MEET, DENIED, CALL), events=(MEETING,), **kw) -> Dataset:
    return to_graph(list(articles), list(actors), list(posts), list(assertions), list(events), **kw)


@pytest.fixture(scope="module")
def ds() -> Dataset:
    return build()


def ask(graph, query: str, **bindings) -> bool:
    return bool(graph.query(PREFIXES + "ASK {" + query + "}", initBindings=bindings).askAnswer)


def select(graph, query: str, **bindings) -> list[tuple]:
    return [tuple(row) for row in graph.query(PREFIXES + query, initBindings=bindings)]


def iri(key: str) -> URIRef:
    return URIRef(BASE + key)


def assert_isomorphic(a: Graph, b: Graph) -> None:
    if not isomorphic(a, b):
        _, only_a, only_b = graph_diff(to_isomorphic(a), to_isomorphic(b))
        pytest.fail("graphs differ\nonly in first:\n" + only_a.serialize(format="nt")
                    + "\nonly in second:\n" + only_b.serialize(format="nt"))


def default_graph(ds: Dataset) -> Graph:
    g = Graph()
    for triple in ds.default_graph:
        g.add(triple)
    return g


# --- relations ---------------------------------------------------------------


def test_graph_asserted_relation_is_direct_triple_and_statement(ds):
    assert ask(ds, "person:ana-ferreira kg:metWith person:boris-lind")
    assert ask(ds, """?st a rdf:Statement ; rdf:subject person:ana-ferreira ;
                      rdf:predicate kg:metWith ; rdf:object person:boris-lind ;
                      kg:modality kg:Asserted""")


def test_graph_symmetric_relation_is_written_one_way(ds):
    assert not ask(ds, "person:boris-lind kg:metWith person:ana-ferreira")


@pytest.mark.parametrize("item, modality", [(WILL_MEET, KG.Planned), (DENIED, KG.Negated)])
def test_graph_planned_or_negated_relation_is_only_a_statement(ds, item, modality):
    s, p, o = iri(item.subject), KG[item.relation.value], iri(item.object)
    assert not ask(ds, "?s ?p ?o", s=s, p=p, o=o)
    assert ask(ds, "?st rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ; kg:modality ?m",
               s=s, p=p, o=o, m=modality)


def test_graph_no_planned_meeting_answers_who_met_whom(ds):
    pairs = select(ds, "SELECT ?a ?b WHERE { ?a kg:metWith ?b }")
    assert pairs == [(iri("person/ana-ferreira"), iri("person/boris-lind"))]


def test_graph_statement_carries_evidence_offsets_and_article(ds):
    rows = select(ds, """SELECT ?ev ?start ?end ?art ?conf ?date ?place WHERE {
        ?st rdf:predicate kg:metWith ; kg:modality kg:Asserted ; kg:evidence ?ev ;
            kg:charStart ?start ; kg:charEnd ?end ; prov:wasDerivedFrom ?art ;
            kg:confidence ?conf ; kg:date ?date ; kg:place ?place .
        ?art a kg:Article }""")
    assert len(rows) == 1
    ev, start, end, art, conf, date, place = rows[0]
    assert str(ev) == S_MET == TEXT[start.toPython():end.toPython()]
    assert start.datatype == end.datatype == XSD.integer
    assert art == URIRef(BASE + "article/2024-norland-talks")
    assert conf.datatype == XSD.decimal and conf.toPython() == Decimal("0.67")
    assert date == Literal("2024-12-30", datatype=XSD.date)
    assert place == iri("place/port-vell")


@pytest.mark.parametrize("text, datatype", [
    ("2024-12-28", XSD.date), ("2024-12", XSD.gYearMonth), ("2024", XSD.gYear)])
def test_graph_statement_date_is_typed(text, datatype):
    ds = build(assertions=[dataclasses.replace(MET, date=text)], posts=[], events=[])
    dates = [o for s, o in ds.subject_objects(KG.date) if s.startswith(BASE + "statement/")]
    assert dates == [Literal(text, datatype=datatype)]


@pytest.mark.parametrize("text", ["28 December", "2024-13", "2024-02-30"])
def test_graph_malformed_date_raises(text):
    with pytest.raises(ValueError, match="date"):
        build(assertions=[dataclasses.replace(MET, date=text)])


def test_graph_called_for_topic_is_a_literal(ds):
    topic = Literal("a ceasefire")
    assert ask(ds, "armed-group:red-dawn kg:calledFor ?t", t=topic)
    assert ask(ds, "?st rdf:predicate kg:calledFor ; rdf:object ?t ; kg:modality kg:Asserted", t=topic)


def test_graph_topic_of_other_relation_is_only_a_statement():
    opposes = assertion("person/kai-moran", Relation.OPPOSES, None, S_LEAD, topic="the talks")
    ds = build(assertions=[opposes], posts=[], events=[])
    assert not ask(ds, "?s kg:opposes ?o")
    assert ask(ds, "?st rdf:predicate kg:opposes ; rdf:object 'the talks'")


def test_graph_duplicate_inputs_give_one_node():
    once = build(assertions=[MET], posts=[POST], events=[MEETING])
    twice = build(assertions=[MET, MET], posts=[POST, POST], events=[MEETING, MEETING],
                  actors=ACTORS + ACTORS, articles=[ARTICLE, ARTICLE])
    assert_isomorphic(default_graph(once), default_graph(twice))
    assert len(select(twice, "SELECT ?st WHERE { ?st rdf:predicate kg:metWith }")) == 1


def test_graph_unknown_actor_key_raises():
    with pytest.raises(ValueError, match="person/nobody"):
        build(assertions=[dataclasses.replace(MET, object="person/nobody")])


def test_graph_conflicting_actor_key_raises():
    clash = Actor("country/norland", "Northland", ActorType.COUNTRY)
    with pytest.raises(ValueError, match="country/norland"):
        build(actors=ACTORS + [clash])


# --- actors and articles -----------------------------------------------------


def test_graph_actor_has_type_one_label_and_alt_labels(ds):
    ana = iri("person/ana-ferreira")
    assert ask(ds, "?a a kg:Person", a=ana)
    assert select(ds, "SELECT ?l WHERE { ?a rdfs:label ?l }", a=ana) == [(Literal("Ana Ferreira"),)]
    alts = {str(r[0]) for r in select(ds, "SELECT ?l WHERE { ?a skos:altLabel ?l }", a=ana)}
    assert alts == {"Ferreira", "A. Ferreira"}


@pytest.mark.parametrize("actor", ACTORS, ids=lambda a: a.key)
def test_graph_actor_iri_is_base_plus_key(ds, actor):
    assert ask(ds, "?a a ?t ; rdfs:label ?l", a=iri(actor.key), t=KG[actor.type.value],
               l=Literal(actor.name))


def test_graph_base_iri_option_moves_every_resource():
    base = "http://example.org/kg/"
    ds = build(base_iri=base)
    subjects = {s for s in ds.subjects() if isinstance(s, URIRef)}
    assert subjects and all(s.startswith(base) for s in subjects)
    assert ask(ds, "?a rdfs:label 'Norland'", a=URIRef(base + "country/norland"))


def test_graph_article_is_described(ds):
    art = URIRef(BASE + "article/2024-norland-talks")
    assert ask(ds, """?art a kg:Article, schema:NewsArticle ;
        schema:headline 'Norland and Ostia hold talks' ; dcterms:title 'Norland and Ostia hold talks' ;
        kg:date '2024-12-30'^^xsd:date ; schema:datePublished '2024-12-30'^^xsd:date ;
        schema:url 'https://news.example/norland-talks'^^xsd:anyURI ;
        kg:sourceFile 'data/norland.txt'""", art=art)


def test_graph_published_by_creates_outlet(ds):
    rows = select(ds, "SELECT ?o ?l WHERE { ?art kg:publishedBy ?o . ?o a kg:MediaOutlet ; rdfs:label ?l }")
    assert rows == [(iri("media-outlet/example-times"), Literal("The Example Times"))]


@pytest.mark.parametrize("name, aliases", [("Example Times", set()), ("ET", {"the example times"})])
def test_graph_published_by_known_outlet(name, aliases):
    outlet = Actor("media-outlet/et", name, ActorType.MEDIA_OUTLET, aliases)
    ds = build(actors=ACTORS + [outlet])
    assert select(ds, "SELECT ?o WHERE { ?art kg:publishedBy ?o }") == [(iri("media-outlet/et"),)]
    assert len(select(ds, "SELECT ?o WHERE { ?o a kg:MediaOutlet }")) == 1


def test_graph_article_without_outlet_or_date():
    bare = Article(id="bare", text="x", source="bare.txt")
    ds = build(articles=[bare], posts=[], assertions=[], events=[])
    assert ask(ds, "?art a kg:Article ; kg:sourceFile 'bare.txt'", art=URIRef(BASE + "article/bare"))
    assert not ask(ds, "?art kg:publishedBy|kg:date|schema:url ?x")


# --- posts and meetings --------------------------------------------------------


def test_graph_post_has_holder_organisation_and_evidence(ds):
    start, end = span(S_MET)
    assert ask(ds, """?p a kg:Post ; kg:holder person:ana-ferreira ; kg:postIn country:norland ;
        rdfs:label 'Defence Minister' ; kg:validAt '2024-12-30'^^xsd:date ;
        prov:wasDerivedFrom ?art ; kg:evidence ?ev ; kg:charStart ?s ; kg:charEnd ?e""",
               ev=Literal(S_MET), s=Literal(start), e=Literal(end),
               art=URIRef(BASE + "article/2024-norland-talks"))


def test_graph_writes_a_post_and_no_relation_of_its_own(ds):
    """Memberships come from the extraction (kg.extraction.derive) as assertions; the writer
    only writes what it is given."""
    assert not ask(ds, "person:ana-ferreira kg:memberOf ?org")
    assert not ask(ds, "person:kai-moran kg:leads ?org")
    assert not ask(ds, "?st rdf:predicate ?p FILTER (?p IN (kg:memberOf, kg:leads))")


def test_graph_membership_stated_outright_has_no_confidence():
    member = assertion("person/ana-ferreira", Relation.MEMBER_OF, "country/norland", S_MET, confidence=None)
    ds = build(assertions=[member], posts=[POST], events=[])
    assert ask(ds, "person:ana-ferreira kg:memberOf country:norland")
    assert ask(ds, """?st rdf:subject person:ana-ferreira ; rdf:predicate kg:memberOf ;
        rdf:object country:norland ; kg:modality kg:Asserted ; kg:evidence ?ev""", ev=Literal(S_MET))
    assert not ask(ds, "?st rdf:predicate kg:memberOf ; kg:confidence ?c")


def test_graph_meeting_has_every_participant(ds):
    rows = select(ds, """SELECT ?actor WHERE { ?m a kg:Meeting, sem:Event ; sem:hasActor ?actor ;
        sem:hasPlace place:port-vell ; kg:date '2024-12-30'^^xsd:date ; kg:modality kg:Asserted ;
        prov:wasDerivedFrom ?art ; kg:evidence ?ev ; kg:charStart ?s ; kg:charEnd ?e ;
        kg:confidence 0.80 }""", ev=Literal(S_MEET3))
    assert {r[0] for r in rows} == {iri(k) for k in MEETING.participants}


# --- named graphs --------------------------------------------------------------


def test_graph_named_graphs_hold_each_articles_statements():
    ds = build(named_graphs=True)
    art = URIRef(BASE + "article/2024-norland-talks")
    assert ask(ds, "GRAPH ?g { ?st a rdf:Statement ; prov:wasDerivedFrom ?g }", g=art)
    assert ask(ds, "GRAPH ?g { ?p a kg:Post . ?m a kg:Meeting }", g=art)
    assert ask(ds, "GRAPH ?g { person:ana-ferreira kg:metWith person:boris-lind }", g=art)
    # the default graph keeps actors and articles, and nothing else
    assert not ask(ds, "?st a rdf:Statement")
    assert not ask(ds, "?a kg:metWith ?b")
    assert ask(ds, "country:norland rdfs:label 'Norland' . ?g a kg:Article", g=art)


def test_graph_named_graphs_hold_the_same_triples():
    flat, named = build(), build(named_graphs=True)
    union = Graph()
    for s, p, o, _ in named.quads((None, None, None, None)):
        union.add((s, p, o))
    assert_isomorphic(default_graph(flat), union)


# --- serialisation ---------------------------------------------------------------


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("named", [False, True])
def test_graph_serialize_is_deterministic(fmt, named):
    first = serialize_graph(build(named_graphs=named), fmt)
    again = serialize_graph(build(named_graphs=named), fmt)
    assert first == again


def test_graph_serialize_ignores_input_order():
    forward = build()
    backward = build(actors=ACTORS[::-1], posts=(LEADER, POST), assertions=(CALL, DENIED, WILL_MEET, MET))
    assert serialize_graph(forward) == serialize_graph(backward)


SCRIPT = """
import sys
sys.path.insert(0, {tests!r}); sys.path.insert(0, {root!r})
import test_graph
from kg.graph.serialize import serialize_graph
sys.stdout.buffer.write(serialize_graph(test_graph.build(named_graphs={named}), {fmt!r}))
"""


@pytest.mark.parametrize("fmt, named", [("turtle", False), ("trig", True), ("json-ld", True)])
def test_graph_serialize_is_deterministic_across_processes(fmt, named):
    code = SCRIPT.format(tests=str(ROOT / "tests"), root=str(ROOT), named=named, fmt=fmt)
    outputs = {subprocess.run([sys.executable, "-c", code], check=True, capture_output=True,
                              env={**os.environ, "PYTHONHASHSEED": seed}).stdout
               for seed in ("1", "2", "3")}
    assert len(outputs) == 1


def test_graph_turtle_of_default_graph_only(ds):
    text = serialize_graph(ds, "turtle").decode()
    assert "{" not in text
    assert "@prefix kg: <https://w3id.org/newskg/ontology#> ." in text
    assert_isomorphic(Graph().parse(data=text, format="turtle"), default_graph(ds))


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("named", [False, True])
def test_graph_write_round_trips(tmp_path, fmt, named):
    ds = build(named_graphs=named)
    path = write_graph(ds, tmp_path / "out", fmt)
    back = Dataset()
    back.parse(path, format=fmt)
    assert os.listdir(tmp_path) == ["out"]
    if fmt in ("turtle", "nt"):  # these formats hold the union of the graphs
        union = Graph()
        for s, p, o, _ in ds.quads((None, None, None, None)):
            union.add((s, p, o))
        assert_isomorphic(default_graph(back), union)
        return
    names = {g.identifier for g in ds.graphs() if len(g)}
    assert {g.identifier for g in back.graphs() if len(g)} == names
    for name in names:
        assert_isomorphic(back.graph(name), ds.graph(name))


def test_graph_write_accepts_format_aliases(tmp_path):
    write_graph(build(), tmp_path / "a.ttl", "ttl")
    write_graph(build(), tmp_path / "a.jsonld", "jsonld")
    assert (tmp_path / "a.ttl").read_bytes() == serialize_graph(build(), "turtle")


def test_graph_write_unknown_format_raises(tmp_path):
    with pytest.raises(ValueError, match="unknown RDF format"):
        write_graph(build(), tmp_path / "out.x", "rdfxml-pretty")
    assert list(tmp_path.iterdir()) == []


def test_graph_write_keeps_old_file_when_serialisation_fails(tmp_path, monkeypatch):
    path = tmp_path / "kg.ttl"
    path.write_text("old contents\n")

    def fail(*args, **kwargs):
        raise RuntimeError("serialiser exploded")

    monkeypatch.setattr(kg.graph.serialize, "turtle_bytes", fail)
    with pytest.raises(RuntimeError, match="exploded"):
        write_graph(build(), path)
    assert path.read_text() == "old contents\n"
    assert os.listdir(tmp_path) == ["kg.ttl"]


def test_graph_write_removes_temp_file_when_replace_fails(tmp_path, monkeypatch):
    path = tmp_path / "kg.ttl"
    path.write_text("old contents\n")

    def fail(src, dst):
        assert Path(src).read_bytes() == serialize_graph(build())  # the new data was written...
        raise OSError("disk on fire")  # ...but never took the old file's place

    monkeypatch.setattr(kg.files.os, "replace", fail)
    with pytest.raises(OutputError, match="kg.ttl: cannot write: disk on fire"):
        write_graph(build(), path)
    assert path.read_text() == "old contents\n"
    assert os.listdir(tmp_path) == ["kg.ttl"]


# --- identifiers -----------------------------------------------------------------


@pytest.mark.parametrize("text, expected", [
    ("Ana Ferreira", "ana-ferreira"),
    ("  Émile   Zola-Dupont! ", "emile-zola-dupont"),
    ("Kılıç Şahin", "kilic-sahin"),
    ("Straße 9", "strasse-9"),
    ("2024_norland-talks", "2024-norland-talks"),
    ("--", ""),
])
def test_graph_slug(text, expected):
    assert slug(text) == expected


def test_graph_statement_iris_are_stable(ds):
    again = build()
    statements = lambda g: sorted(g.subjects(rdflib.RDF.type, rdflib.RDF.Statement))  # noqa: E731
    assert statements(ds) == statements(again)
    assert all(len(str(s).rsplit("/", 1)[1]) == 16 for s in statements(ds))
