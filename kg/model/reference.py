"""Build the reference graph from the committed, sourced CSV facts in ontology/reference/.

Every fact node carries prov:wasDerivedFrom to each source URL of its row. Where sources
disagree (alternative_claims.csv), the alternative becomes its own claim node with its own
source; the disputing URL is taken off the main claim. Nothing is silently picked.
"""

from __future__ import annotations

import csv
from collections import defaultdict
from functools import lru_cache

from rdflib import Graph, Literal, URIRef

from .. import mint
from ..namespaces import AKG, ORG, PROV, RDF, RDFS, SKOS, VOCAB
from ..resources import reference_csv
from .vocab import concept

FRAMEWORKS = {"APT", "EAS", "ARF", "ADMM-Plus"}
ORGANISATIONS = {"EU", "UN", "UNDP"}
COORDINATOR_EVIDENCE = {"confirmed", "indirect"}
# A later status ends an earlier one only where it replaces it; a strategic partner stays a
# dialogue partner, so dialogue-partner is never ended by an upgrade.
SUPERSEDED_BY = {
    "sectoral-dialogue-partner": "dialogue-partner",
    "strategic-partnership": "comprehensive-strategic-partnership",
}


def read_csv(name: str) -> list[dict]:
    with reference_csv(name).open(newline="", encoding="utf-8") as f:
        return [{k: (v or "").strip() for k, v in row.items()} for row in csv.DictReader(f)]


def urls(field: str) -> list[str]:
    return [u.strip() for u in field.split("|") if u.strip()]


@lru_cache(maxsize=1)
def member_codes() -> frozenset[str]:
    return frozenset(r["iso3166_alpha2"] for r in read_csv("members.csv"))


@lru_cache(maxsize=1)
def partner_names() -> dict[str, str]:
    names: dict[str, str] = {}
    for r in read_csv("framework_members.csv"):
        names.setdefault(r["member"], r["member_name"])
    for r in read_csv("partnerships.csv"):
        names[r["partner"]] = r["partner_name"]
    return names


def partner_slug(code: str) -> str:
    """Readable series keys: asean-russia-som rather than asean-ru-som."""
    return mint.slug(partner_names().get(code, code))


def actor(code: str) -> URIRef:
    if code == "ASEAN Secretariat":
        return mint.ASEAN_SECRETARIAT
    return mint.actor(code, member_codes())


class ReferenceBuilder:
    def __init__(self) -> None:
        self.g = Graph()
        self.members = member_codes()
        self.alternatives = defaultdict(list)
        for r in read_csv("alternative_claims.csv"):
            self.alternatives[(r["table"], r["partner"], r["status"])].append(r)

    def add_sources(self, node: URIRef, sources: list[str]) -> None:
        for u in sources:
            src = URIRef(u)
            self.g.add((node, PROV.wasDerivedFrom, src))
            self.g.add((src, RDF.type, AKG.ReferenceSource))

    def split_sources(self, table: str, partner: str, status: str, row_urls: list[str]):
        """Main-claim sources and the alternative claims that dispute it."""
        alts = self.alternatives.get((table, partner, status), [])
        disputing = {a["source_url"] for a in alts}
        return [u for u in row_urls if u not in disputing], alts

    def note(self, node: URIRef, text: str) -> None:
        if text:
            self.g.add((node, RDFS.comment, Literal(text, lang="en")))

    def build(self) -> Graph:
        self.asean()
        self.members_()
        self.partners()
        self.partnerships()
        self.frameworks()
        self.series()
        self.plans()
        self.coordinators()
        self.wikidata()
        return self.g

    def asean(self) -> None:
        g = self.g
        g.add((mint.ASEAN, RDF.type, AKG.IntergovernmentalOrganisation))
        g.add((mint.ASEAN, AKG.name, Literal("ASEAN", lang="en")))
        g.add((mint.ASEAN, AKG.officialName, Literal("Association of Southeast Asian Nations", lang="en")))
        g.add((mint.ASEAN, AKG.code, Literal("ASEAN")))
        g.add((mint.ASEAN_SECRETARIAT, RDF.type, AKG.Organisation))
        g.add((mint.ASEAN_SECRETARIAT, AKG.name, Literal("ASEAN Secretariat", lang="en")))
        g.add((mint.ASEAN_SECRETARIAT, ORG.subOrganizationOf, mint.ASEAN))

    def members_(self) -> None:
        g = self.g
        for r in read_csv("members.csv"):
            node = actor(r["iso3166_alpha2"])
            g.add((node, RDF.type, AKG.MemberState))
            g.add((node, AKG.code, Literal(r["iso3166_alpha2"])))
            g.add((node, AKG.name, Literal(r["name_short"], lang="en")))
            g.add((node, AKG.officialName, Literal(r["name_official"], lang="en")))
            g.add((mint.ASEAN, ORG.hasMember, node))
            main_urls, alts = self.split_sources("members", r["iso3166_alpha2"], "", urls(r["source_url"]))
            self.accession(node, r["joined"], main_urls, r["note"], "")
            for a in alts:
                self.accession(node, a["value"], [a["source_url"]], a["note"], "alt")

    def accession(self, node: URIRef, date: str, sources: list[str], note: str, tag: str) -> None:
        """Accession as a claim node, so two sources' dates stand side by side."""
        claim = mint.accession(node, date)
        self.g.add((claim, RDF.type, AKG.Partnership))
        self.g.add((claim, AKG.partner, node))
        self.g.add((claim, AKG.status, concept("partnership-status", "member")))
        self.g.add((claim, AKG.startDate, mint.date_literal(date)))
        self.g.add((node, AKG.accessionDate, mint.date_literal(date)))
        self.add_sources(claim, sources)
        self.note(claim, note)

    def partners(self) -> None:
        g = self.g
        for code, name in partner_names().items():
            if code in self.members or code in FRAMEWORKS:
                continue
            node = actor(code)
            g.add((node, RDF.type, AKG.ExternalParty))
            g.add((node, RDF.type, AKG.IntergovernmentalOrganisation if code in ORGANISATIONS else AKG.State))
            g.add((node, AKG.code, Literal(code)))
            g.add((node, AKG.name, Literal(name, lang="en")))

    def partnerships(self) -> None:
        rows = read_csv("partnerships.csv")
        claims = []  # (partner, status, date, node) of main claims, for validity intervals
        for r in rows:
            p, status = r["partner"], r["status"]
            main_urls, alts = self.split_sources("partnerships", p, status, urls(r["source_url"]))
            node = self.partnership_claim(r, r["date"], main_urls, r["note"])
            if node is not None:
                claims.append((p, status, r["date"], node))
            for a in alts:
                self.partnership_claim(r, a["value"], [a["source_url"]], a["note"])
        starts = {(p, s): d for p, s, d, _ in claims}
        for p, status, date, node in claims:
            later = SUPERSEDED_BY.get(status)
            if later and (p, later) in starts and starts[(p, later)] > date:
                self.g.add((node, AKG.endDate, mint.date_literal(starts[(p, later)])))

    def partnership_claim(self, r: dict, date: str, sources: list[str], note: str):
        g = self.g
        p, status, event = r["partner"], r["status"], r["event"]
        ev = mint.partnership_event(p, status, event, date)
        g.add((ev, RDF.type, AKG.PartnershipEvent))
        g.add((ev, AKG.partner, actor(p)))
        g.add((ev, AKG.status, concept("partnership-status", status)))
        g.add((ev, AKG.event, concept("partnership-event", event)))
        g.add((ev, AKG.date, mint.date_literal(date)))
        if r["where"]:
            g.add((ev, AKG.where, Literal(r["where"], lang="en")))
        self.add_sources(ev, sources)
        self.note(ev, note)
        if event == "other":  # a commitment or milestone, not a status held
            return None
        node = mint.partnership(p, status, date)
        g.add((node, RDF.type, AKG.Partnership))
        g.add((node, AKG.partner, actor(p)))
        g.add((node, AKG.status, concept("partnership-status", status)))
        g.add((node, AKG.startDate, mint.date_literal(date)))
        g.add((node, AKG.establishedBy, ev))
        self.add_sources(node, sources)
        return node

    def frameworks(self) -> None:
        g = self.g
        for r in read_csv("framework_members.csv"):
            main_urls, alts = self.split_sources(
                "framework_members", r["member"], r["framework"], urls(r["source_url"])
            )
            for joined, sources, note in [(r["joined"], main_urls, r["note"])] + [
                (a["value"], [a["source_url"]], a["note"]) for a in alts
            ]:
                node = mint.framework_membership(r["framework"], r["member"], joined)
                g.add((node, RDF.type, AKG.FrameworkMembership))
                g.add((node, AKG.member, actor(r["member"])))
                g.add((node, AKG.framework, concept("framework", r["framework"])))
                if joined:
                    lit = mint.date_literal(joined) if len(joined) in (4, 7, 10) else Literal(joined)
                    g.add((node, AKG.joined, lit))
                self.add_sources(node, sources)
                self.note(node, note)

    def series(self) -> None:
        g = self.g
        seen: dict[tuple, int] = defaultdict(int)
        for r in read_csv("mechanisms.csv"):
            p, level = r["partner"], r["level"]
            if p in FRAMEWORKS:
                node = mint.series("", level, p)
                g.add((node, AKG.framework, concept("framework", p)))
            else:
                seen[(p, level)] += 1
                # a second series of one partner at one level (e.g. two committees) is told by name
                name = r["mechanism_name"] if level in ("working", "other") or seen[(p, level)] > 1 else None
                node = mint.series(partner_slug(p), level, "ASEAN+1", name)
                if name and level not in ("working", "other"):
                    node = mint.named_series(node, name)
                g.add((node, AKG.framework, concept("framework", "ASEAN+1")))
                g.add((node, AKG.partner, actor(p)))
            g.add((node, RDF.type, AKG.MeetingSeries))
            g.add((node, AKG.name, Literal(r["mechanism_name"], lang="en")))
            g.add((node, AKG.level, concept("level", level)))
            if r["acronym"]:
                g.add((node, AKG.acronym, Literal(r["acronym"])))
            if r["first_meeting_date"]:
                g.add((node, AKG.firstMeetingDate, mint.date_literal(r["first_meeting_date"])))
            self.add_sources(node, urls(r["source_url"]))
            self.note(node, r["note"])

    def plans(self) -> None:
        g = self.g
        for r in read_csv("plans_of_action.csv"):
            node = mint.instrument(r["document_name"])
            name = r["document_name"]
            kind = "vision" if "Vision" in name and "Plan" not in name else "plan-of-action"
            g.add((node, RDF.type, AKG.Instrument))
            g.add((node, AKG.name, Literal(name, lang="en")))
            g.add((node, AKG.kind, concept("instrument-kind", kind)))
            g.add((node, AKG.partner, actor(r["partner"])))
            if r["period_start"]:
                g.add((node, AKG.periodStart, mint.date_literal(r["period_start"])))
            if r["period_end"]:
                g.add((node, AKG.periodEnd, mint.date_literal(r["period_end"])))
            if r["adopted_at"]:
                g.add((node, AKG.adoptedAt, Literal(r["adopted_at"], lang="en")))
            self.add_sources(node, urls(r["source_url"]))
            self.note(node, r["note"])

    def coordinators(self) -> None:
        g = self.g
        for r in read_csv("country_coordinators.csv"):
            if r["evidence"] not in COORDINATOR_EVIDENCE:
                continue
            coord = r["coordinator"]
            node = mint.coordinatorship(r["partner"], coord, r["period_start"])
            g.add((node, RDF.type, AKG.Coordinatorship))
            g.add((node, AKG.partner, actor(r["partner"])))
            g.add((node, AKG.coordinator, actor(coord)))
            g.add((node, AKG.startDate, mint.date_literal(r["period_start"])))
            if r["period_end"]:
                g.add((node, AKG.endDate, mint.date_literal(r["period_end"])))
            g.add((node, AKG.evidenceGrade, Literal(r["evidence"])))
            self.add_sources(node, urls(r["source_url"]))
            self.note(node, r["note"])

    def wikidata(self) -> None:
        """Each member, partner and organisation linked to its Wikidata entity: the plain
        skos:exactMatch triple, and beside it a mapping node carrying the link's source."""
        g = self.g
        for r in read_csv("wikidata.csv"):
            node = mint.ASEAN if r["code"] == "ASEAN" else actor(r["code"])
            entity = mint.wikidata_entity(r["qid"])
            g.add((node, SKOS.exactMatch, entity))
            link = mint.mapping(node)
            g.add((link, RDF.type, AKG.Mapping))
            g.add((link, AKG.mappedNode, node))
            g.add((link, AKG.mappedTo, entity))
            self.add_sources(link, urls(r["source_url"]))


def build_reference_graph() -> Graph:
    return ReferenceBuilder().build()


def area_concepts() -> Graph:
    """The cooperation-area concepts under the three pillars, from cooperation_areas.csv.
    They are vocabulary, so they join the ontology graph (kg/ontology.py)."""
    g = Graph()
    scheme = VOCAB["area"]
    for r in read_csv("cooperation_areas.csv"):
        node = mint.area(r["id"])
        g.add((node, RDF.type, SKOS.Concept))
        g.add((node, SKOS.inScheme, scheme))
        g.add((node, SKOS.notation, Literal(r["id"])))
        g.add((node, SKOS.prefLabel, Literal(r["label"], lang="en")))
        for alt in (a.strip() for a in r["alt_labels"].split(";")):
            if alt:
                g.add((node, SKOS.altLabel, Literal(alt, lang="en")))
        for pillar in r["pillars"].split("|"):
            g.add((node, SKOS.broader, mint.area(pillar.strip())))
    return g
