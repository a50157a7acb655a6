"""One contract every store backend passes (embedded on disk, in memory; the SPARQL
backend joins through the `store_descriptor` fixture when a server is available)."""

import pytest
from rdflib import Graph, Literal, URIRef

from kg.namespaces import GRAPH, ID, XSD
from kg.stores import QueryError, StoreError, open_store

G1, G2 = GRAPH["release/a"], GRAPH["release/b"]
S, P = ID["thing/1"], ID["prop/p"]


# the server-backed stores start real server processes: slow (make test runs them, test-fast not)
@pytest.fixture(
    params=[
        "memory",
        "oxigraph",
        pytest.param("sparql", marks=pytest.mark.slow),
        pytest.param("virtuoso", marks=pytest.mark.slow),
    ]
)
def store(request, tmp_path):
    if request.param in ("sparql", "virtuoso"):
        yield request.getfixturevalue(f"{request.param}_store")
        return
    descriptor = "memory:" if request.param == "memory" else f"oxigraph:{tmp_path / 'db'}"
    s = open_store(descriptor)
    yield s
    s.close()


def graph(*objects):
    g = Graph()
    for o in objects:
        g.add((S, P, o))
    return g


def test_put_and_read_back(store):
    store.put_graph(G1, graph(Literal("plain"), Literal("x", lang="en"), Literal(3), URIRef("https://e.org/o")))
    assert store.has_graph(G1)
    assert store.count(G1) == 4
    back = store.get_graph(G1)
    assert (S, P, Literal("plain")) in back  # a plain literal comes back plain, not xsd:string
    assert (S, P, Literal(3)) in back


def test_put_replaces_whole_graph(store):
    store.put_graph(G1, graph(Literal("old1"), Literal("old2")))
    store.put_graph(G1, graph(Literal("new")))
    assert set(store.get_graph(G1).objects(S, P)) == {Literal("new")}


def test_union_default_graph_and_distinct(store):
    store.put_graph(G1, graph(Literal("same")))
    store.put_graph(G2, graph(Literal("same")))
    rows = store.select("SELECT ?o WHERE { ?s ?p ?o }", dataset="union")
    assert len(rows) == 2  # one per named graph holding it: why the questions read graph/current
    rows = store.select("SELECT DISTINCT ?o WHERE { ?s ?p ?o }", dataset="union")
    assert [r[0] for r in rows] == [Literal("same")]


def test_bindings_are_typed_terms(store):
    store.put_graph(G1, graph(Literal("2020-01-02", datatype=XSD.date), Literal("a")))
    q = "SELECT ?s WHERE { GRAPH ?g { ?s ?p ?o } }"
    assert len(store.select(q, {"o": Literal("2020-01-02", datatype=XSD.date)})) == 1
    assert len(store.select(q, {"o": Literal("2020-01-02")})) == 0
    # a value with quotes is bound, never pasted into the text
    assert len(store.select(q, {"o": Literal('a" } ; DROP ALL ; #')})) == 0


def test_drop_graph_leaves_others(store):
    store.put_graph(G1, graph(Literal(1)))
    store.put_graph(G2, graph(Literal(2)))
    store.drop_graph(G1)
    assert not store.has_graph(G1)
    assert store.count(G2) == 1
    assert set(store.graph_names()) == {G2}


def test_ask_construct_update(store):
    store.put_graph(G1, graph(Literal(1)))
    assert store.ask("ASK { ?s ?p 1 }", dataset="union")
    assert not store.ask("ASK { ?s ?p 1 }")  # not a fact until graph/current holds it
    g = store.construct("CONSTRUCT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }")
    assert len(g) == 1
    store.update(f"INSERT DATA {{ GRAPH <{G2}> {{ <{S}> <{P}> 2 }} }}")
    assert store.count(G2) == 1


def test_datasets(store):
    from kg.namespaces import CURRENT_GRAPH, INFERRED_GRAPH

    store.put_graph(G1, graph(Literal(1)))
    store.put_graph(CURRENT_GRAPH, graph(Literal(1)))
    store.put_graph(INFERRED_GRAPH, graph(Literal(2)))
    q = "SELECT ?o WHERE { ?s ?p ?o } ORDER BY ?o"
    assert [r[0] for r in store.select(q)] == [Literal(1), Literal(2)]  # facts, each once
    assert [r[0] for r in store.select(q, dataset="asserted")] == [Literal(1)]
    assert [r[0] for r in store.select(q, dataset="union")] == [Literal(1), Literal(1), Literal(2)]
    # every named graph stays reachable, whatever the default graph
    q = "SELECT ?g WHERE { GRAPH ?g { ?s ?p 1 } } ORDER BY ?g"
    assert [r[0] for r in store.select(q)] == sorted([CURRENT_GRAPH, G1])
    # a query's own FROM says what it reads
    q = f"SELECT ?o FROM <{G1}> WHERE {{ ?s ?p ?o }}"
    assert [r[0] for r in store.select(q)] == [Literal(1)]
    with pytest.raises(QueryError):
        store.select(q, dataset="everything")


def test_syntax_error_names_line(store):
    with pytest.raises(QueryError) as e:
        store.select("SELECT ?x WHERE {\n ?x ?y \n")
    assert "line" in str(e.value)


def test_dump_restore_round_trip(store, tmp_path):
    store.put_graph(G1, graph(Literal("a", lang="en"), Literal(2)))
    store.put_graph(G2, graph(Literal("b")))
    path = str(tmp_path / "dump.nq")
    store.dump(path, "nquads")
    other = open_store("memory:")
    other.restore(path, "nquads")
    for g in (G1, G2):
        assert set(other.get_graph(g)) == set(store.get_graph(g))


def test_unknown_descriptor():
    with pytest.raises(StoreError):
        open_store("postgres:whatever")


def test_add_graphs_is_one_write_and_can_mark_stale(store):
    from kg.model.derived import stale

    store.add_graphs({G1: graph(Literal(1)), G2: graph(Literal(2))}, mark_stale=True)
    assert store.count(G1) == store.count(G2) == 1
    assert stale(store)


def test_protocol_dataset_and_base_iri(store):
    from kg.stores import GraphSet

    store.put_graph(G1, graph(Literal(1)))
    store.put_graph(G2, graph(Literal(2)))
    q = "SELECT ?o WHERE { ?s ?p ?o }"
    assert [r[0] for r in store.select(q, dataset=GraphSet(default=(G2,)))] == [Literal(2)]
    q = f"SELECT ?o FROM <{G1}> WHERE {{ ?s ?p ?o }}"
    assert [r[0] for r in store.select(q, dataset=GraphSet(default=(G2,)))] == [Literal(2)]  # overrides FROM
    q = "SELECT ?g WHERE { GRAPH ?g { ?s ?p ?o } }"
    assert [r[0] for r in store.select(q, dataset=GraphSet(named=(G1,)))] == [G1]
    g = store.construct("CONSTRUCT { <s> <p> 1 } WHERE {}", base_iri="https://example.org/base/")
    assert (URIRef("https://example.org/base/s"), URIRef("https://example.org/base/p"), Literal(1)) in g


def test_derived_graphs_follow_additions_as_a_rebuild_would(store):
    from rdflib import Graph

    from kg.model.derived import plan, rebuild
    from kg.model.initialise import initialise
    from kg.namespaces import CURRENT_GRAPH, INFERRED_GRAPH

    initialise(store)
    data = Graph().parse("tests/fixtures/release-graph.ttl", format="turtle")
    store.add_graphs({GRAPH["release/fixture"]: data}, mark_stale=True)
    from kg.model.derived import is_fact

    store.add_to_derived(plan(), {t for t in data if is_fact(*t)})
    added = {g: set(store.get_graph(g)) for g in (CURRENT_GRAPH, INFERRED_GRAPH)}
    rebuild(store)
    assert added == {g: set(store.get_graph(g)) for g in (CURRENT_GRAPH, INFERRED_GRAPH)}
