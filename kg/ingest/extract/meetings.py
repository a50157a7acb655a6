"""Meetings between ASEAN and external parties, as the text names them.

Each rule below finds one way diplomatic English names a meeting, anchored on a word it
cannot do without ('ASEAN', 'PMC', a framework's name, a defined acronym), so no pattern is
tried at every character:

- `pair_names`        'the 17th ASEAN-Russia Senior Officials' Meeting', 'Russia – ASEAN Summit'
- `between_names`     'the 9th Dialogue between ASEAN and Ruritania'
- `pmc_names`         'the Post Ministerial Conference (PMC) with the United States'
- `framework_names`   'the 14th East Asia Summit', 'the 9th ADMM-Plus', 'ASEAN Plus Three Summit'
- `acronym_names`     'the 6th AG-DPC', 'ARSOM' (an ASEAN-partner acronym ending in a meeting type)
- `encounters`        unnamed meetings: a partner's official meeting ASEAN's ministers, leaders,
                      ambassadors or committee, a courtesy call on the Secretary-General
"""

from __future__ import annotations

import re
from bisect import bisect_left, insort
from dataclasses import dataclass, field

from .cues import cue
from .dates import MONTH_RE, WEEKDAY_RE
from .gazetteer import gazetteer
from .text import ORDINAL_RE, ordinal_value

DASH = r"\s*[-–—‐]\s*"


@dataclass
class MeetingMention:
    start: int  # body offsets of the name
    end: int
    sentence: int
    name: str | None
    level: str
    framework: str
    partners: list
    edition: int | None = None
    acronym: str | None = None
    kind: str = "named"  # named | courtesy | encounter


@dataclass
class Meeting:
    mentions: list = field(default_factory=list)
    status: str = "mentioned"
    main: bool = False  # the meeting the release is about

    @property
    def first(self) -> MeetingMention:
        return self.mentions[0]

    @property
    def edition(self) -> int | None:
        return next((x.edition for x in self.mentions if x.edition), None)


# --- the patterns, built once from the lexicon ------------------------------------------------

NOT_A_TOPIC = rf"(?!(?:{MONTH_RE}|{WEEKDAY_RE}|the\s+(?:sidelines|margins|occasion)|(?:19|20)\d\d)\b)"
QUALIFIERS = (
    r"(?:(?:annual|special|informal|extraordinary|inaugural|commemorative|first-ever|virtual|online|resumed)\s+)*"
)


def _build():
    g = gazetteer()
    partner, types = g.partner_alt, g.meeting_type_re
    paren = r"(?:\s*\([A-Z][A-Za-z.]{1,6}\))?"
    # 'Working Group on Cybersecurity', 'Workshop on Maritime Domain Awareness'; never 'Summit on Wednesday'
    on_topic = (
        rf"(?:\s+on\s+(?:the\s+)?{NOT_A_TOPIC}(?-i:[A-Z][\w-]*)"
        rf"(?:\s+(?:and\s+|of\s+|for\s+)?{NOT_A_TOPIC}(?-i:[A-Z][\w-]*)){{0,5}})?"
    )
    return {
        "anchor": re.compile(
            r"\b(?:ASEAN|Asean|AEM|Association\s+of\s+South[\s-]?east\s+Asian\s+Nations(?:\s*\((?:ASEAN|Asean)\))?)(?![\w])"
        ),
        "after": re.compile(rf"{DASH}(?:the\s+)?(?P<p>{partner}){paren}", re.I),
        "before": re.compile(rf"(?<![\w-])(?P<p>{partner}){paren}(?:{DASH}|\s*\+\s*)\Z", re.I),
        "type": re.compile(
            rf"(?:{DASH}|\s+)(?:(?-i:[A-Z][\w'’-]+)\s+){{0,3}}?(?P<type>{types})(?:s)?(?![\w])"
            rf"(?!\s+(?:Partner|Relations|Coordinator|process|mechanism|status|Fund|Centre|Center))"
            rf"{on_topic}(?P<acr>\s*\((?P<acro>[A-Z][A-Za-z+&-]{{1,10}}(?:\s?\+\s?1)?)\))?",
            re.I,
        ),
        "prefix": re.compile(
            rf"(?:\bthe\s+)?(?:(?P<ord>{ORDINAL_RE})\s+)?{QUALIFIERS}"
            rf"(?:(?:Meeting|Session|Round)\s+of\s+the\s+)?\Z",
            re.I,
        ),
        "between_before": re.compile(
            rf"(?:\bthe\s+)?(?:(?P<ord>{ORDINAL_RE})\s+)?{QUALIFIERS}(?P<type>{types})\s+"
            rf"(?:between|of)\s+(?:the\s+)?\Z",
            re.I,
        ),
        "between_after": re.compile(rf"(?:\s*\(ASEAN\))?\s+and\s+(?:the\s+)?(?P<p>{partner})", re.I),
        "pmc": re.compile(
            rf"(?:\bthe\s+)?(?:(?P<ord>{ORDINAL_RE})\s+)?(?:ASEAN\s+)?"
            rf"(?P<type>Post[\s-]+Ministerial\s+Conference(?:\s*\(PMC\))?|PMC)"
            rf"(?:\s*(?:\+\s*1|Plus\s+One|\(PMC\s*\+\s*1\)))?(?:\s+(?:session|meeting))?\s+"
            rf"(?:with|\+)\s+(?:the\s+)?(?P<p>{partner})",
            re.I,
        ),
        "frameworks": [
            (
                re.compile(
                    rf"(?:\bthe\s+)?(?:(?P<ord>{ORDINAL_RE})\s+)?(?:ASEAN\s+Regional\s+Forum|\bARF\b)(?:\s*\(ARF\))?"
                    rf"(?:\s+(?P<type>Ministerial\s+Meeting|Senior\s+Officials['’]?\s+Meeting|SOM|Defen[cs]e\s+Officials['’]?\s+Dialogue))?",
                    re.I,
                ),
                "ARF",
            ),
            (
                re.compile(
                    rf"(?:\bthe\s+)?(?:(?P<ord>{ORDINAL_RE})\s+)?(?:ASEAN\s+Defen[cs]e\s+Ministers['’]?\s+Meeting[\s-]*Plus|ADMM[\s-]*Plus)"
                    rf"(?:\s*\(ADMM[\s-]*Plus\))?",
                    re.I,
                ),
                "ADMM-Plus",
            ),
            (
                re.compile(
                    rf"(?:\bthe\s+)?(?:(?P<ord>{ORDINAL_RE})\s+)?(?:East\s+Asia\s+Summit|\bEAS\b)(?:\s*\(EAS\))?"
                    rf"(?:\s+(?P<type>Foreign\s+Ministers['’]?\s+Meeting|Senior\s+Officials['’]?\s+Meeting|Economic\s+Ministers['’]?\s+Meeting))?",
                    re.I,
                ),
                "EAS",
            ),
            (
                re.compile(
                    rf"(?:\bthe\s+)?(?:(?P<ord>{ORDINAL_RE})\s+)?(?:Special\s+)?(?:ASEAN\s*(?:Plus\s+Three|\+\s*3)|\bAPT\b)\s+"
                    rf"(?P<type>{types})(?:\s+on\s+{NOT_A_TOPIC}[A-Z][\w-]+)?",
                    re.I,
                ),
                "APT",
            ),
        ],
        "acronym": re.compile(
            rf"(?:\bthe\s+)?(?:(?P<ord>{ORDINAL_RE})\s+)?(?P<acr>\bA(?P<mid>[A-Z]{{1,3}})-?(?P<type>SOM|SOC|JCC|JSCC|DPC|FMM|PMC)\b)"
        ),
    }


_PATTERNS = None


def patterns() -> dict:
    global _PATTERNS
    if _PATTERNS is None:
        _PATTERNS = _build()
    return _PATTERNS


def level_of(type_text: str) -> tuple[str, str | None]:
    """Level and acronym of a meeting type ('Senior Officials' Meeting' -> som, SOM)."""
    types = gazetteer().meeting_types
    for rx, level, acr in types:
        if rx.fullmatch(type_text.strip()):
            return level, acr
    for rx, level, acr in types:
        if rx.search(type_text):
            return level, acr
    return "other", None


def clean_name(s: str) -> str:
    s = re.sub(r"^\s*the\s+", "", s, flags=re.I).strip()
    s = re.sub(r"\s+", " ", s.replace("’", "'"))
    return re.sub(r"\s*[-–—‐]\s*", "-", s)


def edition_before(body: str, sent, start: int) -> tuple[int, int | None]:
    """(start of the name with its article and ordinal, edition): 'the 17th', 'Seventeenth',
    'the 34th annual'. A day of a date ('April 22nd') is not an edition."""
    m = patterns()["prefix"].search(body, max(sent.start, start - 60), start)
    if not m:
        return start, None
    ordinal = m.group("ord")
    if ordinal and re.search(rf"{MONTH_RE}\s*$", body[max(sent.start, m.start("ord") - 12) : m.start("ord")], re.I):
        return m.start("ord"), None
    return m.start(), (ordinal_value(ordinal) if ordinal else None)


class Collector:
    """Mentions found in one release; a span is claimed once (the first rule to find it wins)."""

    def __init__(self, body: str):
        self.body = body
        self.out: list[MeetingMention] = []
        self.taken: list[tuple[int, int]] = []  # claimed spans, disjoint, sorted by start

    def free(self, a: int, b: int) -> bool:
        """No claimed span overlaps [a, b) (the spans are disjoint: only the neighbours can)."""
        i = bisect_left(self.taken, (a, b))
        return (i == 0 or self.taken[i - 1][1] <= a) and (i == len(self.taken) or b <= self.taken[i][0])

    def add(self, a, b, sent, level, framework, partners, acronym=None, edition=None, kind="named") -> bool:
        if not self.free(a, b):
            return False
        insort(self.taken, (a, b))
        self.out.append(
            MeetingMention(
                a, b, sent.index, clean_name(self.body[a:b]), level, framework, partners, edition, acronym, kind
            )
        )
        return True


def _external(code) -> bool:
    g = gazetteer()
    return bool(code) and not g.is_member(code)


def pair_names(body: str, sent, found: Collector) -> None:
    """Rule: ASEAN and a partner joined by a dash (either order), then a meeting type:
    'ASEAN-Russia Senior Officials' Meeting (ARSOM)', 'Russia – ASEAN Summit', 'U.S.-ASEAN Dialogue'."""
    rx, g = patterns(), gazetteer()
    for am in rx["anchor"].finditer(body, sent.start, sent.end):
        pair = None
        after = rx["after"].match(body, am.end(), sent.end)
        if after:
            pair = (am.start(), after.end(), after.group("p"))
        else:
            before = rx["before"].search(body, max(sent.start, am.start() - 60), am.start())
            if before:
                pair = (before.start(), am.end(), before.group("p"))
        if not pair:
            continue
        code = g.code(pair[2])
        t = rx["type"].match(body, pair[1], sent.end)
        if _external(code) and t:
            start, edition = edition_before(body, sent, pair[0])
            level, acr = level_of(t.group("type"))
            found.add(start, t.end(), sent, level, "ASEAN+1", [code], t.group("acro") or acr, edition)


def between_names(body: str, sent, found: Collector) -> None:
    """Rule: a meeting type, then 'between' or 'of', ASEAN and a partner: 'the 19th dialogue
    between ASEAN and Ruritania', 'a Meeting of senior officials of ASEAN and China'."""
    rx, g = patterns(), gazetteer()
    for am in rx["anchor"].finditer(body, sent.start, sent.end):
        bb = rx["between_before"].search(body, max(sent.start, am.start() - 90), am.start())
        ba = rx["between_after"].match(body, am.end(), sent.end)
        if bb and ba:
            code = g.code(ba.group("p"))
            if _external(code):
                level, acr = level_of(bb.group("type"))
                edition = ordinal_value(bb.group("ord")) if bb.group("ord") else None
                found.add(bb.start(), ba.end(), sent, level, "ASEAN+1", [code], acr, edition)


def pmc_names(body: str, sent, found: Collector) -> None:
    """Rule: the Post Ministerial Conference with one partner is that partner's ministerial
    meeting with ASEAN: 'PMC+1 with Canada', 'ASEAN Post Ministerial Conference with the U.S.'."""
    g = gazetteer()
    for m in patterns()["pmc"].finditer(body, sent.start, sent.end):
        code = g.code(m.group("p"))
        if _external(code):
            edition = ordinal_value(m.group("ord")) if m.group("ord") else None
            found.add(m.start(), m.end(), sent, "ministerial", "ASEAN+1", [code], "PMC+1", edition)


INSTITUTION_CONTEXT = re.compile(
    r"(?:such\s+as|including|like|namely|mechanisms?|fora|forums|platforms|processes|frameworks?|architecture|"
    r"participation\s+in|role\s+in|membership\s+(?:of|in)|joining|join|accede|accession\s+to|members?\s+of|"
    r"(?:ASEAN|regional)[\s-]+led)\b[^.;]{0,60}$",
    re.I,
)


FRAMEWORK_WORDS = re.compile(
    r"ASEAN\s+Plus\s+(?:One|Three)|ASEAN\s*\+\s*[13]|\bAPT\b|East\s+Asia\s+Summit|\bEAS\b|"
    r"ASEAN\s+Regional\s+Forum|\bARF\b|ADMM[\s-]*Plus|ASEAN\s+Defen[cs]e\s+Ministers['’]?\s+Meeting[\s-]*Plus|"
    r"\bEAMF\b|Expanded\s+ASEAN\s+Maritime\s+Forum|ASEAN[\s-]+led\s+mechanisms?",
    re.I,
)
LIST_JOINT = re.compile(r"^\s*(?:\([A-Z-]{2,10}\s*\))?\s*(?:,\s*(?:and\s+)?|\s+and\s+|\s+or\s+)(?:the\s+)?$", re.I)


def in_list_of_fora(body: str, sent, start: int, end: int) -> bool:
    """Rule: a framework named in a list of fora ('including the East Asia Summit (EAS), the
    ASEAN Regional Forum (ARF) and ...') names institutions, not a meeting."""
    text = body[sent.start : sent.end]
    a, b = start - sent.start, end - sent.start
    for m in FRAMEWORK_WORDS.finditer(text):
        if m.end() <= a and LIST_JOINT.match(text[m.end() : a]):
            return True
        if m.start() >= b and LIST_JOINT.match(text[b : m.start()]):
            return True
    return False


FRAMEWORK_WORDS = re.compile(
    r"Regional\s+Forum|\bARF\b|Defen[cs]e\s+Ministers|ADMM|East\s+Asia\s+Summit|\bEAS\b|"
    r"Plus\s+Three|\+\s*3|\bAPT\b",
    re.I,
)


def framework_names(body: str, sent, found: Collector) -> None:
    """Rule: a meeting of an ASEAN-led framework: 'the 14th East Asia Summit', 'the 9th ADMM-Plus',
    'the ASEAN Plus Three Foreign Ministers' Meeting', 'the ARF'. A framework named as an
    institution ('ASEAN-led mechanisms such as the ARF and the EAS') without an ordinal or a
    meeting type is not a meeting."""
    if not FRAMEWORK_WORDS.search(body, sent.start, sent.end):
        return  # the full patterns open with optional ordinals: costly to try at every character
    for fx, framework in patterns()["frameworks"]:
        for m in fx.finditer(body, sent.start, sent.end):
            typed = m.groupdict().get("type")
            edition = ordinal_value(m.group("ord")) if m.group("ord") else None
            if (
                not edition
                and not typed
                and (
                    INSTITUTION_CONTEXT.search(body[max(sent.start, m.start() - 80) : m.start()])
                    or in_list_of_fora(body, sent, m.start(), m.end())
                )
            ):
                continue
            found.add(
                m.start(),
                m.end(),
                sent,
                framework_level(framework, m.group(0)),
                framework,
                [],
                framework if framework != "APT" else None,
                edition,
            )


def framework_level(framework: str, text: str) -> str:
    if framework == "APT":
        return level_of(re.sub(r"^.*?(?:Three|\+\s*3|APT)\s+", "", text, flags=re.I))[0]
    if re.search(r"Senior\s+Officials|\bSOM\b|Officials['’]?\s+Dialogue", text, re.I):
        return "som"
    if framework == "EAS":
        return "ministerial" if re.search(r"Ministers", text, re.I) else "summit"
    return "ministerial"


def acronym_names(body: str, sent, found: Collector, dominant: str | None) -> None:
    """Rule: an ASEAN-partner acronym ending in a meeting type ('ARSOM', 'AUKSOM', 'AG-DPC',
    'ACSOC'): A + the partner's initials + SOM/SOC/JCC/JSCC/DPC/FMM/PMC. Only the release's own
    partner can stand in the middle, so the initials must be its initials."""
    if not dominant:
        return
    initials = partner_initials(dominant)
    for m in patterns()["acronym"].finditer(body, sent.start, sent.end):
        if m.group("mid") not in initials:
            continue
        level, _ = level_of(
            {
                "SOC": "Senior Officials Consultation",
                "FMM": "Foreign Ministers Meeting",
                "DPC": "Development Partnership Committee",
                "PMC": "PMC+1",
            }.get(m.group("type"), m.group("type"))
        )
        edition = ordinal_value(m.group("ord")) if m.group("ord") else None
        found.add(m.start(), m.end(), sent, level, "ASEAN+1", [dominant], m.group("acr"), edition)


def partner_initials(code: str) -> set[str]:
    """'UK', 'U', 'G', 'R', 'C' ...: the letters a partner takes in an ASEAN acronym."""
    g = gazetteer()
    party = g.parties.get(code)
    out = {code}
    for name in party.names if party else []:
        words = [w for w in re.findall(r"[A-Z][\w]*", name) if w not in ("Republic", "People", "Federation", "Kingdom")]
        if words:
            out.add(words[0][0])
            out.add("".join(w[0] for w in words))
        if name.isupper() and len(name) <= 3:
            out.add(name)
    return out


def find_named(body: str, sents, dominant: str | None = None) -> list[MeetingMention]:
    """Every named meeting, by the rules above, in text order."""
    found = Collector(body)
    for sent in sents:
        if re.search(r"PMC|Post[\s-]+Ministerial", sent.text, re.I):
            pmc_names(body, sent, found)  # the Post Ministerial Conference is ASEAN's, named or not
        if re.search(r"ASEAN|AEM|Association\s+of\s+South", sent.text, re.I):  # 'Asean' too
            pair_names(body, sent, found)
            between_names(body, sent, found)
    for sent in sents:
        if re.search(
            r"Regional\s+Forum|ARF|ADMM|Defen[cs]e\s+Ministers|East\s+Asia\s+Summit|EAS|Plus\s+Three|\+\s*3|APT",
            sent.text,
            re.I,
        ):
            framework_names(body, sent, found)
    for sent in sents:
        acronym_names(body, sent, found, dominant)
    return sorted(found.out, key=lambda x: x.start)


# --- unnamed meetings ------------------------------------------------------------------------

ASEAN_GROUP = re.compile(
    r"\bASEAN(?:'s|’s)?\s+(?:member\s+states['’]?\s+)?(?P<who>foreign\s+ministers|ministers|leaders|heads\s+of\s+(?:state|government)|"
    r"counterparts?|heads?\s+of\s+missions?|ambassadors|permanent\s+representatives|committee\s+in\s+[A-Z][\w ]+?|"
    r"top\s+diplomats)\b"
    r"|\b(?:ASEAN|Association\s+of\s+Southeast\s+Asian\s+Nations)\s*(?:\(ASEAN\)\s*)?(?P<who3>Committee)\b"
    r"|\b(?P<who4>ambassadors|heads\s+of\s+missions?)\b[^.]{0,60}\bASEAN\b|\bASEAN\b[^.]{0,30}\b(?P<who5>ambassadors)\b"
    r"|\b(?P<who2>foreign\s+ministers|leaders|ambassadors|heads\s+of\s+missions?)\s+of\s+(?:the\s+)?(?:ASEAN|Association\s+of\s+Southeast\s+Asian\s+Nations)",
    re.I,
)
SECRETARIAT = re.compile(r"(?P<who>(?:Deputy\s+)?Secretary[- ]General|\bDSG\b|ASEAN\s+Secretariat)", re.I)
ANAPHORA = re.compile(
    r"\b(?:the|this)\s+(?:meeting|dialogue|consultation|summit|session|committee|forum)\s+"
    r"(?:was|were|is|has|had|reviewed|discussed|noted|agreed|co-?chaired)",
    re.I,
)


def dominant_partner(sents, n: int = 6) -> str | None:
    """The external party the lead of a release talks about most."""
    g = gazetteer()
    counts: dict = {}
    for s in sents[:n]:
        for rx in (g.partner_name_re, g.adjective_re):
            for m in rx.finditer(s.text):
                c = g.code(m.group(0))
                if c and not g.is_member(c) and c not in ("UN",):
                    counts[c] = counts.get(c, 0) + 1
    return max(counts, key=counts.get) if counts else None


def parties_named(text: str) -> list[str]:
    """External parties named (or qualified by an adjective) in a text, in order, once each."""
    g = gazetteer()
    hits = [(m.start(), g.code(m.group(0))) for rx in (g.partner_name_re, g.adjective_re) for m in rx.finditer(text)]
    codes = [c for _, c in sorted(hits)]
    return [c for c in dict.fromkeys(codes) if c and not g.is_member(c) and c != "UN"]


WHO = (
    r"(?P<who>(?:senior|top|high-level)\s+officials|(?:foreign|economic|defen[cs]e|trade)\s+ministers|ministers|leaders|"
    r"heads\s+of\s+(?:state|government)(?:\s*(?:/|and|or)\s*government)?|ambassadors)"
)


def joint_subject_pattern() -> re.Pattern:
    g = gazetteer()
    asean = (
        r"(?:ASEAN|Asean|(?:the\s+)?Association\s+of\s+South[\s-]?east\s+Asian\s+Nations(?:\s*\(ASEAN\))?)"
        r"(?:\s+(?:member\s+(?:states|countries)|countries))?"
    )
    return re.compile(
        rf"\b{WHO}\s+(?:of|from)\s+(?:the\s+)?(?:ten\s+(?:\(10\)\s+)?)?"
        rf"(?:{asean}\s+and\s+(?:the\s+)?(?P<p1>{g.partner_alt})|(?P<p2>{g.partner_alt})\s+and\s+(?:the\s+)?{asean})",
        re.I,
    )


_JOINT = None


def joint_subjects(body: str, sents, found_named=()) -> list[MeetingMention]:
    """Rule: officials of both sides as one subject: 'Senior officials of ASEAN's member states
    and of the partner gathered in its capital', 'a meeting of senior officials from
    Russia and ASEAN took place'. The level follows who met."""
    global _JOINT
    if _JOINT is None:
        _JOINT = joint_subject_pattern()
    g = gazetteer()
    out = []
    for s in sents:
        for m in _JOINT.finditer(s.text):
            code = g.code(m.group("p1") or m.group("p2"))
            if not _external(code) or any(x.start < s.end and x.end > s.start for x in found_named):
                continue
            out.append(
                MeetingMention(
                    s.start + m.start(),
                    s.start + m.end(),
                    s.index,
                    None,
                    "som" if "official" in m.group("who").lower() else encounter_level(m.group("who"), False),
                    "ASEAN+1",
                    [code],
                    None,
                    None,
                    "encounter",
                )
            )
    return out


def encounter_level(who: str, courtesy: bool) -> str:
    who = who.lower()
    if courtesy or "secretar" in who:
        return "other"
    if "minister" in who or "diplomat" in who or "counterpart" in who:
        return "ministerial"
    if "leader" in who or "heads of state" in who or ("government" in who and "heads" in who):
        return "summit"
    return "other"


def encounters(
    body: str, sents, named=(), lead_sentences: int = 6, dominant: str | None = None
) -> list[MeetingMention]:
    """Rule: an unnamed meeting in the lead of a release: a partner's official meeting ASEAN's
    ministers, leaders, ambassadors, committee or Secretary-General, or a courtesy call on the
    Secretariat. A sentence about a named meeting ('The Meeting was attended by ...') is not one."""
    out = []
    for s in sents[:lead_sentences]:
        text = s.text
        grp = ASEAN_GROUP.search(text)
        courtesy = cue("courtesy").search(text)
        if courtesy:
            grp = SECRETARIAT.search(text) or grp
        if not grp or not (cue("encounter").search(text) or courtesy):
            continue
        if ANAPHORA.search(text) or any(m.start < s.end and m.end > s.start for m in named):
            continue
        partners = parties_named(text)
        if not partners and dominant:
            partners = [dominant]
        if len(partners) != 1:
            continue
        who = next(
            (grp.group(k) for k in ("who", "who2", "who3", "who4", "who5") if k in grp.re.groupindex and grp.group(k)),
            "",
        )
        out.append(
            MeetingMention(
                s.start + grp.start(),
                s.start + grp.end(),
                s.index,
                None,
                encounter_level(who, bool(courtesy)),
                "ASEAN+1",
                partners,
                None,
                None,
                "courtesy" if courtesy else "encounter",
            )
        )
    return out


PLURAL = re.compile(r"(?:Meetings|Summits|Dialogues|Forums|Fora)$")  # 'Consultations' names one meeting


def plural(m: MeetingMention) -> bool:
    """'two UK-ASEAN Ministerial Meetings': several meetings named at once, none of them reported."""
    return bool(m.name and PLURAL.search(m.name))


def group_mentions(mentions: list[MeetingMention]) -> list[Meeting]:
    """Mentions of one meeting (same framework, partners, level and compatible edition) merge;
    a plural name stands alone."""
    meetings: list[Meeting] = []
    alike: dict = {}  # (framework, partners, level) -> meetings of that kind, in order
    editions: dict = {}  # id(meeting) -> the editions its mentions carry
    for m in mentions:
        target = None
        key = (m.framework, tuple(sorted(m.partners)), m.level)
        for mt in [] if plural(m) else alike.get(key, []):
            if plural(mt.first):
                continue
            f = mt.first
            known = editions[id(mt)]
            if m.edition and known and m.edition not in known:
                continue
            if m.kind != f.kind and "named" not in (m.kind, f.kind):
                continue
            target = mt
            break
        if target is None:
            target = Meeting([m])
            meetings.append(target)
            alike.setdefault(key, []).append(target)
            editions[id(target)] = set()
        else:
            target.mentions.append(m)
        if m.edition:
            editions[id(target)].add(m.edition)
    return meetings
