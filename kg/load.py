"""Stage 5, store: read -> extract -> resolve -> assert -> one named graph per release.

Each release is written in one store transaction (put_graph), so a load killed halfway leaves
every release either fully present or absent. Loading the same bytes again changes nothing;
a new version of a release (same url, other bytes) replaces that release's graph. Bad input
fails that one file with a one-line reason; nothing is written for it.
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from rdflib import URIRef

from . import mint
from .assertion import Source, release_triples
from .extract import extract
from .namespaces import INFERRED_GRAPH
from .paths import DATA_DIR
from .queries import run_named, update_text
from .read import MAX_BYTES, ReadError, read_bytes
from .resolve import Resolver, StoreLookup
from .store import bind_values


@dataclass
class Outcome:
    name: str
    status: str                  # loaded | replaced | unchanged | failed
    message: str = ""
    key: str | None = None
    triples: int = 0
    meetings: int = 0
    people: int = 0


@dataclass
class Summary:
    outcomes: list = field(default_factory=list)

    def count(self, status: str) -> int:
        return sum(1 for o in self.outcomes if o.status == status)

    @property
    def failed(self) -> list:
        return [o for o in self.outcomes if o.status == "failed"]

    def line(self) -> str:
        loaded = self.count("loaded") + self.count("replaced")
        return (f"releases loaded {loaded} (replaced {self.count('replaced')}), unchanged {self.count('unchanged')}, "
                f"failed {self.count('failed')}; meetings {sum(o.meetings for o in self.outcomes)}, "
                f"people {sum(o.people for o in self.outcomes)}, triples added {sum(o.triples for o in self.outcomes)}")


@lru_cache(maxsize=1)
def record_schema() -> dict:
    return json.loads((DATA_DIR / "extraction.schema.json").read_text(encoding="utf-8"))


class RecordError(ValueError):
    pass


def parse_record(raw: bytes, name: str) -> dict:
    """A hand-written or corrected extraction record, checked against the schema."""
    import jsonschema
    if len(raw) > MAX_BYTES:
        raise RecordError(f"{name}: {len(raw)} bytes is larger than the {MAX_BYTES}-byte limit")
    try:
        record = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as e:
        raise RecordError(f"{name}: not a JSON extraction record ({str(e).splitlines()[0]})") from None
    if not isinstance(record, dict):
        raise RecordError(f"{name}: not a JSON extraction record (top level is not an object)")
    record.setdefault("document", {}).setdefault("sha256", hashlib.sha256(raw).hexdigest())
    try:
        jsonschema.validate(record, record_schema())
    except jsonschema.ValidationError as e:
        where = "/".join(str(p) for p in e.absolute_path) or "record"
        raise RecordError(f"{name}: record fails the schema at {where}: {e.message}") from None
    return record


def prepare(raw: bytes, name: str):
    """(record, source) for one input, or raise ReadError/RecordError. Needs no store, so it
    can run in worker processes while the main process resolves and writes."""
    if name.lower().endswith(".json"):
        record = parse_record(raw, name)
        sha = hashlib.sha256(raw).hexdigest()
        url = (record.get("document") or {}).get("url")
        return record, Source(mint.release_key(url, sha), sha, None, "record", name)
    release = read_bytes(raw, name)
    record = extract(release)
    key = mint.release_key(record["document"].get("url"), release.sha256)
    return record, Source(key, release.sha256, release.body, release.kind, name)


def prepare_path(path: str):
    """What a worker sends back: (name, record, source) or (name, None, error message)."""
    p = Path(path)
    try:
        size = p.stat().st_size
        if size > MAX_BYTES:
            return str(p), None, f"{p}: {size} bytes is larger than the {MAX_BYTES}-byte limit for a release"
        record, source = prepare(p.read_bytes(), str(p))
        return str(p), record, source
    except OSError as e:
        return str(p), None, f"{p}: cannot read ({e.strerror})"
    except (ReadError, RecordError) as e:
        return str(p), None, str(e)


def with_derived(store, renames: dict) -> dict:
    """Every node a rename takes along: a meeting's attendances, discussions and instrument
    actions (their IRIs extend the meeting's), a person's attendances (ending in its slug)."""
    out = {}
    for old, new in renames.items():
        out[old] = new
        old_s, new_s = str(old), str(new)
        old_slug, new_slug = old_s.rsplit("/", 1)[-1], new_s.rsplit("/", 1)[-1]
        for row in run_named(store, "derived-nodes", {"node": old_s}).dicts():
            d = str(row["derived"])
            if d.startswith(old_s + "/"):
                out[row["derived"]] = URIRef(new_s + d[len(old_s):])
            elif d.endswith("/" + old_slug):
                out[row["derived"]] = URIRef(d[:-len(old_slug)] + new_slug)
    return out


def commit(store, graph_iri: URIRef, triples: list, renames: dict) -> None:
    """Write one release: its graph, and the renames its resolution decided, in one transaction."""
    if not renames:
        store.put_graph(graph_iri, triples)
        return
    rows = [{"old": old, "new": new} for old, new in with_derived(store, renames).items()]
    # bound before the data is appended: a quoted sentence may read like SPARQL
    store.update(bind_values(update_text("rename-nodes"), rows) + " ;\n" +
                 update_text("replace-graph", graph=graph_iri, data=triples))


class Loader:
    def __init__(self, store):
        self.store = store
        self.resolver = Resolver(StoreLookup(store))

    def existing_sha(self, key: str) -> str | None:
        rows = run_named(self.store, "release-by-key", {"release": str(mint.release(key))})
        return str(rows.rows[0][0]) if rows.rows else None

    def load_bytes(self, raw: bytes, name: str) -> Outcome:
        try:
            record, source = prepare(raw, name)
        except (ReadError, RecordError) as e:
            return Outcome(name, "failed", str(e))
        return self.assert_record(name, record, source)

    def assert_record(self, name: str, record: dict, source: Source) -> Outcome:
        """Resolve and write one prepared release: one store transaction."""
        graph_iri = mint.release_graph(source.key)
        previous = self.existing_sha(source.key) if self.store.has_graph(graph_iri) else None
        if previous == source.sha256:
            return Outcome(name, "unchanged", key=source.key)
        resolved = self.resolver.resolve(record, source.key)
        graph = release_triples(resolved, source)
        commit(self.store, graph_iri, graph, resolved.renames)
        reported = [m for m in record["meetings"] if m.get("status") == "reported"]
        people = sum(len(m.get("attendees") or []) for m in record["meetings"])
        return Outcome(name, "replaced" if previous else "loaded", key=source.key, triples=len(graph),
                       meetings=len(reported), people=people)

    def load_path(self, path: Path) -> Outcome:
        name, record, source = prepare_path(str(path))
        if record is None:
            return Outcome(name, "failed", source)
        return self.assert_record(name, record, source)

    def load_paths(self, paths, workers: int = 1):
        """Outcomes in input order. With workers > 1, reading and extraction run in that many
        processes while this one resolves and writes (resolution depends on order, so it stays here)."""
        paths = [str(p) for p in paths]
        if workers <= 1 or len(paths) < 32:
            for p in paths:
                yield self.load_path(Path(p))
            return
        import multiprocessing as mp
        with mp.get_context("spawn").Pool(workers) as pool:
            for name, record, source in pool.imap(prepare_path, paths, chunksize=16):
                yield Outcome(name, "failed", source) if record is None else self.assert_record(name, record, source)


def refresh_inferences(store) -> None:
    """Keep the inferred graph in step with the data when the user has one."""
    if store.has_graph(INFERRED_GRAPH):
        from .reason import materialise
        materialise(store)


def retract(store, source: str) -> list[str]:
    """Drop the graph of every release whose sha256, url or file name is `source` (a path is
    also matched by the sha256 of its bytes). Facts other releases state stay in theirs."""
    values = {source}
    p = Path(source)
    if p.is_file():
        values.add(hashlib.sha256(p.read_bytes()).hexdigest())
        values.add(str(p))
    dropped = []
    for v in values:
        for row in run_named(store, "releases-matching", {"value": v}).dicts():
            if row["graph"] not in dropped:
                store.drop_graph(row["graph"])
                dropped.append(row["graph"])
    if dropped:
        refresh_inferences(store)
    return [str(g) for g in dropped]


__all__ = ["Loader", "Outcome", "Summary", "retract", "refresh_inferences", "parse_record", "prepare"]
