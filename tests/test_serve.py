"""The SPARQL endpoint as a real server process, queried with a real client (SPARQLWrapper)."""

import signal
import subprocess
import sys
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from conftest import free_port, wait_for
from SPARQLWrapper import CSV, JSON, POST, TSV, TURTLE, XML, SPARQLWrapper
from SPARQLWrapper.SPARQLExceptions import QueryBadFormed, SPARQLWrapperException

pytestmark = pytest.mark.slow  # a real endpoint process

REL = Path(__file__).parent / "fixtures" / "releases"


@pytest.fixture(scope="module")
def endpoint(tmp_path_factory):
    db = tmp_path_factory.mktemp("served") / "db"
    subprocess.run(
        [sys.executable, "-m", "kg.cli", "-q", "--store", f"oxigraph:{db}", "load", "--create", str(REL)], check=True
    )
    port = free_port()
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "kg.cli",
            "--store",
            f"oxigraph:{db}",
            "serve",
            "--port",
            str(port),
            "--timeout",
            "2",
            "--max-rows",
            "200",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_for(base + "/", proc)
        yield base
    finally:
        proc.send_signal(signal.SIGINT)
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()


def client(base, fmt=JSON, method="GET"):
    w = SPARQLWrapper(base + "/sparql")
    w.setReturnFormat(fmt)
    w.setMethod(method)
    return w


def test_select_json_get_and_post(endpoint):
    for method in ("GET", POST):
        w = client(endpoint, JSON, method)
        w.setQuery("SELECT ?n WHERE { <https://w3id.org/aseankg/member/PH> akg:name ?n }")
        res = w.queryAndConvert()
        assert res["results"]["bindings"][0]["n"]["value"] == "Philippines"
        assert res["results"]["bindings"][0]["n"]["xml:lang"] == "en"


def test_content_negotiation(endpoint):
    q = "SELECT DISTINCT ?m WHERE { ?m a akg:Meeting } ORDER BY ?m LIMIT 3"
    w = client(endpoint, XML)
    w.setQuery(q)
    assert len(w.queryAndConvert().getElementsByTagName("result")) == 3
    for fmt in (CSV, TSV):
        w = client(endpoint, fmt)
        w.setQuery(q)
        lines = w.queryAndConvert().decode().strip().splitlines()
        assert len(lines) == 4 and lines[0] in ("m", "?m")
    w = client(endpoint, JSON)
    w.setQuery("ASK { ?m a akg:Meeting }")
    assert w.queryAndConvert()["boolean"] is True
    w = client(endpoint, TURTLE)
    w.setQuery("CONSTRUCT { ?s akg:name ?n } WHERE { ?s a akg:MemberState ; akg:name ?n }")
    g = w.queryAndConvert()
    assert len(g) == 11 if not isinstance(g, bytes) else b"Philippines" in g


def test_sparql_query_content_type(endpoint):
    req = urllib.request.Request(
        endpoint + "/sparql",
        data=b"SELECT (COUNT(*) AS ?n) WHERE { ?s a akg:MemberState }",
        headers={"Content-Type": "application/sparql-query", "Accept": "text/csv"},
    )
    body = urllib.request.urlopen(req).read().decode()
    assert body.splitlines()[1].strip() == "11"


def test_updates_service_and_load_are_refused(endpoint):
    w = SPARQLWrapper(endpoint + "/sparql", updateEndpoint=endpoint + "/sparql")
    w.setMethod(POST)
    w.setQuery("INSERT DATA { <urn:a> <urn:b> <urn:c> }")
    with pytest.raises((SPARQLWrapperException, urllib.error.HTTPError)) as e:
        w.query()
    assert "403" in str(e.value) or "refused" in str(e.value).lower()
    for q in (
        "SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }",
        "LOAD <http://example.org/data.ttl>",
    ):
        req = urllib.request.Request(endpoint + "/sparql?" + urllib.parse.urlencode({"query": q}))
        with pytest.raises(urllib.error.HTTPError) as e:
            urllib.request.urlopen(req)
        assert e.value.code == 403 and b"refused" in e.value.read()


def test_syntax_error_is_400(endpoint):
    w = client(endpoint)
    w.setQuery("SELECT ?x WHERE { ?x ?y }")
    with pytest.raises(QueryBadFormed):
        w.query()


def test_time_limit_and_row_cap_then_still_serving(endpoint):
    heavy = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
    req = urllib.request.Request(endpoint + "/sparql?" + urllib.parse.urlencode({"query": heavy}))
    with pytest.raises(urllib.error.HTTPError) as e:
        urllib.request.urlopen(req, timeout=30)
    assert e.value.code == 503 and b"time limit" in e.value.read()
    req = urllib.request.Request(
        endpoint + "/sparql?" + urllib.parse.urlencode({"query": "SELECT * WHERE { ?s ?p ?o }"})
    )
    with pytest.raises(urllib.error.HTTPError) as e:
        urllib.request.urlopen(req, timeout=30)
    assert e.value.code == 400 and b"row cap" in e.value.read()
    w = client(endpoint)
    w.setQuery("ASK { ?s a akg:Meeting }")
    assert w.queryAndConvert()["boolean"] is True


def test_query_page(endpoint):
    page = urllib.request.urlopen(endpoint + "/").read().decode()
    assert "<textarea" in page and "sparql" in page
