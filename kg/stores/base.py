"""The store contract every backend implements, and what they share: result rows, errors,
binding parameters as typed terms, filling the slots of internal updates.

Terms cross the contract as rdflib terms (None where a variable is unbound). The SPARQL a
backend needs for its own work lives in queries/internal/, like every other query.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Protocol, runtime_checkable

from rdflib import Graph, URIRef

from ..namespaces import CURRENT_GRAPH, INFERRED_GRAPH, NEXT_CURRENT, NEXT_INFERRED
from ..resources import sparql


class StoreError(Exception):
    """A store could not be opened, read or written; the message is one line for the user."""


class QueryError(StoreError):
    """A query was refused or failed (syntax, form, time); the message is one line."""


class StoreMissing(StoreError):
    """The store named does not exist (and the command may not create it)."""


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


DATASETS = ("facts", "asserted", "union")
"""What a query's default graph is (every named graph stays reachable through GRAPH):

- facts: graph/current and graph/inferred, every fact once (the questions read this);
- asserted: graph/current alone, what the sources state without what it implies;
- union: every graph merged, each triple once per graph that holds it (for maintenance)."""


def dataset_graphs(dataset: str) -> list[URIRef] | None:
    """The default graph of a dataset name as a list of graphs (None: the union of all)."""
    if dataset == "facts":
        return [CURRENT_GRAPH, INFERRED_GRAPH]
    if dataset == "asserted":
        return [CURRENT_GRAPH]
    if dataset == "union":
        return None
    raise QueryError(f"unknown dataset {dataset!r}: expected one of {', '.join(DATASETS)}")


@runtime_checkable
class Store(Protocol):
    """What every backend provides (embedded Oxigraph, in-memory Oxigraph, any SPARQL 1.1 server).

    Queries read the `dataset` named (see DATASETS); named graphs are all reachable with GRAPH.
    Every write is one transaction."""

    descriptor: str
    embedded: bool  # True when the store is in this process (its quads can be scanned cheaply)

    def select(self, query: str, bindings=None, *, dataset: str = "facts") -> Rows: ...
    def ask(self, query: str, bindings=None, *, dataset: str = "facts") -> bool: ...
    def construct(self, query: str, bindings=None, *, dataset: str = "facts") -> Graph: ...
    def update(self, update: str, bindings=None) -> None: ...
    def put_graph(self, graph_iri: URIRef, triples: Iterable) -> None: ...
    def drop_graph(self, graph_iri: URIRef) -> None: ...
    def graph_names(self) -> list[URIRef]: ...  # the named graphs holding a triple
    def has_graph(self, graph_iri: URIRef) -> bool: ...
    def get_graph(self, graph_iri: URIRef) -> Graph: ...
    def triples(self, graph_iri: URIRef) -> Iterator[tuple]: ...
    def count(self, graph_iri: URIRef | None = None) -> int: ...
    def dump(self, path: str, fmt: str) -> None: ...
    def restore(self, path: str, fmt: str) -> None: ...
    def close(self) -> None: ...
    def rebuild_derived(self, plan: DerivePlan) -> dict: ...
    def __enter__(self): ...
    def __exit__(self, *exc): ...


DUMP_FORMATS = ("nquads", "trig")  # both hold named graphs; Turtle or N-Triples cannot


# --- typed terms into SPARQL text ---------------------------------------------------------------

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
    block = (
        "VALUES ("
        + " ".join(f"?{n}" for n in names)
        + ") { "
        + " ".join("(" + " ".join("UNDEF" if t is None else t.n3() for t in r) + ")" for r in rows)
        + " }\n"
    )
    body = "\n".join(line if not line.lstrip().startswith("#") else "" for line in query.splitlines())
    if WHERE_RE.search(body):
        return WHERE_RE.sub(lambda m: m.group(0) + "\n  " + block, body)
    m = re.search(r"\{", body)
    if not m:
        raise QueryError("cannot bind parameters: the query has no WHERE group")
    return body[: m.end()] + "\n  " + block + body[m.end() :]


def filled(name: str, **slots) -> str:
    """The text of internal update NAME with its slots ({graph}, {data}) filled by typed rdflib
    terms or triples of them, in their N-Triples form; nothing else is ever pasted in."""
    body = "\n".join(line for line in sparql(name).splitlines() if not line.lstrip().startswith("#"))
    for key, value in slots.items():
        if isinstance(value, (list, tuple, set, Graph)) and value and len(next(iter(value))) == 2:
            text = " ".join(f"({a.n3()} {b.n3()})" for a, b in value)  # VALUES rows
        elif isinstance(value, (list, tuple, set, Graph)):
            text = "\n".join(f"{s.n3()} {p.n3()} {o.n3()} ." for s, p, o in value)  # data
        else:
            text = value.n3()
        body = body.replace("{" + key + "}", text)
    return body


def syntax_message(message: str, prologue: str) -> str:
    """Stores report positions counting our PREFIX prologue; give them back in the user's lines."""
    shift = prologue.count("\n")
    first = message.splitlines()[0] if message else "syntax error"
    first = re.sub(r"line (\d+)", lambda m: f"line {int(m.group(1)) - shift}", first)
    m = re.search(r"(\d+):(\d+)", first)
    if m and "line" not in first:
        first = first.replace(m.group(0), f"line {int(m.group(1)) - shift}, column {m.group(2)}", 1)
    return f"SPARQL syntax error: {first}"


@dataclass(frozen=True)
class DerivePlan:
    """How derived graphs follow their sources, as plain data a backend can run natively.
    `pairs` holds the consequence templates of kg/model/reason.py per rule family (forward,
    backward, subject-types, object-types, superclasses) as (left IRI, right IRI) rows; facts
    are every triple of a source graph but the provenance of releases (subjects under
    `release_prefix`) and evidence links (`evidence_predicate`)."""

    pairs: dict
    release_prefix: str
    evidence_predicate: str
    ontology_graph: str


RULE_FAMILIES = ("forward", "backward", "subject-types", "object-types", "superclasses")


def inference_texts(plan: DerivePlan, source: URIRef, target: URIRef, nodes=None) -> list[str]:
    """The rule families as updates from `source` into `target` (only about `nodes` if given)."""
    out = []
    for family in RULE_FAMILIES:
        rows = [(URIRef(a), URIRef(b)) for a, b in plan.pairs[family]]
        if rows:
            text = filled(f"infer-{family}", source=source, target=target, pairs=rows)
            out.append(bind_values(text, {"n": sorted(nodes)}) if nodes else text)
    return out


def swap_text() -> str:
    """Both rebuilt derived graphs swapped in, and marked fresh, in one update."""
    return (
        filled("swap-derived", target=CURRENT_GRAPH, rebuilt=NEXT_CURRENT)
        + " ;\n"
        + filled("swap-derived", target=INFERRED_GRAPH, rebuilt=NEXT_INFERRED)
    )


def rebuild_with_sparql(store, plan: DerivePlan) -> dict:
    """The derived graphs rebuilt with SPARQL updates, for any store: consolidate the sources
    into graph/next-current, infer from it into graph/next-inferred, swap both in."""
    from rdflib import Literal

    store.drop_graph(NEXT_CURRENT)
    store.drop_graph(NEXT_INFERRED)
    store.update(filled("consolidate", target=NEXT_CURRENT, release=Literal(plan.release_prefix)))
    store.update(" ;\n".join(inference_texts(plan, NEXT_CURRENT, NEXT_INFERRED)))
    store.update(swap_text())
    return {"current": store.count(CURRENT_GRAPH), "inferred": store.count(INFERRED_GRAPH)}


class Closing:
    """`with open_store(...) as store:` closes it."""

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()
