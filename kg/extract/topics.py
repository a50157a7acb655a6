"""What a meeting was about: cooperation areas and pillars, instruments and what was done with
them, and changes of a partner's standing (partnership events)."""
from __future__ import annotations

import re
from functools import lru_cache

from .gazetteer import _rows, gazetteer, term_tokens
from .dates import find_dates

PILLAR_WORDS = [
    (re.compile(r"political[- ]security|political and security|political, security|political-security", re.I), "APSC"),
    (re.compile(r"socio[- ]cultural", re.I), "ASCC"),
    (re.compile(r"\beconomic (?:pillar|community|cooperation)|\beconomy\b", re.I), "AEC"),
]


@lru_cache(maxsize=1)
def _area_exclusions():
    out: dict = {}
    for area_id, rx in _rows("area_exclude.tsv"):
        out.setdefault(area_id, []).append(re.compile(rx, re.I))
    return out


def areas_in(text: str, blocked: list[tuple[int, int]] = ()) -> list[tuple[str, int, int]]:
    """(area id, start, end) for the vocabulary terms in `text`: at each word the longest term
    wins ('free trade agreement' is fta, not trade); a coordinated term ('trade and investment')
    still lets the areas it joins be found inside it; ambiguous uses listed in area_exclude.tsv
    are skipped, and so is anything inside a `blocked` span (meeting names)."""
    g = gazetteer()
    low = term_tokens(text)
    exact = term_tokens(text, lower=False)
    lw = [t for t, _, _ in low]
    ex = [t for t, _, _ in exact]
    found = []
    i, n = 0, len(low)
    covered_until = 0
    lengths = g.area_lengths
    while i < n:
        hit = None
        for k in sorted(set(lengths.get(lw[i], ())) | set(lengths.get(ex[i], ())), reverse=True):
            if i + k > n:
                continue
            area = g.area_terms.get(tuple(lw[i:i + k])) or g.area_acronyms.get(tuple(ex[i:i + k]))
            if area:
                hit = (area, low[i][1], low[i + k - 1][2], k)
                break
        if hit and low[i][1] >= covered_until:
            found.append(hit[:3])
            span_text = text[hit[1]:hit[2]]
            if not re.search(r"\band\b|,", span_text):
                covered_until = hit[2]
        i += 1
    exclusions = _area_exclusions()
    excluded: dict = {}
    out = []
    for area_id, a, b in found:
        if any(a < y and b > x for x, y in blocked):
            continue
        if area_id in exclusions:
            if area_id not in excluded:
                excluded[area_id] = [(x.start(), x.end()) for ex in exclusions[area_id] for x in ex.finditer(text)]
            if any(x <= a and b <= y for x, y in excluded[area_id]):
                continue
        out.append((area_id, a, b))
    return out


def pillars_named(text: str) -> set[str]:
    return {p for rx, p in PILLAR_WORDS if rx.search(text)}


# --- instruments ------------------------------------------------------------------------

@lru_cache(maxsize=1)
def _instrument_patterns():
    rows = list(_rows("instrument_kinds.tsv"))
    kinds = [(re.compile(rf"(?:{r[0]})$", re.I), r[1]) for r in rows]
    key_alt = "|".join(f"(?:{r[0]})" for r in rows)
    cap = r"(?:[A-Z][\w'’.+&-]*:?|COVID-19|\d{4}(?:\s*[-–]\s*\d{4})?|\([A-Z][A-Za-z]{1,8}\))"
    word = rf"(?:{cap}|of|for|on|and|the|to|in|&|between|with|:)"
    named = re.compile(rf"(?<![\w-])({cap}(?:[\s-]+{word}){{0,14}}[\s-]+(?:{key_alt}))(?![\w-])")
    generic = re.compile(rf"(?<![\w-])((?:(?:new|draft|successive|successor|next|current|first|second|third|five-year|comprehensive|joint)\s+)*"
                         rf"(?:\d{{4}}\s*[-–]\s*\d{{4}}\s+)?(?:plan of action|action plan|work plan|POA|PoA))(?![\w-])", re.I)
    first = r"(?:[A-Z][\w'’.+&-]*|COVID-19)"
    tail = re.compile(rf"^\s+(?:of|on|by|for|between|to implement|to promote)\s+(?:the\s+)?{first}(?:[\s-]+{word})*")
    period = re.compile(rf"^{PERIOD}")
    actions = [(re.compile(r[0], re.I), r[1]) for r in _rows("actions.tsv")]
    ends_in_key = re.compile(rf"(?:{key_alt})$")
    return kinds, named, generic, tail, period, actions, ends_in_key


YEARS = r"\d{4}\s*[-–]\s*\d{4}"
PERIOD = (rf"(?:\s*\(\s*{YEARS}\s*\)|\s+(?:for\s+(?:the\s+)?(?:period\s+(?:of\s+)?)?|during\s+|of\s+)?{YEARS}(?:\s+period)?"
          rf"|\s+for\s+the\s+{YEARS}\s+period)")
PERIOD_LOOK = r"\s*\(\s*\d{4}|\s+(?:for|during|of)\s+(?:the\s+)?(?:period\s+)?\d{4}"

NOT_INSTRUMENTS = re.compile(r"^(?:the\s+)?(?:ASEAN\s+Member\s+States|Partnership|Strategic\s+Partnership|Dialogue\s+Partnership|"
                             r"Comprehensive\s+Strategic\s+Partnership|Foreign\s+Ministers|.*\bMinistry\b.*|.*\bParty\b.*|"
                             r"Council|Centre|Center|Initiative|Program|Programme|Framework|Statement|Declaration|"
                             r"Agreement|Joint\s+Statement|Joint\s+Declaration|Policy|Strategy|Concept|House|Platform|"
                             r"ASEAN\s+Centre|ASEAN\s+Center|UN\s+Security\s+Council|.*\bConvention\b.*Law.*|Media\s+Cent(?:er|re))$", re.I)
RELATION_ONLY = re.compile(r"(?:Comprehensive\s+)?Strategic\s+Partnership$|Dialogue\s+Partnership$|"
                           r"(?:Enhanced|Comprehensive|Sectoral)\s+Partnership$|Partnership\s+for\s+[A-Z]", re.I)


def instrument_kind(name: str) -> str:
    kinds = _instrument_patterns()[0]
    core = re.sub(rf"{PERIOD}$", "", name)
    for candidate in (core, re.split(r"\s+(?:of|on|by|for|in|between|to)\s+", core)[0]):
        for rx, kind in kinds:
            if rx.search(candidate):
                return kind
    return "other"


def action_in(sentence: str, at: int) -> str:
    """The action cue nearest the instrument within its sentence (before it preferred)."""
    actions = _instrument_patterns()[5]
    best = None
    for order, (rx, action) in enumerate(actions):
        for m in rx.finditer(sentence):
            dist = at - m.end() if m.end() <= at else (m.start() - at) * 1.5
            cand = (max(dist, 0), order, action)
            if best is None or cand < best:
                best = cand
    if best is None or best[0] > 220:
        return "mentioned"
    return best[2]


def instruments_in(text: str, meeting_names: set[str]) -> list[dict]:
    """Named instruments in one sentence: {name, kind, action, start, end} (offsets in `text`).
    A name is a capitalised phrase ending in an instrument word ('... Plan of Action', '... Fund'),
    extended by a qualifier ('on Defence Cooperation', 'to implement the ...') and a period
    ('(2016-2020)', 'for the period of 2021-2025'); or a plan of action named by its period."""
    _, named, generic, tail, period, _, ends_in_key = _instrument_patterns()
    g = gazetteer()
    out, taken = [], []
    spans = []
    for rx in (named, generic):
        for m in rx.finditer(text):
            a, b = m.start(1), m.end(1)
            t = tail.match(text[b:])
            if t:
                ext = re.sub(r"(?:[\s-]+(?:of|for|on|and|the|to|in|&|between|with|:|\d{4}(?:\s*[-–]\s*\d{4})?))+$", "", t.group(0))
                b += len(ext)
            p = period.match(text[b:])
            if p:
                b += p.end()
            name = text[a:b].strip().rstrip(".,;:")
            lead = re.match(r"(?:(?:The|the|This|That|Under|Through|Both|Its|Their|Our|As|At|In|On|With|And|A|An)\s+)+", name)
            if lead:
                a += lead.end()
                name = name[lead.end():]
            # 'ASEAN Centrality and ASEAN Outlook on the Indo-Pacific': keep the part naming the instrument
            split = re.search(r"\s+and\s+(?=(?:the\s+)?ASEAN\b|the\s+[A-Z])", name)
            if split and rx is named and not ends_in_key.search(name[:split.start()]):
                a += split.end()
                name = name[split.end():]
            # 'X Centre and (to) the Y Fund': two instruments joined by 'and'
            parts = [(a, name)]
            for j in re.finditer(r"\s+and\s+(?:to\s+)?(?:the\s+)?", name):
                left, right = name[:j.start()], name[j.end():]
                if rx is named and ends_in_key.search(left) and right[:1].isupper():
                    parts = [(a, left), (a + j.end(), right)]
                    break
            if rx is generic and not (p or re.search(r"\d{4}", name) or re.match(r"(?:new|draft|successive|successor|next|current|first|second|third|five-year)\b", name, re.I)):
                continue
            if any(not (b <= x or a >= y) for x, y in taken):
                continue
            for pa, pname in parts:
                if len(pname) < 4 or NOT_INSTRUMENTS.match(pname) or RELATION_ONLY.search(pname):
                    continue
                if any(pname.lower() in mn.lower() for mn in meeting_names if mn):
                    continue
                if g.code(pname) or re.fullmatch(r"[A-Z]{2,6}", pname):
                    continue
                taken.append((pa, pa + len(pname)))
                out.append({"name": re.sub(r"\s+", " ", pname), "kind": instrument_kind(pname),
                            "action": action_in(text, pa), "start": pa, "end": pa + len(pname)})
    return out
