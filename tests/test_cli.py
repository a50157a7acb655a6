"""Every CLI command through click's runner: exit codes and one-line errors."""

import json

import pytest
from click.testing import CliRunner

from kg.cli import main


@pytest.fixture
def run(tmp_path):
    runner = CliRunner()
    store = f"oxigraph:{tmp_path / 'db'}"

    def invoke(*args, store_arg=True):
        argv = (["--store", store] if store_arg else []) + list(args)
        return runner.invoke(main, argv, catch_exceptions=False)

    return invoke


def test_version(run):
    r = run("--version", store_arg=False)
    assert r.exit_code == 0 and "aseankg" in r.output


def test_init_is_idempotent(run):
    assert run("init").exit_code == 0
    first = json.loads(run("stats", "--format", "json").output)
    assert run("init").exit_code == 0
    second = json.loads(run("stats", "--format", "json").output)
    assert first == second
    assert first["instances"]["akg:MemberState"] == 11


def test_stats_text(run):
    run("init")
    r = run("stats")
    assert r.exit_code == 0 and "triples" in r.output and "akg:Partnership" in r.output


def test_validate_ok_and_failing(run, tmp_path):
    run("init")
    r = run("validate")
    assert r.exit_code == 0, r.output
    from rdflib import Graph

    from kg.namespaces import GRAPH
    from kg.stores import open_store

    bad = Graph().parse(
        data="""@prefix akg: <https://w3id.org/aseankg/ontology#> .
        <https://w3id.org/aseankg/person/x> a akg:Person .""",
        format="turtle",
    )
    s = open_store(f"oxigraph:{tmp_path / 'db'}")
    s.put_graph(GRAPH["release/bad"], bad)
    s.close()
    r = run("validate")
    assert r.exit_code == 1 and "violation" in r.output


@pytest.mark.slow  # the owlrl engine takes seconds
def test_reason_both_engines(run):
    run("init")
    r = run("reason")
    assert r.exit_code == 0 and "derived graphs rebuilt" in r.output
    n1 = json.loads(run("stats", "--format", "json").output)["inferred_triples"]
    r = run("reason", "--engine", "owlrl")
    assert r.exit_code == 0
    n2 = json.loads(run("stats", "--format", "json").output)["inferred_triples"]
    assert n1 == n2 > 0


def test_bad_store_descriptor_is_usage_error(run):
    r = CliRunner().invoke(main, ["--store", "nosuch:x", "stats"])
    assert r.exit_code == 2 and "unknown store descriptor" in r.output


def test_quiet(run):
    r = run("-q", "init")
    assert r.exit_code == 0 and r.output == ""


REL = __import__("pathlib").Path(__file__).parent / "fixtures" / "releases"


def test_extract_json_jsonl_turtle_and_out_dir(run, tmp_path):
    r = run("extract", str(REL / "r01_som_today.txt"), store_arg=False)
    assert r.exit_code == 0 and json.loads(r.output)["meetings"][0]["edition"] == 31
    r = run(
        "extract", "--format", "jsonl", str(REL / "r01_som_today.txt"), str(REL / "r02_summit_mdy.txt"), store_arg=False
    )
    assert r.exit_code == 0 and len(r.output.strip().splitlines()) == 2
    r = run("extract", "--format", "turtle", str(REL / "r02_summit_mdy.txt"), store_arg=False)
    assert r.exit_code == 0 and "meeting/asean-japan-summit/27" in r.output
    out = tmp_path / "out"
    r = run("extract", str(REL), "--out-dir", str(out), store_arg=False)
    assert r.exit_code == 0
    assert sorted(p.name for p in out.iterdir()) == sorted(p.stem + ".json" for p in REL.iterdir())


def test_extract_bad_file_is_exit_2(run, tmp_path):
    bad = tmp_path / "x.txt"
    bad.write_bytes(b"\xff\xfe\x00\x00")
    r = CliRunner().invoke(main, ["extract", str(bad)])
    assert r.exit_code == 2 and str(bad) in r.output


def test_load_needs_a_store_or_create(run):
    r = run("load", str(REL / "r02_summit_mdy.txt"))
    assert r.exit_code == 2 and "no store at" in r.output and "--create" in r.output
    r = run("stats")
    assert r.exit_code == 2 and "no store at" in r.output


def test_load_unchanged_retract(run):
    r = run("load", "--create", str(REL))
    assert r.exit_code == 0 and "releases loaded 14" in r.output
    r = run("load", str(REL / "r02_summit_mdy.txt"))
    assert r.exit_code == 0 and "unchanged" in r.output
    r = run("retract", "https://example.org/asean/japan-summit-27")
    assert r.exit_code == 0 and "retracted 1" in r.output
    r = run("retract", "https://example.org/nothing")
    assert r.exit_code == 2 and "no release matches" in r.output


def test_load_directory_goes_past_bad_files(run, tmp_path):
    d = tmp_path / "mixed"
    d.mkdir()
    (d / "good.txt").write_text((REL / "r04_jcc_numeric.txt").read_text())
    (d / "empty.txt").write_text("")
    r = run("load", "--create", str(d))
    assert r.exit_code == 1
    assert "releases loaded 1" in r.output and "empty.txt: empty file" in r.output


def test_load_stdin(run):
    r = CliRunner().invoke(
        main, ["--store", "memory:", "load", "-"], input=(REL / "r05_working_online.txt").read_bytes()
    )
    assert r.exit_code == 0 and "releases loaded 1" in r.output


def test_query_formats_and_usage_errors(run):
    assert run("load", "--create", str(REL)).exit_code == 0
    r = run("query", "meetings", "-p", "partner=NZ", "--format", "json")
    assert r.exit_code == 0
    rows = json.loads(r.output)
    assert rows and set(rows[0]) >= {
        "meeting",
        "name",
        "level",
        "framework",
        "start",
        "modality",
        "partners",
        "sources",
    }
    for fmt in ("table", "csv", "tsv"):
        assert run("query", "partner-history", "-p", "partner=RU", "--format", fmt).exit_code == 0
    r = run("query", "--list")
    assert r.exit_code == 0 and "partner-history" in r.output and "parameters" in r.output
    r = run("query", "meetings", "-p", "partner=QQ")
    assert r.exit_code == 2 and "partner" in r.output
    r = run("query", "meetings", "-p", "nonsense")
    assert r.exit_code == 2
    r = run("query", "no-such-question")
    assert r.exit_code == 2 and "no question" in r.output
    assert run("query", "meetings", "--dataset", "asserted").exit_code == 0


def test_sparql_read_only(run, tmp_path):
    run("init")
    r = run("sparql", "SELECT (COUNT(*) AS ?n) WHERE { ?s a akg:MemberState }", "--format", "csv")
    assert r.exit_code == 0 and r.output.splitlines()[1] == "11"
    assert run("sparql", "ASK { ?s a akg:MemberState }").output.strip() == "true"
    r = run("sparql", "CONSTRUCT { ?s a akg:MemberState } WHERE { ?s a akg:MemberState }", "--format", "nt")
    assert r.exit_code == 0 and len(r.output.strip().splitlines()) == 11
    q = tmp_path / "q.rq"
    q.write_text("DESCRIBE <https://w3id.org/aseankg/member/PH>")
    assert "Philippines" in run("sparql", "--file", str(q)).output
    for bad in (
        "INSERT DATA { <a:b> <a:c> 1 }",
        "DROP ALL",
        "LOAD <http://example.org/x>",
        "SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }",
    ):
        r = run("sparql", bad)
        assert r.exit_code == 2 and "refused" in r.output, bad
    r = run("sparql", "SELECT ?x WHERE {\n  ?x ?y\n")
    assert r.exit_code == 2 and "line" in r.output
    # keywords inside strings and IRIs are not commands
    assert run("sparql", 'SELECT ?s WHERE { ?s akg:name "DELETE me" }').exit_code == 0


def test_export_and_network_stats(run, tmp_path):
    assert run("load", "--create", str(REL)).exit_code == 0
    out = tmp_path / "p.graphml"
    r = run("export", "partners", "--format", "graphml", "--out", str(out))
    assert r.exit_code == 0 and out.exists() and "nodes" in r.output
    r = run("export", "timeline", "--format", "graphml", "--out", str(tmp_path / "t.graphml"))
    assert r.exit_code == 2 and "chart" in r.output
    r = run(
        "export", "areas", "--format", "json", "--out", str(tmp_path / "a.json"), "--partner", "JP", "--year", "2024"
    )
    assert r.exit_code == 0
    r = run("stats", "--network")
    assert r.exit_code == 0 and "betweenness" in r.output
    r = run("stats", "--network", "--year", "2024", "--format", "json")
    assert r.exit_code == 0 and json.loads(r.output)


def test_serve_refuses_a_busy_port(run):
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        s.listen()
        port = s.getsockname()[1]
        r = CliRunner().invoke(main, ["--store", "memory:", "serve", "--port", str(port)])
    assert r.exit_code == 2 and "cannot serve" in r.output


def test_long_steps_show_progress_on_a_terminal_only(tmp_path):
    # the spinner and the elapsed time go to a terminal's stderr; -q and pipes get none
    import os
    import pty
    import subprocess
    import sys

    db = f"oxigraph:{tmp_path / 'db'}"
    assert CliRunner().invoke(main, ["--store", db, "init"]).exit_code == 0

    def on_terminal(*args):
        leader, follower = pty.openpty()
        proc = subprocess.run(
            [sys.executable, "-m", "kg", "--store", db, *args],
            stdin=follower,
            stdout=follower,
            stderr=follower,
            timeout=120,
        )
        os.close(follower)
        out = b""
        while True:
            try:
                chunk = os.read(leader, 65536)
            except OSError:
                break
            if not chunk:
                break
            out += chunk
        os.close(leader)
        return proc.returncode, out.decode("utf-8", "replace")

    code, out = on_terminal("reason")
    assert code == 0 and "rebuilding graph/current, graph/inferred and graph/disagreements:" in out
    code, out = on_terminal("-q", "reason")
    assert code == 0 and "rebuilding" not in out
    piped = subprocess.run([sys.executable, "-m", "kg", "--store", db, "reason"], capture_output=True, text=True)
    assert piped.returncode == 0 and "rebuilding" not in piped.stderr
