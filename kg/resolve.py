"""Stage 3, resolve: facts of a record -> stable IRIs, reusing the nodes the store already has.

- a meeting is one node when the series and edition agree, or the series and start day;
- a person is one node when name and party agree ('Igor V. Morgulov', 'Igor Morgulov' and
  'DFM Morgulov' of Russia are one);
- countries and partners resolve to the reference graph's nodes.
Without a store (`aseankg extract --format turtle`) the same rules mint IRIs from the record alone.
"""
from __future__ import annotations

import re
import unicodedata

from rdflib import URIRef

from . import mint
from .queries import run_named
from .reference import actor, partner_slug

TITLE_WORDS = {"h", "e", "he", "mr", "ms", "mrs", "dr", "prof", "amb", "ambassador", "dato", "datuk", "u", "daw",
               "dfm", "fm", "pm", "sg", "dsg", "minister", "deputy", "president", "premier", "sir", "hon"}


def name_tokens(name: str) -> list[str]:
    s = unicodedata.normalize("NFKD", name)
    s = "".join(c for c in s if not unicodedata.combining(c)).lower()
    return [t for t in re.findall(r"[a-z0-9]+(?:-[a-z0-9]+)*", s) if t not in TITLE_WORDS]


def name_key(name: str) -> tuple[str, str] | None:
    """First and last name, middle names and initials dropped: 'Igor V. Morgulov' -> (igor, morgulov)."""
    toks = [t for t in name_tokens(name) if len(t) > 1]
    if len(toks) >= 2:
        return toks[0], toks[-1]
    return None


def series_for(meeting: dict) -> URIRef:
    framework, level = meeting["framework"], meeting["level"]
    if framework == "ASEAN+1":
        partners = meeting.get("partners") or []
        pslug = partner_slug(partners[0]) if partners else "unknown"
        return mint.series(pslug, level, framework, meeting.get("name"))
    return mint.series("", level, framework, meeting.get("name"))


class Resolver:
    """Resolves against the store (when given) and remembers what this run minted."""

    def __init__(self, store=None):
        self.store = store
        self.people: dict[URIRef, dict] = {}      # iri -> {"names": set, "party": iri|None}
        self.by_key: dict[tuple, set] = {}        # (first, last) -> person IRIs
        self.by_surname: dict[str, set] = {}      # last name -> person IRIs
        self.meetings: dict[tuple, URIRef] = {}
        if store is not None:
            for row in run_named(store, "persons").dicts():
                self._remember(row["person"], str(row["name"]), row["party"])

    def _remember(self, iri: URIRef, name: str, party) -> None:
        entry = self.people.setdefault(iri, {"names": set(), "party": party})
        entry["names"].add(name)
        entry["party"] = entry["party"] or party
        key = name_key(name)
        if key:
            self.by_key.setdefault(key, set()).add(iri)
            self.by_surname.setdefault(key[1], set()).add(iri)

    # --- meetings ---------------------------------------------------------------------
    def meeting(self, meeting: dict, fallback: str) -> URIRef:
        series = series_for(meeting)
        edition, start = meeting.get("edition"), meeting.get("start")
        day = start if start and len(start) == 10 else None
        for key in ((series, "e", edition), (series, "d", day)):
            if key[2] and key in self.meetings:
                return self.meetings[key]
        found = None
        if self.store is not None:
            if edition:
                rows = run_named(self.store, "meeting-by-edition", {"series": str(series), "edition": str(edition)})
                found = rows.rows[0][0] if rows.rows else None
            if found is None and day:
                rows = run_named(self.store, "meeting-by-date", {"series": str(series), "start": day})
                found = rows.rows[0][0] if rows.rows else None
        iri = found or mint.meeting(series, edition, day or start, fallback)
        if edition:
            self.meetings[(series, "e", edition)] = iri
        if day:
            self.meetings[(series, "d", day)] = iri
        return iri

    # --- people -------------------------------------------------------------------------
    def person(self, name: str, party: URIRef | None) -> URIRef:
        key = name_key(name)
        toks = name_tokens(name)
        if key is not None:
            pool = self.by_key.get(key, set())
        else:  # 'DFM Morgulov': a surname alone, if it points to one person
            pool = self.by_surname.get(toks[-1], set()) if toks else set()
        candidates = [iri for iri in pool
                      if party is None or self.people[iri]["party"] is None or self.people[iri]["party"] == party]
        if key is None and len(candidates) > 1:
            candidates = []
        if candidates:
            iri = sorted(candidates)[0]
            self._remember(iri, name, party)
            return iri
        base = " ".join(key) if key else name
        iri = mint.person(base)
        if iri in self.people and self.people[iri]["party"] not in (None, party):
            code = str(party).rsplit("/", 1)[-1] if party is not None else "x"
            iri = mint.person(base, code)
        self._remember(iri, name, party)
        return iri

    @staticmethod
    def party(country: str | None, org: str | None) -> URIRef | None:
        if country:
            return actor(country)
        if org:
            return mint.ASEAN_SECRETARIAT if org.upper() == "ASEAN" else actor(org.upper())
        return None


def person_by_name(store, value: str) -> URIRef:
    """A person given by IRI or by any written variant of the name."""
    if re.match(r"^https?://", value):
        return URIRef(value)
    r = Resolver(store)
    key, toks = name_key(value), name_tokens(value)
    hits = sorted({iri for iri, e in r.people.items()
                   if any(name_key(n) == key or (key is None and name_tokens(n)[-1:] == toks[-1:]) for n in e["names"])})
    if not hits:
        raise LookupError(f"no person named {value!r} in the store")
    if len(hits) > 1:
        raise LookupError(f"{value!r} names {len(hits)} people; give an IRI: " + ", ".join(hits[:5]))
    return hits[0]
