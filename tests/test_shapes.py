"""Each SHACL shape has a conforming and a violating example; the violation names the shape."""

import pytest
from rdflib import Graph

from kg.model.ontology import ontology_graph, shapes_graph
from kg.model.validate import validate_graph
from kg.namespaces import SH, SHAPES

PREFIXES = """
@prefix akg: <https://w3id.org/aseankg/ontology#> . @prefix id: <https://w3id.org/aseankg/> .
@prefix v: <https://w3id.org/aseankg/vocab/> . @prefix oa: <http://www.w3.org/ns/oa#> .
@prefix prov: <http://www.w3.org/ns/prov#> . @prefix schema: <https://schema.org/> .
@prefix dcterms: <http://purl.org/dc/terms/> . @prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
"""
REL = """id:r a akg:Release ; akg:sha256 "%s" .
id:e a akg:Evidence ; akg:inRelease id:r ; oa:exact "They met." ;
  oa:start "0"^^xsd:integer ; oa:end "9"^^xsd:integer .
""" % ("ab" * 32)
SERIES = """id:s a akg:MeetingSeries ; akg:name "ASEAN-Testland Dialogue" ; akg:level v:level\\/som ;
  akg:framework v:framework\\/ASEAN-plus-1 .
"""
MEETING = (
    REL
    + SERIES
    + """id:m a akg:Meeting ; akg:level v:level\\/som ; akg:framework v:framework\\/ASEAN-plus-1 ;
  akg:series id:s ; akg:edition 3 ; akg:startDate "2020-05"^^xsd:gYearMonth ; akg:evidence id:e .
"""
)
PERSON = 'id:p a akg:Person ; akg:name "Ana Cruz" .\n'

CASES = {
    "MeetingShape": (MEETING, MEETING.replace('"2020-05"^^xsd:gYearMonth', '"May 2020"')),
    "MeetingSeriesShape": (SERIES, SERIES.replace("akg:level v:level\\/som ;", "")),
    "AttendanceShape": (
        MEETING
        + PERSON
        + "id:a a akg:Attendance ; akg:attendee id:p ; akg:meeting id:m ; akg:role v:role\\/chair ; akg:evidence id:e .",
        MEETING
        + PERSON
        + "id:a a akg:Attendance ; akg:attendee id:p ; akg:meeting id:m ; akg:role v:role\\/boss ; akg:evidence id:e .",
    ),
    "PersonShape": (PERSON, 'id:p a akg:Person ; akg:name "A" .'),
    "PartnershipShape": (
        'id:x a akg:Partnership ; akg:partner id:partner\\/RU ; akg:status v:partnership-status\\/dialogue-partner ; akg:startDate "1996"^^xsd:gYear ; prov:wasDerivedFrom <https://example.org/a> .',
        'id:x a akg:Partnership ; akg:partner id:partner\\/RU ; akg:status v:partnership-status\\/dialogue-partner ; akg:startDate "1996"^^xsd:gYear .',
    ),
    "PartnershipEventShape": (
        REL
        + "id:x a akg:PartnershipEvent ; akg:partner id:partner\\/GB ; akg:status v:partnership-status\\/dialogue-partner ; akg:event v:partnership-event\\/established ; akg:evidence id:e .",
        REL
        + "id:x a akg:PartnershipEvent ; akg:partner id:partner\\/GB ; akg:status v:partnership-status\\/dialogue-partner ; akg:event v:partnership-event\\/conquered ; akg:evidence id:e .",
    ),
    "FrameworkMembershipShape": (
        "id:x a akg:FrameworkMembership ; akg:member id:partner\\/US ; akg:framework v:framework\\/EAS ; prov:wasDerivedFrom <https://example.org/a> .",
        "id:x a akg:FrameworkMembership ; akg:member id:partner\\/US ; prov:wasDerivedFrom <https://example.org/a> .",
    ),
    "CoordinatorshipShape": (
        'id:x a akg:Coordinatorship ; akg:partner id:partner\\/RU ; akg:coordinator id:member\\/MM ; akg:startDate "2024"^^xsd:gYear ; akg:evidenceGrade "confirmed" ; prov:wasDerivedFrom <https://example.org/a> .',
        'id:x a akg:Coordinatorship ; akg:partner id:partner\\/RU ; akg:coordinator id:member\\/MM ; akg:startDate "2024"^^xsd:gYear ; akg:evidenceGrade "inferred-unverified" ; prov:wasDerivedFrom <https://example.org/a> .',
    ),
    "InstrumentShape": (
        'id:i a akg:Instrument ; akg:name "Plan of Action 2021-2025" ; akg:kind v:instrument-kind\\/plan-of-action .',
        'id:i a akg:Instrument ; akg:name "Plan of Action 2021-2025" .',
    ),
    "InstrumentActionShape": (
        MEETING + 'id:i a akg:Instrument ; akg:name "Plan of Action" ; akg:kind v:instrument-kind\\/plan-of-action .\n'
        "id:x a akg:InstrumentAction ; akg:instrument id:i ; akg:meeting id:m ; akg:action v:action\\/adopted ; akg:evidence id:e .",
        MEETING + 'id:i a akg:Instrument ; akg:name "Plan of Action" ; akg:kind v:instrument-kind\\/plan-of-action .\n'
        "id:x a akg:InstrumentAction ; akg:instrument id:i ; akg:meeting id:m ; akg:action v:action\\/adopted, v:action\\/signed ; akg:evidence id:e .",
    ),
    "AreaDiscussionShape": (
        MEETING + "id:x a akg:AreaDiscussion ; akg:meeting id:m ; akg:area v:area\\/health ; akg:evidence id:e .",
        MEETING + "id:x a akg:AreaDiscussion ; akg:meeting id:m ; akg:evidence id:e .",
    ),
    "ReleaseShape": (REL, REL.replace('akg:sha256 "', 'akg:sha256 "XYZ')),
    "EvidenceShape": (REL, REL.replace('oa:end "9"', 'oa:end "0"')),
    "MemberStateShape": (
        'id:member\\/PH a akg:MemberState ; akg:code "PH" ; akg:accessionDate "1967-08-08"^^xsd:date .',
        'id:member\\/PH a akg:MemberState ; akg:code "Philippines" ; akg:accessionDate "1967-08-08"^^xsd:date .',
    ),
    "MappingShape": (
        "id:mapping\\/wikidata\\/RU a akg:Mapping ; akg:mappedNode id:partner\\/RU ; "
        "akg:mappedTo <http://www.wikidata.org/entity/Q159> ; prov:wasDerivedFrom <https://www.wikidata.org/wiki/Q159> .",
        "id:mapping\\/wikidata\\/RU a akg:Mapping ; akg:mappedNode id:partner\\/RU ; "
        "akg:mappedTo <http://www.wikidata.org/entity/Russia> ; prov:wasDerivedFrom <https://www.wikidata.org/wiki/Q159> .",
    ),
    "ExternalPartyShape": (
        'id:partner\\/RU a akg:ExternalParty ; akg:code "RU" ; akg:name "Russia" .',
        'id:partner\\/RU a akg:ExternalParty ; akg:code "RU" .',
    ),
}


def _graph(ttl: str) -> Graph:
    return Graph().parse(data=PREFIXES + ttl, format="turtle")


@pytest.mark.parametrize("shape", sorted(CASES))
def test_conforming_example(shape):
    report = validate_graph(_graph(CASES[shape][0]))
    assert report.conforms, report.violations


@pytest.mark.parametrize("shape", sorted(CASES))
def test_violating_example(shape):
    report = validate_graph(_graph(CASES[shape][1]))
    assert not report.conforms
    # the violation comes from the shape under test (directly or through one of its property shapes)
    shapes = shapes_graph()
    owners = set()
    for v in report.violations:
        src = v["shape"]
        owners |= {str(s) for s in shapes.subjects(SH.property, None) if str(s) == src}
        owners |= {str(s) for s, _, o in shapes.triples((None, SH.property, None)) if str(o) == src}
    assert str(SHAPES[shape]) in owners | {v["shape"] for v in report.violations}


def test_every_shape_has_cases():
    declared = {str(s).split("#")[1] for s in shapes_graph().subjects(SH.targetClass, None)}
    assert declared == set(CASES)


# --- the compiled shapes (kg/model/shapes.py) say what pySHACL says -----------------------------


def _keys_compiled(data) -> set:
    from kg.model.shapes import violations

    return {(str(v.focus), str(v.path or ""), v.as_dict()["component"]) for v in violations(data)}


def _keys_reference(data) -> set:
    return {(v["focus"], v["path"], v["component"]) for v in validate_graph(data).violations}


@pytest.mark.parametrize("shape", sorted(CASES))
def test_compiled_shapes_agree_with_pyshacl_on_examples(shape):
    for ttl in CASES[shape]:
        data = _graph(ttl)
        assert _keys_compiled(data) == _keys_reference(data)


def test_compiled_shapes_agree_with_pyshacl_on_loaded_releases(fixture_store):
    from kg.model.validate import data_graph

    data = data_graph(fixture_store)
    assert _keys_compiled(data) == _keys_reference(data)
    # and on ill-typed, mistyped and out-of-range values
    bad = _graph(
        CASES["MeetingShape"][0]
        .replace("akg:edition 3", 'akg:edition 0, "three"')
        .replace('"2020-05"^^xsd:gYearMonth', '"2020-02-31"^^xsd:date')
    )
    assert _keys_compiled(bad) == _keys_reference(bad) and len(_keys_compiled(bad)) >= 3


def test_a_shape_using_an_uncompiled_component_is_refused():
    from rdflib import Graph

    from kg.model.shapes import compile_shapes

    g = Graph().parse(
        data="""@prefix sh: <http://www.w3.org/ns/shacl#> . @prefix ex: <https://e.org/> .
        ex:S a sh:NodeShape ; sh:targetClass ex:C ; sh:property [ sh:path ex:p ; sh:maxLength 3 ] .""",
        format="turtle",
    )
    with pytest.raises(ValueError, match="not compiled"):
        compile_shapes(g)


# --- the shapes run as SPARQL in the store (kg/model/validate.py) say what pySHACL says ---------


def _store_keys(data) -> set:
    from kg.model.derived import rebuild
    from kg.model.validate import validate_store
    from kg.namespaces import GRAPH, ONTOLOGY_GRAPH
    from kg.stores import open_store

    with open_store("memory:") as s:
        s.put_graph(ONTOLOGY_GRAPH, list(ontology_graph()))
        s.put_graph(GRAPH["release/example"], data)
        rebuild(s)
        report = validate_store(s)
        return {(v["focus"], v["path"], v["component"]) for v in report.violations + report.disagreements}


@pytest.mark.parametrize("shape", sorted(CASES))
def test_store_validation_agrees_with_pyshacl_on_examples(shape):
    for ttl in CASES[shape]:
        data = _graph(ttl)
        assert _store_keys(data) == _keys_reference(data)


def test_store_validation_agrees_with_pyshacl_on_loaded_releases(fixture_store):
    from kg.model.validate import data_graph, validate_store

    report = validate_store(fixture_store)
    found = {(v["focus"], v["path"], v["component"]) for v in report.violations + report.disagreements}
    assert found == _keys_reference(data_graph(fixture_store))
    assert report.conforms and report.disagreements  # two releases word one attendee's post differently
