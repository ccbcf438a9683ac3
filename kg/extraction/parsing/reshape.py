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
    """`doc` with heads, labels and tags in the English shape and kg's roles; a paragraph whose
    reshaping would not give a tree keeps its scheme's heads, its labels renamed."""
    from spacy.attrs import DEP, HEAD
    import numpy

    shape = syntax.content_heads
    tree = _Tree(doc)
    _names_taken_for_verbs(doc, tree, shape)
    _names_to_last_word(doc, tree, shape)
    _inverted_clitics(doc, tree, shape)
    _inverted_subjects(tree, shape)
    _lone_openers_to_next(doc, tree, shape)
    _copulas_to_heads(doc, tree, shape)
    _verbs_taken_for_nouns(doc, tree, shape)
    _participles_taken_for_adverbs(doc, tree, shape)
    _adjectives_taken_for_verbs(doc, tree, shape)
    _names_taken_for_clauses(doc, tree, shape)
    _clauses_a_colon_joins(doc, tree, shape)
    _subjects_left_unlabelled(doc, tree, shape)
    _prepositions_to_heads(doc, tree, shape)
    heads = tree.heads
    roles = [_role(tok, tree.labels[tok.i], heads, tree.children, syntax) for tok in doc]
    if not _is_forest(heads):
        scheme = _Tree(doc)
        heads, roles = scheme.heads, [_role(t, t.dep_, scheme.heads, scheme.children, syntax) for t in doc]
    strings = doc.vocab.strings
    array = numpy.array([[(heads[i] - i) % 2**64, strings.add(roles[i])] for i in range(len(doc))], dtype="uint64")
    if len(doc):
        doc.from_array([HEAD, DEP], array)
    for tok in doc:
        tok.tag_ = _tag(tok, syntax)
        if tok.ent_type:
            tok.ent_type_ = syntax.entities.get(tok.ent_type_, tok.ent_type_)
    return doc


class _Tree:
    """The heads and labels of a parse as they are reshaped, with each word's dependents kept at
    hand (looking them up by scanning every word would cost the square of a paragraph's length)."""

    def __init__(self, doc: "Doc"):
        self.heads = [t.head.i for t in doc]
        self.labels = [t.dep_ for t in doc]
        self._dependents: list[set[int]] = [set() for _ in doc]
        for j, h in enumerate(self.heads):
            if h != j:
                self._dependents[h].add(j)

    def children(self, i: int) -> list[int]:
        return sorted(self._dependents[i])

    def attach(self, j: int, head: int) -> None:
        """`j` hangs on `head` (on nothing, as a root, when `head` is `j`)."""
        if self.heads[j] != j:
            self._dependents[self.heads[j]].discard(j)
        self.heads[j] = head
        if head != j:
            self._dependents[head].add(j)

    def take_place(self, new: int, old: int) -> None:
        """`new` stands where `old` stood in the tree (its head and label); `old` goes under `new`."""
        self.attach(new, new if self.heads[old] == old else self.heads[old])
        self.labels[new] = self.labels[old]
        self.attach(old, new)


def _names_to_last_word(doc: "Doc", tree: _Tree, shape) -> None:
    """'Jean-Noël Barrot': the scheme hangs the surname on the given name, English the given name
    on the surname; the name's other dependents follow its head."""
    for tok in doc:
        opener = tok.pos_ in ("PROPN", "NOUN") or tok.lower_ in shape.name_openers  # 'M. Koulamallah' hangs on 'M.', 'le capitaine X' on 'capitaine'
        parts = [j for j in tree.children(tok.i) if tree.labels[j] == shape.name_part
                 and j > tok.i and doc[j].pos_ == "PROPN" and opener]
        if not parts:
            continue
        last = max(parts)
        for j in tree.children(tok.i):
            if j != last:
                tree.attach(j, last)
                if j in parts:
                    tree.labels[j] = COMPOUND
        tree.take_place(last, tok.i)
        tree.labels[tok.i] = COMPOUND
        for j in tree.children(last):
            if j < tok.i and tree.labels[j] in shape.subject_labels:
                tree.labels[j] = COMPOUND  # 'le président russe Vladimir Poutine': a title before the name, no subject of it


def _inverted_clitics(doc: "Doc", tree: _Tree, shape) -> None:
    """'« ... », a-t-il ajouté', 'avait-elle assuré': a subject pronoun after its verb, which the
    parser reads as an expletive or leaves unclassified (or hangs on the auxiliary), is the verb's
    subject; after a closing quote, its verb is an incise (even one the parser coordinated with
    the quoted clause), which heads the sentence and reports the quote."""
    for tok in doc:
        if tok.lower_ not in shape.inverted_clitics:
            continue
        verb = tree.heads[tok.i]
        if doc[verb].pos_ == "AUX" and tree.heads[verb] != verb:
            verb = tree.heads[verb]  # 'a-t-elle dit': hung on 'a'
        if doc[verb].pos_ != "VERB":
            continue
        tree.attach(tok.i, verb)
        tree.labels[tok.i] = shape.subject_labels[0]
        first = min(j for j in [verb, *tree.children(verb)] if doc[j].text != ",")
        k = first - 1 if first >= 1 and doc[first - 1].text == "," else first
        reported = tree.heads[verb]
        if reported < verb and k >= 1 and doc[k - 1].text in shape.closers:
            tree.take_place(verb, reported)  # the incise's verb heads the sentence, as in '"...," he said'
            tree.labels[reported] = shape.reported_label


def _inverted_subjects(tree: _Tree, shape) -> None:
    """'« ... », a déclaré William Ruto': in a clause set after another (an incise) the subject
    follows the verb, and the parser may read it as the object. The incise's verb then heads the
    sentence, the clause before it what it reports, as in English ('"...," said X')."""
    for verb, label in enumerate(tree.labels):
        _clause_taken_for_subject(verb, tree, shape)
        reported = tree.heads[verb]
        if label not in shape.incise_labels or reported >= verb:
            continue
        children = tree.children(verb)
        subjects = [j for j in children if tree.labels[j] in shape.subject_labels]
        after = [j for j in children if tree.labels[j] == shape.object_label and j > verb]
        if subjects and any(j < verb for j in subjects) or not (subjects or after):
            continue  # a subject of its own before the verb: no incise
        if not subjects:
            tree.labels[after[0]] = shape.subject_labels[0]
        tree.take_place(verb, reported)
        tree.labels[reported] = shape.reported_label


def _clause_taken_for_subject(verb: int, tree: _Tree, shape) -> None:
    """The same incise parsed the other way: the quoted clause as the subject of the verb after
    it, and the speaker as its object ('« ... », a déclaré le président X')."""
    children = tree.children(verb)
    clauses = [j for j in children if tree.labels[j] in shape.subject_labels and j < verb
               and any(tree.labels[k] in shape.subject_labels for k in tree.children(j))]
    after = [j for j in children if tree.labels[j] == shape.object_label and j > verb]
    if clauses and after:
        tree.labels[clauses[0]], tree.labels[after[0]] = shape.reported_label, shape.subject_labels[0]


def _lone_openers_to_next(doc: "Doc", tree: _Tree, shape) -> None:
    """An opening quote or bracket the parser made a sentence of its own ('«') opens the next one."""
    for tok in doc[:-1]:
        if tok.text in shape.openers and tree.heads[tok.i] == tok.i and not tree.children(tok.i):
            root = tok.i + 1
            while tree.heads[root] != root:
                root = tree.heads[root]
            tree.attach(tok.i, root)
            tree.labels[tok.i] = shape.punctuation_label


def _copulas_to_heads(doc: "Doc", tree: _Tree, shape) -> None:
    """'X est le chef de Y': the copula heads the clause, its subject and auxiliaries with it, and
    the predicate is its attribute (an adjective its complement)."""
    for tok in doc:
        copulas = [j for j in tree.children(tok.i) if tree.labels[j] == shape.copula]
        if not copulas:
            continue
        copula = copulas[0]
        for j in tree.children(tok.i):
            if j != copula and tree.labels[j] in shape.clause_labels:
                tree.attach(j, copula)
        tree.take_place(copula, tok.i)
        tree.labels[tok.i] = ADJECTIVE_COMPLEMENT if tok.pos_ == "ADJ" else ATTRIBUTE


def _verbs_taken_for_nouns(doc: "Doc", tree: _Tree, shape) -> None:
    """'Kinshasa accuse Kigali': a present tense the tagger took for an adjective, a noun or an
    adverb, which has a subject of its own (its copula, were it a predicate, took the subject) or a
    direct object ('... et dénonce une action'), is a verb, its lemma the infinitive its ending
    gives; so is a past participle with its auxiliary ('Tebboune a félicité X', not 'félicité')."""
    endings = sorted(shape.verb_endings, key=len, reverse=True)
    verbal = set(shape.subject_labels) | {shape.object_label}
    for tok in doc:
        children = tree.children(tok.i)
        if tok.pos_ not in ("ADJ", "NOUN", "ADV") or not any(tree.labels[j] in verbal for j in children):
            continue
        ending = next((e for e in endings if tok.lower_.endswith(e)), None)
        if any(tree.labels[j] == shape.tense_auxiliary_label and doc[j].lemma_ in shape.tense_auxiliaries
               for j in children) and _as_participle(tok, shape):
            continue
        if ending is not None:
            tok.pos_ = "VERB"
            if not tok.lemma_.endswith(tuple(shape.verb_endings.values())):  # 'rappellent' is lemmatised right
                tok.lemma_ = tok.lower_[:len(tok.lower_) - len(ending)] + shape.verb_endings[ending]


def _participles_taken_for_adverbs(doc: "Doc", tree: _Tree, shape) -> None:
    """'Le Mali a expulsé l'ambassadeur': a past participle right after its auxiliary, which the
    tagger took for an adverb, an adjective or a noun and the parser left the auxiliary heading
    the clause, is the verb: it takes the auxiliary's place and dependents, its lemma the
    infinitive its ending gives."""
    for aux in doc[:-1]:
        word = doc[aux.i + 1]
        if aux.pos_ not in ("AUX", "VERB") or aux.lemma_ not in shape.tense_auxiliaries \
                or word.pos_ not in ("ADV", "ADJ", "NOUN") or tree.heads[word.i] != aux.i \
                or not any(tree.labels[j] in shape.subject_labels for j in tree.children(aux.i)) \
                or not _as_participle(word, shape):
            continue
        for j in tree.children(aux.i):
            if j != word.i:
                tree.attach(j, word.i)
        tree.take_place(word.i, aux.i)
        tree.labels[aux.i] = shape.tense_auxiliary_label


def _as_participle(word: "Token", shape) -> bool:
    """Whether the word ends as a past participle does ('expulsé', 'félicité'); if so it is made one:
    a verb with the participle's features, its lemma the infinitive its ending gives."""
    ending = next((e for e in sorted(shape.participle_endings, key=len, reverse=True) if word.lower_.endswith(e)), None)
    if ending is None:
        return False
    word.pos_ = "VERB"
    word.set_morph(shape.participle_features)
    word.lemma_ = word.lower_[:len(word.lower_) - len(ending)] + shape.participle_endings[ending]
    return True


def _adjectives_taken_for_verbs(doc: "Doc", tree: _Tree, shape) -> None:
    """'L'armée malienne a bombardé des positions': an adjective the tagger took for a verb, whose
    'subject' is the noun right before it, in a clause hung before the main verb: the noun is the
    main verb's subject, the word its adjective, and a 'subject' after the main verb its object."""
    for tok in doc:
        verb = tree.heads[tok.i]
        if tok.pos_ != "VERB" or tree.labels[tok.i] not in shape.complement_labels or not tok.i < verb \
                or tok.text[:1].isupper() or any(tree.labels[j] in shape.clause_labels and j != tok.i - 1
                                                 for j in tree.children(tok.i)):
            continue
        noun = tok.i - 1
        if tree.heads[noun] != tok.i or tree.labels[noun] not in shape.subject_labels or doc[noun].pos_ != "NOUN":
            continue
        tree.take_place(noun, tok.i)
        tree.labels[noun], tree.labels[tok.i] = shape.subject_labels[0], shape.adjective_label
        tok.pos_ = "ADJ"
        for j in tree.children(verb):
            if j > verb and tree.labels[j] in shape.subject_labels:
                tree.labels[j] = shape.object_label


def _names_taken_for_verbs(doc: "Doc", tree: _Tree, shape) -> None:
    """'rappellent leurs ambassadeurs à Alger': a capitalised word inside a sentence the tagger took
    for a verb is a name, where the language writes no verb so; the 'à' it then marked is its
    preposition."""
    if not shape.capitalised_verbs_are_names:
        return
    for tok in doc:
        if tok.pos_ in ("VERB", "AUX") and tok.text[:1].isupper() and not tok.is_sent_start \
                and doc[tok.i - 1].text not in shape.openers and doc[tok.i - 1].text not in (":", "."):
            tok.pos_ = "PROPN"
            for j in tree.children(tok.i):
                if tree.labels[j] == shape.subordinator and doc[j].pos_ == "ADP":
                    tree.labels[j] = shape.case_marker


def _names_taken_for_clauses(doc: "Doc", tree: _Tree, shape) -> None:
    """'a accusé Abidjan d'abriter ...': a name the parser hung on a verb as a clause of its own or
    as the rest of a name, though it has no subject, auxiliary or subordinator, is the verb's
    object when the verb has none."""
    for tok in doc:
        verb = tree.heads[tok.i]
        if tok.pos_ != "PROPN" or tree.labels[tok.i] not in shape.complement_labels | {shape.name_part} \
                or verb >= tok.i or doc[verb].pos_ != "VERB":
            continue
        if any(tree.labels[j] in shape.clause_labels for j in tree.children(tok.i)) \
                or any(tree.labels[j] == shape.object_label for j in tree.children(verb)):
            continue
        tree.labels[tok.i] = shape.object_label


def _clauses_a_colon_joins(doc: "Doc", tree: _Tree, shape) -> None:
    """'Ce n'était pas une première : en juillet, X avait accusé Y': a clause the parser made a
    conjunct of the one before a colon, with no coordinator, is set beside it, not coordinated
    with it (nor under its negation)."""
    for tok in doc:
        head = tree.heads[tok.i]
        if tree.labels[tok.i] != shape.conjunct_label or head >= tok.i \
                or any(tree.labels[j] == shape.coordinator_label for j in tree.children(tok.i)):
            continue
        if any(doc[k].text in shape.clause_marks for k in range(head + 1, tok.i)):
            tree.labels[tok.i] = shape.juxtaposed_label


def _subjects_left_unlabelled(doc: "Doc", tree: _Tree, shape) -> None:
    """'Le représentant bolivien, Tomas Urquidi, a reproché à Lima ...': a verb with an auxiliary and
    no subject, whose dependent before it is a name with no preposition, which the parser left
    unclassified or took for an oblique, has that name as its subject."""
    for tok in doc:
        children = tree.children(tok.i)
        if tok.pos_ != "VERB" or any(tree.labels[j] in shape.subject_labels for j in children) \
                or not any(tree.labels[j] in shape.clause_labels and doc[j].pos_ == "AUX" for j in children):
            continue
        names = [j for j in children if j < tok.i and doc[j].pos_ == "PROPN" and tree.labels[j] in shape.loose_labels
                 and not any(tree.labels[k] == shape.case_marker for k in tree.children(j))]
        if names:
            tree.labels[names[-1]] = shape.subject_labels[0]


def _prepositions_to_heads(doc: "Doc", tree: _Tree, shape) -> None:
    """'avec l'Algérie': the preposition takes the noun's place, the noun becomes its object; a
    by-phrase of a passive is the agent. The other words of a compound preposition ('jusqu'à',
    'à l'égard de') go under the first."""
    for tok in doc:
        markers = [j for j in tree.children(tok.i) if tree.labels[j] == shape.case_marker and j < tok.i]
        for j in [j for j in markers if doc[j].pos_ == "DET"]:
            tree.labels[j] = shape.determiner  # "a frappé d'autres positions": a partitive article, no preposition
        markers = [j for j in markers if doc[j].pos_ != "DET"]
        if not markers or tree.heads[tok.i] == tok.i:
            continue
        first = markers[0]
        for j in markers[1:]:
            tree.attach(j, first)
        agent = tree.labels[tok.i] == shape.agent_oblique
        tree.take_place(first, tok.i)
        tree.labels[first] = AGENT if agent else PREPOSITION
        tree.labels[tok.i] = PREP_OBJECT


def _role(tok: "Token", label: str, heads: list[int], dependents, syntax: "Syntax") -> str:
    """The role of a word with the scheme's `label` and the given heads; `dependents(i)`: the words
    hanging on word i."""
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
    if label in shape.reflexive_actives and any(shape.reflexive_feature in str(tok.doc[j].morph).split("|")
                                                for j in dependents(heads[tok.i])):
        label = shape.reflexive_actives[label]  # 'ils se sont rencontrés': 'être' of a reflexive verb, no passive
    return syntax.labels.get(label, label)


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
