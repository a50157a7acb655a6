"""One meeting's record, assembled from the rules of the other modules: its dates, place,
people, areas, pillars and instruments, each read from the sentences the meeting owns."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from .cues import cue
from .dates import ReleaseDate, context_year, find_dates
from .gazetteer import gazetteer
from .instruments import instruments_in
from .meetings import Meeting, parties_named
from .people import find_people
from .places import location, modality
from .topics import areas_in, pillars_named

FRAMEWORKS = ("ARF", "EAS", "ADMM-Plus", "APT")


@dataclass
class Context:
    """What every rule may read about the release being extracted."""

    body: str
    sents: list
    title: str | None
    date: ReleaseDate
    dominant: str | None = None
    home: str | None = None  # the state whose government published the release
    meetings: list = field(default_factory=list)
    owner: dict = field(default_factory=dict)  # sentence index -> the reported meeting it speaks for
    dates_of: dict = field(default_factory=dict, repr=False)  # sentence text -> its dates, found once

    @property
    def anchor(self) -> dt.date | None:
        return self.date.anchor

    @property
    def year(self) -> int | None:
        return context_year(self.date)

    def text_of(self, i: int):
        return self.sents[i] if 0 <= i < len(self.sents) else None

    def dates_in(self, text: str):
        """The dates of a sentence, found once: every mention in a long sentence asks for them."""
        if text not in self.dates_of:
            self.dates_of[text] = find_dates(text, self.anchor, self.year)
        return self.dates_of[text]


def span(s) -> dict:
    return {"start": s.start, "end": s.end}


def assign_sentences(meetings: list[Meeting], sents) -> dict:
    """Each sentence speaks for one reported meeting: the one it names, else the latest reported
    meeting named before it, else the release's first reported meeting."""
    reported = [m for m in meetings if m.status == "reported"]
    owner: dict = {}
    if not reported:
        return owner
    by_sentence: dict = {}
    for mt in reported:
        for x in mt.mentions:
            by_sentence.setdefault(x.sentence, mt)
    current = reported[0]
    for s in sents:
        current = by_sentence.get(s.index, current)
        owner[s.index] = current
    return owner


# --- dates ------------------------------------------------------------------------------------

SCRAPED_DATE = re.compile(
    r"\bdate\s*:?\s*$|\bsince\s+(?:the\s+)?(?:\w+\s+)?$", re.I
)  # 'Since June 2020': not the meeting's day
DATE_INTRO = re.compile(r"\b(?:on|from|held|took\s+place|convened|opens?|opened|dated)\b[^.;]{0,30}$", re.I)


def mention_date(mt: Meeting, ctx: Context):
    """Rule: the date nearest a mention of the meeting in the mention's own sentence (after it
    preferred), day precision first, the mention carrying the edition first."""
    best = None
    for x in mt.mentions:
        s = ctx.text_of(x.sentence)
        if s is None:
            continue
        rel = x.start - s.start
        others = [
            y.start - s.start for m in ctx.meetings if m is not mt for y in m.mentions if y.sentence == x.sentence
        ]
        for d in ctx.dates_in(s.text):
            if SCRAPED_DATE.search(s.text[max(0, d.start - 8) : d.start]):
                continue  # a scraped 'date 2021-01-27' line is the release's date, not the meeting's
            if any(abs(d.start - o) < abs(d.start - rel) for o in others):
                continue  # the date of another meeting named in the same sentence
            rank = (
                x.edition is None and mt.edition is not None,
                not d.precise,
                d.relative and not d.precise,
                d.start < rel,
                abs(d.start - rel),
                x.sentence,
            )
            if best is None or rank < best[0]:
                best = (rank, d)
    return best[1] if best else None


def lead(ctx: Context, n: int = 3) -> list:
    """The release's first prose sentences (six words or more: not a menu, a date line or a byline)."""
    return [s for s in ctx.sents if len(s.text.split()) >= 6][:n]


def core_sentences(mt: Meeting, ctx: Context) -> list:
    """The sentences that describe a reported meeting itself: those naming it, those it owns in
    the same paragraphs (unless they name another meeting), and the release's lead when it is
    the release's main meeting. Its date, place and modality are read there."""
    mention_idx = sorted({x.sentence for x in mt.mentions if x.sentence < len(ctx.sents)})
    paragraphs = {ctx.sents[i].paragraph for i in mention_idx}
    others = {x.sentence for m in ctx.meetings if m is not mt for x in m.mentions}
    picked = list(mention_idx)
    if mt.status == "reported":
        picked += [
            s.index
            for s in ctx.sents
            if ctx.owner.get(s.index) is mt and s.paragraph in paragraphs and s.index not in others
        ]
        if mt.main:
            picked += [s.index for s in lead(ctx) if s.index not in others]
    return [ctx.sents[i] for i in dict.fromkeys(picked)]


def core_date(mt: Meeting, ctx: Context, near=None):
    """Rule: for the meeting a release reports, a day stated in its core sentences ('The meeting
    ... It was held on 5 August 2020 via video conference'), introduced as the meeting's date
    ('on', 'held', 'from') or relative ('yesterday'), agreeing with a coarser date if one is known."""
    for s in core_sentences(mt, ctx):
        for d in ctx.dates_in(s.text):
            if not d.precise or SCRAPED_DATE.search(s.text[max(0, d.start - 8) : d.start]):
                continue
            if not (d.relative or DATE_INTRO.search(s.text[max(0, d.start - 40) : d.start])):
                continue
            if near is None or d.value.startswith(near.value):
                return d
    return None


def meeting_dates(mt: Meeting, ctx: Context) -> tuple[str | None, str | None]:
    """Start and end. The release's main meeting, when its own sentences give no day, takes a
    day from its paragraph, else the dateline's date when the dateline introduces it."""
    d = mention_date(mt, ctx)
    if (d is None or not d.precise) and mt.status == "reported" and mt.main:
        d = core_date(mt, ctx, d) or d
        if (d is None or not d.precise) and ctx.date.dateline and any(x.sentence <= 1 for x in mt.mentions):
            if d is None or ctx.date.dateline.startswith(d.value):
                return ctx.date.dateline, ctx.date.dateline
    if d is None:
        return None, None
    return d.value, d.end_value or (d.value if d.precise else None)


# --- people, partners, places -------------------------------------------------------------------

ASEAN_SIDE = re.compile(r"\bASEAN\b(?!\s*(?:$|,|;|and\b))|\bSOM\s+Leader\b", re.I)


def default_party(p, mt: Meeting, partners: list[str], home: str | None) -> None:
    """Rule: a person the text names without a country speaks for the publisher's own state when
    a government publishes ('Premier Li Keqiang' in a release of China's foreign ministry), else
    for the meeting's one partner: ASEAN's side is nearly always qualified ('Thai Prime Minister
    ...'), and a post on ASEAN's side ('ASEAN SOM Leader') keeps the person unassigned."""
    if p.country or p.org or mt.first.framework != "ASEAN+1":
        return
    if home and not (home in partners and ASEAN_SIDE.search(p.post or "")):
        party = home
    elif (
        mt.first.framework == "ASEAN+1"
        and len(partners) == 1
        and not ASEAN_SIDE.search(re.sub(r"\bto\s+(?:the\s+)?ASEAN\b", "", p.post or ""))
    ):
        party = partners[0]
    else:
        return
    if party in ("EU", "UN"):
        p.org = party
    else:
        p.country = party


def meeting_attendees(mt: Meeting, ctx: Context, scope: list[int], partners: list[str]) -> list[dict]:
    mention_sents = {x.sentence for x in mt.mentions}
    people = find_people(ctx.body, [ctx.sents[i] for i in scope if i < len(ctx.sents)], mention_sents)
    out = []
    for p in people:
        default_party(p, mt, partners, ctx.home)
        out.append(
            {
                "name": p.name,
                "country": p.country,
                "org": p.org,
                "post": p.post,
                "role": p.role,
                "evidence": {"start": p.evidence[0], "end": p.evidence[1]},
            }
        )
    return out


def framework_partners(texts: list[str], attendees: list[dict]) -> list[str]:
    """Rule: the partners at an APT, EAS, ARF or ADMM-Plus meeting are those the text lists
    (three or more named together) and those whose people attended."""
    g = gazetteer()
    listed: list[str] = []
    for t in texts:
        codes = parties_named(t)
        if len(codes) >= 3:
            listed = codes
            break
    from_people = [a["country"] for a in attendees if a.get("country") and not g.is_member(a["country"])]
    return list(dict.fromkeys(listed + from_people))


# --- topics -----------------------------------------------------------------------------------


def meeting_topics(mt: Meeting, ctx: Context, scope: list[int]):
    g = gazetteer()
    areas, area_evidence, pillars, instruments = [], {}, set(), []
    meeting_names = {x.name for m in ctx.meetings for x in m.mentions if x.name}
    for i in scope:
        s = ctx.text_of(i)
        if s is None:
            continue
        blocked = [
            (x.start - s.start, x.end - s.start)
            for m2 in ctx.meetings
            for x in m2.mentions
            if x.sentence == s.index and x.kind == "named"
        ]
        prospect = bool(cue("prospect").search(s.text))  # what a partnership may bring is not what was discussed
        for area_id, _, _ in [] if prospect else areas_in(s.text, blocked):
            if mt.first.framework == "ADMM-Plus" and area_id == "disaster-management":
                area_id = "military-hadr"  # the ADMM-Plus works on military HADR
            if area_id not in area_evidence:
                areas.append(area_id)
                area_evidence[area_id] = span(s)
        pillars |= pillars_named(s.text)
        heading = not s.text.rstrip().endswith((".", "!", "?", "”", '"', "’"))
        for ins in instruments_in(s.text, meeting_names, heading):
            if all(ins["name"].lower() != x["name"].lower() for x in instruments):
                instruments.append(
                    {"name": ins["name"], "kind": ins["kind"], "action": ins["action"], "evidence": span(s)}
                )
    for a in areas:
        pillars |= set(g.area_pillars.get(a, []))
    return areas, area_evidence, sorted(pillars), instruments


# --- the record -----------------------------------------------------------------------------------


def best_name(mt: Meeting):
    named = [x for x in mt.mentions if x.name]
    return max(named, key=lambda x: (x.edition is not None, len(x.name)), default=None)


def meeting_record(mt: Meeting, ctx: Context) -> dict | None:
    first = mt.first
    reported = mt.status == "reported"
    own = sorted(i for i, m in ctx.owner.items() if m is mt) if reported else []
    mention_sents = sorted({x.sentence for x in mt.mentions})
    scope = own or mention_sents
    mention_text = " ".join(ctx.sents[i].text for i in mention_sents)
    partners = list(dict.fromkeys(p for x in mt.mentions for p in x.partners))
    attendees = meeting_attendees(mt, ctx, scope, partners) if reported else []
    if first.framework in FRAMEWORKS:
        partners = framework_partners([ctx.sents[i].text for i in mention_sents], attendees)
    start, end = meeting_dates(mt, ctx)
    core_text = " ".join(s.text for s in core_sentences(mt, ctx))
    place = location(mention_text, core_text, ctx.date.dateline_city) if reported else None
    how = modality(core_text, place) if reported else None
    if how == "virtual":
        place = None
    areas, area_evidence, pillars, instruments = meeting_topics(mt, ctx, scope if reported else [])
    if (
        reported
        and first.level == "other"
        and first.kind == "named"
        and not any(a["country"] in partners for a in attendees)
    ):
        return None  # a business or think-tank forum is not a meeting with the partner unless its officials attend
    name = best_name(mt)
    ev = ctx.text_of(first.sentence)
    return {
        "status": mt.status,
        "name": name.name if name else None,
        "acronym": next((x.acronym for x in mt.mentions if x.acronym), None),
        "level": first.level,
        "framework": first.framework,
        "partners": partners,
        "edition": mt.edition,
        "start": start,
        "end": end,
        "modality": how,
        "location": place,
        "attendees": attendees,
        "areas": areas,
        "pillars": pillars,
        "instruments": instruments,
        "evidence": span(ev) if ev else None,
        "area_evidence": area_evidence,
    }
