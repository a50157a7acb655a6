import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from bench.load import free_port, wait_for
from kg.model.initialise import initialise
from kg.stores import open_store


@pytest.fixture
def memory_store():
    s = open_store("memory:")
    yield s
    s.close()


@pytest.fixture(scope="module")
def fixture_store():
    """Reference data plus every release written for the tests, loaded into memory."""
    from kg.ingest.load import Loader

    s = open_store("memory:")
    initialise(s)
    loader = Loader(s)
    for p in sorted((Path(__file__).parent / "fixtures" / "releases").iterdir()):
        loader.load_path(p)
    yield s
    s.close()


@pytest.fixture(scope="session")
def initialised_store():
    """A memory store with ontology and reference graph; read-only for the tests that take it."""
    s = open_store("memory:")
    initialise(s)
    yield s
    s.close()


def oxigraph_binary() -> str | None:
    here = Path(sys.executable).parent / "oxigraph"
    return str(here) if here.exists() else shutil.which("oxigraph")


@pytest.fixture(scope="session")
def oxigraph_server(tmp_path_factory):
    """The real Oxigraph server (PyPI package `oxigraph`) on loopback, stopped after the tests."""
    binary = oxigraph_binary()
    if binary is None:
        pytest.skip("the oxigraph server is not installed (pip install oxigraph)")
    port = free_port()
    location = tmp_path_factory.mktemp("oxigraph-server")
    proc = subprocess.Popen(
        [binary, "serve", "--location", str(location), "--bind", f"127.0.0.1:{port}"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_for(base + "/query?query=ASK%7B%7D", proc)
        yield base
    finally:
        proc.terminate()
        proc.wait(timeout=10)


@pytest.fixture
def sparql_store(oxigraph_server):
    from kg.stores import open_store

    s = open_store(f"sparql:{oxigraph_server}/query")
    s.update("DROP ALL")
    yield s
    s.close()


VIRTUOSO_INI = Path("/etc/virtuoso-opensource-7/virtuoso.ini")


def virtuoso_binary() -> str | None:
    return shutil.which("virtuoso-t")


@pytest.fixture(scope="session")
def virtuoso_server(tmp_path_factory):
    """Virtuoso Open Source 7 (Debian's virtuoso-opensource; .ci/run installs it) on loopback,
    with a database of its own, SPARQL updates granted to its anonymous endpoint."""
    import re

    binary, isql = virtuoso_binary(), shutil.which("isql-vt")
    if binary is None or isql is None or not VIRTUOSO_INI.exists():
        pytest.skip("Virtuoso 7 is not installed (apt install virtuoso-opensource)")
    d = tmp_path_factory.mktemp("virtuoso")
    http, sql = free_port(), free_port()
    ini = VIRTUOSO_INI.read_text()
    ini = re.sub(r"/var/lib/virtuoso-opensource-7/db", str(d), ini)
    ini = re.sub(r"(?m)^ServerPort\s*=\s*1111", f"ServerPort = {sql}", ini)
    ini = re.sub(r"(?m)^ServerPort\s*=\s*8890", f"ServerPort = {http}", ini)
    ini = re.sub(r"(?m)^DirsAllowed\s*=.*$", f"DirsAllowed = ., {d}, /usr/share/virtuoso-opensource-7/vad", ini)
    ini = re.sub(r"(?m)^ResultSetMaxRows\s*=.*$", "ResultSetMaxRows = 1000000", ini)
    (d / "virtuoso.ini").write_text(ini)
    proc = subprocess.Popen(
        [binary, "-f", "-c", str(d / "virtuoso.ini")], cwd=d, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    base = f"http://127.0.0.1:{http}"
    try:
        wait_for(base + "/sparql?query=ASK%7B%7D", proc, seconds=90)
        grants = "GRANT SPARQL_UPDATE TO \"SPARQL\"; DB.DBA.RDF_DEFAULT_USER_PERMS_SET ('nobody', 7); "
        subprocess.run([isql, str(sql), "dba", "dba", f"exec={grants}"], check=True, capture_output=True, timeout=60)
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()


@pytest.fixture
def virtuoso_store(virtuoso_server):
    from kg.stores import open_store

    s = open_store(f"sparql:{virtuoso_server}/sparql,{virtuoso_server}/sparql")
    for g in s.graph_names():
        s.drop_graph(g)
    yield s
    s.close()
