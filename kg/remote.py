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

from .namespaces import INFERRED_GRAPH, XSD, sparql_prologue
from .store import DUMP_FORMATS, QueryError, Rows, Store, StoreError, bind_values, syntax_message

TIMEOUT = 300


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


class SparqlStore(Store):
    def __init__(self, query_url: str, update_url: str | None, store_url: str | None, descriptor: str):
        self.descriptor = descriptor
        self.query_url, self.update_url, self.store_url = query_url, update_url, store_url

    @classmethod
    def from_descriptor(cls, rest: str, descriptor: str) -> "SparqlStore":
        parts = [p.strip() for p in rest.split(",") if p.strip()]
        if not parts or not parts[0].startswith(("http://", "https://")):
            raise StoreError(f"bad store descriptor {descriptor!r}: expected sparql:QUERY_URL[,UPDATE_URL[,STORE_URL]]")
        q = parts[0]
        base = q[:-len("/query")] if q.rstrip("/").endswith("/query") else None
        update = parts[1] if len(parts) > 1 else (base + "/update" if base else None)
        store = parts[2] if len(parts) > 2 else (base + "/store" if base else None)
        return cls(q, update, store, descriptor)

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

    def _query(self, query: str, accept: str, include_inferred: bool) -> bytes:
        params = [("query", sparql_prologue() + query)]
        if include_inferred:
            params.append(("union-default-graph", "true"))  # Oxigraph's switch; others ignore it
        else:
            # every graph but the inferred one, as default graph and for GRAPH patterns alike
            # (a protocol dataset with no named-graph-uri has no named graphs at all)
            graphs = [str(g) for g in self.graph_names() if g != INFERRED_GRAPH] or ["urn:aseankg:empty"]
            params += [("default-graph-uri", g) for g in graphs] + [("named-graph-uri", g) for g in graphs]
        data = urllib.parse.urlencode(params).encode("utf-8")
        return self._request(self.query_url, data, {"Content-Type": "application/x-www-form-urlencoded",
                                                     "Accept": accept})

    # --- reading ----------------------------------------------------------------------------
    def select(self, query, bindings=None, *, include_inferred=True) -> Rows:
        res = json.loads(self._query(bind_values(query, bindings), "application/sparql-results+json", include_inferred))
        if "results" not in res:
            raise QueryError("not a SELECT query")
        names = res["head"]["vars"]
        return Rows(names, [tuple(_term(b[n]) if n in b else None for n in names) for b in res["results"]["bindings"]])

    def ask(self, query, bindings=None, *, include_inferred=True) -> bool:
        res = json.loads(self._query(bind_values(query, bindings), "application/sparql-results+json", include_inferred))
        if "boolean" not in res:
            raise QueryError("not an ASK query")
        return bool(res["boolean"])

    def construct(self, query, bindings=None, *, include_inferred=True) -> Graph:
        data = self._query(bind_values(query, bindings), "application/n-triples", include_inferred)
        return Graph().parse(data=data.decode("utf-8"), format="nt")

    def graph_names(self) -> list[URIRef]:
        data = self._request(self.query_url, urllib.parse.urlencode(
            [("query", "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }")]).encode(),
            {"Content-Type": "application/x-www-form-urlencoded", "Accept": "application/sparql-results+json"})
        return [URIRef(b["g"]["value"]) for b in json.loads(data)["results"]["bindings"]]

    def has_graph(self, graph_iri) -> bool:
        data = self._request(self.query_url, urllib.parse.urlencode(
            [("query", f"ASK {{ GRAPH <{graph_iri}> {{ ?s ?p ?o }} }}")]).encode(),
            {"Content-Type": "application/x-www-form-urlencoded", "Accept": "application/sparql-results+json"})
        return bool(json.loads(data)["boolean"])

    def get_graph(self, graph_iri) -> Graph:
        if self.store_url:
            url = self.store_url + "?" + urllib.parse.urlencode({"graph": str(graph_iri)})
            try:
                data = self._request(url, None, {"Accept": "application/n-triples"}, "GET")
            except StoreError as e:
                if "404" in str(e):
                    return Graph()
                raise
            return Graph().parse(data=data.decode("utf-8"), format="nt")
        return self.construct(f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{graph_iri}> {{ ?s ?p ?o }} }}")

    def count(self, graph_iri=None) -> int:
        if graph_iri is None:
            q = "SELECT (COUNT(*) AS ?n) WHERE { { ?s ?p ?o } UNION { GRAPH ?g { ?s ?p ?o } } }"
        else:
            q = f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{graph_iri}> {{ ?s ?p ?o }} }}"
        data = self._request(self.query_url, urllib.parse.urlencode([("query", q)]).encode(),
                             {"Content-Type": "application/x-www-form-urlencoded", "Accept": "application/sparql-results+json"})
        return int(json.loads(data)["results"]["bindings"][0]["n"]["value"])

    # --- writing ----------------------------------------------------------------------------
    def update(self, update: str, bindings=None) -> None:
        if not self.update_url:
            raise StoreError(f"{self.descriptor} has no update URL: give sparql:QUERY_URL,UPDATE_URL")
        self._request(self.update_url, (sparql_prologue() + bind_values(update, bindings)).encode("utf-8"),
                      {"Content-Type": "application/sparql-update"})

    def put_graph(self, graph_iri, graph) -> None:
        """Replace one graph in a single update request: the server applies it whole or not at all."""
        data = "\n".join(f"{s.n3()} {p.n3()} {o.n3()} ." for s, p, o in graph)
        self.update(f"DROP SILENT GRAPH <{graph_iri}> ;\nINSERT DATA {{ GRAPH <{graph_iri}> {{\n{data}\n}} }}")

    def drop_graph(self, graph_iri) -> None:
        self.update(f"DROP SILENT GRAPH <{graph_iri}>")

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

    def close(self) -> None:
        pass


__all__ = ["SparqlStore", "DUMP_FORMATS"]
