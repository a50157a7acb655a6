"""SHACL validation. In the store: the project's shapes, compiled (kg/model/shapes.py), run as
the SPARQL of queries/internal/shape-*.rq over every source graph, one query per kind of
constraint with every constraint of that kind bound as VALUES rows; it needs no copy of the data
in Python, so it holds at millions of triples. pySHACL stays the reference (`validate_graph`, on
an rdflib graph); the tests prove both report the same violations.

A property with more values than its shape allows only because two sources disagree (each within
bounds) is a disagreement between sources, kept on purpose, reported apart from violations.
"""

from __future__ import annotations

import os
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

from rdflib import Graph, Literal

from ..namespaces import ONTOLOGY_GRAPH, SH, is_source_graph
from ..resources import sparql
from .ontology import ontology_graph, shapes_graph
from .shapes import compiled


@dataclass
class Report:
    conforms: bool
    violations: list[dict]
    text: str
    disagreements: list[dict] = field(default_factory=list)


def validate_graph(data: Graph) -> Report:
    """pySHACL over an rdflib graph (merged with the ontology, whose vocabularies shapes use)."""
    import pyshacl

    merged = Graph()
    merged += data
    merged += ontology_graph()
    conforms, results, text = pyshacl.validate(
        merged, shacl_graph=shapes_graph(), inference="none", advanced=True, allow_warnings=True
    )
    violations = []
    for r in results.subjects(SH.resultSeverity, SH.Violation):
        violations.append(
            {
                "focus": str(results.value(r, SH.focusNode)),
                "path": str(results.value(r, SH.resultPath) or ""),
                "message": str(results.value(r, SH.resultMessage) or ""),
                "shape": str(results.value(r, SH.sourceShape) or ""),
                "component": str(results.value(r, SH.sourceConstraintComponent) or ""),
            }
        )
    violations.sort(key=lambda v: (v["focus"], v["path"]))
    return Report(bool(conforms), violations, text)


def data_graph(store) -> Graph:
    """Everything the sources state (every graph but the ontology and the derived ones), merged."""
    g = Graph()
    for name in store.graph_names():
        if name == ONTOLOGY_GRAPH or not is_source_graph(name):
            continue
        for t in store.triples(name):
            g.add(t)
    return g


# --- in the store ---------------------------------------------------------------------------------


def violation(shape, focus, path, component: str, message: str) -> dict:
    return {
        "focus": str(focus),
        "path": str(path or ""),
        "message": message,
        "shape": str(shape),
        "component": str(SH[component + "ConstraintComponent"]),
    }


def rows_of(constraints, key: str, make) -> list[dict]:
    return [make(c) for c in constraints if getattr(c, key) not in (None, frozenset(), False)]


VALUE_CHECKS = [  # (query, constraint attribute, VALUES row of a constraint, component, message)
    ("shape-node-kind", "node_kind_iri", lambda c: {}, "NodeKind", "not an IRI"),
    ("shape-class", "value_class", lambda c: {"valueClass": c.value_class}, "Class", "not an instance of the class"),
    ("shape-pattern", "pattern", lambda c: {"pattern": Literal(c.pattern)}, "Pattern", "does not match the pattern"),
    ("shape-min-length", "min_length", lambda c: {"limit": Literal(c.min_length)}, "MinLength", "too short"),
    ("shape-min-inclusive", "min_inclusive", lambda c: {"limit": c.min_inclusive}, "MinInclusive", "too small"),
    ("shape-less-than", "less_than", lambda c: {"other": c.less_than}, "LessThan", "not less than"),
]


# checks whose query returns (shape, path, value) without the nodes: values are checked once each
VALUES_FIRST = {"shape-class", "shape-min-length"}


def select(store, name: str, rows: list[dict]):
    return store.select(sparql(name), rows).dicts() if rows else []


def validate_store(store) -> Report:
    """Every violation of the shapes by the sources, found in the store. On a SPARQL server the
    sources are read whole and checked in an in-process store: the verdict must not depend on
    the server's engine (Virtuoso 7 evaluates the NOT EXISTS of shape-class wrongly)."""
    if not store.embedded:
        from ..stores import open_store

        with open_store("memory:") as local:
            local.add_graphs({g: list(store.triples(g)) for g in store.graph_names()})
            return _validate_embedded(local)
    return _validate_embedded(store)


def _validate_embedded(store) -> Report:
    """The checks are independent queries: they run side by side, one per core (the engine lets
    go of Python's lock while it evaluates: 29 s -> 15 s at 2M quads on two cores)."""
    constraints, one_ofs = compiled()
    checks = [
        # the counting checks one constraint at a time: each groups every node of a target class,
        # and asked for all constraints at once they held 571 MB at 2M quads (154 MB one by one)
        *(lambda c=c: min_counts(store, [c]) for c in constraints if c.min_count),
        *(lambda c=c: max_counts(store, [c]) for c in constraints if c.max_count is not None),
        lambda: datatypes(store, constraints),
        lambda: values_in(store, constraints),
        *(lambda check=check: value_check(store, constraints, *check) for check in VALUE_CHECKS),
        lambda: one_of(store, one_ofs),
    ]
    with ThreadPoolExecutor(max_workers=max(2, os.cpu_count() or 2)) as pool:
        results = list(pool.map(lambda check: check(), checks))
    found = [v for f, _ in results for v in f]
    disagreements = [v for _, d in results for v in d]
    found.sort(key=lambda v: (v["focus"], v["path"], v["component"]))
    text = "\n".join(f"{v['focus']} {v['path']}: {v['message']}" for v in found) or "Conforms"
    return Report(not found, found, text, disagreements)


def base(c) -> dict:
    return {"shape": c.shape, "class": c.target, "path": c.path}


def min_counts(store, constraints):
    rows = [dict(base(c), limit=Literal(c.min_count)) for c in constraints if c.min_count]
    found = [
        violation(r["shape"], r["focus"], r["path"], "MinCount", "fewer values than the shape asks")
        for r in select(store, "shape-min-count", rows)
    ]
    return found, []


def max_counts(store, constraints):
    """Too many values: a violation when one source gives them, a disagreement when several
    sources give one each."""
    found, disagreements = [], []
    candidates = select(
        store,
        "shape-max-count",
        [dict(base(c), limit=Literal(c.max_count)) for c in constraints if c.max_count is not None],
    )
    limits = {(c.shape, c.path): c.max_count for c in constraints if c.max_count is not None}
    most = {
        (str(r["focus"]), str(r["path"])): int(r["most"])
        for r in select(store, "shape-most-per-source", [{"focus": r["focus"], "path": r["path"]} for r in candidates])
    }
    for r in candidates:
        limit = limits[(r["shape"], r["path"])]
        if most.get((str(r["focus"]), str(r["path"])), 0) > limit:
            found.append(violation(r["shape"], r["focus"], r["path"], "MaxCount", f"more than {limit} values"))
        else:
            disagreements.append(
                violation(
                    r["shape"],
                    r["focus"],
                    r["path"],
                    "MaxCount",
                    f"sources disagree: each gives at most {limit} value(s)",
                )
            )
    return found, disagreements


def datatypes(store, constraints):
    rows, found = [], []
    for c in constraints:
        if c.datatypes:
            dts = sorted(c.datatypes)[:3]
            rows.append(dict(base(c), **{f"dt{i + 1}": d for i, d in enumerate(dts)}))
    for r in select(store, "shape-datatype", rows):
        c = next(c for c in constraints if c.shape == r["shape"] and c.path == r["path"] and c.datatypes)
        component = "Or" if len(c.datatypes) > 1 else "Datatype"
        found.append(
            violation(r["shape"], r["focus"], r["path"], component, f"{r['value']} is not of an allowed datatype")
        )
    return found, []


def values_in(store, constraints):
    allowed = {(c.shape, c.path): c for c in constraints if c.values_in}
    outside = [
        {"shape": r["shape"], "class": allowed[(r["shape"], r["path"])].target, "path": r["path"], "value": r["value"]}
        for r in select(store, "shape-values", [base(c) for c in allowed.values()])
        if r["value"] not in allowed[(r["shape"], r["path"])].values_in
    ]
    found = [
        violation(r["shape"], r["focus"], r["path"], "In", f"{r['value']} is not an allowed value")
        for r in select(store, "shape-nodes-with-value", outside)
    ]
    return found, []


def value_check(store, constraints, name, attr, extra, component, message):
    rows = select(store, name, rows_of(constraints, attr, lambda c: dict(base(c), **extra(c))))
    if name in VALUES_FIRST:  # failing values found first; now the target nodes that hold them
        target = {(c.shape, c.path): c.target for c in constraints if getattr(c, attr) not in (None, False)}
        rows = select(
            store, "shape-nodes-with-value", [dict(r, **{"class": target[(r["shape"], r["path"])]}) for r in rows]
        )
    return [violation(r["shape"], r["focus"], r["path"], component, f"{r['value']}: {message}") for r in rows], []


def one_of(store, one_ofs):
    rows = [{"shape": o.shape, "class": o.target, "path": p} for o in one_ofs for p in o.paths]
    found = [
        violation(r["shape"], r["focus"], None, "Or", "none of the alternative properties")
        for r in select(store, "shape-one-of", rows)
    ]
    return found, []


__all__ = ["Report", "data_graph", "validate_graph", "validate_store"]
