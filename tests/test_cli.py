"""The `kg` command: help, the summary line, one stderr line per bad input, exit codes 0/1/2,
user gazetteers, and a graph.ttl that is replaced atomically or not at all."""
from __future__ import annotations

import os
import re

import pytest
from rdflib import Dataset

import kg.build
import kg.files
import kg.graph.rdf
from kg.files import OutputError
from kg.build import BuildOptions
from tests.cli import invoke

GOOD = """Portugal and Chile Agree to Expand Trade Talks

Portuguese Foreign Minister Marta Calvo met Chilean Foreign Minister Tomas Rivera in Lisbon on Monday, \
the two governments said.
Calvo said the meeting had been useful and called for closer cooperation on fisheries.
"""
GOOD_ACTORS = {"Marta Calvo", "Tomas Rivera"}

# A second invented article, in Windows-1252: accents and curly quotes that are not UTF-8.
CP1252 = ("Valpara\u00edso Talks Resume\n\nChilean Interior Minister Jos\u00e9 Pe\u00f1a met Peruvian Interior "
          "Minister Ra\u00fal Ortega in Lima on Tuesday, officials said. Pe\u00f1a called the talks "
          "\u201cconstructive\u201d.\n")
CP1252_ACTORS = {"Jos\u00e9 Pe\u00f1a", "Ra\u00fal Ortega"}

JSONL_GOOD = ('{"id": "harbour", "title": "Harbour Deal", "text": "Greek Foreign Minister Eleni Vardaki '
              'met Cypriot Foreign Minister Andreas Kyprianou in Athens on Friday, officials said."}')
JSONL_ACTORS = {"Eleni Vardaki", "Andreas Kyprianou"}

SUMMARY = re.compile(r"^1 articles, \d+ actors, \d+ relations \(\d+ evidence statements\) -> \S*graph\.ttl, \S*graph\.html$")


def labels(path) -> set[str]:
    graph = Dataset(default_union=True)
    graph.parse(path, format="turtle")
    return {str(row[0]) for row in graph.query(
        "SELECT ?l WHERE { ?a <http://www.w3.org/2000/01/rdf-schema#label> ?l }")}


def folder_with_good_article(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text(GOOD, encoding="utf-8")
    return folder


@pytest.mark.parametrize("args", [["--help"], ["build", "--help"]])
def test_cli_help_has_examples(args):
    result = invoke(*args)
    assert result.exit_code == 0
    assert "Example" in result.stdout


def test_cli_build_seeds_prints_one_summary_line(seed_path, tmp_path):
    out = tmp_path / "out"
    result = invoke("build", seed_path.parent, "-o", out, "--quiet")
    assert result.exit_code == 0, result.stderr
    assert (out / "graph.ttl").is_file() and (out / "graph.html").is_file()
    lines = result.stdout.splitlines()
    assert len(lines) == 1 and SUMMARY.match(lines[0]), result.stdout
    assert result.stderr == ""


def _empty(folder):
    path = folder / "empty.txt"
    path.write_bytes(b"")
    return [folder], str(path)


def _binary(folder):
    path = folder / "blob.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x01\x00\x00" * 20)
    return [folder], str(path)


def _bad_jsonl_line(folder):
    path = folder / "feed.jsonl"
    path.write_text(JSONL_GOOD + '\n{"id": "broken", "text": "unterminated\n', encoding="utf-8")
    return [folder], f"{path}:2"


def _missing(folder):
    path = folder / "missing.txt"
    return [folder, path], str(path)


@pytest.mark.parametrize("make_bad", [_empty, _binary, _bad_jsonl_line, _missing],
                         ids=["empty", "binary", "bad-jsonl-line", "missing"])
def test_cli_bad_input_is_one_stderr_line_and_the_rest_is_built(tmp_path, make_bad):
    folder = folder_with_good_article(tmp_path)
    inputs, where = make_bad(folder)
    out = tmp_path / "out"
    result = invoke("build", *inputs, "-o", out, "--quiet")
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("kg: ") and f" {where}: " in lines[0], lines[0]
    assert ", 1 failed, " in result.stdout
    built = labels(out / "graph.ttl")
    assert GOOD_ACTORS <= built
    if make_bad is _bad_jsonl_line:
        assert JSONL_ACTORS <= built


def test_cli_windows_1252_file_is_built(tmp_path):
    folder = folder_with_good_article(tmp_path)
    (folder / "valparaiso.txt").write_bytes(CP1252.encode("cp1252"))
    out = tmp_path / "out"
    result = invoke("build", folder, "-o", out, "--quiet")
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    assert GOOD_ACTORS | CP1252_ACTORS <= labels(out / "graph.ttl")


@pytest.mark.parametrize("date", ["2024-13-01", "yesterday", "31/12/2022"])
def test_cli_unparseable_date_is_a_usage_error(tmp_path, date):
    folder = folder_with_good_article(tmp_path)
    result = invoke("build", folder, "--date", date, "-o", tmp_path / "out")
    assert result.exit_code == 2
    assert "--date" in result.stderr
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("content", [
    "actors:\n  - {name: Northern Coastal Brigade, type: ArmedGroup, aliases: [NCB\n",
    "actors:\n  - {name: Northern Coastal Brigade, type: Spaceship}\n",
    "- just a list\n",
], ids=["invalid-yaml", "unknown-type", "not-a-mapping"])
def test_cli_bad_gazetteer_is_one_error_line_naming_it(tmp_path, content):
    folder = folder_with_good_article(tmp_path)
    gazetteer = tmp_path / "mine.yaml"
    gazetteer.write_text(content, encoding="utf-8")
    result = invoke("build", folder, "--gazetteer", gazetteer, "-o", tmp_path / "out", "--quiet")
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and str(gazetteer) in lines[0], result.stderr


def test_cli_gazetteer_adds_an_actor(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "clash.txt").write_text(
        "Fighters Clash Near Latakia\n\nFighters of the NCB attacked a Syrian army post near Latakia on "
        "Sunday, state media said. The NCB later said it opposed any talks with Damascus.\n", encoding="utf-8")
    gazetteer = tmp_path / "mine.yaml"
    gazetteer.write_text("actors:\n  - {name: Northern Coastal Brigade, type: ArmedGroup, aliases: [NCB]}\n",
                         encoding="utf-8")
    out = tmp_path / "out"
    result = invoke("build", folder, "--gazetteer", gazetteer, "-o", out, "--quiet")
    assert result.exit_code == 0, result.stderr
    built = labels(out / "graph.ttl")
    assert "Northern Coastal Brigade" in built
    assert "NCB" not in built  # the acronym is an altLabel of that actor, not an actor of its own


def _fail_serializing(monkeypatch):
    def boom(*args, **kwargs):
        raise RuntimeError("serializer broke")
    monkeypatch.setattr(kg.build, "serialize_quads", boom)
    return RuntimeError


def _fail_syncing(monkeypatch):
    """Fails after the temporary file has been created and written."""
    def boom(fd):
        raise OSError(28, "No space left on device")
    monkeypatch.setattr(kg.files.os, "fsync", boom)
    return OutputError


@pytest.mark.parametrize("break_it", [_fail_serializing, _fail_syncing], ids=["serialize", "fsync"])
def test_cli_failed_write_leaves_old_graph_and_no_temp_files(tmp_path, monkeypatch, break_it):
    folder = folder_with_good_article(tmp_path)
    out = tmp_path / "out"
    out.mkdir()
    old = b"# an earlier build\n<urn:a> <urn:b> <urn:c> .\n"
    (out / "graph.ttl").write_bytes(old)
    error = break_it(monkeypatch)
    with pytest.raises(error):
        kg.build.build([folder], BuildOptions(output=out))
    monkeypatch.undo()
    assert (out / "graph.ttl").read_bytes() == old
    assert sorted(os.listdir(out)) == [".kg-build.lock", "graph.ttl", "kg-cache.sqlite"]  # the extractions are kept


def test_cli_warnings_name_the_file_and_the_build_goes_on(tmp_path):
    folder = folder_with_good_article(tmp_path)
    (folder / "dated.md").write_text("---\ntitle: [a, list]\ndate: 2024-13-45\n---\n"
                                     "Kenyan President William Ruto met Ugandan President Yoweri Museveni.\n",
                                     encoding="utf-8")
    (folder / "russian.txt").write_text("Президент России Владимир Путин встретился в среду в Москве с президентом "
                                        "Турции, сообщили в Кремле. Стороны обсудили ситуацию в Сирии.",
                                        encoding="utf-8")
    out = tmp_path / "out"
    result = invoke("build", folder, "-o", out, "--quiet")
    assert result.exit_code == 0, result.stderr
    assert result.stderr.splitlines() == [
        f'kg: warning: {folder / "dated.md"}: front matter "title" is not text (ignored)',
        f"kg: warning: {folder / 'dated.md'}: front matter \"date\" is not an ISO date: '2024-13-45' (ignored)",
        f"kg: warning: {folder / 'russian.txt'}: the article is in Russian (ru), which kg does not read; "
        "skipped (--any-language builds it as English)",
    ]
    assert result.stdout.startswith("2 articles, ")
    assert {"William Ruto", "Yoweri Museveni"} <= labels(out / "graph.ttl")
    again = invoke("build", folder, "-o", out, "--quiet", "--any-language")
    assert again.stdout.startswith("3 articles (2 from the cache), ")
