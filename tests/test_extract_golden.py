"""Golden records for releases written for these tests (tests/fixtures/releases): every field,
each date form, each level and framework, a multi-meeting release, and the releases that
must yield no meeting (a bilateral visit, an ASEAN-only summit, a business forum)."""

import json
from pathlib import Path

import jsonschema
import pytest

from kg.ingest.extract import extract
from kg.ingest.read import read_path
from kg.ingest.records import schema as record_schema

FIX = Path(__file__).parent / "fixtures"
CASES = sorted(p.stem for p in (FIX / "golden").glob("*.json"))


def _release(stem):
    return next((FIX / "releases").glob(stem + ".*"))


@pytest.fixture(scope="module")
def records():
    return {stem: extract(read_path(_release(stem))) for stem in CASES}


@pytest.mark.parametrize("stem", CASES)
def test_record_matches_golden(records, stem):
    want = json.loads((FIX / "golden" / f"{stem}.json").read_text())
    got = records[stem]
    assert got["document"]["published"] == want["published"]
    if "url" in want:
        assert got["document"]["url"] == want["url"]
    assert len(got["meetings"]) == len(want["meetings"]), [m["name"] for m in got["meetings"]]
    for w, g in zip(want["meetings"], got["meetings"]):
        for key, value in w.items():
            if key == "attendees":
                assert [{k: a[k] for k in ("name", "country", "org", "role")} for a in g["attendees"]] == value
            elif key == "areas":
                assert set(value) <= set(g["areas"]), (value, g["areas"])
            elif key == "instruments":
                assert [i["name"] for i in g["instruments"]] == value
            elif key == "partners":
                assert sorted(g["partners"]) == sorted(value)
            else:
                assert g[key] == value, key
    got_events = [{k: e[k] for k in ("partner", "status", "event", "date")} for e in got["partnership_events"]]
    assert got_events == want["events"]


@pytest.mark.parametrize("stem", CASES)
def test_record_follows_schema_and_offsets_quote_the_body(records, stem):
    rec = records[stem]
    jsonschema.validate(rec, record_schema())
    body = read_path(_release(stem)).body
    spans = [m["evidence"] for m in rec["meetings"]] + [e["evidence"] for e in rec["partnership_events"]]
    spans += [a["evidence"] for m in rec["meetings"] for a in m["attendees"]]
    spans += [i["evidence"] for m in rec["meetings"] for i in m["instruments"]]
    for s in spans:
        assert 0 <= s["start"] < s["end"] <= len(body)
        assert body[s["start"] : s["end"]].strip() == body[s["start"] : s["end"]]


def test_pillars_follow_areas(records):
    m = records["r02_summit_mdy"]["meetings"][0]
    assert {"APSC", "AEC", "ASCC"} <= set(m["pillars"])


def test_actions_on_instruments(records):
    ins = records["r01_som_today"]["meetings"][0]["instruments"][0]
    assert ins["kind"] == "plan-of-action" and ins["action"] == "implemented"
