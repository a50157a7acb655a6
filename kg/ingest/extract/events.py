"""Changes of a partner's standing with ASEAN that a release reports (partnership events):
'elevated ... to a strategic partnership', 'became a dialogue partner in 1977', 'applied for
sectoral dialogue partner status'. Status phrases live in kg/data/gazetteer/statuses.tsv, event
cues in kg/data/cues/event_*.txt."""

from __future__ import annotations

import re
from functools import cache

from .cues import cue
from .dates import find_dates
from .gazetteer import _rows
from .meetings import parties_named

EVENTS = ("agreed", "upgraded", "established", "proposed")  # cue file suffix, in order of precedence
EVENT_CODE = {
    "agreed": "agreed-to-establish",
    "upgraded": "upgraded-to",
    "established": "established",
    "proposed": "proposed",
}
BEFORE, AFTER = 80, 40  # how far a cue may stand from the status it governs
PROPOSAL_OBJECT = re.compile(
    r"\s*(?:(?:for|to|a|an|the|its|their|become|be|being|granted|given|accorded|status|of|as|"
    r"full|formal|membership|ASEAN['’]?s?)\s+)*",
    re.I,
)
YEAR_IN = re.compile(r"\b(?:in|since)\s+((?:19|20)\d{2})\b")


@cache
def status_patterns() -> list[tuple[re.Pattern, str, bool]]:
    return [(re.compile(r[0], re.I), r[1], len(r) > 2 and r[2] == "weak") for r in _rows("statuses.tsv")]


def status_phrases(text: str) -> list[tuple[int, int, str, bool]]:
    """(start, end, status, weak) of each status phrase, longest phrases first claiming their words."""
    taken, out = [], []
    for rx, status, weak in status_patterns():
        for m in rx.finditer(text):
            if any(m.start() < y and m.end() > x for x, y in taken):
                continue
            taken.append((m.start(), m.end()))
            out.append((m.start(), m.end(), status, weak))
    return sorted(out)


def governing_event(text: str, a: int, b: int) -> str | None:
    """Rule: the event cue nearest the status phrase in its clause (before it within 80 characters,
    after it within 40); a wish or offer before the cue ('desire to elevate', 'willingness to work
    towards') makes it a proposal; an agreement to establish wins over a bare verb."""
    clause_start = max(text.rfind(";", 0, a), 0)
    best = None
    for kind in EVENTS:
        for m in cue(f"event_{kind}").finditer(text):
            if m.end() <= a and a - m.end() <= BEFORE and m.start() >= clause_start:
                if kind == "proposed" and not PROPOSAL_OBJECT.fullmatch(text[m.end() : a]):
                    continue  # 'desire to strengthen their strategic partnership': an existing status
                dist = a - m.end()
            elif m.start() >= b and m.start() - b <= AFTER and ";" not in text[b : m.start()]:
                dist = (m.start() - b) * 2
            else:
                continue
            rank = (kind != "agreed", dist)
            if best is None or rank < best[0]:
                best = (rank, kind, m)
    if best is None:
        return None
    kind, m = best[1], best[2]
    if kind in ("upgraded", "established") and cue("event_proposed").search(
        text[max(clause_start, m.start() - 60) : m.start()]
    ):
        kind = "proposed"
    return EVENT_CODE[kind]


def clause_around(text: str, a: int, b: int) -> str:
    start = max(text.rfind(",", 0, a), text.rfind(";", 0, a), 0)
    ends = [i for i in (text.find(",", b), text.find(";", b)) if i >= 0]
    return text[start : min(ends) if ends else len(text)]


def event_date(clause: str, anchor, fallback: str | None) -> str | None:
    """Rule: the date in the status phrase's own clause ('in December 1995', 'since 1977'), else
    the date of the meeting the sentence reports on."""
    dates = find_dates(clause, anchor)
    if dates:
        return dates[0].value
    year = YEAR_IN.search(clause)
    return year.group(1) if year else fallback


def partnership_events(sents, main_partner: str | None, anchor, meeting_dates: dict | None = None) -> list[dict]:
    """Status changes the sentences report: each status phrase with the event cue governing it,
    the partner named in the sentence (else the release's partner) and the nearest date. A
    bilateral relation ('upgrading bilateral strategic partnership') is not ASEAN's."""
    meeting_dates = meeting_dates or {}
    out, seen = [], set()
    for s in sents:
        t = s.text
        phrases = status_phrases(t)
        for a, b, status, weak in phrases:
            if weak and any(
                (not w and x < len(t) and clause_around(t, a, b) == clause_around(t, x, y))
                or (not w and abs(x - b) < 60)
                for x, y, _, w in phrases
            ):
                continue  # 'relations that began as a sectoral dialogue partnership back in 1992'

            event = governing_event(t, a, b)
            if event is None:
                continue
            clause = clause_around(t, a, b)
            if re.search(r"\bbilateral\b", t[max(0, a - 60) : b], re.I):
                continue
            date = event_date(clause, anchor, None)
            if weak and (event != "established" or date is None):
                continue
            partners = parties_named(t)
            partner = (
                partners[0]
                if len(partners) == 1
                else (main_partner if main_partner in partners or not partners else None)
            )
            if not partner:
                continue
            key = (partner, status, event)
            if key in seen:
                continue
            seen.add(key)
            out.append(
                {
                    "partner": partner,
                    "status": status,
                    "event": event,
                    "date": date or meeting_dates.get(s.index),
                    "evidence": {"start": s.start, "end": s.end},
                }
            )
    return out
