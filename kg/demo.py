"""`make demo`: build the knowledge graph on the embedded store and answer a few questions."""
from __future__ import annotations

import argparse

from .initialise import initialise
from .queries import find, run_named
from .reason import materialise
from .store import default_descriptor, open_store
from .validate import validate_store


def show(store, name: str, params: dict | None = None, limit: int = 12) -> None:
    q = find(name)
    rows = run_named(store, name, params or {})
    print(f"\n== {q.question}  [{name} {' '.join(f'{k}={v}' for k, v in (params or {}).items())}]")
    print(" | ".join(rows.vars))
    for r in rows.rows[:limit]:
        print(" | ".join("" if v is None else str(v) for v in r))
    if len(rows) > limit:
        print(f"... {len(rows) - limit} more rows")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(prog="python -m kg.demo")
    ap.add_argument("--store", default=default_descriptor())
    args = ap.parse_args(argv)
    with open_store(args.store) as store:
        figures = initialise(store)
        print(f"store {args.store}: ontology {figures['ontology_triples']} triples, "
              f"reference {figures['reference_triples']} triples")
        inf = materialise(store)
        print(f"reasoned: {inf['inferred']} inferred triples in {inf['seconds']} s")
        report = validate_store(store)
        print("SHACL:", "conforms" if report.conforms else f"{len(report.violations)} violations")
        show(store, "partner-history", {"partner": "RU"})
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
