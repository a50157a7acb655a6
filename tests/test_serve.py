"""The SPARQL endpoint as a real server process, one test per requirement of the SPARQL 1.1
Protocol recommendation (in our own words), plus what a public endpoint must hold: no URL is
ever fetched, runaway queries do not starve others, and what another process writes is served
as soon as it finishes, never half of it. Clients: urllib, SPARQLWrapper, rdflib's SPARQLStore."""

import json
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from conftest import free_port, wait_for
from SPARQLWrapper import CSV, JSON, POST, TSV, TURTLE, XML, SPARQLWrapper
from SPARQLWrapper.SPARQLExceptions import QueryBadFormed

REL = Path(__file__).parent / "fixtures" / "releases"
pytestmark = pytest.mark.slow  # real server processes

COUNT_MEMBERS = "SELECT (COUNT(*) AS ?n) WHERE { ?s a akg:MemberState }"


def cli(*args, **kw):
    return subprocess.run([sys.executable, "-m", "kg", *args], check=True, capture_output=True, text=True, **kw)


def start(db: Path, *extra):
    port = free_port()
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "kg",
            "--store",
            f"oxigraph:{db}",
            "serve",
            "--port",
            str(port),
            "--timeout",
            "2",
            "--max-rows",
            "200",
            "--workers",
            "2",
            *extra,
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    wait_for(base + "/", proc)
    return proc, base


def stop(proc):
    proc.send_signal(signal.SIGINT)
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()


@pytest.fixture(scope="module")
def endpoint(tmp_path_factory):
    db = tmp_path_factory.mktemp("served") / "db"
    cli("-q", "--store", f"oxigraph:{db}", "load", "--create", str(REL))
    proc, base = start(db, "--cors", "https://analyst.example")
    yield base
    stop(proc)


def request(url, *, method="GET", data=None, headers=None):
    """(status, headers, body) whatever the status."""
    req = urllib.request.Request(url, data=data, method=method, headers=headers or {})
    try:
        with urllib.request.urlopen(req, timeout=30) as r:
            return r.status, r.headers, r.read()
    except urllib.error.HTTPError as e:
        return e.code, e.headers, e.read()


def post_form(base, pairs):
    """POST form-encoded parameters to the endpoint: (status, headers, body)."""
    data = urllib.parse.urlencode(pairs).encode()
    return request(
        base + "/sparql", method="POST", data=data, headers={"Content-Type": "application/x-www-form-urlencoded"}
    )


def query_url(base, **params):
    pairs = [(k, x) for k, v in params.items() for x in (v if isinstance(v, list) else [v])]
    return base + "/sparql?" + urllib.parse.urlencode([(k.replace("_", "-"), v) for k, v in pairs])


# --- the operation and its parameters --------------------------------------------------------


def test_query_by_get(endpoint):
    status, headers, body = request(query_url(endpoint, query=COUNT_MEMBERS))
    assert status == 200 and headers["Content-Type"].startswith("application/sparql-results+json")
    assert json.loads(body)["results"]["bindings"][0]["n"]["value"] == "11"


def test_query_by_post_form(endpoint):
    status, _, body = post_form(endpoint, [("query", COUNT_MEMBERS)])
    assert status == 200 and json.loads(body)["results"]["bindings"][0]["n"]["value"] == "11"


def test_query_by_post_directly_in_utf8(endpoint):
    q = 'SELECT ?n WHERE { ?s akg:name ?n FILTER(STR(?n) = "Türkiye") }'
    for ctype in ("application/sparql-query", "application/sparql-query; charset=UTF-8"):
        status, _, body = request(endpoint + "/sparql", method="POST", data=q.encode(), headers={"Content-Type": ctype})
        assert status == 200 and "Türkiye" in body.decode(), ctype
    # the media type has one encoding: a query declared in another is refused, not guessed at
    status, _, body = request(
        endpoint + "/sparql",
        method="POST",
        data=q.encode("utf-16"),
        headers={"Content-Type": "application/sparql-query; charset=UTF-16"},
    )
    assert status == 415 and b"UTF-8" in body


def test_exactly_one_query_parameter(endpoint):
    assert request(query_url(endpoint, query=[COUNT_MEMBERS, "ASK {}"]))[0] == 400
    assert post_form(endpoint, [("query", COUNT_MEMBERS), ("query", "ASK {}")])[0] == 400
    assert request(endpoint + "/sparql")[0] == 400


def test_requests_the_protocol_does_not_allow(endpoint):
    data = COUNT_MEMBERS.encode()
    assert request(endpoint + "/sparql", method="POST", data=data, headers={"Content-Type": "text/plain"})[0] == 415
    assert request(endpoint + "/sparql", method="POST", data=data)[0] in (400, 415)  # no media type
    status, _, _ = request(
        query_url(endpoint, query=COUNT_MEMBERS), method="GET", data=b"x", headers={"Content-Type": "text/plain"}
    )
    assert status == 400  # a GET with a body
    bad = b"SELECT ?n WHERE { ?s akg:name \xff }"
    assert (
        request(endpoint + "/sparql", method="POST", data=bad, headers={"Content-Type": "application/sparql-query"})[0]
        == 400
    )
    assert request(query_url(endpoint, query="SELECT ?x WHERE { ?x ?y"))[0] == 400


def test_other_methods(endpoint):
    for method in ("PUT", "DELETE", "PATCH"):
        status, headers, _ = request(endpoint + "/sparql", method=method, data=b"x")
        assert status == 405 and "GET" in headers["Allow"], method
    status, headers, body = request(query_url(endpoint, query=COUNT_MEMBERS), method="HEAD")
    assert status == 200 and body == b"" and int(headers["Content-Length"]) > 0
    status, headers, _ = request(endpoint + "/sparql", method="OPTIONS")
    assert status == 204 and "POST" in headers["Allow"]


def test_cors_when_asked(endpoint):
    _, headers, _ = request(query_url(endpoint, query=COUNT_MEMBERS), headers={"Origin": "https://analyst.example"})
    assert headers["Access-Control-Allow-Origin"] == "https://analyst.example"


# --- the dataset ------------------------------------------------------------------------------

REFERENCE = "https://w3id.org/aseankg/graph/reference"
ONTOLOGY = "https://w3id.org/aseankg/graph/ontology"


def count(endpoint, query, **params):
    status, _, body = request(query_url(endpoint, query=query, **params))
    assert status == 200, body
    return int(json.loads(body)["results"]["bindings"][0]["n"]["value"])


def test_dataset_default_graph_uri_overrides_from(endpoint):
    q = "SELECT (COUNT(*) AS ?n) WHERE { ?s a akg:MemberState }"
    assert count(endpoint, q, default_graph_uri=REFERENCE) == 11
    assert count(endpoint, q, default_graph_uri=ONTOLOGY) == 0
    q_from = f"SELECT (COUNT(*) AS ?n) FROM <{ONTOLOGY}> WHERE {{ ?s a akg:MemberState }}"
    assert count(endpoint, q_from) == 0
    assert count(endpoint, q_from, default_graph_uri=REFERENCE) == 11  # the protocol's dataset wins
    assert count(endpoint, q, default_graph_uri=[REFERENCE, ONTOLOGY]) == 11


def test_dataset_named_graph_uri(endpoint):
    q = "SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"
    assert count(endpoint, q, named_graph_uri=REFERENCE) == 1
    assert count(endpoint, q, named_graph_uri=[REFERENCE, ONTOLOGY]) == 2
    assert count(endpoint, q, default_graph_uri=REFERENCE) == 0  # a dataset without named graphs
    assert count(endpoint, q) > 10  # without one, every graph is there


def test_relative_iris_resolve_against_the_endpoint(endpoint):
    status, _, body = request(
        query_url(endpoint, query="CONSTRUCT { <s> <p> 1 } WHERE {}"), headers={"Accept": "application/n-triples"}
    )
    assert status == 200 and f"<{endpoint}/s>".encode() in body


# --- results by query form -------------------------------------------------------------------


def test_select_formats(endpoint):
    q = "SELECT DISTINCT ?m WHERE { ?m a akg:Meeting } ORDER BY ?m LIMIT 3"
    w = SPARQLWrapper(endpoint + "/sparql")
    w.setQuery(q)
    w.setReturnFormat(XML)
    assert len(w.queryAndConvert().getElementsByTagName("result")) == 3
    for fmt in (CSV, TSV):
        w.setReturnFormat(fmt)
        lines = w.queryAndConvert().decode().strip().splitlines()
        assert len(lines) == 4 and lines[0] in ("m", "?m")


def test_ask_and_construct_formats(endpoint):
    status, headers, body = request(
        query_url(endpoint, query="ASK { ?m a akg:Meeting }"), headers={"Accept": "application/sparql-results+xml"}
    )
    assert status == 200 and b"<boolean>true</boolean>" in body
    q = "CONSTRUCT { ?s akg:name ?n } WHERE { ?s a akg:MemberState ; akg:name ?n }"
    for accept, marker in (
        ("text/turtle", b"@prefix"),
        ("application/n-triples", b"> <"),
        ("application/ld+json", b"@id"),
        ("application/rdf+xml", b"rdf:RDF"),
    ):
        status, headers, body = request(query_url(endpoint, query=q), headers={"Accept": accept})
        assert status == 200 and headers["Content-Type"].startswith(accept) and marker in body, accept
    assert request(query_url(endpoint, query="ASK {}"), headers={"Accept": "text/turtle"})[0] == 406


def test_clients_sparqlwrapper_and_rdflib(endpoint):
    w = SPARQLWrapper(endpoint + "/sparql")
    w.setMethod(POST)
    w.setReturnFormat(JSON)
    w.setQuery("SELECT ?n WHERE { <https://w3id.org/aseankg/member/PH> akg:name ?n }")
    assert w.queryAndConvert()["results"]["bindings"][0]["n"]["value"] == "Philippines"
    w.setQuery("SELECT ?x WHERE { ?x ?y }")
    with pytest.raises(QueryBadFormed):
        w.query()
    from rdflib import Graph
    from rdflib.plugins.stores.sparqlstore import SPARQLStore

    g = Graph(store=SPARQLStore(endpoint + "/sparql"))
    rows = list(g.query("PREFIX akg: <https://w3id.org/aseankg/ontology#> SELECT ?s WHERE { ?s a akg:MemberState }"))
    assert len(rows) == 11
    w = SPARQLWrapper(endpoint + "/sparql")
    w.setReturnFormat(TURTLE)
    w.setQuery("DESCRIBE <https://w3id.org/aseankg/member/PH>")
    assert b"Philippines" in w.query().response.read()


# --- read-only, and never a request out -------------------------------------------------------


def test_updates_are_403(endpoint):
    update = "INSERT DATA { <urn:a> <urn:b> <urn:c> }"
    assert (
        request(
            endpoint + "/sparql",
            method="POST",
            data=update.encode(),
            headers={"Content-Type": "application/sparql-update"},
        )[0]
        == 403
    )
    assert post_form(endpoint, [("update", update)])[0] == 403
    assert request(query_url(endpoint, update=update))[0] == 403
    assert request(query_url(endpoint, query="LOAD <http://example.org/x>"))[0] in (400, 403)


def test_no_query_can_make_the_server_fetch_a_url(endpoint):
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen()
    listener.settimeout(0.1)
    port = listener.getsockname()[1]
    target = f"http://127.0.0.1:{port}/sparql"
    hidden = [
        f"SELECT * WHERE {{ SERVICE <{target}> {{ ?s ?p ?o }} }}",
        f"SELECT * WHERE {{ BIND(<urn:a'> AS ?x) SERVICE <{target}> {{ ?s ?p ?o }} FILTER(?x != 'z') }}",
        f"SELECT * WHERE {{ SERVICE\\u0020<{target}> {{ ?s ?p ?o }} }}".replace("\\u0020", " "),
        f"SELECT * WHERE {{ sErViCe # comment\n <{target}> {{ ?s ?p ?o }} }}",
        f"SELECT * WHERE {{ OPTIONAL {{ {{ SERVICE SILENT <{target}> {{ ?s ?p ?o }} }} }} }}",
        f"SELECT * WHERE {{ \\u0053ERVICE <{target}> {{ ?s ?p ?o }} }}",
        f"SELECT * FROM <{target}> WHERE {{ ?s ?p ?o }} LIMIT 1",
        f"LOAD <{target}>",
    ]
    for q in hidden:
        for req in (query_url(endpoint, query=q),):
            status, _, _ = request(req)
            assert status in (200, 400, 403), q
        post_form(endpoint, [("query", q)])
    time.sleep(0.5)
    with pytest.raises(socket.timeout):
        listener.accept()  # nothing ever connected
    listener.close()
    for ok in (
        "SELECT ?add ?load ?clear WHERE { ?add ?load ?clear } LIMIT 1",
        "SELECT $add WHERE { ?add ?p ?o } LIMIT 1",
        "PREFIX load: <urn:x#> SELECT ?s WHERE { ?s ?p load:a } LIMIT 1",
        "SELECT ?s WHERE { ?s ?p <urn:vocab:action/add> } LIMIT 1",
    ):
        assert request(query_url(endpoint, query=ok))[0] == 200, ok


# --- limits -------------------------------------------------------------------------------------


def test_time_limit_and_row_cap_then_still_serving(endpoint):
    heavy = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
    status, _, body = request(query_url(endpoint, query=heavy))
    assert status == 503 and b"time limit" in body
    status, _, body = request(query_url(endpoint, query="SELECT * WHERE { GRAPH ?g { ?s ?p ?o } }"))
    assert status == 400 and b"row cap" in body
    assert count(endpoint, COUNT_MEMBERS) == 11


def test_runaway_queries_do_not_starve_others(endpoint):
    heavy = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
    runaways = [threading.Thread(target=request, args=(query_url(endpoint, query=heavy),)) for _ in range(2)]
    for t in runaways:
        t.start()
    time.sleep(0.3)
    t0 = time.perf_counter()
    statuses = [request(query_url(endpoint, query=COUNT_MEMBERS))[0] for _ in range(5)]
    for t in runaways:
        t.join()
    assert all(s in (200, 503) for s in statuses) and statuses.count(200) >= 1
    assert time.perf_counter() - t0 < 10


def test_slow_clients_do_not_delay_the_others(endpoint):
    """Five clients sending their request a byte at a time (a slowloris) hold no worker: the
    request is read whole before a worker sees it."""
    host, port = endpoint.removeprefix("http://").split(":")
    raw = f"GET /sparql?query={urllib.parse.quote(COUNT_MEMBERS)} HTTP/1.1\r\nHost: x\r\n\r\n".encode()
    slow = [socket.create_connection((host, int(port)), timeout=10) for _ in range(5)]
    try:
        for i in range(8):  # the slow ones start, and keep trickling while the others ask
            for s in slow:
                s.sendall(raw[i : i + 1])
        t0 = time.perf_counter()
        for _ in range(10):
            assert count(endpoint, COUNT_MEMBERS) == 11
        fast = time.perf_counter() - t0
        for i in range(8, len(raw)):  # the slow requests finish, and are answered
            for s in slow:
                s.sendall(raw[i : i + 1])
        for s in slow:
            assert s.recv(100).split(b" ")[1] == b"200"
    finally:
        for s in slow:
            s.close()
    assert fast < 5  # ten answers while five requests are still arriving


def test_malformed_headers_are_400(endpoint):
    host, port = endpoint.removeprefix("http://").split(":")
    for raw in (
        b"POST /sparql HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n",
        b"POST /sparql HTTP/1.1\r\nHost: x\r\nContent-Length: -1\r\n\r\n",
    ):
        with socket.create_connection((host, int(port)), timeout=5) as s:
            s.sendall(raw)
            assert s.recv(100).split(b" ")[1] == b"400", raw


def test_query_page(endpoint):
    status, _, body = request(endpoint + "/")
    page = body.decode()
    assert status == 200 and "<textarea" in page and "DISTINCT" in page and 'id="msg"' in page


# --- fresh data, never half-written ---------------------------------------------------------------


def test_what_another_process_writes_is_served_when_it_finishes(tmp_path):
    db = tmp_path / "db"
    files = sorted(REL.glob("*.txt"))
    cli("-q", "--store", f"oxigraph:{db}", "load", "--create", str(files[0]))
    proc, base = start(db)
    q = "SELECT (COUNT(DISTINCT ?r) AS ?n) WHERE { GRAPH ?g { ?r a akg:Release } }"
    try:
        assert count(base, q) == 1
        seen, stop_polling = set(), threading.Event()

        def poll():
            while not stop_polling.is_set():
                seen.add(count(base, q))

        pollers = [threading.Thread(target=poll) for _ in range(3)]
        for t in pollers:
            t.start()
        loader = subprocess.run(
            [sys.executable, "-m", "kg", "-q", "--store", f"oxigraph:{db}", "load", *map(str, files[1:])],
            capture_output=True,
            text=True,
        )
        assert loader.returncode == 0, loader.stderr
        finished = time.perf_counter()
        while count(base, q) != len(files):
            assert time.perf_counter() - finished < 1.5, "the endpoint still serves the old state"
            time.sleep(0.05)
        stop_polling.set()
        for t in pollers:
            t.join()
        assert seen <= {1, len(files)}, seen  # each load whole, or not yet: never part of it
    finally:
        stop(proc)


def test_serving_a_missing_store_is_one_line(tmp_path):
    r = subprocess.run(
        [sys.executable, "-m", "kg", "--store", f"oxigraph:{tmp_path / 'nope'}", "serve", "--port", str(free_port())],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert r.returncode == 2 and r.stderr.count("\n") == 1 and "no store" in r.stderr


def test_w3c_protocol_suite(tmp_path):
    """The W3C Protocol tests (evaluation/protocol.py: one case per manifest entry, the suite's
    requests and expected answers) against `aseankg serve` and, as the reference the cases are
    checked on, `oxigraph serve-read-only`, on the same graphs."""
    from evaluation.protocol import CASES, manifest_entries, outcome, start_servers

    manifest = Path(__file__).parents[1] / "dist" / "w3c" / "manifest.ttl"  # `make protocol` fetches it
    if manifest.exists():
        assert set(manifest_entries(manifest)) <= set(CASES)
    servers = start_servers(tmp_path)
    try:
        assert len(servers) == 2
        for name, base, update, _ in servers:
            failed = {e: got for e, case in CASES.items() for ok, got in [outcome(base, update, case)] if not ok}
            assert not failed, (name, failed)
    finally:
        for *_, proc in servers:
            stop(proc)
