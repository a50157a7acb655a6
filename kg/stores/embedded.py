"""Oxigraph in this process: on disk (`oxigraph:PATH`) or in memory (`memory:`).

Oxigraph hands plain literals back typed xsd:string; they are turned back into plain rdflib
literals here so they compare equal to what rdflib builds.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import lru_cache
from itertools import islice
from pathlib import Path

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.term import Node

from ..namespaces import (
    CURRENT_GRAPH,
    GRAPH,
    INFERRED_GRAPH,
    RDF,
    STATE_GRAPH,
    XSD,
    is_source_graph,
    sparql_prologue,
)
from ..resources import sparql
from ..sparql_text import declares_dataset
from .base import (
    Closing,
    GraphSet,
    QueryError,
    Rows,
    StoreError,
    StoreMissing,
    bind_values,
    dataset_graphs,
    filled,
    rule_tables,
    stale_marks,
    syntax_message,
)

BULK_AT = 10_000  # quads from which a write goes through the bulk loader
# quads the bulk loader takes at a time where the write need not be one step: it sorts a call's
# quads in memory for each index, ~0.8 kB a quad (a batch's end wrote its 768k derived quads with a
# peak of 1.03 GB at once, 0.55 GB in calls of this size, in the same time)
BULK_CHUNK = 100_000
FORMATS = {"nquads": ox.RdfFormat.N_QUADS, "trig": ox.RdfFormat.TRIG}


XSD_STRING = str(XSD.string)


def to_rdflib(term) -> Node | None:
    if term is None or isinstance(term, ox.DefaultGraph):
        return None
    return _to_rdflib(term)


@lru_cache(maxsize=100_000)  # rows repeat terms (a meeting per attendee...), and rdflib's Literal() is slow
def _to_rdflib(term) -> Node:
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        dt = term.datatype.value
        return Literal(term.value) if dt == XSD_STRING else Literal(term.value, datatype=URIRef(dt))
    raise TypeError(f"unsupported term {term!r}")


@lru_cache(maxsize=200_000)
def to_ox(term: Node):
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype is not None:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    raise TypeError(f"unsupported term {term!r}")


def quads_of(triples, graph_iri: URIRef) -> Iterator[ox.Quad]:
    g = ox.NamedNode(str(graph_iri))
    for s, p, o in triples:
        yield ox.Quad(to_ox(s), to_ox(p), to_ox(o), g)


class OxigraphStore(Closing):
    """The embedded store. `path=None` keeps it in memory; `read_only` opens an on-disk store
    for reading while another process may write it (a snapshot of its state at opening)."""

    embedded = True

    def __init__(self, path: str | None, descriptor: str, *, create: bool = True, read_only: bool = False):
        self.descriptor, self.path, self.read_only = descriptor, path, read_only
        self.dirty = False  # written since opened: publish a snapshot on close
        if path and not create and not Path(path).exists():
            raise StoreMissing(f"no store at {path} (run `aseankg init` or `aseankg load --create` to make one)")
        try:
            if path is None:
                self._s = ox.Store()
            elif read_only:
                self._s = ox.Store.read_only(path)
            else:
                self._s = ox.Store(path)
        except OSError as e:
            raise StoreError(f"cannot open store {descriptor}: {str(e).splitlines()[0]}") from None

    @property
    def native(self) -> ox.Store:
        """The pyoxigraph Store itself, for code that speaks pyoxigraph (or oxrdflib)."""
        return self._s

    # reading
    def _run(self, query: str, bindings, dataset, base_iri: str | None = None):
        graphs = dataset_graphs(dataset)
        kwargs: dict = {"base_iri": base_iri} if base_iri else {}
        if isinstance(dataset, GraphSet):
            kwargs["default_graph"] = [ox.NamedNode(str(g)) for g in dataset.default] or [ox.DefaultGraph()]
            kwargs["named_graphs"] = [ox.NamedNode(str(g)) for g in dataset.named]
        elif declares_dataset(query):
            pass  # its own FROM / FROM NAMED say what it reads
        elif graphs is None:
            kwargs["use_default_graph_as_union"] = True
        else:
            kwargs["default_graph"] = [ox.NamedNode(str(g)) for g in graphs]
        try:
            return self._s.query(sparql_prologue() + bind_values(query, bindings), **kwargs)
        except SyntaxError as e:
            raise QueryError(syntax_message(str(e), sparql_prologue())) from None
        except (OSError, RuntimeError, ValueError) as e:
            raise QueryError(f"query failed: {str(e).splitlines()[0]}") from None

    def select(self, query, bindings=None, *, dataset="facts", base_iri=None) -> Rows:
        res = self._run(query, bindings, dataset, base_iri)
        if not isinstance(res, ox.QuerySolutions):
            raise QueryError("not a SELECT query")
        names = [v.value for v in res.variables]
        convert = _to_rdflib  # a solution iterates its values in the order of the variables, None where unbound
        return Rows(names, [tuple(None if t is None else convert(t) for t in sol) for sol in res])

    def ask(self, query, bindings=None, *, dataset="facts", base_iri=None) -> bool:
        res = self._run(query, bindings, dataset, base_iri)
        if not isinstance(res, ox.QueryBoolean):
            raise QueryError("not an ASK query")
        return bool(res)

    def construct(self, query, bindings=None, *, dataset="facts", base_iri=None) -> Graph:
        res = self._run(query, bindings, dataset, base_iri)
        if not isinstance(res, ox.QueryTriples):
            raise QueryError("not a CONSTRUCT or DESCRIBE query")
        g = Graph()
        for t in res:
            g.add((to_rdflib(t.subject), to_rdflib(t.predicate), to_rdflib(t.object)))
        return g

    def _holds(self, node) -> bool:
        return next(iter(self._s.quads_for_pattern(None, None, None, node)), None) is not None

    def graph_names(self) -> list[URIRef]:
        """Graphs holding a triple (Oxigraph keeps a graph emptied by DELETE; a dump would not)."""
        return [URIRef(g.value) for g in self._s.named_graphs() if isinstance(g, ox.NamedNode) and self._holds(g)]

    def has_graph(self, graph_iri) -> bool:
        return self._holds(ox.NamedNode(str(graph_iri)))

    def triples(self, graph_iri) -> Iterator[tuple]:
        for q in self._s.quads_for_pattern(None, None, None, ox.NamedNode(str(graph_iri))):
            yield to_rdflib(q.subject), to_rdflib(q.predicate), to_rdflib(q.object)

    def get_graph(self, graph_iri) -> Graph:
        g = Graph()
        for t in self.triples(graph_iri):
            g.add(t)
        return g

    def count(self, graph_iri=None) -> int:
        if graph_iri is None:
            return len(self._s)
        rows = self.select(sparql("count-graph"), {"graph": URIRef(str(graph_iri))}, dataset="union")
        return int(rows.rows[0][0])

    # writing: every method is one Oxigraph transaction
    def update(self, update: str, bindings=None) -> None:
        self.dirty = True
        try:
            self._s.update(sparql_prologue() + bind_values(update, bindings))
        except SyntaxError as e:
            raise QueryError(syntax_message(str(e), sparql_prologue())) from None
        except OSError as e:
            raise StoreError(f"update failed: {str(e).splitlines()[0]}") from None

    def put_graph(self, graph_iri, triples) -> None:
        """Replace a named graph with `triples` atomically (a new graph is one bulk insert)."""
        self.dirty = True
        if not self.has_graph(graph_iri):
            self._s.extend(quads_of(triples, graph_iri))
            return
        self.update(filled("replace-graph", graph=graph_iri, data=list(triples)))

    def put_graphs(self, graphs: dict, mark_stale: bool = False) -> None:
        """Several graphs replaced in one transaction (`init` writes the ontology and reference
        graphs and the stale mark together: a crash leaves the old state or the new)."""
        if not any(self.has_graph(g) for g in graphs):
            self.add_graphs(graphs, mark_stale)
            return
        self.dirty = True
        parts = [filled("replace-graph", graph=URIRef(str(g)), data=list(t)) for g, t in graphs.items()]
        if mark_stale:
            parts.append(sparql("mark-stale"))
        self.update(" ;\n".join(parts))

    def add_graphs(self, graphs: dict, mark_stale: bool = False) -> None:
        """Several new graphs at once (a batch writes many releases at once); with `mark_stale`,
        the derived graphs are marked stale in that same write. Written by Oxigraph's bulk
        loader when large: sorted files ingested into every index in one atomic step (RocksDB's
        IngestExternalFiles; a write under its batch size of a million quads is one step), four
        times as fast as a transaction at a batch's size, and still all or nothing."""
        self.dirty = True
        quads = [q for graph_iri, triples in graphs.items() for q in quads_of(triples, graph_iri)]
        if mark_stale:
            quads += list(quads_of(stale_marks(), STATE_GRAPH))
        self._write(quads)

    def _write(self, quads: Iterable, size: int | None = None, one_step: bool = True) -> None:
        """Many quads through the bulk loader, a few (one release) in a transaction: a bulk write
        costs ~15 ms of its own and leaves files that slow readers until compacted. Quads may
        come from a generator (of `size` quads): a list of a batch's 725k derived quads held
        350 MB while the loader buffered its own copy. Without `one_step` (graphs marked stale
        meanwhile), the bulk loader takes them a part at a time."""
        if (len(quads) if size is None else size) < BULK_AT:
            self._s.extend(quads)
        elif one_step:
            self._s.bulk_extend(quads)
        else:
            quads = iter(quads)
            while part := list(islice(quads, BULK_CHUNK)):
                self._s.bulk_extend(part)

    def drop_graph(self, graph_iri) -> None:
        self.dirty = True
        node = ox.NamedNode(str(graph_iri))
        if self._s.contains_named_graph(node):
            self._s.remove_graph(node)

    # derived graphs
    def rebuild_derived(self, plan, full: bool = True) -> dict:
        """graph/current (with `full`, from every source graph; else as it is) and its OWL RL
        consequences, computed in one pass over the quads; only what changed is written, in parts
        (`_change`); they are marked stale meanwhile, so a reader never takes half-built graphs
        for fresh ones."""
        self.update(sparql("mark-stale"))  # a crash from here on leaves them stale, never wrong unnoticed
        current, inferred = ox.NamedNode(str(CURRENT_GRAPH)), ox.NamedNode(str(INFERRED_GRAPH))
        facts = self.source_facts(plan) if full else self._triples_of(current)
        found = self.consequences(facts, plan)
        if full:
            self._make_graph(current, facts)
        self._make_graph(inferred, found)
        self.update(sparql("clear-stale"))
        return {"current": len(facts), "inferred": len(found)}

    def add_to_derived(self, plan, facts: set) -> dict:
        """Facts that sources added (nothing retracted or renamed since the derived graphs were
        last fresh): the new ones join graph/current, their consequences graph/inferred (the
        rules take one premise each, so the others' stand), and whatever was only inferred and is
        now stated leaves graph/inferred; then the stale mark is cleared. They stay marked stale
        until then, so the additions go through the bulk loader (a crash leaves them stale, and
        the next reader rebuilds them)."""
        current, inferred = ox.NamedNode(str(CURRENT_GRAPH)), ox.NamedNode(str(INFERRED_GRAPH))
        ox_facts = {tuple(map(to_ox, t)) for t in facts}
        new = ox_facts - self._held(current, ox_facts)
        found = self.consequences(new, plan)
        found -= self._held(current, found)
        found -= self._held(inferred, found)
        now_stated = self._held(inferred, new)
        self._change(current, added=new)
        self._change(inferred, gone=now_stated, added=found)
        self.update(sparql("clear-stale"))
        return {"current": len(new), "inferred": len(found)}

    def _held(self, graph: ox.NamedNode, triples: set, size: int | None = None) -> set:
        """Those of `triples` (of pyoxigraph terms) the graph holds: each looked up (2-5 us), or
        the graph read whole (~8 us a quad) when it is a fraction of their number (a batch's end
        checks 457k facts against a graph/current of a few thousand). Without its `size`, the
        graph is read until it proves larger than that fraction (counting graph/current at 2M
        quads takes 0.2 s, longer than writing one release)."""
        fraction = len(triples) // 4
        if size is None or size <= fraction:
            read = list(islice(self._s.quads_for_pattern(None, None, None, graph), fraction + 1))
            if len(read) <= fraction:
                return {(q.subject, q.predicate, q.object) for q in read} & triples
        return {t for t in triples if ox.Quad(*t, graph) in self._s}

    def _triples_of(self, graph: ox.NamedNode) -> set:
        return {(q.subject, q.predicate, q.object) for q in self._s.quads_for_pattern(None, None, None, graph)}

    def _make_graph(self, graph: ox.NamedNode, triples: set) -> None:
        """Make a derived graph hold exactly `triples`, changing only what differs. What it holds
        beyond them is looked for only when its size says there is some: reading it whole took
        4 s for graph/current at 2M quads, looking each of them up 1 s, counting it 0.2 s."""
        size = self.count(URIRef(graph.value))
        if not size:
            self._change(graph, added=triples)
            return
        held = self._held(graph, triples, size)
        gone = self._triples_of(graph) - triples if size > len(held) else set()
        self._change(graph, gone=gone, added=triples - held)

    def _change(self, graph: ox.NamedNode, gone=(), added=()) -> None:
        """Take triples (of pyoxigraph terms) out of a derived graph and put others in, in parts:
        it is marked stale meanwhile. One SPARQL update carrying them as text peaked at 17.7 GB
        for the 4.4M facts graph/current took in after a batch of 100k releases that renamed
        meetings."""
        for t in gone:
            self._s.remove(ox.Quad(*t, graph))
        self._write((ox.Quad(*t, graph) for t in added), len(added), one_step=False)

    def source_facts(self, plan) -> set:
        """Every triple of a source graph but a release's own provenance, once (found by the
        engine: a Python pass over every quad took 15 s at 2M quads, this takes a few)."""
        sources = [g for g in self.graph_names() if is_source_graph(g) and str(g).startswith(str(GRAPH))]
        if not sources:
            return set()
        text = bind_values(sparql("source-facts"), [{"release": Literal(plan.release_prefix), "g": g} for g in sources])
        return {(sol[0], sol[1], sol[2]) for sol in self._s.query(sparql_prologue() + text)}

    def consequences(self, facts: set, plan) -> set:
        """The plan's OWL RL templates applied to every fact once (kg/model/reason.py says which)."""
        node = lru_cache(maxsize=None)(ox.NamedNode)
        tables = rule_tables(plan, node)
        forward, backward = tables["forward"], tables["backward"]
        stypes, otypes, supers = tables["subject-types"], tables["object-types"], tables["superclasses"]
        rdf_type = node(str(RDF.type))
        terms = {q.subject for q in self._s.quads_for_pattern(None, None, None, ox.NamedNode(plan.ontology_graph))}
        found = set()
        for subj, pred, obj in facts:
            p = pred.value
            if subj not in terms:  # the ontology's own terms describe no data
                if pred == rdf_type:
                    for d in supers.get(obj.value, ()):
                        found.add((subj, rdf_type, d))
                    continue
                for r in forward.get(p, ()):
                    found.add((subj, r, obj))
                for c in stypes.get(p, ()):
                    found.add((subj, rdf_type, c))
            elif pred == rdf_type:
                continue
            if not isinstance(obj, ox.Literal) and obj not in terms:
                for r in backward.get(p, ()):
                    found.add((obj, r, subj))
                for c in otypes.get(p, ()):
                    found.add((obj, rdf_type, c))
        return found - facts

    # moving data
    def dump(self, path: str, fmt: str = "nquads") -> None:
        self._s.dump(path, FORMATS[fmt])

    def restore(self, path: str, fmt: str = "nquads") -> None:
        """Graphs in the dump replace the store's graphs of the same name."""
        self.dirty = True
        names = {q.graph_name for q in ox.parse(path=path, format=FORMATS[fmt])}
        for name in names:
            if isinstance(name, ox.NamedNode) and self._s.contains_named_graph(name):
                self._s.remove_graph(name)
        self._s.load(path=path, format=FORMATS[fmt])

    def optimise(self) -> None:
        """Compact what a batch wrote: each bulk write lands as files of its own, and a reader
        would look into every one (questions ran twice as slow until this ran: 2.7 s at 2M quads)."""
        if not self.read_only:
            self._s.optimize()

    def close(self) -> None:
        if getattr(self, "_s", None) is None:
            return
        try:
            self._s.flush()
            if self.dirty and self.path and not self.read_only:
                from . import snapshots

                snapshots.publish(self._s, self.path)  # what readers in other processes will see
        except OSError as e:
            import logging

            logging.getLogger("aseankg").warning("could not publish a snapshot of %s: %s", self.path, e)
        self._s = None
