"""Inputs and output folders a hostile or careless world hands kg: odd file names, links,
folders where files should be, outputs inside inputs. Each gives at most one line naming the
path, printed so that it stays one line, and every other article is still built."""
from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest
from rdflib import Dataset, Literal, URIRef

from kg.corpus.cache import CACHE_NAME
from kg.files import JOURNAL_NAME, LOCK_NAME, OutputFolder
from kg.graph.namespace import KG
from tests.cli import invoke

ARTICLE = ("Kenyan President William Ruto met Ugandan President Yoweri Museveni in Kampala on Monday, "
           "officials said.\n")
OTHER = "The Turkish foreign minister met his Russian counterpart in Moscow on Monday.\n"
ARTICLES = "https://w3id.org/newskg/id/article/"
SHARDS_MANIFEST = ".kg-shards.json"
TITLE = URIRef("http://purl.org/dc/terms/title")


def build(*args: object):
    """`kg build ARGS` in this process, one worker, no progress bar."""
    return invoke("build", *args, "-j", "1", "--quiet")


def named(folder: Path, name: bytes) -> Path:
    """The path of a file `name` in `folder`, whatever bytes the name holds."""
    return folder / os.fsdecode(name)


@pytest.fixture
def inputs(tmp_path) -> Path:
    """A folder holding one good article, a.txt."""
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(ARTICLE, encoding="utf-8")
    return folder


def graph_of(path: Path) -> Dataset:
    graph = Dataset(default_union=True)
    graph.parse(path, format="trig" if path.suffix == ".trig" else "turtle")
    return graph


def files_in(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


# --- 6. one input file must not stop the build ---------------------------------------------


def test_hostile_a_file_name_that_is_no_utf8_gives_an_article_with_a_stable_iri(inputs, tmp_path):
    named(inputs, b"caf\xe9.txt").write_text(OTHER, encoding="utf-8")
    first = build(inputs, "-o", tmp_path / "out1", "--no-html")
    assert (first.exit_code, first.stderr) == (0, "")
    assert first.stdout.startswith("2 articles, ")
    graph = graph_of(tmp_path / "out1" / "graph.ttl")
    assert graph.value(URIRef(ARTICLES + "caf-xe9"), KG.sourceFile) == Literal(f"{inputs}/caf\\xe9.txt")
    again = build(inputs, "-o", tmp_path / "out2", "--no-html")
    assert again.exit_code == 0
    assert (tmp_path / "out1" / "graph.ttl").read_bytes() == (tmp_path / "out2" / "graph.ttl").read_bytes()


def test_hostile_lone_surrogates_of_a_json_record_are_dropped(tmp_path):
    path = tmp_path / "s.jsonl"
    record = '{"id": "x\\ud800y", "title": "Talks\\udce9", "text": "%s \\udfff"}' % ARTICLE.strip()
    path.write_text(record + "\n", encoding="utf-8")
    result = build(path, "-o", tmp_path / "out", "--no-html")
    assert (result.exit_code, result.stderr) == (0, "")
    title = graph_of(tmp_path / "out" / "graph.ttl").value(URIRef(ARTICLES + "xy"), TITLE)
    assert title == Literal("Talks")


def test_hostile_a_message_shows_a_name_that_is_no_utf8_on_one_quoted_line(inputs, tmp_path):
    named(inputs, b"bad\xff.txt").write_bytes(b"")
    result = build(inputs, "-o", tmp_path / "out", "--no-html")
    assert result.exit_code == 1
    assert result.stderr == f"kg: '{inputs}/bad\\xff.txt': empty file\n"
    assert result.stdout.startswith("1 articles, 1 failed, ")


def test_hostile_a_link_to_itself_is_one_line_and_the_rest_is_built(inputs, tmp_path):
    (inputs / "self.txt").symlink_to("self.txt")
    result = build(inputs, inputs / "self.txt", "-o", tmp_path / "out", "--no-html")
    assert result.exit_code == 1
    line = f"kg: {inputs / 'self.txt'}: a link that cannot be followed: Too many levels of symbolic links\n"
    assert result.stderr == line * 2
    assert result.stdout.startswith("1 articles, 2 failed, ")


def test_hostile_a_cache_path_that_is_a_folder_is_one_warning_and_the_build_goes_on(inputs, tmp_path):
    (tmp_path / "out" / CACHE_NAME).mkdir(parents=True)
    result = build(inputs, "-o", tmp_path / "out", "--no-html")
    assert result.exit_code == 0, result.stderr
    assert result.stderr == (f"kg: warning: {tmp_path / 'out' / CACHE_NAME}: is a folder, not kg's extraction "
                             "cache; this build neither reads nor keeps extractions\n")
    assert result.stdout.startswith("1 articles, ")
    assert (tmp_path / "out" / CACHE_NAME).is_dir()


def test_hostile_an_output_path_that_is_a_folder_is_refused_before_any_work(inputs, tmp_path):
    (tmp_path / "out" / "graph.html" / "mine").mkdir(parents=True)
    result = build(inputs, "-o", tmp_path / "out")
    assert result.exit_code == 1
    assert result.stderr == (f"kg: {tmp_path / 'out' / 'graph.html'}: is a folder, where kg writes a file; "
                             "move it away or build into another folder\n")
    assert files_in(tmp_path / "out") == [LOCK_NAME, "graph.html"]


# --- 7. a long line takes time in proportion to its length ------------------------------------


def test_hostile_a_long_line_is_cut_into_pieces_once_for_all_its_windows(monkeypatch):
    import kg.extraction.parsing.nlp as nlp
    from kg.extraction.pipeline import parse_plan, parse_plans
    from kg.knowledge.load import load_rules
    from kg.model import Article

    monkeypatch.setattr(nlp, "MAX_ARTICLE_WINDOW", 2_000)
    text = "Talks\n\n" + " ".join([OTHER.strip(), ARTICLE.strip()] * 200)
    article = Article("long", text, "long.jsonl:1", "Talks", None)
    rules = load_rules()
    expected = [parse_plan(article, rules, window) for window in nlp.article_windows(text)]
    calls = []
    real = nlp._paragraphs
    monkeypatch.setattr(nlp, "_paragraphs", lambda whole: calls.append(len(whole)) or real(whole))
    plans = parse_plans(article, rules)
    assert len(plans) > 10
    assert calls == [len(text)]
    assert plans == expected


# --- 9. an output folder inside an input folder --------------------------------------------------


def test_hostile_an_output_folder_inside_the_input_is_not_read_as_articles(inputs):
    for _ in range(2):
        result = build(inputs, "-o", inputs / "out")
        assert (result.exit_code, result.stderr) == (0, "")
        assert result.stdout.startswith(("1 articles, ", "1 articles (1 from the cache), "))


def test_hostile_articles_left_in_an_output_folder_inside_the_input_are_named_once(inputs, tmp_path):
    for name in ("out", "old"):
        assert build(inputs, "-o", inputs / name, "--no-html").exit_code == 0
        (inputs / name / "notes.txt").write_text(OTHER, encoding="utf-8")
    result = build(inputs, "-o", tmp_path / "elsewhere", "--no-html")
    assert result.exit_code == 0
    assert result.stderr == (f"kg: warning: {inputs / 'old'}: an output folder of kg (it holds {LOCK_NAME}); "
                             "its files are not read as articles (2 such folders)\n")
    assert result.stdout.startswith("1 articles, ")


def test_hostile_an_input_folder_that_is_also_the_output_folder_skips_kgs_outputs(inputs):
    for _ in range(2):
        result = build(inputs, "-o", inputs)
        assert (result.exit_code, result.stderr) == (0, "")
        assert result.stdout.startswith(("1 articles, ", "1 articles (1 from the cache), "))


# --- 10. the outputs in a folder come from one build ------------------------------------------


def test_hostile_a_build_removes_the_outputs_it_no_longer_writes(inputs, tmp_path):
    out = tmp_path / "out"
    assert build(inputs, "-o", out).exit_code == 0
    assert build(inputs, "-o", out, "--trig").exit_code == 0
    assert files_in(out) == [LOCK_NAME, "graph.html", "graph.trig", CACHE_NAME]
    assert build(inputs, "-o", out, "--trig", "--no-html").exit_code == 0
    assert files_in(out) == [LOCK_NAME, "graph.trig", CACHE_NAME]
    assert build(inputs, "-o", out).exit_code == 0
    assert files_in(out) == [LOCK_NAME, "graph.html", "graph.ttl", CACHE_NAME]


def test_hostile_a_removal_a_killed_build_journaled_is_completed_by_the_next(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    (out / "graph.ttl").write_bytes(b"old graph")
    (out / ".graph.trig.aaaaaaaaaaaa.tmp").write_bytes(b"new graph")
    (out / JOURNAL_NAME).write_text(json.dumps([[".graph.trig.aaaaaaaaaaaa.tmp", "graph.trig"],
                                                [None, "graph.ttl"]]))
    with OutputFolder(out, ("graph.ttl", "graph.trig", "graph.html")):
        pass
    assert files_in(out) == [LOCK_NAME, "graph.trig"]
    assert (out / "graph.trig").read_bytes() == b"new graph"


# --- 11. a shards folder holds only what kg wrote ---------------------------------------------


def test_hostile_a_shards_folder_with_files_kg_did_not_write_is_refused(inputs, tmp_path):
    shards = tmp_path / "shards"
    shards.mkdir()
    (shards / "article-mine.nq").write_text("<a> <b> <c> .\n", encoding="utf-8")
    result = build(inputs, "-o", tmp_path / "out", "--shards", shards)
    assert result.exit_code == 1
    assert result.stderr == (f"kg: {shards}: holds files kg did not write (article-mine.nq); give --shards a "
                             "new or empty folder, or one kg wrote shards into\n")
    assert files_in(shards) == ["article-mine.nq"]
    assert not (tmp_path / "out" / "graph.ttl").exists()


def test_hostile_shards_of_articles_gone_are_removed_as_the_manifest_lists_them(inputs, tmp_path):
    shards = tmp_path / "shards"
    (inputs / "b.txt").write_text(OTHER, encoding="utf-8")
    assert build(inputs, "-o", tmp_path / "out", "--shards", shards, "--no-html").exit_code == 0
    assert files_in(shards) == [SHARDS_MANIFEST, "article-a.nq", "article-b.nq", "default-graph.nq"]
    (inputs / "b.txt").unlink()
    assert build(inputs, "-o", tmp_path / "out", "--shards", shards, "--no-html").exit_code == 0
    assert files_in(shards) == [SHARDS_MANIFEST, "article-a.nq", "default-graph.nq"]
    assert json.loads((shards / SHARDS_MANIFEST).read_text(encoding="utf-8")) == ["article-a.nq", "default-graph.nq"]


# --- 13. names, ids, links and entities ------------------------------------------------------


def test_hostile_a_file_name_with_a_line_break_is_shown_on_one_line(inputs, tmp_path):
    (inputs / "two\nlines.txt").write_bytes(b"")
    result = build(inputs, "-o", tmp_path / "out", "--no-html")
    assert result.exit_code == 1
    assert result.stderr == f"kg: '{inputs}/two\\nlines.txt': empty file\n"


def test_hostile_a_very_long_jsonl_id_is_cut_with_a_warning_and_its_shards_are_whole(tmp_path):
    path = tmp_path / "long-id.jsonl"
    path.write_text(json.dumps({"id": "x" * 5000, "text": ARTICLE}) + "\n", encoding="utf-8")
    shards = tmp_path / "shards"
    result = build(path, "-o", tmp_path / "out", "--shards", shards, "--no-html")
    assert result.exit_code == 0, result.stderr
    assert result.stderr == (f'kg: warning: {path}:1: field "id" is longer than 100 characters; '
                             "cut to its first 100\n")
    assert files_in(shards) == [SHARDS_MANIFEST, f"article-{'x' * 100}.nq", "default-graph.nq"]


def test_hostile_links_to_folders_are_not_followed_and_one_line_says_so(inputs, tmp_path):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "b.txt").write_text(OTHER, encoding="utf-8")
    (inputs / "l1").symlink_to(elsewhere)
    (inputs / "l2").symlink_to(elsewhere)
    result = build(inputs, "-o", tmp_path / "out", "--no-html")
    assert result.exit_code == 0
    assert result.stderr == (f"kg: warning: {inputs / 'l1'}: a link to a folder, not followed "
                             "(kg follows no link to a folder; 2 in this build)\n")
    assert result.stdout.startswith("1 articles, ")


def test_hostile_undefined_entities_of_a_doctype_are_dropped(tmp_path):
    lol = "".join(f'<!ENTITY lol{n} "{f"&lol{n - 1};" * 10}">' for n in range(1, 10))
    page = (f'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol0 "lol">{lol}]>'
            "<html><head><title>&lol9; Talks in Moscow</title></head><body><article>"
            f"<h1>Talks &lol9; in Moscow</h1><p>{OTHER} &lol9; Officials said the talks &amp; the dinner went "
            "well.</p></article></body></html>")
    (tmp_path / "lol.html").write_text(page, encoding="utf-8")
    result = build(tmp_path / "lol.html", "-o", tmp_path / "out", "--no-html")
    assert (result.exit_code, result.stderr) == (0, "")
    turtle = (tmp_path / "out" / "graph.ttl").read_text(encoding="utf-8")
    assert "&lol" not in turtle and "lol9" not in turtle
    title = graph_of(tmp_path / "out" / "graph.ttl").value(URIRef(ARTICLES + "lol"), TITLE)
    assert title == Literal("Talks in Moscow")
