"""People at a meeting: name as written (titles stripped), the party they speak for, their post
as stated, and their role (chair, co-chair, head of delegation, participant)."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from .gazetteer import gazetteer, norm

CONNECTORS = r"(?:bin|binti|bte|van|von|de|da|del|dos|al|el|la|le|di|ibn)"
NAME_TOKEN = r"(?:[A-Z][a-z]+(?:[-'’][A-Za-z]+)*|[A-Z]{2,}(?:-[a-z]+)?|[A-Z]\.?(?=\s)|Mc[A-Z][a-z]+|[A-Z][a-z]*[A-Z][a-z]+)"
NAME_RE = re.compile(rf"{NAME_TOKEN}(?:\s+(?:{CONNECTORS}\s+)?{NAME_TOKEN}){{0,5}}(?:\s+(?:III|II|IV|Jr\.?))?")

# Words that are capitalised in releases but are never part of a person's name.
STOP = set("""ASEAN Meeting Minister Ministry Ministers Foreign Affairs Department Secretary General Secretariat
Summit Dialogue Forum Republic Kingdom Federation Union Council Committee Senior Officials Official SOM
The A An And Of For In On At To With By From As This That These Those Both Deputy Vice Acting Assistant
Prime President Premier Director Ambassador Chair Co Chairman Permanent Representative Undersecretary Under
Head Leader Leaders Delegation State States Member Plan Action Partnership Strategic Comprehensive Cooperation
Joint Statement Declaration Vision Community Pillar Political Security Economic Socio Cultural Development
January February March April May June July August September October November December Monday Tuesday
Wednesday Thursday Friday Saturday Sunday Jakarta Bangkok Tokyo Seoul Beijing Manila During Speaking
He She They We It His Her Their Our Its Also However Meanwhile Further Furthermore Moreover Under Over
Party Central Communist External Action Service European Bureau Asian Pacific East West North South
Asia International Relations Political Foreign Office Embassy Mission Missions Heads Counterparts High
Commissioner Public Information Press Release News Photo Source Read More Mr Ms Dr Sultan King His Majesty
Excellency Honourable Office Chief Executive Cabinet Government People National Special Envoy Agency
Association Southeast Nations Kingdom Organization Organisation United Great Defence Defense Trade Industry
Science Technology Smart Cities Digital Health Education Centre Center Fund Network Initiative Programme
Program Regional Global Business Council Conference Session Ceremony Video Conference Online Virtual
Indo Pacific Korean Peninsula China Japan India Russia Australia Canada Korea Zealand Turkiye Türkiye Pakistan
Welcome Welcomed According Following After Before Earlier Later Today Yesterday Chinese Japanese Indian
Russian Thai Vietnamese Philippine Indonesian Malaysian Singaporean Lao Cambodian Myanmar Bruneian American
British Australian Canadian Korean Pakistani Turkish Emirati Swiss Norwegian German French Italian Chilean
Brazilian Moroccan South African Filipino Burmese Secretary-General Director-General Minister-Counsellor
Year Years Anniversary Commemorative Inaugural Annual Also First Second Third Fourth Fifth Bilateral Hall
Darussalam Socialist Commonwealth Strategy Managing Political-Security Chairmanship Inclusivity Sustainability
Resilience Enhancing Connectivity Great Mission Dialogue Partners Partner Meanwhile Thursday Friday""".split())

ROLE_CUES = [
    (re.compile(r"\bco-?chair(?:ed|s|ing)?\b|\bco-?chairm[ae]n\b|\bco-?chairpersons?\b", re.I), "co-chair"),
    (re.compile(r"\b(?<!co-)(?<!co)chaired\b|\bchaired by\b|\bpresided\b|\bas (?:the )?chair(?:man|person)? of the (?:meeting|session|dialogue|forum|summit|ceremony)\b", re.I), "chair"),
    (re.compile(r"\b(?:represented by|led by|headed by|led (?:the|his|her|their|a) \w*\s*delegation|"
                r"headed (?:the|his|her|their|a) \w*\s*delegation|led\s+(?:the\s+|his\s+|her\s+|their\s+|a\s+)?(?:[\w'’-]+\s+){0,3}delegation|head(?:ed)? of (?:the )?delegation|"
                r"(?:heading|leading|headed|led) (?:the|his|her|their) (?:[\w'’-]+ )?(?:side|team|delegation)|"
                r"was represented|were represented|representing\b)", re.I), "head-of-delegation"),
]
ATTEND_CUES = re.compile(
    r"\b(attend(?:ed|ing|s)?|co-?chair(?:ed)?|chair(?:ed)?|led|leading|headed|heading|represented|met|meets|meeting|"
    r"welcom(?:ed|es|ing)|participat(?:ed|ing)|joined|called on|courtesy call|spoke|speaking|said|stated|"
    r"delivered|remarks|opening|expressed|underlined|highlighted|emphasi[sz]ed|stressed|noted|pushed|"
    r"proposed|thanked|congratulated|encouraged|invited|told|affirmed|reaffirmed|discussed|received|hosted|"
    r"host|held|signed|handed|presented)\b", re.I)
NOT_PRESENT = re.compile(r"\b(keynote speech at|lecture|message (?:was )?read|in (?:a|his|her) message|"
                         r"wrote|letter from|late\b|former\b|founding)\b", re.I)
ORG_PATTERNS = [
    (re.compile(r"Secretary[- ]General of (?:the )?(?:ASEAN|Association of Southeast Asian Nations)|"
                r"ASEAN (?:Deputy )?Secretary[- ]General|Deputy Secretary[- ]General|\bSecretary[- ]General\b(?! of (?!ASEAN))|"
                r"ASEAN Secretariat|DSG\b", re.I), "ASEAN"),
    (re.compile(r"European External Action Service|\bEEAS\b|European Commission|\bEU\b|European Union", re.I), "EU"),
    (re.compile(r"United Nations|\bUN\b", re.I), "UN"),
]


@dataclass
class PersonMention:
    name: str
    start: int          # body offsets of the name
    end: int
    sentence: int
    country: str | None = None
    org: str | None = None
    post: str | None = None
    role: str = "participant"
    evidence: tuple = field(default=(0, 0))


def clean_name(raw: str) -> str:
    g = gazetteer()
    s = raw.strip(" ,;:.")
    changed = True
    while changed:
        changed = False
        m = re.match(rf"^(?:{g.honorific_re.pattern})\.?\s+", s)
        if m and len(s) > m.end():
            s = s[m.end():]
            changed = True
    return s.strip(" ,;:")


def _valid_tokens(tokens: list[str], single_ok: bool) -> bool:
    real = [t for t in tokens if not re.fullmatch(CONNECTORS, t)]
    if not real:
        return False
    if any(t.rstrip(".") in STOP for t in real):
        return False
    if len(real) == 1:
        return single_ok and len(real[0]) > 2 and not real[0].endswith(".")
    if all(len(t.rstrip(".")) <= 1 for t in real):
        return False
    return True


def country_of(text: str) -> str | None:
    """The first state named or qualified in a post phrase, ignoring 'to X' / 'in X' (postings)."""
    g = gazetteer()
    hits = []
    for rx in (g.party_re, g.adjective_re):
        for m in rx.finditer(text):
            if re.search(r"\b(?:to|in|based in|accredited to)\s+(?:the\s+)?$", text[max(0, m.start() - 20):m.start()], re.I):
                continue
            code = g.code(m.group(0))
            if code and code not in ("UN", "EU"):
                hits.append((m.start(), code))
    return min(hits)[1] if hits else None


def org_of(text: str) -> str | None:
    for rx, org in ORG_PATTERNS:
        if rx.search(text):
            return org
    return None


TOKEN_RE = re.compile(r"[^\W\d_][\w'’.-]*|\S")
ROMAN = re.compile(r"^(?:II|III|IV|VI|Jr\.?)$")
KNOWN_ACRONYMS = re.compile(r"^(?:[A-Z]{2,6}|COVID|ASEAN\w*)$")


NAME_SHAPES = [re.compile(p) for p in (r"[A-Z]\.?", r"[A-Z][^\W\d_]+(?:[-'’][^\W\d_]+)*", r"[A-Z]{2,}(?:-[a-z]+)?",
                                       r"Mc[A-Z][a-z]+|[A-Z][a-z]*[A-Z][a-z]+")]


def _namey(tok: str, g) -> bool:
    if not tok[:1].isupper():
        return False
    t = tok.rstrip(".,")
    if not any(p.fullmatch(tok if i == 0 else t) for i, p in enumerate(NAME_SHAPES)):
        return False
    if t in STOP or "ASEAN" in t or re.search(r"['’]s$", t) or g.code(t) or g.code(re.sub(r"['’]s$", "", t)):
        return False
    return True


def name_runs(text: str, g):
    """Runs of name-like tokens: 'Igor V. Morgulov', 'Abdul Majid bin Ahmad Khan'. Titles,
    post words, countries and acronyms end a run; titles after 'bin' stay inside it."""
    toks = [(m.group(0), m.start(), m.end()) for m in TOKEN_RE.finditer(text)]
    honor = set(g.honorifics)
    runs, cur = [], []
    for i, (tok, a, b) in enumerate(toks):
        gap_ok = not cur or text[cur[-1][2]:a].strip() == ""
        bare = tok.rstrip(".,")
        is_conn = bool(re.fullmatch(CONNECTORS, tok)) and bool(cur)
        inside_title = bool(cur) and (bare in honor or tok in honor) and i + 1 < len(toks) and _namey(toks[i + 1][0], g)
        if gap_ok and (_namey(tok, g) or is_conn or inside_title or (cur and ROMAN.match(tok))) \
                and not (not cur and (bare in honor or tok in honor)):
            cur.append((tok, a, b))
            continue
        if cur:
            runs.append(cur)
        cur = []
        if _namey(tok, g) and not (bare in honor or tok in honor):
            cur = [(tok, a, b)]
    if cur:
        runs.append(cur)
    out = []
    for run in runs:
        while run and (re.fullmatch(CONNECTORS, run[-1][0]) or run[-1][0].rstrip(".,") in honor):
            run = run[:-1]
        # a leading initial left over from 'H.E.' is not part of the name
        while run and (len(run) > 2 and re.fullmatch(r"[A-Z]\.", run[0][0]) or ROMAN.match(run[0][0])
                       or run[0][0].rstrip(".,") in honor):
            run = run[1:]
        if not run:
            continue
        tokens = [t for t, _, _ in run]
        if all(KNOWN_ACRONYMS.match(t.rstrip(".,")) for t in tokens) and len(tokens) < 2:
            continue
        start, end = run[0][1], run[-1][2]
        if text[end - 1] in ".,":
            end -= 1
        out.append((start, end, text[start:end]))
    return out


def _preceding_post(before: str, g) -> re.Match | None:
    """A capitalised post (or a title) ending just before the name, with at most a qualifier
    ('for Foreign Affairs of the Russian Federation') in between."""
    best = None
    for m in re.finditer(rf"(?:{g.post_re.pattern})", before):
        if not m.group(0)[0].isupper():
            continue
        raw_gap = before[m.end():]
        if re.search(rf",\s*and\b|\band\s+(?:{g.honorific_re.pattern})", raw_gap):
            continue  # 'X, Deputy Minister ..., and Ms. Y': the post belongs to X
        gap = re.sub(rf"(?:{g.honorific_re.pattern})\.?", " ", raw_gap)
        if len(gap) > 95 or re.search(r"[;!?]\s|(?<![A-Z])\.\s|\b(?:was|were|is|are|has|have|said|by|who|which|that|with)\b", gap):
            continue
        best = m
    return best


def find_people(body: str, sents, cue_sentences: set[int]) -> list[PersonMention]:
    """Named people in the sentences that report attendance (`cue_sentences` hold the meeting's
    own mentions; other sentences qualify by an attendance verb)."""
    g = gazetteer()
    out: list[PersonMention] = []
    honor_re = re.compile(rf"(?:{g.honorific_re.pattern})\.?\s*$")
    for s in sents:
        text = s.text
        if not (s.index in cue_sentences or ATTEND_CUES.search(text)):
            continue
        if NOT_PRESENT.search(text) and s.index not in cue_sentences:
            continue
        for a, b, name in name_runs(text, g):
            before = text[max(0, a - 140):a]
            after = text[b:b + 100]
            post_before = _preceding_post(before, g)
            titled = bool(honor_re.search(before))
            by_cue = bool(re.search(r"(?:represented|chaired|led|headed|attended)\s+by\s+(?:the\s+)?$", before, re.I)) \
                or bool(re.match(r"\s+(?:led|headed|co-?chaired|chaired|represented)\b", after))
            followed = re.match(rf"\s*,\s*(?:the\s+)?(?:[\w'’-]+\s+){{0,3}}?(?:{g.post_re.pattern})", after, re.I)
            of_country = re.match(rf"\s+of\s+(?:the\s+)?({g.party_re.pattern})", after)
            if not (post_before or titled or by_cue or followed):
                continue
            tokens = name.split()
            adjacent = bool(titled or (post_before and not before[post_before.end():].strip(" ,")))
            if not _valid_tokens(tokens, single_ok=adjacent):
                continue
            if g.code(name) or g.cities.get(name.lower()):
                continue
            pm = PersonMention(name, s.start + a, s.start + b, s.index, evidence=(s.start, s.end))
            if post_before:
                raw_post = before[post_before.start():].strip(" ,")
                qual = re.search(r"((?:(?-i:[A-Z])[\w-]*\s+){1,3})$", before[:post_before.start()])
                if qual and not any(w.rstrip("'’s") in STOP or g.code(w.rstrip("'’s")) for w in qual.group(1).split()):
                    raw_post = qual.group(1) + raw_post
                adj = re.search(rf"({g.adjective_re.pattern}|{g.party_re.pattern})(?:['’]s)?\s+$", before[:post_before.start()])
                if adj:
                    raw_post = adj.group(0) + raw_post
            elif followed:
                raw_post = _post_after(after, g)
            else:
                raw_post = ""
            pm.post = _trim_post(raw_post) or None
            pm.org = org_of(raw_post)
            pm.country = None if pm.org else (country_of(raw_post) or (g.code(of_country.group(1)) if of_country else None)
                                              or _clause_country(text, a))
            if pm.org in ("EU", "UN"):
                pm.country = None
            pm.role = _role(text, a, len(name))
            out.append(pm)
    people = merge_people(out)
    _upgrade_roles(people, sents)
    return people


def _upgrade_roles(people: list[PersonMention], sents) -> None:
    """'A and B co-chaired the talks': a later sentence naming a
    known person (in full or by surname) next to a role cue gives that role."""
    rank = {"chair": 3, "co-chair": 3, "head-of-delegation": 2, "participant": 1}
    for p in people:
        forms = {p.name}
        toks = p.name.split()
        if len(toks) > 1:
            forms.add(toks[-1])
        for s in sents:
            for form in forms:
                for at in _word_positions(s.text, form):
                    role = _role(s.text, at, len(form))
                    if rank[role] > rank[p.role]:
                        p.role = role


def _word_positions(text: str, word: str):
    """Where `word` stands as a whole word (no regex: names would flood the pattern cache)."""
    i = text.find(word)
    while i >= 0:
        before = text[i - 1] if i else " "
        after = text[i + len(word)] if i + len(word) < len(text) else " "
        if not (before.isalnum() or before == "-") and not (after.isalnum() or after == "-"):
            yield i
        i = text.find(word, i + 1)


def _post_after(after: str, g) -> str:
    m = re.match(rf"\s*,\s*((?:the\s+)?(?:[\w'’-]+\s+){{0,3}}?(?:{g.post_re.pattern})[^;()]*?)"
                 rf"(?=;|\sand\s(?:H\.E|Mr|Ms|Dr)|\s(?:also|who|were|was|has|had|said|co-?chaired|welcomed)\b|[.;]\s|[.;]$|,\s+(?:and\s+)?(?:H\.E|Mr|Ms)|(?-i:\sand\s[A-Z][a-z]+\s[A-Z])|$)",
                 after, re.I)
    return m.group(1) if m else ""


def _trim_post(p: str) -> str:
    g = gazetteer()
    p = re.sub(r"^(?:the|a|an)\s+", "", p.strip(" ,"), flags=re.I)
    for _ in range(3):  # titles before the name are not part of the post ('..., H.E. Mr.')
        p = re.sub(rf"[\s,]*(?:{g.honorific_re.pattern})\.?\s*$", "", p).strip(" ,")
    p = re.sub(rf"^(?:{g.adjective_re.pattern})\s+(?=[A-Z])", "", p)
    # a trailing ', Thailand' names the country, not the post
    p = re.sub(rf",\s*(?:the\s+)?(?:{g.party_re.pattern})\s*$", "", p)
    p = re.sub(r"\s+(?:of|for|to|and|the)\s*$", "", p)
    return p.strip(" ,")


def _clause_country(text: str, offset: int) -> str | None:
    """A country named just before the person, in the same clause: 'Thai Prime Minister X',
    'Russia was represented by X', '... Affairs, Brunei Darussalam; ...' after the name."""
    start = max(text.rfind(";", 0, offset), text.rfind(",", 0, max(0, offset - 2)), 0)
    window = text[start:offset]
    code = country_of(window)
    if code:
        return code
    nxt = re.search(r";|$", text[offset:])
    tail = text[offset:offset + (nxt.start() if nxt else 0)]
    parts = [p.strip() for p in tail.split(",")]
    if len(parts) > 1:
        g = gazetteer()
        last = re.sub(r"^(?:the\s+)", "", parts[-1].strip(" .;"), flags=re.I)
        last = re.sub(r"\s+and(?:\s+their)?.*$", "", last)
        return g.code(last) if g.code(last) not in ("EU", "UN") else None
    return None


def _role(text: str, offset: int, length: int) -> str:
    for rx, role in ROLE_CUES:
        for m in rx.finditer(text):
            # the cue governs names after it ('co-chaired by X and Y') or just before it ('X and Y co-chaired')
            if m.start() < offset and offset - m.end() < 160:
                between = text[m.end():offset]
                if role == "co-chair" or not re.search(r"[.;]", between):
                    if role != "head-of-delegation" or len(between) < 90:
                        return role
            reach = 260 if role == "co-chair" else 100  # 'X, <post>, and Y, <post>, co-chaired'
            if m.start() >= offset + length and m.start() - (offset + length) < reach:
                between = text[offset + length:m.start()]
                if not re.search(r"(?<![A-Z])[.;]\s|\bby\b|\b(?:said|was|were|is|are|had|has)\b", between):
                    return role
    return "participant"


def surname_key(name: str) -> tuple[str, str]:
    toks = [t for t in re.sub(r"[^\w\s-]", " ", name).split() if len(t) > 1 and not re.fullmatch(CONNECTORS, t)]
    return (toks[0].lower() if toks else "", toks[-1].lower() if toks else "")


def merge_people(people: list[PersonMention]) -> list[PersonMention]:
    """One entry per person: 'Igor V. Morgulov', 'Igor Morgulov' and 'Morgulov' are one."""
    out: list[PersonMention] = []
    rank = {"chair": 3, "co-chair": 3, "head-of-delegation": 2, "participant": 1}
    for p in people:
        key = surname_key(p.name)
        same = None
        for q in out:
            qk = surname_key(q.name)
            if key == qk or (len(p.name.split()) == 1 and p.name.lower() in (qk[0], qk[1])) or \
                    (len(q.name.split()) == 1 and q.name.lower() in key):
                same = q
                break
            ta, tb = set(norm(p.name).split()), set(norm(q.name).split())
            if len(ta & tb) >= 2:
                same = q
                break
        if same is None:
            out.append(p)
            continue
        if len(p.name.split()) > len(same.name.split()) and len(same.name.split()) == 1:
            same.name = p.name
        same.country = same.country or p.country
        same.org = same.org or p.org
        if not same.post or (p.post and len(p.post) > len(same.post) and not same.post):
            same.post = p.post
        if rank[p.role] > rank[same.role]:
            same.role = p.role
    return out
