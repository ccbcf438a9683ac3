"""CPU time of `kg build` against bare spaCy on the same articles, and the speed-up of workers.

    python benchmarks/throughput.py [N]

Makes an N-article corpus (benchmarks/corpus.py; 300 by default), then in this one run:
`kg build --jobs 1 --no-cache` and bare spaCy (en_core_web_sm, nlp.pipe over the same
paragraphs), each in a process of its own, and prints their CPU seconds and the ratio (the aim
is at most 1.25); then the wall time of `--jobs 2` against `--jobs 1` (the aim on an idle
2-core machine: at least 1.6 times faster).
"""
from __future__ import annotations

import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.corpus import make_corpus  # noqa: E402

BARE_SPACY = """
import sys
from pathlib import Path
from kg.extraction.parsing.nlp import load_pipeline
nlp = load_pipeline()
paragraphs = [p for f in sorted(Path(sys.argv[1]).glob("*.txt"))
              for p in f.read_text(encoding="utf-8").split("\\n") if p.strip()]
for doc in nlp.pipe(paragraphs, batch_size=64):
    pass
"""


def run(command: list[str], timeout: float | None = None) -> tuple[float, float, int]:
    """Wall seconds, CPU seconds (user + system, the process and its children) and peak memory
    (MiB, the largest process) of a command run in a fresh helper process; infinite seconds
    when it takes longer than `timeout`."""
    probe = ("import resource, subprocess, sys, time; t = time.perf_counter(); "
             "r = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL); "
             "u = resource.getrusage(resource.RUSAGE_CHILDREN); "
             "print(time.perf_counter() - t, u.ru_utime + u.ru_stime, u.ru_maxrss, r.returncode)")
    try:
        out = subprocess.run([sys.executable, "-c", probe, *command], capture_output=True, text=True, check=True,
                             timeout=timeout).stdout
    except subprocess.TimeoutExpired:
        return float("inf"), float("inf"), 0
    wall, cpu, peak, status = out.split()
    if status != "0":
        raise SystemExit(f"failed: {' '.join(command)}")
    return float(wall), float(cpu), int(peak) // 1024


def kg_build(corpus: Path, out: Path, *options: str) -> list[str]:
    return [sys.executable, "-m", "kg.cli", "build", str(corpus), "-o", str(out), "--no-html", "--quiet", *options]


def main(size: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus"
        make_corpus(size, corpus)
        _, spacy_cpu, _ = run([sys.executable, "-c", BARE_SPACY, str(corpus)])
        one_wall, kg_cpu, _ = run(kg_build(corpus, Path(tmp) / "one", "--jobs", "1", "--no-cache"))
        two_wall, _, _ = run(kg_build(corpus, Path(tmp) / "two", "--jobs", "2", "--no-cache"))
    print(f"{size} articles")
    print(f"  bare spaCy           {spacy_cpu:7.1f} s CPU")
    print(f"  kg build --jobs 1    {kg_cpu:7.1f} s CPU   ratio to spaCy {kg_cpu / spacy_cpu:.2f}")
    print(f"  kg build --jobs 1    {one_wall:7.1f} s wall")
    print(f"  kg build --jobs 2    {two_wall:7.1f} s wall  speed-up {one_wall / two_wall:.2f}")


if __name__ == "__main__":
    started = time.perf_counter()
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 300)
    print(f"(benchmark took {time.perf_counter() - started:.0f} s; {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024} MiB here)")
