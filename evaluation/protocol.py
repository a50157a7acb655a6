"""The W3C SPARQL 1.1 Protocol tests, run against `aseankg serve` and `oxigraph serve` on the
same data: `python -m evaluation.protocol` (`make protocol`).

The manifest (w3c/rdf-tests, sparql/sparql11/protocol/manifest.ttl) names each test; the
request each one sends and the answer it expects are the test suite's descriptions, written
here as data in our own words (CASES). The manifest is read from the source distribution of
rdflib, which ships a copy of the W3C suites (`pip download` from the package registry, kept in
dist/w3c/), or from a path given with --manifest; every entry it lists must have a case here.

A read-only endpoint is expected to answer every update test with 403 (the tests that expect
an update to succeed) or another 4xx (the malformed updates); every query test passes as
written. The dataset tests name graphs by IRI: their data is loaded into the store under those
names (the endpoint never fetches a URL), as GRAPH_DATA below.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tarfile
import tempfile
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

MANIFEST_IN_SDIST = "test/data/suites/w3c/sparql11/protocol/manifest.ttl"
D = "http://kasei.us/2009/09/sparql/data/"  # the graph names the suite's dataset tests use
GRAPH_DATA = f"""
<{D}data1.rdf> {{ <{D}data1.rdf> <http://purl.org/dc/terms/title> "graph one" . }}
<{D}data2.rdf> {{ <{D}data2.rdf> <http://purl.org/dc/terms/title> "graph two" . }}
<{D}data3.rdf> {{ <{D}data3.rdf> <http://purl.org/dc/terms/title> "graph three" . }}
"""
FORM = "application/x-www-form-urlencoded"
RESULTS = ("application/sparql-results+xml", "application/sparql-results+json")
RDF_TYPES = ("text/turtle", "application/rdf+xml", "application/n-triples", "application/ld+json")


@dataclass
class Case:
    """One request and what must come back: `status` "200" or "4xx"; for a 200, the media
    types allowed and a check on the parsed answer."""

    method: str
    params: list = field(default_factory=list)  # in the URL
    body: bytes | None = None
    ctype: str | None = None
    accept: str | None = None
    update: bool = False  # the test exercises the update operation
    status: str = "200"
    types: tuple = ()
    check: object = None  # a function of the parsed answer -> bool

    def expected(self, read_only: bool) -> str:
        return "403" if self.update and read_only and self.status == "200" else self.status


def form(*pairs) -> bytes:
    return urllib.parse.urlencode(pairs).encode()


def boolean(want):
    return lambda answer: isinstance(answer, dict) and answer.get("boolean") is want


def graphs(*names):
    """The SELECT answer lists exactly these graphs (in ?g)."""
    want = {D + n for n in names}
    return lambda answer: {b["g"]["value"] for b in answer["results"]["bindings"]} == want


ASK_1 = f"ASK {{ <{D}data1.rdf> ?p ?o }}"
ASK_12 = f"ASK {{ <{D}data1.rdf> ?p ?o . <{D}data2.rdf> ?q ?r }}"
GRAPHS = "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }"
JSON = "application/sparql-results+json"
UPD = "INSERT DATA { <http://example.org/s> <http://example.org/p> 1 }"


def update_form(*dataset) -> Case:
    """An update sent as a form, with the protocol's dataset parameters given."""
    return Case("POST", body=form(("update", UPD), *dataset), ctype=FORM, update=True)


CASES: dict[str, Case] = {
    "query_post_form": Case("POST", body=form(("query", "ASK {}")), ctype=FORM, types=RESULTS, check=boolean(True)),
    "query_dataset_default_graphs_get": Case(
        "GET", [("query", ASK_1), ("default-graph-uri", D + "data1.rdf")], types=RESULTS, check=boolean(True)
    ),
    "query_dataset_default_graphs_post": Case(
        "POST",
        body=form(("query", ASK_12), ("default-graph-uri", D + "data1.rdf"), ("default-graph-uri", D + "data2.rdf")),
        ctype=FORM,
        types=RESULTS,
        check=boolean(True),
    ),
    "query_dataset_named_graphs_post": Case(
        "POST",
        body=form(("query", GRAPHS), ("named-graph-uri", D + "data1.rdf"), ("named-graph-uri", D + "data2.rdf")),
        ctype=FORM,
        accept=JSON,
        types=(JSON,),
        check=graphs("data1.rdf", "data2.rdf"),
    ),
    "query_dataset_named_graphs_get": Case(
        "GET",
        [("query", GRAPHS), ("named-graph-uri", D + "data1.rdf"), ("named-graph-uri", D + "data2.rdf")],
        accept=JSON,
        types=(JSON,),
        check=graphs("data1.rdf", "data2.rdf"),
    ),
    "query_dataset_full": Case(
        "GET",
        [
            ("query", f"ASK {{ <{D}data3.rdf> ?p ?o . GRAPH ?g {{ <{D}data1.rdf> ?q ?r }} }}"),
            ("default-graph-uri", D + "data3.rdf"),
            ("named-graph-uri", D + "data1.rdf"),
            ("named-graph-uri", D + "data2.rdf"),
        ],
        types=RESULTS,
        check=boolean(True),
    ),
    "query_multiple_dataset": Case(  # the protocol's dataset wins over the query's FROM
        "GET",
        [("query", f"ASK FROM <{D}data2.rdf> {{ <{D}data1.rdf> ?p ?o }}"), ("default-graph-uri", D + "data1.rdf")],
        types=RESULTS,
        check=boolean(True),
    ),
    "query_get": Case("GET", [("query", "ASK {}")], types=RESULTS, check=boolean(True)),
    "query_content_type_select": Case(
        "GET",
        [("query", "SELECT (1 AS ?value) {}")],
        accept=", ".join(RESULTS),
        types=RESULTS,
        check=lambda a: a["results"]["bindings"][0]["value"]["value"] == "1",
    ),
    "query_content_type_ask": Case(
        "GET", [("query", "ASK {}")], accept=", ".join(RESULTS), types=RESULTS, check=boolean(True)
    ),
    "query_content_type_describe": Case(
        "GET", [("query", "DESCRIBE <http://example.org/>")], accept=", ".join(RDF_TYPES), types=RDF_TYPES
    ),
    "query_content_type_construct": Case(  # relative IRIs resolve against the endpoint's URL
        "GET",
        [("query", "CONSTRUCT { <s> <p> 1 } WHERE {}")],
        accept=", ".join(RDF_TYPES),
        types=RDF_TYPES,
        check=lambda g: len(g) == 1,
    ),
    "update_dataset_default_graph": update_form(("using-graph-uri", D + "data1.rdf")),
    "update_dataset_default_graphs": update_form(
        ("using-graph-uri", D + "data1.rdf"), ("using-graph-uri", D + "data2.rdf")
    ),
    "update_dataset_named_graphs": update_form(("using-named-graph-uri", D + "data1.rdf")),
    "update_dataset_full": update_form(
        ("using-graph-uri", D + "data1.rdf"), ("using-named-graph-uri", D + "data2.rdf")
    ),
    "update_post_form": update_form(),
    "update_post_direct": Case("POST", body=UPD.encode(), ctype="application/sparql-update", update=True),
    "update_base_uri": Case("POST", body=b"INSERT DATA { <s> <p> 1 }", ctype="application/sparql-update", update=True),
    "query_post_direct": Case(
        "POST", body=b"ASK {}", ctype="application/sparql-query", types=RESULTS, check=boolean(True)
    ),
    "bad_query_method": Case("PUT", [("query", "ASK {}")], status="4xx"),
    "bad_multiple_queries": Case("GET", [("query", "ASK {}"), ("query", "SELECT * {}")], status="4xx"),
    "bad_query_wrong_media_type": Case("POST", body=b"ASK {}", ctype="text/plain", status="4xx"),
    "bad_query_missing_form_type": Case("POST", body=form(("query", "ASK {}")), status="4xx"),
    "bad_query_missing_direct_type": Case("POST", body=b"ASK {}", status="4xx"),
    "bad_query_non_utf8": Case(
        "POST", body="ASK {}".encode("utf-16"), ctype="application/sparql-query; charset=UTF-16", status="4xx"
    ),
    "bad_query_syntax": Case("GET", [("query", "ASK {XXX}")], status="4xx"),
    "bad_update_get": Case("GET", [("update", "CLEAR ALL")], update=True, status="4xx"),
    "bad_multiple_updates": Case(
        "POST", body=form(("update", "CLEAR NAMED"), ("update", "CLEAR DEFAULT")), ctype=FORM, update=True, status="4xx"
    ),
    "bad_update_wrong_media_type": Case("POST", body=UPD.encode(), ctype="text/plain", update=True, status="4xx"),
    "bad_update_missing_form_type": Case("POST", body=form(("update", UPD)), update=True, status="4xx"),
    "bad_update_non_utf8": Case(
        "POST", body=UPD.encode("utf-16"), ctype="application/sparql-update; charset=UTF-16", update=True, status="4xx"
    ),
    "bad_update_syntax": Case(
        "POST", body=form(("update", "INSERT DATA { XXX }")), ctype=FORM, update=True, status="4xx"
    ),
    "bad_update_dataset_conflict": Case(
        "POST",
        body=form(
            ("update", f"DELETE {{ ?s ?p ?o }} USING <{D}data1.rdf> WHERE {{ ?s ?p ?o }}"),
            ("using-graph-uri", D + "data2.rdf"),
        ),
        ctype=FORM,
        update=True,
        status="4xx",
    ),
}


def outcome(base: str, update_url: str, case: Case, read_only: bool = True) -> tuple[bool, str]:
    """(passed, what came back) for one case against an endpoint."""
    url = (update_url if case.update else base) + ("?" + urllib.parse.urlencode(case.params) if case.params else "")
    headers = {"Content-Type": case.ctype} if case.ctype else {}
    if case.accept:
        headers["Accept"] = case.accept
    req = urllib.request.Request(url, data=case.body, method=case.method, headers=headers)
    if case.body is not None and not case.ctype:
        req.remove_header("Content-type")  # urllib adds a form type to any body; these tests send none
        req.add_unredirected_header("Content-Type", "")
    try:
        with urllib.request.urlopen(req, timeout=30) as r:
            status, ctype, body = r.status, r.headers.get("Content-Type", ""), r.read()
    except urllib.error.HTTPError as e:
        status, ctype, body = e.code, e.headers.get("Content-Type", ""), e.read()
    except OSError as e:
        return False, f"no answer ({e})"
    want = case.expected(read_only)
    got = f"{status} {ctype.split(';')[0]}".strip()
    if want == "4xx":
        return 400 <= status < 500, got
    if str(status) != want:
        return False, got
    if want != "200":
        return True, got
    media = ctype.split(";")[0].strip()
    if case.types and media not in case.types:
        return False, got + " (not an expected media type)"
    if case.check is not None:
        try:
            return bool(case.check(parse(body, media))), got
        except Exception as e:  # an answer the check cannot read fails the test
            return False, f"{got} ({type(e).__name__})"
    return True, got


def parse(body: bytes, media: str):
    if (media.endswith("json") and "sparql-results" in media) or media == "application/json":
        return json.loads(body)
    if media == "application/sparql-results+xml":
        from xml.etree import ElementTree

        root = ElementTree.fromstring(body)
        ns = "{http://www.w3.org/2005/sparql-results#}"
        b = root.find(f"{ns}boolean")
        if b is not None:
            return {"boolean": b.text.strip() == "true"}
        rows = []
        for result in root.iter(f"{ns}result"):
            rows.append(
                {x.get("name"): {"value": "".join(x.itertext()).strip()} for x in result.findall(f"{ns}binding")}
            )
        return {"results": {"bindings": rows}}
    from rdflib import Graph

    fmt = {"text/turtle": "turtle", "application/rdf+xml": "xml", "application/n-triples": "nt"}.get(media, "json-ld")
    return Graph().parse(data=body, format=fmt)


def manifest_entries(path: Path) -> list[str]:
    from rdflib import Graph, Namespace
    from rdflib.collection import Collection

    mf = Namespace("http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#")
    g = Graph().parse(path, format="turtle")
    head = next(g.objects(None, mf.entries))
    return [str(e).rsplit("#", 1)[-1] for e in Collection(g, head)]


def fetch_manifest(cache: Path) -> Path:
    """The manifest from rdflib's source distribution (the version installed), kept in `cache`."""
    import rdflib

    out = cache / "manifest.ttl"
    if out.exists():
        return out
    cache.mkdir(parents=True, exist_ok=True)
    cmd = [sys.executable, "-m", "pip", "download", "-q", "--no-deps", "--no-binary", ":all:", "-d", str(cache)]
    subprocess.run([*cmd, f"rdflib=={rdflib.__version__}"], check=True, capture_output=True)
    sdist = next(cache.glob("rdflib-*.tar.gz"))
    with tarfile.open(sdist) as tar:
        member = next(m for m in tar.getmembers() if m.name.endswith(MANIFEST_IN_SDIST))
        out.write_bytes(tar.extractfile(member).read())
    return out


def start_servers(work: Path):
    """`aseankg serve` and `oxigraph serve-read-only` over the same graphs: [(name, base, update, process)]."""
    from bench.load import free_port, wait_for

    trig = work / "graphs.trig"
    trig.write_text(GRAPH_DATA, encoding="utf-8")
    run = [sys.executable, "-m", "kg", "-q", "--store", f"oxigraph:{work / 'aseankg'}"]
    subprocess.run([*run, "init"], check=True, capture_output=True)
    subprocess.run([*run, "restore", str(trig)], check=True, capture_output=True)
    servers = []
    port = free_port()
    proc = subprocess.Popen([*run, "serve", "--port", str(port)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wait_for(f"http://127.0.0.1:{port}/", proc)
    servers.append(("aseankg serve", f"http://127.0.0.1:{port}/sparql", f"http://127.0.0.1:{port}/sparql", proc))
    oxigraph = Path(sys.executable).with_name("oxigraph")
    if oxigraph.exists():
        loc = work / "oxigraph"
        subprocess.run(
            [str(oxigraph), "load", "--location", str(loc), "--file", str(trig)], check=True, capture_output=True
        )
        port = free_port()
        cmd = [str(oxigraph), "serve-read-only", "--location", str(loc), "--bind", f"127.0.0.1:{port}"]
        proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        wait_for(f"http://127.0.0.1:{port}/", proc)
        servers.append(
            ("oxigraph serve-read-only", f"http://127.0.0.1:{port}/query", f"http://127.0.0.1:{port}/update", proc)
        )
    return servers


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--manifest", type=Path, help="manifest.ttl of the protocol tests (default: fetched, see above)")
    ap.add_argument("--cache", type=Path, default=Path("dist/w3c"))
    a = ap.parse_args(argv)
    try:
        manifest = a.manifest or fetch_manifest(a.cache)
    except (subprocess.CalledProcessError, StopIteration, OSError) as e:
        print(f"cannot get the W3C manifest ({e}); give one with --manifest", file=sys.stderr)
        return 2
    entries = manifest_entries(manifest)
    missing = [e for e in entries if e not in CASES]
    if missing:
        print(f"no case written for {', '.join(missing)}", file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory() as tmp:
        servers = start_servers(Path(tmp))
        try:
            results = {name: {e: outcome(base, upd, CASES[e]) for e in entries} for name, base, upd, _ in servers}
        finally:
            for *_, proc in servers:
                proc.terminate()
                proc.wait(timeout=10)
    names = [s[0] for s in servers]
    print(f"W3C SPARQL 1.1 Protocol tests ({manifest}, {len(entries)} entries)\n")
    print(f"{'test':36s} {'expected':8s} " + " ".join(f"{n:30s}" for n in names))
    for e in entries:
        row = [f"{'pass' if ok else 'FAIL'} {got}"[:30] for ok, got in (results[n][e] for n in names)]
        print(f"{e:36s} {CASES[e].expected(True):8s} " + " ".join(f"{c:30s}" for c in row))
    print()
    for n in names:
        query = [e for e in entries if not CASES[e].update]
        update = [e for e in entries if CASES[e].update]
        print(
            f"{n}: query side {sum(results[n][e][0] for e in query)}/{len(query)} pass; "
            f"update side {sum(results[n][e][0] for e in update)}/{len(update)} refused as expected"
        )
    ours = results[names[0]]
    return 0 if all(ok for ok, _ in ours.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
