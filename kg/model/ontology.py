"""The hand-written ontology (Turtle under ontology/) and its SHACL shapes, read as rdflib graphs."""

from __future__ import annotations

from functools import lru_cache

from rdflib import Graph

from ..resources import ontology_files, shape_files


@lru_cache(maxsize=1)
def _ontology() -> Graph:
    from .reference import area_concepts

    g = Graph()
    for f in ontology_files():
        g.parse(data=f.read_text(encoding="utf-8"), format="turtle")
    g += area_concepts()
    return g


@lru_cache(maxsize=1)
def _shapes() -> Graph:
    g = Graph()
    for f in shape_files():
        g.parse(data=f.read_text(encoding="utf-8"), format="turtle")
    return g


def ontology_terms() -> frozenset:
    """Every subject the ontology describes (classes, properties, concepts), without a copy."""
    return _terms()


@lru_cache(maxsize=1)
def _terms() -> frozenset:
    return frozenset(_ontology().subjects())


def ontology_graph() -> Graph:
    """A fresh copy: callers may add to it without touching the cache."""
    g = Graph()
    g += _ontology()
    return g


def shapes_graph() -> Graph:
    g = Graph()
    g += _shapes()
    return g


@lru_cache(maxsize=1)
def single_valued_properties() -> frozenset:
    """The properties a subject has one value of (typed akg:SingleValuedProperty): where releases
    give several, they disagree (graph/disagreements)."""
    from ..namespaces import AKG, RDF

    return frozenset(_ontology().subjects(RDF.type, AKG.SingleValuedProperty))


@lru_cache(maxsize=1)
def broader_concepts() -> dict:
    """Each concept -> every concept broader than it (skos:broader, followed to the top)."""
    from rdflib.namespace import SKOS

    g = _ontology()
    out = {}
    for c in set(g.subjects(SKOS.broader, None)):
        seen, todo = set(), [c]
        while todo:
            for b in g.objects(todo.pop(), SKOS.broader):
                if b not in seen:
                    seen.add(b)
                    todo.append(b)
        out[c] = frozenset(seen)
    return out
