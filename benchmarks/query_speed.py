"""How fast the saved queries answer on a large graph: a synthetic graph of the contract
with about a million triples (N-Triples written directly, loaded with Oxigraph), each saved
query run once, timed.

    python benchmarks/query_speed.py [RELATIONS]

RELATIONS defaults to 80000 (about 1.05 million triples).
"""
from __future__ import annotations

import random
import sys
import tempfile
import time
from pathlib import Path

from kg.query.sparql import run_saved, saved_queries
from kg.graph.store import load_store

KG = "https://w3id.org/newskg/ontology#"
ID = "https://w3id.org/newskg/id/"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
XSD = "http://www.w3.org/2001/XMLSchema#"
PROV = "http://www.w3.org/ns/prov#"
TYPES = ["Person", "Country", "ArmedGroup", "GovernmentBody", "Organization"]
RELATIONS = ["metWith", "opposes", "supports", "attacked", "alliedWith", "calledFor"]
MODALITIES = ["Asserted"] * 8 + ["Planned", "Negated"]


def write_graph(path: Path, relations: int, seed: int = 1) -> None:
    rng = random.Random(seed)
    actors = max(100, relations // 4)
    with path.open("w", encoding="utf-8") as out:
        def t(s: str, p: str, o: str) -> None:
            out.write(f"{s} {p} {o} .\n")

        for n in range(actors):
            a = f"<{ID}actor-{n}>"
            t(a, f"<{RDF}type>", f"<{KG}{TYPES[n % len(TYPES)]}>")
            t(a, f"<{RDFS}label>", f'"Actor {n}"')
            if n % 3 == 0:
                post = f"<{ID}post/{n}>"
                t(post, f"<{RDF}type>", f"<{KG}Post>")
                t(post, f"<{KG}holder>", a)
                t(post, f"<{KG}postIn>", f"<{ID}actor-{(n + 1) % actors}>")
                t(post, f'<{RDFS}label>', '"Minister"')
        for n in range(relations // 10 + 1):
            art = f"<{ID}article/{n}>"
            t(art, f"<{RDF}type>", f"<{KG}Article>")
            t(art, "<http://purl.org/dc/terms/title>", f'"Article {n}"')
        for n in range(relations):
            s = f"<{ID}actor-{rng.randrange(actors)}>"
            o = f"<{ID}actor-{int(rng.paretovariate(1.1)) % actors}>"
            p, m = RELATIONS[n % len(RELATIONS)], rng.choice(MODALITIES)
            st = f"<{ID}statement/{n}>"
            for pred, obj in ((f"<{RDF}type>", f"<{RDF}Statement>"), (f"<{RDF}subject>", s),
                              (f"<{RDF}predicate>", f"<{KG}{p}>"), (f"<{RDF}object>", o),
                              (f"<{KG}modality>", f"<{KG}{m}>"), (f"<{KG}evidence>", f'"Sentence {n} of the corpus."'),
                              (f"<{KG}charStart>", f'"0"^^<{XSD}integer>'), (f"<{KG}charEnd>", f'"40"^^<{XSD}integer>'),
                              (f"<{PROV}wasDerivedFrom>", f"<{ID}article/{n // 10}>"),
                              (f"<{KG}confidence>", f'"0.80"^^<{XSD}decimal>')):
                t(st, pred, obj)
            if n % 3 == 0:
                t(st, f"<{KG}date>", f'"2023-{1 + n % 12:02d}-{1 + n % 28:02d}"^^<{XSD}date>')
            if m == "Asserted":
                t(s, f"<{KG}{p}>", o)


def main() -> None:
    relations = int(sys.argv[1]) if len(sys.argv) > 1 else 80_000
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "big.nt"
        started = time.perf_counter()
        write_graph(path, relations)
        written = time.perf_counter() - started
        started = time.perf_counter()
        store = load_store(path)
        loaded = time.perf_counter() - started
    print(f"{len(store):,} triples (written in {written:.1f} s, loaded in {loaded:.1f} s)")
    # Actor 1 is the biggest hub (a quarter of all relations); Actor 100 a typical actor.
    params = {"actor": "Actor 100", "a": "Actor 1", "b": "Actor 100"}
    slowest = 0.0
    for name, query in saved_queries().items():
        started = time.perf_counter()
        result = run_saved(store, query, {p: params[p] for p in query.params})
        seconds = time.perf_counter() - started
        slowest = max(slowest, seconds)
        print(f"  {name:18} {seconds:7.3f} s  {len(result.rows):8,} rows")
    print(f"slowest saved query: {slowest:.3f} s")


if __name__ == "__main__":
    main()
