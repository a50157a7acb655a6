"""Stage 4, assert: a resolved record -> the triples of one release's graph. A pure function:
it reads neither the store nor the extraction rules, only the resolved record and its source.

Everything a release says goes into its own named graph, with PROV for the release (url,
publisher, title, published, sha256), the load activity (time, software version), and an
Evidence node (Web Annotation text quote + position) for every meeting, attendance, area,
instrument action and partnership event.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from rdflib import Graph, Literal, URIRef

from .. import __version__, mint
from .. import namespaces as ns
from ..model.parties import display_name
from ..model.vocab import concept, display
from ..namespaces import SOFTWARE


class _Terms:
    """A namespace whose terms are made once: rdflib builds a new URIRef on every attribute access."""

    def __init__(self, namespace):
        self._ns = namespace

    def __getattr__(self, name):
        term = self._ns[name] if not hasattr(type(self._ns), name) or name in ("title",) else getattr(self._ns, name)
        setattr(self, name, term)
        return term


AKG, DCTERMS, OA, PROV, RDF, SCHEMA, XSD = (
    _Terms(n) for n in (ns.AKG, ns.DCTERMS, ns.OA, ns.PROV, ns.RDF, ns.SCHEMA, ns.XSD)
)
from ..model.reference import actor, member_codes, partner_names  # noqa: E402
from .resolve import NoLookup, Resolved, Resolver, party_of  # noqa: E402


@dataclass
class Source:
    key: str  # release key (mint.release_key)
    sha256: str  # of the bytes
    body: str | None  # None for a hand-written record: quotes unknown
    kind: str = "text"
    file_name: str | None = None  # path relative to the load root
    text_sha256: str = ""  # of the normalised text (line endings, Unicode)


def _date(value):
    try:
        return mint.date_literal(value) if value else None
    except ValueError:
        return None


class Asserter:
    def __init__(self, resolved: Resolved, source: Source, loaded_at: dt.datetime | None = None):
        self.resolved, self.r, self.src = resolved, resolved.record, source
        self.g: dict = {}  # triple -> None: insertion-ordered set, far cheaper than an rdflib Graph
        self.release = mint.release(source.key)
        self.loaded_at = loaded_at or dt.datetime.now(dt.UTC).replace(microsecond=0)
        self.known_codes = set(partner_names()) | set(member_codes())

    def add(self, s, p, o):
        if o is not None:
            self.g[(s, p, o)] = None

    def evidence(self, span: dict | None) -> URIRef | None:
        if not span or span.get("start") is None or span.get("end") is None:
            return None
        a, b = int(span["start"]), int(span["end"])
        node = mint.evidence(self.release, a, b)
        if (node, RDF.type, AKG.Evidence) in self.g:
            return node
        self.add(node, RDF.type, AKG.Evidence)
        self.add(node, AKG.inRelease, self.release)
        if b > a:
            self.add(node, OA.start, Literal(a, datatype=XSD.integer))
            self.add(node, OA.end, Literal(b, datatype=XSD.integer))
        if self.src.body is not None and 0 <= a < b <= len(self.src.body):
            self.add(node, OA.exact, Literal(self.src.body[a:b]))
        elif span.get("quote"):
            self.add(node, OA.exact, Literal(span["quote"]))
        return node

    def party(self, code: str) -> URIRef:
        """An actor node; codes the reference data lacks get a minimal description here."""
        node = actor(code)
        if code not in self.known_codes and code != "ASEAN":
            self.add(node, RDF.type, AKG.ExternalParty)
            self.add(node, AKG.code, Literal(code))
            self.add(node, AKG.name, Literal(display_name(code), lang="en"))
        return node

    def build(self) -> list:
        """The release's triples, each once."""
        self.document()
        for i, m in enumerate(self.r.get("meetings") or []):
            self.meeting(m, self.resolved.meetings[i], self.resolved.series[i], self.resolved.people[i])
        for i, e in enumerate(self.r.get("partnership_events") or []):
            self.partnership_event(e, i)
        return list(self.g)

    def document(self):
        d, rel = self.r.get("document") or {}, self.release
        self.add(rel, RDF.type, AKG.Release)
        self.add(rel, AKG.sha256, Literal(self.src.sha256))
        if d.get("url"):
            self.add(rel, SCHEMA.url, Literal(d["url"], datatype=XSD.anyURI))
        if d.get("publisher"):
            self.add(rel, AKG.publisher, Literal(d["publisher"]))
        if d.get("title"):
            self.add(rel, DCTERMS.title, Literal(d["title"]))
        self.add(rel, SCHEMA.datePublished, _date(d.get("published")))
        self.add(rel, AKG.releaseKind, Literal(self.src.kind))
        if self.src.file_name:
            self.add(rel, AKG.fileName, Literal(self.src.file_name))
        if self.src.text_sha256:
            self.add(rel, AKG.textSha256, Literal(self.src.text_sha256))
        load = mint.load_activity(rel)
        self.add(load, RDF.type, AKG.LoadActivity)
        self.add(load, PROV.used, rel)
        self.add(load, PROV.startedAtTime, Literal(self.loaded_at.isoformat(), datatype=XSD.dateTime))
        self.add(load, PROV.wasAssociatedWith, SOFTWARE)
        self.add(load, AKG.softwareVersion, Literal(__version__))
        self.add(mint.release_graph(self.src.key), PROV.wasGeneratedBy, load)

    def meeting(self, m: dict, node: URIRef, series: URIRef, people: list):
        ev = self.evidence(m.get("evidence"))
        if ev is None:  # a meeting always points at its source, even without offsets
            ev = self.evidence({"start": 0, "end": 0})
        self.add(node, RDF.type, AKG.Meeting)
        if m.get("name"):
            self.add(node, AKG.name, Literal(m["name"]))
        if m.get("acronym"):
            self.add(node, AKG.acronym, Literal(m["acronym"]))
        self.add(node, AKG.status, concept("meeting-status", m.get("status", "reported")))
        self.add(node, AKG.level, concept("level", m["level"]))
        self.add(node, AKG.framework, concept("framework", m["framework"]))
        self.add(node, AKG.series, series)
        if m.get("edition"):
            self.add(node, AKG.edition, Literal(int(m["edition"]), datatype=XSD.integer))
        self.add(node, AKG.startDate, _date(m.get("start")))
        self.add(node, AKG.endDate, _date(m.get("end")))
        if m.get("modality"):
            self.add(node, AKG.modality, concept("modality", m["modality"]))
        for code in m.get("partners") or []:
            self.add(node, AKG.participant, self.party(code))
        self.add(node, AKG.evidence, ev)
        self.series(series, m)
        loc = m.get("location") or {}
        if loc.get("city") or loc.get("country"):
            place = mint.place(loc.get("city"), loc.get("country"))
            self.add(place, RDF.type, AKG.Place)
            if loc.get("city"):
                self.add(place, AKG.city, Literal(loc["city"]))
            if loc.get("country"):
                self.add(place, AKG.country, self.party(loc["country"]))
            self.add(node, AKG.location, place)
        for person, a in one_per_person(m.get("attendees") or [], people):
            self.attendance(node, a, person, ev)
        area_ev = m.get("area_evidence") or {}
        for area in m.get("areas") or []:
            disc = mint.area_discussion(node, area)
            self.add(disc, RDF.type, AKG.AreaDiscussion)
            self.add(disc, AKG.meeting, node)
            self.add(disc, AKG.area, mint.area(area))
            self.add(disc, AKG.evidence, self.evidence(area_ev.get(area)) or ev)
            self.add(node, AKG.hasDiscussion, disc)
            self.add(node, AKG.discussed, mint.area(area))
        for p in m.get("pillars") or []:
            self.add(node, AKG.pillar, mint.area(p))
        for ins in one_per_instrument(m.get("instruments") or []):
            self.instrument(node, ins, ev)

    def series(self, series: URIRef, m: dict):
        self.add(series, RDF.type, AKG.MeetingSeries)
        self.add(series, AKG.level, concept("level", m["level"]))
        self.add(series, AKG.framework, concept("framework", m["framework"]))
        partners = m.get("partners") or []
        if m["framework"] == "ASEAN+1" and partners:
            self.add(series, AKG.partner, self.party(partners[0]))
            pname = display_name(partners[0])
            label = f"ASEAN-{pname} {display('level')[m['level']].series_label}"
        else:
            label = f"{m['framework']} {display('level')[m['level']].series_label}"
        self.add(series, AKG.name, Literal(label, lang="en"))

    def attendance(self, meeting: URIRef, a: dict, person: URIRef, meeting_ev):
        party = party_of(a.get("country"), a.get("org"))
        if a.get("country"):
            party = self.party(a["country"])
        node = mint.attendance(meeting, person)
        self.add(person, RDF.type, AKG.Person)
        self.add(person, AKG.name, Literal(a["name"]))
        self.add(person, AKG.nationality, party)
        self.add(person, AKG.attended, meeting)
        self.add(node, RDF.type, AKG.Attendance)
        self.add(node, AKG.attendee, person)
        self.add(node, AKG.meeting, meeting)
        self.add(node, AKG.represents, party)
        if a.get("post"):
            self.add(node, AKG.postAsStated, Literal(a["post"], datatype=XSD.string))
        self.add(node, AKG.role, concept("role", a.get("role") or "participant"))
        self.add(node, AKG.evidence, self.evidence(a.get("evidence")) or meeting_ev)
        self.add(meeting, AKG.hasAttendance, node)
        if a.get("role") in ("chair", "co-chair"):
            self.add(meeting, AKG.chair, person)

    def instrument(self, meeting: URIRef, ins: dict, meeting_ev):
        inst = mint.instrument(ins["name"])
        self.add(inst, RDF.type, AKG.Instrument)
        self.add(inst, AKG.name, Literal(ins["name"]))
        self.add(inst, AKG.kind, concept("instrument-kind", ins.get("kind") or "other"))
        node = mint.instrument_action(meeting, inst)
        self.add(node, RDF.type, AKG.InstrumentAction)
        self.add(node, AKG.instrument, inst)
        self.add(node, AKG.meeting, meeting)
        if ins.get("action"):
            self.add(node, AKG.action, concept("action", ins["action"]))
        self.add(node, AKG.evidence, self.evidence(ins.get("evidence")) or meeting_ev)
        self.add(meeting, AKG.hasInstrumentAction, node)
        self.add(meeting, AKG.concerns, inst)

    def partnership_event(self, e: dict, index: int):
        date = e.get("date")
        tail = date if date else f"undated/r-{self.src.key}-{index}"
        node = mint.partnership_event(e["partner"], e["status"], e["event"], tail)
        self.add(node, RDF.type, AKG.PartnershipEvent)
        self.add(node, AKG.partner, self.party(e["partner"]))
        self.add(node, AKG.status, concept("partnership-status", e["status"]))
        self.add(node, AKG.event, concept("partnership-event", e["event"]))
        self.add(node, AKG.date, _date(date))
        ev = self.evidence(e.get("evidence")) or self.evidence({"start": 0, "end": 0})
        self.add(node, AKG.evidence, ev)


def one_per_person(attendees: list, people: list) -> list:
    """An attendance has one role, one post, one party (the shapes say so): two mentions that
    resolution found to be one person become one attendance (highest role, first post)."""
    merged: dict = {}
    for a, person in zip(attendees, people):
        if person not in merged:
            merged[person] = dict(a)
            continue
        kept = merged[person]
        if role_rank(a.get("role")) < role_rank(kept.get("role")):
            kept["role"] = a["role"]
        for k in ("post", "country", "org"):
            kept[k] = kept.get(k) or a.get(k)
    return list(merged.items())


def one_per_instrument(instruments: list) -> list:
    """One action per instrument of a meeting (the shapes allow one): the strongest act."""
    by_node: dict = {}
    for ins in instruments:
        key = mint.local(mint.instrument(ins["name"]))
        kept = by_node.get(key)
        actions = display("action")
        rank = actions[ins["action"]].rank if ins.get("action") in actions else len(actions) + 1
        if kept is None or rank < kept[0]:
            by_node[key] = (rank, ins)
    return [ins for _, ins in by_node.values()]


def release_triples(resolved: Resolved, source: Source) -> list:
    """The triples of one release's graph, each once."""
    return Asserter(resolved, source).build()


def record_graph(record: dict, release_body: str | None = None) -> Graph:
    """The graph a record asserts on its own, IRIs minted from the record alone (no store)."""
    doc = record.get("document") or {}
    sha = doc.get("sha256") or mint.short_hash(repr(record), 64)
    source = Source(mint.release_key(doc.get("url"), sha), sha, release_body)
    g = Graph()
    for t in release_triples(Resolver(NoLookup()).resolve(record, source.key), source):
        g.add(t)
    return g


def role_rank(role: str | None) -> int:
    """Precedence of a role (1: chair), from the vocabulary; an unknown role ranks last."""
    ranks = display("role")
    return ranks[role].rank if role in ranks else len(ranks) + 1
