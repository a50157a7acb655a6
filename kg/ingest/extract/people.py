"""People at a meeting: the name as written (titles stripped), the party they speak for, their
post as stated, and their role (chair, co-chair, head of delegation, participant).

A person is recognised from how the text presents them, never from a list of names:
- a *name run* is a run of capitalised tokens (initials, particles such as 'bin' or 'de la',
  surnames in capitals, 'Jr.', 'III') none of which is a word of the project's own vocabularies
  (the negative lexicon: parties, cities, posts, meeting types, areas, mechanisms, SKOS labels);
- a run is a person only with structural evidence: a post or title just before it
  (`post_before`), a post in apposition after it (`post_after`), or a cue that governs it
  ('led by', 'co-chaired by', 'X co-chaired') (`cue_before`, `cue_after`);
- a person attends a reported meeting when their sentence speaks of that meeting and does not
  place them elsewhere (a message read, a bilateral meeting on the sidelines, a visit) (`absent`).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field
from functools import lru_cache

from .cues import cue
from .gazetteer import gazetteer

CONNECTORS = {"bin", "binti", "bte", "van", "von", "de", "da", "del", "dos", "al", "el", "la", "le", "di", "ibn", "du"}
SUFFIXES = re.compile(r"^(?:II|III|IV|Jr\.?|Sr\.?)$")
TOKEN_RE = re.compile(r"[^\W\d_][\w'’.-]*|\S")
NAME_SHAPE = re.compile(
    r"(?:[A-Z]\.?|Ma\.|[A-Z][^\W\d_]*(?:[-'’][^\W\d_]+)*|[A-Z]{2,}(?:-[a-z]+)?|Mc[A-Z][a-z]+|"
    r"[A-Z][a-z]*[A-Z][a-z]+)"
)
ACRONYM = re.compile(r"[B-DF-HJ-NP-TV-Z]{2,4}")  # 'DFM', 'DSG', 'PM': a post's initials carry no vowel
FUNCTION_WORDS = {"An", "A", "The", "Do", "Le", "La", "De", "Di", "Da"}
RANK = {"chair": 3, "co-chair": 3, "head-of-delegation": 2, "participant": 1}


@dataclass
class PersonMention:
    name: str
    start: int  # body offsets of the name
    end: int
    sentence: int
    country: str | None = None
    org: str | None = None
    post: str | None = None
    role: str = "participant"
    evidence: tuple = field(default=(0, 0))


# --- name runs -----------------------------------------------------------------------------


def _honorifics() -> set[str]:
    return {h for h in gazetteer().honorifics}


def namey(tok: str) -> bool:
    """A token that can be part of a name: a name's shape and not a vocabulary word."""
    g = gazetteer()
    bare = tok.rstrip(".,")
    if not tok[:1].isupper() or not NAME_SHAPE.fullmatch(tok if len(bare) <= 2 else bare):
        return False
    low = re.sub(r"['’]s$", "", bare).lower()
    if low in g.not_names or low.split("-")[0] in g.not_names or "asean" in low:
        return False
    if re.search(r"['’]s$", bare):
        return False  # 'Brunei's', 'Singapore's': a possessive is a party, not a name
    return not g.code(bare)


def name_runs(text: str) -> list[tuple[int, int, str]]:
    """Runs of name tokens in `text`: 'Igor V. Morgulov', 'Ma. Hellen B. de la Vega', 'HUN SEN',
    'Abdul Majid bin Ahmad Khan', 'Teodoro L. Locsin, Jr.'. Leading titles are peeled off; a
    title inside a run ('Mohamad bin Haji Hasan') stays when a name token follows it."""
    honor = _honorifics()
    toks = [(m.group(0), m.start(), m.end()) for m in TOKEN_RE.finditer(text)]
    runs, cur = [], []
    for i, (tok, a, b) in enumerate(toks):
        if tok == "," and cur and i + 1 < len(toks) and SUFFIXES.match(toks[i + 1][0]):
            continue  # 'Teodoro L. Locsin, Jr.'
        bare = tok.rstrip(".,")
        adjacent = (
            not cur or text[cur[-1][2] : a] in (" ", "\u00a0") or (text[cur[-1][2] : a] == ", " and SUFFIXES.match(tok))
        )
        nxt = toks[i + 1][0] if i + 1 < len(toks) else ""
        nxt2 = toks[i + 2][0] if i + 2 < len(toks) else ""
        possessive = re.fullmatch(r"(.+)['’]s", tok)
        if cur and adjacent and possessive and namey(possessive.group(1)):
            runs.append(cur + [(possessive.group(1), a, b - 2)])  # "Bilawal Bhutto-Zardari's": the run ends here
            cur = []
            continue
        inside = bool(cur) and (
            (tok in CONNECTORS and (namey(nxt) or (nxt in CONNECTORS and namey(nxt2))))
            or ((bare in honor or tok in honor) and namey(nxt))
            or SUFFIXES.match(tok) is not None
        )
        # 'Nguyen Van An': a capitalised short word inside a run is a name, not an article
        tail_word = bool(cur) and tok in FUNCTION_WORDS and len(cur) >= 2 and not nxt[:1].islower()
        if adjacent and ((namey(tok) and tok not in honor and bare not in honor) or inside or tail_word):
            cur.append((tok, a, b))
            continue
        if cur:
            runs.append(cur)
        cur = [(tok, a, b)] if namey(tok) and tok not in honor and bare not in honor else []
    if cur:
        runs.append(cur)
    out = []
    for run in runs:
        while run and (run[-1][0] in CONNECTORS or run[-1][0].rstrip(".,") in honor):
            run = run[:-1]
        # a leading initial left over from 'H.E.' is not part of the name
        while len(run) > 2 and re.fullmatch(r"[A-Z]\.", run[0][0]) and re.fullmatch(r"[A-Z]\.", run[1][0]):
            run = run[2:]
        # acronyms around a name are posts and honours ('DFM Morgulov', 'Oliver Dowden CBE MP')
        mixed = any(not t.isupper() for t, _, _ in run)
        while mixed and len(run) > 1 and ACRONYM.fullmatch(run[0][0]):
            run = run[1:]
        while mixed and len(run) > 1 and ACRONYM.fullmatch(run[-1][0].rstrip(".,")):
            run = run[:-1]
        if not run or all(ACRONYM.fullmatch(t.rstrip(".,")) for t, _, _ in run):
            continue  # '(DFM)', 'ASEAN SOM': initials of a post, not a name
        start, end = run[0][1], run[-1][2]
        while end > start and text[end - 1] in ".,":
            if (text[end - 1] == "." and SUFFIXES.match(run[-1][0])) or re.fullmatch(r"[A-Z]\.", run[-1][0]):
                break
            end -= 1
        name = text[start:end]
        if len(re.findall(r"[^\W\d_]", name)) >= 2:
            out.append((start, end, name))
    return out


def valid_name(name: str, adjacent_title: bool) -> bool:
    """Two real tokens make a name; one token only when a title or post stands right before it
    ('Prime Minister Abe'); initials alone never."""
    real = [t for t in name.replace(",", " ").split() if t not in CONNECTORS and not SUFFIXES.match(t)]
    if not real or all(len(t.rstrip(".")) <= 1 for t in real):
        return False
    if len(real) == 1:
        return adjacent_title and len(real[0]) > 2 and not real[0].endswith(".")
    return True


def strip_titles(raw: str) -> str:
    g = gazetteer()
    s = raw.strip(" ,;:")
    while True:
        m = re.match(rf"^(?:{g.honorific_re.pattern})\.?\s+", s)
        if not m or len(s) <= m.end():
            return s.strip(" ,;:")
        s = s[m.end() :]


# --- structural evidence -------------------------------------------------------------------

GAP_STOP = re.compile(
    r"[;!?]|(?<![A-Z])\.\s|\b(?:was|were|is|are|has|have|had|said|says|by|who|which|that|with|"
    r"while|whereas|when|as well as|met|meets|and his|and her|called|welcomed|attended|led|"
    r"co-?chaired|chaired|headed|joined|noted|stressed|told)\b",
    re.I,
)


def post_before(text: str, a: int) -> re.Match | None:
    """Rule: a post (or a title) ends just before the name, with at most a qualifier between
    ('Deputy Foreign Minister of the partner Ivan Petrovsky',
    'Secretary (East), Saurabh Kumar', 'Foreign Minister Dr. S. Jaishankar')."""
    g = gazetteer()
    before = text[max(0, a - 160) : a]
    best = None
    for m in g.post_re.finditer(before):
        gap = before[m.end() :]
        if re.search(rf",\s*and\b|\band\s+(?:{g.honorific_re.pattern})|\band\s*$", gap):
            continue  # 'X, Deputy Minister ..., and Ms. Y', '... of Brunei and Y': the post belongs to X
        bare = re.sub(rf"(?:{g.honorific_re.pattern})\.?", " ", gap)
        if len(bare) > 110 or GAP_STOP.search(bare):
            continue
        inner = re.sub(r",\s*(?:the\s+)?$", "", bare.strip())  # 'Deputy Prime Minister of the UK, The Rt Hon X'
        if re.search(r",\s+\S", inner) and not re.fullmatch(r"\s*\([^)]*\),?\s*", bare):
            continue  # 'Minister Y, the guest of X': a comma inside the gap ends the post
        best = m
    if best is None:
        return None
    start = best.start()
    offset = max(0, a - 160)
    return _Span(offset + start, offset + best.end())


@dataclass
class _Span:
    begin: int
    stop: int

    def start(self):
        return self.begin

    def end(self):
        return self.stop


def title_before(text: str, a: int) -> bool:
    """Rule: an honorific or title stands right before the name ('H.E.', 'Mr', 'Dato'', 'Premier')."""
    g = gazetteer()
    before = text[max(0, a - 40) : a]
    return bool(re.search(rf"(?:{g.honorific_re.pattern})\.?\s*$", before)) or bool(
        re.search(rf"(?:{g.post_re.pattern})\s*$", before)
    )


POST_OPENING = None
APPOSITION_END = re.compile(
    r";|[.]\s|[.]$|,\s+(?:and\s+)?(?:H\.?E\.?|Mr|Ms|Mrs|Dr|His|Her)\b|\s+and\s+(?:H\.?E\.?|Mr|Ms|Mrs|Dr|the|his|her)\s|"
    r"\s(?:also|who|were|was|has|had|said|says|co-?chaired|chaired|led|headed|welcomed|attended|joined|met|noted|"
    r"stressed|reaffirmed|expressed|highlighted|discussed|agreed|called|paid|held|delivered|briefed|visited)\b",
    re.I,
)


def post_after(text: str, b: int) -> str:
    """Rule: a post in apposition after the name: 'Nong Rong, assistant minister of foreign affairs
    of China,', 'Tan Wei, Second Permanent Secretary of the foreign ministry'.
    The apposition ends at the next person ('and H.E. ...', 'and Jane Doe'), a verb or a clause end."""
    global POST_OPENING
    g = gazetteer()
    if POST_OPENING is None:
        POST_OPENING = re.compile(rf"\s*,\s*(?:the\s+)?(?:[\w'’-]+\s+){{0,3}}?(?:{g.post_re.pattern})", re.I)
    after = text[b : b + 260]
    m = POST_OPENING.match(after)
    if not m:
        return ""
    end = len(after)
    stop = APPOSITION_END.search(after, m.end())
    if stop:
        end = stop.start()
    for nm in re.finditer(r"\s+and\s+", after[m.end() : end]):
        rest = after[m.end() + nm.end() :]
        toks = rest.split()[:2]
        if len(toks) == 2 and all(namey(t.rstrip(",")) for t in toks):
            end = m.end() + nm.start()  # '..., Permanent Secretary and Jane Doe, ...': the next person
            break
    return after[:end].strip().lstrip(",").strip().rstrip(",").strip()


BY_CUE = re.compile(
    r"(?:represented|chaired|co-?chaired|led|headed|attended|hosted|joined|presided\s+over|"
    r"welcomed|accompanied|received)\s+by\s+(?:the\s+)?(?:[\w'’-]+\s+){0,2}$"
    r"|co-?chaired\s+(?:the\s+)?(?:meeting|dialogue|session|forum|consultation|summit)?\s*with\s+(?:the\s+)?$"
    r"|under\s+the\s+(?:co-?)?chair(?:manship)?\s+of\s+(?:the\s+)?$",
    re.I,
)
VERB_AFTER = re.compile(
    r"\s+(?:also\s+)?(?:led|headed|co-?chaired|chaired|represented|attended|joined|met|welcomed|held|"
    r"said|noted|stressed|reaffirmed|highlighted|underlined|emphasi[sz]ed|expressed|pushed|"
    r"proposed|thanked|called|affirmed|spoke|delivered|praised|hosted|opened|briefed|shared|"
    r"presented|told|added|urged|reiterated)\b",
    re.I,
)


def cue_before(text: str, a: int) -> bool:
    """Rule: a cue governs the name: 'co-chaired by X', 'led by X', 'under the chair of X'."""
    return bool(BY_CUE.search(text[max(0, a - 80) : a]))


def cue_after(text: str, b: int) -> bool:
    """Rule: the name is the subject of an attendance or speech verb: 'Ivan Petrovsky headed ...'."""
    return bool(VERB_AFTER.match(text[b : b + 40]))


# --- who they speak for ------------------------------------------------------------------------

ORG_PATTERNS = [
    (
        re.compile(
            r"Secretary[- ]General\s+of\s+(?:the\s+)?(?:ASEAN|Association\s+of\s+Southeast\s+Asian\s+Nations)|"
            r"ASEAN\s+(?:Deputy\s+)?Secretary[- ]General|Deputy\s+Secretary[- ]General|"
            r"\bSecretary[- ]General\b(?!\s+of\s+(?!ASEAN))|ASEAN\s+Secretariat|\bDSG\b",
            re.I,
        ),
        "ASEAN",
    ),
    (
        re.compile(
            r"European\s+External\s+Action\s+Service|\bEEAS\b|European\s+Commission|\bEU\b|European\s+Union", re.I
        ),
        "EU",
    ),
    (re.compile(r"United\s+Nations|\bUN\b", re.I), "UN"),
]


def org_of(post: str) -> str | None:
    for rx, org in ORG_PATTERNS:
        if rx.search(post):
            return org
    return None


def country_of(text: str) -> str | None:
    """The first state named or qualified in a post phrase, ignoring postings ('to Russia',
    'in Seoul', 'accredited to ASEAN')."""
    g = gazetteer()
    hits = []
    for rx in (g.party_re, g.adjective_re):
        for m in rx.finditer(text):
            if re.search(
                r"\b(?:to|in|based\s+in|accredited\s+to)\s+(?:the\s+)?$", text[max(0, m.start() - 20) : m.start()], re.I
            ):
                continue
            code = g.code(m.group(0))
            if code and code not in ("UN", "EU"):
                hits.append((m.start(), code))
    return min(hits)[1] if hits else None


def clause_country(text: str, a: int, b: int) -> str | None:
    """A country qualifying the person in their own clause: 'Thai Prime Minister X', 'Russia was
    represented by X', 'Indonesia's Foreign Minister X', '..., Ministry of Foreign Affairs, Thailand;',
    'Lao PDR, through its Foreign Minister X'."""
    start = max(text.rfind(";", 0, a), text.rfind(",", 0, max(0, a - 2)), text.rfind(" and ", 0, a), 0)
    code = country_of(text[start:a])
    if code:
        return code
    if re.search(r"\b(?:its|their)\s+(?:[\w'’-]+\s+){0,4}$", text[start:a]):
        earlier = country_of_last(text[max(0, start - 120) : start])
        if earlier:
            return earlier
    end = text.find(";", b)
    tail = text[b : end if end >= 0 else len(text)]
    parts = [p.strip() for p in tail.split(",")]
    if len(parts) > 1:
        g = gazetteer()
        last = re.sub(r"^(?:the\s+)", "", parts[-1].strip(" .;"), flags=re.I)
        last = re.sub(r"\s+and(?:\s+their)?.*$", "", last)
        code = g.code(last)
        return code if code not in ("EU", "UN") else None
    return None


def country_of_last(text: str) -> str | None:
    """The last state named in a text (the antecedent of 'its' / 'their')."""
    g = gazetteer()
    hits = [(m.start(), g.code(m.group(0))) for rx in (g.party_re, g.adjective_re) for m in rx.finditer(text)]
    hits = [(i, c) for i, c in hits if c and c not in ("UN", "EU")]
    return max(hits)[1] if hits else None


def trim_post(p: str) -> str:
    g = gazetteer()
    p = re.sub(r"^(?:the|a|an)\s+", "", p.strip(" ,"), flags=re.I)
    for _ in range(3):  # titles before the name are not part of the post ('..., H.E. Mr.')
        # after a space or a comma only: "Director-General" ends with a word, not with the title "General"
        p = re.sub(rf"(?:^|[\s,]+)(?:{g.honorific_re.pattern})\.?\s*$", "", p).strip(" ,")
    p = re.sub(rf"^(?:{g.adjective_re.pattern})(?:['’]s)?\s+(?=[A-Za-z])", "", p)
    p = re.sub(rf",\s*(?:the\s+)?(?:{g.party_re.pattern})\s*$", "", p)  # ', Thailand' names the country
    p = re.sub(r"\s+(?:of|for|to|and|the)\s*$", "", p)
    return p.strip(" ,")


def post_text(text: str, a: int, b: int, before: _Span | None) -> str:
    """The post as the release states it, from the phrase before the name or the apposition after."""
    g = gazetteer()
    if before is not None:
        raw = text[before.start() : a].strip(" ,")
        lead = text[max(0, before.start() - 40) : before.start()]
        qual = re.search(r"((?:(?-i:[A-Z])[\w-]*\s+){1,3})$", lead)
        if qual and not any(
            w.rstrip("'’s") in ("The", "A", "An") or g.code(w.rstrip("'’s")) or w.lower().rstrip("'’s") in CONTEXT_WORDS
            for w in qual.group(1).split()
        ):
            raw = qual.group(1) + raw
        adj = re.search(rf"({g.adjective_re.pattern}|{g.party_re.pattern})(?:['’]s)?\s+$", lead)
        if adj:
            raw = adj.group(0) + raw
        return raw
    return post_after(text, b)


CONTEXT_WORDS = {"during", "at", "in", "on", "and", "while", "speaking", "meanwhile", "both", "when", "also", "with"}


GOVERNMENT_PUBLISHER = re.compile(
    r"\b(?:MFA|MOFA|DFA|DFAT|FDFA|MEA|MINDEF|Kemlu|Ministry|Embassy|Mission|Consulate|"
    r"Prime\s+Minister|President|White\s+House|State\s+Department|GOV\.UK|FCDO|Government|"
    r"Cabinet|Presidential|Kantei)\b"
)


def home_party(publisher: str | None) -> str | None:
    """Rule: the state whose government publishes the release ('MFA Russia', 'DFA Philippines',
    'Mission of China to ASEAN'): its own officials go unqualified in its text. A reposting or
    news site is nobody's government."""
    if not publisher or not GOVERNMENT_PUBLISHER.search(publisher):
        return None
    g = gazetteer()
    hits = [(m.start(), g.code(m.group(0))) for rx in (g.party_re, g.adjective_re) for m in rx.finditer(publisher)]
    hits = [(i, c) for i, c in hits if c and c not in ("UN",)]
    if not hits:
        return None
    first = min(hits)
    # 'Mission of China to ASEAN', 'Embassy in Moscow': a posting names where, not whose
    return None if re.search(r"\b(?:to|in)\s+(?:the\s+)?$", publisher[: first[0]]) else first[1]


# --- role -----------------------------------------------------------------------------------

ROLE_CUES = [
    (
        re.compile(r"\bco-?chair(?:ed|s|ing)?\b|\bco-?chairm[ae]n\b|\bco-?chairpersons?\b|\bjointly\s+chaired\b", re.I),
        "co-chair",
    ),
    (
        re.compile(
            r"\b(?<!co-)(?<!co)chaired\b|\bchaired\s+by\b|\bpresided\b|\bunder\s+the\s+chair(?:manship)?\s+of\b|"
            r"\bas\s+(?:the\s+)?chair(?:man|person)?\s+of\s+the\s+(?:meeting|session|dialogue|forum|summit|ceremony)\b",
            re.I,
        ),
        "chair",
    ),
    (
        re.compile(
            r"\b(?:represented\s+by|led\s+by|headed\s+by|led\s+(?:(?:the|his|her|their|a)\s+)?(?:[\w'’-]+\s+){0,3}delegation|"
            r"headed\s+(?:the|his|her|their|a)\s+(?:[\w'’-]+\s+){0,3}delegation|head(?:ed)?\s+of\s+(?:the\s+)?(?:[\w'’-]+\s+){0,2}delegation|"
            r"(?:heading|leading|headed|led)\s+(?:the|his|her|their)\s+(?:[\w'’-]+\s+)?(?:side|team|delegation)|"
            r"head\s+of\s+the\s+[\w'’]+\s+senior\s+officials|was\s+represented|were\s+represented|representing\b)",
            re.I,
        ),
        "head-of-delegation",
    ),
]


CLAUSE_END = re.compile(r";|(?<![A-Z])(?<!\b(?:Mr|Ms|Dr|Jr|St))\.\s|\bwhile\b|\bwhereas\b")


@lru_cache(maxsize=32)
def role_cue_matches(text: str) -> tuple:
    """Per cue of ROLE_CUES, its matches in a sentence as (start, end, text), found once per
    sentence however many names it holds."""
    return tuple(tuple((m.start(), m.end(), m.group(0)) for m in rx.finditer(text)) for rx, _ in ROLE_CUES)


def role_at(text: str, a: int, length: int) -> str:
    """The role a cue gives to the name at `a`. A cue before the name governs, within its clause,
    every name of a co-chair list ('co-chaired by X, <post>, and Y, <post>') but only the first
    name after 'chaired by' or 'led by'; a cue after the name governs its subjects ('X and Y
    co-chaired'); two names 'under the chair of' are co-chairs."""
    for (_, role), matches in zip(ROLE_CUES, role_cue_matches(text)):
        for _, end, said in matches:
            if end > a:
                break
            between = text[end:a]
            if CLAUSE_END.search(between):
                continue
            if role == "co-chair":
                return role
            first = not any(valid_name(strip_titles(n), True) for _, _, n in name_runs(between))
            if role == "chair" and first and len(between) < 120:
                if "under the chair" in said.lower() and re.search(r"\band\b", text[a : a + 200].split(".")[0]):
                    return "co-chair"
                return role
            if role == "head-of-delegation" and first and len(between) < 90:
                return role
        reach = 260 if role == "co-chair" else 100  # 'X, <post>, and Y, <post>, co-chaired'
        for start, end, _ in matches[bisect_left(matches, (a + length,)) :]:
            if end > a + length + reach:
                break
            between = text[a + length : start]
            if not re.search(r"(?<![A-Z])[.;]\s|\bby\b|\b(?:said|was|were|is|are|had|has)\b", between):
                return role
    return "participant"


# --- attendance -----------------------------------------------------------------------------

NOT_THERE = re.compile(
    r"\b(?:letter|message|note|invitation|greetings?|thanks|congratulations)\s+"
    r"(?:(?:addressed|sent|conveyed)\s+)?(?:to|from|of)\s+(?:the\s+)?(?:[\w'’().-]+\s+){0,8}$"
    r"|\b(?:late|former|founding|on\s+behalf\s+of)\s+(?:the\s+)?(?:[\w'’().-]+\s+){0,5}$",
    re.I,
)


def absent(text: str) -> bool:
    """Rule: the sentence places the people it names away from the meeting: a message read, a
    bilateral meeting on the sidelines, a state visit, a lecture (kg/data/cues/absence.txt)."""
    return bool(cue("absence").search(text))


def not_there(text: str, a: int) -> bool:
    """Rule: this person is only addressed or recalled: 'a letter addressed to Secretary of State
    X', 'a message from President X', 'on behalf of Prime Minister X', 'the late X'."""
    return bool(NOT_THERE.search(text[max(0, a - 120) : a]))


def find_people(body: str, sents, cue_sentences: set[int]) -> list[PersonMention]:
    """Named people in the sentences that report attendance (`cue_sentences` hold the meeting's
    own mentions; other sentences qualify by an attendance cue)."""
    out: list[PersonMention] = []
    for s in sents:
        text = s.text
        if not (s.index in cue_sentences or cue("attendance").search(text)):
            continue
        if absent(text):
            continue
        for a, b, raw in name_runs(text):
            if re.match(r"['’]s\b", text[b : b + 2]) or not_there(text, a):
                continue  # "Bilawal Bhutto-Zardari's participation": a possessive names no attendee
            name = strip_titles(raw)
            a += raw.find(name)
            b = a + len(name)
            before = post_before(text, a)
            titled = title_before(text, a)
            by_cue = cue_before(text, a) or (cue_after(text, b) and len(name.split()) >= 2)
            after = post_after(text, b)
            if not (before or titled or by_cue or after):
                continue
            adjacent = titled or (before is not None and not text[before.end() : a].strip(" ,"))
            if not valid_name(name, adjacent):
                continue
            g = gazetteer()
            if g.code(name) or g.cities.get(name.lower()):
                continue
            stated = post_text(text, a, b, before)
            p = PersonMention(name, s.start + a, s.start + b, s.index, evidence=(s.start, s.end))
            p.post = trim_post(stated) or None
            p.org = org_of(stated)
            of_country = re.match(rf"\s+of\s+(?:the\s+)?({g.party_re.pattern})", text[b : b + 60])
            p.country = (
                None
                if p.org
                else (
                    country_of(stated)
                    or (g.code(of_country.group(1)) if of_country else None)
                    or clause_country(text, a, b)
                )
            )
            p.role = role_at(text, a, len(name))
            out.append(p)
    people = merge_people(out)
    upgrade_roles(people, sents)
    return people


def upgrade_roles(people: list[PersonMention], sents) -> None:
    """'A and B co-chaired the talks': a later sentence naming a known person (in full or by
    surname) next to a role cue gives that role."""
    for p in people:
        forms = {p.name}
        toks = p.name.replace(",", " ").split()
        if len(toks) > 1:
            forms.add(toks[-1] if not SUFFIXES.match(toks[-1]) else toks[-2])
        for s in sents:
            for form in forms:
                for at in word_positions(s.text, form):
                    role = role_at(s.text, at, len(form))
                    if RANK[role] > RANK[p.role]:
                        p.role = role


def word_positions(text: str, word: str):
    """Where `word` stands as a whole word (no regex: names would flood the pattern cache)."""
    i = text.find(word)
    while i >= 0:
        before = text[i - 1] if i else " "
        after = text[i + len(word)] if i + len(word) < len(text) else " "
        if not (before.isalnum() or before == "-") and not (after.isalnum() or after == "-"):
            yield i
        i = text.find(word, i + 1)


def surname_key(name: str) -> tuple[str, str]:
    toks = [
        t
        for t in re.sub(r"[^\w\s-]", " ", name).split()
        if len(t) > 1 and t.lower() not in CONNECTORS and not SUFFIXES.match(t)
    ]
    return (toks[0].lower() if toks else "", toks[-1].lower() if toks else "")


def name_words(name: str) -> list[str]:
    """Lower-cased words of a name without particles, initials and suffixes."""
    return [
        t
        for t in re.sub(r"[^\w\s-]", " ", name).lower().split()
        if len(t) > 1 and t not in CONNECTORS and not SUFFIXES.match(t.title())
    ]


def same_person(p: PersonMention, q: PersonMention) -> bool:
    """'Ivan P. Petrovsky', 'Ivan Petrovsky' and 'Petrovsky' are one; so are 'HUN SEN' and 'Hun Sen',
    and 'De la Vega' with 'Ma. Hellen B. de la Vega'. A surname alone joins the full name it ends."""
    pw, qw = name_words(p.name), name_words(q.name)
    if not pw or not qw:
        return False
    if pw == qw or (pw[0], pw[-1]) == (qw[0], qw[-1]):
        return True
    short, full = (pw, qw) if len(pw) <= len(qw) else (qw, pw)
    if len(short) == 1:
        return short[0] in (full[0], full[-1])
    return len(set(pw) & set(qw)) >= 2


def merge_people(people: list[PersonMention]) -> list[PersonMention]:
    """One entry per person, keeping the fullest name and the first post and country given."""
    out: list[PersonMention] = []
    for p in people:
        same = next((q for q in out if same_person(p, q)), None)
        if same is None:
            out.append(p)
            continue
        if len(p.name.split()) > len(same.name.split()) and len(same.name.split()) == 1:
            same.name, same.start, same.end, same.evidence = p.name, p.start, p.end, p.evidence
        same.country = same.country or p.country
        same.org = same.org or p.org
        same.post = same.post or p.post
        if RANK[p.role] > RANK[same.role]:
            same.role = p.role
    return out
