"""The project's own files, read through importlib.resources so they are found the same way in
a checkout, an editable install and an installed wheel:

    kg.data.ontology  <- ontology/   hand-written Turtle, shapes, SKOS vocabularies, reference CSVs
    kg.data.queries   <- queries/    competency questions (*.rq) and internal ones (internal/*.rq, *.ru)
    kg.data           <- kg/data/    extraction schema, cue lists, gazetteers, vendored cytoscape.js

(pyproject.toml maps ontology/ and queries/ into the package; they stay at the top of the
repository because they are the project's source of truth, not code.)
"""

from __future__ import annotations

from functools import cache
from importlib.resources import files
from importlib.resources.abc import Traversable


def data() -> Traversable:
    return files("kg.data")


def ontology() -> Traversable:
    return files("kg.data.ontology")


def queries() -> Traversable:
    return files("kg.data.queries")


def ontology_files(suffix: str = ".ttl") -> list[Traversable]:
    return sorted((f for f in ontology().iterdir() if f.name.endswith(suffix)), key=lambda f: f.name)


def shape_files() -> list[Traversable]:
    return sorted((f for f in (ontology() / "shapes").iterdir() if f.name.endswith(".ttl")), key=lambda f: f.name)


def reference_csv(name: str) -> Traversable:
    return ontology() / "reference" / name


@cache
def sparql(name: str) -> str:
    """The text of an internal query or update (queries/internal/NAME.rq or .ru)."""
    folder = queries() / "internal"
    for suffix in (".rq", ".ru"):
        f = folder / f"{name}{suffix}"
        if f.is_file():
            return f.read_text(encoding="utf-8")
    raise FileNotFoundError(f"no internal query named {name!r}")
