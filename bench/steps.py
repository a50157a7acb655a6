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


def step_extract(a):
    from kg.extract import extract
    from kg.read import read_path

    releases = [read_path(p) for p in sorted(Path(a["dir"]).glob("*.txt"))[: a["n"]]]
    t0 = time.perf_counter()
    for r in releases:
        extract(r)
    dt = time.perf_counter() - t0
    return {"releases": len(releases), "seconds": dt, "per_second": len(releases) / dt}


def step_load(a):
    from kg.initialise import initialise
    from kg.load import Loader
    from kg.store import open_store

    store = open_store(a["store"])
    initialise(store)
    files = sorted(Path(a["dir"]).glob("*.txt"))[: a["n"]]
    t0 = time.perf_counter()
    outcomes = list(Loader(store).load_paths(files, a.get("workers", 2)))
    dt = time.perf_counter() - t0
    triples = sum(o.triples for o in outcomes)
    store.close()
    return {
        "releases": len(outcomes),
        "seconds": dt,
        "per_second": len(outcomes) / dt,
        "triples": triples,
        "triples_per_second": triples / dt,
        "failed": sum(o.status == "failed" for o in outcomes),
    }


QUERY_PARAMS = {
    "partners": {"on": "2020-01-01"},
    "partner-history": {"partner": "RU"},
    "meetings": {"partner": "RU", "year": "2015"},
    "meeting-attendees": {"meeting": "https://w3id.org/aseankg/meeting/asean-russia-som/17"},
    "person-meetings": {"person": "https://w3id.org/aseankg/person/sergei-tan"},
    "partner-areas": {"partner": "JP"},
    "pillar-mix": {"partner": "CN"},
    "co-attendance": {"year": "2015"},
    "instruments": {"partner": "NZ"},
    "last-meeting": {"partner": "KR"},
    "coordinators": {"partner": "RU"},
    "evidence": {"subject": "https://w3id.org/aseankg/meeting/asean-russia-som/17"},
    "conflicts": {},
}


def step_queries(a):
    from kg.queries import available, run_named
    from kg.store import open_store

    store = open_store(a["store"])
    out = {}
    for q in available():
        params = QUERY_PARAMS.get(q.name, {})
        times = []
        for _ in range(a["runs"]):
            t0 = time.perf_counter()
            rows = run_named(store, q.name, params)
            times.append(time.perf_counter() - t0)
        times.sort()
        out[q.name] = {
            "p50_ms": 1000 * statistics.median(times),
            "p95_ms": 1000 * times[min(len(times) - 1, round(0.95 * (len(times) - 1)))],
            "rows": len(rows),
        }
    store.close()
    return {"queries": out, "triples": None}


def step_reason(a):
    from kg.reason import materialise
    from kg.store import open_store

    store = open_store(a["store"])
    r = materialise(store)
    n = store.count()
    store.close()
    return {"seconds": r["seconds"], "inferred": r["inferred"], "triples": n}


def step_validate(a):
    from kg.store import open_store
    from kg.validate import validate_store

    store = open_store(a["store"])
    t0 = time.perf_counter()
    report = validate_store(store)
    dt = time.perf_counter() - t0
    store.close()
    return {"seconds": dt, "conforms": report.conforms, "violations": len(report.violations)}


def step_export(a):
    from kg.export import export
    from kg.store import open_store

    store = open_store(a["store"])
    t0 = time.perf_counter()
    figures = export(store, a["view"], a["format"], a["out"])
    dt = time.perf_counter() - t0
    store.close()
    return {"seconds": dt, **figures}


def step_baseline_queries(a):
    """The naive stack: an rdflib in-memory Dataset parsed from the store's dump, rdflib's SPARQL."""
    import signal

    from kg.queries import available, bind
    from kg.store import bind_values
    from rdflib import Dataset

    from kg.namespaces import sparql_prologue

    t0 = time.perf_counter()
    ds = Dataset(default_union=True)
    ds.parse(a["dump"], format="nquads")
    load_s = time.perf_counter() - t0
    out = {}

    class Late(Exception):
        pass

    def alarm(*_):
        raise Late()

    signal.signal(signal.SIGALRM, alarm)
    for q in available():
        params = (
            bind(q, QUERY_PARAMS.get(q.name, {}), None)
            if q.name != "person-meetings"
            else {"person": __import__("rdflib").URIRef(QUERY_PARAMS["person-meetings"]["person"])}
        )
        text = sparql_prologue() + bind_values(q.text, params)
        signal.alarm(int(a["timeout"]))
        t1 = time.perf_counter()
        try:
            list(ds.query(text))
            out[q.name] = {"ms": 1000 * (time.perf_counter() - t1)}
        except Late:
            out[q.name] = {"ms": None, "timeout_s": a["timeout"]}
        finally:
            signal.alarm(0)
    return {"parse_seconds": load_s, "triples": len(ds), "queries": out}


def step_baseline_reason(a):
    """owlrl's full closure over everything (ontology + data), the naive reasoner."""
    import owlrl
    from kg.ontology import ontology_graph
    from rdflib import Dataset, Graph

    ds = Dataset()
    ds.parse(a["dump"], format="nquads")
    g = Graph()
    for s_, p_, o_, _ in ds.quads((None, None, None, None)):
        g.add((s_, p_, o_))
    g += ontology_graph()
    n0 = len(g)
    t0 = time.perf_counter()
    owlrl.DeductiveClosure(owlrl.OWLRL_Semantics).expand(g)
    return {"seconds": time.perf_counter() - t0, "triples": n0, "closure": len(g)}


def step_own_reason_on_dump(a):
    """Our in-store rules on exactly the baseline's data, for a like-for-like ratio."""
    from kg.initialise import initialise
    from kg.reason import materialise
    from kg.store import open_store

    store = open_store("memory:")
    store.restore(a["dump"], "nquads")
    initialise(store)
    r = materialise(store)
    return {"seconds": r["seconds"], "inferred": r["inferred"]}


def step_dump(a):
    from kg.store import open_store

    store = open_store(a["store"])
    store.dump(a["out"], "nquads")
    n = store.count()
    store.close()
    return {"quads": n}


STEPS = {k[5:]: v for k, v in globals().items() if k.startswith("step_")}

if __name__ == "__main__":
    name, args = sys.argv[1], json.loads(sys.argv[2])
    result = STEPS[name](args)
    result["peak_mb"] = peak_mb()
    print(json.dumps(result))
