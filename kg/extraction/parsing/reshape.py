"""Trees headed by content words (Universal Dependencies, as spaCy's French pipelines parse)
reshaped into the trees kg's walkers read, headed as spaCy's English ones are: a preposition
heads its noun ('avec' -> 'Algérie' as 'with' -> 'Algeria'), a copula its predicate, a name its
last word; the labels renamed to kg's roles on the way, and the tags read from the parts of
speech and morphological features. What each label of the scheme plays is data of the language
(`ontology/<lang>/syntax.yaml`, `content_heads`)."""
from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

    from kg.knowledge.language import Syntax

__all__ = ["reshaped"]

# Roles the reshaping gives (kg.extraction.parsing.roles names them for every language).
PREPOSITION, AGENT, PREP_OBJECT, COMPOUND = "preposition", "agent", "prep_object", "compound"
ATTRIBUTE, ADJECTIVE_COMPLEMENT, NEGATION, POSSESSOR = "attribute", "adjective_complement", "negation", "possessor"
AUXILIARY, INFINITIVE_TO, ROOT = "auxiliary", "infinitive_to", "root"


def reshaped(doc: "Doc", syntax: "Syntax") -> "Doc":
    """`doc` with heads, labels and tags in the English shape and kg's roles; a sentence whose
    reshaping would not give a tree keeps its scheme's heads, its labels renamed."""
    from spacy.attrs import DEP, HEAD
    import numpy

    shape = syntax.content_heads
    heads = [t.head.i for t in doc]
    labels = [t.dep_ for t in doc]
    _names_to_last_word(doc, heads, labels, shape)
    _inverted_subjects(heads, labels, shape)
    _lone_openers_to_next(doc, heads, labels, shape)
    _copulas_to_heads(doc, heads, labels, shape)
    _verbs_taken_for_nouns(doc, heads, labels, shape)
    _names_taken_for_verbs(doc, heads, labels, shape)
    _prepositions_to_heads(doc, heads, labels, shape)
    roles = [_role(tok, labels[tok.i], heads, syntax) for tok in doc]
    if not _is_forest(heads):
        heads, roles = [t.head.i for t in doc], [_role(t, t.dep_, [h.head.i for h in doc], syntax) for t in doc]
    strings = doc.vocab.strings
    array = numpy.array([[(heads[i] - i) % 2**64, strings.add(roles[i])] for i in range(len(doc))], dtype="uint64")
    if len(doc):
        doc.from_array([HEAD, DEP], array)
    for tok in doc:
        tok.tag_ = _tag(tok, syntax)
        if tok.ent_type:
            tok.ent_type_ = syntax.entities.get(tok.ent_type_, tok.ent_type_)
    return doc


def _children(heads: list[int], i: int) -> list[int]:
    return [j for j, h in enumerate(heads) if h == i and j != i]


def _take_place(heads: list[int], labels: list[str], new: int, old: int) -> None:
    """`new` stands where `old` stood in the tree (its head and label); `old` goes under `new`."""
    heads[new] = new if heads[old] == old else heads[old]
    labels[new] = labels[old]
    heads[old] = new


def _names_to_last_word(doc: "Doc", heads: list[int], labels: list[str], shape) -> None:
    """'Jean-Noël Barrot': the scheme hangs the surname on the given name, English the given name
    on the surname; the name's other dependents follow its head."""
    for tok in doc:
        opener = tok.pos_ == "PROPN" or tok.lower_ in shape.name_openers  # 'M. Koulamallah' hangs on 'M.'
        parts = [j for j in _children(heads, tok.i) if labels[j] == shape.name_part
                 and j > tok.i and doc[j].pos_ == "PROPN" and opener]
        if not parts:
            continue
        last = max(parts)
        for j in _children(heads, tok.i):
            if j != last:
                heads[j] = last
                if j in parts:
                    labels[j] = COMPOUND
        _take_place(heads, labels, last, tok.i)
        labels[tok.i] = COMPOUND


def _inverted_subjects(heads: list[int], labels: list[str], shape) -> None:
    """'« ... », a déclaré William Ruto': in a clause set after another (an incise) the subject
    follows the verb, and the parser may read it as the object. The incise's verb then heads the
    sentence, the clause before it what it reports, as in English ('"...," said X')."""
    for verb, label in enumerate(labels):
        _clause_taken_for_subject(verb, heads, labels, shape)
        reported = heads[verb]
        if label not in shape.incise_labels or reported == verb or reported > verb:
            continue
        children = _children(heads, verb)
        subjects = [j for j in children if labels[j] in shape.subject_labels]
        after = [j for j in children if labels[j] == shape.object_label and j > verb]
        if subjects and all(j > verb for j in subjects):
            pass
        elif not subjects and after:
            labels[after[0]] = shape.subject_labels[0]
        else:
            continue
        _take_place(heads, labels, verb, reported)
        labels[reported] = shape.reported_label


def _clause_taken_for_subject(verb: int, heads: list[int], labels: list[str], shape) -> None:
    """The same incise parsed the other way: the quoted clause as the subject of the verb after
    it, and the speaker as its object ('« ... », a déclaré le président X')."""
    children = _children(heads, verb)
    clauses = [j for j in children if labels[j] in shape.subject_labels and j < verb
               and any(labels[k] in shape.subject_labels for k in _children(heads, j))]
    after = [j for j in children if labels[j] == shape.object_label and j > verb]
    if clauses and after:
        labels[clauses[0]], labels[after[0]] = shape.reported_label, shape.subject_labels[0]


def _lone_openers_to_next(doc: "Doc", heads: list[int], labels: list[str], shape) -> None:
    """An opening quote or bracket the parser made a sentence of its own ('«') opens the next one."""
    for tok in doc[:-1]:
        if tok.text in shape.openers and heads[tok.i] == tok.i and not _children(heads, tok.i):
            root = tok.i + 1
            while heads[root] != root:
                root = heads[root]
            heads[tok.i], labels[tok.i] = root, shape.punctuation_label


def _copulas_to_heads(doc: "Doc", heads: list[int], labels: list[str], shape) -> None:
    """'X est le chef de Y': the copula heads the clause, its subject and auxiliaries with it, and
    the predicate is its attribute (an adjective its complement)."""
    for tok in doc:
        copulas = [j for j in _children(heads, tok.i) if labels[j] == shape.copula]
        if not copulas:
            continue
        copula = copulas[0]
        for j in _children(heads, tok.i):
            if j != copula and labels[j] in shape.clause_labels:
                heads[j] = copula
        _take_place(heads, labels, copula, tok.i)
        labels[tok.i] = ADJECTIVE_COMPLEMENT if tok.pos_ == "ADJ" else ATTRIBUTE


def _verbs_taken_for_nouns(doc: "Doc", heads: list[int], labels: list[str], shape) -> None:
    """'Kinshasa accuse Kigali': a present tense the tagger took for an adjective or a noun, which
    has a subject of its own (its copula, were it a predicate, took the subject), is a verb, its
    lemma the infinitive its ending gives."""
    for tok in doc:
        if tok.pos_ not in ("ADJ", "NOUN", "ADV") or not any(labels[j] in shape.subject_labels for j in _children(heads, tok.i)):
            continue
        ending = next((e for e in sorted(shape.verb_endings, key=len, reverse=True) if tok.lower_.endswith(e)), None)
        if ending is not None:
            tok.pos_ = "VERB"
            if not tok.lemma_.endswith(tuple(shape.verb_endings.values())):  # 'rappellent' is lemmatised right
                tok.lemma_ = tok.lower_[:len(tok.lower_) - len(ending)] + shape.verb_endings[ending]


def _names_taken_for_verbs(doc: "Doc", heads: list[int], labels: list[str], shape) -> None:
    """'rappellent leurs ambassadeurs à Alger': a capitalised word inside a sentence the tagger took
    for a verb is a name, where the language writes no verb so; the 'à' it then marked is its
    preposition."""
    if not shape.capitalised_verbs_are_names:
        return
    for tok in doc:
        if tok.pos_ in ("VERB", "AUX") and tok.text[:1].isupper() and not tok.is_sent_start \
                and doc[tok.i - 1].text not in shape.openers and doc[tok.i - 1].text not in (":", "."):
            tok.pos_ = "PROPN"
            for j in _children(heads, tok.i):
                if labels[j] == shape.subordinator and doc[j].pos_ == "ADP":
                    labels[j] = shape.case_marker


def _prepositions_to_heads(doc: "Doc", heads: list[int], labels: list[str], shape) -> None:
    """'avec l'Algérie': the preposition takes the noun's place, the noun becomes its object; a
    by-phrase of a passive is the agent. The other words of a compound preposition ('jusqu'à',
    'à l'égard de') go under the first."""
    for tok in doc:
        markers = [j for j in _children(heads, tok.i) if labels[j] == shape.case_marker and j < tok.i]
        if not markers or heads[tok.i] == tok.i:
            continue
        first = markers[0]
        for j in markers[1:]:
            heads[j] = first
        agent = labels[tok.i] == shape.agent_oblique
        _take_place(heads, labels, first, tok.i)
        labels[first] = AGENT if agent else PREPOSITION
        labels[tok.i] = PREP_OBJECT


def _role(tok: "Token", label: str, heads: list[int], syntax: "Syntax") -> str:
    shape = syntax.content_heads
    if label in (PREPOSITION, AGENT, PREP_OBJECT, COMPOUND, ATTRIBUTE, ADJECTIVE_COMPLEMENT):
        return label
    if heads[tok.i] == tok.i:
        return ROOT
    features = set(str(tok.morph).split("|"))
    if label in shape.negation_labels and shape.negation_feature in features:
        return NEGATION
    if label == shape.determiner and shape.possessive_feature in features:
        return POSSESSOR
    if label == shape.subordinator and tok.doc[heads[tok.i]].morph.get("VerbForm") == [shape.infinitive]:
        return AUXILIARY
    if label in shape.reflexive_actives and _reflexive(tok.doc, heads, heads[tok.i], shape.reflexive_feature):
        label = shape.reflexive_actives[label]  # 'ils se sont rencontrés': 'être' of a reflexive verb, no passive
    return syntax.labels.get(label, label)


def _reflexive(doc: "Doc", heads: list[int], verb: int, feature: str) -> bool:
    return any(feature in str(doc[j].morph).split("|") for j in _children(heads, verb))


def _tag(tok: "Token", syntax: "Syntax") -> str:
    """The fine-grained tag of kg's roles: the first rule of the language whose part of speech
    and features the word has; punctuation by its text."""
    shape = syntax.content_heads
    if tok.pos_ == "PUNCT":
        return shape.punctuation.get(tok.text, "other_punctuation")
    if tok.dep_ == AUXILIARY and tok.pos_ == "ADP":
        return INFINITIVE_TO
    for rule in shape.tag_rules:
        if rule.pos == tok.pos_ and all(tok.morph.get(k) == [v] for k, v in rule.features.items()):
            return rule.tag
    return syntax.tags.get(tok.pos_, tok.pos_)


def _is_forest(heads: list[int]) -> bool:
    """Whether following heads from every word reaches a root without a cycle."""
    for start in range(len(heads)):
        seen, i = set(), start
        while heads[i] != i:
            if i in seen:
                return False
            seen.add(i)
            i = heads[i]
    return True
