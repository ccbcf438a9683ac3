"""The kg vocabulary as a closed namespace, matching `ontology/kg.ttl` term for term."""
from __future__ import annotations

from rdflib import Namespace, URIRef
from rdflib.namespace import SDO, DefinedNamespace

from kg.model import Relation

__all__ = ["KG", "SEM", "SCHEMA", "DEFAULT_BASE_IRI"]

DEFAULT_BASE_IRI = "https://w3id.org/newskg/id/"

SEM = Namespace("http://semanticweb.cs.vu.nl/2009/11/sem/")
# The same IRI as rdflib's SDO, so graphs built with either agree.
SCHEMA = Namespace(str(SDO))


class KG(DefinedNamespace):
    """Terms of the kg ontology; an unknown term raises AttributeError."""

    _fail = True
    _NS = Namespace("https://w3id.org/newskg/ontology#")
    _extras = [relation.value for relation in Relation]  # the relations, from the relation table

    # Classes: actors
    Actor: URIRef
    Person: URIRef
    Organization: URIRef
    ArmedGroup: URIRef
    Country: URIRef
    GovernmentBody: URIRef
    MediaOutlet: URIRef
    InternationalOrganization: URIRef
    Group: URIRef

    # Classes: everything else
    Place: URIRef
    Post: URIRef
    Article: URIRef
    Meeting: URIRef
    Modality: URIRef

    # Modalities
    Asserted: URIRef
    Planned: URIRef
    Negated: URIRef

    # Posts, statements, meetings, articles
    holder: URIRef
    postIn: URIRef
    modality: URIRef
    publishedBy: URIRef
    place: URIRef

    # Datatype properties
    evidence: URIRef
    charStart: URIRef
    charEnd: URIRef
    confidence: URIRef
    date: URIRef
    validAt: URIRef
    sourceFile: URIRef

    # Annotation properties
    cameo: URIRef
