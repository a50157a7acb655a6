"""`aseankg init`: the ontology and the reference graph, each in its own named graph.

Idempotent: each graph is replaced whole, so running it twice leaves the same store.
"""
from __future__ import annotations

from .namespaces import ONTOLOGY_GRAPH, REFERENCE_GRAPH
from .ontology import ontology_graph
from .reference import build_reference_graph


def initialise(store) -> dict:
    onto = ontology_graph()
    ref = build_reference_graph()
    store.put_graph(ONTOLOGY_GRAPH, onto)
    store.put_graph(REFERENCE_GRAPH, ref)
    return {"ontology_triples": len(onto), "reference_triples": len(ref)}


def is_initialised(store) -> bool:
    return store.has_graph(ONTOLOGY_GRAPH) and store.has_graph(REFERENCE_GRAPH)
