"""Dates in releases: every written form of a day, a month or a year, relative words resolved
against the release's own date, and the release's own date (its date line or dateline).

Years are bounded to 1900-2099: a press release about ASEAN's partners is never dated outside
them, and a bound keeps `datetime` from overflowing on hostile input ('1 January 0001').
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

MONTHS = {
    m: i
    for i, m in enumerate(
        [
            "january",
            "february",
            "march",
            "april",
            "may",
            "june",
            "july",
            "august",
            "september",
            "october",
            "november",
            "december",
        ],
        1,
    )
}
MONTHS.update({k[:3]: v for k, v in list(MONTHS.items())})
MONTHS["sept"] = 9
MONTH_RE = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December|"
    r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?"
)
WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
WEEKDAY_RE = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"

# a year may have a clock time glued to it ('29 March 201714:04': the page printed no space)
YEAR = r"((?:19|20)\d{2})(?:(?=\d{1,2}:\d{2})|\b)"
DAY = r"(\d{1,2})(?:st|nd|rd|th)?"
RANGE = r"\s*(?:-|–|—|to|and|&)\s*"


@dataclass
class DateMention:
    start: int  # offsets within the text searched
    end: int
    value: str  # YYYY, YYYY-MM or YYYY-MM-DD
    end_value: str | None = None
    relative: bool = False  # 'today', 'on Monday', 'last November'
    stated_year: bool = True  # False when the year came from the context

    @property
    def precise(self) -> bool:
        return len(self.value) == 10


def ymd(y, m=None, d=None) -> str | None:
    """ISO form of a real calendar date (or month, or year), None for an impossible one."""
    try:
        y = int(y)
        if not 1900 <= y <= 2099:
            return None
        if d:
            return dt.date(y, int(m), int(d)).isoformat()
        if m:
            return f"{y:04d}-{int(m):02d}" if 1 <= int(m) <= 12 else None
        return f"{y:04d}"
    except (ValueError, OverflowError):
        return None


def month_number(word: str) -> int:
    return MONTHS[word.lower().rstrip(".")]


def _day_month(m: re.Match, year_ctx: int | None, day_first: bool):
    d1, d2, mon, y = (
        (m.group(1), m.group(2), m.group(3), m.group(4))
        if day_first
        else (m.group(2), m.group(3), m.group(1), m.group(4))
    )
    stated = y is not None
    y = y or year_ctx
    if y is None:
        return None
    mo = month_number(mon)
    value = ymd(y, mo, d1)
    end = ymd(y, mo, d2) if d2 else None
    return (value, end, stated) if value else None


def _month_word(m: re.Match, kind: str) -> str:
    return m.group(3) if kind == "dmy" else m.group(1)


def _numeric(m: re.Match, year_ctx):
    """1-7-2020 and 02/07/2015 are day first (as ASEAN and the EU write); 07/15/2025 can
    only be month first; 2020/07/01 is year first."""
    a, b, c = m.group(1), m.group(2), m.group(3)
    if len(a) == 4:
        return ymd(a, b, c), None, True
    day, month = (a, b) if int(b) <= 12 else (b, a)
    return ymd(c, month, day), None, True


PATTERNS = [
    # 26-27 January 2021 / 26 and 27 Jan 2021 / 26 January 2021 / 26 Jan (year from context)
    ("dmy", re.compile(rf"\b{DAY}(?:{RANGE}{DAY})?\s+(?:of\s+)?({MONTH_RE})(?:,?\s+{YEAR})?", re.I)),
    # January 26-27, 2021 / January 26, 2021 / Jan 26
    ("mdy", re.compile(rf"\b({MONTH_RE})\s+{DAY}(?:{RANGE}{DAY})?\b(?:,?\s+{YEAR})?", re.I)),
    ("iso", re.compile(r"\b((?:19|20)\d{2})-(\d{2})-(\d{2})(?:(?=\d{1,2}:\d{2})|\b)")),
    ("numeric", re.compile(r"\b((?:19|20)\d{2}|\d{1,2})[-/.](\d{1,2})[-/.]((?:19|20)\d{2}|\d{1,2})\b")),
    # (in) November 2019
    ("my", re.compile(rf"\b({MONTH_RE})\s+{YEAR}", re.I)),
]
RELATIVE_RE = re.compile(
    rf"\b(today|yesterday|tomorrow|this (?:morning|afternoon|evening)|(?:on\s+)?(?:last\s+|this\s+|next\s+)?"
    rf"(monday|tuesday|wednesday|thursday|friday|saturday|sunday)|"
    rf"(last|next|this)\s+(month|year|week)|(last|next|this|earlier this|later this)\s+({MONTH_RE}))\b",
    re.I,
)


def find_dates(text: str, anchor: dt.date | None = None, default_year: int | None = None) -> list[DateMention]:
    """All dates in `text`. A day and month without a year take `default_year` (or the
    anchor's); 'today', weekdays and 'last November' resolve against `anchor` (the release's
    own date). Without either, a year-less date is not a date we can state."""
    found: list[DateMention] = []
    taken: list[tuple[int, int]] = []

    def free(a, b):
        return all(b <= x or a >= y for x, y in taken)

    year_ctx = default_year or (anchor.year if anchor else None)
    for kind, rx in PATTERNS:
        for m in rx.finditer(text):
            if not free(m.start(), m.end()):
                continue
            if kind in ("dmy", "mdy", "my") and not _month_word(m, kind)[:1].isupper():
                continue  # 'may' the verb and 'march' the noun are not months
            if kind in ("dmy", "mdy"):
                got = _day_month(m, year_ctx, kind == "dmy")
            elif kind == "iso":
                got = (ymd(m.group(1), m.group(2), m.group(3)), None, True)
            elif kind == "numeric":
                if len(m.group(1)) != 4 and len(m.group(3)) != 4:
                    continue
                got = _numeric(m, year_ctx)
            else:
                got = (ymd(m.group(2), month_number(m.group(1))), None, True)
            if got and got[0]:
                found.append(DateMention(m.start(), m.end(), got[0], got[1], False, got[2]))
            if got or kind in ("dmy", "mdy"):
                taken.append((m.start(), m.end()))  # '31 February 2021' is no date, not even 'February 2021'
    if anchor:
        for m in RELATIVE_RE.finditer(text):
            if not free(m.start(), m.end()):
                continue
            v = resolve_relative(m, anchor, text[max(0, m.start() - 40) : m.start()])
            if v:
                found.append(DateMention(m.start(), m.end(), v, None, True, False))
                taken.append((m.start(), m.end()))
    return sorted(found, key=lambda d: d.start)


FUTURE_BEFORE = re.compile(r"\b(?:will|shall|to be|is to|are to|scheduled|set to|due to)\b[^.;]*$", re.I)


def resolve_relative(m: re.Match, anchor: dt.date, before: str = "") -> str | None:
    """A relative date against the release's date. A bare weekday is the most recent such
    day on or before the release (news reports what happened), unless 'next' or a future
    verb ('will be held on Friday') points forward."""
    word = m.group(0).lower()
    if word == "today" or (word.startswith("this ") and word.split()[1] in ("morning", "afternoon", "evening")):
        return anchor.isoformat()
    if word == "yesterday":
        return (anchor - dt.timedelta(days=1)).isoformat()
    if word == "tomorrow":
        return (anchor + dt.timedelta(days=1)).isoformat()
    if m.group(2):
        target = WEEKDAYS.index(m.group(2).lower())
        if "next" in word or FUTURE_BEFORE.search(before):
            return (anchor + dt.timedelta(days=(target - anchor.weekday()) % 7 or 7)).isoformat()
        return (anchor - dt.timedelta(days=(anchor.weekday() - target) % 7)).isoformat()
    if m.group(3):
        rel, unit = m.group(3).lower(), m.group(4).lower()
        shift = {"last": -1, "next": 1, "this": 0}[rel]
        if unit == "month":
            mo = anchor.month + shift
            return ymd(anchor.year + (mo - 1) // 12, (mo - 1) % 12 + 1)
        if unit == "year":
            return ymd(anchor.year + shift)
        return None
    if m.group(5):
        rel, mo = m.group(5).lower(), month_number(m.group(6))
        y = anchor.year
        if rel == "last" and mo >= anchor.month:
            y -= 1
        if rel == "next" and mo <= anchor.month:
            y += 1
        return ymd(y, mo)
    return None


def parse_date(value: str | None) -> dt.date | None:
    if not value or len(value) != 10:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        return None


# --- the release's own date ----------------------------------------------------------------


@dataclass
class ReleaseDate:
    published: str | None = None  # YYYY-MM-DD
    dateline_city: str | None = None  # 'JAKARTA' of 'JAKARTA, 26 January 2021 -'
    dateline: str | None = None  # the dateline's date, its year taken from `published` if missing

    @property
    def anchor(self) -> dt.date | None:
        """What 'today' and 'on Monday' count from: the dateline (where the news was
        written), else the release date."""
        return parse_date(self.dateline) or parse_date(self.published)


LEAD_LINES = 8
DATE_PREFIX = re.compile(
    r"^\s*[(\[]?\s*(?:\[?date\]?|posted|published|updated|released|issued|dated|last updated)"
    r"(?:\s+(?:at|on))?\s*:?\s*",
    re.I,
)
CLOCK = re.compile(r"^\s*,?\s*(?:\d{1,2}:\d{2}(?::\d{2})?\s*(?i:[ap]\.?m\.?)?(?:\s*\(?[A-Z]{2,5}\)?(?![A-Za-z]))?)?")
DATELINE_RE = re.compile(
    rf"^\s*(?P<city>[A-Z][A-Za-z.'’ -]{{1,40}}?(?:,\s*[A-Z][A-Za-z.' ]{{1,30}}?)?)\s*(?:\[[^\]]{{1,30}}\]|\([^)]{{1,30}}\))?\s*,\s*"
    rf"(?P<date>(?:{DAY}\s+{MONTH_RE}|{MONTH_RE}\s+{DAY})(?:,?\s+{YEAR})?|\d{{1,2}}[/.-]\d{{1,2}}[/.-](?:19|20)\d{{2}})"
    r"\s*(?:\([^)]{0,40}\))?\s*(?:[-–—:|(,]|$)"
)


def header_date(header: dict) -> str | None:
    """Rule: a `date` (or `published`) header line gives the release date."""
    for key in ("date", "published", "pubdate"):
        value = (header.get(key) or "").strip()
        dates = find_dates(value) if value else []
        if dates and dates[0].precise and dates[0].stated_year:
            return dates[0].value
    return None


def date_line(line: str) -> str | None:
    found = date_line_rest(line)
    return found[0] if found else None


def date_line_rest(line: str) -> tuple[str, str] | None:
    """Rule: a line that is a date ('24 Feb 2020', 'Posted at Mar 3 2015 09:17 AM',
    '[Date] November 14, 2018', 'date 2021-01-27 <title>', '2020/07/01', '(1-7-2020, Nay Pyi Taw)',
    '29 March 201714:04'): the date opens the line after an optional prefix, and what follows
    it is a clock time, a separator or little else."""
    prefix = DATE_PREFIX.match(line)
    rest = line[prefix.end() :] if prefix else line.lstrip(" (")
    dates = find_dates(rest[:40])
    if not dates or dates[0].start > 0 or not dates[0].precise or not dates[0].stated_year:
        return None
    after = rest[dates[0].end :]
    after = after[CLOCK.match(after).end() :]
    labelled = prefix is not None and prefix.group(0).strip(" ([").lower().startswith(("date", "[date"))
    if labelled or not after.strip() or re.match(r"\s*[-–—|•(),;]", after) or len(after.strip()) <= 25:
        return dates[0].value, after.strip(" -–—|•,;")
    return None


def dateline(line: str, year: int | None = None) -> tuple[str, str | None] | None:
    """Rule: 'JAKARTA, 26 January 2021 –', 'Jakarta, 5 July 2023 (TDI):', 'SHENZHEN, May 25
    (Xinhua) --', 'Bruxelles, 02/07/2015 - 00:00': (city, date or None when the date has no
    year and none is known)."""
    m = DATELINE_RE.match(line)
    if not m:
        return None
    dates = find_dates(m.group("date"), default_year=year)
    city = m.group("city").strip()
    if re.search(r"\d", city) or len(city.split()) > 5:
        return None
    return city, (dates[0].value if dates and dates[0].precise else None)


def release_date(header: dict, body: str) -> ReleaseDate:
    """The release's own date, from (in order) a date header, then the first of the opening
    lines that is a date line or a dateline; the dateline's city and date are kept apart,
    since relative dates count from the dateline."""
    out = ReleaseDate(published=header_date(header))
    lines = [line for line in body.splitlines() if line.strip()][:LEAD_LINES]
    for line in lines:
        if out.published is None:
            dated = date_line_rest(line)
            if dated:
                out.published, line = dated  # 'date 2021-03-09 Colombo [Sri Lanka], March 9 (XYZ): ...'
        found = dateline(line, int(out.published[:4]) if out.published else None)
        if found and found[1] is None:
            # 'MELBOURNE, March 4 (Bernama) - The 2024 ... Summit is commencing today': without a
            # release date, a year stated in the dateline's own sentence is the dateline's year
            year = re.search(
                r"\b((?:19|20)\d{2})\b",
                re.split(r"(?<=[a-z])\.\s", line, maxsplit=1)[0][DATELINE_RE.match(line).end() :],
            )
            if year:
                found = dateline(line, int(year.group(1)))
        if found:
            out.dateline_city, out.dateline = found
            out.published = out.published or found[1]
            break
    return out


def context_year(release: ReleaseDate) -> int | None:
    """The year a day-and-month without a year belongs to: the release's own. Never a year
    merely mentioned somewhere in the text (it may be any other year)."""
    d = release.anchor
    return d.year if d else None
