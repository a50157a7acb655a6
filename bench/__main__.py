"""`make bench` (full, under 15 minutes) and `make bench QUICK=1` (under 2 minutes).

Prints one table: extraction rate; load rate into the embedded store; every competency query's
p50/p95 at the largest store; reason and validate at two sizes; export per view; peak memory
of each step; and the same work on the naive stack (rdflib in-memory Dataset, owlrl full
closure) with the ratio. Results also go to dist/bench/results.json.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import time
from pathlib import Path

from .generate import generate

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "dist" / "bench"

PLANS = {
    "full": {
        "extract": 2000,
        "small": 1000,
        "large": 10000,
        "runs": 5,
        "baseline_releases": 1000,
        "owlrl_releases": 150,
        "baseline_timeout": 20,
    },
    "quick": {
        "extract": 300,
        "small": 100,
        "large": 400,
        "runs": 3,
        "baseline_releases": 100,
        "owlrl_releases": 30,
        "baseline_timeout": 5,
    },
}
TARGETS = {"load_10k_s": 60, "query_p50_ms": 50, "query_speedup": 20, "reason_1m_s": 30}


def run_step(name: str, **args) -> dict:
    t0 = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, "-m", "bench.steps", name, json.dumps(args)], cwd=ROOT, capture_output=True, text=True
    )
    if proc.returncode != 0:
        raise SystemExit(f"bench step {name} failed:\n{proc.stderr[-2000:]}")
    result = json.loads(proc.stdout.strip().splitlines()[-1])
    result["wall_s"] = time.perf_counter() - t0
    return result


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(prog="python -m bench")
    ap.add_argument("--quick", action="store_true", help="the short run CI uses")
    a = ap.parse_args(argv)
    plan = PLANS["quick" if a.quick else "full"]
    t_start = time.perf_counter()
    work = OUT / ("quick" if a.quick else "full")
    shutil.rmtree(work, ignore_errors=True)
    releases = work / "releases"
    generate(releases, plan["large"], seed=7)
    small_dir = work / "small-releases"
    small_dir.mkdir(parents=True)
    for p in sorted(releases.glob("*.txt"))[: plan["small"]]:
        shutil.copy(p, small_dir / p.name)
    rows, results = [], {"plan": plan}

    def add(step, figure, peak, baseline="", ratio="", note=""):
        rows.append((step, figure, f"{peak:.0f} MB" if peak is not None else "", baseline, ratio, note))

    r = run_step("extract", dir=str(releases), n=plan["extract"])
    results["extract"] = r
    add(
        f"extract {r['releases']} releases (1 core)",
        f"{r['per_second']:.0f} releases/s",
        r["peak_mb"],
        note="target >= 200/s",
    )

    stores = {}
    for label, n in (("small", plan["small"]), ("large", plan["large"])):
        store = f"oxigraph:{work / ('store-' + label)}"
        r = run_step("load", dir=str(releases), n=n, store=store, workers=2)
        results[f"load_{label}"] = r
        stores[label] = (store, r["triples"])
        add(
            f"load {n} releases",
            f"{r['seconds']:.1f} s, {r['per_second']:.0f} rel/s, {r['triples_per_second']:.0f} triples/s",
            r["peak_mb"],
            note=f"{r['triples']} triples" + (f"; target <= {TARGETS['load_10k_s']} s" if n == 10000 else ""),
        )

    large_store, large_triples = stores["large"]
    small_store, small_triples = stores["small"]
    q = run_step("queries", store=large_store, runs=plan["runs"])
    results["queries"] = q

    dump = work / "small.nq"
    run_step("dump", store=small_store, out=str(dump))
    base = run_step("baseline_queries", dump=str(dump), timeout=plan["baseline_timeout"])
    q_small = run_step("queries", store=small_store, runs=max(3, plan["runs"] // 3))
    results["baseline_queries"], results["queries_small"] = base, q_small
    for name, fig in q["queries"].items():
        b = base["queries"].get(name, {})
        own_small = q_small["queries"][name]["p50_ms"]
        if b.get("ms") is None:
            bl, ratio = f">{b.get('timeout_s')} s", f">{1000 * b.get('timeout_s', 0) / max(own_small, 0.01):.0f}x"
        else:
            bl, ratio = f"{b['ms']:.0f} ms", f"{b['ms'] / max(own_small, 0.01):.0f}x"
        add(
            f"query {name}",
            f"p50 {fig['p50_ms']:.1f} ms, p95 {fig['p95_ms']:.1f} ms",
            q["peak_mb"],
            bl,
            ratio,
            f"at {large_triples} triples; baseline and ratio at {small_triples}",
        )

    for label in ("small", "large"):
        store, n = stores[label]
        r = run_step("reason", store=store)
        results[f"reason_{label}"] = r
        add(
            f"reason ({n} triples)",
            f"{r['seconds']:.1f} s, {r['inferred']} inferred",
            r["peak_mb"],
            note=f"target <= {TARGETS['reason_1m_s']} s at 1M" if label == "large" else "",
        )
    owl_dir = work / "owlrl-releases"
    owl_dir.mkdir()
    for p in sorted(releases.glob("*.txt"))[: plan["owlrl_releases"]]:
        shutil.copy(p, owl_dir / p.name)
    owl_store = f"oxigraph:{work / 'store-owlrl'}"
    run_step("load", dir=str(owl_dir), n=plan["owlrl_releases"], store=owl_store, workers=1)
    owl_dump = work / "owlrl.nq"
    run_step("dump", store=owl_store, out=str(owl_dump))
    ob = run_step("baseline_reason", dump=str(owl_dump))
    oo = run_step("own_reason_on_dump", dump=str(owl_dump))
    results["baseline_reason"], results["own_reason_small"] = ob, oo
    add(
        f"reason, naive vs ours ({ob['triples']} triples)",
        f"ours {oo['seconds']:.2f} s",
        oo["peak_mb"],
        f"owlrl {ob['seconds']:.1f} s",
        f"{ob['seconds'] / max(oo['seconds'], 0.001):.0f}x",
    )

    for label in ("small", "large"):
        store, n = stores[label]
        r = run_step("validate", store=store)
        results[f"validate_{label}"] = r
        add(f"validate ({n} triples)", f"{r['seconds']:.1f} s, conforms={r['conforms']}", r["peak_mb"])

    for view, fmt in (
        ("partners", "graphml"),
        ("meetings", "graphml"),
        ("people", "graphml"),
        ("areas", "graphml"),
        ("partners", "html"),
        ("people", "html"),
        ("timeline", "svg"),
    ):
        out = work / f"export-{view}.{fmt}"
        r = run_step("export", store=large_store, view=view, format=fmt, out=str(out))
        results[f"export_{view}_{fmt}"] = r
        size = ", ".join(f"{r[k]} {k}" for k in ("nodes", "edges", "rows") if k in r)
        add(f"export {view} {fmt}", f"{r['seconds']:.1f} s ({size})", r["peak_mb"], note=f"at {large_triples} triples")

    total = time.perf_counter() - t_start
    results["total_seconds"] = total
    headers = ("step", "ours", "peak mem", "naive stack", "ratio", "note")
    widths = [max(len(str(x[i])) for x in rows + [headers]) for i in range(len(headers))]

    def line(cells):
        return " | ".join(str(c).ljust(w) for c, w in zip(cells, widths)).rstrip()

    print(line(headers))
    print("-+-".join("-" * w for w in widths))
    for r in rows:
        print(line(r))
    print(f"total {total:.0f} s ({'quick' if a.quick else 'full'} run)")
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / f"results-{'quick' if a.quick else 'full'}.json").write_text(json.dumps(results, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
