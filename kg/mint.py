"""IRI minting rules (documented in ontology/README.md): readable and deterministic.

partner/RU, member/PH, org/asean, series/asean-russia-som, meeting/asean-russia-som/17,
person/igor-morgulov, instrument/<slug>, vocab/<scheme>/<code>, graph/release/<key>.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from functools import lru_cache

from rdflib import Literal, URIRef

from .namespaces import GRAPH, ID, STAGING, VOCAB, WD, XSD

ORGANISATION_CODES = {"EU", "UN", "UNDP", "ASEAN"}


def slug(text: str, max_words: int = 12) -> str:
    s = unicodedata.normalize("NFKD", text or "")
    s = "".join(c for c in s if not unicodedata.combining(c)).lower()
    s = s.replace("&", " and ").replace("'", "").replace("\u2019", "")
    words = re.findall(r"[a-z0-9]+", s)[:max_words]
    return "-".join(words) or "unnamed"


def short_hash(text: str, n: int = 16) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:n]


def concept_iri(scheme: str, local: str) -> URIRef:
    """A SKOS concept: vocab/<scheme>/<local name>. Which local names exist, and the code each
    one has, is ontology/vocab.ttl's business (kg/model/vocab.py reads it)."""
    return VOCAB[f"{scheme}/{local}"]


@lru_cache(maxsize=4096)
def area(code: str) -> URIRef:
    return concept_iri("area", code)


def actor(code: str, members: frozenset[str] | set[str]) -> URIRef:
    """ASEAN members live under member/, everyone else outside ASEAN under partner/."""
    if code == "ASEAN":
        return ID["org/asean"]
    if code in members:
        return ID[f"member/{code}"]
    return ID[f"partner/{code}"]


ASEAN = ID["org/asean"]
ASEAN_SECRETARIAT = ID["org/asean-secretariat"]


def series(partner_slug: str, level: str, framework: str = "ASEAN+1", name: str | None = None) -> URIRef:
    """One series per partner and level for ASEAN+1; per framework and level otherwise.
    Working-level and 'other' meetings are too varied to share one series per level, so
    their series key carries the meeting's name without its ordinal."""
    if framework == "ASEAN+1":
        key = f"asean-{partner_slug}-{level}"
    else:
        key = f"{slug(framework)}-{level}"
    if level in ("working", "other") and name:
        key += "-" + topic_slug(name, partner_slug)
    return ID[f"series/{key}"]


FILLER = {"meeting", "meetings", "of", "the", "asean", "session", "and", "plus", "with", "on"}


def topic_slug(name: str, partner_slug: str = "") -> str:
    """What a working group or forum is about: 'Second Meeting of the ASEAN-Japan Working Group on
    Cybersecurity' -> 'working-group-on-cybersecurity' (ordinals, 'Meeting of the', parties dropped)."""
    words = slug(strip_ordinal(name), 24).split("-")
    drop = FILLER | set(partner_slug.split("-"))
    while words and words[0] in drop:
        words = words[1:]
    return "-".join(words[:8]) or "unnamed"


ORDINAL_RE = re.compile(
    r"\b(\d+(st|nd|rd|th)|first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|"
    r"eleventh|twelfth|inaugural|[a-z]+teenth|[a-z]+tieth|[a-z]+ty-[a-z]+(st|nd|rd|th))\b",
    re.I,
)


def strip_ordinal(name: str) -> str:
    return re.sub(r"\s+", " ", ORDINAL_RE.sub("", name)).strip()


def meeting(
    series_iri: URIRef, edition: int | None = None, start: str | None = None, fallback: str | None = None
) -> URIRef:
    base = str(series_iri).replace(str(ID["series/"]), "")
    if edition:
        return ID[f"meeting/{base}/{edition}"]
    if start:
        return ID[f"meeting/{base}/{start}"]
    return ID[f"meeting/{base}/x-{short_hash(fallback or '')}"]


def person(name: str, suffix: str | None = None) -> URIRef:
    key = slug(name)
    return ID[f"person/{key}-{suffix.lower()}" if suffix else f"person/{key}"]


def instrument(name: str) -> URIRef:
    return ID[f"instrument/{slug(name, 16)}"]


def release_graph(key: str) -> URIRef:
    return GRAPH[f"release/{key}"]


def staging_graph() -> URIRef:
    """A fresh graph to write a large graph into in parts before one MOVE puts it in place."""
    import uuid

    return STAGING[uuid.uuid4().hex]


def release(key: str) -> URIRef:
    return ID[f"release/{key}"]


def disagreement(subject, predicate) -> URIRef:
    """disagreement/<hash of subject and property>: one node per subject and single-valued
    property that sources give several values of (graph/disagreements)."""
    return ID[f"disagreement/{short_hash(f'{subject} {predicate}')}"]


def release_key(url: str | None, sha256: str) -> str:
    """A release is keyed by its url when it has one (a new version replaces the old graph),
    by its bytes otherwise."""
    return short_hash(url, 20) if url else sha256[:20]


DATE_TYPES = {4: XSD.gYear, 7: XSD.gYearMonth, 10: XSD.date}


@lru_cache(maxsize=65536)
def date_literal(value: str) -> Literal:
    """A date keeps its precision: YYYY -> xsd:gYear, YYYY-MM -> xsd:gYearMonth, else xsd:date."""
    value = value.strip()
    dtype = DATE_TYPES.get(len(value))
    if dtype is None or not re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", value):
        raise ValueError(f"not a date of year, month or day precision: {value!r}")
    return Literal(value, datatype=dtype)


# --- nodes of a release's statements -------------------------------------------------------------


def local(iri) -> str:
    """The last path segment of an IRI (a person's or an instrument's slug)."""
    return str(iri).rsplit("/", 1)[-1]


def evidence(release_iri, start: int, end: int) -> URIRef:
    """A span of a release's body: release/<key>/span/<start>-<end>."""
    return URIRef(f"{release_iri}/span/{start}-{end}")


def load_activity(release_iri) -> URIRef:
    return URIRef(f"{release_iri}/load")


def place(city: str | None, country: str | None) -> URIRef:
    return ID[f"place/{slug(city or 'country')}-{(country or 'xx').lower()}"]


def area_discussion(meeting_iri, area_code: str) -> URIRef:
    """meeting/.../area/<area id>: derived from the meeting's IRI (renamed with it)."""
    return URIRef(f"{meeting_iri}/area/{area_code}")


def attendance(meeting_iri, person_iri) -> URIRef:
    """meeting/.../attendance/<person slug>: derived from both (renamed with either)."""
    return URIRef(f"{meeting_iri}/attendance/{local(person_iri)}")


def instrument_action(meeting_iri, instrument_iri) -> URIRef:
    return URIRef(f"{meeting_iri}/instrument/{local(instrument_iri)}")


def partnership_event(partner: str, status: str, event: str, tail: str) -> URIRef:
    """partnership-event/<partner>/<status>/<event>/<date, or undated/r-<release key>-<n>>."""
    return ID[f"partnership-event/{partner}/{status}/{event}/{tail}"]


# --- nodes of the reference data -----------------------------------------------------------------


def partnership(partner: str, status: str, start: str) -> URIRef:
    return ID[f"partnership/{partner}/{status}/{start}"]


def accession(member_iri, date: str) -> URIRef:
    return URIRef(f"{member_iri}/accession/{date}")


def framework_membership(framework: str, member: str, joined: str | None) -> URIRef:
    return ID[f"framework-membership/{slug(framework)}/{member}/{joined or 'unknown'}"]


def coordinatorship(partner: str, coordinator: str, start: str) -> URIRef:
    return ID[f"coordinatorship/{partner}/{slug(coordinator)}/{start}"]


def wikidata_entity(qid: str) -> URIRef:
    return WD[qid]


def mapping(node_iri) -> URIRef:
    """The sourced link of a node to a Wikidata entity: mapping/wikidata/<node slug>."""
    return ID[f"mapping/wikidata/{local(node_iri)}"]


def named_series(series_iri, name: str) -> URIRef:
    """A second series of one partner at one level (two committees) is told by its name."""
    return URIRef(f"{series_iri}-{slug(name, 8)}")
