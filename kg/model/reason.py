"""OWL 2 RL on instance data: the rules of the ontology that touch data (cax-sco, cax-eqc,
prp-spo1, prp-eqp, prp-inv1/2, prp-symp, prp-dom, prp-rng) compiled into consequence templates.

Every one of these rules reads one data triple and the schema, so what a triple implies depends
on the triple alone: `templates()` closes the schema once, per predicate and per class, into
the full list of triples a data triple implies (a subproperty's inverse's range's superclass
...). Inference is then one pass with no fixpoint loop, the same in Python (`consequences`),
in the embedded store and as SPARQL (queries/internal/infer-*.ru), and incremental maintenance
only has to recompute the nodes a change touches.

`owlrl_inferences` is the reference engine (owlrl's full OWL 2 RL closure, reduced to data);
tests prove both give the same triples. Neither emits reflexive owl:sameAs, nor owl:Thing or
rdfs:Resource typing: noise that answers no question.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from functools import cache

from rdflib import BNode, Graph, Literal, URIRef

from ..namespaces import OWL, RDF, RDFS, XSD

NOISE_TYPES = {OWL.Thing, RDFS.Resource, OWL.NamedIndividual}
TYPE = RDF.type


@dataclass(frozen=True)
class Templates:
    """What a data triple implies. For a triple (x p y):
    - forward[p]: predicates q with (x q y)          (subproperties, equivalences)
    - backward[p]: predicates q with (y q x)         (inverses, symmetry; only when y is a node)
    - subject_types[p]: classes C with (x a C)       (domains, with their superclasses)
    - object_types[p]: classes C with (y a C)        (ranges; only when y is a node)
    For a triple (x a C): superclasses[C]: classes D with (x a D)."""

    forward: dict
    backward: dict
    subject_types: dict
    object_types: dict
    superclasses: dict

    def pairs(self) -> dict:
        """Each table as (left, right) IRI pairs, for the SPARQL form of the rules."""

        def flat(table):
            return sorted((a, b) for a, bs in table.items() for b in bs)

        return {
            "forward": flat(self.forward),
            "backward": flat(self.backward),
            "subject-types": flat(self.subject_types),
            "object-types": flat(self.object_types),
            "superclasses": flat(self.superclasses),
        }


def _closure(edges: dict) -> dict:
    out = {}
    for start in edges:
        seen, todo = set(), list(edges[start])
        while todo:
            n = todo.pop()
            if n not in seen and n != start:
                seen.add(n)
                todo.extend(edges.get(n, ()))
        out[start] = seen
    return out


def templates_of(onto: Graph) -> Templates:
    """Close the schema of an ontology graph into consequence templates."""
    sub_c, sub_p = defaultdict(set), defaultdict(set)
    for a, b in onto.subject_objects(RDFS.subClassOf):
        if isinstance(a, URIRef) and isinstance(b, URIRef):
            sub_c[a].add(b)
    for a, b in onto.subject_objects(OWL.equivalentClass):
        if isinstance(a, URIRef) and isinstance(b, URIRef):
            sub_c[a].add(b)
            sub_c[b].add(a)
    for a, b in onto.subject_objects(RDFS.subPropertyOf):
        sub_p[a].add(b)
    for a, b in onto.subject_objects(OWL.equivalentProperty):
        sub_p[a].add(b)
        sub_p[b].add(a)
    supc, supp = _closure(sub_c), _closure(sub_p)
    inverse = defaultdict(set)
    for a, b in onto.subject_objects(OWL.inverseOf):
        inverse[a].add(b)
        inverse[b].add(a)
    for p in onto.subjects(RDF.type, OWL.SymmetricProperty):
        inverse[p].add(p)
    domain, range_ = defaultdict(set), defaultdict(set)
    for p, c in onto.subject_objects(RDFS.domain):
        if isinstance(c, URIRef):
            domain[p].add(c)
    for p, c in onto.subject_objects(RDFS.range):
        # ranges on datatype properties type literals, which OWL RL leaves alone on data
        if (
            isinstance(c, URIRef)
            and (c, RDF.type, RDFS.Datatype) not in onto
            and not str(c).startswith(str(RDFS))
            and not str(c).startswith(str(XSD))
        ):
            range_[p].add(c)

    def with_supers(classes):
        out = set()
        for c in classes:
            out |= {c} | supc.get(c, set())
        return out - NOISE_TYPES

    predicates = set(sub_p) | set(inverse) | set(domain) | set(range_) | {q for qs in supp.values() for q in qs}
    forward, backward, stypes, otypes = {}, {}, {}, {}
    for p in predicates:
        # states: (q, True) is (x q y), (q, False) is (y q x)
        seen, todo = set(), [(p, True)]
        while todo:
            q, fwd = todo.pop()
            if (q, fwd) in seen:
                continue
            seen.add((q, fwd))
            todo += [(r, fwd) for r in supp.get(q, ())]
            todo += [(r, not fwd) for r in inverse.get(q, ())]
        fw = {q for q, f in seen if f} - {p}
        bw = {q for q, f in seen if not f}
        st = with_supers(
            {c for q, f in seen if f for c in domain.get(q, ())}
            | {c for q, f in seen if not f for c in range_.get(q, ())}
        )
        ot = with_supers(
            {c for q, f in seen if f for c in range_.get(q, ())}
            | {c for q, f in seen if not f for c in domain.get(q, ())}
        )
        for table, value in ((forward, fw), (backward, bw), (stypes, st), (otypes, ot)):
            if value:
                table[p] = frozenset(value)
    superclasses = {c: frozenset(ds - NOISE_TYPES) for c, ds in supc.items() if ds - NOISE_TYPES}
    return Templates(forward, backward, stypes, otypes, superclasses)


@cache
def templates() -> Templates:
    from .ontology import ontology_graph

    return templates_of(ontology_graph())


def consequences(t: Templates, s, p, o):
    """Every triple (s p o) implies, itself excluded."""
    if p == TYPE:
        for d in t.superclasses.get(o, ()):
            yield s, TYPE, d
        return
    node = not isinstance(o, Literal)
    for q in t.forward.get(p, ()):
        yield s, q, o
    for c in t.subject_types.get(p, ()):
        yield s, TYPE, c
    if node:
        for q in t.backward.get(p, ()):
            yield o, q, s
        for c in t.object_types.get(p, ()):
            yield o, TYPE, c


def infer(triples, t: Templates | None = None, exclude_subjects=frozenset()) -> set:
    """The inferred triples of a set of asserted triples (those asserted left out)."""
    t = t or templates()
    asserted = set(triples)
    out = set()
    for s, p, o in asserted:
        if s in exclude_subjects:
            continue
        out.update(consequences(t, s, p, o))
    return out - asserted


def owlrl_inferences(data: Graph, onto: Graph | None = None) -> Graph:
    """Reference engine: owlrl's OWL 2 RL closure of data + ontology, reduced to the new
    triples about data nodes, without the noise the project's engine also leaves out."""
    import owlrl

    from .ontology import ontology_graph

    onto = onto if onto is not None else ontology_graph()
    g = Graph()
    g += onto
    g += data
    owlrl.DeductiveClosure(owlrl.OWLRL_Semantics, axiomatic_triples=False, datatype_axioms=False).expand(g)
    terms = set(onto.subjects()) | set(onto.objects())
    nodes = (set(data.subjects()) | set(data.objects())) - terms
    props = schema_props(onto)
    out = Graph()
    for s, p, o in g:
        if (s, p, o) in data or s not in nodes or not isinstance(s, URIRef):
            continue
        if p == OWL.sameAs or (isinstance(o, (Literal, BNode)) and p == RDF.type):
            continue
        if p == RDF.type and o in NOISE_TYPES:
            continue
        if isinstance(o, Literal) and p not in props:
            continue
        out.add((s, p, o))
    return out


def schema_props(onto: Graph) -> set:
    return (
        set(onto.subjects(RDF.type, OWL.DatatypeProperty))
        | set(onto.subjects(RDF.type, OWL.ObjectProperty))
        | set(onto.objects(None, RDFS.subPropertyOf))
    )


def has_nothing_members(g: Graph) -> bool:
    return any(g.subjects(RDF.type, OWL.Nothing))
