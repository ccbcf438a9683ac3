"""How the trees of a scheme that heads phrases by their content words (Universal Dependencies,
as spaCy's French pipelines parse) are reshaped into the English shape kg's walkers read: the
schema of `content_heads` in a language's syntax.yaml, each label by the part it plays in
kg.extraction.parsing.reshape, and the data models every language file is checked against."""
from __future__ import annotations

from pydantic import BaseModel, ConfigDict

__all__ = ["ContentHeads", "TagRule", "FrozenData"]

Words_ = frozenset[str]


class FrozenData(BaseModel):
    """Data read from a language's files: immutable, and no key the schema does not name."""

    model_config = ConfigDict(frozen=True, extra="forbid")


class TagRule(FrozenData):
    pos: str
    features: dict[str, str] = {}
    tag: str


class ContentHeads(FrozenData):
    """The labels of a scheme that heads phrases by their content words (Universal Dependencies),
    by what they play when the tree is reshaped (kg.extraction.parsing.reshape)."""

    case_marker: str  # a preposition, under its noun
    agent_oblique: str  # the by-phrase of a passive
    copula: str  # under its predicate
    clause_labels: Words_  # a predicate's dependents that go to its copula (subject, auxiliaries)
    name_part: str  # a later word of a name, under the first
    name_openers: Words_  # titles of address a name may hang on ('M. Koulamallah'), lower case
    subject_labels: tuple[str, ...]  # a word with one of these dependents acts as a verb ...
    verb_endings: dict[str, str]  # ... and, tagged a noun or an adjective, its ending gives its infinitive's
    capitalised_verbs_are_names: bool = False  # a capitalised 'verb' inside a sentence is a name the tagger misread
    incise_labels: Words_  # a clause set in another ('« ... », a déclaré X'), whose subject may follow the verb
    object_label: str
    complement_labels: Words_ = frozenset()  # a clause a verb takes, which the parser may give a bare name
    conjunct_label: str = ""  # a conjunct with no coordinator of its own ...
    coordinator_label: str = ""
    clause_marks: Words_ = frozenset()  # ... after one of these marks is set beside its head ...
    juxtaposed_label: str = ""  # ... with this label
    loose_labels: Words_ = frozenset()  # what the parser may call a name it does not see is a verb's subject
    adjective_label: str = ""  # an adjective under its noun
    participle_endings: dict[str, str] = {}  # a past participle's ending -> its infinitive's ...
    participle_features: str = ""  # ... its morphological features ...
    tense_auxiliaries: Words_ = frozenset()  # ... after one of these, which then hangs on it ...
    tense_auxiliary_label: str = ""  # ... with this label
    reported_label: str  # what the clause before an incise is to its verb
    openers: Words_  # opening quotes and brackets
    closers: Words_ = frozenset()  # closing quotes
    inverted_clitics: Words_ = frozenset()  # subject pronouns written after their verb: 'a-t-il', 'avait-elle'
    punctuation_label: str
    negation_labels: Words_  # with the negation feature: a negation
    negation_feature: str
    determiner: str  # with the possessive feature: a possessor
    possessive_feature: str
    subordinator: str  # on an infinitive: its 'to'
    reflexive_feature: str  # of a reflexive pronoun, with which ...
    reflexive_actives: dict[str, str]  # ... a passive label is the active one
    infinitive: str  # the VerbForm of an infinitive
    tag_rules: tuple[TagRule, ...]  # the first whose part of speech and features a word has gives its tag
    punctuation: dict[str, str]  # a punctuation mark's tag by its text
