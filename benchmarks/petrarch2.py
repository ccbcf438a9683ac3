"""Run the extractor sentence by sentence over the PETRARCH2 validation records and report,
per relation class, how often the gold source, target and class are found, and how many
relations come out of the records that hold no event.

    python benchmarks/petrarch2.py [RECORDS.jsonl]

Defaults to ../shared/eval/petrarch2/records_gsr.jsonl (real news sentences). Matching
follows that folder's README: the class must be the gold class, the predicted source's
names (its labels and aliases, and for a person the states and organisations the sentence
says they belong to) must contain one of the gold source's phrases, and likewise the
target; metWith ignores direction. This set is small and partly synthetic: a regression
check, not a target.
"""
from __future__ import annotations

import datetime as dt
import json
import sys
from collections import Counter, defaultdict
from pathlib import Path

from kg.extraction.pipeline import extract_article
from kg.corpus.merge import merge_extractions
from kg.model import Article, Modality, Relation
from kg.extraction.parsing.nlp import load_pipeline
from kg.knowledge.load import load_rules

ROOT = Path(__file__).resolve().parent.parent
DEFAULT = ROOT.parent / "shared" / "eval" / "petrarch2" / "records_gsr.jsonl"
CLASSES = ["metWith", "opposes", "calledFor", "supports", "attacked"]


def _date(text: str | None) -> dt.date | None:
    try:
        return dt.date(int(text[:4]), int(text[4:6]), int(text[6:8])) if text else None
    except ValueError:
        return None


def _phrases(record: dict, side: str) -> list[str]:
    names = record.get(f"{side}_names") or []
    names += record.get(f"{side}_base_names") or []
    names += record.get(f"{side}_names_in_text") or []
    return [n.casefold() for n in names if n]


def _predictions(sentence: str, date, nlp, rules) -> list[tuple[str, set[str], set[str]]]:
    """(relation, subject names, object names) for every non-negated relation of one sentence."""
    article = Article("record", sentence, "record", date=date)
    corpus = merge_extractions([extract_article(article, nlp, rules)], rules.gazetteer)
    names = {a.key: {a.name.casefold()} | {x.casefold() for x in a.aliases} for a in corpus.actors}
    belongs = defaultdict(set)
    for post in corpus.posts:
        belongs[post.holder] |= names[post.organisation]
    for a in corpus.assertions:
        if a.relation in (Relation.MEMBER_OF, Relation.LEADS) and a.object is not None:
            belongs[a.subject] |= names[a.object]
    out = []
    for a in corpus.assertions:
        if a.modality is Modality.NEGATED or a.relation in (Relation.MEMBER_OF, Relation.LEADS):
            continue
        target = names[a.object] | belongs[a.object] if a.object is not None else set()
        out.append((a.relation.value, names[a.subject] | belongs[a.subject], target))
    return out


def _matches(phrases: list[str], names: set[str]) -> bool:
    return any(p in n for p in phrases for n in names)


def main() -> None:
    path = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT
    if not path.exists():
        print(f"{path} is missing; nothing to run")
        return
    records = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    nlp, rules = load_pipeline(), load_rules()
    by_record: dict[str, list[dict]] = defaultdict(list)
    for r in records:
        by_record[r["record_id"]].append(r)
    gold, strict, loose, predicted = Counter(), Counter(), Counter(), Counter()
    empty_records, empty_with_output, empty_outputs = 0, 0, 0
    for events in by_record.values():
        sentence = events[0]["sentence"]
        if not sentence.strip():
            continue
        preds = _predictions(sentence, _date(events[0].get("date")), nlp, rules)
        for relation, _, _ in preds:
            predicted[relation] += 1
        if all(e["relation"] == "none" for e in events):
            empty_records += 1
            empty_outputs += len(preds)
            empty_with_output += bool(preds)
            continue
        used: set[int] = set()
        for e in events:
            cls = e["relation"]
            if cls not in CLASSES:
                continue
            gold[cls] += 1
            source, target = _phrases(e, "source"), _phrases(e, "target")
            for i, (relation, subj, obj) in enumerate(preds):
                if relation != cls or i in used:
                    continue
                forward = _matches(source, subj) and _matches(target, obj)
                backward = cls == "metWith" and _matches(source, obj) and _matches(target, subj)
                if forward or backward:
                    strict[cls] += 1
                    used.add(i)
                    break
            else:
                if any(relation == cls and _matches(source, subj) for relation, subj, _ in preds):
                    loose[cls] += 1
    print(f"{path.name}: {len(by_record)} records")
    print(f"{'class':<10} {'gold':>5} {'found':>6} {'recall':>7} {'source+class only':>18} {'predicted':>10}")
    for cls in CLASSES:
        rate = f"{strict[cls] / gold[cls]:.2f}" if gold[cls] else "-"
        print(f"{cls:<10} {gold[cls]:>5} {strict[cls]:>6} {rate:>7} {loose[cls]:>18} {predicted[cls]:>10}")
    total_gold, total_found = sum(gold.values()), sum(strict.values())
    print(f"{'all':<10} {total_gold:>5} {total_found:>6} {total_found / max(total_gold, 1):>7.2f}")
    print(f"no-event records: {empty_records}; with a relation extracted: {empty_with_output} "
          f"({empty_outputs} relations)")


if __name__ == "__main__":
    main()
