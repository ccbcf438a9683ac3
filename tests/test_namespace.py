"""The KG namespace class and ontology/kg.ttl describe the same vocabulary."""
from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import OWL, RDF, RDFS, Graph, URIRef

from kg.model import ActorType, Modality, Relation
from kg.graph.namespace import DEFAULT_BASE_IRI, KG, SCHEMA, SEM

ONTOLOGY = Path(__file__).resolve().parents[1] / "ontology" / "kg.ttl"
KG_NS = "https://w3id.org/newskg/ontology#"


@pytest.fixture(scope="module")
def onto() -> Graph:
    return Graph().parse(ONTOLOGY, format="turtle")


def _kg_terms(terms) -> set[URIRef]:
    return {t for t in terms if isinstance(t, URIRef) and t.startswith(KG_NS)}


def test_namespace_ontology_parses(onto):
    assert (URIRef("https://w3id.org/newskg/ontology"), RDF.type, OWL.Ontology) in onto
    assert len(onto) > 100


def test_namespace_terms_match_ontology(onto):
    defined = _kg_terms(onto.subjects())
    in_class = set(dir(KG)) | {KG[name] for name in KG._extras}
    assert in_class - defined == set(), "in KG but not defined in kg.ttl"
    assert defined - in_class == set(), "defined in kg.ttl but not in KG"


def test_namespace_ontology_uses_only_defined_terms(onto):
    used = _kg_terms(t for triple in onto for t in triple)
    assert used - _kg_terms(onto.subjects()) == set()


def test_namespace_unknown_term_raises():
    with pytest.raises(AttributeError):
        KG.metwith  # noqa: B018
    assert KG.metWith == URIRef(KG_NS + "metWith")


def test_namespace_every_term_has_label_and_comment(onto):
    for term in _kg_terms(onto.subjects()):
        assert len(list(onto.objects(term, RDFS.label))) == 1, term
        assert len(list(onto.objects(term, RDFS.comment))) == 1, term


@pytest.mark.parametrize("relation", list(Relation))
def test_namespace_ontology_declares_each_relation_as_the_table_does(onto, relation):
    """kg.ttl says of every relation what ontology/relations.yaml says: label, symmetry, codes."""
    spec = relation.spec
    term = KG[relation.value]
    assert [str(label) for label in onto.objects(term, RDFS.label)] == [spec.label]
    assert ((term, RDF.type, OWL.SymmetricProperty) in onto) == spec.symmetric
    kinds = set(onto.objects(term, RDF.type))
    assert kinds & {OWL.ObjectProperty, RDF.Property}
    assert (OWL.ObjectProperty in kinds) != spec.topic  # a topic is a literal: no object property
    codes = {str(c) for c in onto.objects(term, KG.cameo)}
    assert codes == {f"CAMEO {c}" for c in spec.cameo} | {f"PLOVER {p}" for p in spec.plover}


def test_namespace_relations_of_the_ontology_are_those_of_the_table(onto):
    declared = {local for p in onto.subjects(RDFS.domain, KG.Actor)
                if (local := str(p)[len(KG_NS):]) and (p, RDF.type, OWL.DatatypeProperty) not in onto
                and onto.value(p, RDFS.range) in (KG.Actor, None)}
    assert declared == {r.value for r in Relation}


@pytest.mark.parametrize("name", [m.value for m in (*ActorType, *Relation, *Modality)])
def test_namespace_model_enums_are_terms(name):
    assert name in KG
    assert KG[name] == URIRef(KG_NS + name)


@pytest.mark.parametrize("actor_type", [t for t in ActorType if t is not ActorType.PLACE])
def test_namespace_actor_types_are_actors(onto, actor_type):
    assert KG.Actor in set(onto.transitive_objects(KG[actor_type.value], RDFS.subClassOf))


def test_namespace_place_is_not_an_actor(onto):
    assert KG.Actor not in set(onto.transitive_objects(KG.Place, RDFS.subClassOf))


@pytest.mark.parametrize("triple", [
    (KG.ArmedGroup, RDFS.subClassOf, KG.Organization),
    (KG.GovernmentBody, RDFS.subClassOf, KG.Organization),
    (KG.MediaOutlet, RDFS.subClassOf, KG.Organization),
    (KG.InternationalOrganization, RDFS.subClassOf, KG.Organization),
    (KG.Article, RDFS.subClassOf, SCHEMA.NewsArticle),
    (KG.Meeting, RDFS.subClassOf, SEM.Event),
    (KG.Place, RDFS.subClassOf, SCHEMA.Place),
    (KG.Post, RDFS.subClassOf, URIRef("http://www.w3.org/ns/org#Post")),
    (KG.leads, RDFS.subPropertyOf, KG.memberOf),
    (KG.Asserted, RDF.type, KG.Modality),
    (KG.Planned, RDF.type, KG.Modality),
    (KG.Negated, RDF.type, KG.Modality),
])
def test_namespace_ontology_axioms(onto, triple):
    assert triple in onto


def test_namespace_schema_is_rdflib_sdo():
    from rdflib.namespace import SDO  # imported here: pytest probes module globals, SDO warns

    assert str(SCHEMA) == str(SDO) == "https://schema.org/"
    assert DEFAULT_BASE_IRI == "https://w3id.org/newskg/id/"


def test_namespace_ontology_and_a_built_graph_pass_an_owl_rl_closure(onto, seed_graph):
    """No contradiction: owlrl records each inconsistency it meets as an error node."""
    import owlrl

    graph = Graph()
    for triple in onto:
        graph.add(triple)
    for triple in seed_graph.triples((None, None, None)):
        graph.add(triple)
    owlrl.DeductiveClosure(owlrl.OWLRL_Semantics).expand(graph)
    errors = URIRef("http://www.daml.org/2002/03/agents/agent-ont#error")
    assert [str(o) for o in graph.objects(None, errors)] == []
    # the closure did work: symmetric meetings hold both ways, leaders are members
    akar, shoigu = URIRef(DEFAULT_BASE_IRI + "hulusi-akar"), URIRef(DEFAULT_BASE_IRI + "sergei-shoigu")
    assert (akar, KG.metWith, shoigu) in graph and (shoigu, KG.metWith, akar) in graph
    julani, hts = URIRef(DEFAULT_BASE_IRI + "abu-muhammad-al-julani"), URIRef(DEFAULT_BASE_IRI + "hay-at-tahrir-al-sham")
    assert (julani, KG.memberOf, hts) in graph


def test_namespace_owl_rl_closure_finds_a_person_typed_as_a_state(onto):
    import owlrl

    graph = Graph()
    for triple in onto:
        graph.add(triple)
    odd = URIRef(DEFAULT_BASE_IRI + "odd")
    graph.add((odd, RDF.type, KG.Person))
    graph.add((odd, RDF.type, KG.Country))
    owlrl.DeductiveClosure(owlrl.OWLRL_Semantics).expand(graph)
    errors = list(graph.objects(None, URIRef("http://www.daml.org/2002/03/agents/agent-ont#error")))
    assert errors and "disjoint" in str(errors[0]).lower()


def test_namespace_properties_have_domains_and_ranges(onto):
    properties = [p for kind in (OWL.ObjectProperty, OWL.DatatypeProperty) for p in onto.subjects(RDF.type, kind)]
    assert len(properties) >= 15
    for p in properties:
        assert onto.value(p, RDFS.range) is not None, p
        # kg:date dates statements, meetings and articles alike, so it has no single domain
        assert onto.value(p, RDFS.domain) is not None or p == KG.date, p
