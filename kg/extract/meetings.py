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
                    r"preparations? for|prepare for|in the lead[- ]up|in preparation|proposed|propose)\b", re.I)
RECALL = re.compile(r"\b(last\s+(?:year|month|week|January|February|March|April|May|June|July|August|September|"
                    r"October|November|December)|previous|earlier|decisions? (?:made|taken|reached) (?:by .{0,40})?at|"
                    r"follow[- ](?:up|through)|since the|outcomes? of the|as underlined|as agreed at|agreed at the|"
                    r"adopted at the|mandated by|tasked by|recalled|recalling|the results of)\b", re.I)
HELD = re.compile(r"\b(held|took place|convened|met\b|meets\b|was opened|opened|co-?chaired|chaired|gathered|"
                  r"attended|participated|hosted|took part|were present|concluded|wrapped up|joined)\b", re.I)
ASEAN_GROUP = re.compile(
    r"\bASEAN(?:'s|’s)?\s+(?:member\s+states['’]?\s+)?(?P<who>foreign\s+ministers|ministers|leaders|heads\s+of\s+(?:state|government)|"
    r"counterparts?|heads?\s+of\s+missions?|ambassadors|permanent\s+representatives|committee\s+in\s+[A-Z][\w ]+?|"
    r"secretary[- ]general|deputy\s+secretary[- ]general|secretariat|top\s+diplomats)\b"
    r"|\b(?P<who2>foreign\s+ministers|leaders|ambassadors|heads\s+of\s+missions?)\s+of\s+(?:the\s+)?(?:ASEAN|Association\s+of\s+Southeast\s+Asian\s+Nations)",
    re.I)
ENCOUNTER_VERB = re.compile(r"\b(met|meets|meeting with|held (?:a |talks|consultations|a summit|a meeting|a roundtable)|"
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

    @property
    def first(self) -> MeetingMention:
        return self.mentions[0]

    def key(self):
        f = self.first
        return (f.framework, tuple(sorted(f.partners)), f.level)


def _party_alt(g) -> str:
    return g.partner_alt


def meeting_regexes():
    g = gazetteer()
    partner = _party_alt(g)
    asean = r"(?:ASEAN|AEM|Association\s+of\s+Southeast\s+Asian\s+Nations)"
    types = g.meeting_type_re
    ordinal = rf"(?:(?P<ord>{ORDINAL_RE})\s+)?"
    of_the = r"(?:(?:Meeting|Session|Round)\s+of\s+the\s+)?"
    pair = rf"(?:{asean}{DASH}(?P<p1>{partner})|(?P<p2>{partner}){DASH}{asean}|(?P<p3>{partner})\s*\+\s*ASEAN)"
    named = re.compile(rf"(?:\bthe\s+)?{ordinal}{of_the}{pair}\s+(?P<type>{types})(?P<acr>\s*\((?P<acro>[A-Z][A-Za-z+&-]{{1,10}}(?:\s?\+\s?1)?)\))?", re.I)
    between = re.compile(rf"(?:\bthe\s+)?{ordinal}(?P<type>{types})\s+(?:between|of)\s+ASEAN\s+and\s+(?:the\s+)?(?P<p1>{partner})", re.I)
    pmc = re.compile(rf"(?:\bthe\s+)?{ordinal}(?:ASEAN\s+)?(?P<type>Post[\s-]+Ministerial\s+Conference(?:\s*\(PMC\))?|PMC)"
                     rf"(?:\s*(?:\+\s*1|Plus\s+One|\(PMC\s*\+\s*1\)))?(?:\s+(?:session|meeting))?\s+with\s+(?:the\s+)?(?P<p1>{partner})", re.I)
    frameworks = [
        (re.compile(rf"(?:\bthe\s+)?{ordinal}(?:ASEAN\s+Regional\s+Forum|\bARF\b)(?:\s+(?:Ministerial\s+Meeting|Senior\s+Officials['’]?\s+Meeting|SOM))?", re.I), "ARF"),
        (re.compile(rf"(?:\bthe\s+)?{ordinal}(?:ASEAN\s+Defen[cs]e\s+Ministers['’]?\s+Meeting[\s-]*Plus|ADMM[\s-]*Plus)", re.I), "ADMM-Plus"),
        (re.compile(rf"(?:\bthe\s+)?{ordinal}(?:East\s+Asia\s+Summit|\bEAS\b)(?:\s+(?:Foreign\s+Ministers['’]?\s+Meeting|Senior\s+Officials['’]?\s+Meeting))?", re.I), "EAS"),
        (re.compile(rf"(?:\bthe\s+)?{ordinal}(?:Special\s+)?(?:ASEAN\s*(?:Plus\s+Three|\+\s*3)|\bAPT\b)\s+(?P<type>{types})(?:\s+on\s+[A-Z][\w-]+)?", re.I), "APT"),
    ]
    return named, between, pmc, frameworks


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


def find_named(body: str, sents) -> list[MeetingMention]:
    g = gazetteer()
    named, between, pmc, frameworks = regexes()
    out: list[MeetingMention] = []
    taken: list[tuple[int, int]] = []

    def add(m, level, framework, partners, acronym=None, edition=None):
        a, b = m.start(), m.end()
        if any(not (b <= x or a >= y) for x, y in taken):
            return
        taken.append((a, b))
        sent = next((s.index for s in sents if s.start <= a < s.end + 1), 0)
        out.append(MeetingMention(a, b, sent, _clean_name(m.group(0)), level, framework, partners,
                                  edition, acronym))

    for rx in (pmc, named, between):
        for m in rx.finditer(body):
            p = next(m.group(k) for k in ("p1", "p2", "p3") if k in rx.groupindex and m.group(k))
            code = g.code(p)
            if not code or g.is_member(code):
                continue
            level, acr = level_of(m.group("type"))
            if rx is pmc:
                level, acr = "ministerial", "PMC+1"
            acro = m.groupdict().get("acro")
            ed = ordinal_value(m.group("ord")) if m.group("ord") else None
            add(m, level, "ASEAN+1", [code], acro or acr, ed)
    for rx, fw in frameworks:
        for m in rx.finditer(body):
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
            add(m, level, fw, [], fw if fw != "APT" else None, ed)
    return sorted(out, key=lambda x: x.start)


def find_encounters(body: str, sents, lead_sentences: int = 3) -> list[MeetingMention]:
    """Unnamed meetings in the lead: a partner's official meeting ASEAN's ministers, leaders,
    ambassadors, committee or Secretary-General; a courtesy call at the Secretariat."""
    g = gazetteer()
    out = []
    for s in sents[:lead_sentences]:
        text = s.text
        grp = ASEAN_GROUP.search(text)
        courtesy = re.search(r"courtesy (?:call|visit)|called on", text, re.I)
        if not grp or not (ENCOUNTER_VERB.search(text) or courtesy):
            continue
        partners = [g.code(m.group(0)) for m in g.partner_name_re.finditer(text)]
        partners += [g.code(m.group(0)) for m in g.adjective_re.finditer(text)]
        partners = [p for p in dict.fromkeys(partners) if p and not g.is_member(p)]
        if len(partners) != 1:
            continue
        who = (grp.group("who") or grp.group("who2") or "").lower()
        if courtesy or "secretar" in who:
            level = "other"
        elif "minister" in who or "diplomat" in who or "counterpart" in who:
            level = "ministerial"
        elif "leader" in who or "heads of state" in who or "government" in who:
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


def classify(meetings: list[Meeting], sents, title: str | None, anchor_dates) -> None:
    """Reported or mentioned. The meeting the release is about (first named in the title or
    lead) is reported unless the text puts it in the future; another meeting is reported only
    when its own sentence says it took place, with no recall or future marker."""
    if not meetings:
        return
    main = None
    title_l = (title or "").lower()
    for mt in meetings:
        if mt.first.sentence <= 2 or any(x.name and x.name.lower() in title_l for x in mt.mentions):
            main = mt
            break
    for mt in meetings:
        texts = [sentence_context(sents, x.sentence) for x in mt.mentions]
        local = []
        for x in mt.mentions:
            t = sentence_context(sents, x.sentence)
            s0 = sents[x.sentence].start
            local.append(t[max(0, x.start - s0 - 120): x.end - s0 + 120])
        future = all(FUTURE.search(t) for t in local)
        recalled = all(RECALL.search(t) for t in local)
        held = any(HELD.search(t) for t in texts)
        if mt is main:
            mt.status = "mentioned" if (future or recalled) and not held else "reported"
            if future and not re.search(r"\b(held|took place|convened|co-?chaired|met)\b", " ".join(texts), re.I):
                mt.status = "mentioned"
        elif mt.first.kind in ("courtesy", "encounter"):
            mt.status = "reported" if not future else "mentioned"
        else:
            strong = any(re.search(r"\b(held|took place|convened|was opened|co-?chaired|chaired)\b", t, re.I)
                         and not FUTURE.search(t) and not RECALL.search(t) for t in local)
            mt.status = "reported" if strong else "mentioned"
