"""One store interface; backends chosen by a URL-like descriptor.

    oxigraph:PATH   embedded on-disk Oxigraph (the default; PATH defaults to ./aseankg-data
                    or $ASEANKG_STORE)
    memory:         in-memory Oxigraph, for tests and one-off runs
    sparql:QUERY_URL[,UPDATE_URL] / http(s)://...   any SPARQL 1.1 server (kg/remote.py)

Terms cross the interface as rdflib terms. Oxigraph hands plain literals back typed
xsd:string; they are turned back into plain rdflib literals here so they compare equal.
"""
from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Callable, Iterable, Iterator

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.term import Node

from .namespaces import INFERRED_GRAPH, XSD, sparql_prologue

DEFAULT_PATH = "./aseankg-data"


class StoreError(Exception):
    """A store could not be opened or written; the message is one line for the user."""


class QueryError(StoreError):
    pass


@dataclass
class Rows:
    """Result of a SELECT: column names and rows of rdflib terms (None where unbound)."""
    vars: list[str]
    rows: list[tuple] = field(default_factory=list)

    def dicts(self) -> list[dict]:
        return [dict(zip(self.vars, r)) for r in self.rows]

    def __iter__(self):
        return iter(self.rows)

    def __len__(self):
        return len(self.rows)


# --- term conversion --------------------------------------------------------------------

def to_rdflib(term) -> Node | None:
    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        dt = term.datatype.value
        if dt == str(XSD.string):
            return Literal(term.value)
        return Literal(term.value, datatype=URIRef(dt))
    if isinstance(term, ox.DefaultGraph):
        return None
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


def quads_of(graph, graph_iri: URIRef) -> Iterator[ox.Quad]:
    """Quads of an rdflib Graph or any iterable of triples."""
    g = ox.NamedNode(str(graph_iri))
    for s, p, o in graph:
        yield ox.Quad(to_ox(s), to_ox(p), to_ox(o), g)


# --- the interface ----------------------------------------------------------------------

class Store:
    """What every backend provides. Queries see the union of all graphs by default."""
    descriptor: str

    def select(self, query: str, bindings: dict | None = None, *, include_inferred: bool = True) -> Rows: ...
    def ask(self, query: str, bindings: dict | None = None, *, include_inferred: bool = True) -> bool: ...
    def construct(self, query: str, bindings: dict | None = None, *, include_inferred: bool = True) -> Graph: ...
    def update(self, update: str, bindings=None) -> None: ...
    def put_graph(self, graph_iri: URIRef, graph: Graph) -> None: ...
    def drop_graph(self, graph_iri: URIRef) -> None: ...
    def graph_names(self) -> list[URIRef]: ...
    def get_graph(self, graph_iri: URIRef) -> Graph: ...
    def count(self, graph_iri: URIRef | None = None) -> int: ...
    def dump(self, path: str, fmt: str) -> None: ...
    def restore(self, path: str, fmt: str) -> None: ...
    def close(self) -> None: ...

    def has_graph(self, graph_iri: URIRef) -> bool:
        return graph_iri in set(self.graph_names())

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


DUMP_FORMATS = {"nquads": ox.RdfFormat.N_QUADS, "trig": ox.RdfFormat.TRIG}


class OxigraphStore(Store):
    def __init__(self, path: str | None, descriptor: str):
        self.descriptor = descriptor
        self.path = path
        try:
            self._s = ox.Store(path) if path else ox.Store()
        except OSError as e:
            raise StoreError(f"cannot open store {descriptor}: {str(e).splitlines()[0]}") from e

    # reading
    def _run(self, query: str, bindings: dict | None, include_inferred: bool):
        kwargs: dict = {}
        if include_inferred:
            kwargs["use_default_graph_as_union"] = True
        else:
            graphs = [g for g in self._s.named_graphs() if g.value != str(INFERRED_GRAPH)]
            kwargs["default_graph"] = graphs + [ox.DefaultGraph()]
        try:
            return self._s.query(sparql_prologue() + bind_values(query, bindings), **kwargs)
        except SyntaxError as e:
            raise QueryError(syntax_message(str(e), sparql_prologue())) from e
        except (OSError, RuntimeError, ValueError) as e:
            raise QueryError(f"query failed: {str(e).splitlines()[0]}") from e

    def select(self, query, bindings=None, *, include_inferred=True) -> Rows:
        res = self._run(query, bindings, include_inferred)
        if not isinstance(res, ox.QuerySolutions):
            raise QueryError("not a SELECT query")
        names = [v.value for v in res.variables]
        return Rows(names, [tuple(to_rdflib(sol[n]) for n in names) for sol in res])

    def ask(self, query, bindings=None, *, include_inferred=True) -> bool:
        res = self._run(query, bindings, include_inferred)
        if not isinstance(res, ox.QueryBoolean):
            raise QueryError("not an ASK query")
        return bool(res)

    def construct(self, query, bindings=None, *, include_inferred=True) -> Graph:
        res = self._run(query, bindings, include_inferred)
        if not isinstance(res, ox.QueryTriples):
            raise QueryError("not a CONSTRUCT or DESCRIBE query")
        g = Graph()
        for t in res:
            g.add((to_rdflib(t.subject), to_rdflib(t.predicate), to_rdflib(t.object)))
        return g

    # writing: every method is one Oxigraph transaction
    def update(self, update: str, bindings=None) -> None:
        try:
            self._s.update(sparql_prologue() + bind_values(update, bindings))
        except SyntaxError as e:
            raise QueryError(syntax_message(str(e), sparql_prologue())) from e
        except OSError as e:
            raise StoreError(f"update failed: {str(e).splitlines()[0]}") from e

    def put_graph(self, graph_iri: URIRef, graph) -> None:
        """Replace a named graph with `graph` (an rdflib Graph or triples) atomically."""
        if not self.has_graph(graph_iri):
            self._s.extend(quads_of(graph, graph_iri))
            return
        data = "\n".join(f"{s.n3()} {p.n3()} {o.n3()} ." for s, p, o in graph)
        self.update(f"DROP SILENT GRAPH <{graph_iri}> ;\nINSERT DATA {{ GRAPH <{graph_iri}> {{\n{data}\n}} }}")

    def drop_graph(self, graph_iri: URIRef) -> None:
        self._s.update(f"DROP SILENT GRAPH <{graph_iri}>")

    def graph_names(self) -> list[URIRef]:
        return [URIRef(g.value) for g in self._s.named_graphs() if isinstance(g, ox.NamedNode)]

    def has_graph(self, graph_iri: URIRef) -> bool:
        return self._s.contains_named_graph(ox.NamedNode(str(graph_iri)))

    def get_graph(self, graph_iri: URIRef) -> Graph:
        g = Graph()
        for q in self._s.quads_for_pattern(None, None, None, ox.NamedNode(str(graph_iri))):
            g.add((to_rdflib(q.subject), to_rdflib(q.predicate), to_rdflib(q.object)))
        return g

    def count(self, graph_iri: URIRef | None = None) -> int:
        if graph_iri is None:
            return len(self._s)
        return sum(1 for _ in self._s.quads_for_pattern(None, None, None, ox.NamedNode(str(graph_iri))))

    def dump(self, path: str, fmt: str = "nquads") -> None:
        self._s.dump(path, DUMP_FORMATS[fmt])

    def restore(self, path: str, fmt: str = "nquads") -> None:
        """Graphs in the dump replace the store's graphs of the same name."""
        names = {q.graph_name for q in ox.parse(path=path, format=DUMP_FORMATS[fmt])}
        for name in names:
            if isinstance(name, ox.NamedNode) and self._s.contains_named_graph(name):
                self._s.remove_graph(name)
        self._s.load(path=path, format=DUMP_FORMATS[fmt])

    def close(self) -> None:
        try:
            self._s.flush()
        except OSError:
            pass
        del self._s


WHERE_RE = re.compile(r"\bWHERE\s*\{", re.I)


def value_rows(bindings) -> tuple[list[str], list[tuple]]:
    """Variables and rows of a binding: a dict of terms (one row; a list of terms for a variable
    gives one row per term) or a list of such dicts."""
    dicts = bindings if isinstance(bindings, list) else [bindings or {}]
    rows: list[dict] = []
    for d in dicts:
        d = {k: v for k, v in d.items() if v is not None}
        expanded = [{}]
        for k, v in d.items():
            values = v if isinstance(v, (list, tuple)) else [v]
            expanded = [dict(e, **{k: x}) for e in expanded for x in values]
        rows += [e for e in expanded if e]
    names = sorted({k for r in rows for k in r})
    return names, [tuple(r.get(n) for n in names) for r in rows]


def bind_values(query: str, bindings) -> str:
    """Bind parameters as a VALUES block opening each WHERE group (the query's and its
    subqueries'), written from typed rdflib terms (their N-Triples form), so a value can never
    change the query's structure. Opening the groups, rather than trailing the query, lets
    FILTERs and subqueries see the values. `bindings` is one row (a dict) or several (a list)."""
    names, rows = value_rows(bindings)
    if not rows:
        return query
    block = "VALUES (" + " ".join(f"?{n}" for n in names) + ") { " + \
        " ".join("(" + " ".join("UNDEF" if t is None else t.n3() for t in r) + ")" for r in rows) + " }\n"
    body = "\n".join(line if not line.lstrip().startswith("#") else "" for line in query.splitlines())
    if WHERE_RE.search(body):
        return WHERE_RE.sub(lambda m: m.group(0) + "\n  " + block, body)
    m = re.search(r"\{", body)
    if not m:
        raise QueryError("cannot bind parameters: the query has no WHERE group")
    return body[:m.end()] + "\n  " + block + body[m.end():]


def syntax_message(message: str, prologue: str) -> str:
    """Oxigraph reports positions counting our PREFIX prologue; give them back in the user's lines."""
    shift = prologue.count("\n")
    first = message.splitlines()[0] if message else "syntax error"

    def fix(m):
        return f"line {int(m.group(1)) - shift}"
    first = re.sub(r"line (\d+)", fix, first)
    m = re.search(r"(\d+):(\d+)", first)
    if m and "line" not in first:
        first = first.replace(m.group(0), f"line {int(m.group(1)) - shift}, column {m.group(2)}", 1)
    return f"SPARQL syntax error: {first}"


# --- registry -------------------------------------------------------------------------

def _oxigraph(rest: str, descriptor: str) -> Store:
    return OxigraphStore(rest or DEFAULT_PATH, descriptor)


def _memory(rest: str, descriptor: str) -> Store:
    return OxigraphStore(None, descriptor)


def _sparql(rest: str, descriptor: str) -> Store:
    from .remote import SparqlStore
    return SparqlStore.from_descriptor(rest, descriptor)


BACKENDS: dict[str, Callable[[str, str], Store]] = {
    "oxigraph": _oxigraph,
    "memory": _memory,
    "sparql": _sparql,
}


def default_descriptor() -> str:
    """$ASEANKG_STORE may hold a descriptor or just a path for the embedded store."""
    env = os.environ.get("ASEANKG_STORE", "").strip()
    if not env:
        return f"oxigraph:{DEFAULT_PATH}"
    if env.startswith(("http://", "https://")) or env.partition(":")[0] in BACKENDS:
        return env
    return f"oxigraph:{env}"


def open_store(descriptor: str | None = None) -> Store:
    descriptor = descriptor or default_descriptor()
    if descriptor.startswith(("http://", "https://")):
        return _sparql(descriptor, descriptor)
    scheme, sep, rest = descriptor.partition(":")
    if not sep or scheme not in BACKENDS:
        known = ", ".join(f"{k}:" for k in BACKENDS)
        raise StoreError(f"unknown store descriptor {descriptor!r} (expected one of {known} or an http(s) URL)")
    return BACKENDS[scheme](rest, descriptor)
