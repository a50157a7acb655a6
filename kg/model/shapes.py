"""The project's SHACL shapes compiled once into plain constraints, so they can be checked where
pySHACL would be too slow: on each release graph before it is written (`violations`), and inside
the store over every graph (kg/model/validate.py runs them as the SPARQL of
queries/internal/shape-*.rq). pySHACL stays the reference: the tests prove all three agree on the
fixtures and on a conforming and a violating example of every shape.

Only the constraint components the shapes use are compiled; a shape using another one is an
error here, not a constraint silently skipped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.collection import Collection

from ..namespaces import RDF, RDFS, SH, XSD
from .ontology import ontology_graph, shapes_graph

KNOWN = {
    SH.path,
    SH.minCount,
    SH.maxCount,
    SH.datatype,
    SH["class"],
    SH["in"],
    SH["or"],
    SH.nodeKind,
    SH.pattern,
    SH.minLength,
    SH.minInclusive,
    SH.lessThan,
}
NODE_KEYS = {RDF.type, SH.targetClass, SH.property, SH["or"], RDFS.comment}


@dataclass(frozen=True)
class Constraint:
    """One property shape of a node shape: the values of `path` on every instance of `target`."""

    shape: URIRef
    target: URIRef
    path: URIRef
    min_count: int | None = None
    max_count: int | None = None
    datatypes: frozenset = frozenset()  # one of these (sh:datatype, or an sh:or of them)
    node_kind_iri: bool = False
    values_in: frozenset | None = None
    value_class: URIRef | None = None
    pattern: str | None = None
    min_length: int | None = None
    min_inclusive: Literal | None = None
    less_than: URIRef | None = None


@dataclass(frozen=True)
class OneOf:
    """A node-level sh:or of property shapes that each require a path: one of them must hold."""

    shape: URIRef
    target: URIRef
    paths: tuple


@dataclass(frozen=True)
class Violation:
    focus: object
    path: URIRef | None
    component: str  # the SHACL constraint component's local name, e.g. MinCount
    shape: URIRef
    message: str

    def as_dict(self) -> dict:
        return {
            "focus": str(self.focus),
            "path": str(self.path or ""),
            "component": str(SH[self.component + "ConstraintComponent"]),
            "shape": str(self.shape),
            "message": self.message,
        }


def _int(g, node, p):
    v = g.value(node, p)
    return int(v) if v is not None else None


def _property(g: Graph, shape, target, node) -> Constraint:
    unknown = {p for p in g.predicates(node) if p not in KNOWN}
    if unknown:
        raise ValueError(f"shape {shape}: constraint {sorted(unknown)[0]} is not compiled (kg/model/shapes.py)")
    datatypes = set(g.objects(node, SH.datatype))
    alternatives = g.value(node, SH["or"])
    if alternatives is not None:
        for member in Collection(g, alternatives):
            keys = set(g.predicates(member))
            if keys != {SH.datatype}:
                raise ValueError(f"shape {shape}: sh:or of {sorted(keys)} is not compiled (only of sh:datatype)")
            datatypes.add(g.value(member, SH.datatype))
    kind = g.value(node, SH.nodeKind)
    if kind is not None and kind != SH.IRI:
        raise ValueError(f"shape {shape}: sh:nodeKind {kind} is not compiled (only sh:IRI)")
    values = g.value(node, SH["in"])
    return Constraint(
        shape,
        target,
        g.value(node, SH.path),
        _int(g, node, SH.minCount),
        _int(g, node, SH.maxCount),
        frozenset(datatypes),
        kind == SH.IRI,
        frozenset(Collection(g, values)) if values is not None else None,
        g.value(node, SH["class"]),
        str(g.value(node, SH.pattern)) if g.value(node, SH.pattern) is not None else None,
        _int(g, node, SH.minLength),
        g.value(node, SH.minInclusive),
        g.value(node, SH.lessThan),
    )


def compile_shapes(g: Graph) -> tuple[list[Constraint], list[OneOf]]:
    constraints, one_ofs = [], []
    for shape in sorted(g.subjects(RDF.type, SH.NodeShape)):
        unknown = {p for p in g.predicates(shape) if p not in NODE_KEYS}
        if unknown:
            raise ValueError(f"shape {shape}: {sorted(unknown)[0]} is not compiled (kg/model/shapes.py)")
        target = g.value(shape, SH.targetClass)
        for node in g.objects(shape, SH.property):
            constraints.append(_property(g, shape, target, node))
        alternatives = g.value(shape, SH["or"])
        if alternatives is not None:
            paths = []
            for member in Collection(g, alternatives):
                if set(g.predicates(member)) != {SH.path, SH.minCount} or int(g.value(member, SH.minCount)) != 1:
                    raise ValueError(f"shape {shape}: a node-level sh:or is compiled only of (path, minCount 1)")
                paths.append(g.value(member, SH.path))
            one_ofs.append(OneOf(shape, target, tuple(paths)))
    return constraints, one_ofs


@cache
def compiled() -> tuple[list[Constraint], list[OneOf]]:
    return compile_shapes(shapes_graph())


@cache
def _ontology_index() -> tuple[dict, dict]:
    """Superclasses of every class (reflexive) and the types the ontology gives its own terms."""
    onto = ontology_graph()
    parents: dict = {}
    for c, d in onto.subject_objects(RDFS.subClassOf):
        if isinstance(d, URIRef):
            parents.setdefault(c, set()).add(d)
    closure: dict = {}

    def up(c, seen=()):
        if c not in closure:
            out = {c}
            for d in parents.get(c, ()):
                if d not in seen:
                    out |= up(d, seen + (c,))
            closure[c] = out
        return closure[c]

    for c in list(parents):
        up(c)
    types: dict = {}
    for s, t in onto.subject_objects(RDF.type):
        types.setdefault(s, set()).add(t)
    return closure, types


@cache
def by_class() -> tuple[dict, list]:
    """The compiled constraints grouped by target class."""
    constraints, one_ofs = compiled()
    grouped: dict = {}
    for c in constraints:
        grouped.setdefault(c.target, []).append(c)
    return grouped, one_ofs


# --- checking a graph in Python -----------------------------------------------------------------


def well_formed(value, datatype) -> bool:
    """A literal of `datatype` whose lexical form is valid for it (plain literals are xsd:string)."""
    if not isinstance(value, Literal) or value.language:
        return False
    dt = value.datatype or XSD.string
    return dt == datatype and not getattr(value, "ill_typed", False)


def _value_problem(c: Constraint, v, types_of) -> tuple[str, str] | None:
    if c.datatypes and not any(well_formed(v, d) for d in c.datatypes):
        return (
            "Or" if len(c.datatypes) > 1 else "Datatype"
        ), f"{v!r} is not of datatype {'/'.join(sorted(c.datatypes))}"
    if c.node_kind_iri and not isinstance(v, URIRef):
        return "NodeKind", f"{v!r} is not an IRI"
    if c.values_in is not None and v not in c.values_in:
        return "In", f"{v} is not one of the allowed values"
    if c.value_class is not None and c.value_class not in types_of(v):
        return "Class", f"{v} is not a {c.value_class}"
    if c.pattern is not None and (isinstance(v, BNode) or not re.search(c.pattern, str(v))):
        return "Pattern", f"{str(v)[:60]!r} does not match {c.pattern}"
    if c.min_length is not None and (isinstance(v, BNode) or len(str(v)) < c.min_length):
        return "MinLength", f"{str(v)[:60]!r} is shorter than {c.min_length}"
    if c.min_inclusive is not None:
        try:
            ok = isinstance(v, Literal) and v.toPython() >= c.min_inclusive.toPython()
        except TypeError:
            ok = False
        if not ok:
            return "MinInclusive", f"{v} is below {c.min_inclusive}"
    return None


def violations(triples) -> list[Violation]:
    """Every violation of the shapes by a graph (an rdflib Graph or triples), read together with
    the ontology (its classes and vocabularies): what pySHACL would report on the same data."""
    closure, onto_types = _ontology_index()
    by_subject: dict = {}
    for s, p, o in triples:
        by_subject.setdefault(s, {}).setdefault(p, set()).add(o)

    def types_of(node) -> set:
        direct = set(by_subject.get(node, {}).get(RDF.type, ())) | onto_types.get(node, set())
        return set().union(*(closure.get(t, {t}) for t in direct)) if direct else set()

    by_target, one_ofs = by_class()
    out = []
    for focus in sorted(by_subject, key=str):
        types = types_of(focus)
        if not types:
            continue
        props = by_subject[focus]
        for c in (c for t in types for c in by_target.get(t, ())):
            values = props.get(c.path, set())
            if c.min_count is not None and len(values) < c.min_count:
                out.append(Violation(focus, c.path, "MinCount", c.shape, f"fewer than {c.min_count} values"))
            if c.max_count is not None and len(values) > c.max_count:
                out.append(Violation(focus, c.path, "MaxCount", c.shape, f"more than {c.max_count} values"))
            for v in sorted(values, key=str) if len(values) > 1 else values:
                problem = _value_problem(c, v, types_of)
                if problem:
                    out.append(Violation(focus, c.path, problem[0], c.shape, problem[1]))
            if c.less_than is not None:
                for v in values:
                    for w in props.get(c.less_than, ()):
                        try:
                            ok = v.toPython() < w.toPython()
                        except (AttributeError, TypeError):
                            ok = False
                        if not ok:
                            out.append(Violation(focus, c.path, "LessThan", c.shape, f"{v} is not less than {w}"))
        for alt in one_ofs:
            if alt.target in types and not any(props.get(p) for p in alt.paths):
                out.append(Violation(focus, None, "Or", alt.shape, "none of " + ", ".join(map(str, alt.paths))))
    return out


__all__ = ["Constraint", "OneOf", "Violation", "compile_shapes", "compiled", "violations"]
