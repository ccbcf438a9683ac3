"""Time the build of one article written on one line (a JSONL record) of growing size, and
report how the time grows with it: linear work takes 4 times as long for 4 times the text.

    python benchmarks/long_line.py [--sizes 10 40]

Each size (in MB) is one JSONL line whose text is a few news sentences said over and over
(each is parsed once a window, so the time is mostly kg's own work), without a line break;
it goes through the library's `build` (what `kg build` runs, with graph.html and without the
cache), the parser loaded once. Prints the seconds of each
size and the ratio of the largest to the smallest; exits 1 when that ratio is over 1.125
times the ratio of the sizes (4.5 for 40 MB against 10 MB).
"""
from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kg.build import BuildOptions, build  # noqa: E402

SENTENCES = [
    "The Turkish foreign minister met his Russian counterpart in Moscow on Monday.",
    "Hamas rejected the proposal, officials in Cairo said.",
    "The army shelled positions held by the rebels near the border.",
    "Kenyan President William Ruto met Ugandan President Yoweri Museveni in Kampala.",
    "The United Nations called for a ceasefire in the region.",
    "Iran condemned the strike and said it would respond.",
    "The two leaders agreed to meet again next month in Ankara.",
]
ALLOWED_EXCESS = 1.125  # over linear: the ratio of times may exceed the ratio of sizes by this factor


def one_line_article(megabytes: float) -> bytes:
    """A JSONL record of about `megabytes` MB whose text has no line break."""
    target = int(megabytes * 1_000_000)
    parts, size, n = [], 0, 0
    while size < target:
        sentence = SENTENCES[n % len(SENTENCES)]
        parts.append(sentence)
        size += len(sentence) + 1
        n += 1
    return json.dumps({"id": "long", "title": "Talks", "text": " ".join(parts)}).encode() + b"\n"


def seconds_to_build(megabytes: float, folder: Path) -> float:
    path = folder / f"long-{megabytes:g}.jsonl"
    path.write_bytes(one_line_article(megabytes))
    started = time.perf_counter()
    report = build([path], BuildOptions(output=folder / "out", cache=False, jobs=1))
    seconds = time.perf_counter() - started
    path.unlink()
    assert report.articles == 1 and not report.failures, report.failures
    return seconds


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=float, nargs="+", default=[10, 40], metavar="MB")
    args = parser.parse_args()
    times = {}
    with tempfile.TemporaryDirectory() as tmp:
        seconds_to_build(0.1, Path(tmp))  # the parser's first call costs more than the others
        for size in args.sizes:
            times[size] = seconds_to_build(size, Path(tmp))
            print(f"{size:6g} MB on one line: {times[size]:7.1f} s ({times[size] / size:.2f} s/MB)", flush=True)
    small, large = min(times), max(times)
    ratio = times[large] / times[small]
    print(f"{large:g} MB against {small:g} MB: {ratio:.2f}x the time for {large / small:g}x the text")
    return 0 if ratio <= ALLOWED_EXCESS * large / small else 1


if __name__ == "__main__":
    sys.exit(main())
