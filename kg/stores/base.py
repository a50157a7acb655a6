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


@dataclass(frozen=True)
class GraphSet:
    """A dataset given graph by graph, as the SPARQL Protocol's default-graph-uri and
    named-graph-uri give it: it overrides the query's FROM and FROM NAMED, and a set left empty
    is empty."""

    default: tuple = ()
    named: tuple = ()


def dataset_graphs(dataset) -> list[URIRef] | None:
    """The default graph of a dataset name as a list of graphs (None: the union of all)."""
    if isinstance(dataset, GraphSet):
        return list(dataset.default)
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

    def select(self, query: str, bindings=None, *, dataset="facts", base_iri: str | None = None) -> Rows: ...
    def ask(self, query: str, bindings=None, *, dataset="facts", base_iri: str | None = None) -> bool: ...
    def construct(self, query: str, bindings=None, *, dataset="facts", base_iri: str | None = None) -> Graph: ...
    def update(self, update: str, bindings=None) -> None: ...
    def put_graph(self, graph_iri: URIRef, triples: Iterable) -> None: ...
    def put_graphs(self, graphs: dict, mark_stale: bool = False) -> None: ...  # replaced, one transaction
    def add_graphs(self, graphs: dict, mark_stale: bool = False) -> None: ...  # new graphs, one transaction
    def drop_graph(self, graph_iri: URIRef) -> None: ...
    def graph_names(self) -> list[URIRef]: ...  # the named graphs holding a triple
    def has_graph(self, graph_iri: URIRef) -> bool: ...
    def get_graph(self, graph_iri: URIRef) -> Graph: ...
    def triples(self, graph_iri: URIRef) -> Iterator[tuple]: ...
    def count(self, graph_iri: URIRef | None = None) -> int: ...
    def dump(self, path: str, fmt: str) -> None: ...
    def restore(self, path: str, fmt: str) -> None: ...
    def close(self) -> None: ...
    def optimise(self) -> None: ...  # after a large write: compact it for reading (where the store is ours)
    def rebuild_derived(self, plan: DerivePlan, full: bool = True) -> dict: ...
    def add_to_derived(self, plan: DerivePlan, facts: set) -> dict: ...  # facts only added
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


def values_block(names: list[str], rows: list[tuple]) -> str:
    cells = " ".join("(" + " ".join("UNDEF" if t is None else t.n3() for t in r) + ")" for r in rows)
    return "VALUES (" + " ".join(f"?{n}" for n in names) + ") { " + cells + " }\n"


GRAPH_GROUP_RE = re.compile(r"\b(?:GRAPH\s+(?:\?\w+|<[^>\s]*>|[\w-]*:[\w/\\-]*)|OPTIONAL)\s*\{", re.I)


EXISTS_OPEN_RE = re.compile(r"\bEXISTS\s*\{\s*\Z", re.I)  # a group opening right before this point
CLAUSE_RE = re.compile(r"\bDELETE\s+WHERE\b|\bWHERE\b|\bDELETE\b|\bINSERT\b", re.I)


def group_end(text: str, start: int) -> int:
    """The index of the brace closing the group opened just before `start` (strings and IRIs skipped)."""
    depth, i = 1, start
    while i < len(text) and depth:
        c = text[i]
        if c in "\"'":
            j = text.find(c, i + 1)
            while j > 0 and text[j - 1] == "\\":
                j = text.find(c, j + 1)
            i = j if j > 0 else len(text)
        elif c == "<" and re.match(r"<[^\s<>\"{}|^`]*>", text[i:]):
            i = text.index(">", i)
        elif c == "{":
            depth += 1
        elif c == "}":
            depth -= 1
        i += 1
    return i - 1


def bind_values(query: str, bindings) -> str:
    """Bind parameters as a VALUES block opening each WHERE group (the query's and its
    subqueries'), written from typed rdflib terms (their N-Triples form), so a value can never
    change the query's structure. Opening the groups, rather than trailing the query, lets
    FILTERs and subqueries see the values. Each GRAPH or OPTIONAL group that uses a bound
    variable opens with the values of its own variables too: a store may evaluate such a group
    on its own before joining it, and the values inside make that an index lookup instead of a
    scan of every graph. `bindings` is one row (a dict) or several (a list)."""
    names, rows = value_rows(bindings)
    if not rows:
        return query
    block = values_block(names, rows)
    body = "\n".join(line if not line.lstrip().startswith("#") else "" for line in query.splitlines())
    for m in reversed(list(GRAPH_GROUP_RE.finditer(body))):
        keywords = list(CLAUSE_RE.finditer(body, 0, m.start()))
        if not keywords or keywords[-1].group(0).upper().split()[0] != "WHERE":
            continue  # an update's DELETE or INSERT template (or a DELETE WHERE): no VALUES there
        if EXISTS_OPEN_RE.search(body, 0, m.start()):
            continue  # in (NOT) EXISTS the row's values are substituted anyway; Virtuoso 7 fails
            # to compile several rows of several variables there
        inner = body[m.end() : group_end(body, m.end())]
        used = [n for n in names if re.search(rf"[?$]{n}\b", inner)]
        if used:
            keep = [names.index(n) for n in used]
            projected = sorted({tuple(r[i] for i in keep) for r in rows}, key=str)
            body = body[: m.end()] + " " + values_block(used, projected) + body[m.end() :]
    if WHERE_RE.search(body):
        return WHERE_RE.sub(lambda m: m.group(0) + "\n  " + block, body)
    m = re.search(r"\{", body)
    if not m:
        raise QueryError("cannot bind parameters: the query has no WHERE group")
    return body[: m.end()] + "\n  " + block + body[m.end() :]


def filled(name: str, **slots) -> str:
    """The text of internal update NAME with its slots ({graph}, {data}) filled by typed rdflib
    terms or triples of them, in their N-Triples form; nothing else is ever pasted in. The slots
    are filled in one pass, so a value that reads like a slot stays a value."""
    body = "\n".join(line for line in sparql(name).splitlines() if not line.lstrip().startswith("#"))
    texts = {}
    for key, value in slots.items():
        if isinstance(value, (list, tuple, set, Graph)) and value and len(next(iter(value))) == 2:
            texts[key] = " ".join(f"({a.n3()} {b.n3()})" for a, b in value)  # VALUES rows
        elif isinstance(value, (list, tuple, set, Graph)):
            texts[key] = "\n".join(f"{s.n3()} {p.n3()} {o.n3()} ." for s, p, o in value)  # data
        else:
            texts[key] = value.n3()
    return re.sub(r"\{(\w+)\}", lambda m: texts.get(m.group(1), m.group(0)), body)


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


def stale_marks() -> list[tuple]:
    """The triples of graph/state that say the derived graphs are stale (as mark-stale.ru writes them)."""
    from rdflib import Literal

    from ..namespaces import AKG, DISAGREEMENTS_GRAPH

    return [(g, AKG.stale, Literal(True)) for g in (CURRENT_GRAPH, INFERRED_GRAPH, DISAGREEMENTS_GRAPH)]


RULE_FAMILIES = ("forward", "backward", "subject-types", "object-types", "superclasses")


# families whose consequence is a type of the node itself: asked per node with EXISTS when few
# nodes changed (queries/internal/infer-*-of-nodes.ru)
NODE_FAMILIES = {"subject-types", "object-types"}


def rule_tables(plan: DerivePlan, node=URIRef, backwards: bool = False) -> dict:
    """Per rule family, premise IRI -> the terms its consequences carry (made by `node`), or
    with `backwards`, consequence IRI -> its premises."""
    tables: dict = {family: {} for family in plan.pairs}
    for family, rows in plan.pairs.items():
        for a, b in rows:
            key, value = (b, a) if backwards else (a, b)
            tables[family].setdefault(key, []).append(node(value))
    return tables


def inference_texts(plan: DerivePlan, source: URIRef, target: URIRef, nodes=None) -> list[str]:
    """The rule families as updates from `source` into `target` (only about `nodes` if given)."""
    out = []
    for family in RULE_FAMILIES:
        rows = [(URIRef(a), URIRef(b)) for a, b in plan.pairs[family]]
        if rows:
            if nodes:
                name = f"infer-{family}-of-nodes" if family in NODE_FAMILIES else f"infer-{family}"
                out.append(bind_values(filled(name, source=source, target=target, pairs=rows), {"n": sorted(nodes)}))
            else:
                out.append(filled(f"infer-{family}", source=source, target=target, pairs=rows))
    return out


def swap_text() -> str:
    """Both rebuilt derived graphs swapped in, and marked fresh, in one update."""
    return (
        filled("swap-derived", target=CURRENT_GRAPH, rebuilt=NEXT_CURRENT)
        + " ;\n"
        + filled("swap-derived", target=INFERRED_GRAPH, rebuilt=NEXT_INFERRED)
    )


def rebuild_with_sparql(store, plan: DerivePlan, full: bool = True) -> dict:
    """The derived graphs rebuilt with SPARQL updates, for any store: consolidate the sources
    into graph/next-current (or copy graph/current as it is), infer from it into
    graph/next-inferred, swap both in with one update."""
    from rdflib import Literal

    store.drop_graph(NEXT_CURRENT)
    store.drop_graph(NEXT_INFERRED)
    if full:
        store.update(filled("consolidate", target=NEXT_CURRENT, release=Literal(plan.release_prefix)))
    else:
        store.update(filled("copy-graph", source=CURRENT_GRAPH, target=NEXT_CURRENT))
    store.update(" ;\n".join(inference_texts(plan, NEXT_CURRENT, NEXT_INFERRED)))
    store.update(swap_text())
    return {"current": store.count(CURRENT_GRAPH), "inferred": store.count(INFERRED_GRAPH)}


class Closing:
    """`with open_store(...) as store:` closes it."""

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()
