"""Stage 2, extract: a release -> one extraction record (schema: kg/data/extraction.schema.json).

Rule-based and offline. The rules live in small named functions, one module per question the
record answers: `dates` (when), `meetings` (which meetings are named), `status` (reported or
mentioned), `people` (who sat at the table), `places` (where, how), `topics` (areas, pillars,
instruments, partnership events); `record` assembles one meeting. Word lists are data, in
kg/data/gazetteer and kg/data/cues. Every fact carries the body offsets of the sentence stating it.
"""

from __future__ import annotations

from kg.ingest.read import Release

from .cues import line_opener
from .dates import release_date
from .events import partnership_events
from .meetings import dominant_partner, encounters, find_named, group_mentions, joint_subjects
from .people import home_party
from .places import dateline_city
from .record import Context, assign_sentences, meeting_record
from .status import classify
from .text import sentences


def content_sentences(body: str) -> list:
    """The release's own sentences: everything before the first boilerplate line ('ABOUT ASEAN')."""
    sents = sentences(body)
    opener = line_opener("boilerplate")
    cut = next((s.index for s in sents if opener.match(s.text)), len(sents))
    return sents[:cut]


def extract(release: Release) -> dict:
    body, header = release.body, release.header
    sents = content_sentences(body)
    ctx = Context(body, sents, header.get("title"), release_date(header, body))
    ctx.date.dateline_city = ctx.date.dateline_city or dateline_city(body)
    ctx.dominant = dominant_partner(sents)
    ctx.home = home_party(header.get("publisher"))
    named = find_named(body, sents, ctx.dominant)
    mentions = named + joint_subjects(body, sents, named)
    mentions += encounters(body, sents, mentions, dominant=ctx.dominant)
    ctx.meetings = group_mentions(sorted(mentions, key=lambda m: m.start))
    classify(ctx.meetings, ctx)
    ctx.owner = assign_sentences(ctx.meetings, sents)
    pairs = [(mt, meeting_record(mt, ctx)) for mt in ctx.meetings]
    pairs = [(mt, r) for mt, r in pairs if r is not None]
    records = [r for _, r in pairs]
    return {
        "document": {
            "sha256": release.sha256,
            "url": header.get("url"),
            "publisher": header.get("publisher"),
            "title": header.get("title"),
            "published": ctx.date.published,
        },
        "meetings": records,
        "partnership_events": partnership_events(
            sents, main_partner(records), ctx.anchor, meeting_dates_by_sentence(ctx, pairs)
        ),
    }


def main_partner(records: list[dict]) -> str | None:
    """The partner of the release's first single-partner meeting, reported ones first."""
    for wanted in ("reported", None):
        for r in records:
            if (wanted is None or r["status"] == wanted) and len(r["partners"]) == 1:
                return r["partners"][0]
    return None


def meeting_dates_by_sentence(ctx: Context, pairs) -> dict:
    """Sentence index -> start of the reported meeting that sentence speaks for."""
    start = {id(mt): r["start"] for mt, r in pairs if r["status"] == "reported" and r.get("start")}
    return {i: start[id(mt)] for i, mt in ctx.owner.items() if id(mt) in start}
