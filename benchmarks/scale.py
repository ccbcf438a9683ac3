"""How a build scales with the corpus: articles per second with one and two workers, peak
memory, the cost of adding one article to a cached build, and the time of kg stats, viz and
validate on the graph.

    python benchmarks/scale.py [N ...]

Defaults to 500 and 2000 articles (benchmarks/corpus.py). Every figure comes from this one run;
each command runs in a process of its own, measured from outside (wall time, peak memory of
its largest process).
"""
from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.corpus import make_corpus, source_texts, varied  # noqa: E402
from benchmarks.throughput import kg_build, run  # noqa: E402


VALIDATE_LIMIT = 300  # seconds; pyshacl on a large graph may take far longer ('inf' in the table)


def kg(*args: str) -> list[str]:
    return [sys.executable, "-m", "kg.cli", *args]


def measure(size: int, tmp: Path) -> dict[str, str]:
    corpus = tmp / f"corpus{size}"
    make_corpus(size, corpus)
    one_wall, _, one_peak = run(kg_build(corpus, tmp / "one", "--jobs", "1", "--no-cache"))
    two_wall, _, two_peak = run(kg_build(corpus, tmp / "two", "--jobs", "2", "--no-cache"))
    cached = tmp / "cached"
    shutil.rmtree(cached, ignore_errors=True)
    full_wall, _, _ = run(kg_build(corpus, cached, "--jobs", "2"))
    (corpus / "new.txt").write_text(varied(source_texts()[0], size + 1, lambda word: False), encoding="utf-8")
    plus_one, _, _ = run(kg_build(corpus, cached, "--jobs", "2"))
    graph = tmp / "one" / "graph.ttl"
    stats, _, _ = run(kg("stats", str(graph)))
    viz, _, _ = run(kg("viz", str(graph), "-o", str(tmp / "page.html")))
    validate, _, _ = run(kg("validate", str(graph)), timeout=VALIDATE_LIMIT)
    return {"articles": str(size),
            "art/s -j1": f"{size / one_wall:.1f}", "art/s -j2": f"{size / two_wall:.1f}",
            "peak MiB -j1": str(one_peak), "peak MiB -j2": str(two_peak),
            "+1 article s": f"{plus_one:.1f}", "+1 / full": f"{plus_one / full_wall:.2f}",
            "stats s": f"{stats:.1f}", "viz s": f"{viz:.1f}", "validate s": f"{validate:.1f}"}


def main(sizes: list[int]) -> None:
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for size in sizes:
            rows.append(measure(size, Path(tmp)))
            print("  ".join(f"{k} {v}" for k, v in rows[-1].items()), flush=True)
    if len(rows) > 1:
        first, last = rows[0], rows[-1]
        growth = int(last["articles"]) / int(first["articles"])
        per_thousand = ((int(last["peak MiB -j1"]) - int(first["peak MiB -j1"])) * 1000
                        / (int(last["articles"]) - int(first["articles"])))
        print(f"{growth:.0f}x the articles: peak memory -j1 x{int(last['peak MiB -j1']) / int(first['peak MiB -j1']):.2f} "
              f"({per_thousand:.0f} MiB more per 1,000 articles), "
              f"+1 article x{float(last['+1 article s']) / float(first['+1 article s']):.2f}")


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [500, 2000])
