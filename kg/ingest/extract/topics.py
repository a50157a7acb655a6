"""What a meeting was about: cooperation areas and the Community pillars they belong to."""

from __future__ import annotations

import re
from functools import lru_cache

from .gazetteer import _rows, gazetteer, term_tokens

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
            area = g.area_terms.get(tuple(lw[i : i + k])) or g.area_acronyms.get(tuple(ex[i : i + k]))
            if area:
                hit = (area, low[i][1], low[i + k - 1][2], k)
                break
        if hit and low[i][1] >= covered_until:
            found.append(hit[:3])
            span_text = text[hit[1] : hit[2]]
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
