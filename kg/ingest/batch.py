"""What a batch load keeps in memory so that writing 10,000 releases costs no more per release
than writing 10: the releases the store holds (read with one query at the start, kept up to
date), the release graphs waiting to be written together, and the facts the batch added."""

from __future__ import annotations

from dataclasses import dataclass, field

from rdflib import URIRef

from ..questions import run_named

FLUSH_AT = 20_000  # triples: many releases per transaction, each still whole or absent


class ReleaseIndex:
    """The releases of a store by key, by file (those without a url) and by text digest."""

    def __init__(self, store):
        self.by_release: dict = {}
        self.by_file: dict = {}
        self.by_digest: dict = {}
        for row in run_named(store, "release-index").dicts():
            self.add(row)

    def add(self, row: dict) -> None:
        self.by_release[str(row["release"])] = row
        if row["file"] is not None and row["url"] is None:
            self.by_file[str(row["file"])] = row
        if row["digest"] is not None and row["url"] is None:
            self.by_digest[str(row["digest"])] = row

    def find(self, release: URIRef, file_name: str | None, digest: str) -> dict | None:
        """Same key, else (no url) same file, else same text."""
        return (
            self.by_release.get(str(release))
            or (self.by_file.get(file_name) if file_name else None)
            or self.by_digest.get(digest)
        )


@dataclass
class Pending:
    """Release graphs not yet written, and every fact the batch has added."""

    graphs: dict = field(default_factory=dict)  # graph IRI -> triples
    size: int = 0
    facts: set = field(default_factory=set)

    def add(self, graph: URIRef, triples: list, facts) -> None:
        self.graphs[graph] = triples
        self.size += len(triples)
        self.facts.update(facts)

    @property
    def full(self) -> bool:
        return self.size >= FLUSH_AT

    def take(self) -> dict:
        graphs, self.graphs, self.size = self.graphs, {}, 0
        return graphs
