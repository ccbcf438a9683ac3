"""`kg query`: SPARQL on a graph file with Oxigraph, saved queries, result formats, read-only
by default, syntax errors with line and column, a time limit."""
from __future__ import annotations

import csv
import io
import json
import os
import time

import pytest

from kg.query.sparql import QueryError, QuerySyntaxError, QueryTimeout, run_query, run_saved, saved_queries
from kg.graph.store import load_store
from tests.cli import invoke
from tests.recorder import Answer, Recorder

SLOW = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"


@pytest.fixture
def graph(seed_build, tmp_path):
    path = tmp_path / "graph.ttl"
    path.write_bytes(seed_build[0].read_bytes())
    return path


@pytest.fixture(scope="module")
def store(seed_build):
    return load_store(seed_build[0])


def test_query_list_names_every_saved_query_with_a_description():
    result = invoke("query", "--list")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert [line.split()[0] for line in lines] == sorted(saved_queries())
    assert {"met-with", "planned-meetings", "opposes", "called-for", "actor", "posts", "timeline",
            "evidence"} <= set(saved_queries())
    assert any(line.startswith("actor ") and line.endswith("--param actor=...") for line in lines)


def test_query_select_prints_an_aligned_table(graph):
    result = invoke("query", graph, "--name", "met-with")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines()[:4] == [
        "actor              other",
        "-----------------  -------------",
        "Ali Mahmoud Abbas  Hakan Fidan",
        "Ali Mahmoud Abbas  Hulusi Akar",
    ]
    assert result.stdout.endswith("(6 rows)\n")


def test_query_saved_met_with_holds_no_planned_meeting(store):
    rows = run_query(store, saved_queries()["met-with"].text).rows
    pairs = {(a.value, b.value) for a, b in rows}
    assert ("Hulusi Akar", "Sergei Shoigu") in pairs
    assert not any("Cavusoglu" in a + b for a, b in pairs)
    planned = run_query(store, saved_queries()["planned-meetings"].text).rows
    assert [(r[0].value, r[1].value, r[2].value) for r in planned] == [("Faisal Mekdad", "Mevlut Cavusoglu", "2023-01")]


def test_query_saved_with_parameters(graph):
    result = invoke("query", graph, "--name", "evidence", "-p", "a=akar", "--param", "b=Sergei Shoigu")
    assert result.exit_code == 1
    assert result.stderr == "kg: no actor called 'akar' in the graph\n"  # names are matched whole
    result = invoke("query", graph, "--name", "evidence", "-p", "a=hulusi akar", "-p", "b=Sergei Shoigu",
                    "--format", "json")
    answer = json.loads(result.stdout)
    assert answer["head"]["vars"] == ["subject", "relation", "object", "modality", "evidence", "article", "title"]
    rows = answer["results"]["bindings"]
    assert len(rows) == 3
    assert {r["relation"]["value"] for r in rows} == {"metWith"}
    assert rows[0]["article"] == {"type": "uri", "value": "https://w3id.org/newskg/id/article/000-fe58f1c9c5d68111"}


def test_query_saved_without_its_parameter_is_a_usage_error(graph):
    result = invoke("query", graph, "--name", "actor")
    assert result.exit_code == 2
    assert "needs --param actor=<the actor's name or one of its aliases>" in result.stderr


def test_query_parameter_value_cannot_break_out_of_the_query(store):
    hostile = 'x" } } ; DROP ALL ; SELECT * WHERE { ?s ?p "'
    rows = run_query(store, "SELECT ?x WHERE { ?x rdfs:label ?name }", params={"name": hostile}).rows
    assert rows == []
    with pytest.raises(QueryError, match="no actor called"):
        run_saved(store, saved_queries()["actor"], {"actor": hostile})
    assert len(store) > 500


def test_query_saved_actor_by_alias_ignoring_case(store):
    rows = run_saved(store, saved_queries()["actor"], {"actor": "hts"}).rows
    assert {(r[0].value, r[1].value, r[2].value) for r in rows} >= {
        ("Abu Muhammad al-Julani", "leads", "Hay'at Tahrir al-Sham"),
        ("Maysar bin Ali al-Jubouri", "memberOf", "Hay'at Tahrir al-Sham")}


@pytest.mark.parametrize("fmt, check", [
    ("csv", lambda out: list(csv.reader(io.StringIO(out)))[:2] == [["x"], ["https://w3id.org/newskg/id/russia"]]),
    ("tsv", lambda out: out.splitlines()[:2] == ["?x", "<https://w3id.org/newskg/id/russia>"]),
    ("md", lambda out: out.splitlines()[:3] == ["| x |", "|---|", "| kgr:russia |"]),
    ("json", lambda out: json.loads(out)["results"]["bindings"][0]["x"]["value"].endswith("/russia")),
])
def test_query_formats(graph, fmt, check):
    result = invoke("query", graph, "SELECT ?x WHERE { ?x a kg:Country } ORDER BY ?x", "--format", fmt)
    assert result.exit_code == 0, result.stderr
    assert check(result.stdout), result.stdout


def test_query_csv_uses_crlf_as_the_sparql_format_says(graph):
    result = invoke("query", graph, "SELECT ?x WHERE { ?x a kg:Country } ORDER BY ?x", "--format", "csv")
    assert result.stdout_bytes.startswith(b"x\r\nhttps://")


def test_query_ask_and_construct(graph):
    assert invoke("query", graph, "ASK { kgr:turkey a kg:Country }").stdout == "true\n"
    assert invoke("query", graph, "ASK { kgr:turkey a kg:Person }").stdout == "false\n"
    result = invoke("query", graph, "CONSTRUCT { ?x a kg:Country } WHERE { ?x a kg:Country }")
    assert result.exit_code == 0
    assert "kgr:turkey a kg:Country ." in result.stdout and "@prefix kg:" in result.stdout


def test_query_from_a_file(graph, tmp_path):
    path = tmp_path / "q.rq"
    path.write_text("PREFIX kg: <https://w3id.org/newskg/ontology#>\nSELECT (COUNT(*) AS ?n) WHERE { ?x a kg:Country }\n")
    result = invoke("query", graph, "-f", path, "--format", "csv")
    assert result.stdout_bytes == b"n\r\n3\r\n"


def test_query_syntax_error_gives_line_and_column_and_status_2(graph):
    result = invoke("query", graph, "SELECT ?x WHERE {\n  ?x a kg:Country\n  nonsense }")
    assert result.exit_code == 2
    assert result.stderr.startswith("kg: query: syntax error at line 3, column ")
    assert len(result.stderr.splitlines()) == 1


def test_query_syntax_error_in_a_file_names_the_file(graph, tmp_path):
    path = tmp_path / "broken.rq"
    path.write_text("SELECT WHERE { }")
    result = invoke("query", graph, "-f", path)
    assert result.exit_code == 2
    assert result.stderr.startswith(f"kg: {path}: syntax error at line 1, column ")


def test_query_update_is_refused_without_update_and_the_graph_is_untouched(graph):
    before = graph.read_bytes()
    result = invoke("query", graph, 'INSERT DATA { kgr:x a kg:Country }')
    assert result.exit_code == 1
    assert result.stderr == "kg: query is an update; the graph is read-only unless --update is given\n"
    assert graph.read_bytes() == before
    with pytest.raises(QueryError):
        run_query(load_store(graph), "DELETE WHERE { ?s ?p ?o }")


def test_query_update_with_update_rewrites_the_graph(graph):
    result = invoke("query", graph, "--update", 'INSERT DATA { kgr:xland a kg:Country ; rdfs:label "Xland" }')
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith(f"updated {graph}: ")
    assert invoke("query", graph, 'ASK { kgr:xland rdfs:label "Xland" }').stdout == "true\n"
    assert not list(graph.parent.glob(".*.tmp"))


def test_query_timeout_stops_a_long_query(graph, store):
    result = invoke("query", graph, SLOW, "--timeout", "0.3")
    assert result.exit_code == 1
    assert result.stderr == "kg: query stopped after 0.3 s (--timeout)\n"
    with pytest.raises(QueryTimeout):
        run_query(store, SLOW, timeout=0.2)


@pytest.mark.parametrize("args, message", [
    ([], "give exactly one of QUERY, -f/--file or -n/--name"),
    (["ASK {}", "--name", "met-with"], "give exactly one of QUERY"),
    (["--name", "nothing"], "no saved query called 'nothing'"),
    (["ASK {}", "-p", "novalue"], "'novalue' is not NAME=VALUE"),
])
def test_query_usage_errors(graph, args, message):
    result = invoke("query", graph, *args)
    assert result.exit_code in (1, 2)
    assert message in result.stderr


def test_query_bad_graph_is_one_line(tmp_path):
    bad = tmp_path / "bad.ttl"
    bad.write_text("@prefix a: <http://a/> .\na:x a:y a:z .\na:x a:y \"oops .\n")
    result = invoke("query", bad, "ASK {}")
    assert result.exit_code == 1
    assert result.stderr.startswith(f"kg: {bad}:3: not valid Turtle: ")
    assert len(result.stderr.splitlines()) == 1


def test_query_syntax_error_object_carries_position(store):
    with pytest.raises(QuerySyntaxError) as err:
        run_query(store, "SELECT ?x WHERE {\n?x ?y }")
    assert (err.value.line, err.value.column) == (2, 8)


@pytest.mark.parametrize("template, reached", [
    ("LOAD <{url}/data.ttl>", "LOAD <{url}/data.ttl>"),
    ("LOAD SILENT <{url}/data.ttl> INTO GRAPH <urn:x>", "LOAD <{url}/data.ttl>"),
    ("SELECT * WHERE {{ SERVICE <{url}/sparql> {{ ?s ?p ?o }} }}", "SERVICE <{url}/sparql>"),
    ("SELECT * FROM <{url}/g> WHERE {{ ?s ?p ?o }}", "FROM <{url}/g>"),
    ("PREFIX ex: <{url}/> SELECT * FROM NAMED ex:g WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }}", "FROM ex:g"),
    ("DELETE {{ ?s ?p ?o }} USING <{url}/g> WHERE {{ ?s ?p ?o }}", "USING <{url}/g>"),
])
@pytest.mark.parametrize("update", [False, True])
def test_query_reaches_nothing_but_the_graph_file(graph, template, reached, update):
    before = graph.read_bytes()
    with Recorder() as remote:
        args = ["query", graph, template.format(url=remote.url)] + (["--update"] if update else [])
        result = invoke(*args)
    assert result.exit_code == 2
    assert result.stderr == (f"kg: query reaches outside the graph ('{reached.format(url=remote.url)}'); "
                             "kg query reads only the graph file unless --allow-network is given\n")
    assert remote.requests == []
    assert graph.read_bytes() == before


def test_query_words_like_load_in_strings_names_and_comments_are_no_requests(graph):
    result = invoke("query", graph, 'SELECT ?load WHERE { ?load rdfs:label "LOAD <http://x/>" } '
                                    "# SERVICE <http://y/>\nLIMIT 1", "--format", "csv")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines()[0] == "load"


def test_query_from_a_graph_of_the_file_is_allowed(tmp_path):
    path = tmp_path / "g.trig"
    path.write_text("<https://example.org/g1> { <urn:a> <urn:b> <urn:c> . }\n", encoding="utf-8")
    result = invoke("query", path, "SELECT (COUNT(*) AS ?n) FROM NAMED <https://example.org/g1> "
                                   "WHERE { GRAPH ?g { ?s ?p ?o } }", "--format", "csv")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines() == ["n", "1"]


def test_query_checking_an_update_never_runs_it(graph):
    with Recorder() as remote:
        result = invoke("query", graph, f"LOAD <{remote.url}/data.ttl>", "--allow-network")
    assert result.exit_code == 1
    assert result.stderr == "kg: query is an update; the graph is read-only unless --update is given\n"
    assert remote.requests == []


@pytest.mark.parametrize("request_text", [
    "LOAD <{url}/data.ttl>",
    "SELECT * WHERE {{ SERVICE <{url}/sparql> {{ ?s ?p ?o }} }}",
])
def test_query_timeout_bounds_a_remote_that_never_answers(graph, request_text):
    with Recorder() as remote:
        remote.answer("GET", Answer(hang=True))
        remote.answer("POST", Answer(hang=True))
        started = time.monotonic()
        result = invoke("query", graph, request_text.format(url=remote.url), "--update", "--allow-network",
                        "--timeout", "1.5")
        took = time.monotonic() - started
    assert result.exit_code == 1
    assert result.stderr == "kg: query stopped after 1.5 s (--timeout)\n"
    assert len(remote.requests) == 1  # one request, made once
    assert took < 10


def test_query_update_output_is_checked_before_running(tmp_path, seed_build):
    folder = tmp_path / "ro"
    folder.mkdir()
    graph = folder / "g.ttl"
    graph.write_bytes(seed_build[0].read_bytes())
    folder.chmod(0o555)
    try:
        if os.access(folder, os.W_OK):
            pytest.skip("running as a user who may write anywhere")
        result = invoke("query", graph, "INSERT DATA { <urn:a> <urn:b> <urn:c> }", "--update")
    finally:
        folder.chmod(0o755)
    assert result.exit_code == 1
    assert result.stderr.startswith(f"kg: {graph}: cannot write here: ")


def test_query_update_adding_named_graphs_to_a_turtle_file_is_refused(graph):
    before = graph.read_bytes()
    result = invoke("query", graph, "INSERT DATA { GRAPH <urn:g> { <urn:a> <urn:b> <urn:c> } }", "--update")
    assert result.exit_code == 1
    assert result.stderr == (f"kg: {graph}: the update puts triples in the named graph <urn:g>, which a Turtle file "
                             f"cannot hold; the file is unchanged (to keep named graphs, convert it first: "
                             f"kg export {graph} --format trig -o GRAPH.trig)\n")
    assert graph.read_bytes() == before


def test_query_update_keeps_the_named_graphs_of_a_trig_file(graph, tmp_path):
    trig = tmp_path / "g.trig"
    assert invoke("export", graph, "--format", "trig", "-o", trig).exit_code == 0
    result = invoke("query", trig, "INSERT DATA { GRAPH <urn:g> { <urn:a> <urn:b> <urn:c> } }", "--update")
    assert result.exit_code == 0, result.stderr
    result = invoke("query", trig, "SELECT ?g WHERE { GRAPH ?g { <urn:a> <urn:b> <urn:c> } }", "--format", "csv")
    assert result.stdout.splitlines() == ["g", "urn:g"]
