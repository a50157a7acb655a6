"""Where and how a meeting took place: modality (virtual, hybrid, in person) and location."""

from __future__ import annotations

import re

from .cues import cue
from .gazetteer import gazetteer

SECRETARIAT_VENUE = re.compile(
    r"\bat\s+the\s+ASEAN\s+Secretariat\b|\bASEAN\s+Secretariat\s+in\s+Jakarta\b|"
    r"\bASEAN\s+Headquarters\b|\bASEAN\s+Hall\b",
    re.I,
)
VENUE_BEFORE = re.compile(
    r"\b(?:in|at|held\s+in|venue|hosted\s+in|opens?\s+in|convened\s+in|gathered\s+in|"
    r"met\s+in|took\s+place\s+in|(?:welcomed|arrived)\b[^.;]{0,60}?\bto)\s+(?:the\s+)?"
    r"(?:(?:city|capital)\s+of\s+)?(?:[A-Z][\w-]+(?:['’]s)?\s+(?:capital,?\s+|city\s+of\s+)?)?$",
    re.I,
)

PHYSICAL = re.compile(r"\bin[- ]person\b|\bphysical(?:ly)?\b|\bface[- ]to[- ]face\b", re.I)
DATELESS_DATELINE = re.compile(
    r"^\s*(?P<city>[A-Z][A-Za-z.'’ ]{1,30}?)\s*(?:\[[^\]]{1,30}\]|\([^)]{1,30}\))?\s*(?:[-–—:]|\(\w+\)\s*[-–—])\s"
)
VISIT_TO = re.compile(r"\b(?:visit|trip|mission)\s+to\s+(?:the\s+)?([A-Z][\w' -]+)")
PARTICIPANT_SITE = re.compile(r"\b(?:joined|attended|participated|took part|connected)\b[^.;]{0,60}\bfrom\b", re.I)


def modality(text: str, venue: dict | None) -> str | None:
    """Rule: hybrid if the text says so; virtual when it names video conferencing or an online
    meeting; in person when a physical venue is given or the text says so; else unknown."""
    if cue("hybrid").search(text):
        return "hybrid"
    virtual = [
        m
        for m in cue("virtual").finditer(text)
        if not re.search(r"\bonline\s+(?:media|news|post)", text[m.start() : m.end() + 8], re.I)
    ]
    if virtual and not PHYSICAL.search(text):
        return "virtual"
    return "in-person" if venue or PHYSICAL.search(text) else None


def city_in(text: str) -> dict | None:
    """Rule: a known city introduced as a venue ('held in Vientiane', 'in the Malaysian capital
    Kuala Lumpur'); the ASEAN Secretariat is in Jakarta."""
    g = gazetteer()
    if SECRETARIAT_VENUE.search(text):
        return {"city": "Jakarta", "country": "ID"}
    for m in g.city_re.finditer(text):
        if VENUE_BEFORE.search(text[max(0, m.start() - 40) : m.start()]) and not PARTICIPANT_SITE.search(
            text[max(0, m.start() - 80) : m.start()]
        ):
            display, country = g.cities[m.group(0).lower()]
            return {"city": display, "country": country}
    return None


def country_venue(text: str) -> dict | None:
    """Rule: a country as the venue without a city ('hosted in India', 'held in Cambodia')."""
    g = gazetteer()
    for rx in (
        re.compile(r"\b(?:held|hosted|convened|took\s+place|met|gathered)\s+in\s+(?:the\s+)?([A-Z][\w' -]+)"),
        VISIT_TO,
    ):
        for m in rx.finditer(text):
            code = _country_prefix(m.group(1))
            if code:
                return {"city": None, "country": code}
    for m in g.party_re.finditer(text):
        if re.match(r"\s+(?:today\s+|yesterday\s+)?hosted\b", text[m.end() : m.end() + 25]):
            code = g.code(m.group(0))
            if code and code not in ("EU", "UN"):
                return {"city": None, "country": code}
    return None


def _country_prefix(words: str) -> str | None:
    """The country a run of capitalised words starts with ('Cambodia on Friday' -> KH)."""
    g = gazetteer()
    toks = words.strip().split()
    for n in range(min(len(toks), 6), 0, -1):
        code = g.code(" ".join(toks[:n]))
        if code and code not in ("EU", "UN"):
            return code
    return None


def dateline_city(body: str, lines: int = 8) -> str | None:
    """Rule: a dateline without a date ('NEW DELHI - ', 'ISLAMABAD: ', 'Hanoi (VNA) -'): a known
    city opening one of the first lines, then a dash or a colon."""
    g = gazetteer()
    for line in [x for x in body.splitlines() if x.strip()][:lines]:
        m = DATELESS_DATELINE.match(line)
        if m and g.cities.get(m.group("city").strip().lower()):
            return m.group("city").strip()
    return None


def dateline_place(dateline_city: str | None) -> dict | None:
    g = gazetteer()
    if not dateline_city:
        return None
    hit = g.cities.get(dateline_city.lower()) or g.cities.get(dateline_city.split(",")[0].strip().lower())
    return {"city": hit[0], "country": hit[1]} if hit else None


def location(meeting_text: str, lead_text: str, dateline_city: str | None) -> dict | None:
    """Where a reported meeting took place: a venue in the meeting's own sentences, else in its
    core sentences; else the dateline's city (a release is written where the meeting is, and
    'here', 'in the national capital', 'at the ... Centre' say so outright) unless a venue
    country elsewhere contradicts it; else a venue country ('hosted in India', 'a working visit
    to the UK')."""
    found = city_in(meeting_text) or city_in(lead_text)
    if found:
        return found
    country = country_venue(meeting_text) or country_venue(lead_text)
    found = dateline_place(dateline_city)
    if found and (not country or country["country"] == found["country"]):
        return found
    return country
