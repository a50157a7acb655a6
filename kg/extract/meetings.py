"""Meetings between ASEAN and external parties: named meetings ('17th ASEAN-Russia Senior
Officials' Meeting', 'Sixth ADMM-Plus'), courtesy calls at the Secretariat, and encounters of a
partner's official with ASEAN's ministers, leaders or ambassadors."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from .gazetteer import gazetteer
from .text import ORDINAL_RE, ordinal_value

DASH = r"\s*[-–—‐]\s*"
FUTURE = re.compile(r"\b(will|would|shall|to be (?:held|convened|hosted)|upcoming|forthcoming|next\s+(?:week|month|year)|"
                    r"ahead of|is scheduled|are scheduled|was scheduled|planned|plans? to|expected to|look(?:ed|s)? forward to|"
                    r"preparations? for|prepare for|in the lead[- ]up|in preparation|proposed|propose|to attend|"
                    r"will take place|set to|due to)\b", re.I)
RECALL = re.compile(r"\b(last\s+(?:year|month|week|January|February|March|April|May|June|July|August|September|"
                    r"October|November|December)|previous|earlier|decisions? (?:made|taken|reached) (?:by .{0,40})?at|"
                    r"follow[- ](?:up|through)|since the|outcomes? of the|as underlined|as agreed at|agreed at the|"
                    r"adopted at the|mandated by|tasked by|recalled|recalling|the results of)\b", re.I)
HELD = re.compile(r"\b(held|took place|convened|met\b|meets\b|was opened|opened|co-?chaired|chaired|gathered|"
                  r"attended|participated|hosted|took part|were present|concluded|wrapped up|joined)\b", re.I)
ASEAN_GROUP = re.compile(
    r"\bASEAN(?:'s|’s)?\s+(?:member\s+states['’]?\s+)?(?P<who>foreign\s+ministers|ministers|leaders|heads\s+of\s+(?:state|government)|"
    r"counterparts?|heads?\s+of\s+missions?|ambassadors|permanent\s+representatives|committee\s+in\s+[A-Z][\w ]+?|"
    r"top\s+diplomats)\b"
    r"|\b(?:ASEAN|Association\s+of\s+Southeast\s+Asian\s+Nations)\s*(?:\(ASEAN\)\s*)?(?P<who3>Committee)\b"
    r"|\b(?P<who4>ambassadors)\b[^.]{0,60}\bASEAN\b|\bASEAN\b[^.]{0,30}\b(?P<who5>ambassadors)\b"
    r"|\b(?P<who2>foreign\s+ministers|leaders|ambassadors|heads\s+of\s+missions?)\s+of\s+(?:the\s+)?(?:ASEAN|Association\s+of\s+Southeast\s+Asian\s+Nations)",
    re.I)
ENCOUNTER_VERB = re.compile(r"\b(met|meets|meeting with|convened with|meeting|held (?:a |talks|consultations|a summit|a meeting|a roundtable)|"
                            r"hosted|courtesy call|called on|roundtable|ceremony|received|joined|talks with)\b", re.I)


@dataclass
class MeetingMention:
    start: int                  # body offsets of the name
    end: int
    sentence: int
    name: str | None
    level: str
    framework: str
    partners: list
    edition: int | None = None
    acronym: str | None = None
    kind: str = "named"         # named | courtesy | encounter


@dataclass
class Meeting:
    mentions: list = field(default_factory=list)
    status: str = "mentioned"
    main: bool = False          # the meeting the release is about

    @property
    def first(self) -> MeetingMention:
        return self.mentions[0]

    def key(self):
        f = self.first
        return (f.framework, tuple(sorted(f.partners)), f.level)


def _party_alt(g) -> str:
    return g.partner_alt


def meeting_regexes():
    """Patterns anchored on each 'ASEAN' in a sentence, so no pattern is tried at every character."""
    g = gazetteer()
    partner = g.partner_alt
    types = g.meeting_type_re
    paren = r"(?:\s*\([A-Z]{2,6}\))?"
    anchor = re.compile(r"\b(?:ASEAN|AEM|Association\s+of\s+Southeast\s+Asian\s+Nations(?:\s*\(ASEAN\))?)(?![\w])")
    after_asean = re.compile(rf"{DASH}(?P<p>{partner}){paren}", re.I)
    before_asean = re.compile(rf"(?<![\w-])(?P<p>{partner}){paren}(?:{DASH}|\s*\+\s*)\Z", re.I)
    # 'Working Group on Cybersecurity', 'Workshop on Maritime Domain Awareness'
    on_topic = r"(?:\s+on\s+(?:the\s+)?(?-i:[A-Z][\w-]*)(?:\s+(?:and\s+|of\s+|for\s+)?(?-i:[A-Z][\w-]*)){0,5})?"
    type_tail = re.compile(rf"(?:{DASH}|\s+)(?:(?-i:[A-Z][\w-]+)\s+){{0,3}}?(?P<type>{types})"
                           rf"(?!\s+(?:Partner|Relations|Coordinator|process|mechanism)){on_topic}"
                           rf"(?P<acr>\s*\((?P<acro>[A-Z][A-Za-z+&-]{{1,10}}(?:\s?\+\s?1)?)\))?", re.I)
    prefix = re.compile(rf"(?:\bthe\s+)?(?:(?P<ord>{ORDINAL_RE})\s+)?(?:(?:Meeting|Session|Round)\s+of\s+the\s+)?\Z", re.I)
    between_before = re.compile(rf"(?:\bthe\s+)?(?:(?P<ord>{ORDINAL_RE})\s+)?(?P<type>{types})\s+(?:between|of)\s+\Z", re.I)
    between_after = re.compile(rf"\s+and\s+(?:the\s+)?(?P<p>{partner})", re.I)
    ordinal = rf"(?:(?P<ord>{ORDINAL_RE})\s+)?"
    pmc = re.compile(rf"(?:\bthe\s+)?{ordinal}(?:ASEAN\s+)?(?P<type>Post[\s-]+Ministerial\s+Conference(?:\s*\(PMC\))?|PMC)"
                     rf"(?:\s*(?:\+\s*1|Plus\s+One|\(PMC\s*\+\s*1\)))?(?:\s+(?:session|meeting))?\s+with\s+(?:the\s+)?(?P<p1>{partner})", re.I)
    frameworks = [
        (re.compile(rf"(?:\bthe\s+)?{ordinal}(?:ASEAN\s+Regional\s+Forum|\bARF\b)(?:\s+(?:Ministerial\s+Meeting|Senior\s+Officials['’]?\s+Meeting|SOM))?", re.I), "ARF"),
        (re.compile(rf"(?:\bthe\s+)?{ordinal}(?:ASEAN\s+Defen[cs]e\s+Ministers['’]?\s+Meeting[\s-]*Plus|ADMM[\s-]*Plus)", re.I), "ADMM-Plus"),
        (re.compile(rf"(?:\bthe\s+)?{ordinal}(?:East\s+Asia\s+Summit|\bEAS\b)(?:\s+(?:Foreign\s+Ministers['’]?\s+Meeting|Senior\s+Officials['’]?\s+Meeting))?", re.I), "EAS"),
        (re.compile(rf"(?:\bthe\s+)?{ordinal}(?:Special\s+)?(?:ASEAN\s*(?:Plus\s+Three|\+\s*3)|\bAPT\b)\s+(?P<type>{types})(?:\s+on\s+[A-Z][\w-]+)?", re.I), "APT"),
    ]
    return {"anchor": anchor, "after": after_asean, "before": before_asean, "type": type_tail, "prefix": prefix,
            "between_before": between_before, "between_after": between_after, "pmc": pmc, "frameworks": frameworks}


_REGEXES = None


def regexes():
    global _REGEXES
    if _REGEXES is None:
        _REGEXES = meeting_regexes()
    return _REGEXES


def level_of(type_text: str) -> tuple[str, str | None]:
    for rx, level, acr in gazetteer().meeting_types:
        if rx.fullmatch(type_text.strip()):
            return level, acr
    for rx, level, acr in gazetteer().meeting_types:
        if rx.search(type_text):
            return level, acr
    return "other", None


def _clean_name(s: str) -> str:
    s = re.sub(r"^\s*the\s+", "", s, flags=re.I).strip()
    s = re.sub(r"\s+", " ", s.replace("’", "'"))
    return re.sub(r"\s*[-–—]\s*", "-", s)


ASEAN_WORD = re.compile(r"ASEAN|AEM|Association\s+of\s+Southeast", re.I)
PMC_WORD = re.compile(r"PMC|Post[\s-]+Ministerial", re.I)
FRAMEWORK_WORD = re.compile(r"Regional\s+Forum|ARF|ADMM|Defen[cs]e\s+Ministers|East\s+Asia\s+Summit|EAS|Plus\s+Three|\+\s*3|APT", re.I)


def find_named(body: str, sents) -> list[MeetingMention]:
    g = gazetteer()
    rx = regexes()
    out: list[MeetingMention] = []
    taken: list[tuple[int, int]] = []

    def add(a, b, sent, level, framework, partners, acronym=None, edition=None):
        if any(not (b <= x or a >= y) for x, y in taken):
            return
        taken.append((a, b))
        out.append(MeetingMention(a, b, sent, _clean_name(body[a:b]), level, framework, partners, edition, acronym))

    def with_prefix(sent, start):
        p = rx["prefix"].search(body, max(sent.start, start - 60), start)
        return (p.start(), p.group("ord")) if p else (start, None)

    for sent in sents:
        if not ASEAN_WORD.search(sent.text):
            continue
        if PMC_WORD.search(sent.text):
            for m in rx["pmc"].finditer(body, sent.start, sent.end):
                code = g.code(m.group("p1"))
                if code and not g.is_member(code):
                    ed = ordinal_value(m.group("ord")) if m.group("ord") else None
                    add(m.start(), m.end(), sent.index, "ministerial", "ASEAN+1", [code], "PMC+1", ed)
        for am in rx["anchor"].finditer(body, sent.start, sent.end):
            pair = None
            after = rx["after"].match(body, am.end(), sent.end)
            if after:
                pair = (am.start(), after.end(), after.group("p"))
            elif body[max(sent.start, am.start() - 3):am.start()].rstrip()[-1:] in ("-", "–", "—", "‐", "+"):
                before = rx["before"].search(body, max(sent.start, am.start() - 60), am.start())
                if before:
                    pair = (before.start(), am.end(), before.group("p"))
            if pair:
                code = g.code(pair[2])
                t = rx["type"].match(body, pair[1], sent.end)
                if code and not g.is_member(code) and t:
                    start, ord_ = with_prefix(sent, pair[0])
                    level, acr = level_of(t.group("type"))
                    ed = ordinal_value(ord_) if ord_ else None
                    add(start, t.end(), sent.index, level, "ASEAN+1", [code], t.group("acro") or acr, ed)
                    continue
            if not body[max(sent.start, am.start() - 9):am.start()].rstrip().endswith(("between", " of")):
                continue
            bb = rx["between_before"].search(body, max(sent.start, am.start() - 80), am.start())
            ba = rx["between_after"].match(body, am.end(), sent.end)
            if bb and ba:
                code = g.code(ba.group("p"))
                if code and not g.is_member(code):
                    level, acr = level_of(bb.group("type"))
                    ed = ordinal_value(bb.group("ord")) if bb.group("ord") else None
                    add(bb.start(), ba.end(), sent.index, level, "ASEAN+1", [code], acr, ed)
    for sent in sents:
        if not FRAMEWORK_WORD.search(sent.text):
            continue
        for fx, fw in rx["frameworks"]:
            for m in fx.finditer(body, sent.start, sent.end):
                if fw == "APT":
                    level, _ = level_of(m.group("type"))
                elif fw == "EAS":
                    level = "ministerial" if re.search(r"Ministers", m.group(0), re.I) else "summit"
                    if re.search(r"Senior Officials", m.group(0), re.I):
                        level = "som"
                elif fw == "ARF":
                    level = "som" if re.search(r"Senior|SOM", m.group(0)) else "ministerial"
                else:
                    level = "ministerial"
                ed = ordinal_value(m.group("ord")) if m.group("ord") else None
                add(m.start(), m.end(), sent.index, level, fw, [], fw if fw != "APT" else None, ed)
    return sorted(out, key=lambda x: x.start)


def held_past(text: str) -> bool:
    """A verb saying the meeting took place, not 'will be held' / 'to be held'."""
    for m in HELD.finditer(text):
        if not re.search(r"\b(?:will|to|would|shall|may)\s+(?:be\s+)?$", text[max(0, m.start() - 10):m.start()], re.I):
            return True
    return bool(re.search(r"\b(?:just[- ]|recently\s+)concluded\b", text, re.I))


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


SECRETARIAT = re.compile(r"(?P<who>(?:Deputy\s+)?Secretary[- ]General|\bDSG\b|ASEAN\s+Secretariat)", re.I)
ANAPHORA = re.compile(r"\b(?:the|this)\s+(?:meeting|dialogue|consultation|summit|session|committee)\s+(?:was|were|is|has|had|reviewed|discussed|noted|agreed|co-?chaired)", re.I)


def find_encounters(body: str, sents, taken=(), lead_sentences: int = 6) -> list[MeetingMention]:
    """Unnamed meetings in the lead: a partner's official meeting ASEAN's ministers, leaders,
    ambassadors, committee or Secretary-General; a courtesy call at the Secretariat."""
    g = gazetteer()
    out = []
    for s in sents[:lead_sentences]:
        text = s.text
        grp = ASEAN_GROUP.search(text)
        courtesy = re.search(r"courtesy (?:call|visit)|called on", text, re.I)
        if courtesy:
            grp = SECRETARIAT.search(text) or grp
        if not grp or not (ENCOUNTER_VERB.search(text) or courtesy):
            continue
        if ANAPHORA.search(text) or any(named.start < s.end and named.end > s.start for named in taken):
            continue  # 'The Meeting was attended by ...' speaks of a named meeting
        partners = [g.code(m.group(0)) for m in g.partner_name_re.finditer(text)]
        partners += [g.code(m.group(0)) for m in g.adjective_re.finditer(text)]
        partners = [p for p in dict.fromkeys(partners) if p and not g.is_member(p) and p != "UN"]
        if not partners:
            lead = dominant_partner(sents)
            partners = [lead] if lead else []
        if len(partners) != 1:
            continue
        who = next((grp.group(k) for k in ("who", "who2", "who3", "who4", "who5") if k in grp.re.groupindex and grp.group(k)), "").lower()
        if courtesy or "secretar" in who:
            level = "other"
        elif "minister" in who or "diplomat" in who or "counterpart" in who:
            level = "ministerial"
        elif "leader" in who or "heads of state" in who or "government" in who and "heads" in who:
            level = "summit"
        else:
            level = "other"
        out.append(MeetingMention(s.start + grp.start(), s.start + grp.end(), s.index, None, level,
                                  "ASEAN+1", partners, None, None, "courtesy" if courtesy else "encounter"))
    return out


def group_mentions(mentions: list[MeetingMention]) -> list[Meeting]:
    """Mentions of one meeting (same framework, partners, level and compatible edition) merge."""
    meetings: list[Meeting] = []
    for m in mentions:
        target = None
        for mt in meetings:
            f = mt.first
            if (f.framework, tuple(sorted(f.partners)), f.level) != (m.framework, tuple(sorted(m.partners)), m.level):
                continue
            eds = {x.edition for x in mt.mentions if x.edition}
            if m.edition and eds and m.edition not in eds:
                continue
            if m.kind != f.kind and "named" not in (m.kind, f.kind):
                continue
            target = mt
            break
        if target is None:
            meetings.append(Meeting([m]))
        else:
            target.mentions.append(m)
    return meetings


def sentence_context(sents, idx: int) -> str:
    return sents[idx].text if 0 <= idx < len(sents) else ""


def clause(sents, x: MeetingMention, reach: int = 70) -> str:
    """The words around a mention, within its sentence and its ';'-separated part."""
    t = sentence_context(sents, x.sentence)
    s0 = sents[x.sentence].start
    a, b = max(0, x.start - s0 - reach), min(len(t), x.end - s0 + reach)
    left = t[a:x.start - s0]
    if ";" in left:
        left = left[left.rindex(";") + 1:]
    right = t[x.end - s0:b]
    if ";" in right:
        right = right[:right.index(";")]
    return left + t[x.start - s0:x.end - s0] + right


def classify(meetings: list[Meeting], sents, title: str | None, anchor_dates) -> None:
    """Reported or mentioned. The meeting the release is about (the first one named, or one
    named in the title) is reported unless the text puts it in the future or recalls it;
    another meeting is reported only when its own sentence says it took place, with no recall
    or future marker."""
    if not meetings:
        return
    title_l = (title or "").lower()
    in_title = [mt for mt in meetings if any(x.name and x.name.lower() in title_l for x in mt.mentions)]
    main = in_title[0] if in_title else min(meetings, key=lambda m: m.first.start)
    main.main = True
    for mt in meetings:
        local = [clause(sents, x) for x in mt.mentions]
        defining = next((i for i, x in enumerate(mt.mentions) if x.edition), 0)
        future = bool(FUTURE.search(local[defining]))
        recalled = all(RECALL.search(t) for t in local)
        held = any(held_past(t) for t in local)
        if mt is main:
            mt.status = "mentioned" if (future or recalled) and not held else "reported"
        elif mt.first.kind in ("courtesy", "encounter"):
            mt.status = "reported" if not future else "mentioned"
        else:
            strong = any((held_past(t) or re.match(r"\s*(?:During|At) the\b", t)) and not FUTURE.search(t)
                         and not RECALL.search(t) for t in local)
            mt.status = "reported" if strong else "mentioned"
