"""Every store-touching command against a real SPARQL 1.1 server (Oxigraph server, started by
the tests), and lossless dump/restore between stores (isomorphic per named graph)."""

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib.compare import isomorphic

from kg.cli import main
from kg.namespaces import AKG, GRAPH, ID, RDF
from kg.stores import open_store

pytestmark = pytest.mark.slow  # real server processes

REL = Path(__file__).parent / "fixtures" / "releases"


@pytest.fixture(params=["oxigraph", "virtuoso"])
def remote(request):
    """The CLI against a real SPARQL server: Oxigraph's, or Virtuoso 7 (when installed)."""
    if request.param == "oxigraph":
        request.getfixturevalue("sparql_store")  # emptied
        descriptor = f"sparql:{request.getfixturevalue('oxigraph_server')}/query"
    else:
        request.getfixturevalue("virtuoso_store")  # emptied
        base = request.getfixturevalue("virtuoso_server")
        descriptor = f"sparql:{base}/sparql,{base}/sparql"
    runner = CliRunner()

    def run(*args):
        return runner.invoke(main, ["--store", descriptor, *args], catch_exceptions=False)

    run.descriptor = descriptor
    return run


def test_every_question_gives_the_same_rows_on_every_server(remote):
    """Against the embedded store's answers on the same releases."""
    from kg.ingest.load import Loader
    from kg.model.initialise import initialise
    from kg.outputs.render import render
    from kg.questions import available, run_named

    assert remote("init").exit_code == 0
    assert remote("load", str(REL)).exit_code == 0
    local = open_store("memory:")
    initialise(local)
    loader = Loader(local)
    for p in sorted(REL.iterdir()):
        loader.load_path(p)
    params = {
        "partner": "NZ",
        "person": "Grace Whitfield",
        "subject": "id:meeting/asean-new-zealand-som/31",
        "meeting": "id:meeting/asean-new-zealand-som/31",
    }
    for q in available():
        args = [a for p in q.params if p.required for a in ("-p", f"{p.name}={params[p.name]}")]
        r = remote("query", q.name, *args, "--format", "csv")
        assert r.exit_code == 0, (q.name, r.output)
        mine = render(
            run_named(local, q.name, {p.name: params[p.name] for p in q.params if p.required}), "csv", q.lists
        )
        # rows in any order (a question's ORDER BY may tie); cells exact, multi-valued ones sorted
        assert sorted(r.output.strip().splitlines()) == sorted(mine.strip().splitlines()), q.name
    local.close()


def test_commands_on_a_sparql_server(remote, tmp_path):
    assert remote("init").exit_code == 0
    r = remote("load", "--create", str(REL))
    assert r.exit_code == 0 and "releases loaded 14" in r.output
    assert "unchanged" in remote("load", str(REL / "r02_summit_mdy.txt")).output
    r = remote("query", "meetings", "-p", "partner=NZ", "--format", "json")
    assert r.exit_code == 0 and any(m["meeting"].endswith("asean-new-zealand-som/31") for m in json.loads(r.output))
    r = remote("sparql", "SELECT (COUNT(DISTINCT ?m) AS ?n) WHERE { ?m a akg:Meeting }", "--format", "csv")
    assert r.exit_code == 0 and int(r.output.splitlines()[1]) >= 13
    assert remote("reason").exit_code == 0
    r = remote("query", "meetings", "--dataset", "asserted", "--format", "json")
    assert r.exit_code == 0 and json.loads(r.output)
    assert remote("validate").exit_code == 0
    store = open_store(remote.descriptor)
    store.put_graph(GRAPH["release/bad"], [(ID["person/x"], RDF.type, AKG.Person)])  # a person without a name
    r = remote("validate")
    assert r.exit_code == 1 and "person/x" in r.output
    store.drop_graph(GRAPH["release/bad"])
    out = tmp_path / "p.graphml"
    assert remote("export", "partners", "--format", "graphml", "--out", str(out)).exit_code == 0 and out.exists()
    r = remote("retract", "https://example.org/asean/japan-summit-27")
    assert r.exit_code == 0 and "retracted 1" in r.output


def test_dump_restore_round_trip_between_stores(sparql_store, tmp_path):
    from kg.ingest.load import Loader
    from kg.model.initialise import initialise

    local = open_store(f"oxigraph:{tmp_path / 'db'}")
    initialise(local)
    loader = Loader(local)
    for p in sorted(REL.iterdir())[:5]:
        loader.load_path(p)
    for fmt, name in (("nquads", "dump.nq"), ("trig", "dump.trig")):
        path = str(tmp_path / name)
        local.dump(path, fmt)
        sparql_store.update("DROP ALL")
        sparql_store.restore(path, fmt)
        assert set(sparql_store.graph_names()) == set(local.graph_names())
        for g in local.graph_names():
            assert isomorphic(local.get_graph(g), sparql_store.get_graph(g)), g
        back = open_store("memory:")
        path2 = str(tmp_path / ("back-" + name))
        sparql_store.dump(path2, fmt)
        back.restore(path2, fmt)
        for g in local.graph_names():
            assert isomorphic(local.get_graph(g), back.get_graph(g)), g
    local.close()


def test_cli_dump_restore(tmp_path):
    runner = CliRunner()
    a, b = f"oxigraph:{tmp_path / 'a'}", f"oxigraph:{tmp_path / 'b'}"
    assert runner.invoke(main, ["--store", a, "load", "--create", str(REL / "r01_som_today.txt")]).exit_code == 0
    dump = tmp_path / "all.nq"
    assert runner.invoke(main, ["--store", a, "dump", str(dump)]).exit_code == 0
    r = runner.invoke(main, ["--store", b, "restore", "--create", str(dump)])
    assert r.exit_code == 0
    sa, sb = open_store(a), None
    counts = {g: sa.count(g) for g in sa.graph_names()}
    sa.close()
    sb = open_store(b)
    assert {g: sb.count(g) for g in sb.graph_names()} == counts
    sb.close()
    bad = tmp_path / "bad.nq"
    bad.write_text("this is not n-quads\n")
    r = runner.invoke(main, ["--store", b, "restore", str(bad)])
    assert r.exit_code == 2 and "not a valid" in r.output


def test_unreachable_server_is_one_line():
    r = CliRunner().invoke(main, ["--store", "sparql:http://127.0.0.1:9/query", "stats"])
    assert r.exit_code == 2 and "cannot reach" in r.output
