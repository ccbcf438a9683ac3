"""Convert PETRARCH2's Phoenix actor dictionaries into kg data: the people of each state
(`ontology/phoenix_people.tsv`).

    python tools/phoenix_actors.py [SOURCE_DIR]

SOURCE_DIR defaults to ../shared/eval/petrarch2/source_petrarch2 (MIT, Open Event Data Alliance).

People come from `Phoenix.Countries.actors.txt`: every name the dictionary generated from its
CountryInfo file (marked `# CountryInfo.txt`), with the spellings listed under it and the codes
it was given, each with its dates ('KENGOV >080301': in Kenya's government from 2008-03-01). A
person's state is the one all their country codes name; a person whose codes name two states,
who is coded to an international organisation there or in `Phoenix.International.actors.txt`
(a UN Secretary-General is no longer his state's), or whose name is a single word, is left out.
kg reads the file as the nationality of a person it finds in a text, so that 'Foreign Minister
X' is X's state's; the posts themselves are not read, since the dictionary stops in 2014.

The armed groups of `Phoenix.MilNonState.actors.txt` are not converted: its rebel codes are of
their time (the African National Congress is coded a South African rebel group), and many of its
entries are a person's or a slogan's name; kg's own gazetteer names the armed groups it knows.

The output depends only on the dictionaries and `ontology/countries.tsv`, and is sorted; the
script prints how many people came in and how many were left out, by reason."""
from __future__ import annotations

import argparse
import re
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT.parent / "shared" / "eval" / "petrarch2" / "source_petrarch2"
COUNTRIES = ROOT / "ontology" / "countries.tsv"
PEOPLE = ROOT / "ontology" / "phoenix_people.tsv"
ORIGIN = "openeventdata/petrarch2, petrarch2/data/dictionaries/, commit 676801cd9cb2924bbbad09f86d15c9323e7097bf"
NOTICE = """# The MIT License (MIT)
# Copyright (c) 2014 Open Event Data Alliance
# Permission is hereby granted, free of charge, to any person obtaining a copy of this software and
# associated documentation files (the "Software"), to deal in the Software without restriction,
# including without limitation the rights to use, copy, modify, merge, publish, distribute,
# sublicense, and/or sell copies of the Software, and to permit persons to whom the Software is
# furnished to do so, subject to the following conditions: The above copyright notice and this
# permission notice shall be included in all copies or substantial portions of the Software.
# THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR IMPLIED, INCLUDING BUT
# NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY, FITNESS FOR A PARTICULAR PURPOSE AND
# NONINFRINGEMENT. IN NO EVENT SHALL THE AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM,
# DAMAGES OR OTHER LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM, OUT
# OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE SOFTWARE."""

# Words written lower-case inside a name, and words that make a spelling a title or a description
# rather than a name ('PRESIDENT_HU_JINTAO', 'REVOLUTIONARY_LEFT').
PARTICLES = {"al", "el", "bin", "ibn", "ould", "de", "da", "do", "dos", "das", "del", "della", "di", "du",
             "van", "von", "der", "den", "la", "le", "y", "e", "of", "the", "and", "for", "in"}
NOT_IN_NAMES = {"president", "minister", "prime", "premier", "king", "queen", "prince", "sheikh", "general",
                "secretary", "chairman", "leader", "chief", "commander", "ambassador", "mr", "mrs", "ms", "dr",
                "gen", "col", "lt", "sen", "rep", "gov", "governor", "senator", "spokesman", "official",
                "foreign", "defense", "defence", "deputy", "acting", "former", "vice", "emir", "sultan",
                "supreme", "ayatollah", "cardinal", "pope", "bishop", "rev", "saint", "st", "a.k.a", "aka"}
CODE = re.compile(r"\[([A-Z]{3})([A-Z]*)((?:\s+[<>]?\d{6,8}(?:-\d{6,8})?)?)\s*\]")


@dataclass
class Entry:
    spellings: list[str]
    codes: list[tuple[str, str, str]] = field(default_factory=list)  # (state, agent, dates)
    generated: bool = False


def read_entries(path: Path) -> list[Entry]:
    """A TABARI actor file as entries: the head spelling, the '+' spellings and the codes under it."""
    entries: list[Entry] = []
    for raw in path.read_text(encoding="latin-1").splitlines():
        text, _, comment = raw.partition("#")
        if not text.strip():
            continue
        head = text.lstrip()
        if head.startswith("+") and entries:
            entries[-1].spellings.append(head[1:].split("[")[0].strip())
            entries[-1].codes += CODE.findall(head)
        elif head.startswith("[") and entries:
            entries[-1].codes += CODE.findall(head)
        elif text[:1] not in " \t":
            entries.append(Entry([head.split("[")[0].strip()], CODE.findall(head), "CountryInfo" in comment))
    return entries


def words_of(spelling: str) -> str:
    return " ".join(spelling.replace("_", " ").split())


def display(spelling: str) -> str:
    """'UHURU_KENYATTA_' -> 'Uhuru Kenyatta', 'BASHAR_AL-ASSAD' -> 'Bashar al-Assad'."""
    def part(p: str) -> str:
        low = p.lower()
        return low if low in PARTICLES else "'".join(s[:1].upper() + s[1:] for s in low.split("'"))
    return " ".join("-".join(part(p) for p in w.split("-")) for w in words_of(spelling).split())


def date_of(digits: str) -> str:
    if len(digits) == 8:
        return f"{digits[:4]}-{digits[4:6]}-{digits[6:]}"
    year = int(digits[:2])
    return f"{2000 + year if year <= 20 else 1900 + year}-{digits[2:4]}-{digits[4:]}"


def period(dates: str) -> str:
    """TABARI's date restriction as an ISO interval: '060401-080228' -> '2006-04-01/2008-02-28',
    '>080301' -> '2008-03-01/', '<080301' -> '/2008-03-01'."""
    dates = dates.strip()
    if not dates:
        return ""
    if dates[0] == ">":
        return f"{date_of(dates[1:])}/"
    if dates[0] == "<":
        return f"/{date_of(dates[1:])}"
    start, _, end = dates.partition("-")
    return f"{date_of(start)}/{date_of(end)}" if end else date_of(start)


def name_like(spelling: str, max_words: int = 6) -> bool:
    words = words_of(spelling).lower().replace("-", " ").split()
    return 2 <= len(words) <= max_words and not any(w.strip(".") in NOT_IN_NAMES for w in words) \
        and all(re.fullmatch(r"[a-z][a-z.']*", w) for w in words)


def load_states(path: Path) -> dict[str, str]:
    states = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith(("#", "name\t")):
            continue
        name, iso3 = line.split("\t")[:2]
        states[iso3] = name
    return states


def international_people(entries: list[Entry]) -> set[str]:
    """Spellings of everyone the international dictionary codes to an organisation."""
    return {words_of(s).lower() for e in entries if any(c[0] == "IGO" for c in e.codes) for s in e.spellings}


def convert_people(entries: list[Entry], states: dict[str, str], abroad: set[str], left_out: Counter) -> list[list[str]]:
    rows, seen = [], {}
    for entry in entries:
        if not entry.generated:
            continue
        names = [s for s in entry.spellings if name_like(s)]
        coded = {c[0] for c in entry.codes}
        if not names:
            left_out["person: no spelling of two to six name words"] += 1
        elif "IGO" in coded or any(words_of(s).lower() in abroad for s in entry.spellings):
            left_out["person: coded to an international organisation"] += 1
        elif len(coded) != 1 or next(iter(coded)) not in states:
            left_out["person: no single state of kg's"] += 1
        else:
            state = states[next(iter(coded))]
            periods = sorted({f"{agent or '-'} {period(dates)}".strip() for _, agent, dates in entry.codes})
            spellings = sorted({display(n) for n in names}, key=lambda s: (s != display(names[0]), s))
            for s in spellings:
                seen.setdefault(s.lower(), set()).add(state)
            rows.append([spellings[0], state, "; ".join(periods), "|".join(spellings[1:])])
    twice = {s for s, found in seen.items() if len(found) > 1}
    kept = []
    for row in rows:
        spellings = [row[0], *filter(None, row[3].split("|"))]
        if any(s.lower() in twice for s in spellings):
            left_out["person: a spelling shared with someone of another state"] += 1
            continue
        kept.append(row)
    return sorted(kept)


def make(source: Path) -> tuple[str, list[list[str]], Counter]:
    """The text of `ontology/phoenix_people.tsv` made from the dictionaries in `source`, its rows,
    and what was left out, by reason."""
    left_out: Counter = Counter()
    abroad = international_people(read_entries(source / "Phoenix.International.actors.txt"))
    people = convert_people(read_entries(source / "Phoenix.Countries.actors.txt"), load_states(COUNTRIES), abroad,
                            left_out)
    about = (f"People of each state, converted by tools/phoenix_actors.py from the Phoenix actor\n"
             f"dictionary Phoenix.Countries.actors.txt ({ORIGIN}).\n"
             "kg reads a person's state from it (their nationality), not their posts: the dictionary\n"
             "stops in 2014. periods: the dictionary's codes for them (agent, ISO dates; '-' is none).")
    lines = [f"# {line}" for line in about.splitlines()]
    lines += [NOTICE, "name\tstate\tperiods\taliases", *("\t".join(r) for r in people)]
    return "\n".join(lines) + "\n", people, left_out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source", nargs="?", type=Path, default=SOURCE)
    args = parser.parse_args(argv)
    text, people, left_out = make(args.source)
    temporary = PEOPLE.with_suffix(".tmp")
    temporary.write_text(text, encoding="utf-8")
    temporary.replace(PEOPLE)
    print(f"{len(people)} people, {sum(1 + len(r[3].split('|')) - (not r[3]) for r in people)} spellings")
    for reason, count in sorted(left_out.items()):
        print(f"left out: {count} {reason}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
