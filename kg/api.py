"""The Python API, for notebooks and scripts: everything the `aseankg` command does, with
results as plain Python values, pandas DataFrames or networkx graphs.

    import kg
    with kg.open("aseankg-data") as g:            # or "memory:", "sparql:http://host:7878/query"
        g.load("releases/")                        # files, directories, hand-written .json records
        r = g.ask("meetings", partner="RU", year=2021)
        r.records()                                # [{'meeting': 'https://...', 'start': ['2021-06-23'], ...}]
        r.to_pandas()                              # a DataFrame (pip install "asean-kg[pandas]")
        g.sparql("SELECT (COUNT(*) AS ?n) WHERE { ?m a akg:Meeting }").scalar()
        g.network("partners", year=2021)           # a networkx graph, attributes as in the exports

Parameters are the question's (`g.questions()` lists them); values are checked and bound as
typed RDF terms, exactly as on the command line.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .ingest.load import Outcome, Summary, inputs_of, load_inputs
from .ingest.load import retract as retract_release
from .model.derived import ensure_fresh, rebuild
from .model.initialise import initialise, is_initialised
from .outputs.render import records, value
from .questions import catalogue, find, run_named
from .sparql_text import check_read_only
from .stores import Rows, Store, open_store


@dataclass
class Result:
    """Rows of a question or a SELECT: column names, rdflib terms, and plain Python views."""

    rows: Rows
    lists: dict  # multi-valued columns -> their separator

    @property
    def columns(self) -> list[str]:
        return list(self.rows.vars)

    def __len__(self) -> int:
        return len(self.rows)

    def __iter__(self):
        return iter(self.records())

    def terms(self) -> list[tuple]:
        """The rows as tuples of rdflib terms (None where unbound)."""
        return list(self.rows.rows)

    def records(self) -> list[dict]:
        """Rows as dicts of plain values: IRIs and dates as strings, numbers as numbers, and
        multi-valued columns (a meeting's partners, sources, disagreeing dates) as lists."""
        return records(self.rows, self.lists)

    def scalar(self):
        """The one value of a one-row, one-column result (a COUNT)."""
        if len(self.rows) != 1 or len(self.rows.vars) != 1:
            raise ValueError(f"not a single value: {len(self.rows)} rows of {len(self.rows.vars)} columns")
        return value(self.rows.rows[0][0])

    def to_pandas(self):
        """A pandas DataFrame of `records()` (pandas is the optional extra `asean-kg[pandas]`)."""
        try:
            import pandas as pd
        except ImportError:
            raise ImportError('pandas is not installed: pip install "asean-kg[pandas]"') from None
        return pd.DataFrame.from_records(self.records(), columns=self.columns)


class Graph:
    """A knowledge graph in a store. Open one with `kg.open(...)`; close it (or use `with`)."""

    def __init__(self, store: Store):
        self.store = store

    # --- building ---------------------------------------------------------------------------
    def init(self) -> dict:
        """Write (or rewrite) the ontology and the sourced reference data. Idempotent."""
        return initialise(self.store)

    def load(self, *paths, workers: int | None = 1) -> Summary:
        """Extract and load releases: files, directories (their .txt, .html and .json files) and
        hand-written records. A file that fails is reported in the summary; the others load."""
        if not is_initialised(self.store):
            initialise(self.store)
        summary = Summary()
        summary.outcomes += load_inputs(self.store, inputs_of([str(p) for p in paths]), workers=workers)
        return summary

    def load_text(self, text: str | bytes, name: str = "text.txt") -> Outcome:
        """Load one release given as text or bytes (`name` is how messages call it)."""
        if not is_initialised(self.store):
            initialise(self.store)
        raw = text.encode("utf-8") if isinstance(text, str) else text
        return next(load_inputs(self.store, [], stdin=raw, stdin_name=name))

    def load_record(self, record: dict, name: str = "record.json") -> Outcome:
        """Load a hand-written (or corrected) extraction record, checked like a .json file."""
        import json

        return self.load_text(
            json.dumps(record, ensure_ascii=False), name if name.endswith(".json") else name + ".json"
        )

    def retract(self, source: str) -> list[str]:
        """Drop the release(s) with this url, sha256, file name or path; the graphs dropped."""
        return retract_release(self.store, source)

    def reason(self) -> dict:
        """Rebuild graph/current and graph/inferred from the sources (normally automatic)."""
        return rebuild(self.store)

    def validate(self):
        """SHACL validation of everything the sources state: a report with `conforms`,
        `violations` and `disagreements` (two sources, each within bounds)."""
        from .model.validate import validate_store

        return validate_store(self._fresh())

    # --- asking -----------------------------------------------------------------------------
    def questions(self) -> list[dict]:
        """The competency questions: name, question, parameters (name, type, required, help), columns."""
        return [
            {
                "name": q.name,
                "question": q.question,
                "parameters": [
                    {"name": p.name, "type": p.type, "required": p.required, "default": p.default, "help": p.help}
                    for p in q.params
                ],
                "columns": q.columns,
            }
            for q in catalogue().values()
            if not q.internal
        ]

    def ask(self, question: str, dataset: str | None = None, **params) -> Result:
        """Run a competency question (queries/NAME.rq) with its parameters as keywords:
        `g.ask("meetings", partner="RU", year=2021)`. It reads the dataset its header names
        (`# Reads:`, else the facts) unless `dataset` names another."""
        q = find(question)
        rows = run_named(self._fresh(), question, {k: str(v) for k, v in params.items()}, dataset=dataset)
        return Result(rows, q.lists)

    def sparql(self, query: str, dataset: str = "facts"):
        """A read-only query. SELECT gives a Result, ASK a bool, CONSTRUCT/DESCRIBE an rdflib
        Graph. The prefixes akg:, id:, vocab:, skos:, ... are predeclared."""
        form = check_read_only(query)
        store = self._fresh()
        if form == "SELECT":
            return Result(store.select(query, dataset=dataset), {})
        if form == "ASK":
            return store.ask(query, dataset=dataset)
        return store.construct(query, dataset=dataset)

    def network(self, view: str = "partners", **filters):
        """A networkx graph of a view (partners, meetings, people, areas), with the attributes
        the exports write; filters: partner, year, date_from, date_to."""
        from .outputs.views import VIEWS

        if view not in VIEWS:
            raise ValueError(f"unknown view {view!r}: {', '.join(VIEWS)}")
        return VIEWS[view](self._fresh(), **filters)

    def export(self, view: str, fmt: str, out: str | Path, **filters) -> dict:
        """Write a view to a file (graphml, gexf, json, cyjs, dot, html, svg, png; the timeline:
        svg, png, json). Returns counts of what was written."""
        from .outputs.export import export

        return export(self._fresh(), view, fmt, str(out), **filters)

    def stats(self) -> dict:
        from .outputs.stats import store_stats

        return store_stats(self._fresh())

    def as_rdflib(self):
        """The embedded store as an rdflib Dataset (through oxrdflib), for rdflib code: reads
        and writes go to the same Oxigraph store. Its default graph is the union of all graphs."""
        from .stores.embedded import OxigraphStore

        if not isinstance(self.store, OxigraphStore):
            raise TypeError("as_rdflib() needs the embedded store (oxigraph: or memory:)")
        import rdflib
        from oxrdflib import OxigraphStore as RdflibOxigraph

        return rdflib.Dataset(store=RdflibOxigraph(store=self.store.native), default_union=True)

    # --- housekeeping -----------------------------------------------------------------------
    def _fresh(self) -> Store:
        ensure_fresh(self.store)
        return self.store

    def close(self) -> None:
        self.store.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def __repr__(self) -> str:
        return f"<kg.Graph {self.store.descriptor}>"


def open(descriptor: str | Path | None = None, *, create: bool = True, read_only: bool = False) -> Graph:
    """Open a knowledge graph: a path (the embedded store there), `oxigraph:PATH`, `memory:`
    or `sparql:QUERY_URL[,UPDATE_URL]`. With `create=False` a missing store is an error
    (kg.stores.StoreMissing) instead of a new empty one."""
    if isinstance(descriptor, Path) or (descriptor and ":" not in str(descriptor)):
        descriptor = f"oxigraph:{descriptor}"
    return Graph(open_store(descriptor, create=create, read_only=read_only))


__all__ = ["Graph", "Result", "open"]
