"""Builds in several worker processes and from the extraction cache: the same bytes as a plain
build, only new or changed articles extracted, a damaged cache rebuilt with one warning."""
from __future__ import annotations

import os
import shutil
import sqlite3
from pathlib import Path

import pytest

import kg.corpus.workers
from kg.build import BuildOptions, build
from kg.corpus.cache import CACHE_NAME, EXTRACTION, PACKAGE, code_of
from tests.cli import invoke
from tests.graphs import assert_same_graph

ARTICLES = Path(__file__).parent / "data" / "articles"
NEW_ARTICLE = ("NAIROBI — Kenyan President William Ruto met Ugandan President Yoweri Museveni in Kampala on "
               "Monday, and the two leaders called for a ceasefire in eastern Congo.\n")


@pytest.fixture
def corpus(tmp_path) -> Path:
    folder = tmp_path / "in"
    shutil.copytree(ARTICLES, folder)
    return folder


@pytest.fixture
def counted(monkeypatch) -> list[str]:
    """The ids of the articles extracted in this process."""
    seen: list[str] = []
    real = kg.corpus.workers.extract_parsed

    def counting(article, sentences, rules):
        seen.append(article.id)
        return real(article, sentences, rules)

    monkeypatch.setattr(kg.corpus.workers, "extract_parsed", counting)
    return seen


def outputs(folder: Path) -> dict[str, bytes]:
    return {name: (folder / name).read_bytes() for name in ("graph.ttl", "graph.html")}


def test_incremental_two_workers_write_the_same_bytes_as_one(corpus, tmp_path):
    one = build([corpus], BuildOptions(output=tmp_path / "one", jobs=1, cache=False))
    two = build([corpus], BuildOptions(output=tmp_path / "two", jobs=2, cache=False))
    assert (one.articles, one.relations) == (two.articles, two.relations)
    assert outputs(tmp_path / "one") == outputs(tmp_path / "two")


def test_incremental_a_new_article_is_the_only_one_extracted_and_the_graph_is_as_without_cache(
        corpus, tmp_path, counted):
    out = tmp_path / "out"
    first = build([corpus], BuildOptions(output=out))
    assert first.reused == 0 and (out / CACHE_NAME).exists()
    (corpus / "kampala.txt").write_text(NEW_ARTICLE, encoding="utf-8")
    counted.clear()
    again = build([corpus], BuildOptions(output=out))
    assert counted == ["kampala"]
    assert again.reused == first.articles and again.articles == first.articles + 1
    build([corpus], BuildOptions(output=tmp_path / "plain", cache=False))
    assert outputs(out) == outputs(tmp_path / "plain")
    assert not (tmp_path / "plain" / CACHE_NAME).exists()


def test_incremental_a_changed_article_or_gazetteer_is_extracted_again(corpus, tmp_path, counted):
    out = tmp_path / "out"
    build([corpus], BuildOptions(output=out))
    text = (corpus / "sahel-talks.txt").read_text(encoding="utf-8")
    (corpus / "sahel-talks.txt").write_text(text + "\nNiger's junta rejected the plan.\n", encoding="utf-8")
    counted.clear()
    changed = build([corpus], BuildOptions(output=out))
    assert counted == ["sahel-talks"] and changed.reused == changed.articles - 1
    gazetteer = tmp_path / "extra.yaml"
    gazetteer.write_text("actors:\n  - {name: Tarka Front, type: ArmedGroup}\n", encoding="utf-8")
    counted.clear()
    regazetteered = build([corpus], BuildOptions(output=out, gazetteers=(gazetteer,)))
    assert regazetteered.reused == 0 and len(counted) == regazetteered.articles
    with sqlite3.connect(out / CACHE_NAME) as db:  # entries of the earlier data are dropped
        assert db.execute("SELECT count(DISTINCT fingerprint) FROM extractions").fetchone()[0] == 1


def test_incremental_a_damaged_cache_is_rebuilt_with_one_warning(corpus, tmp_path):
    out = tmp_path / "out"
    assert invoke("build", corpus, "-o", out, "--quiet", "--no-html").exit_code == 0
    expected = (out / "graph.ttl").read_bytes()
    (out / CACHE_NAME).write_bytes(b"this is not a database, it was overwritten by accident" * 100)
    result = invoke("build", corpus, "-o", out, "--quiet", "--no-html")
    assert result.exit_code == 0, result.stderr
    assert result.stderr == (f"kg: warning: {out / CACHE_NAME}: the extraction cache could not be read "
                             "(file is not a database); it is rebuilt\n")
    assert (out / "graph.ttl").read_bytes() == expected
    again = invoke("build", corpus, "-o", out, "--quiet", "--no-html")
    assert (again.stderr, again.stdout.split(",")[0]) == ("", "4 articles (4 from the cache)")


def test_incremental_no_cache_neither_reads_nor_writes_it(corpus, tmp_path, counted):
    out = tmp_path / "out"
    result = invoke("build", corpus, "-o", out, "--quiet", "--no-cache", "--no-html", "-j", "1")
    assert result.exit_code == 0, result.stderr
    assert sorted(os.listdir(out)) == [".kg-build.lock", "graph.ttl"]
    build([corpus], BuildOptions(output=out))
    counted.clear()
    assert invoke("build", corpus, "-o", out, "--quiet", "--no-cache", "-j", "1").exit_code == 0
    assert len(counted) == 4


def test_incremental_a_worker_that_dies_leaves_its_articles_to_the_build(corpus, tmp_path, monkeypatch):
    parent = os.getpid()
    real = kg.corpus.workers.extract_parsed

    def dying(article, sentences, rules):
        if os.getpid() != parent and article.id == "sahel-talks":
            os._exit(9)  # as a worker killed by the kernel for want of memory
        return real(article, sentences, rules)

    monkeypatch.setattr(kg.corpus.workers, "extract_parsed", dying)
    report = build([corpus], BuildOptions(output=tmp_path / "out", jobs=2, cache=False))
    build([corpus], BuildOptions(output=tmp_path / "plain", jobs=1, cache=False))
    assert report.articles == 4 and not report.failures
    assert_same_graph(tmp_path / "out" / "graph.ttl", tmp_path / "plain" / "graph.ttl")


def test_incremental_jobs_must_be_a_positive_number(corpus, tmp_path):
    result = invoke("build", corpus, "-o", tmp_path / "out", "-j", "0")
    assert result.exit_code == 2
    assert "0 is not in the range x>=1" in result.stderr


def test_incremental_the_key_holds_the_extraction_code_and_not_the_writers():
    code = {str(path.relative_to(PACKAGE)) for path in code_of(EXTRACTION)}
    assert {"extraction/pipeline.py", "extraction/relations/verbs.py", "knowledge/rules.py", "knowledge/language.py",
            "model.py", "relationtable.py", "corpus/workers.py"} <= code
    assert not code & {"graph/writer.py", "graph/rdf.py", "view/html.py", "build.py", "cli.py", "corpus/merge.py"}
    every_extraction_module = {str(p.relative_to(PACKAGE)) for p in (PACKAGE / "extraction").rglob("*.py")}
    assert {m for m in every_extraction_module - code if not m.endswith("__init__.py")} == set()
