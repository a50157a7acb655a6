"""Text utilities for extraction: sentences with offsets, ordinals, and dates in their many forms."""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

MONTHS = {m: i for i, m in enumerate(
    ["january", "february", "march", "april", "may", "june", "july", "august", "september",
     "october", "november", "december"], 1)}
MONTHS.update({k[:3]: v for k, v in list(MONTHS.items())})
MONTHS["sept"] = 9
MONTH_RE = r"(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?"
WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]

ORDINAL_WORDS = {w: i for i, w in enumerate(
    ["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth",
     "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth", "seventeenth",
     "eighteenth", "nineteenth"], 1)}
ORDINAL_WORDS["inaugural"] = 1
TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
TENS_ORD = {"twentieth": 20, "thirtieth": 30, "fortieth": 40, "fiftieth": 50, "sixtieth": 60}
ORDINAL_RE = (r"(?:\d{1,3}\s?(?:st|nd|rd|th|d)\b|(?:twenty|thirty|forty|fifty|sixty)[\s-](?:first|second|third|"
              r"fourth|fifth|sixth|seventh|eighth|ninth)|twentieth|thirtieth|fortieth|fiftieth|sixtieth|"
              r"inaugural|first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|"
              r"thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth)")


def ordinal_value(text: str) -> int | None:
    t = text.lower().strip()
    m = re.match(r"(\d{1,3})", t)
    if m:
        v = int(m.group(1))
        return v if v > 0 else None
    if t in ORDINAL_WORDS:
        return ORDINAL_WORDS[t]
    if t in TENS_ORD:
        return TENS_ORD[t]
    parts = re.split(r"[\s-]+", t)
    if len(parts) == 2 and parts[0] in TENS and parts[1] in ORDINAL_WORDS:
        return TENS[parts[0]] + ORDINAL_WORDS[parts[1]]
    return None


@dataclass
class Sentence:
    start: int
    end: int
    text: str
    index: int


ABBREV = re.compile(r"(?:\b(?:H\.E|Mr|Ms|Mrs|Dr|Prof|St|No|Jr|Sr|Gen|Col|Lt|Amb|Hon|Inc|Co|Ltd|Dept|Jan|Feb|Mar|Apr|"
                    r"Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|vs|etc|e\.g|i\.e|U\.S|D\.C|U\.K|U\.N|U\.S\.A)\.|\b[A-Z]\.)$")


def sentences(body: str) -> list[Sentence]:
    """Split on sentence-final punctuation followed by a capital or a quote, and on newlines;
    never after titles, initials and abbreviations such as 'Mr.', 'V.', 'U.S.'."""
    out, start = [], 0
    n = len(body)
    i = 0
    cuts = []
    while i < n:
        c = body[i]
        if c == "\n":
            cuts.append((i, i + 1))
        elif c in ".!?;" and c != ";" and i + 1 < n and body[i + 1] in " \t\"'”’)":
            j = i + 1
            while j < n and body[j] in "\"'”’)":
                j += 1
            k = j
            while k < n and body[k] in " \t":
                k += 1
            if k >= n or body[k].isupper() or body[k].isdigit() or body[k] in "\"“‘(\n-–—•":
                if not ABBREV.search(body[max(0, i - 12):i + 1]):
                    cuts.append((j, k))
        i += 1
    for cut_end, next_start in cuts:
        seg = body[start:cut_end]
        _append(out, body, start, cut_end)
        start = next_start
    _append(out, body, start, n)
    for idx, s in enumerate(out):
        s.index = idx
    return out


def _append(out, body, a, b):
    while a < b and body[a].isspace():
        a += 1
    while b > a and body[b - 1].isspace():
        b -= 1
    if b > a:
        out.append(Sentence(a, b, body[a:b], 0))


# --- dates ----------------------------------------------------------------------------

@dataclass
class DateMention:
    start: int          # offsets within the text searched
    end: int
    value: str          # YYYY, YYYY-MM or YYYY-MM-DD
    end_value: str | None = None
    relative: bool = False


def _ymd(y, m, d=None) -> str | None:
    try:
        if d:
            return dt.date(int(y), int(m), int(d)).isoformat()
        if m:
            return f"{int(y):04d}-{int(m):02d}"
        return f"{int(y):04d}"
    except ValueError:
        return None


DAY = r"(\d{1,2})(?:st|nd|rd|th)?"
PATTERNS = [
    # 26-27 January 2021 / 26 and 27 Jan 2021 / 26 January 2021 / 26 Jan (year from context)
    ("dmy", re.compile(rf"\b{DAY}(?:\s*(?:-|–|—|to|and|&)\s*{DAY})?\s+({MONTH_RE})(?:,?\s+(\d{{4}}))?\b", re.I)),
    # January 26-27, 2021 / January 26, 2021 / Jan 26
    ("mdy", re.compile(rf"\b({MONTH_RE})\s+{DAY}(?:\s*(?:-|–|—|to|and|&)\s*{DAY})?(?:,?\s+(\d{{4}}))?\b", re.I)),
    ("iso", re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")),
    # 1-7-2020, 01/07/2020 (day first, as ASEAN writes)
    ("numeric", re.compile(r"\b(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})\b")),
    # (in) November 2019
    ("my", re.compile(rf"\b({MONTH_RE})\s+(\d{{4}})\b", re.I)),
]
RELATIVE_RE = re.compile(r"\b(today|yesterday|tomorrow|(?:on\s+)?(?:last\s+|this\s+|next\s+)?"
                         r"(monday|tuesday|wednesday|thursday|friday|saturday|sunday)|"
                         r"(last|next|this)\s+(month|year|week)|(last|next|this)\s+(" + MONTH_RE + r"))\b", re.I)


def find_dates(text: str, anchor: dt.date | None = None, default_year: int | None = None) -> list[DateMention]:
    """All dates in `text`. Day-month without a year takes `default_year` (or the anchor's);
    'today', weekdays, 'last November' resolve against `anchor` (the release's own date)."""
    found: list[DateMention] = []
    taken: list[tuple[int, int]] = []

    def free(a, b):
        return all(b <= x or a >= y for x, y in taken)

    year_ctx = default_year or (anchor.year if anchor else None)
    for kind, rx in PATTERNS:
        for m in rx.finditer(text):
            if not free(m.start(), m.end()):
                continue
            v = ev = None
            if kind in ("dmy", "mdy"):
                # day(s) and month in either order; the year may come from the context
                d1, d2, mon, y = (m.group(1), m.group(2), m.group(3), m.group(4)) if kind == "dmy" else \
                    (m.group(2), m.group(3), m.group(1), m.group(4))
                y = y or year_ctx
                if y is None or int(d1) > 31:
                    continue
                mo = MONTHS[mon.lower().rstrip(".")]
                v, ev = _ymd(y, mo, d1), (_ymd(y, mo, d2) if d2 else None)
            elif kind == "iso":
                v = _ymd(m.group(1), m.group(2), m.group(3))
            elif kind == "numeric":
                v = _ymd(m.group(3), m.group(2), m.group(1))
            elif kind == "my":
                v = _ymd(m.group(2), MONTHS[m.group(1).lower().rstrip(".")])
            if v:
                found.append(DateMention(m.start(), m.end(), v, ev))
                taken.append((m.start(), m.end()))
    if anchor:
        for m in RELATIVE_RE.finditer(text):
            if not free(m.start(), m.end()):
                continue
            v = resolve_relative(m, anchor)
            if v:
                found.append(DateMention(m.start(), m.end(), v, None, True))
                taken.append((m.start(), m.end()))
    return sorted(found, key=lambda d: d.start)


def resolve_relative(m: re.Match, anchor: dt.date) -> str | None:
    word = m.group(0).lower()
    if word == "today":
        return anchor.isoformat()
    if word == "yesterday":
        return (anchor - dt.timedelta(days=1)).isoformat()
    if word == "tomorrow":
        return (anchor + dt.timedelta(days=1)).isoformat()
    if m.group(2):  # a weekday: the most recent one on or before the anchor, unless 'next'
        target = WEEKDAYS.index(m.group(2).lower())
        delta = (anchor.weekday() - target) % 7
        if "next" in word:
            return (anchor + dt.timedelta(days=(target - anchor.weekday()) % 7 or 7)).isoformat()
        return (anchor - dt.timedelta(days=delta)).isoformat()
    if m.group(3):
        rel, unit = m.group(3).lower(), m.group(4).lower()
        if unit == "month":
            mo = anchor.month + {"last": -1, "next": 1, "this": 0}[rel]
            y = anchor.year + (mo - 1) // 12
            return f"{y:04d}-{(mo - 1) % 12 + 1:02d}"
        if unit == "year":
            return f"{anchor.year + {'last': -1, 'next': 1, 'this': 0}[rel]:04d}"
        return None
    if m.group(5):
        rel, mo = m.group(5).lower(), MONTHS[m.group(6).lower().rstrip(".")]
        y = anchor.year
        if rel == "last" and mo >= anchor.month:
            y -= 1
        if rel == "next" and mo <= anchor.month:
            y += 1
        return f"{y:04d}-{mo:02d}"
    return None


def parse_date(value: str | None) -> dt.date | None:
    if not value or len(value) != 10:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        return None
