"""Every competency question against a small fixture graph (reference data + the releases
written for the tests), compared with expected rows in tests/fixtures/queries/<case>.csv.
GROUP_CONCAT has no order, so each cell compares as a bag of words and rows as a multiset;
orderings that matter are checked on their own."""

import csv
import io
from collections import Counter
from pathlib import Path

import pytest
from query_cases import CASES, resolve

from kg.outputs.render import render
from kg.questions import ParameterError, available, find, run_named

FIX = Path(__file__).parent / "fixtures"


@pytest.fixture(scope="module")
def store(fixture_store):
    return fixture_store


def bag(text: str) -> Counter:
    rows = list(csv.reader(io.StringIO(text)))
    return Counter(tuple(" ".join(sorted(cell.split())) for cell in row) for row in rows)


@pytest.mark.parametrize("case", sorted(CASES))
def test_question_rows(store, case):
    name, params = resolve(case)
    got = render(run_named(store, name, params), "csv")
    want = (FIX / "queries" / f"{case}.csv").read_text().rstrip("\n")
    assert bag(got) == bag(want)


def test_every_question_is_covered_and_documented():
    names = {q.name for q in available()}
    assert names == {resolve(c)[0] for c in CASES}
    for q in available():
        assert q.question and q.columns, q.name


def test_columns_match_header(store):
    for case in CASES:
        name, params = resolve(case)
        assert run_named(store, name, params).vars[: len(find(name).columns)] == find(name).columns


def test_ordering(store):
    rows = run_named(store, "meetings", {}).dicts()
    starts = [str(r["start"]) for r in rows if r["start"] is not None]
    assert starts == sorted(starts)
    areas = run_named(store, "partner-areas", {"partner": "JP"}).dicts()
    assert [int(r["meetings"]) for r in areas] == sorted((int(r["meetings"]) for r in areas), reverse=True)


@pytest.mark.parametrize(
    "name,params,word",
    [
        ("meetings", {"partner": "ZZ"}, "partner"),
        ("meetings", {"year": "20x4"}, "year"),
        ("meetings", {"colour": "red"}, "colour"),
        ("partner-history", {}, "partner"),
        ("partners", {"on": "yesterday"}, "on"),
        ("meetings", {"level": "picnic"}, "level"),
        ("person-meetings", {"person": "Nobody Known"}, "person"),
    ],
)
def test_bad_parameters_name_the_parameter(store, name, params, word):
    with pytest.raises(ParameterError) as e:
        run_named(store, name, params)
    assert word in str(e.value)


def test_values_are_bound_not_pasted(store):
    # a quote in a value cannot break out of the query: it is just a value that matches nothing
    with pytest.raises(ParameterError):
        run_named(store, "person-meetings", {"person": 'x" } ; DROP ALL ; #'})
    assert store.count() > 0


def test_inferred_graph_can_be_left_out(store):
    from kg.model.derived import rebuild

    rebuild(store)
    q = "SELECT (COUNT(*) AS ?n) WHERE { ?m a <https://schema.org/Event> }"
    assert int(store.select(q).rows[0][0]) > 0
    assert int(store.select(q, dataset="asserted").rows[0][0]) == 0


@pytest.mark.parametrize("case", sorted(CASES))
def test_a_question_reading_the_asserted_facts_gives_the_rows_of_the_facts(store, case):
    """A question that declares `Reads: asserted` leaves the inferred graph out for speed: it must
    ask nothing that only inference states (the inferred graph is rebuilt first, so it is there)."""
    from kg.model.derived import rebuild
    from kg.stores import DATASETS

    name, params = resolve(case)
    assert find(name).dataset in DATASETS
    if find(name).dataset != "asserted":
        pytest.skip(f"{name} reads the {find(name).dataset}")
    rebuild(store)
    own = render(run_named(store, name, params), "csv")
    assert own == render(run_named(store, name, params, dataset="facts"), "csv")
    assert own.count("\n") >= 1  # rows to compare, not two empty answers


def test_days_between_meetings_are_calendar_days():
    """last-meeting counts days from day numbers (portable SPARQL, not date subtraction): the
    same BINDs, on dates across leap years and centuries, against Python's calendar."""

    from kg.resources import queries
    from kg.stores import open_store

    pairs = [
        ("1999-12-31", "2000-03-01"),
        ("1900-02-28", "1900-03-01"),
        ("2024-02-28", "2024-03-01"),
        ("1967-08-08", "2026-11-29"),
        ("2023-12-31", "2024-01-01"),
    ]
    binds = "\n".join(
        line
        for line in (queries() / "last-meeting.rq").read_text().splitlines()
        if "BIND" in line or line.strip().startswith("+")
    )
    rows = " ".join(f'("{a}"^^xsd:date "{b}"^^xsd:date)' for a, b in pairs)
    store = open_store("memory:")
    got = store.select(f"SELECT ?ps ?start ?gap WHERE {{ VALUES (?ps ?start) {{ {rows} }} {binds} }}")
    assert len(got.rows) == len(pairs)
    for ps, start, gap in got.rows:
        assert int(gap.toPython()) == (start.toPython() - ps.toPython()).days, (ps, start)


def test_optional_blocks_keep_what_the_parameters_given_ask_for():
    from kg.questions.catalogue import specialise

    text = "a\n# if: p\nb\n# if: q\nc\n# else\nd\n# endif\n# else\ne\n# endif\nf"
    assert specialise(text, {"p", "q"}).split() == ["a", "b", "c", "f"]
    assert specialise(text, {"p"}).split() == ["a", "b", "d", "f"]
    assert specialise(text, {"q"}).split() == ["a", "e", "f"]
    assert specialise(text, set()).split() == ["a", "e", "f"]


def test_evidence_names_the_release_itself_where_it_has_no_page_url(tmp_path):
    """A release loaded from a file without a url is its own source: the release's IRI."""
    from kg.ingest.load import Loader
    from kg.model.initialise import initialise
    from kg.stores import open_store

    text = (FIX / "releases" / "r02_summit_mdy.txt").read_text()
    bare = tmp_path / "summit-without-url.txt"
    bare.write_text("\n".join(line for line in text.splitlines() if not line.startswith("url:")) + "\n")
    with open_store("memory:") as s:
        initialise(s)
        loader = Loader(s)
        loader.load_path(bare)
        loader.load_path(FIX / "releases" / "r02_summit_mdy.txt")
        rows = run_named(s, "evidence", {"subject": "https://w3id.org/aseankg/meeting/asean-japan-summit/27"}).dicts()
    sources = {str(r["source"]) for r in rows if str(r["predicate"]).endswith("#edition")}
    assert len(sources) == 2 and "https://example.org/asean/japan-summit-27" in sources
    assert any(src.startswith("https://w3id.org/aseankg/release/") for src in sources)
