"""Build the development set and print its scores, so a change in quality shows in one command.

    python benchmarks/dev_quality.py [TEXTS GOLD]

Defaults to ../shared/eval/dev/texts and ../shared/eval/dev/gold beside this checkout;
also prints the seed's scores and the time the builds took.
"""
from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

from kg.build import BuildOptions, build
from kg.evaluate import format_score, load_gold, score_graph

ROOT = Path(__file__).resolve().parent.parent
EVAL = ROOT.parent / "shared" / "eval"
SETS = [("dev", EVAL / "dev" / "texts", EVAL / "dev" / "gold"), ("seed", ROOT / "seeds", EVAL / "gold")]


def run(name: str, texts: Path, gold: Path) -> None:
    with tempfile.TemporaryDirectory() as out:
        started = time.perf_counter()
        report = build([texts], BuildOptions(output=Path(out)))
        seconds = time.perf_counter() - started
        print(f"== {name}: {report.summary.split(' -> ')[0]} in {seconds:.1f} s")
        print(format_score(score_graph(Path(out) / "graph.ttl", load_gold([gold])), details="--details" in sys.argv))


def main() -> None:
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    sets = [("custom", Path(args[0]), Path(args[1]))] if len(args) == 2 else SETS
    for name, texts, gold in sets:
        if not texts.exists() or not gold.exists():
            print(f"== {name}: {texts} or {gold} is missing; skipped")
            continue
        run(name, texts, gold)


if __name__ == "__main__":
    main()
