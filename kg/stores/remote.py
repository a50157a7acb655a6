"""A store on any SPARQL 1.1 server: queries over the Protocol, writes with SPARQL Update
(one request per release, which servers run as one transaction), whole graphs read with the
Graph Store Protocol when its URL is known.

Descriptor: sparql:QUERY_URL[,UPDATE_URL[,STORE_URL]] or a bare http(s) query URL. For an
Oxigraph server at http://host:7878 the URLs are /query, /update and /store; they are guessed
when the query URL ends in /query.
"""

from __future__ import annotations

import json
import urllib.error
import urllib.parse
import urllib.request

from rdflib import BNode, Dataset, Graph, Literal, URIRef

from ..mint import staging_graph
from ..namespaces import XSD, sparql_prologue
from ..resources import sparql
from ..sparql_text import declares_dataset, names_graphs, without_dataset
from .base import (
    Closing,
    GraphSet,
    QueryError,
    Rows,
    StoreError,
    bind_values,
    dataset_graphs,
    filled,
    rebuild_with_sparql,
    syntax_message,
)

TIMEOUT = 300
# Servers bound the size of one update (Virtuoso compiles INSERT DATA to code of at most 32 KB,
# about a thousand triples): larger graphs are written in parts to a staging graph, then moved
# into place by one MOVE per graph, all in the last request, so readers still see them whole.
PART = 250
# Beyond this many named graphs a query's graphs are not listed to a server that keeps every
# named graph reachable anyway (Virtuoso, which refuses lists of thousands); its own system
# graphs then become reachable by GRAPH too, which the questions never match (they ask for the
# project's properties). Below it, every server gets the Protocol's exact dataset.
LIST_LIMIT = 1000


def _term(b: dict):
    t = b["type"]
    if t == "uri":
        return URIRef(b["value"])
    if t == "bnode":
        return BNode(b["value"])
    if "xml:lang" in b:
        return Literal(b["value"], lang=b["xml:lang"])
    dt = b.get("datatype")
    if dt and dt != str(XSD.string):
        return Literal(b["value"], datatype=URIRef(dt))
    return Literal(b["value"])


def _plain(g: Graph) -> Graph:
    """ "x"^^xsd:string is "x" in RDF 1.1, but not to rdflib: some servers (Virtuoso) write the
    datatype out, so it is dropped here as it is for SELECT results."""
    typed = [t for t in g if isinstance(t[2], Literal) and t[2].datatype == XSD.string]
    for s, p, o in typed:
        g.remove((s, p, o))
        g.add((s, p, Literal(str(o))))
    return g


class SparqlStore(Closing):
    embedded = False

    def __init__(
        self, query_url: str, update_url: str | None, store_url: str | None, descriptor: str, read_only: bool = False
    ):
        self.descriptor = descriptor
        self.query_url, self.update_url, self.store_url = query_url, update_url, store_url
        self._stay = None  # see _named_graphs_stay
        if read_only:
            self.update_url = None

    @classmethod
    def from_descriptor(cls, rest: str, descriptor: str, read_only: bool = False) -> SparqlStore:
        parts = [p.strip() for p in rest.split(",") if p.strip()]
        if not parts or not parts[0].startswith(("http://", "https://")):
            raise StoreError(f"bad store descriptor {descriptor!r}: expected sparql:QUERY_URL[,UPDATE_URL[,STORE_URL]]")
        q = parts[0]
        base = q[: -len("/query")] if q.rstrip("/").endswith("/query") else None
        update = parts[1] if len(parts) > 1 else (base + "/update" if base else None)
        store = parts[2] if len(parts) > 2 else (base + "/store" if base else None)
        return cls(q, update, store, descriptor, read_only)

    # --- HTTP -----------------------------------------------------------------------------
    def _request(self, url: str, data: bytes | None, headers: dict, method: str = "POST") -> bytes:
        req = urllib.request.Request(url, data=data, headers=headers, method=method)
        try:
            with urllib.request.urlopen(req, timeout=TIMEOUT) as resp:
                return resp.read()
        except urllib.error.HTTPError as e:
            body = e.read().decode("utf-8", "replace").strip()
            first = body.splitlines()[0] if body else e.reason
            if e.code == 400 and ("error" in body.lower() or "pars" in body.lower()):
                raise QueryError(syntax_message(first, sparql_prologue())) from None
            raise StoreError(f"{self.descriptor}: HTTP {e.code}: {first}") from None
        except (urllib.error.URLError, OSError) as e:
            raise StoreError(f"cannot reach {url}: {getattr(e, 'reason', e)}") from None

    def _query(self, query: str, accept: str, dataset, base_iri: str | None = None) -> bytes:
        # The dataset goes in the Protocol's own parameters, which every SPARQL 1.1 server reads.
        # A protocol dataset has only the named graphs it lists, so when the query reaches into
        # named graphs (GRAPH) every graph is listed. A query with its own FROM keeps its dataset.
        if isinstance(dataset, GraphSet) and declares_dataset(query):
            query = without_dataset(query)
        params = [("query", (f"BASE <{base_iri}>\n" if base_iri else "") + sparql_prologue() + query)]
        graphs = dataset_graphs(dataset)
        if isinstance(dataset, GraphSet):
            params += [("default-graph-uri", str(g)) for g in dataset.default]
            params += [("named-graph-uri", str(g)) for g in dataset.named]
            if not dataset.default and not dataset.named:
                params.append(("default-graph-uri", "urn:aseankg:empty"))
        elif not declares_dataset(query):
            names = [str(g) for g in self.graph_names()] if graphs is None or names_graphs(query) else []
            if graphs is not None and len(names) > LIST_LIMIT and self._named_graphs_stay():
                names = []  # the server keeps them reachable, and may refuse a list this long
            default = names if graphs is None else [str(g) for g in graphs]
            params += [("default-graph-uri", g) for g in default or ["urn:aseankg:empty"]]
            params += [("named-graph-uri", g) for g in names]
        data = urllib.parse.urlencode(params).encode("utf-8")
        return self._request(
            self.query_url, data, {"Content-Type": "application/x-www-form-urlencoded", "Accept": accept}
        )

    def _named_graphs_stay(self) -> bool:
        """Whether the server keeps every named graph reachable by GRAPH when a request names
        only its default graphs (Virtuoso does; the Protocol, and Oxigraph, make the named
        graphs then empty, so they must be listed, which a server may refuse by the thousand).
        Asked once of the server itself (only for stores of more than LIST_LIMIT graphs)."""
        if self._stay is None:
            data = urllib.parse.urlencode(
                [("query", sparql_prologue() + sparql("any-named-graph")), ("default-graph-uri", "urn:aseankg:empty")]
            ).encode("utf-8")
            headers = {"Content-Type": "application/x-www-form-urlencoded", "Accept": "application/sparql-results+json"}
            self._stay = bool(json.loads(self._request(self.query_url, data, headers))["boolean"])
        return self._stay

    # --- reading ----------------------------------------------------------------------------
    def select(self, query, bindings=None, *, dataset="facts", base_iri=None) -> Rows:
        res = json.loads(
            self._query(bind_values(query, bindings), "application/sparql-results+json", dataset, base_iri)
        )
        if "results" not in res:
            raise QueryError("not a SELECT query")
        names = res["head"]["vars"]
        return Rows(names, [tuple(_term(b[n]) if n in b else None for n in names) for b in res["results"]["bindings"]])

    def ask(self, query, bindings=None, *, dataset="facts", base_iri=None) -> bool:
        res = json.loads(
            self._query(bind_values(query, bindings), "application/sparql-results+json", dataset, base_iri)
        )
        if "boolean" not in res:
            raise QueryError("not an ASK query")
        return bool(res["boolean"])

    def construct(self, query, bindings=None, *, dataset="facts", base_iri=None) -> Graph:
        data = self._query(bind_values(query, bindings), "application/n-triples", dataset, base_iri)
        return _plain(Graph().parse(data=data.decode("utf-8"), format="nt"))

    def _internal(self, name: str, bindings=None) -> dict:
        """Run one of queries/internal/ over the protocol, without the dataset switches."""
        data = self._request(
            self.query_url,
            urllib.parse.urlencode([("query", sparql_prologue() + bind_values(sparql(name), bindings))]).encode(
                "utf-8"
            ),
            {"Content-Type": "application/x-www-form-urlencoded", "Accept": "application/sparql-results+json"},
        )
        return json.loads(data)

    def graph_names(self) -> list[URIRef]:
        return [URIRef(b["g"]["value"]) for b in self._internal("graph-names")["results"]["bindings"]]

    def has_graph(self, graph_iri) -> bool:
        return bool(self._internal("has-graph", {"graph": URIRef(str(graph_iri))})["boolean"])

    def triples(self, graph_iri):
        yield from self.get_graph(graph_iri)

    def get_graph(self, graph_iri) -> Graph:
        if self.store_url:
            url = self.store_url + "?" + urllib.parse.urlencode({"graph": str(graph_iri)})
            try:
                data = self._request(url, None, {"Accept": "application/n-triples"}, "GET")
            except StoreError as e:
                if "404" in str(e):
                    return Graph()
                raise
            return _plain(Graph().parse(data=data.decode("utf-8"), format="nt"))
        return self.construct(sparql("graph-triples"), {"graph": URIRef(str(graph_iri))})

    def count(self, graph_iri=None) -> int:
        res = (
            self._internal("count-all")
            if graph_iri is None
            else self._internal("count-graph", {"graph": URIRef(str(graph_iri))})
        )
        return int(res["results"]["bindings"][0]["n"]["value"])

    # --- writing ----------------------------------------------------------------------------
    def update(self, update: str, bindings=None) -> None:
        if not self.update_url:
            raise StoreError(f"{self.descriptor} has no update URL: give sparql:QUERY_URL,UPDATE_URL")
        self._request(
            self.update_url,
            (sparql_prologue() + bind_values(update, bindings)).encode("utf-8"),
            {"Content-Type": "application/sparql-update"},
        )

    def put_graph(self, graph_iri, triples) -> None:
        """Replace one graph; the last request (one update, which the server applies whole or not
        at all) swaps it in, so a reader sees the old graph or the new one."""
        self._write({URIRef(str(graph_iri)): list(triples)}, replace=True)

    def put_graphs(self, graphs: dict, mark_stale: bool = False) -> None:
        """Several graphs replaced, appearing together in one update request."""
        self._write({URIRef(str(g)): list(t) for g, t in graphs.items()}, replace=True, mark_stale=mark_stale)

    def add_graphs(self, graphs: dict, mark_stale: bool = False) -> None:
        """Several new graphs, appearing together in one update request."""
        self._write({URIRef(str(g)): list(t) for g, t in graphs.items()}, replace=False, mark_stale=mark_stale)

    def _write(self, graphs: dict, replace: bool, mark_stale: bool = False) -> None:
        staged, last = {}, []
        small = sum(len(d) for d in graphs.values()) <= PART
        try:
            for g, data in graphs.items():
                if data and not small:
                    staged[g] = stage = staging_graph()
                    for i in range(0, len(data), PART):
                        self.update(filled("insert-graph", graph=stage, data=data[i : i + PART]))
                    last.append(filled("move-graph", source=stage, target=g))
                elif replace:
                    last.append(filled("replace-graph", graph=g, data=data))
                elif data:
                    last.append(filled("insert-graph", graph=g, data=data))
            if mark_stale:
                last.append(sparql("mark-stale"))
            if last:
                self.update(" ;\n".join(last))
        except BaseException:
            for stage in staged.values():  # a failed write leaves nothing behind
                try:
                    self.drop_graph(stage)
                except StoreError:
                    pass
            raise

    def drop_graph(self, graph_iri) -> None:
        self.update(filled("drop-graph", graph=URIRef(str(graph_iri))))

    def dump(self, path: str, fmt: str = "nquads") -> None:
        """Every named graph, read whole (the data never lives in the default graph)."""
        ds = Dataset()
        for g in self.graph_names():
            target = ds.graph(g)
            for t in self.get_graph(g):
                target.add(t)
        ds.serialize(destination=path, format=fmt)

    def restore(self, path: str, fmt: str = "nquads") -> None:
        ds = Dataset()
        ds.parse(path, format=fmt)
        for graph in ds.graphs():
            if isinstance(graph.identifier, URIRef) and graph.identifier != ds.default_graph.identifier:
                g = Graph()
                for t in graph:
                    g.add(t)
                if len(g):
                    self.put_graph(graph.identifier, g)

    def add_to_derived(self, plan, facts: set) -> dict:
        return rebuild_with_sparql(self, plan, True)

    def rebuild_derived(self, plan, full: bool = True) -> dict:
        return rebuild_with_sparql(self, plan, full)

    def close(self) -> None:
        pass

    def optimise(self) -> None:
        pass  # the server manages its own storage
