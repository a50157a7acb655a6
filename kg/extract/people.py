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
Year Years Anniversary Commemorative Inaugural Annual Also First Second Third Fourth Fifth""".split())

ROLE_CUES = [
    (re.compile(r"\bco-?chair(?:ed|s|ing)?\b|\bco-?chairm[ae]n\b|\bco-?chairpersons?\b", re.I), "co-chair"),
    (re.compile(r"\b(?<!co-)(?<!co)chaired\b|\bchaired by\b|\bpresided\b", re.I), "chair"),
    (re.compile(r"\b(?:represented by|led by|headed by|led (?:the|his|her|their|a) \w*\s*delegation|"
                r"headed (?:the|his|her|their|a) \w*\s*delegation|head(?:ed)? of (?:the )?delegation|"
                r"was represented|were represented|representing\b)", re.I), "head-of-delegation"),
]
ATTEND_CUES = re.compile(
    r"\b(attend(?:ed|ing|s)?|co-?chair(?:ed)?|chair(?:ed)?|led|headed|represented|met|meets|meeting|"
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
            before = text[max(0, m.start() - 4):m.start()].lower()
            if before.endswith(("to ", "in ")) or before.endswith("to the "[-4:]):
                continue
            pre = text[max(0, m.start() - 7):m.start()].lower()
            if pre.endswith(("to the ", " in the")):
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


def find_people(body: str, sents, cue_sentences: set[int]) -> list[PersonMention]:
    """Named people in the sentences that report attendance (`cue_sentences` hold the meeting's
    own mentions; other sentences qualify by an attendance verb)."""
    g = gazetteer()
    out: list[PersonMention] = []
    post_or_title = re.compile(rf"(?:{g.post_re.pattern}|(?:{g.honorific_re.pattern}))", re.I)
    for s in sents:
        text = s.text
        if not (s.index in cue_sentences or ATTEND_CUES.search(text)):
            continue
        if NOT_PRESENT.search(text) and s.index not in cue_sentences:
            continue
        for m in NAME_RE.finditer(text):
            raw = m.group(0)
            name = clean_name(raw)
            if not name:
                continue
            offset = m.start() + raw.index(name.split()[0]) if name.split()[0] in raw else m.start()
            tokens = name.split()
            # strip leading post words that the regex swallowed ("Premier Li Keqiang")
            while tokens and (tokens[0].rstrip(".") in STOP or g.honorific_re.fullmatch(tokens[0])):
                offset = text.index(tokens[1], offset) if len(tokens) > 1 else offset
                tokens = tokens[1:]
            while tokens and tokens[-1].rstrip(".,") in STOP:
                tokens = tokens[:-1]
            if not tokens:
                continue
            name = " ".join(tokens)
            before = text[max(0, offset - 60):offset]
            after = text[offset + len(name):offset + len(name) + 80]
            preceded = bool(re.search(rf"(?:{post_or_title.pattern})[\s,]*(?:of [\w ().'’-]+?)?[\s,]*$", before, re.I)) \
                or bool(re.search(r"(?:represented by|chaired by|led by|headed by|and|by)\s*$", before, re.I))
            followed = bool(re.match(rf"\s*,\s*(?:the\s+)?(?:[\w'’-]+\s+){{0,3}}(?:{g.post_re.pattern})", after, re.I)) \
                or bool(re.match(r"\s*\((?:[\w'’ -]+)\)", after))
            if not (preceded or followed):
                continue
            if not _valid_tokens(tokens, single_ok=preceded):
                continue
            if g.code(name) or g.cities.get(name.lower()):
                continue
            start = s.start + offset
            pm = PersonMention(name, start, start + len(name), s.index, evidence=(s.start, s.end))
            post_text = _post(before, after, g)
            pm.post = post_text or None
            pm.org = org_of(post_text or "")
            pm.country = None if pm.org else country_of(post_text or "") or _clause_country(text, offset)
            if pm.org in ("EU", "UN"):
                pm.country = None
            pm.role = _role(text, offset, len(name))
            out.append(pm)
    return merge_people(out)


def _post(before: str, after: str, g) -> str:
    m = re.match(rf"\s*,\s*((?:the\s+)?[^;:()]*?(?:{g.post_re.pattern})[^;()]*?)(?=;|\sand\s(?:H\.E|Mr|Ms|Dr)|\s(?:and|also|who|as|were|was|has|had|said|co-?chaired|welcomed)\b|[.;]\s|$)",
                 after, re.I)
    if m:
        return _trim_post(m.group(1))
    m = re.search(rf"((?:[A-Z][\w'’-]*\s+)?(?:{g.post_re.pattern})(?:[\w\s,'’()&-]*?))[\s,]*$", before)
    if m:
        return _trim_post(m.group(1))
    return ""


def _trim_post(p: str) -> str:
    g = gazetteer()
    p = re.sub(r"^(?:the|a|an)\s+", "", p.strip(" ,"), flags=re.I)
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
            if m.start() >= offset + length and m.start() - (offset + length) < 100:
                between = text[offset + length:m.start()]
                if not re.search(r"[.;]|\bby\b", between):
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
