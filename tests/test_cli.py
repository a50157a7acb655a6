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
    from kg.namespaces import GRAPH
    from kg.store import open_store
    from rdflib import Graph
    bad = Graph().parse(data="""@prefix akg: <https://w3id.org/aseankg/ontology#> .
        <https://w3id.org/aseankg/person/x> a akg:Person .""", format="turtle")
    s = open_store(f"oxigraph:{tmp_path / 'db'}")
    s.put_graph(GRAPH["release/bad"], bad)
    s.close()
    r = run("validate")
    assert r.exit_code == 1 and "violation" in r.output


def test_reason_both_engines(run):
    run("init")
    r = run("reason")
    assert r.exit_code == 0 and "inferred graph rebuilt" in r.output
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
