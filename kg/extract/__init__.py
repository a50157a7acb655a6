"""Stage 2, extract: a release -> one extraction record (schema: kg/data/extraction.schema.json).

Rule-based and offline: gazetteers in kg/data/gazetteer, the area vocabulary from the
ontology's reference data. Every fact carries the body offsets of the sentence stating it.
"""
from __future__ import annotations

import datetime as dt
import re

from ..read import Release
from .gazetteer import gazetteer
from .meetings import Meeting, classify, find_encounters, find_named, group_mentions
from .people import find_people
from .text import MONTH_RE, find_dates, parse_date, sentences
from .topics import areas_in, instruments_in, partnership_events, pillars_named

BOILERPLATE = re.compile(r"^(?:[-•–—]\s*)?(?:ABOUT ASEAN|About ASEAN|Stay updated|Also read|Read more|Related|Tags?:|"
                         r"Share this|Follow us|Subscribe|For more information|Media contact|\*\*\*|—\s*$)")
VIRTUAL = re.compile(r"video[\s-]?conferenc\w*|video[\s-]?link|virtual(?:ly)?\b|\bonline\b|via video|"
                     r"teleconferenc\w*|webinar|video call", re.I)
HYBRID = re.compile(r"\bhybrid\b", re.I)
SECRETARIAT_VENUE = re.compile(r"\bat the ASEAN Secretariat\b|\bASEAN Secretariat in Jakarta\b|\bASEAN Headquarters\b", re.I)
DATELINE = re.compile(rf"^\s*(?P<city>[A-Z][A-Za-z.' -]{{1,40}}?(?:,\s*[A-Z]\.[A-Z]\.)?)\s*(?:\([^)]*\))?\s*,\s*(?P<date>(?:\d{{1,2}}\s+{MONTH_RE}|{MONTH_RE}\s+\d{{1,2}})(?:,?\s+\d{{4}})?)"
                      r"\s*(?:\([^)]*\))?\s*(?:[-–—:]|\(|$)")
DATE_LINE = re.compile(r"^\s*(?:date|published|posted|dated)\s*:?\s*(\d{4}-\d{2}-\d{2})\b", re.I)


def dateline(body: str, year: int | None = None) -> tuple[str | None, str | None]:
    """(city, date) of a 'CITY, 26 January 2021 -' dateline opening the body or its first lines."""
    for line in [l for l in body.splitlines() if l.strip()][:6]:
        m = DATELINE.match(line)
        if m:
            ds = find_dates(m.group("date"), default_year=year)
            return m.group("city").strip(), (ds[0].value if ds and len(ds[0].value) == 10 else None)
    return None, None


DATE_PREFIX = re.compile(r"\s*(?:(?:posted|published|updated|released|issued|dated?)\s*(?:at|on)?\s*:?\s*)?", re.I)


def published_date(header: dict, body: str) -> tuple[str | None, str | None]:
    """(release date YYYY-MM-DD or None, dateline city or None). In order: a `date` header,
    then the first of the opening lines that is a date line ('24 Feb 2020', 'Posted at Dec 21
    2012 10:42 AM', 'date 2021-01-27 ...') or a dateline ('JAKARTA, 26 January 2021 -')."""
    city, _ = dateline(body)
    for key in ("date", "published", "pubdate"):
        v = (header.get(key) or "").strip()
        d = find_dates(v) if v else []
        if d and len(d[0].value) == 10:
            return d[0].value, city
    for line in [l for l in body.splitlines() if l.strip()][:6]:
        dm = DATE_LINE.match(line)
        if dm and parse_date(dm.group(1)):
            return dm.group(1), city
        m = DATELINE.match(line)
        if m:
            ds = find_dates(m.group("date"))
            if ds and len(ds[0].value) == 10:
                return ds[0].value, city
        ds = find_dates(line)
        if ds and len(ds[0].value) == 10 and DATE_PREFIX.fullmatch(line[:ds[0].start]) \
                and (len(line.strip()) <= 60 or re.match(r"\s*[-–—|(]", line[ds[0].end:])):
            return ds[0].value, city
    return None, city


def _context_year(header, body, published) -> int | None:
    if published:
        return int(published[:4])
    m = DATELINE.match(body.lstrip()[:300])
    for text in ([m.group("date")] if m else []) + [header.get("date", ""), header.get("title", ""), body[:600]]:
        y = re.search(r"\b(19[89]\d|20[0-4]\d)\b", text or "")
        if y:
            return int(y.group(1))
    return None


def _span(s) -> dict:
    return {"start": s.start, "end": s.end}


def extract(release: Release) -> dict:
    body, header = release.body, release.header
    sents = sentences(body)
    cut = next((s.index for s in sents if BOILERPLATE.match(s.text)), len(sents))
    sents = sents[:cut]
    published, dateline_city = published_date(header, body)
    year = _context_year(header, body, published)
    # relative dates ('today', 'on Thursday') count from the dateline when there is one
    anchor = parse_date(dateline(body, year)[1]) or parse_date(published)
    named = find_named(body, sents)
    mentions = named + find_encounters(body, sents, named)
    mentions = [m for m in mentions if m.sentence < len(sents)]
    meetings = group_mentions(sorted(mentions, key=lambda m: m.start))
    classify(meetings, sents, header.get("title"), anchor)
    owner = _assign_sentences(meetings, sents)
    records = [r for r in (_meeting_record(mt, meetings, owner, sents, body, anchor, year, dateline_city)
                           for mt in meetings) if r is not None]
    main_partner = next((r["partners"][0] for r in records if r["status"] == "reported" and len(r["partners"]) == 1), None)
    if main_partner is None:
        main_partner = next((r["partners"][0] for r in records if len(r["partners"]) == 1), None)
    return {
        "document": {"sha256": release.sha256, "url": header.get("url"), "publisher": header.get("publisher"),
                     "title": header.get("title"), "published": published},
        "meetings": records,
        "partnership_events": partnership_events(sents, main_partner, anchor, {
            i: r["start"] for mt, r in zip([m for m in meetings if m.status == "reported"], [r for r in records if r["status"] == "reported"])
            for i, owner_mt in owner.items() if owner_mt is mt and r.get("start")}),
    }


def _assign_sentences(meetings: list[Meeting], sents) -> dict[int, Meeting]:
    """Each sentence speaks for one reported meeting: the one it names, else the latest
    reported meeting named before it, else the release's first reported meeting."""
    reported = [m for m in meetings if m.status == "reported"]
    owner: dict[int, Meeting] = {}
    if not reported:
        return owner
    by_sentence = {}
    for mt in reported:
        for x in mt.mentions:
            by_sentence.setdefault(x.sentence, mt)
    current = reported[0]
    for s in sents:
        current = by_sentence.get(s.index, current)
        owner[s.index] = current
    return owner


def _meeting_record(mt: Meeting, meetings, owner, sents, body, anchor, year, dateline_city) -> dict:
    g = gazetteer()
    first = mt.first
    named = [x for x in mt.mentions if x.name]
    name = max(named, key=lambda x: (x.edition is not None, len(x.name)), default=None)
    edition = next((x.edition for x in mt.mentions if x.edition), None)
    acronym = next((x.acronym for x in mt.mentions if x.acronym), None)
    reported = mt.status == "reported"
    own = sorted({s for s, m in owner.items() if m is mt}) if reported else []
    mention_sents = sorted({x.sentence for x in mt.mentions})
    scope = own or mention_sents
    text_of = {s.index: s for s in sents}
    partners = list(dict.fromkeys(p for x in mt.mentions for p in x.partners))
    if first.framework in ("ARF", "EAS", "ADMM-Plus", "APT"):
        partners = _listed_partners([text_of[i].text for i in mention_sents])
    start, end = _dates(mt, mention_sents, text_of, anchor, year, reported, sents)
    scope_text = " ".join(text_of[i].text for i in scope if i in text_of)
    mention_text = " ".join(text_of[i].text for i in mention_sents)
    lead_text = " ".join(s.text for s in sents[:2])
    modality = None
    probe = mention_text + " " + (lead_text if reported and first.sentence <= 2 else "")
    if HYBRID.search(probe):
        modality = "hybrid"
    elif VIRTUAL.search(probe):
        modality = "virtual"
    elif reported:
        modality = "in-person"
    location = None
    if reported and modality != "virtual":
        location = _location(mention_text + " " + lead_text, dateline_city)
    attendees = []
    if reported:
        people = find_people(body, [text_of[i] for i in scope if i in text_of], set(mention_sents))
        for p in people:
            if p.country is None and p.org is None and first.framework == "ASEAN+1" and len(partners) == 1 \
                    and "ASEAN" not in (p.post or ""):
                # a partner's official is often named without a country ('Premier Li Keqiang');
                # ASEAN's side is nearly always qualified ('Thai Prime Minister ...')
                p.country = partners[0]
            attendees.append({"name": p.name, "country": p.country, "org": p.org, "post": p.post,
                              "role": p.role, "evidence": {"start": p.evidence[0], "end": p.evidence[1]}})
    areas, area_evidence, pillars = [], {}, set()
    instruments = []
    meeting_names = {x.name for m in meetings for x in m.mentions if x.name}
    for i in (scope if reported else []):
        s = text_of.get(i)
        if s is None:
            continue
        blocked = [(x.start - s.start, x.end - s.start) for m2 in meetings for x in m2.mentions
                   if x.sentence == s.index and x.kind == "named"]
        for area_id, _, _ in areas_in(s.text, blocked):
            if first.framework == "ADMM-Plus" and area_id == "disaster-management":
                area_id = "military-hadr"  # the ADMM-Plus works on military HADR
            if area_id not in area_evidence:
                areas.append(area_id)
                area_evidence[area_id] = _span(s)
        pillars |= pillars_named(s.text)
        for ins in instruments_in(s.text, meeting_names):
            if all(ins["name"].lower() != x["name"].lower() for x in instruments):
                instruments.append({"name": ins["name"], "kind": ins["kind"], "action": ins["action"],
                                    "evidence": _span(s)})
    for a in areas:
        pillars |= set(g.area_pillars.get(a, []))
    ev = text_of.get(first.sentence)
    if reported and first.level == "other" and first.kind == "named" and \
            not any(a["country"] in partners for a in attendees):
        # a business or think-tank forum is not a meeting with the partner unless its officials attend
        return None
    return {
        "status": mt.status, "name": name.name if name else None, "acronym": acronym,
        "level": first.level, "framework": first.framework, "partners": partners, "edition": edition,
        "start": start, "end": end, "modality": modality, "location": location, "attendees": attendees,
        "areas": areas, "pillars": sorted(pillars), "instruments": instruments,
        "evidence": _span(ev) if ev else None, "area_evidence": area_evidence,
    }


def _listed_partners(texts) -> list[str]:
    g = gazetteer()
    for t in texts:
        codes = [g.code(m.group(0)) for m in g.partner_name_re.finditer(t)]
        codes = [c for c in dict.fromkeys(codes) if c and not g.is_member(c) and c not in ("UN",)]
        if len(codes) >= 3:
            return codes
    return []


def _dates(mt, mention_sents, text_of, anchor, year, reported, sents):
    """Start and end from the meeting's own sentences: the nearest date after a mention, day
    precision first; the release's main meeting falls back to its lead and the release date."""
    best = None
    for x in mt.mentions:
        s = text_of.get(x.sentence)
        if s is None:
            continue
        rel = x.start - s.start
        for d in find_dates(s.text, anchor, year):
            if re.search(r"\bdate\s*:?\s*$", s.text[max(0, d.start - 8):d.start], re.I):
                continue  # a scraped 'date 2021-01-27' line is the release's date, not the meeting's
            after = d.start >= rel
            rank = (x.edition is None, len(d.value) != 10, d.relative and len(d.value) != 10, not after,
                    abs(d.start - rel), x.sentence)
            if best is None or rank < best[0]:
                best = (rank, d)
    if (best is None or len(best[1].value) != 10) and reported and mt.main:
        extra = [text_of.get(i + 1) for i in mention_sents]
        if mt.first.sentence <= 3:
            extra += sents[:3]
        for s in extra:
            if s is None:
                continue
            ds = [d for d in find_dates(s.text, anchor, year) if len(d.value) == 10]
            if ds and (best is None or ds[0].value.startswith(best[1].value)):
                best = ((0,), ds[0])
                break
        if (best is None or len(best[1].value) != 10) and anchor and mt.first.sentence <= 3:
            if best is None or anchor.isoformat().startswith(best[1].value):
                return anchor.isoformat(), anchor.isoformat()
    if best is None:
        return None, None
    d = best[1]
    end = d.end_value or (d.value if len(d.value) == 10 else None)
    return d.value, end


def _location(text: str, dateline_city: str | None) -> dict | None:
    g = gazetteer()
    if SECRETARIAT_VENUE.search(text):
        return {"city": "Jakarta", "country": "ID"}
    for m in g.city_re.finditer(text):
        before = text[max(0, m.start() - 25):m.start()].lower()
        if re.search(r"\b(in|at|held in|venue|hosted in)\s+(?:the\s+)?(?:city of\s+)?$", before):
            display, country = g.cities[m.group(0).lower()]
            return {"city": display, "country": country}
    if dateline_city:
        hit = g.cities.get(dateline_city.lower()) or g.cities.get(dateline_city.title().lower())
        if hit:
            return {"city": hit[0], "country": hit[1]}
    for m in re.finditer(r"\bin\s+(?:the\s+)?([A-Z][\w' -]+)", text):
        code = g.code(m.group(1).strip())
        if code and code not in ("EU", "UN"):
            return {"city": None, "country": code}
    return None
