import pytest

from kg.initialise import initialise
from kg.store import open_store


@pytest.fixture
def memory_store():
    s = open_store("memory:")
    yield s
    s.close()


@pytest.fixture(scope="session")
def initialised_store():
    """A memory store with ontology and reference graph; read-only for the tests that take it."""
    s = open_store("memory:")
    initialise(s)
    yield s
    s.close()
