"""Score a graph against hand-annotated gold files (the JSON format of the evaluation sets).

Terms are read by local name, so any graph that follows the contract, whatever
its base IRI, can be scored. A gold entity is found when a node carries one of
its names as a label (or as its IRI's local name); a relation is found when a
direct triple or a reified statement links the nodes of its two entities.
"""
from __future__ import annotations

import json
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

from kg.errors import KGError
from kg.relationtable import relation_table

__all__ = ["Gold", "Score", "load_gold", "score_graph", "format_score"]

LABELS = {"label", "prefLabel", "altLabel", "hiddenLabel", "name", "alternateName"}
MAIN_LABELS = {"label", "prefLabel", "name"}  # a node's own names; the others are aliases
EVIDENCE = {"evidence", "sentence", "quote", "wasDerivedFrom", "hadPrimarySource", "evidenceText"}
REIFIED = {"subject", "predicate", "object", "modality"} | EVIDENCE
PLANNED = {"planned", "future", "intended", "hypothetical", "proposed", "expected", "possible"}
NEGATED = {"negated", "denied", "negative", "refuted"}
ACTOR_CLASSES = {"Actor", "Person", "Organization", "Organisation", "ArmedGroup", "Country", "State",
                 "Government", "GovernmentBody", "MediaOutlet", "Group", "PoliticalParty",
                 "InternationalOrganization", "NonStateActor", "Militia", "Agent"}

Key = tuple[str, str, "str | None"]


def local_name(term) -> str:
    return re.split(r"[#/:]", str(term))[-1]


def normalise(text: str) -> str:
    """Names compare after folding accents, quotes, case, brackets, spacing and a leading 'the'."""
    text = "".join(c for c in unicodedata.normalize("NFKD", str(text)) if not unicodedata.combining(c))
    text = re.sub(r"[\u2018\u2019`]", "'", text).casefold()
    text = re.sub(r"[\"\u201c\u201d()\[\],.]", " ", text)
    text = " ".join(text.split())
    return text[4:] if text.startswith("the ") else text


def _iri_words(node) -> str | None:
    from rdflib import URIRef

    if not isinstance(node, URIRef):
        return None
    words = re.sub(r"[_\-]+", " ", local_name(node))
    return re.sub(r"(?<=[a-z])(?=[A-Z])", " ", words) or None


def _scored(name: str) -> str | None:
    """The relation of the table a relation name of a graph or gold file is scored as, if any."""
    return relation_table().scored_name(name)


def _takes_topic(relation: str) -> bool:
    """Whether its object may be a topic, so that only its subject is scored."""
    spec = relation_table().relations.get(relation)
    return spec is not None and spec.topic


def _key(relation: str, subject: str, obj: str | None) -> Key:
    spec = relation_table().relations.get(relation)
    if spec is not None and spec.topic:
        return (relation, subject, None)
    if spec is not None and spec.symmetric and obj is not None and obj < subject:
        return (relation, obj, subject)
    return (relation, subject, obj)


@dataclass
class Gold:
    """Gold entities (by id) and relations of one or more annotated documents."""

    names: dict[str, set[str]] = field(default_factory=dict)
    types: dict[str, set[str]] = field(default_factory=dict)
    required_entities: set[str] = field(default_factory=set)
    required: set[Key] = field(default_factory=set)
    acceptable: set[Key] = field(default_factory=set)
    planned: set[Key] = field(default_factory=set)
    asserted: set[Key] = field(default_factory=set)
    negatives: set[Key] = field(default_factory=set)
    documents: int = 0

    by_name: dict[str, set[str]] = field(default_factory=dict)  # normalised name -> entity ids

    def entity_named(self, name: str) -> str | None:
        hits = self.by_name.get(normalise(name), set())
        return next(iter(hits)) if len(hits) == 1 else None


def load_gold(paths: Iterable[str | Path]) -> Gold:
    """Gold files, or folders of them; entity ids are shared across files."""
    gold = Gold()
    files: list[Path] = []
    for path in map(Path, paths):
        if path.is_dir():
            files += sorted(path.glob("*.json"))
        elif path.exists():
            files.append(path)
        else:
            raise KGError(f"{path}: no such gold file or folder")
    for file in files:
        try:
            data = json.loads(file.read_text(encoding="utf-8"))
            _add_document(gold, data)
        except (json.JSONDecodeError, KeyError, TypeError, AttributeError) as err:
            raise KGError(f"{file}: not a gold file ({type(err).__name__}: {err})") from None
    gold.acceptable -= gold.required
    # Keyed over the corpus: a pair one article asserts and another only plans may rightly
    # be stated as fact, so its modality is not judged.
    gold.planned -= gold.asserted
    for entity, names in gold.names.items():
        for name in names:
            gold.by_name.setdefault(name, set()).add(entity)
    return gold


def _add_document(gold: Gold, data: dict) -> None:
    gold.documents += 1
    for entity, spec in data["entities"].items():
        gold.names.setdefault(entity, set()).update(normalise(n) for n in spec["names"])
        gold.types.setdefault(entity, set()).update(spec.get("types", []))
        if spec.get("required"):
            gold.required_entities.add(entity)
    for rel in data["relations"]:
        key = _key(rel["p"], rel["s"], rel.get("o"))
        (gold.required if rel.get("required") else gold.acceptable).add(key)
        (gold.planned if rel.get("modality") == "planned" else gold.asserted).add(key)
    for rel in data.get("negatives", []):
        gold.negatives.add(_key(rel["p"], rel["s"], rel.get("o")))


@dataclass
class _Claim:
    subject: object
    relation: str
    obj: object
    modality: str
    evidenced: bool


def _modality(values) -> str:
    from rdflib import URIRef

    for value in values:
        name = local_name(value) if isinstance(value, URIRef) else str(value)
        if name.lower() in PLANNED:
            return "planned"
        if name.lower() in NEGATED:
            return "negated"
    return "asserted"


def _claims(triples) -> list[_Claim]:
    from rdflib import Literal

    claims, reified = [], defaultdict(lambda: defaultdict(list))
    for s, p, o in triples:
        name = local_name(p)
        relation = _scored(name)
        if relation is not None and not isinstance(s, Literal):
            claims.append(_Claim(s, relation, o, "asserted", False))
        if name in REIFIED:
            reified[s][name].append(o)
    for props in reified.values():
        if not all(props.get(part) for part in ("subject", "predicate", "object")):
            continue
        relation = _scored(local_name(props["predicate"][0]))
        if relation is not None:
            claims.append(_Claim(props["subject"][0], relation, props["object"][0],
                                 _modality(props.get("modality", [])), any(props.get(e) for e in EVIDENCE)))
    return claims


@dataclass
class Score:
    entities_required: int
    entities_found: int
    entities_typed: int
    fragmented: dict[str, int]
    actor_nodes: int
    matched_nodes: int
    required: int
    extracted: int
    true_positives: int
    acceptable: int
    per_class: dict[str, dict[str, float | int | None]]
    planned_required: int
    planned_marked: int
    planned_as_fact: int
    asserted_as_planned: int
    negatives_as_fact: int
    with_evidence: int
    found: int
    missed_entities: list[str]
    spurious_labels: list[str]
    missed: list[Key]
    false: list[Key]
    unmapped: list[tuple[str, str, str]]

    @property
    def entity_recall(self) -> float | None:
        return round(self.entities_found / self.entities_required, 3) if self.entities_required else None

    @property
    def precision(self) -> float:
        return round((self.true_positives + self.acceptable) / self.extracted, 3) if self.extracted else 0.0

    @property
    def recall(self) -> float:
        return round(self.true_positives / self.required, 3) if self.required else 0.0

    @property
    def f1(self) -> float:
        p = (self.true_positives + self.acceptable) / self.extracted if self.extracted else 0.0
        r = self.true_positives / self.required if self.required else 0.0
        return round(2 * p * r / (p + r), 3) if p + r else 0.0


def score_graph(graph_path: str | Path, gold: Gold) -> Score:
    """Score the RDF file at `graph_path` (any format rdflib reads) against `gold`."""
    from rdflib import Literal

    triples = _read_triples(graph_path)
    names = _Names(triples, gold)
    claims = _claims(triples)
    nodes = {n for n, ts in names.types.items() if ts & ACTOR_CLASSES}
    for c in claims:
        nodes.add(c.subject)
        if not _takes_topic(c.relation) and not isinstance(c.obj, Literal):
            nodes.add(c.obj)
    found, spurious = defaultdict(set), []
    for node in nodes:
        entity = names.entity_of(node)
        if entity is None:
            spurious.append(names.shown(node))
        else:
            found[entity].add(node)
    hit = sorted(e for e in gold.required_entities if found.get(e))
    typed = [e for e in hit if any(names.types.get(n, set()) & gold.types[e] for n in found[e])]
    m = _match_claims(claims, names, gold)
    got, modalities = m.got, m.modalities
    return Score(
        entities_required=len(gold.required_entities), entities_found=len(hit), entities_typed=len(typed),
        fragmented={e: len(ns) for e, ns in sorted(found.items()) if len(ns) > 1},
        actor_nodes=len(nodes), matched_nodes=sum(len(ns) for ns in found.values()),
        required=len(gold.required), extracted=len(got) + len(m.unmapped),
        true_positives=len(got & gold.required), acceptable=len(got & gold.acceptable),
        per_class=_per_class(gold, got, m.unmapped), planned_required=len(gold.planned & gold.required),
        planned_marked=sum(1 for k in gold.planned & gold.required & got if modalities[k] == {"planned"}),
        planned_as_fact=sum(1 for k in gold.planned & got if "asserted" in modalities[k]),
        asserted_as_planned=sum(1 for k in gold.required & gold.asserted & got if "asserted" not in modalities[k]),
        negatives_as_fact=len(m.negated_facts), with_evidence=len(got & m.evidenced), found=len(got),
        missed_entities=sorted(gold.required_entities - set(hit)), spurious_labels=sorted(spurious),
        missed=sorted(gold.required - got), false=sorted(got - gold.required - gold.acceptable),
        unmapped=sorted(m.unmapped),
    )


def _read_triples(graph_path: str | Path) -> list:
    import rdflib

    dataset = rdflib.Dataset(default_union=True)
    try:
        dataset.parse(str(graph_path), format=rdflib.util.guess_format(str(graph_path)))
    except Exception as err:  # rdflib raises many kinds of parse errors
        raise KGError(f"{graph_path}: cannot read the graph ({type(err).__name__}: {err})") from None
    return list(dataset.triples((None, None, None)))


class _Names:
    """The names and types of a graph's nodes, and the gold entity each node is."""

    def __init__(self, triples, gold: Gold):
        from rdflib import RDF, Literal

        ranked, self.types = defaultdict(set), defaultdict(set)
        for s, p, o in triples:
            if local_name(p) in LABELS and isinstance(o, Literal):
                ranked[s].add((local_name(p) not in MAIN_LABELS, str(o)))
            elif p == RDF.type:
                self.types[s].add(local_name(o))
        # main labels first, then aliases, each sorted: a node with names of two gold entities
        # is decided the same way in every run (rdflib yields triples in no fixed order)
        self.labels = {s: [text for _alias, text in sorted(names)] for s, names in ranked.items()}
        self.gold = gold

    def entity_of(self, node) -> str | None:
        for name in self.labels.get(node, []) + [w for w in [_iri_words(node)] if w]:
            entity = self.gold.entity_named(name)
            if entity is not None:
                return entity
        return None

    def shown(self, node) -> str:
        return (self.labels.get(node) or [_iri_words(node) or str(node)])[0]


@dataclass
class _Matched:
    """The graph's relations as gold keys, with what was said of each."""

    got: set[Key] = field(default_factory=set)
    unmapped: set[tuple[str, str, str]] = field(default_factory=set)
    modalities: dict[Key, set[str]] = field(default_factory=lambda: defaultdict(set))
    evidenced: set[Key] = field(default_factory=set)
    negated_facts: set[Key] = field(default_factory=set)


def _match_claims(claims: list["_Claim"], names: _Names, gold: Gold) -> _Matched:
    m = _Matched()
    denied = gold.negatives - gold.required - gold.acceptable  # true in one article, denied in another: true
    for c in claims:
        if c.modality == "negated":
            continue
        subject = names.entity_of(c.subject)
        obj = None if _takes_topic(c.relation) else names.entity_of(c.obj)
        if subject is None or (not _takes_topic(c.relation) and obj is None):
            m.unmapped.add((c.relation, names.shown(c.subject), names.shown(c.obj)))
            continue
        if subject == obj:
            continue
        key = _key(c.relation, subject, obj)
        m.got.add(key)
        m.modalities[key].add(c.modality)
        if c.evidenced:
            m.evidenced.add(key)
        if key in denied and c.modality == "asserted":
            m.negated_facts.add(key)
    return m


def _per_class(gold: Gold, got: set[Key], unmapped: set[tuple[str, str, str]]) -> dict:
    per_class = {}
    for relation in sorted({_scored(name) for name in relation_table().relations}):
        req = {k for k in gold.required if k[0] == relation}
        out = {k for k in got if k[0] == relation}
        stray = [u for u in unmapped if u[0] == relation]
        if not (req or out or stray):
            continue
        tp, ok, n = len(out & req), len(out & gold.acceptable), len(out) + len(stray)
        per_class[relation] = {"required": len(req), "extracted": n, "tp": tp,
                               "precision": round((tp + ok) / n, 3) if n else None,
                               "recall": round(tp / len(req), 3) if req else None}
    return per_class


def format_score(score: Score, details: bool = False) -> str:
    """The report as lines of text, the relation totals last."""
    precision = round(score.matched_nodes / score.actor_nodes, 3) if score.actor_nodes else 0.0
    lines = [f"entities: recall {score.entity_recall} ({score.entities_found}/{score.entities_required}), "
             f"typed {score.entities_typed}, fragmented {len(score.fragmented)}, "
             f"actor-node precision {precision} of {score.actor_nodes}"]
    for relation, c in score.per_class.items():
        lines.append(f"  {relation:<11} P {c['precision']}  R {c['recall']}  "
                     f"(tp {c['tp']}/{c['required']}, extracted {c['extracted']})")
    lines.append(f"modality: planned marked {score.planned_marked}/{score.planned_required}, "
                 f"planned stated as fact {score.planned_as_fact}, asserted marked planned "
                 f"{score.asserted_as_planned}, negated stated as fact {score.negatives_as_fact}")
    lines.append(f"provenance: {score.with_evidence}/{score.found} relations carry evidence")
    if details:
        lines += [f"missed entities: {', '.join(score.missed_entities) or '-'}",
                  f"fragmented entities: {', '.join(f'{e} ({n} nodes)' for e, n in score.fragmented.items()) or '-'}",
                  f"spurious actor labels: {', '.join(score.spurious_labels) or '-'}",
                  "missed relations:", *[f"  {_show(k)}" for k in score.missed],
                  "false relations:", *[f"  {_show(k)}" for k in score.false],
                  "relations between unknown actors:", *[f"  {r} {s} -> {o}" for r, s, o in score.unmapped]]
    lines.append(f"relations: P {score.precision} R {score.recall} F1 {score.f1}")
    return "\n".join(lines)


def _show(key: Key) -> str:
    relation, subject, obj = key
    return f"{subject} {relation} {obj if obj is not None else '(anything)'}"
