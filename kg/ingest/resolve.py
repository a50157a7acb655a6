"""Stage 3, resolve: an extraction record -> a resolved record (every meeting, series, person and
party of the record given its IRI), reusing the nodes the store already holds.

Resolution reads the store through one narrow interface (`Lookup`) and never writes; what it
decides to change in the store (a node renamed to its canonical IRI) it returns as data.

Meetings. A meeting is the same node as a known one of the same series (same partner or
framework, same level) when what both sides state agrees: the same edition, or start days at
most one day apart, or the same year and city when one side has no day. Different editions, or
days more than a day apart, are never merged. A merged meeting's IRI is a function of what all
its sources state, never of load order: the edition when any source gives one, else the
earliest day, else the earliest month or year; when a new source improves the key, the node is
renamed (with the nodes derived from it: attendances, area discussions, instrument actions).

People. 'Igor V. Morgulov', 'Igor Morgulov', 'MORGULOV Igor' and 'DFM Morgulov' of one party are
one person: the key is the first and last name tokens, in either order; a surname alone joins
the one person of that party and surname. A person known only by a surname is renamed to the
full name's IRI when the full name arrives.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import islice
from typing import Protocol

from rdflib import URIRef

from .. import mint
from ..model.names import name_key, name_words, surname_of
from ..model.reference import actor, partner_slug

# --- what resolution may ask of the store ----------------------------------------------------


@dataclass
class KnownMeeting:
    iri: URIRef
    editions: set = field(default_factory=set)  # ints
    starts: set = field(default_factory=set)  # ISO strings of any precision
    cities: set = field(default_factory=set)
    ends: set = field(default_factory=set)  # last days of meetings that ran several days

    def span(self) -> tuple | None:
        """First and last day any source gives (a three-day summit is 4-6 March)."""
        days = [d for d in (_day(x) for x in self.starts | self.ends) if d]
        return (min(days), max(days)) if days else None


@dataclass
class KnownPerson:
    iri: URIRef
    names: set = field(default_factory=set)
    party: URIRef | None = None


class Lookup(Protocol):
    """The one window resolution has on the store."""

    def series_meetings(self, series: URIRef) -> Iterable[KnownMeeting]: ...

    def people(self, words: set[str] | None = None) -> Iterable[KnownPerson]:
        """The known persons: all, or (given the words of some names, as kg.model.names.name_words
        gives them) at least every person one of whose names has one of these words."""
        ...


class NoLookup:
    """Resolution from the record alone (`aseankg extract --format turtle`, tests)."""

    def series_meetings(self, series):
        return []

    def people(self, words=None):
        return []


class StoreLookup:
    """Lookup over a store, through the internal questions `series-meetings` and `persons`."""

    def __init__(self, store):
        self.store = store

    def series_meetings(self, series: URIRef) -> list[KnownMeeting]:
        from ..questions import run_named

        found: dict = {}
        for row in run_named(self.store, "series-meetings", {"series": str(series)}).dicts():
            k = found.setdefault(row["meeting"], KnownMeeting(row["meeting"]))
            if row["edition"] is not None:
                k.editions.add(int(row["edition"]))
            if row["start"] is not None:
                k.starts.add(str(row["start"]))
            if row["city"] is not None:
                k.cities.add(str(row["city"]))
            if row["end"] is not None:
                k.ends.add(str(row["end"]))
        return list(found.values())

    def people(self, words: set[str] | None = None) -> list[KnownPerson]:
        from ..model.derived import stale
        from ..namespaces import CURRENT_GRAPH
        from ..questions import find, run_named, specialise

        # graph/current holds every person once when it is fresh; mid-batch (or stale) it may
        # lack some, and the release graphs are asked instead
        fresh = not stale(self.store) and self.store.has_graph(CURRENT_GRAPH)
        found: dict = {}
        if fresh and words is not None:
            # a person's IRI holds, folded, every word its names are compared by (kg/mint.py), so
            # the few persons some names can match are picked by IRI, then their names read
            hit = word_pattern(words)
            picked = [iri for iri in (r[0] for r in run_named(self.store, "person-iris").rows) if mentions(iri, hit)]
            if not picked:
                return []
            text = specialise(find("persons-current").text, {"person"})
            rows = self.store.select(text, [{"person": iri} for iri in picked], dataset="asserted")
        elif fresh:
            rows = run_named(self.store, "persons-current")
        else:
            rows = run_named(self.store, "persons")
        for row in rows.dicts():
            p = found.setdefault(row["person"], KnownPerson(row["person"]))
            p.names.add(str(row["name"]))
            p.party = p.party or row["party"]
        return list(found.values())


def word_pattern(words: set[str]) -> re.Pattern:
    return re.compile("|".join(sorted(re.escape(w.replace("-", "")) for w in words)))


def mentions(person: URIRef, pattern: re.Pattern) -> bool:
    """Whether a person's IRI holds one of the words (word_pattern), hyphens aside: a superset of
    the persons one of whose names has one of the words."""
    return pattern.search(str(person).rsplit("/", 1)[-1].replace("-", "")) is not None


# --- the resolved record ---------------------------------------------------------------------


@dataclass
class Resolved:
    """An extraction record with every node it speaks of named: plain data for assertion."""

    record: dict
    meetings: list[URIRef]  # one per record meeting, in order
    series: list[URIRef]
    people: list[list[URIRef]]  # per meeting, one per attendee
    renames: dict = field(default_factory=dict)  # existing node -> its canonical IRI


def series_for(meeting: dict) -> URIRef:
    framework, level = meeting["framework"], meeting["level"]
    if framework == "ASEAN+1":
        partners = meeting.get("partners") or []
        pslug = partner_slug(partners[0]) if partners else "unknown"
        return mint.series(pslug, level, framework, meeting.get("name"))
    return mint.series("", level, framework, meeting.get("name"))


def party_of(country: str | None, org: str | None) -> URIRef | None:
    if country:
        return actor(country)
    if org:
        return mint.ASEAN_SECRETARIAT if org.upper() == "ASEAN" else actor(org.upper())
    return None


# --- meeting identity -------------------------------------------------------------------------


def _day(value: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value) if value and len(value) == 10 else None
    except ValueError:
        return None


def gap(a: tuple, b: tuple) -> int:
    """Days between two spans of days (0 when they overlap)."""
    return max(0, (b[0] - a[1]).days, (a[0] - b[1]).days)


def same_meeting(
    k: KnownMeeting, edition: int | None, start: str | None, city: str | None, end: str | None = None
) -> int:
    """How strongly a record's meeting matches a known one (0: not the same meeting). Different
    editions, or spans of days more than one day apart, never match."""
    if edition and k.editions and edition not in k.editions:
        return 0
    day = _day(start)
    mine = (day, _day(end) or day) if day else None
    known = k.span()
    if mine and known and gap(mine, known) > 1:
        return 0
    if edition and edition in k.editions:
        return 3
    if mine and known:
        return 2
    year = (start or "")[:4]
    if year and city and city in k.cities and any(s[:4] == year for s in k.starts):
        return 1
    return 0


def settle(renames: dict) -> None:
    """Point every rename at its final IRI ('a -> b', 'b -> c' become 'a -> c', 'b -> c'); a
    node renamed back to itself needs no rename."""
    for old in list(renames):
        new, seen = renames[old], {old}
        while new in renames and new not in seen:
            seen.add(new)
            new = renames[new]
        renames[old] = new
    for old in [o for o, n in renames.items() if o == n]:
        del renames[old]


def canonical_meeting(series: URIRef, editions: set, starts: set, fallback: str) -> URIRef:
    """The IRI of a meeting from everything its sources state, whatever the load order."""
    if editions:
        return mint.meeting(series, min(editions))
    days = sorted(s for s in starts if len(s) == 10)
    if days:
        return mint.meeting(series, start=days[0])
    coarse = sorted(starts)
    if coarse:
        return mint.meeting(series, start=coarse[0])
    return mint.meeting(series, fallback=fallback)


class Resolver:
    """Resolves records against a Lookup and remembers what this run decided."""

    def __init__(self, lookup: Lookup | None = None, few: bool = False):
        """`few`: only a few records will be resolved, so each asks the lookup for the persons
        its own names can match, where a batch reads every known person once, here."""
        self.lookup = lookup or NoLookup()
        self.known: dict[URIRef, list[KnownMeeting]] = {}  # series -> meetings
        self.people: dict[URIRef, KnownPerson] = {}
        self.by_key: dict[tuple, set] = {}
        self.by_surname: dict[str, set] = {}
        # persons known so far by a surname only ("Minister Lavrov"), by word: those a full name of
        # their party takes over (looking through every person sharing a word cost ~0.3 ms a
        # name at 10k generated releases, and grew with them)
        self.by_surname_alone: dict[str, set] = {}
        # IRIs of persons taken over by a full name: never minted again for someone else (the
        # record's renames would send that someone to the full name too)
        self.retired: set[URIRef] = set()
        self.few = few
        if not few:
            self._learn(self.lookup.people())

    def _learn(self, persons) -> None:
        for p in persons:
            for n in p.names:
                self._remember(p.iri, n, p.party)

    # meetings
    def _series(self, series: URIRef) -> list[KnownMeeting]:
        if series not in self.known:
            self.known[series] = list(self.lookup.series_meetings(series))
        return self.known[series]

    def meeting(self, m: dict, fallback: str, renames: dict) -> URIRef:
        series = series_for(m)
        edition, start, end = m.get("edition"), m.get("start"), m.get("end")
        city = (m.get("location") or {}).get("city")
        pool = self._series(series)
        matches = [k for k in pool if same_meeting(k, edition, start, city, end) > 0]
        if (
            len(matches) > 1
            and len(set().union(*(k.editions for k in matches)) | ({edition} if edition else set())) <= 1
        ):
            # this source bridges meetings known apart so far (one by its day, one by its
            # edition; the first and the last day of a summit): each matches it, none has another
            # edition, so they are one meeting, whatever order the sources came in
            k = matches[0]
            for other in matches[1:]:
                k.editions |= other.editions
                k.starts |= other.starts
                k.cities |= other.cities
                k.ends |= other.ends
                renames[other.iri] = k.iri
                pool.remove(other)
        elif len(matches) > 1:
            scored = sorted(((same_meeting(k, edition, start, city, end), k) for k in matches), key=lambda x: -x[0])
            k = scored[0][1] if scored[0][0] > scored[1][0] else None
        else:
            k = matches[0] if matches else None
        if k is None:
            k = KnownMeeting(
                canonical_meeting(series, {edition} if edition else set(), {start} if start else set(), fallback)
            )
            pool.append(k)
        if edition:
            k.editions.add(edition)
        if start:
            k.starts.add(start)
        if end and end != start:
            k.ends.add(end)
        if city:
            k.cities.add(city)
        best = canonical_meeting(series, k.editions, k.starts, fallback) if (k.editions or k.starts) else k.iri
        if best != k.iri:
            renames[k.iri] = best
            k.iri = best
        settle(renames)
        return k.iri

    # people
    def _remember(self, iri: URIRef, name: str, party) -> None:
        entry = self.people.setdefault(iri, KnownPerson(iri, set(), party))
        alone = all(name_key(n) is None for n in entry.names)
        entry.names.add(name)
        entry.party = entry.party or party
        key = name_key(name)
        if key:
            self.by_key.setdefault(key, set()).add(iri)
            if alone:  # known by a surname alone until now
                for n in entry.names:
                    for t in surname_of(n):
                        self.by_surname_alone.get(t, set()).discard(iri)
        for t in surname_of(name):
            self.by_surname.setdefault(t, set()).add(iri)
            if alone and not key:
                self.by_surname_alone.setdefault(t, set()).add(iri)

    def _forget(self, iri: URIRef) -> None:
        entry = self.people.pop(iri, None)
        for n in entry.names if entry else ():
            self.by_key.get(name_key(n), set()).discard(iri)
            for t in surname_of(n):
                self.by_surname.get(t, set()).discard(iri)
                self.by_surname_alone.get(t, set()).discard(iri)

    def person(self, name: str, party: URIRef | None, renames: dict | None = None) -> URIRef:
        key = name_key(name)
        toks = name_words(name)

        def same_party(iri):
            known = self.people[iri].party
            return party is None or known is None or known == party

        if key is not None:
            candidates = sorted((i for i in self.by_key.get(key, set()) if same_party(i)), key=str)
            if candidates:
                self._remember(candidates[0], name, party)
                return candidates[0]
            iri = self._mint(" ".join(key), party)
            # a person known so far by a surname alone, of this party, is this one
            alone = self.by_surname_alone
            for short in sorted(alone.get(key[0], set()) | alone.get(key[1], set()), key=str):
                entry = self.people.get(short)
                if entry and same_party(short) and renames is not None:
                    renames[short] = iri
                    names = entry.names
                    self._forget(short)
                    self.retired.add(short)
                    for n in names:
                        self._remember(iri, n, party)
            self._remember(iri, name, party)
            return iri
        pool = self.by_surname.get(toks[-1], set()) if toks else set()
        candidates = list(islice((i for i in pool if same_party(i)), 2))  # one, or none is taken
        if len(candidates) == 1:
            self._remember(candidates[0], name, party)
            return candidates[0]
        iri = self._mint(name, party)
        self._remember(iri, name, party)
        return iri

    def _mint(self, base: str, party) -> URIRef:
        iri = mint.person(base)
        if iri in self.retired or (iri in self.people and self.people[iri].party not in (None, party)):
            iri = mint.person(base, str(party).rsplit("/", 1)[-1] if party is not None else "x")
        return iri

    # the record
    def resolve(self, record: dict, release_key: str) -> Resolved:
        renames: dict = {}
        if self.few:
            # what the store knows now of the persons these names can match (it may have
            # changed since the last record: this run wrote it)
            words = {
                w for m in record.get("meetings") or [] for a in m.get("attendees") or [] for w in name_words(a["name"])
            }
            if words:
                self._learn(self.lookup.people(words))
        meetings, series, people = [], [], []
        for i, m in enumerate(record.get("meetings") or []):
            meetings.append(self.meeting(m, f"{release_key}/{i}/{m.get('name') or ''}", renames))
            series.append(series_for(m))
            people.append(
                [
                    self.person(a["name"], party_of(a.get("country"), a.get("org")), renames)
                    for a in m.get("attendees") or []
                ]
            )
        # a node renamed later in this record is named by its new IRI everywhere in it
        meetings = [renames.get(m, m) for m in meetings]
        people = [[renames.get(p, p) for p in ps] for ps in people]
        return Resolved(record, meetings, series, people, renames)
