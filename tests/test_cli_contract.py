"""The CLI never lies: each case a user met gives the stated exit code and one line, with no
traceback and nothing created or changed behind the user's back."""

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import main

REL = Path(__file__).parent / "fixtures" / "releases"


def invoke(*args):
    return CliRunner().invoke(main, list(args))


def one_error_line(result, code=2):
    lines = result.output.strip().splitlines()
    assert result.exit_code == code, result.output
    assert len(lines) == 1 and lines[0].startswith("error: "), result.output
    assert "Traceback" not in result.output
    return lines[0]


@pytest.fixture(scope="module")
def loaded(tmp_path_factory):
    db = tmp_path_factory.mktemp("cli") / "db"
    assert invoke("--store", f"oxigraph:{db}", "load", "--create", "--no-progress", str(REL)).exit_code == 0
    return f"oxigraph:{db}"


COMMANDS = [
    ["stats"],
    ["query", "partners"],
    ["sparql", "ASK { ?s ?p ?o }"],
    ["retract", "https://example.org/x"],
    ["reason"],
    ["validate"],
    ["export", "partners", "--format", "graphml", "--out", "x.graphml"],
    ["dump", "x.nq"],
    ["load", str(REL / "r01_som_today.txt")],
    ["serve", "--port", "0"],
]


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: c[0])
def test_a_mistyped_store_is_an_error_and_nothing_is_created(command, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    missing = tmp_path / "no-such-store"
    line = one_error_line(invoke("--store", f"oxigraph:{missing}", *command))
    assert str(missing) in line and not missing.exists()


def test_curies_the_cli_prints_are_accepted(loaded):
    r = invoke("--store", loaded, "query", "meetings", "-p", "partner=NZ", "--format", "json")
    meeting = next(m["meeting"] for m in json.loads(r.output) if m["level"] == "som")
    curie = "id:" + meeting.split("https://w3id.org/aseankg/", 1)[1]
    for param in ("subject", "meeting"):
        name = "evidence" if param == "subject" else "meeting-attendees"
        full = json.loads(
            invoke("--store", loaded, "query", name, "-p", f"{param}={meeting}", "--format", "json").output
        )
        short = json.loads(
            invoke("--store", loaded, "query", name, "-p", f"{param}={curie}", "--format", "json").output
        )
        assert full and short == full


@pytest.mark.parametrize(
    "param,expected",
    [
        ("on=2020-02-31", "not in the calendar"),
        ("on=2020-13", "expected a real date"),
        ("on=yesterday", "expected a real date"),
    ],
)
def test_bad_dates_are_one_line(loaded, param, expected):
    line = one_error_line(invoke("--store", loaded, "query", "partners", "-p", param))
    assert expected in line


@pytest.mark.parametrize(
    "name,param,expected",
    [
        ("meetings", "year=21", "four-digit year"),
        ("meetings", "partner=Russia", "partner or member code"),
        ("meetings", "level=galactic", "level code"),
        ("meetings", "colour=red", "unknown parameter"),
        ("evidence", "subject=not an iri", "IRI"),
        ("person-meetings", "person=Nobody Atall", "no person"),
    ],
)
def test_bad_parameters_are_one_line(loaded, name, param, expected):
    line = one_error_line(invoke("--store", loaded, "query", name, "-p", param))
    assert expected in line


def test_a_surname_finds_that_surname_only(loaded):
    rows = json.loads(
        invoke("--store", loaded, "query", "person-meetings", "-p", "person=Whitfield", "--format", "json").output
    )
    assert rows
    by_name = json.loads(
        invoke("--store", loaded, "query", "person-meetings", "-p", "person=Grace Whitfield", "--format", "json").output
    )
    assert rows == by_name


def test_unwritable_output_is_one_line(loaded, tmp_path):
    line = one_error_line(
        invoke(
            "--store",
            loaded,
            "export",
            "partners",
            "--format",
            "graphml",
            "--out",
            str(tmp_path / "missing" / "x.graphml"),
        )
    )
    assert "missing" in line
    line = one_error_line(invoke("--store", loaded, "dump", str(tmp_path / "missing" / "all.nq")))
    assert "missing" in line


def test_dump_writes_what_its_extension_names(loaded, tmp_path):
    one_error_line(invoke("--store", loaded, "dump", str(tmp_path / "all.ttl")))
    assert not (tmp_path / "all.ttl").exists()
    assert invoke("--store", loaded, "dump", str(tmp_path / "all.trig")).exit_code == 0
    assert (tmp_path / "all.trig").read_text(encoding="utf-8").lstrip().startswith(("@prefix", "<", "PREFIX"))
    assert invoke("--store", loaded, "dump", str(tmp_path / "all.nq")).exit_code == 0
    first = (tmp_path / "all.nq").read_text(encoding="utf-8").splitlines()[0]
    assert first.startswith("<") and first.rstrip().endswith("> .") and "/graph/" in first  # a quad, with its graph


def test_bad_sparql_is_one_line(loaded):
    one_error_line(invoke("--store", loaded, "sparql", "SELECT ?x WHERE { ?x ?y"))
    one_error_line(invoke("--store", loaded, "sparql", "DROP ALL"))


def test_internal_errors_are_one_line_without_v(loaded, monkeypatch):
    import kg.outputs.stats as stats

    def broken(store):
        raise RuntimeError("simulated bug")

    monkeypatch.setattr(stats, "store_stats", broken)
    line = one_error_line(invoke("--store", loaded, "stats"), code=1)
    assert "internal error" in line and "-v" in line
    r = CliRunner().invoke(main, ["-v", "--store", loaded, "stats"])
    assert r.exit_code != 0 and isinstance(r.exception, RuntimeError)
