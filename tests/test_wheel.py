"""The built wheel works anywhere: installed into a fresh virtualenv outside the checkout, with
no npm on PATH, it initialises a store, loads releases, answers every question and writes every
export, the offline HTML view included, from its own package data."""

import json
import os
import shutil
import subprocess
import sys
import venv
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
REL = ROOT / "tests" / "fixtures" / "releases"

pytestmark = pytest.mark.slow  # builds a wheel and a virtualenv

# a value for every required parameter of a question, by parameter name
VALUES = {
    "partner": "NZ",
    "person": "Grace Whitfield",
    "subject": "id:meeting/asean-new-zealand-som/31",
    "meeting": "id:meeting/asean-new-zealand-som/31",
}


NOT_SOURCE = (
    "build",
    "dist",
    ".venv",
    ".git",
    "*.egg-info",
    "__pycache__",
    "node_modules",
    ".pytest_cache",
    ".hypothesis",
)


@pytest.fixture(scope="module")
def installed(tmp_path_factory):
    where = tmp_path_factory.mktemp("wheel")
    # built from a copy without the checkout's build/: setuptools reuses that directory, and a
    # query file deleted from queries/ stayed in every wheel built after
    source = where / "source"
    shutil.copytree(ROOT, source, ignore=shutil.ignore_patterns(*NOT_SOURCE))
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(where / "dist"),
            str(source),
        ],
        check=True,
    )
    wheel = next((where / "dist").glob("asean_kg-*.whl"))
    with zipfile.ZipFile(wheel) as z:
        (where / "queries.txt").write_text("\n".join(n for n in z.namelist() if n.startswith("kg/data/queries/")))
    env_dir = where / "venv"
    venv.create(env_dir, with_pip=True)
    python = env_dir / "bin" / "python"
    # dependencies from the registry (or pip's cache), the project only from its wheel
    subprocess.run([str(python), "-m", "pip", "install", "-q", str(wheel)], check=True)
    work = where / "work"
    shutil.copytree(REL, work / "releases")
    path = os.pathsep.join(
        p for p in os.environ.get("PATH", "").split(os.pathsep) if p and not (Path(p) / "npm").exists()
    )
    env = {"PATH": f"{env_dir / 'bin'}{os.pathsep}{path}", "HOME": str(where), "LANG": "C.UTF-8"}
    return env_dir, work, env


def run(installed, *args):
    env_dir, work, env = installed
    return subprocess.run(
        [str(env_dir / "bin" / "aseankg"), "--store", "oxigraph:db", *args],
        cwd=work,
        env=env,
        capture_output=True,
        text=True,
    )


def test_the_wheel_holds_the_query_files_of_the_source_and_no_others(installed):
    _, work, _ = installed
    shipped = (work.parent / "queries.txt").read_text().split()
    source = sorted(str(p.relative_to(ROOT)) for p in (ROOT / "queries").rglob("*.r[qu]"))
    assert sorted(n.removeprefix("kg/data/") for n in shipped if n.endswith((".rq", ".ru"))) == source


def test_the_package_comes_from_the_wheel(installed):
    env_dir, work, env = installed
    assert shutil.which("npm", path=env["PATH"]) is None
    out = subprocess.run(
        [
            str(env_dir / "bin" / "python"),
            "-c",
            "import kg, kg.resources as r; print(kg.__file__); print(r.ontology()); print(r.queries())",
        ],
        cwd=work,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert str(ROOT) not in out and "site-packages" in out


def test_init_load_every_question_and_export(installed):
    r = run(installed, "init")
    assert r.returncode == 0, r.stderr
    r = run(installed, "load", "releases")
    assert r.returncode == 0 and "releases loaded 14" in r.stdout, r.stderr
    listed = run(installed, "query", "--list").stdout
    names = [line.split()[0] for line in listed.splitlines() if line and not line.startswith(" ")]
    assert len(names) == 13
    from kg.questions import find

    for name in names:
        params = [f"{p.name}={VALUES[p.name]}" for p in find(name).params if p.required]
        r = run(installed, "query", name, *[a for p in params for a in ("-p", p)], "--format", "json")
        assert r.returncode == 0, (name, r.stderr)
        assert isinstance(json.loads(r.stdout), list)
    for view, fmt in [
        ("partners", "graphml"),
        ("partners", "gexf"),
        ("meetings", "json"),
        ("people", "cyjs"),
        ("areas", "dot"),
        ("partners", "svg"),
        ("partners", "png"),
        ("timeline", "png"),
        ("partners", "html"),
    ]:
        r = run(installed, "export", view, "--format", fmt, "--out", f"{view}.{fmt}")
        assert r.returncode == 0, (view, fmt, r.stderr)
    page = (installed[1] / "partners.html").read_text(encoding="utf-8")
    assert "cytoscape" in page and 'src="http' not in page
    r = run(installed, "validate")
    assert r.returncode == 0, r.stdout
