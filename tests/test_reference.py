"""The reference graph: members, partner histories with sources, disagreements kept."""

import re

from rdflib import Literal

from kg.model.reference import build_reference_graph
from kg.model.vocab import concept
from kg.namespaces import AKG, ID, PROV, RDF, SKOS, XSD

REF = build_reference_graph()


def claims(partner: str, status: str):
    out = {}
    for node in REF.subjects(AKG.partner, ID[f"partner/{partner}"]):
        if (node, RDF.type, AKG.Partnership) in REF and (
            node,
            AKG.status,
            concept("partnership-status", status),
        ) in REF:
            out[str(REF.value(node, AKG.startDate))] = set(REF.objects(node, PROV.wasDerivedFrom))
    return out


def test_eleven_members_with_accession():
    members = set(REF.subjects(RDF.type, AKG.MemberState))
    assert len(members) == 11
    assert (ID["member/VN"], AKG.accessionDate, Literal("1995-07-28", datatype=XSD.date)) in REF


def test_russia_history_has_sourced_statuses():
    dp = claims("RU", "dialogue-partner")
    sp = claims("RU", "strategic-partnership")
    assert dp.get("1996-07")
    assert any(d.startswith("2018") for d in sp) and all(sp.values())


def test_disagreements_are_both_kept_each_with_its_source():
    dp = claims("RU", "dialogue-partner")
    assert set(dp) == {"1996-07", "1997-07"}
    assert {str(u) for u in dp["1997-07"]} == {"https://asean.or.id/5922.htm"}
    assert "https://asean.or.id/5922.htm" not in {str(u) for u in dp["1996-07"]}
    brunei = {str(o) for o in REF.objects(ID["member/BN"], AKG.accessionDate)}
    assert brunei == {"1984-01-07", "1984-01-08"}


def test_date_precision_is_kept():
    dp = claims("AU", "dialogue-partner")
    node = next(REF.subjects(AKG.startDate, Literal("1974", datatype=XSD.gYear)))
    assert dp and node is not None


def test_superseded_status_gets_an_end():
    node = ID["partnership/RU/strategic-partnership/2018-11-14"]
    assert REF.value(node, AKG.endDate) is None  # Russia has no CSP
    node = ID["partnership/CN/strategic-partnership/2003-10-08"]
    assert str(REF.value(node, AKG.endDate)).startswith("2021")


def test_only_confirmed_or_indirect_coordinators():
    grades = {str(o) for o in REF.objects(None, AKG.evidenceGrade)}
    assert grades == {"confirmed", "indirect"}
    russia = {
        str(REF.value(n, AKG.coordinator))
        for n in REF.subjects(AKG.partner, ID["partner/RU"])
        if (n, RDF.type, AKG.Coordinatorship) in REF
    }
    assert str(ID["member/MM"]) in russia


def test_framework_membership_and_series():
    eas = [
        n for n in REF.subjects(AKG.framework, concept("framework", "EAS")) if (n, AKG.member, ID["partner/US"]) in REF
    ]
    assert len(eas) == 2  # 2011 and the disputing 2010 claim
    assert (ID["series/asean-russia-som"], RDF.type, AKG.MeetingSeries) in REF


def test_wikidata_links_are_well_formed_unique_and_sourced():
    import csv

    from kg.resources import reference_csv

    with reference_csv("wikidata.csv").open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert len(rows) >= 25
    qids = [r["qid"] for r in rows]
    codes = [r["code"] for r in rows]
    assert all(re.fullmatch(r"Q[1-9]\d*", q) for q in qids)
    assert len(set(qids)) == len(qids) and len(set(codes)) == len(codes)
    assert all(r["source_url"] == f"https://www.wikidata.org/wiki/{r['qid']}" for r in rows)
    links = {(s, o) for s, o in REF.subject_objects(SKOS.exactMatch)}
    assert len(links) == len(rows)
    for mapping in REF.subjects(RDF.type, AKG.Mapping):
        assert (REF.value(mapping, AKG.mappedNode), REF.value(mapping, AKG.mappedTo)) in links
        assert REF.value(mapping, PROV.wasDerivedFrom) is not None
