import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

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


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(url: str, proc, seconds: float = 30):
    deadline = time.time() + seconds
    while time.time() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"server exited with {proc.returncode}")
        try:
            urllib.request.urlopen(url, timeout=1)
            return
        except Exception:
            time.sleep(0.1)
    raise RuntimeError(f"{url} did not come up")


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
