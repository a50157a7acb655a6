"""Instruments a meeting adopted, signed, launched, extended or discussed: named documents,
funds and mechanisms, and what was done with them.

Token-based, so every rule runs in time linear in the sentence (no regex backtracking over
chains of capitalised words). Kind words live in kg/data/gazetteer/instrument_kinds.tsv,
action cues in kg/data/gazetteer/actions.tsv. The rules:

- `tail_named`     capitalised words ending in a kind word: 'ASEAN-Russia Comprehensive Plan of
                   Action', 'COVID-19 ASEAN Response Fund', 'ASEAN-Korea Centre'
- `head_named`     a kind word opening the name: 'Treaty of Amity and Cooperation in Southeast
                   Asia', 'Declaration on the Conduct of Parties in a named sea'
- `generic_plans`  an unnamed plan by its period: 'the new Plan of Action for 2021-2025'
- `described`      a document described in lower case by the verb acting on it: 'adopted a
                   statement on fighting cross-border crime'
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import cache, lru_cache

from .gazetteer import _rows, gazetteer

TOKEN = re.compile(
    r"[^\W_](?:[\w'’.&+]*[^\W_])?(?:-[^\W_](?:[\w'’.&+]*[^\W_])?)*(?:(?<=s)['’](?!\w))?|\(\s*[A-Za-z]{2,10}\s*\)|\S"
)
YEARS = re.compile(r"^(?:19|20)\d{2}(?:\s*[-–]\s*(?:19|20)?\d{2})?$")
CONNECT = {"of", "for", "on", "and", "the", "to", "in", "&", "between", "with", "by"}
LEADING_STOP = {
    "the",
    "and",
    "of",
    "for",
    "on",
    "to",
    "in",
    "&",
    "with",
    "by",
    "between",
    "a",
    "an",
    "this",
    "that",
    "its",
    "their",
    "our",
    "under",
    "through",
    "both",
    "as",
    "at",
    "new",
}
PERIOD = re.compile(
    r"^(?:\s*\([A-Z]{2,8}\))?(?:\s*\(\s*(?:19|20)\d{2}\s*[-–]\s*(?:19|20)?\d{2}\s*\)|\s+(?:for\s+(?:the\s+)?(?:period\s+(?:of\s+)?)?|"
    r"during\s+|of\s+|from\s+)?(?:19|20)\d{2}\s*[-–]\s*(?:19|20)?\d{2}(?:\s+period)?|"
    r"\s+(?:to|until)\s+(?:19|20)\d{2})"
)
QUALIFIER = re.compile(r"^\s+(?:of|on|by|for|between|to\s+implement|to\s+promote|to\s+commemorate|in)\s+", re.I)
INSTITUTION = re.compile(
    r"\b(?:Institute|University|College|School|Museum|Hotel|Hall|Ministry|Department|Office|"
    r"Agency|Secretariat|Embassy|Mission|Party|Parliament|Studies|Database|Security\s+Council|"
    r"Media\s+Cent(?:er|re))\b"
)
GENERIC_WORDS = {
    "shared",
    "common",
    "joint",
    "new",
    "comprehensive",
    "strategic",
    "enhanced",
    "special",
    "regional",
    "global",
    "future",
    "overall",
    "the",
    "our",
    "their",
    "its",
    "this",
    "that",
    "a",
    "an",
}
MEETING_WORDS = re.compile(r"\b(?:Summit|Meeting|Conference|Consultation|Dialogue|Forum)\b")
RELATION_ONLY = re.compile(
    r"^(?:[\w.’'-]+\s+){0,2}(?:(?:Comprehensive|Strategic|Enhanced|Sectoral|Development|Dialogue)\s+)*"
    r"Partnership(?:\s*\([^)]*\))?$"
)
CHAIR_STATEMENT = re.compile(
    r"\bChair(?:man|person)?['’]?s?['’]?\s+(?:Statement|Summary)|\bCo-?Chairs['’]?\s+(?:Statement|Summary)", re.I
)
VENUE_BEFORE = re.compile(r"\b(?:at|in|inside)\s+(?:the\s+)?$", re.I)
DESCRIBING_VERB = re.compile(
    r"\b(?:adopted|endorsed|signed|launched|issued|released|unveiled|announced|established|set\s+up|"
    r"approved|concluded|finali[sz]ed)\s+(?:a|an|the|its|their)?\s*(?:new\s+|joint\s+|first\s+)?$",
    re.I,
)


@dataclass
class Kind:
    words: tuple
    kind: str
    position: str


@cache
def kinds() -> dict:
    """first word (lower case) -> kind phrases starting with it, longest first."""
    out: dict = {}
    for phrase, kind, position in _rows("instrument_kinds.tsv"):
        words = tuple(w.lower() for w in phrase.split())
        out.setdefault(words[0], []).append(Kind(words, kind, position))
    for k in out:
        out[k].sort(key=lambda x: -len(x.words))
    return out


@cache
def actions() -> list:
    return [(re.compile(r[0], re.I), r[1]) for r in _rows("actions.tsv")]


def tokens(text: str) -> list[tuple[str, int, int]]:
    return [(m.group(0), m.start(), m.end()) for m in TOKEN.finditer(text)]


def _plain(word: str) -> str:
    w = word.lower().rstrip(".")
    if w == "years":
        return w  # '50 Years of Relations' is an anniversary, not a 'Year' initiative
    return w[:-1] if len(w) > 3 and w.endswith("s") and not w.endswith("ss") else w


def kind_at(toks, i: int, capitalised: bool) -> tuple[Kind, int] | None:
    """The kind phrase starting at token i, with its end (exclusive); capitalised when asked."""
    for k in kinds().get(_plain(toks[i][0]), kinds().get(toks[i][0].lower(), [])):
        n = len(k.words)
        if i + n > len(toks):
            continue
        if all(_plain(toks[i + j][0]) == _plain(w) or toks[i + j][0].lower() == w for j, w in enumerate(k.words)):
            if capitalised and not (toks[i][0][:1].isupper() and toks[i + n - 1][0][:1].isupper()):
                continue
            return k, i + n
    return None


def capital(tok: str) -> bool:
    return tok[:1].isupper() or tok[:1].isdigit() or (tok.startswith("(") and tok.endswith(")")) or tok == "COVID-19"


def extend_forward(text: str, end: int, required: bool = False) -> int:
    """A period ('(2021-2025)', 'for the period of 2021-2025') and a qualifier ('on Defence
    Cooperation', 'to implement the ASEAN-India Partnership ...') after a name, past an acronym
    in brackets ('Plan of Action (PoA) to Implement ...')."""
    acronym = re.match(r"\s*\([A-Za-z]{2,8}\)(?=\s+(?:of|on|by|for|between|to|in)\s)", text[end:])
    base = end
    if acronym:
        end += acronym.end()
    p = PERIOD.match(text[end:])
    if p:
        end += p.end()
    q = QUALIFIER.match(text[end:])
    if q and re.match(
        r"(?:the\s+)?(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|April|"
        r"May|June|July|August|September|October|November|December)\b",
        text[end + q.end() :],
    ):
        q = None  # 'the Convention Center on Sunday': a date, not what the name is about
    if q:
        rest = tokens(text[end + q.end() : end + q.end() + 240])
        k, last = 0, None
        while k < len(rest) and k < 16:
            tok = rest[k][0]
            if tok.lower() in CONNECT or (capital(tok) and tok not in (",", ";", ":", ".")):
                if tok[:1].isupper() and tok.lower() not in CONNECT:
                    last = k
                k += 1
                continue
            break
        if last is not None and (rest[0][0].lower() in ("the",) or capital(rest[0][0])):
            end = end + q.end() + rest[last][2]
            p = PERIOD.match(text[end:])
            if p:
                end += p.end()
        elif required:
            return -1
    elif required:
        return -1
    return end if end != base + (acronym.end() if acronym else 0) or not acronym else base


def tail_named(text: str, toks) -> list[tuple[int, int, Kind]]:
    """Rule: capitalised words (with 'of', 'and', 'the' between them) ending in a kind word."""
    out = []
    i = 0
    while i < len(toks):
        hit = kind_at(toks, i, capitalised=True)
        if not hit or hit[0].position not in ("tail", "both"):
            i += 1
            continue
        k, j = hit
        start = i
        steps = 0
        while start > 0 and steps < 14:
            tok = toks[start - 1][0]
            colon = tok == ":" and start - 2 >= 0 and toks[start - 2][0][:1].isupper() and toks[start][0][:1].isupper()
            if (
                tok.lower() in CONNECT
                or colon
                or (capital(tok) and tok not in (",", ";", ":", ".", "“", '"'))
                or YEARS.match(tok)
            ):
                start -= 1
                steps += 1
                continue
            break
        while start < i and (toks[start][0].lower() in LEADING_STOP or re.search(r"['’]s$", toks[start][0])):
            start += 1
        if start < i:
            out.append((toks[start][1], extend_forward(text, toks[j - 1][2]), k))
        i = j
    return out


def head_named(text: str, toks) -> list[tuple[int, int, Kind]]:
    """Rule: a kind word that opens a name, followed by a qualifier of capitalised words:
    'Treaty of Amity and Cooperation in Southeast Asia', 'Joint Statement of the 21st ASEAN-Japan Summit'."""
    out = []
    for i in range(len(toks)):
        hit = kind_at(toks, i, capitalised=True)
        if not hit or hit[0].position not in ("head", "both"):
            continue
        k, j = hit
        end = extend_forward(text, toks[j - 1][2], required=True)
        if end > 0:
            out.append((toks[i][1], end, k))
    return out


GENERIC = re.compile(
    r"\b((?:(?:new|draft|successive|successor|next|current|first|second|third|five-year|comprehensive|joint)\s+)*"
    r"(?:(?:19|20)\d{2}\s*[-–]\s*(?:19|20)?\d{2}\s+)?(?:plan of action|action plan|work plan|POA|PoA))\b",
    re.I,
)


def generic_plans(text: str) -> list[tuple[int, int, Kind]]:
    """Rule: a plan named only by its period or as the new one ('the new Plan of Action for
    2021-2025', 'the 2016-2020 POA')."""
    out = []
    for m in GENERIC.finditer(text):
        end = extend_forward(text, m.end(1))
        name = text[m.start(1) : end]
        if re.search(r"(?:19|20)\d{2}", name) or re.match(
            r"(?:new|draft|successive|successor|next|current)\b", name, re.I
        ):
            out.append((m.start(1), end, Kind(("plan", "of", "action"), "plan-of-action", "tail")))
    return out


def described(text: str, toks) -> list[tuple[int, int, Kind]]:
    """Rule: a document described in lower case right after the verb acting on it, with what it
    is about: 'adopted a statement on fighting cross-border crime', 'endorsed a
    roadmap to carry out ...'."""
    out = []
    for i in range(len(toks)):
        if not toks[i][0][:1].islower():
            continue
        hit = kind_at(toks, i, capitalised=False)
        if not hit or (hit[0].kind in ("mechanism", "initiative", "other") and hit[0].words[0] != "roadmap"):
            continue
        k, j = hit
        a = toks[i][1]
        if not DESCRIBING_VERB.search(text[max(0, a - 40) : a]):
            continue
        q = re.match(r"\s+(?:on|for|of|to)\s+[^,;.]{3,160}", text[toks[j - 1][2] :])
        if not q:
            continue
        words = q.group(0).split()
        cut = next(
            (n for n, w in enumerate(words) if n > 1 and w.lower() in ("and", "which", "that", "as", "while")),
            len(words),
        )
        end = toks[j - 1][2] + len(q.group(0)) - len(" ".join(words[cut:])) - (1 if cut < len(words) else 0)
        out.append((a, end, k))
    return out


@lru_cache(maxsize=64)
def action_cues(sentence: str) -> tuple:
    """Every action cue of a sentence as (start, end, order, action), found once per sentence
    however many instruments it names (a long sentence would otherwise be scanned per name)."""
    return tuple(
        sorted(
            (m.start(), m.end(), order, action)
            for order, (rx, action) in enumerate(actions())
            for m in rx.finditer(sentence)
        )
    )


def action_in(sentence: str, at: int) -> str:
    """The action cue nearest the instrument within its sentence (before it preferred), at most
    220 characters away."""
    cues = action_cues(sentence)
    best = None
    for start, end, order, action in cues[bisect_left(cues, (at - 400,)) : bisect_left(cues, (at + 400,))]:
        dist = at - end if end <= at else (start - at) * 1.5
        cand = (max(dist, 0), order, action)
        if best is None or cand < best:
            best = cand
    if best is None or best[0] > 220:
        return "mentioned"
    return best[2]


def split_coordinated(text: str, a: int, b: int) -> list[tuple[int, int]]:
    """'the ASEAN Centre and the ASEAN Fund' is two instruments; 'ASEAN Centrality and ASEAN
    Outlook on the Indo-Pacific' keeps the part that names one."""
    name = text[a:b]
    for m in re.finditer(r"\s+and\s+(?:to\s+)?(?:the\s+)?", name):
        left, right = name[: m.start()], name[m.end() :]
        if not right[:1].isupper():
            continue
        lt = tokens(left)
        ends_in_kind = any(kind_at(lt, n, True) and kind_at(lt, n, True)[1] == len(lt) for n in range(len(lt)))
        if ends_in_kind:
            return [(a, a + m.start()), (a + m.end(), b)]
        if (
            re.match(r"(?:the\s+)?ASEAN\b|[A-Z]", right)
            and len(tokens(left)) <= 2
            and not any(kind_at(lt, n, True) for n in range(len(lt)))
        ):
            return [(a + m.end(), b)]
    return [(a, b)]


def is_instrument(name: str, text: str, a: int, heading: bool, meeting_names, kind: Kind) -> bool:
    g = gazetteer()
    if len(name) < 4 or g.code(name) or re.fullmatch(r"[A-Z]{2,6}", name):
        return False
    words = [t.lower() for t, _, _ in tokens(name)]
    before_kind = words[: len(words) - len(kind.words)]
    if (
        len(words) < 2
        or tuple(words) == kind.words
        or (len(before_kind) <= 1 and all(w in GENERIC_WORDS for w in before_kind))
    ):
        return False  # a kind word alone ('the Fund', 'Plan of Action', 'Shared Vision') names nothing
    if name.count("(") != name.count(")"):
        return False
    if MEETING_WORDS.search(name) and kind.kind not in (
        "statement",
        "declaration",
        "vision",
        "plan-of-action",
        "work-plan",
    ):
        return False  # 'Commemorative Summit for the 50th Year of ...' is a meeting
    if INSTITUTION.search(name) or RELATION_ONLY.match(name):
        return False
    if re.search(r"\b(?:Centre|Center|Convention|House|Hall|Complex)$", name) and VENUE_BEFORE.search(
        text[max(0, a - 12) : a]
    ):
        return False  # 'at the Melbourne Convention and Exhibition Centre': a venue
    if CHAIR_STATEMENT.search(text[max(0, a - 25) : a + len(name)]) and heading:
        return False  # the release itself ('Chairman's Statement of the 35th Summit')
    if any(name.lower() in mn.lower() for mn in meeting_names if mn):
        return False
    return True


def instruments_in(text: str, meeting_names: set[str], heading: bool = False) -> list[dict]:
    """Named instruments in one sentence: {name, kind, action, start, end} (offsets in `text`)."""
    toks = tokens(text)
    found = tail_named(text, toks) + head_named(text, toks) + generic_plans(text) + described(text, toks)
    found.sort(key=lambda x: (x[0], -(x[1] - x[0])))
    out, taken = [], []
    for a, b, kind in found:
        if b <= a or any(not (b <= x or a >= y) for x, y in taken):
            continue
        if kind.words[-1] in ("centre", "center", "convention", "house", "hall") and VENUE_BEFORE.search(
            text[max(0, a - 12) : a]
        ):
            taken.append((a, b))
            continue  # 'at the Melbourne Convention and Exhibition Centre': a venue
        for pa, pb in split_coordinated(text, a, b):
            name = re.sub(r"\s+", " ", text[pa:pb].strip().rstrip(".,;:"))
            if not is_instrument(name, text, pa, heading, meeting_names, kind):
                continue
            taken.append((pa, pb))
            out.append(
                {
                    "name": name,
                    "kind": instrument_kind(name, kind),
                    "action": action_in(text, pa),
                    "start": pa,
                    "end": pa + len(name),
                }
            )
        taken.append((a, b))
    return out


def instrument_kind(name: str, found: Kind) -> str:
    """The kind of the name's own head: the kind word it ends in, or opens with ('Plan of Action
    for the period 2016-2020' is a plan; 'Declaration on ...' a declaration)."""
    toks = tokens(re.sub(r"\s*\(.*$", "", name))
    core = toks
    for n, (t, _, _) in enumerate(toks):
        if t.lower() in ("of", "on", "for", "between", "to", "by", "in") and n > 0:
            head = toks[:n]
            hit = [kind_at(head, m, False) for m in range(len(head))]
            hit = [h for h in hit if h and h[1] == len(head)]
            if hit:
                return hit[0][0].kind
            break
    for m in range(len(core)):
        hit = kind_at(core, m, False)
        if hit and hit[1] == len(core):
            return hit[0].kind
    return found.kind
