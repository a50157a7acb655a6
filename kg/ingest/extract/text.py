"""Text utilities for extraction: sentences with offsets (and the paragraph each belongs to) and ordinals."""

from __future__ import annotations

import re
from dataclasses import dataclass

ORDINAL_WORDS = {
    w: i
    for i, w in enumerate(
        [
            "first",
            "second",
            "third",
            "fourth",
            "fifth",
            "sixth",
            "seventh",
            "eighth",
            "ninth",
            "tenth",
            "eleventh",
            "twelfth",
            "thirteenth",
            "fourteenth",
            "fifteenth",
            "sixteenth",
            "seventeenth",
            "eighteenth",
            "nineteenth",
        ],
        1,
    )
}
ORDINAL_WORDS["inaugural"] = 1
TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
TENS_ORD = {"twentieth": 20, "thirtieth": 30, "fortieth": 40, "fiftieth": 50, "sixtieth": 60}
ORDINAL_RE = (
    r"(?:\b\d{1,3}\s?(?:st|nd|rd|th|d)\b|(?:twenty|thirty|forty|fifty|sixty)[\s-](?:first|second|third|"
    r"fourth|fifth|sixth|seventh|eighth|ninth)|twentieth|thirtieth|fortieth|fiftieth|sixtieth|"
    r"inaugural|first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|"
    r"thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth)"
)


def numeric_suffix(n: int) -> str:
    if n % 100 in (11, 12, 13):
        return "th"
    return {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")


def ordinal_value(text: str) -> int | None:
    """17th, Seventeenth, twenty-first -> the number; a misprint whose suffix does not fit its
    number ('2st') is no ordinal at all."""
    t = text.lower().strip()
    m = re.match(r"(\d{1,3})\s?(st|nd|rd|th|d)?", t)
    if m:
        v = int(m.group(1))
        suffix = m.group(2)
        if suffix and suffix != "d" and suffix != numeric_suffix(v):
            return None
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
    paragraph: int = 0  # sentences of one paragraph (no blank line or line break between) share it


ABBREV = re.compile(
    r"(?:\b(?:H\.E|Mr|Ms|Mrs|Mme|Mdm|Messrs|Dr|Prof|St|No|Jr|Sr|Gen|Col|Lt|Maj|Capt|Adm|Brig|Gov|Atty|Engr|Rt|"
    r"Amb|Hon|Ma|Md|Mohd|Muhd|Inc|Co|Ltd|Dept|Jan|Feb|Mar|Apr|"
    r"Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|vs|etc|e\.g|i\.e|U\.S|D\.C|U\.K|U\.N|U\.S\.A)\.|\b[A-Z]\.)$"
)


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
            if k >= n or body[k].isupper() or body[k].isdigit() or body[k] in '"“‘(\n-–—•':
                if not ABBREV.search(body[max(0, i - 12) : i + 1]):
                    cuts.append((j, k))
        i += 1
    for cut_end, next_start in cuts:
        _append(out, body, start, cut_end)
        start = next_start
    _append(out, body, start, n)
    paragraph = 0
    for idx, s in enumerate(out):
        if idx and "\n" in body[out[idx - 1].end : s.start]:
            paragraph += 1
        s.index, s.paragraph = idx, paragraph
    return out


MAX_SENTENCE = 2000  # characters; the longest sentence of a real release is under 1,000


def _append(out, body, a, b):
    while a < b and body[a].isspace():
        a += 1
    while b > a and body[b - 1].isspace():
        b -= 1
    # A 'sentence' longer than any prose is cut into pieces at a comma or a space: the rules look
    # at one sentence at a time, so bounding its length bounds their time on hostile text.
    while b - a > MAX_SENTENCE:
        window = body[a : a + MAX_SENTENCE]
        cut = max(window.rfind(", ", MAX_SENTENCE // 2), window.rfind("; ", MAX_SENTENCE // 2))
        cut = cut + 1 if cut > 0 else window.rfind(" ", MAX_SENTENCE // 2)
        cut = cut if cut > 0 else MAX_SENTENCE
        _append(out, body, a, a + cut)
        a += cut
        while a < b and body[a].isspace():
            a += 1
    if b > a:
        out.append(Sentence(a, b, body[a:b], 0))
