"""What a build promises about its output folder: checked before any work, held by one
build at a time, replaced whole or not at all (even when killed), never emptied by a build
that built nothing."""
from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from rdflib import RDF, Dataset

import kg.build
import kg.files
from kg.build import BuildOptions, build
from kg.corpus.cache import CACHE_NAME
from kg.errors import KGError
from kg.files import JOURNAL_NAME, LOCK_NAME, OutputFolder, recover
from kg.graph.namespace import KG
from tests.cli import invoke
from tests.pipelines import Untouchable

SEED = Path(__file__).resolve().parent.parent / "seeds" / "000_fe58f1c9c5d68111.txt"
SECOND = ("Kenyan President William Ruto met Ugandan President Yoweri Museveni in Kampala on Monday, "
          "officials said.\n")


@pytest.fixture
def built(seed_build, tmp_path) -> Path:
    """An output folder holding the seed build's graph.ttl and graph.html."""
    out = tmp_path / "out"
    out.mkdir()
    for name in ("graph.ttl", "graph.html"):
        shutil.copy(seed_build[0].parent / name, out / name)
    return out


def contents(folder: Path) -> dict[str, bytes]:
    """The outputs in a folder (not its lock, nor the extraction cache, which keeps what a build did)."""
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.name not in (LOCK_NAME, CACHE_NAME)}


def assert_cache_intact(folder: Path) -> None:
    """The extraction cache a killed build leaves is whole: SQLite commits each entry."""
    if (folder / CACHE_NAME).exists():
        with contextlib.closing(sqlite3.connect(folder / CACHE_NAME)) as db:
            assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
            assert db.execute("SELECT count(*) FROM extractions").fetchone()[0] >= 0


def test_outputs_a_build_of_a_missing_path_leaves_earlier_outputs_byte_identical(built, tmp_path):
    before = contents(built)
    result = invoke("build", tmp_path / "typo", "-o", built)
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == (f"kg: {tmp_path / 'typo'}: no such file or directory\n"
                             f"kg: no article was built, so nothing was written to {built}\n")
    assert contents(built) == before


def test_outputs_a_build_whose_every_input_failed_writes_nothing(built, tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "empty.txt").write_bytes(b"")
    (tmp_path / "in" / "bad.jsonl").write_text("{not json\n", encoding="utf-8")
    before = contents(built)
    result = invoke("build", tmp_path / "in", "-o", built)
    assert result.exit_code == 1
    assert result.stderr.splitlines()[-1] == f"kg: no article was built, so nothing was written to {built}"
    assert contents(built) == before


def test_outputs_a_new_folder_is_not_left_behind_when_nothing_was_built(tmp_path):
    result = invoke("build", tmp_path / "typo", "-o", tmp_path / "new" / "out")
    assert result.exit_code == 1
    assert not (tmp_path / "new").exists()


def refusal_before_any_work(output: Path) -> str:
    """Why a build into `output` stops, with a parser that fails the test if the build reaches it."""
    with pytest.raises(KGError) as refused:
        build([SEED], BuildOptions(output=output, pipeline=Untouchable()))
    return str(refused.value)


def test_outputs_a_file_where_the_folder_should_be_is_refused_before_any_work(tmp_path):
    (tmp_path / "file").write_text("x", encoding="utf-8")
    why = f"{tmp_path / 'file' / 'out'}: cannot create the folder: Not a directory"
    assert refusal_before_any_work(tmp_path / "file" / "out") == why
    result = invoke("build", SEED, "-o", tmp_path / "file" / "out")
    assert (result.exit_code, result.stderr) == (1, f"kg: {why}\n")


def test_outputs_an_uncreatable_folder_is_refused_before_any_work():
    assert refusal_before_any_work(Path("/proc/kg-out")).startswith("/proc/kg-out: cannot create the folder: ")
    result = invoke("build", SEED, "-o", "/proc/kg-out")
    assert result.exit_code == 1
    assert result.stderr.startswith("kg: /proc/kg-out: cannot create the folder: ")
    assert len(result.stderr.splitlines()) == 1


@pytest.mark.parametrize("command", [
    ["export", "{graph}", "--format", "csv", "-o", "{missing}/x.csv"],
    ["viz", "{graph}", "-o", "{missing}/x.html"],
    ["export", "{graph}", "--format", "turtle", "-o", "/proc/kg-x.ttl"],
])
def test_outputs_export_and_viz_check_the_output_path_first(seed_build, tmp_path, command, monkeypatch):
    import kg.graph.export
    import kg.view.viz

    def refuse(*args, **kwargs):
        raise AssertionError("the output path should have been refused before reading the graph")
    monkeypatch.setattr(kg.graph.export, "load_graph", refuse)
    monkeypatch.setattr(kg.view.viz, "load_for_lookup", refuse)
    args = [a.format(graph=seed_build[0], missing=tmp_path / "missing") for a in command]
    result = invoke(*args)
    assert result.exit_code == 1
    target = Path(args[-1])
    assert result.stderr.startswith(f"kg: {target}: ")
    assert len(result.stderr.splitlines()) == 1


def test_outputs_a_second_build_into_a_held_folder_stops_naming_the_lock(built):
    before = contents(built)
    why = (f"{built / LOCK_NAME}: another kg build (pid {os.getpid()}) is writing into {built}; "
           "run this one when it has finished")
    with OutputFolder(built, kg.build.OUTPUT_NAMES):
        assert refusal_before_any_work(built) == why
        result = invoke("build", SEED, "-o", built)
    assert (result.exit_code, result.stderr) == (1, f"kg: {why}\n")
    assert contents(built) == before


def test_outputs_a_held_folder_is_free_again_when_its_build_ends(built):
    with OutputFolder(built, kg.build.OUTPUT_NAMES):
        pass
    with OutputFolder(built, kg.build.OUTPUT_NAMES) as again:
        assert again.path == built


def test_outputs_leftovers_of_an_interrupted_build_are_removed(built):
    leftovers = [built / ".graph.ttl.0123456789ab.tmp", built / ".graph.html.ba9876543210.tmp"]
    for path in leftovers:
        path.write_bytes(b"half a graph")
    mine = built / ".notes.0123456789ab.tmp"
    mine.write_bytes(b"not kg's")
    with OutputFolder(built, kg.build.OUTPUT_NAMES):
        pass
    assert [p.exists() for p in leftovers] == [False, False]
    assert mine.exists()


def test_outputs_renames_a_killed_build_journaled_are_completed_by_the_next(built):
    new_ttl, new_html = built / ".graph.ttl.aaaaaaaaaaaa.tmp", built / ".graph.html.bbbbbbbbbbbb.tmp"
    new_ttl.write_bytes(b"new graph")
    new_html.write_bytes(b"new page")
    os.replace(new_ttl, built / "graph.ttl")  # the kill came after the first rename
    (built / JOURNAL_NAME).write_text(json.dumps([[new_ttl.name, "graph.ttl"], [new_html.name, "graph.html"]]))
    with OutputFolder(built, kg.build.OUTPUT_NAMES):
        pass
    assert contents(built) == {"graph.html": b"new page", "graph.ttl": b"new graph"}


def _which_build(folder: Path) -> tuple[int, int]:
    """(articles in graph.ttl, articles the title of graph.html counts)."""
    graph = Dataset(default_union=True)
    graph.parse(folder / "graph.ttl", format="turtle")
    in_graph = len(set(graph.subjects(RDF.type, KG.Article)))
    page = (folder / "graph.html").read_text(encoding="utf-8")
    in_page = 1 if "Knowledge graph of 1 article<" in page else 2 if "Knowledge graph of 2 articles<" in page else 0
    return in_graph, in_page


@pytest.mark.slow  # builds killed
def test_outputs_a_build_killed_at_any_step_leaves_outputs_of_one_build(built, tmp_path, nlp):
    """Kill a build (SIGKILL) at each file-system step of its writing: before and after each
    temporary file, the journal and each rename. The folder must then hold both outputs of
    the old build or both of the new, at once or after the next build's recovery."""
    (tmp_path / "in").mkdir()
    shutil.copy(SEED, tmp_path / "in" / "a.txt")
    (tmp_path / "in" / "b.txt").write_text(SECOND, encoding="utf-8")
    pristine = contents(built)
    assert _which_build(built) == (1, 1)
    outcomes, journaled = [], 0
    for step in range(12):
        for name, data in pristine.items():
            (built / name).write_bytes(data)
        child = os.fork()
        if child == 0:  # pragma: no cover - the child dies by its own hand
            _die_at_step(step, BuildOptions(output=built, pipeline=nlp), tmp_path / "in")
        _, status = os.waitpid(child, 0)
        killed = os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL
        assert killed or (os.WIFEXITED(status) and os.WEXITSTATUS(status) == 0), status
        if (built / JOURNAL_NAME).exists():
            journaled += 1
        else:
            assert _which_build(built) in ((1, 1), (2, 2)), f"killed at step {step}"
        recover(built, kg.build.OUTPUT_NAMES)
        outcome = _which_build(built)
        assert outcome in ((1, 1), (2, 2)), f"killed at step {step}"
        assert sorted(set(os.listdir(built)) - {CACHE_NAME}) == sorted([*pristine, LOCK_NAME])
        assert_cache_intact(built)
        outcomes.append(outcome)
        if not killed:
            break
    assert outcomes[0] == (1, 1) and outcomes[-1] == (2, 2)
    assert journaled >= 2  # kills that fell between the renames, completed by recovery


def _die_at_step(step: int, options: BuildOptions, inputs: Path) -> None:
    steps = iter(range(step))
    real = {name: getattr(os, name) for name in ("fsync", "replace", "unlink")}

    def counted(name):
        def call(*args):
            if next(steps, None) is None:
                os.kill(os.getpid(), signal.SIGKILL)
            return real[name](*args)
        return call

    for name in real:
        setattr(kg.files.os, name, counted(name))
    try:
        build([inputs], options)
    finally:
        os._exit(0)


def _real_build(inputs: Path, out: Path) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "kg.cli", "build", str(inputs), "-o", str(out), "--quiet"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


@pytest.mark.slow  # builds killed
def test_outputs_real_builds_killed_at_random_moments_leave_outputs_of_one_build(built, tmp_path):
    (tmp_path / "in").mkdir()
    shutil.copy(SEED, tmp_path / "in" / "a.txt")
    (tmp_path / "in" / "b.txt").write_text(SECOND, encoding="utf-8")
    started = time.monotonic()
    full = _real_build(tmp_path / "in", tmp_path / "reference")
    full.communicate(timeout=300)
    took = time.monotonic() - started
    for fraction in (0.5, 0.85, 0.95, 0.99):
        process = _real_build(tmp_path / "in", built)
        time.sleep(took * fraction)
        process.kill()
        process.communicate(timeout=60)
        recover(built, kg.build.OUTPUT_NAMES)
        assert _which_build(built) in ((1, 1), (2, 2))


@pytest.mark.slow  # builds killed
@pytest.mark.parametrize("sig, status", [(signal.SIGINT, 130), (signal.SIGTERM, 143)])
def test_outputs_ctrl_c_and_sigterm_stop_with_one_line_and_keep_earlier_outputs(built, tmp_path, sig, status):
    (tmp_path / "in").mkdir()
    text = SEED.read_text(encoding="utf-8")
    for n in range(200):
        (tmp_path / "in" / f"{n:03}.txt").write_text(text, encoding="utf-8")
    before = contents(built)
    process = _real_build(tmp_path / "in", built)
    time.sleep(4)
    process.send_signal(sig)
    out, err = process.communicate(timeout=60)
    assert process.returncode == status, err
    assert (out, err) == ("", "kg: interrupted\n")
    assert contents(built) == before
    assert_cache_intact(built)
