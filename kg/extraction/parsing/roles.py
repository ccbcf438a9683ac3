"""The syntactic roles the tree walkers name, whatever scheme the parser labels its trees in.

Right after parsing, each token's dependency label, fine-grained tag and entity label are
renamed to kg's role for them, from the tables of the article's language
(`ontology/<lang>/syntax.yaml`: `labels`, `tags`, `entities`), so that
`tok.dep_ == "prep_object"` reads the same in every language; the groups below are kg's own,
sets of roles, written once for all languages."""
from __future__ import annotations

from typing import TYPE_CHECKING

from kg.extraction.parsing.reshape import reshaped
from kg.knowledge.language import language

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

__all__ = ["in_roles", "conjuncts"]

# Who does something.
SUBJECTS = frozenset({"subject", "passive_subject", "clause_subject"})
NOMINAL_SUBJECTS = frozenset({"subject", "passive_subject"})
# Who something is done to.
DIRECT_OBJECTS = frozenset({"object", "dative"})
PREPOSITIONAL_OBJECTS = frozenset({"prep_object", "prep_clause"})
# More of the same phrase: "A and B", "A, the leader of B".
COORDINATION = frozenset({"conjunct", "apposition"})
AUXILIARIES = frozenset({"auxiliary", "passive_auxiliary"})
# What a verb calls its object: 'called Russia a threat'.
OBJECT_PREDICATES = frozenset({"object_predicate"})
# What a copula says its subject is: 'the position was terrible'.
JUDGEMENTS = frozenset({"adjective_complement", "attribute"})
# Marks of a passive clause.
PASSIVE = frozenset({"passive_subject", "passive_auxiliary", "agent"})
# Particles and prepositions that make a phrasal verb ("call on", "meet with").
VERB_PARTICLES = frozenset({"particle", "preposition", "adverb"})
# Modifiers inside a noun phrase; who a proxy or an asset belongs to: 'Hamas fighters',
# "Hezbollah's strongholds", 'Iranian sites'.
OWNER_MODIFIERS = frozenset({"compound", "noun_modifier", "possessor", "adjective"})
ADJECTIVE_MODIFIERS = frozenset({"adjective", "compound"})
NAME_MODIFIERS = frozenset({"adjective", "compound", "possessor", "noun_modifier"})
DESCRIPTION_MODIFIERS = frozenset({"adjective", "compound", "possessor", "number"})
REQUIREMENT_MODIFIERS = frozenset({"compound", "adjective", "noun_modifier"})
# Clauses that hang on a word.
SUBORDINATE_CLAUSES = frozenset({"adverb_clause", "relative_clause", "complement_clause", "noun_clause", "parataxis"})
RELATIVE_CLAUSES = frozenset({"relative_clause", "noun_clause"})
MODIFYING_CLAUSES = frozenset({"noun_clause", "adverb_clause"})
CONTROLLED_CLAUSES = frozenset({"open_clause", "adverb_clause", "conjunct", "prep_clause", "adjective_complement"})
# The clauses an infinitive may hang on its verb as ("called on X to act", parsed either way).
INFINITIVE_CLAUSES = frozenset({"open_clause", "adverb_clause"})

# Modality: the links climbed from a relation word to the words that govern it ...
MODALITY_CLIMB = frozenset({"open_clause", "complement_clause", "adverb_clause", "conjunct", "prep_clause",
                            "noun_clause", "relative_clause", "object", "prep_object", "preposition", "subject",
                            "passive_subject", "attribute"})
# ... the ones that end the climb (a reported clause) ...
REPORTED_CLAUSES = frozenset({"complement_clause", "relative_clause"})
# ... the ones a denial above does not cross ...
NEGATION_BARRIERS = frozenset({"subject", "passive_subject", "relative_clause", "prep_object", "preposition"})
# ... the ones by which a denying verb governs the relation word ...
NEGATED_COMPLEMENTS = frozenset({"open_clause", "object", "complement_clause", "prep_clause", "prep_object"})
# ... the ones whose words may carry a future auxiliary or planning adjective ...
PLANNED_LINKS = frozenset({"open_clause", "conjunct", "object", "prep_object", "preposition", "prep_clause",
                           "noun_clause", "subject", "passive_subject", "attribute"})
# ... the ones by which an accusing verb governs what it accuses of ("accused X of backing Y") ...
CLAIM_LINKS = frozenset({"preposition", "prep_clause", "complement_clause", "open_clause"})
# ... the ones whose words may carry a condition or question ("whether they will move to restore ...") ...
CONDITION_LINKS = PLANNED_LINKS | {"adverb_clause"}
# ... the ones by which a planning verb governs it ...
PLANNING_COMPLEMENTS = frozenset({"open_clause", "complement_clause", "adverb_clause", "noun_clause", "object",
                                  "passive_subject"})
# ... and the ones by which a planning noun does.
PLANNING_NOUN_LINKS = frozenset({"prep_object", "preposition"})

# Tags of verb forms.
VERB_TAGS = frozenset({"base_verb", "past_verb", "gerund", "participle", "present_verb", "present_third_person_verb"})
# The entity tagger's labels of dates and times.
TIME_ENTITIES = frozenset({"date", "time"})


def in_roles(doc: "Doc") -> "Doc":
    """The parsed `doc` with each label, tag and entity label renamed to kg's role for it, by
    the tables of the doc's language; one the tables lack stays as the parser gave it."""
    syntax = language(doc.lang_).syntax
    if syntax.content_heads is not None:
        return reshaped(doc, syntax)
    labels, tags, entities = syntax.labels, syntax.tags, syntax.entities
    for token in doc:
        token.dep_ = labels.get(token.dep_, token.dep_)
        token.tag_ = tags.get(token.tag_, token.tag_)
        if token.ent_type:
            token.ent_type_ = entities.get(token.ent_type_, token.ent_type_)
    return doc


def conjuncts(token: "Token") -> tuple["Token", ...]:
    """The words coordinated with `token` ('A, B and C' for any of them), in the order spaCy's
    Token.conjuncts gives them (breadth first from the first), read from the roles."""
    start = token
    while start.dep_ == "conjunct" and start.head != start:
        start = start.head
    found = [start]
    for word in found:
        found.extend(child for child in word.rights if child.dep_ == "conjunct")
    return tuple(word for word in found if word.i != token.i)
