"""Checking an extraction record before anything is written: the JSON Schema, then what a
schema cannot say (real calendar dates, spans inside the text and in order, names that are
not blank, codes the vocabularies know, IRIs that are IRIs, sizes a press release can have).

`problems(record, body_length)` lists every problem, one line each, with where it is.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from functools import cache

from ..model.vocab import area_codes, codes, pillar_codes
from ..resources import data

FIRST_YEAR = 1967  # ASEAN's founding: no release speaks of a meeting before
MAX_NAME = 300
MAX_TEXT = 2000
IRI = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:[^\s<>\"{}|\\^`]+$")
DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


@cache
def schema() -> dict:
    return json.loads((data() / "extraction.schema.json").read_text(encoding="utf-8"))


@cache
def party_codes() -> frozenset[str]:
    from ..model.parties import parties
    from ..model.reference import member_codes, partner_names

    return frozenset(parties()) | frozenset(partner_names()) | member_codes() | {"ASEAN"}


def date_problem(value, where: str) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str) or not DATE.match(value):
        return f"{where}: {value!r} is not a date (YYYY, YYYY-MM or YYYY-MM-DD)"
    y, m, d = (value.split("-") + [None, None])[:3]
    last_year = dt.date.today().year + 1
    if not FIRST_YEAR <= int(y) <= last_year:
        return f"{where}: year {y} is outside {FIRST_YEAR}..{last_year}"
    try:
        dt.date(int(y), int(m or 1), int(d or 1))
    except ValueError:
        return f"{where}: {value} is not a calendar date"
    return None


def text_problem(value, where: str, *, required: bool = False, limit: int = MAX_TEXT, least: int = 1) -> str | None:
    if value is None:
        return f"{where}: missing" if required else None
    if not isinstance(value, str):
        return f"{where}: not text"
    if len(value.strip()) < least:
        return f"{where}: blank" if not value.strip() else f"{where}: shorter than {least} characters"
    if len(value) > limit:
        return f"{where}: {len(value)} characters, more than the {limit} allowed"
    return None


def code_problem(value, allowed, where: str, what: str, nullable: bool = True) -> str | None:
    if value is None and nullable:
        return None
    if value not in allowed:
        return f"{where}: {value!r} is not a {what} code"
    return None


def span_problem(span, where: str, body_length: int | None) -> str | None:
    if span is None:
        return None
    a, b = span.get("start"), span.get("end")
    if not isinstance(a, int) or not isinstance(b, int) or isinstance(a, bool) or isinstance(b, bool):
        return f"{where}: offsets must be integers"
    if a < 0 or b <= a:
        return f"{where}: the span {a}-{b} is empty or reversed"
    if body_length is not None and b > body_length:
        return f"{where}: the span {a}-{b} lies past the text ({body_length} characters)"
    return None


def schema_problems(record) -> list[str]:
    import jsonschema

    validator = jsonschema.Draft202012Validator(schema())
    out = []
    for e in sorted(validator.iter_errors(record), key=lambda e: list(e.absolute_path))[:20]:
        where = "/".join(str(p) for p in e.absolute_path) or "record"
        out.append(f"{where}: {e.message[:200]}")
    return out


def problems(record, body_length: int | None = None) -> list[str]:
    """Every problem of a record; empty when it may be written."""
    if not isinstance(record, dict):
        return ["record: the top level is not a JSON object"]
    found = schema_problems(record)
    if found:
        return found
    doc = record.get("document") or {}
    found += [
        p
        for p in (
            text_problem(doc.get("url"), "document/url", limit=MAX_TEXT),
            None
            if doc.get("url") is None or IRI.match(doc["url"])
            else f"document/url: {doc['url'][:80]!r} is not an IRI",
            date_problem(doc.get("published"), "document/published"),
            text_problem(doc.get("title"), "document/title"),
            text_problem(doc.get("publisher"), "document/publisher", limit=MAX_NAME),
        )
        if p
    ]
    levels, frameworks, modalities = codes("level"), codes("framework"), codes("modality")
    roles, kinds, actions, statuses = codes("role"), codes("instrument-kind"), codes("action"), codes("meeting-status")
    parties, areas = party_codes(), area_codes()
    for i, m in enumerate(record.get("meetings") or []):
        at = f"meetings/{i}"
        found += [
            p
            for p in (
                code_problem(m.get("status"), statuses, f"{at}/status", "meeting status", nullable=False),
                code_problem(m.get("level"), levels, f"{at}/level", "level", nullable=False),
                code_problem(m.get("framework"), frameworks, f"{at}/framework", "framework", nullable=False),
                code_problem(m.get("modality"), modalities, f"{at}/modality", "modality"),
                text_problem(m.get("name"), f"{at}/name", limit=MAX_NAME),
                text_problem(m.get("acronym"), f"{at}/acronym", limit=40),
                date_problem(m.get("start"), f"{at}/start"),
                date_problem(m.get("end"), f"{at}/end"),
                span_problem(m.get("evidence"), f"{at}/evidence", body_length),
            )
            if p
        ]
        if m.get("start") and m.get("end") and len(m["start"]) == len(m["end"]) == 10 and m["end"] < m["start"]:
            found.append(f"{at}/end: {m['end']} is before the start {m['start']}")
        found += [
            f"{at}/partners/{j}: {c!r} is not a party code"
            for j, c in enumerate(m.get("partners") or [])
            if c not in parties
        ]
        loc = m.get("location") or {}
        found += [
            p
            for p in (
                text_problem(loc.get("city"), f"{at}/location/city", limit=MAX_NAME),
                code_problem(loc.get("country"), parties, f"{at}/location/country", "party"),
            )
            if p
        ]
        for j, a in enumerate(m.get("attendees") or []):
            aat = f"{at}/attendees/{j}"
            found += [
                p
                for p in (
                    text_problem(a.get("name"), f"{aat}/name", required=True, limit=MAX_NAME, least=2),
                    code_problem(a.get("country"), parties, f"{aat}/country", "party"),
                    text_problem(a.get("org"), f"{aat}/org", limit=MAX_NAME),
                    text_problem(a.get("post"), f"{aat}/post", limit=MAX_NAME),
                    code_problem(a.get("role"), roles, f"{aat}/role", "role", nullable=False),
                    span_problem(a.get("evidence"), f"{aat}/evidence", body_length),
                )
                if p
            ]
        found += [
            f"{at}/areas/{j}: {a!r} is not a cooperation area code"
            for j, a in enumerate(m.get("areas") or [])
            if a not in areas
        ]
        found += [
            f"{at}/pillars/{j}: {p!r} is not a pillar ({', '.join(sorted(pillar_codes()))})"
            for j, p in enumerate(m.get("pillars") or [])
            if p not in pillar_codes()
        ]
        for area, span in (m.get("area_evidence") or {}).items():
            found += [
                p
                for p in (
                    code_problem(area, areas, f"{at}/area_evidence", "cooperation area"),
                    span_problem(span, f"{at}/area_evidence/{area}", body_length),
                )
                if p
            ]
        for j, ins in enumerate(m.get("instruments") or []):
            iat = f"{at}/instruments/{j}"
            found += [
                p
                for p in (
                    text_problem(ins.get("name"), f"{iat}/name", required=True, limit=MAX_NAME, least=3),
                    code_problem(ins.get("kind"), kinds, f"{iat}/kind", "instrument kind"),
                    code_problem(ins.get("action"), actions, f"{iat}/action", "action"),
                    span_problem(ins.get("evidence"), f"{iat}/evidence", body_length),
                )
                if p
            ]
    for i, e in enumerate(record.get("partnership_events") or []):
        at = f"partnership_events/{i}"
        found += [
            p
            for p in (
                code_problem(e.get("partner"), parties, f"{at}/partner", "party", nullable=False),
                code_problem(
                    e.get("status"), codes("partnership-status"), f"{at}/status", "partnership status", nullable=False
                ),
                code_problem(
                    e.get("event"), codes("partnership-event"), f"{at}/event", "partnership event", nullable=False
                ),
                date_problem(e.get("date"), f"{at}/date"),
                span_problem(e.get("evidence"), f"{at}/evidence", body_length),
            )
            if p
        ]
    return found
