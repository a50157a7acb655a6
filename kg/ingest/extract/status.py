"""Reported or mentioned: did the release report that a meeting took place?

The meeting a release is about (named in its title, else the first named) is reported unless
its own words put it in the future or recall it as background. Any other meeting is reported
only when its own clause says it took place, with no future or recall marker: a meeting whose
decisions are followed up, one announced for later, or one named in passing stays mentioned.
"""

from __future__ import annotations

import datetime as dt
import re

from .cues import cue
from .meetings import Meeting, MeetingMention, plural
from .record import Context, mention_date

RECENT_DAYS = 14

WILL_BEFORE = re.compile(r"\b(?:will|to|would|shall|may|could|should|being)\s+(?:be\s+|also\s+)?$|\bbeing\s+$", re.I)
AT_THE_MEETING = re.compile(
    r"^\W*(?:During|At|On the sidelines of|On the margins of|Speaking at|In|Following)\s+the\b", re.I
)


def clause(sents, x: MeetingMention, reach: int = 70) -> str:
    """The words around a mention, within its sentence and its ';'-separated part."""
    s = sents[x.sentence]
    t, s0 = s.text, s.start
    a, b = max(0, x.start - s0 - reach), min(len(t), x.end - s0 + reach)
    left = t[a : x.start - s0]
    if ";" in left:
        left = left[left.rindex(";") + 1 :]
    right = t[x.end - s0 : b]
    if ";" in right:
        right = right[: right.index(";")]
    return left + t[x.start - s0 : x.end - s0] + right


def held_past(text: str) -> bool:
    """Rule: a verb says the meeting took place, not 'will be held' / 'to be held'."""
    for m in cue("held").finditer(text):
        if not WILL_BEFORE.search(text[max(0, m.start() - 16) : m.start()]):
            return True
    return False


def is_future(text: str) -> bool:
    """Rule: the meeting is still to come ('will be held', 'ahead of', 'upcoming')."""
    return bool(cue("future").search(text))


def is_recalled(text: str) -> bool:
    """Rule: the meeting is background ('decisions made at', 'last year', 'as agreed at')."""
    return bool(cue("recall").search(text))


def main_meeting(meetings: list[Meeting], title: str | None) -> Meeting:
    """The meeting the release is about: one its title names, else the first one named."""
    title_l = (title or "").lower()
    in_title = [mt for mt in meetings if any(x.name and x.name.lower() in title_l for x in mt.mentions)]
    return in_title[0] if in_title else min(meetings, key=lambda m: m.first.start)


def long_before(mt: Meeting, ctx: Context) -> bool:
    """Rule: a meeting dated weeks before the release is background ('the Special Summit held
    in April', in a July release), not news the release reports."""
    d = mention_date(mt, ctx)
    if d is None or ctx.anchor is None:
        return False
    y, m = int(d.value[:4]), int(d.value[5:7]) if len(d.value) >= 7 else 12
    last_day = (
        dt.date.fromisoformat(d.value) if d.precise else (dt.date(y + (m == 12), m % 12 + 1, 1) - dt.timedelta(days=1))
    )
    return (ctx.anchor - last_day).days > RECENT_DAYS


def classify(meetings: list[Meeting], ctx: Context) -> None:
    sents, title = ctx.sents, ctx.title
    if not meetings:
        return
    main = main_meeting(meetings, title)
    main.main = True
    for mt in meetings:
        if plural(mt.first):
            mt.status = "mentioned"
            continue
        local = [clause(sents, x) for x in mt.mentions]
        defining = next((i for i, x in enumerate(mt.mentions) if x.edition), 0)
        held = any(held_past(t) for t in local)
        if mt is main:
            background = is_future(local[defining]) or all(is_recalled(t) for t in local)
            mt.status = "mentioned" if background and not held else "reported"
        elif mt.first.kind in ("courtesy", "encounter"):
            mt.status = "reported" if held and not is_future(local[0]) else "mentioned"
        else:
            strong = any(
                (held_past(t) or AT_THE_MEETING.match(t)) and not is_future(t) and not is_recalled(t) for t in local
            )
            mt.status = "reported" if strong and not long_before(mt, ctx) else "mentioned"
