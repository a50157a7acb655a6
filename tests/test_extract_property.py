"""Property: extraction never raises on arbitrary text, every offset it reports quotes the body
exactly (start < end inside the body, no surrounding whitespace), and a span quotes the value it
supports (an attendee's name, an instrument's name)."""

import hashlib
import re
import unicodedata

import jsonschema
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg.ingest.extract import extract
from kg.ingest.read import Release
from kg.ingest.records import schema as record_schema

pytestmark = pytest.mark.slow  # hundreds of generated releases

PHRASES = [
    "the 17th ASEAN-Russia Senior Officials' Meeting",
    "ASEAN-Japan Summit",
    "co-chaired by",
    "H.E. Mr. Igor V. Morgulov, Deputy Minister of Foreign Affairs of Russia",
    "held virtually today",
    "LIM Hana, Director-General of ASEAN Affairs of the Republic of Korea",
    "led by Foreign Minister Ana Cruz",
    "Minister for Foreign Affairs S. Rao",
    "adopted the ASEAN-Japan Plan of Action 2024-2028",
    "JAKARTA, 26 January 2021 –",
    "on 26-27 Jan",
    "January 26, 2021",
    "1-7-2020",
    "Plan of Action (2021-2025)",
    "elevated to a comprehensive strategic partnership",
    "courtesy call",
    "ASEAN foreign ministers met",
    "the 9th ADMM-Plus",
    "East Asia Summit",
    "ASEAN Plus Three Summit",
    "Viet Nam",
    "ROK",
    "U.S.",
    "Türkiye",
    "digital economy",
    "\n",
    ". ",
    ", ",
    " and ",
    "(",
    ")",
    "’",
    "—",
]
pieces = st.one_of(st.sampled_from(PHRASES), st.text(max_size=30))
bodies = st.lists(pieces, max_size=40).map("".join)


def spans(rec):
    for m in rec["meetings"]:
        if m.get("evidence"):
            yield m["evidence"]
        yield from (a["evidence"] for a in m["attendees"])
        yield from (i["evidence"] for i in m["instruments"])
        yield from m.get("area_evidence", {}).values()
    yield from (e["evidence"] for e in rec["partnership_events"])


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(body=bodies)
def test_extract_never_raises_and_offsets_quote_the_text(body):
    raw = body.encode("utf-8", "surrogatepass")
    release = Release("prop.txt", raw, hashlib.sha256(raw).hexdigest(), {}, body, "text")
    rec = extract(release)
    jsonschema.validate(rec, record_schema())
    for s in spans(rec):
        assert 0 <= s["start"] < s["end"] <= len(body)
        quoted = body[s["start"] : s["end"]]
        assert quoted == quoted.strip() and quoted
    assert_spans_hold_values(rec, body)


def folded(text: str) -> str:
    return re.sub(r"\s+", " ", unicodedata.normalize("NFKC", text)).casefold()


def assert_spans_hold_values(rec: dict, body: str) -> None:
    for m in rec["meetings"]:
        for a in m["attendees"]:
            quote = folded(body[a["evidence"]["start"] : a["evidence"]["end"]])
            for word in re.findall(r"\w{2,}", folded(a["name"])):
                assert word in quote, (a["name"], quote)
        for i in m["instruments"]:
            quote = folded(body[i["evidence"]["start"] : i["evidence"]["end"]])
            assert folded(i["name"]) in quote, (i["name"], quote)
