"""`aseankg init`: the ontology and the reference graph, each in its own named graph, and the
derived graphs built from them.

Idempotent: each graph is replaced whole, so running it twice leaves the same store.
"""

from __future__ import annotations

from ..namespaces import ONTOLOGY_GRAPH, REFERENCE_GRAPH
from .derived import rebuild
from .ontology import ontology_graph
from .reference import build_reference_graph


def initialise(store) -> dict:
    onto = ontology_graph()
    ref = build_reference_graph()
    # both graphs and the stale mark in one transaction: a crash leaves the old state or the new
    store.put_graphs({ONTOLOGY_GRAPH: list(onto), REFERENCE_GRAPH: list(ref)}, mark_stale=True)
    derived = rebuild(store)
    return {"ontology_triples": len(onto), "reference_triples": len(ref), **derived}


def is_initialised(store) -> bool:
    return store.has_graph(ONTOLOGY_GRAPH) and store.has_graph(REFERENCE_GRAPH)
