"""Extraction cases as data: each file in tests/cases/ is a short text with the
relations it must and must not give (by actor label or alias)."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import yaml

from kg.extraction.pipeline import extract_article
from kg.corpus.merge import merge_extractions
from kg.model import Article, Relation
from kg.knowledge.names import fold
from kg.knowledge.load import load_rules

CASES = sorted((Path(__file__).parent / "cases").glob("*.yaml"))
KEYS = {"text", "date", "gazetteer", "people", "must", "must_not", "aliases", "must_not_actors", "language"}


def _having(*sections: str) -> list[str]:
    """The cases that have one of these sections: a test of a section a case lacks could not fail."""
    return [p.stem for p in CASES if set(yaml.safe_load(p.read_text(encoding="utf-8"))) & set(sections)]


def _case_corpus(case: dict, tmp_path: Path):
    """The case's text extracted in its language (English unless it says), with its own actors."""
    from kg.extraction.parsing.nlp import load_pipeline

    code = case.get("language", "en")
    gazetteers = []
    if case.get("gazetteer"):
        path = tmp_path / "gazetteer.yaml"
        path.write_text(yaml.safe_dump({"actors": case["gazetteer"]}), encoding="utf-8")
        gazetteers.append(path)
    if case.get("people"):
        path = tmp_path / "people.tsv"
        rows = ["name\tstate\tperiods\taliases", *(f"{name}\t{state}\t\t" for name, state in case["people"])]
        path.write_text("\n".join(rows) + "\n", encoding="utf-8")
        gazetteers.append(path)
    rules = load_rules(gazetteers, language_code=code)
    date = case.get("date")
    article = Article("case", case["text"].strip(), "case.txt",
                      date=date if isinstance(date, dt.date) else None, language=code)
    return merge_extractions([extract_article(article, load_pipeline(code), rules)], rules.gazetteer)


def _names(actor) -> set[str]:
    return {fold(actor.name)} | {fold(a) for a in actor.aliases}


def _relations(corpus) -> set[tuple]:
    by_key = {a.key: a for a in corpus.actors}
    out = set()
    for a in corpus.assertions:
        obj = by_key[a.object] if a.object is not None else None
        implied = {a.relation.value, a.relation.spec.scored_as or a.relation.value}  # a leader is a member
        objects = _names(obj) if obj is not None else {None} | ({fold(a.topic)} if a.topic else set())
        for s_name in _names(by_key[a.subject]):
            for o_name in objects:  # a topic called for matches its words, or null
                for relation in implied:
                    out.add((s_name, relation, o_name, a.modality.value))
                    if a.relation.symmetric:
                        out.add((o_name, relation, s_name, a.modality.value))
    return out


def _key(row: list) -> tuple:
    subject, relation, obj = row[:3]
    return fold(subject), relation, (fold(obj) if obj is not None else None)


@pytest.fixture(scope="module")
def corpora(tmp_path_factory):
    out = {}
    for path in CASES:
        case = yaml.safe_load(path.read_text(encoding="utf-8"))
        out[path.stem] = (case, _case_corpus(case, tmp_path_factory.mktemp(path.stem)))
    return out


@pytest.mark.parametrize("name", [p.stem for p in CASES])
def test_extraction_case_gives_required_relations(corpora, name):
    case, corpus = corpora[name]
    found = _relations(corpus)
    missing = [row for row in case.get("must", [])
               if (_key(row) + (row[3],)) not in found]
    assert not missing, f"missing {missing}; found {sorted(map(str, found))}"


@pytest.mark.parametrize("name", _having("must_not"))
def test_extraction_case_gives_no_forbidden_relations(corpora, name):
    case, corpus = corpora[name]
    found = _relations(corpus)
    forbidden = []
    for row in case.get("must_not", []):
        wanted = _key(row)
        modalities = [row[3]] if len(row) > 3 else ["Asserted", "Planned", "Negated"]
        forbidden += [row for m in modalities if wanted + (m,) in found]
    assert not forbidden, f"forbidden relations found: {forbidden}"


@pytest.mark.parametrize("name", _having("aliases", "must_not_actors"))
def test_extraction_case_merges_aliases_and_skips_non_actors(corpora, name):
    case, corpus = corpora[name]
    for canonical, aliases in (case.get("aliases") or {}).items():
        holders = [a for a in corpus.actors if fold(canonical) in _names(a)]
        assert len(holders) == 1, f"{canonical!r} is on {len(holders)} actors"
        assert {fold(x) for x in aliases} <= _names(holders[0])
    for label in case.get("must_not_actors", []):
        assert not [a for a in corpus.actors if fold(label) in _names(a) and a.type.value != "Place"]


@pytest.mark.parametrize("path", CASES, ids=lambda p: p.stem)
def test_extraction_case_says_what_must_and_must_not_come_out(path):
    """Every case names relations that must come out and relations that must not: a case of
    only one kind shows half of what a construction does."""
    case = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert set(case) <= KEYS, f"unknown keys {set(case) - KEYS}"
    assert case.get("must") and case.get("must_not")
    for row in case["must"] + case["must_not"]:
        assert 3 <= len(row) <= 4 and row[1] in {r.value for r in Relation}, row
        assert len(row) == 3 or row[3] in ("Asserted", "Planned", "Negated"), row
