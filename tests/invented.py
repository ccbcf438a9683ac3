"""Extraction of a text about invented actors, named in a gazetteer of the test's own."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import yaml

from kg.corpus.merge import Corpus, merge_extractions
from kg.extraction.parsing.nlp import load_pipeline
from kg.extraction.pipeline import extract_article
from kg.knowledge.load import load_rules
from kg.model import Article


def extracted(text: str, actors: list[dict], folder: Path, date: dt.date | None = None) -> Corpus:
    """The merged extraction of `text` as one article, with `actors` as a gazetteer."""
    gazetteer = folder / "gazetteer.yaml"
    gazetteer.write_text(yaml.safe_dump({"actors": actors}), encoding="utf-8")
    rules = load_rules([gazetteer])
    article = Article("invented", text, "invented.txt", date=date)
    return merge_extractions([extract_article(article, load_pipeline(), rules)], rules.gazetteer)
