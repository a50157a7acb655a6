"""The Python API (kg.api), as a notebook user meets it."""

from pathlib import Path

import networkx as nx
import pytest
from rdflib import URIRef

import kg
from kg.namespaces import CURRENT_GRAPH
from kg.questions import ParameterError
from kg.sparql_text import ReadOnlyError

REL = Path(__file__).parent / "fixtures" / "releases"


@pytest.fixture(scope="module")
def graph():
    with kg.open("memory:") as g:
        summary = g.load(REL)
        assert not summary.failed and summary.count("loaded") == 14
        yield g


def test_open_a_path_is_the_embedded_store(tmp_path):
    with kg.open(tmp_path / "db") as g:
        assert g.store.descriptor == f"oxigraph:{tmp_path / 'db'}"
    with pytest.raises(kg.StoreError):
        kg.open(tmp_path / "missing", create=False)


def test_ask_gives_plain_values_and_lists(graph):
    r = graph.ask("meetings", partner="NZ", year=2024)
    rows = r.records()
    assert rows and r.columns[:3] == ["meeting", "name", "level"]
    som = next(m for m in rows if m["level"] == "som")
    assert som["partners"] == ["NZ"] and len(som["sources"]) == 2 and som["start"] == ["2024-03-14"]
    assert all(isinstance(t[0], URIRef) for t in r.terms())


def test_parameters_are_checked(graph):
    with pytest.raises(ParameterError, match="partner or member code"):
        graph.ask("meetings", partner="Narnia")
    with pytest.raises(ParameterError, match="no question"):
        graph.ask("no-such-question")


def test_to_pandas(graph):
    df = graph.ask("partner-areas", partner="NZ").to_pandas()
    assert list(df.columns) == ["area", "label", "pillar", "meetings"] and len(df) > 0
    assert df["meetings"].dtype.kind == "i"


def test_sparql_forms_and_read_only(graph):
    assert graph.sparql("SELECT (COUNT(DISTINCT ?m) AS ?n) WHERE { ?m a akg:Meeting }").scalar() == 13
    assert graph.sparql("ASK { ?m a akg:Meeting }") is True
    assert len(graph.sparql("CONSTRUCT { ?m a akg:Meeting } WHERE { ?m a akg:Meeting }")) == 13
    with pytest.raises(ReadOnlyError):
        graph.sparql("DROP ALL")


def test_network_and_export(graph, tmp_path):
    g = graph.network("partners")
    assert isinstance(g, nx.Graph) and "NZ" in g and g.nodes["NZ"]["kind"] == "partner"
    out = tmp_path / "p.graphml"
    assert graph.export("partners", "graphml", out)["nodes"] == g.number_of_nodes()
    assert nx.read_graphml(out).number_of_nodes() == g.number_of_nodes()


def test_records_and_retract(tmp_path):
    with kg.open("memory:") as g:
        out = g.load_record(
            {
                "document": {"url": "https://example.org/analyst/1", "publisher": "Analyst"},
                "meetings": [
                    {
                        "status": "reported",
                        "name": "ASEAN-Chile Development Partnership Committee",
                        "level": "jcc",
                        "framework": "ASEAN+1",
                        "partners": ["CL"],
                        "edition": 2,
                        "start": "2024-05-02",
                        "modality": "in-person",
                        "attendees": [],
                        "areas": ["education"],
                        "pillars": ["ASCC"],
                        "instruments": [],
                    }
                ],
                "partnership_events": [],
            }
        )
        assert out.status == "loaded"
        assert [m["start"] for m in g.ask("meetings", partner="CL")] == [["2024-05-02"]]
        bad = g.load_record({"document": {}, "meetings": [{"status": "held"}], "partnership_events": []})
        assert bad.status == "failed" and "not a valid record" in bad.message
        assert g.retract("https://example.org/analyst/1")
        assert len(g.ask("meetings", partner="CL")) == 0


def test_validate_and_stats(graph):
    report = graph.validate()
    assert report.conforms, report.violations[:3]
    assert graph.stats()["releases"] == 14


def test_as_rdflib_dataset(graph):
    ds = graph.as_rdflib()
    rows = ds.query(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{CURRENT_GRAPH}> {{ ?s ?p ?o }} }}")
    assert int(next(iter(rows))[0]) == graph.store.count(CURRENT_GRAPH) > 1000
    assert len(ds.graph(CURRENT_GRAPH)) == graph.store.count(CURRENT_GRAPH)


def test_questions_are_listed_with_parameters(graph):
    qs = {q["name"]: q for q in graph.questions()}
    assert len(qs) == 13 and qs["meetings"]["parameters"][0]["name"] == "partner"


def test_a_protocol_dataset_takes_the_place_of_from_clauses():
    """What a server that merges FROM with default-graph-uri (Virtuoso) is sent instead."""
    from kg.sparql_text import without_dataset

    q = 'SELECT * FROM <a> FROM NAMED ex:b WHERE { ?s <from> "FROM <x>" } # FROM <y>'
    assert without_dataset(q).split() == [
        "SELECT",
        "*",
        "WHERE",
        "{",
        "?s",
        "<from>",
        '"FROM',
        '<x>"',
        "}",
        "#",
        "FROM",
        "<y>",
    ]
    assert without_dataset("SELECT ?from WHERE { ?from ?p ?o }") == "SELECT ?from WHERE { ?from ?p ?o }"
    assert without_dataset("SELECT * FROM { }") == "SELECT * FROM { }"  # not a dataset clause: left to the server
