"""One benchmark step per process, so each step's peak memory is its own.

usage: python -m bench.steps STEP JSON_ARGS  -> prints one JSON object
"""

from __future__ import annotations

import json
import resource
import statistics
import sys
import time
from pathlib import Path


def peak_mb() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return round(max(own, kids) / 1024, 1)


def step_import(a):
    import subprocess

    times = []
    for _ in range(5):
        out = subprocess.run([sys.executable, "-X", "importtime", "-c", "import kg"], capture_output=True, text=True)
        total = [line for line in out.stderr.splitlines() if line.rstrip().endswith("| kg")]
        times.append(int(total[-1].split("|")[1]) / 1000 if total else float("nan"))
    return {"ms": statistics.median(times)}


def step_extract(a):
    from kg.ingest.extract import extract
    from kg.ingest.read import read_path

    releases = [read_path(p) for p in sorted(Path(a["dir"]).glob("*.txt"))[: a["n"]]]
    t0 = time.perf_counter()
    for r in releases:
        extract(r)
    dt = time.perf_counter() - t0
    return {"releases": len(releases), "seconds": dt, "per_second": len(releases) / dt}


def step_load(a):
    """Extraction first (worker processes, timed apart, its records spooled to disk so memory
    stays flat at any scale), then the store's side timed alone: resolve, assert, write every
    release graph, and build graph/current and graph/inferred."""
    import multiprocessing as mp
    import pickle
    import tempfile

    from kg.collector import collecting_less
    from kg.ingest.load import Loader, prepare_path
    from kg.model.initialise import initialise
    from kg.stores import open_store

    files = sorted(Path(a["dir"]).glob("*.txt"))[: a["n"]]
    failed = loaded = 0
    with tempfile.TemporaryFile(dir=Path(a["dir"]).parent) as spool:
        t0 = time.perf_counter()
        with mp.get_context("spawn").Pool(a.get("workers", 2)) as pool:
            for item in pool.imap(prepare_path, [(str(f), f.name, 10.0) for f in files], chunksize=32):
                pickle.dump(item, spool, protocol=pickle.HIGHEST_PROTOCOL)
        extract_s = time.perf_counter() - t0
        spool.seek(0)
        store = open_store(a["store"])
        initialise(store)
        loader = Loader(store, incremental=False)
        t0 = time.perf_counter()
        with collecting_less():  # as kg.ingest.load.load_inputs runs a batch
            while True:
                try:
                    name, record, source = pickle.load(spool)
                except EOFError:
                    break
                if record is None or loader.assert_record(name, record, source).status == "failed":
                    failed += 1
                else:
                    loaded += 1
            write_s = time.perf_counter() - t0
            derived = loader.finish() or {}
    store_s = time.perf_counter() - t0
    triples = store.count()
    store.close()
    return {
        "releases": loaded,
        "failed": failed,
        "extract_seconds": extract_s,
        "write_seconds": write_s,
        "derived_seconds": derived.get("seconds", 0),
        "seconds": store_s,
        "per_second": loaded / store_s,
        "triples": triples,
        "current": derived.get("current"),
        "inferred": derived.get("inferred"),
    }


def step_one_release(a):
    """One new release into the large store, end to end (read, extract, resolve, assert, write,
    graph/current and graph/inferred kept in step), each with a Loader of its own as `aseankg
    load FILE` makes: first in this fresh process (cold: the extraction's patterns compiled, the
    ontology parsed), then another as a running session loads one (warm); then that release
    edited, then retracted. Both are retracted at the end, leaving the store as it was."""
    from kg.ingest.load import Loader, retract
    from kg.stores import open_store

    store = open_store(a["store"])
    paths = []
    for n, release in enumerate(a["releases"]):
        src = Path(release).read_text(encoding="utf-8")
        paths.append(Path(a["work"]) / f"one-release-{n}.txt")
        paths[-1].write_text(src.replace("url: https://example.org/bench/", f"url: https://example.org/bench-{n}/", 1))
    timings = []
    for path in paths:
        t0 = time.perf_counter()  # the loader too: it reads what resolution needs from the store
        outcome = Loader(store).load_path(path)
        timings.append((1000 * (time.perf_counter() - t0), outcome.status))
    loader = Loader(store)
    paths[-1].write_text(paths[-1].read_text().replace("Both delegations", "The two delegations"))
    t0 = time.perf_counter()
    second = loader.load_path(paths[-1])
    replace_ms = 1000 * (time.perf_counter() - t0)
    t0 = time.perf_counter()
    retract(store, str(paths[-1]))
    retract_ms = 1000 * (time.perf_counter() - t0)
    for path in paths[:-1]:
        retract(store, str(path))
    store.close()
    return {
        "cold_ms": timings[0][0],
        "load_ms": timings[-1][0],
        "replace_ms": replace_ms,
        "retract_ms": retract_ms,
        "statuses": [status for _, status in timings] + [second.status],
    }


def pick_params(store) -> dict:
    """Parameters that return rows at the bench's scale, read from the store itself."""
    from kg.questions import run_named

    rows = run_named(store, "meetings", {"partner": "RU"}).dicts()
    one_to_one = [r for r in rows if str(r["framework"]) == "ASEAN+1"] or rows
    meeting, person = str(one_to_one[0]["meeting"]), None
    for r in one_to_one[:: max(1, len(one_to_one) // 40)]:  # a meeting whose attendees are known
        people = run_named(store, "meeting-attendees", {"meeting": str(r["meeting"])}).dicts()
        if people:
            meeting, person = str(r["meeting"]), str(people[0]["person"])
            break
    years = sorted({str(r["start"]).split()[0][:4] for r in rows if r["start"]})
    year = years[len(years) // 2] if years else "2015"
    return {
        "partners": {"on": "2020-01-01"},
        "partner-history": {"partner": "RU"},
        "meetings": {"partner": "RU", "year": year},
        "meeting-attendees": {"meeting": meeting},
        "person-meetings": {"person": person or "Nobody"},
        "partner-areas": {"partner": "JP"},
        "pillar-mix": {"partner": "CN"},
        "co-attendance": {"year": year},
        "instruments": {"partner": "NZ"},
        "last-meeting": {"partner": "KR"},
        "coordinators": {"partner": "RU"},
        "evidence": {"subject": meeting},
        "conflicts": {},
    }


def step_queries(a):
    """Every question as the CLI runs it (facts: current + inferred), p50 and p95 of `runs`."""
    from kg.questions import available, run_named
    from kg.stores import open_store

    store = open_store(a["store"])
    params = pick_params(store)
    out = {}
    for q in available():
        run_named(store, q.name, params.get(q.name, {}))  # warm the store's caches, as a session would
        times = []
        for _ in range(a["runs"]):
            t0 = time.perf_counter()
            rows = run_named(store, q.name, params.get(q.name, {}))
            times.append(time.perf_counter() - t0)
        times.sort()
        out[q.name] = {
            "p50_ms": 1000 * statistics.median(times),
            "p95_ms": 1000 * times[min(len(times) - 1, round(0.95 * (len(times) - 1)))],
            "rows": len(rows),
        }
    store.close()
    return {"queries": out, "params": params}


def step_baseline_queries(a):
    """The naive stack: an rdflib in-memory Dataset holding the same graphs (its default graph
    the dataset each question reads), running exactly the text and bindings the project
    sends to the store (`prepared`: the same specialised question, the same VALUES)."""
    import signal

    from rdflib import Dataset

    from kg.namespaces import CURRENT_GRAPH, INFERRED_GRAPH, sparql_prologue
    from kg.questions import available, prepared
    from kg.stores import open_store
    from kg.stores.base import bind_values

    store = open_store(a["store"])
    texts = {q.name: prepared(store, q.name, a["params"].get(q.name, {})) for q in available()}
    reads = {q.name: q.dataset for q in available()}
    store.close()
    t0 = time.perf_counter()
    ds = Dataset()
    ds.parse(a["dump"], format="nquads")
    default = ds.default_graph
    for t in ds.graph(CURRENT_GRAPH):
        default.add(t)
    load_s = time.perf_counter() - t0
    out, with_inferred = {}, False

    class Late(Exception):
        pass

    def alarm(*_):
        raise Late()

    signal.signal(signal.SIGALRM, alarm)
    # the questions that read the asserted facts first (default graph: graph/current), then,
    # with the inferred graph added, those that read the facts
    for name, (text, bindings) in sorted(texts.items(), key=lambda kv: reads[kv[0]] != "asserted"):
        if reads[name] != "asserted" and not with_inferred:
            for t in ds.graph(INFERRED_GRAPH):
                default.add(t)
            with_inferred = True
        query = sparql_prologue() + bind_values(text, bindings)
        signal.alarm(int(a["timeout"]))
        t1 = time.perf_counter()
        try:
            rows = list(ds.query(query))
            out[name] = {"ms": 1000 * (time.perf_counter() - t1), "rows": len(rows)}
        except Late:
            out[name] = {"ms": None, "timeout_s": a["timeout"]}
        finally:
            signal.alarm(0)
    return {"parse_seconds": load_s, "queries": out}


def step_reason(a):
    from kg.model.derived import rebuild
    from kg.stores import open_store

    store = open_store(a["store"])
    r = rebuild(store)
    n = store.count()
    store.close()
    return {"seconds": r["seconds"], "inferred": r["inferred"], "current": r["current"], "triples": n}


def step_validate(a):
    from kg.model.validate import validate_store
    from kg.stores import open_store

    store = open_store(a["store"])
    t0 = time.perf_counter()
    report = validate_store(store)
    dt = time.perf_counter() - t0
    store.close()
    return {
        "seconds": dt,
        "conforms": report.conforms,
        "violations": len(report.violations),
        "disagreements": len(report.disagreements),
    }


def step_export(a):
    from kg.outputs.export import export
    from kg.stores import open_store

    store = open_store(a["store"])
    t0 = time.perf_counter()
    figures = export(store, a["view"], a["format"], a["out"])
    dt = time.perf_counter() - t0
    store.close()
    return {"seconds": dt, **figures}


def step_baseline_reason(a):
    """owlrl's full closure over the facts and the ontology, the naive reasoner."""
    import owlrl
    from rdflib import Dataset, Graph

    from kg.model.derived import is_fact
    from kg.model.ontology import ontology_graph
    from kg.namespaces import is_source_graph

    ds = Dataset()
    ds.parse(a["dump"], format="nquads")
    g = Graph()
    for s_, p_, o_, c in ds.quads((None, None, None, None)):
        if c is not None and is_source_graph(c.identifier if hasattr(c, "identifier") else c) and is_fact(s_, p_, o_):
            g.add((s_, p_, o_))
    g += ontology_graph()
    n0 = len(g)
    t0 = time.perf_counter()
    owlrl.DeductiveClosure(owlrl.OWLRL_Semantics).expand(g)
    return {"seconds": time.perf_counter() - t0, "triples": n0, "closure": len(g)}


def step_own_reason_on_dump(a):
    """Our rebuild on exactly the baseline's data, for a like-for-like ratio."""
    from kg.model.derived import rebuild
    from kg.stores import open_store

    store = open_store("memory:")
    store.restore(a["dump"], "nquads")
    r = rebuild(store)
    return {"seconds": r["seconds"], "inferred": r["inferred"]}


def step_dump(a):
    from kg.stores import open_store

    store = open_store(a["store"])
    t0 = time.perf_counter()
    store.dump(a["out"], "nquads")
    n = store.count()
    store.close()
    return {"quads": n, "seconds": time.perf_counter() - t0}


def step_endpoint(a):
    """`aseankg serve` and `oxigraph serve-read-only` on the same store (the latest published
    snapshot), one after the other, under the same load (bench/load.py: keep-alive clients, one
    simple lookup; with one more client trickling its request a byte a second at ours)."""
    import subprocess

    from bench.load import free_port, wait_for
    from kg.stores import snapshots as snap
    from kg.stores.registry import parse_descriptor

    path = parse_descriptor(a["store"])[1]
    out = {}
    for name in ("aseankg", "oxigraph"):
        port = free_port()
        if name == "aseankg":
            cmd = [sys.executable, "-m", "kg", "-q", "--store", a["store"], "serve", "--port", str(port)]
            url = f"http://127.0.0.1:{port}/sparql"
        else:
            oxigraph = str(Path(sys.executable).with_name("oxigraph"))
            cmd = [oxigraph, "serve-read-only", "--location", str(snap.latest(path)), "--bind", f"127.0.0.1:{port}"]
            url = f"http://127.0.0.1:{port}/query"
        server = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            wait_for(f"http://127.0.0.1:{port}/", server)
            load = [sys.executable, "-m", "bench.load", url, str(a["seconds"]), str(a["clients"])]
            done = subprocess.run([*load, *(["--slow"] if name == "aseankg" else [])], capture_output=True, text=True)
            out[name] = json.loads(done.stdout.strip().splitlines()[-1])
        finally:
            server.terminate()
            server.wait(timeout=30)
    out["ratio"] = out["aseankg"]["per_second"] / max(out["oxigraph"]["per_second"], 1e-9)
    return out


STEPS = {k[5:]: v for k, v in globals().items() if k.startswith("step_")}

if __name__ == "__main__":
    name, args = sys.argv[1], json.loads(sys.argv[2])
    result = STEPS[name](args)
    result["peak_mb"] = peak_mb()
    print(json.dumps(result, default=str))
