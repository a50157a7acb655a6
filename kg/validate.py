"""SHACL validation (pySHACL) of the data in a store, or of any rdflib graph."""
from __future__ import annotations

from dataclasses import dataclass

from rdflib import Graph

from .namespaces import INFERRED_GRAPH, ONTOLOGY_GRAPH, SH
from .ontology import ontology_graph, shapes_graph


@dataclass
class Report:
    conforms: bool
    violations: list[dict]
    text: str


def validate_graph(data: Graph) -> Report:
    import pyshacl
    # the vocabularies (SKOS concepts) live in the ontology, so shapes see data and ontology together
    merged = Graph()
    merged += data
    merged += ontology_graph()
    conforms, results, text = pyshacl.validate(
        merged, shacl_graph=shapes_graph(), inference="none",
        advanced=True, allow_warnings=True)
    violations = []
    for r in results.subjects(SH.resultSeverity, SH.Violation):
        violations.append({
            "focus": str(results.value(r, SH.focusNode)),
            "path": str(results.value(r, SH.resultPath) or ""),
            "message": str(results.value(r, SH.resultMessage) or ""),
            "shape": str(results.value(r, SH.sourceShape) or ""),
        })
    violations.sort(key=lambda v: (v["focus"], v["path"]))
    return Report(bool(conforms), violations, text)


def data_graph(store) -> Graph:
    """Everything asserted (every graph but the ontology and the inferred graph), merged."""
    g = Graph()
    for name in store.graph_names():
        if name in (ONTOLOGY_GRAPH, INFERRED_GRAPH):
            continue
        g += store.get_graph(name)
    return g


def validate_store(store) -> Report:
    return validate_graph(data_graph(store))
