"""SHACL validation (pySHACL) of the data in a store, or of any rdflib graph."""

from __future__ import annotations

from dataclasses import dataclass, field

from rdflib import Graph, URIRef

from ..namespaces import ONTOLOGY_GRAPH, SH, is_source_graph
from ..resources import sparql
from .ontology import ontology_graph, shapes_graph


@dataclass
class Report:
    conforms: bool
    violations: list[dict]
    text: str
    disagreements: list[dict] = field(default_factory=list)


def validate_graph(data: Graph) -> Report:
    import pyshacl

    # the vocabularies (SKOS concepts) live in the ontology, so shapes see data and ontology together
    merged = Graph()
    merged += data
    merged += ontology_graph()
    conforms, results, text = pyshacl.validate(
        merged, shacl_graph=shapes_graph(), inference="none", advanced=True, allow_warnings=True
    )
    violations = []
    shapes = shapes_graph()
    for r in results.subjects(SH.resultSeverity, SH.Violation):
        shape = results.value(r, SH.sourceShape)
        violations.append(
            {
                "focus": str(results.value(r, SH.focusNode)),
                "path": str(results.value(r, SH.resultPath) or ""),
                "message": str(results.value(r, SH.resultMessage) or ""),
                "shape": str(shape or ""),
                "component": str(results.value(r, SH.sourceConstraintComponent) or ""),
                "max": int(results.value(shape, SH.maxCount) or shapes.value(shape, SH.maxCount) or 1)
                if shape is not None
                else 1,
            }
        )
    violations.sort(key=lambda v: (v["focus"], v["path"]))
    return Report(bool(conforms), violations, text)


def data_graph(store) -> Graph:
    """Everything asserted (every graph but the ontology and the inferred graph), merged."""
    g = Graph()
    for name in store.graph_names():
        if name == ONTOLOGY_GRAPH or not is_source_graph(name):
            continue
        for t in store.triples(name):
            g.add(t)
    return g


def validate_store(store) -> Report:
    """Validate all asserted data together. A property that has too many values only because
    two releases disagree (each graph within bounds) is a disagreement between sources, kept
    on purpose, and is reported apart from violations."""
    report = validate_graph(data_graph(store))
    kept, disagreements = [], []
    for v in report.violations:
        if v["component"] == str(SH.MaxCountConstraintComponent) and v["path"]:
            rows = store.select(
                sparql("values-per-graph"), {"focus": URIRef(v["focus"]), "path": URIRef(v["path"])}
            ).dicts()
            if rows and all(int(r["n"]) <= v["max"] for r in rows):
                disagreements.append(v)
                continue
        kept.append(v)
    return Report(not kept, kept, report.text, disagreements)
