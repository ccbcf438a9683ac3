"""A corpus of any size made from the project's own articles, for the scale benchmarks.

    python benchmarks/corpus.py N DIR

Writes N .txt articles into DIR: the seed, the test articles and (when beside this checkout)
the development texts, over and over. In every copy after the first, each capitalised word
the gazetteer does not know (people, parties, militias, towns) gets a suffix of its own, so
the number of actors grows with the corpus as it does in real news while states, bodies and
the wording stay real. The same N always gives the same files.
"""
from __future__ import annotations

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SOURCES = [ROOT / "seeds", ROOT / "tests" / "data" / "articles", ROOT.parent / "shared" / "eval" / "dev" / "texts"]
SYLLABLES = ["ar", "en", "ol", "im", "us", "ek", "ov", "ani"]
NAME = re.compile(r"(?<=[a-z,;:] )[A-Z][a-z]{3,}\b")  # a capitalised word inside a sentence


def source_texts() -> list[str]:
    texts = []
    for folder in SOURCES:
        if folder.is_dir():
            texts += [p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.txt"))]
    return texts


def suffix(copy: int) -> str:
    """A pronounceable suffix for the copy number: 1 -> 'en', 2 -> 'ol', ... 9 -> 'enar'."""
    out, n = "", copy
    while n:
        n, digit = divmod(n, len(SYLLABLES))
        out = SYLLABLES[digit] + out
    return out


def varied(text: str, copy: int, known) -> str:
    if copy == 0:
        return text
    tail = suffix(copy)
    return NAME.sub(lambda m: m.group() if known(m.group()) else m.group() + tail, text)


def make_corpus(size: int, folder: Path) -> list[Path]:
    from kg.knowledge.load import load_rules

    gazetteer = load_rules().gazetteer
    known = lambda word: gazetteer.entry(word) is not None  # noqa: E731
    texts = source_texts()
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for n in range(size):
        copy, which = divmod(n, len(texts))
        path = folder / f"{n:05}.txt"
        path.write_text(varied(texts[which], copy, known), encoding="utf-8")
        paths.append(path)
    return paths


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    made = make_corpus(int(sys.argv[1]), Path(sys.argv[2]))
    print(f"{len(made)} articles -> {sys.argv[2]}")
