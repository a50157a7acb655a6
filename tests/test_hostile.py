"""Hostile and careless input: every file fails alone, on one line, in bounded time, and never
changes the store; a release keeps its identity across line endings, Unicode forms, edits and
renames."""

import copy
import json
import time
import unicodedata
from datetime import date

import adversarial
import pytest
from click.testing import CliRunner

from kg.cli import main
from kg.ingest.extract import extract
from kg.ingest.read import read_bytes
from kg.ingest.records import problems

# --- bounded extraction ------------------------------------------------------------------------


def extract_seconds(body: str) -> float:
    release = read_bytes(adversarial.release_text(body).encode("utf-8"), "hostile.txt")
    t0 = time.perf_counter()
    record = extract(release)
    elapsed = time.perf_counter() - t0
    assert not problems(record, len(release.body)), "extraction wrote a record its own checks refuse"
    return elapsed


@pytest.mark.slow
@pytest.mark.parametrize("label", sorted(adversarial.FIXED))
def test_time_grows_linearly_with_size(label):
    # 16 times the text may take 16 times as long, with room for a noisy machine: a quadratic
    # rule would take 256 times, a backtracking one far more
    small = min(extract_seconds(adversarial.FIXED[label](40)) for _ in range(2))
    large = extract_seconds(adversarial.FIXED[label](640))
    assert large <= 16 * 4 * small + 0.5, f"{label}: {small:.3f} s -> {large:.3f} s for 16x the text"


@pytest.mark.slow
def test_every_cue_repeated_extracts():
    # every cue and gazetteer phrase repeated, each with its own separator (a rotation keeps the
    # run short; bench/fuzz.py runs every pairing)
    seps = adversarial.SEPARATORS
    for i, phrase in enumerate(adversarial.phrases()):
        extract_seconds(seps[i % len(seps)].join([phrase] * 30))


def test_the_partner_chain_that_used_to_take_minutes():
    # 'ASEAN-' x 25 + 'Russia Summit' took 153 s when the instrument patterns backtracked
    assert extract_seconds("ASEAN-" * 25 + "Russia Summit") < 5


# --- records are checked before anything is written -----------------------------------------------

GOOD = {
    "document": {"url": "https://example.org/analyst/fix-1", "publisher": "Analyst"},
    "meetings": [
        {
            "status": "reported",
            "name": "ASEAN-Chile Development Partnership Committee",
            "level": "jcc",
            "framework": "ASEAN+1",
            "partners": ["CL"],
            "edition": 3,
            "start": "2023-11-20",
            "modality": "in-person",
            "attendees": [
                {"name": "Maria Soto", "country": "CL", "role": "co-chair", "evidence": {"start": 0, "end": 40}}
            ],
            "areas": ["education"],
            "pillars": ["ASCC"],
            "instruments": [],
        }
    ],
    "partnership_events": [],
}


def edited(path: str, value):
    rec = copy.deepcopy(GOOD)
    *parents, last = path.split("/")
    node = rec
    for p in parents:
        node = node[int(p)] if isinstance(node, list) else node[p]
    if value is DELETE:
        del node[last]
    else:
        node[last] = value
    return json.dumps(rec).encode()


DELETE = object()
NEXT_YEAR_PLUS_TWO = str(date.today().year + 2)

MALFORMED = {
    "impossible day": edited("meetings/0/start", "2021-02-31"),
    "impossible month": edited("meetings/0/start", "2021-99-99"),
    "year zero": edited("meetings/0/start", "0000-01-01"),
    "before ASEAN": edited("meetings/0/start", "1901-05-01"),
    "far future": edited("meetings/0/start", NEXT_YEAR_PLUS_TWO + "-01-01"),
    "end before start": edited("meetings/0/end", "2023-11-01"),
    "evidence reversed": edited("meetings/0/attendees/0/evidence", {"start": 40, "end": 3}),
    "evidence negative": edited("meetings/0/attendees/0/evidence", {"start": -5, "end": 3}),
    "blank attendee": edited("meetings/0/attendees/0/name", "   "),
    "huge name": edited("meetings/0/attendees/0/name", "A" * 4_000_000),
    "unknown area": edited("meetings/0/areas", ["no-such-area"]),
    "empty area": edited("meetings/0/areas", [""]),
    "unknown partner": edited("meetings/0/partners", ["XX"]),
    "unknown level": edited("meetings/0/level", "galactic"),
    "unknown role": edited("meetings/0/attendees/0/role", "emperor"),
    "unknown pillar": edited("meetings/0/pillars", ["XYZ"]),
    "edition zero": edited("meetings/0/edition", 0),
    "edition text": edited("meetings/0/edition", "three"),
    "url not an IRI": edited("document/url", "not a url"),
    "no document": edited("document", DELETE),
    "meetings not a list": edited("meetings", {"a": 1}),
    "top level list": b"[1, 2, 3]",
    "not JSON": b"{ this is not json",
    "deep nesting": b"[" * 100_000 + b"]" * 100_000,
    "NaN edition": edited("meetings/0/edition", 1).replace(b'"edition": 1', b'"edition": NaN'),
    "invalid UTF-8": b'{"document": {"url": "\xff\xfe"}}',
    "empty file": b"",
}


@pytest.fixture(scope="module")
def initialised(tmp_path_factory):
    db = tmp_path_factory.mktemp("records") / "db"
    assert CliRunner().invoke(main, ["--store", f"oxigraph:{db}", "init"]).exit_code == 0
    return f"oxigraph:{db}"


def snapshot(descriptor):
    from kg.stores import open_store

    with open_store(descriptor) as s:
        return {g: s.count(g) for g in s.graph_names()}


def test_the_good_record_passes():
    from kg.ingest.load import parse_record

    assert parse_record(edited("document/publisher", "Analyst"), "good.json")["meetings"]


@pytest.mark.parametrize("case", sorted(MALFORMED))
def test_malformed_record_is_one_line_exit_2_and_store_unchanged(case, initialised, tmp_path):
    before = snapshot(initialised)
    path = tmp_path / "record.json"
    path.write_bytes(MALFORMED[case])
    r = CliRunner().invoke(main, ["--store", initialised, "load", str(path)])
    assert r.exit_code == 2, r.output
    lines = r.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: ") and str(path) in lines[0], r.output
    assert "Traceback" not in r.output
    assert snapshot(initialised) == before


# --- release identity ------------------------------------------------------------------------------

RELEASE = (
    "publisher: Example Notes\n\n"
    "The 7th ASEAN-Pakistan Joint Sectoral Cooperation Committee met in Jakarta on 1 July 2020.\n"
    "The meeting was co-chaired by Ms. Rina Hartono, Deputy Secretary-General of ASEAN, and "
    "Mr. Farhan Qureshi, Additional Secretary, Ministry of Foreign Affairs of Pakistan. "
    "Participants from Café Sécurité attended.\n"
)


def load(descriptor, path, root=None):
    args = ["--store", descriptor, "load", str(path)]
    return CliRunner().invoke(main, args)


def test_line_endings_and_unicode_forms_keep_the_release(tmp_path):
    store = f"oxigraph:{tmp_path / 'db'}"
    d = tmp_path / "in"
    d.mkdir()
    f = d / "note.txt"
    f.write_text(RELEASE)
    assert CliRunner().invoke(main, ["--store", store, "load", "--create", str(f)]).exit_code == 0
    before = snapshot(store)
    f.write_bytes(RELEASE.replace("\n", "\r\n").encode())
    assert "unchanged" in load(store, f).output
    f.write_bytes(unicodedata.normalize("NFD", RELEASE).encode())
    assert "unchanged" in load(store, f).output
    assert snapshot(store) == before


def test_an_edited_file_without_url_replaces_its_release(tmp_path):
    store = f"oxigraph:{tmp_path / 'db'}"
    f = tmp_path / "note.txt"
    f.write_text(RELEASE)
    CliRunner().invoke(main, ["--store", store, "load", "--create", str(f)])
    f.write_text(RELEASE.replace("Jakarta", "Bangkok"))
    r = load(store, f)
    assert "replaced 1" in r.output, r.output
    from kg.namespaces import is_release_graph

    assert sum(1 for g in snapshot(store) if is_release_graph(g)) == 1


def test_a_renamed_file_is_found_by_its_new_name(tmp_path):
    store = f"oxigraph:{tmp_path / 'db'}"
    f = tmp_path / "note.txt"
    f.write_text(RELEASE)
    CliRunner().invoke(main, ["--store", store, "load", "--create", str(f)])
    g = f.rename(tmp_path / "renamed.txt")
    assert "renamed" in load(store, g).output
    r = CliRunner().invoke(main, ["--store", store, "retract", "renamed.txt"])
    assert r.exit_code == 0 and "retracted 1" in r.output
