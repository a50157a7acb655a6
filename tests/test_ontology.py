"""The ontology, its vocabularies and shapes parse; reference data conforms; reasoning agrees."""

import pytest
from rdflib import Graph

from kg.model.derived import rebuild
from kg.model.ontology import ontology_files, ontology_graph, shape_files, shapes_graph
from kg.model.reason import has_nothing_members, owlrl_inferences
from kg.model.reference import build_reference_graph
from kg.model.validate import validate_graph
from kg.namespaces import AKG, INFERRED_GRAPH, OWL, RDF


def test_every_turtle_file_parses():
    for f in ontology_files() + shape_files():
        assert len(Graph().parse(f, format="turtle")) > 10, f


def test_ontology_declares_core_classes():
    g = ontology_graph()
    for cls in (
        "Meeting",
        "MeetingSeries",
        "Attendance",
        "Partnership",
        "PartnershipEvent",
        "Instrument",
        "InstrumentAction",
        "Release",
        "Evidence",
        "Person",
    ):
        assert (AKG[cls], RDF.type, OWL.Class) in g, cls


def test_reference_graph_conforms_to_shapes():
    report = validate_graph(build_reference_graph())
    assert report.conforms, report.violations[:5]


@pytest.mark.slow  # owlrl, the reference engine, takes seconds
def test_owlrl_closure_has_no_nothing_member():
    import owlrl

    g = ontology_graph()
    g += build_reference_graph()
    owlrl.DeductiveClosure(owlrl.OWLRL_Semantics).expand(g)
    assert not has_nothing_members(g)


def _store_inferences(store, data: Graph, graph_iri):
    from kg.model.initialise import initialise

    initialise(store)
    store.put_graph(graph_iri, data)
    rebuild(store)
    return set(store.get_graph(INFERRED_GRAPH))


@pytest.mark.slow  # owlrl, the reference engine, takes seconds
def test_store_rules_equal_owlrl_on_reference(memory_store):
    from kg.namespaces import REFERENCE_GRAPH

    ref = build_reference_graph()
    fast = _store_inferences(memory_store, ref, REFERENCE_GRAPH)
    slow = set(owlrl_inferences(ref))
    assert fast == slow
    assert len(fast) > 1000


@pytest.mark.slow  # owlrl, the reference engine, takes seconds
def test_store_rules_equal_owlrl_on_release_fixture(memory_store):
    from kg.namespaces import GRAPH

    data = Graph().parse("tests/fixtures/release-graph.ttl", format="turtle")
    fast = _store_inferences(memory_store, data, GRAPH["release/fixture"])
    # what is inferred are the consequences of the facts: a release's own provenance (the release,
    # its load, its evidence spans) stays in its graph and implies nothing
    from kg.model.derived import is_fact

    facts = Graph()
    for t in data + build_reference_graph():
        if is_fact(*t):
            facts.add(t)
    slow = set(owlrl_inferences(facts))
    assert fast == slow
    # inverse and sub-property inferences really happen on data
    from kg.namespaces import ID, SCHEMA

    assert (ID["person/igor-morgulov"], AKG.attended, ID["meeting/asean-russia-som/17"]) in fast or (
        ID["meeting/asean-russia-som/17"],
        SCHEMA.attendee,
        ID["person/igor-morgulov"],
    ) in fast


def test_shapes_graph_has_a_shape_per_loaded_class():
    from kg.namespaces import SH

    targets = set(shapes_graph().objects(None, SH.targetClass))
    for cls in (
        "Meeting",
        "Attendance",
        "Person",
        "Partnership",
        "PartnershipEvent",
        "Instrument",
        "InstrumentAction",
        "AreaDiscussion",
        "Release",
        "Evidence",
        "MeetingSeries",
        "FrameworkMembership",
        "Coordinatorship",
        "MemberState",
        "ExternalParty",
    ):
        assert AKG[cls] in targets, cls
