"""`make demo`: build the knowledge graph on the embedded store and answer a few questions."""

from __future__ import annotations

import argparse
from pathlib import Path

from .ingest.load import Loader
from .model.derived import rebuild
from .model.initialise import initialise
from .model.validate import validate_store
from .questions import find, run_named
from .stores import default_descriptor, open_store


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
    ap.add_argument("--releases", default="examples/releases", help="directory of releases to load")
    args = ap.parse_args(argv)
    with open_store(args.store) as store:
        figures = initialise(store)
        print(
            f"store {args.store}: ontology {figures['ontology_triples']} triples, "
            f"reference {figures['reference_triples']} triples"
        )
        loader = Loader(store)
        for path in sorted(Path(args.releases).glob("*.txt")):
            out = loader.load_path(path)
            print(
                f"  {out.status:9s} {path.name}: {out.meetings} meeting(s), {out.people} attendee(s), {out.triples} triples"
            )
        inf = rebuild(store)
        print(
            f"derived graphs: {inf['current']} current facts, {inf['inferred']} inferred triples, "
            f"{inf['disagreements']} disagreements in {inf['seconds']} s"
        )
        report = validate_store(store)
        print("SHACL:", "conforms" if report.conforms else f"{len(report.violations)} violations")
        show(store, "partners", {"on": "2025-01-01"}, limit=8)
        show(store, "partner-history", {"partner": "RU"})
        show(store, "meetings", {"partner": "RU"})
        latest = run_named(store, "last-meeting", {"partner": "RU", "level": "som"}).dicts()
        if latest:
            show(store, "meeting-attendees", {"meeting": str(latest[0]["meeting"])})
        show(store, "person-meetings", {"person": "Igor Morgulov"})
        show(store, "partner-areas", {"partner": "RU"}, limit=8)
        show(store, "instruments", {"partner": "RU"})
        show(store, "coordinators", {"partner": "RU"})
        show(store, "conflicts", {}, limit=6)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
