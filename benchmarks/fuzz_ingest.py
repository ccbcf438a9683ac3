"""Feed `kg build` hundreds of damaged and hostile inputs made from the project's own
articles, and report crashes, tracebacks and the slowest cases.

    python benchmarks/fuzz_ingest.py [--cases N] [--seed S] [--keep DIR]

Each case is one file (.txt, .md, .html or .jsonl) made from a seed or test article by a
mutation: byte flips, truncation (also inside a UTF-8 sequence), invisible and
direction-override characters, NUL and control bytes, a huge token, deep nesting, one
sentence repeated thousands of times in one paragraph, another encoding, broken front
matter. Named cases add what once stopped a build: file names that are no UTF-8 or hold a
line break, a link to itself, a link to a folder, HTML and JSON nested deep, names written
with look-alike letters of another script, a multi-megabyte line. Every case is put in a
folder of its own, which goes through the library's `build` (what `kg build` runs), with
the parser loaded once. A case crashes when an exception escapes the build or an article
fails with "extraction failed"; an input refused with one line (binary, empty, bad JSON)
is a correct outcome. Exits 1 when a case crashed or took over 10 s.
"""
from __future__ import annotations

import argparse
import html
import json
import os
import random
import shutil
import signal
import sys
import tempfile
import time
import traceback
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kg.build import BuildOptions, NothingBuilt, build  # noqa: E402

SOURCES = [ROOT / "seeds" / "000_fe58f1c9c5d68111.txt", ROOT / "tests" / "data" / "articles" / "sahel-talks.txt",
           ROOT / "tests" / "data" / "articles" / "baltic-call.md"]
FORMATS = (".txt", ".md", ".html", ".jsonl")
SLOW_SECONDS = 10.0
HUNG_SECONDS = 120


@dataclass(frozen=True)
class Case:
    name: str
    suffix: str
    data: bytes
    file_name: bytes | None = None  # the name on disk (bytes: it may be no UTF-8), else NAME+SUFFIX
    link: str | None = None  # also a link beside the file: "self" (to itself) or "folder" (to a folder)


@dataclass
class Outcome:
    case: Case
    seconds: float
    crash: str | None  # the traceback or failure line of a crash
    articles: int
    failures: int


def _source_texts() -> list[str]:
    texts = []
    for path in SOURCES:
        if path.exists():
            text = path.read_text(encoding="utf-8")
            if text.startswith("---"):
                text = text.split("---", 2)[-1]
            texts.append(text.strip())
    return texts


# --- mutations of the text, then of the bytes ------------------------------------


def _invisible(rng: random.Random, text: str) -> str:
    marks = ["\u200b", "\ufeff", "\u202e", "\u2066", "\u200d", "\u00ad", "\x00", "\x1b[31m", "\r"]
    chars = list(text)
    for _ in range(rng.randint(5, 200)):
        chars.insert(rng.randrange(len(chars) + 1), rng.choice(marks))
    return "".join(chars)


def _huge_token(rng: random.Random, text: str) -> str:
    token = rng.choice(["A", "[", "](", "*a ", "<", "&amp;", "al-", "—", "x" * 7 + "-"]) * rng.randint(5_000, 40_000)
    at = rng.randrange(len(text) + 1)
    return text[:at] + token + text[at:]


def _repeated(rng: random.Random, text: str) -> str:
    """One sentence said hundreds of times in one paragraph, up to about 300 KB (the
    inputs that once broke the build test larger ones)."""
    sentences = [s for s in text.replace("\n", " ").split(". ") if len(s) > 30] or [text[:200]]
    sentence = rng.choice(sentences).strip() + ". "
    return rng.choice(sentences).strip() + ". " + sentence * min(rng.randint(500, 3000), 300_000 // len(sentence))


def _nested(rng: random.Random, text: str) -> str:
    opener = rng.choice(["> ", "[", "(", "- ", "    ", "“"])
    return opener * rng.randint(1_000, 20_000) + text


def _shuffled_words(rng: random.Random, text: str) -> str:
    words = text.split()
    rng.shuffle(words)
    return " ".join(words)


def _unchanged(rng: random.Random, text: str) -> str:
    return text


TEXT_MUTATIONS = {"invisible": _invisible, "huge-token": _huge_token, "repeated": _repeated,
                  "nested": _nested, "word-soup": _shuffled_words, "plain": _unchanged}


def _flip(rng: random.Random, data: bytes) -> bytes:
    out = bytearray(data)
    for _ in range(rng.randint(1, 60)):
        if out:
            out[rng.randrange(len(out))] = rng.randrange(256)
    return bytes(out)


def _truncate(rng: random.Random, data: bytes) -> bytes:
    return data[:rng.randrange(len(data) + 1)]


def _reencode(rng: random.Random, data: bytes) -> bytes:
    text = data.decode("utf-8", "replace")
    encoding = rng.choice(["utf-16", "utf-32", "cp1252", "iso-8859-9", "cp1250", "utf-8-sig"])
    return text.encode(encoding, "replace")


def _controls(rng: random.Random, data: bytes) -> bytes:
    out = bytearray(data)
    for _ in range(rng.randint(1, 40)):
        out.insert(rng.randrange(len(out) + 1), rng.randrange(0, 32))
    return bytes(out)


def _keep(rng: random.Random, data: bytes) -> bytes:
    return data


BYTE_MUTATIONS = {"flip": _flip, "truncate": _truncate, "reencode": _reencode, "controls": _controls, "keep": _keep}


# --- the four input formats -------------------------------------------------------


def _wrap(rng: random.Random, suffix: str, text: str) -> str:
    title = text.split("\n", 1)[0][:120]
    if suffix == ".md":
        front = rng.choice(["", f"---\ntitle: {json.dumps(title)}\ndate: 2024-05-06\n---\n",
                            "---\ndate: 2024-13-45\ntitle: [a, b]\n---\n", "---\na: &x [1]\nb: *x\n---\n",
                            "---\ntitle: " + "[" * 3000 + "\n---\n"])
        return front + text
    if suffix == ".html":
        paragraphs = "".join(f"<p>{html.escape(p)}</p>" for p in text.split("\n") if p.strip())
        attributes = rng.choice(["", " " + " ".join(f'a{i}="x"' for i in range(rng.randint(1, 20_000)))])
        return (f"<html><head><title>{html.escape(title)}</title></head><body><nav>Home</nav>"
                f"<article{attributes}>{paragraphs}</article></body></html>")
    if suffix == ".jsonl":
        record = {"text": text, "title": rng.choice([title, ["a", "list"], 7, None]),
                  "date": rng.choice(["2024-05-06", "2024-02-30", "yesterday", None])}
        line = json.dumps(record, ensure_ascii=rng.random() < 0.5)
        if rng.random() < 0.1:
            line = '{"text": "x", "deep": ' + "[" * 100_000 + "]" * 100_000 + "}"
        return line + "\n" + json.dumps({"text": text[:500]}) + "\n"
    return text


def make_cases(count: int, seed: int = 0) -> list[Case]:
    """`count` inputs, the same for the same seed."""
    rng = random.Random(seed)
    texts = _source_texts()
    cases = []
    for n in range(count):
        text_mutation = list(TEXT_MUTATIONS)[n % len(TEXT_MUTATIONS)]
        byte_mutation = list(BYTE_MUTATIONS)[(n // len(TEXT_MUTATIONS)) % len(BYTE_MUTATIONS)]
        suffix = FORMATS[n % len(FORMATS)]
        text = TEXT_MUTATIONS[text_mutation](rng, rng.choice(texts))
        data = BYTE_MUTATIONS[byte_mutation](rng, _wrap(rng, suffix, text).encode("utf-8"))
        cases.append(Case(f"{n:04}-{text_mutation}-{byte_mutation}", suffix, data))
    return cases


def _bomb() -> str:
    rows = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'] + [
        f"{b}: &{b} [{','.join(['*' + a] * 9)}]" for a, b in zip("abcdefgh", "bcdefghi")]
    return "---\n" + "\n".join(rows) + "\ntitle: *i\n---\nThe council met.\n"


_SENTENCES = ["The Turkish foreign minister met his Russian counterpart in Moscow on Monday. ",
              "Hamas rejected the proposal, officials in Cairo said. ",
              "The army shelled positions held by the rebels near the border. "]


_LOOKALIKES = ("\u0422urkey's foreign minister Hakan Fi\u0501an met Russian Foreign Minister Sergei Lavrov "
               "in Mo\u0455cow on Monday, and \u0422urkey called for talks with Syria.\n")


def _one_long_line(megabytes: float) -> bytes:
    """A JSONL record whose text is one line of `megabytes` MB: news sentences, each followed
    by a run of spaces (a page's layout), so that the line is long but its sentences few."""
    unit = " ".join(_SENTENCES) + " " * 2_000
    text = unit * int(megabytes * 1_000_000 / len(unit))
    return json.dumps({"id": "long-line", "title": "Talks", "text": text}).encode() + b"\n"


def pathological_cases() -> list[Case]:
    """The inputs that once took minutes or crashed the build, each by name."""
    attributes = " ".join(f'a{i}="x"' for i in range(100_000))
    article = "".join(_SENTENCES).encode()
    return [
        Case("markdown-emphasis", ".md", ("Title\n\n" + "*a " * 30_000).encode()),
        Case("markdown-brackets", ".md", ("Title\n\n" + "[" * 45_000).encode()),
        Case("markdown-links", ".md", ("Title\n\n" + "](" * 45_000).encode()),
        Case("html-attributes", ".html", f"<html><body><article><p {attributes}>Turkey met Russia in Moscow."
                                         "</p></article></body></html>".encode()),
        Case("repeated-paragraph", ".txt", ("Talks\n\n" + _SENTENCES[0] * 6_000).encode()),
        Case("over-parser-limit", ".txt", ("Talks\n\n" + "".join(_SENTENCES) * 7_000).encode()),
        Case("front-matter-alias-bomb", ".md", _bomb().encode()),
        Case("front-matter-bad-date", ".md", b"---\ndate: 2024-13-45\n---\nTurkey met Russia in Moscow.\n"),
        Case("jsonl-deep-nesting", ".jsonl", b'{"text": "x", "deep": ' + b"[" * 100_000 + b"]" * 100_000 + b"}\n"),
        Case("utf-16", ".txt", "Talks\n\nTurkey met Russia in Moscow on Monday.\n".encode("utf-16")),
        Case("name-not-utf8", ".txt", article, file_name=b"caf\xe9-\xff\xfe.txt"),
        Case("name-with-line-break", ".txt", article, file_name=b"two\nlines\r.txt"),
        Case("link-to-itself", ".txt", article, link="self"),
        Case("link-to-folder", ".txt", article, link="folder"),
        Case("html-deep-nesting", ".html", ("<html><body>" + "<div>" * 50_000 + "<p>" + "".join(_SENTENCES)
                                            + "</p>" + "</div>" * 50_000 + "</body></html>").encode()),
        Case("jsonl-deep-objects", ".jsonl", b'{"text": "Turkey met Russia in Moscow.", "meta": '
                                             + b'{"a": ' * 50_000 + b"1" + b"}" * 50_000 + b"}\n"),
        Case("lookalike-letters", ".txt", _LOOKALIKES.encode()),
        Case("long-line", ".jsonl", _one_long_line(3)),
    ]


# --- running them -----------------------------------------------------------------


class _Hung(Exception):
    pass


def _alarm(signum, frame):
    raise _Hung


def _lay_out(case: Case, folder: Path) -> Path:
    """The case as files in a new folder `folder/in` (and `folder/elsewhere`, a link's target)."""
    inputs = folder / "in"
    inputs.mkdir()
    (inputs / os.fsdecode(case.file_name or f"{case.name}{case.suffix}".encode())).write_bytes(case.data)
    if case.link == "self":
        (inputs / f"loop{case.suffix}").symlink_to(f"loop{case.suffix}")
    elif case.link == "folder":
        (folder / "elsewhere").mkdir()
        (folder / "elsewhere" / f"other{case.suffix}").write_bytes(case.data)
        (inputs / "linked").symlink_to(folder / "elsewhere")
    return inputs


def run_case(case: Case, folder: Path) -> Outcome:
    """Build one case in `folder` (kg loads its parser once per process: the first case pays)."""
    inputs = _lay_out(case, folder)
    failures: list[str] = []
    previous = signal.signal(signal.SIGALRM, _alarm)
    signal.alarm(HUNG_SECONDS)
    started = time.perf_counter()
    crash, articles = None, 0
    try:
        report = build([inputs], BuildOptions(output=folder / "out", html=True),
                       on_failure=lambda f: failures.append(str(f)))
        articles = report.articles
    except NothingBuilt:
        pass
    except _Hung:
        crash = f"no answer after {HUNG_SECONDS} s"
    except Exception:
        crash = traceback.format_exc()
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
        shutil.rmtree(inputs)
        shutil.rmtree(folder / "elsewhere", ignore_errors=True)
    seconds = time.perf_counter() - started
    crash = crash or next((f for f in failures if "extraction failed" in f), None)
    return Outcome(case, seconds, crash, articles, len(failures))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=520)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    cases = make_cases(args.cases, args.seed)
    outcomes = []
    with tempfile.TemporaryDirectory() as tmp:
        print("inputs that once broke the build:")
        for case in pathological_cases():
            outcome = run_case(case, Path(tmp))
            outcomes.append(outcome)
            rate = f"{outcome.seconds / len(case.data) * 100_000:6.2f} s/100 KB" if len(case.data) > 10_000 else ""
            print(f"  {outcome.seconds:6.2f} s  {len(case.data) / 1000:8.1f} KB  {rate:>14}  "
                  f"{case.name}{case.suffix}{'  CRASH' if outcome.crash else ''}")
        for n, case in enumerate(cases, 1):
            outcomes.append(run_case(case, Path(tmp)))
            if n % 50 == 0:
                print(f"{n}/{len(cases)} cases", file=sys.stderr)
    crashes = [o for o in outcomes if o.crash]
    slow = [o for o in outcomes if o.seconds > SLOW_SECONDS]
    size = sum(len(c.data) for c in cases)
    print(f"{len(outcomes)} cases ({size / 1e6:.1f} MB): {sum(1 for o in outcomes if o.articles)} built, "
          f"{sum(1 for o in outcomes if not o.articles)} refused with a message, {len(crashes)} crashes, "
          f"{len(slow)} over {SLOW_SECONDS:g} s, {sum(o.seconds for o in outcomes):.0f} s in all")
    print("slowest:")
    for o in sorted(outcomes, key=lambda o: -o.seconds)[:10]:
        print(f"  {o.seconds:6.2f} s  {len(o.case.data) / 1000:8.1f} KB  {o.case.name}{o.case.suffix}")
    for o in crashes:
        print(f"CRASH {o.case.name}{o.case.suffix}:\n{o.crash}")
    return 1 if crashes or slow else 0


if __name__ == "__main__":
    sys.exit(main())
