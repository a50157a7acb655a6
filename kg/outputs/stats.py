"""Counts for `aseankg stats`: triples, named graphs, instances per class, sources."""

from __future__ import annotations

from ..namespaces import AKG, CURRENT_GRAPH, INFERRED_GRAPH, is_release_graph
from ..questions import run_named


def store_stats(store) -> dict:
    graphs = store.graph_names()
    per_class = {
        str(r["class"]).replace(str(AKG), "akg:"): int(r["n"])
        for r in run_named(store, "_stats-classes", dataset="asserted").dicts()
    }
    sources = run_named(store, "_stats-sources", dataset="asserted").dicts()[0]
    return {
        "triples": store.count(),
        "named_graphs": len(graphs),
        "release_graphs": sum(1 for g in graphs if is_release_graph(g)),
        "current_triples": store.count(CURRENT_GRAPH) if CURRENT_GRAPH in graphs else 0,
        "inferred_triples": store.count(INFERRED_GRAPH) if INFERRED_GRAPH in graphs else 0,
        "instances": per_class,
        "reference_sources": int(sources["reference"]),
        "releases": int(sources["releases"]),
    }
