"""Stage 5, store: read -> extract (or a hand-written record) -> check -> resolve -> assert ->
one named graph per release, with the derived graphs kept in step.

Every file fails alone: any error (unreadable input, a record that fails its checks, an
extraction past its time budget, an exception anywhere) becomes one `failed` outcome with a
one-line reason, and the next file is loaded. Each release is one store transaction, so a
load killed halfway leaves every release either whole or absent; the derived graphs are either
written in that same transaction (a few releases) or marked stale before a batch starts and
rebuilt once at its end (kg/model/derived.py), so a kill never leaves them wrong unnoticed.

A release is identified by its url; without one, by its path relative to the load root (a
re-load of an edited file replaces it), or, when that path is new, by its normalised text (a
renamed file keeps its identity and takes its new name).
"""

from __future__ import annotations

import hashlib
import json
import os
import signal
import threading
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Literal, URIRef

from .. import mint
from ..collector import collecting_less
from ..model.derived import add_facts, is_fact, mark_stale_text, rebuild, release_update, stale, write_release
from ..model.shapes import violations
from ..namespaces import CURRENT_GRAPH
from ..questions import run_named
from ..stores.base import filled
from .assertion import Source, release_triples
from .batch import Pending, ReleaseIndex
from .extract import extract
from .read import MAX_BYTES, ReadError, read_bytes, text_digest
from .records import problems
from .resolve import Resolver, StoreLookup

BUDGET_SECONDS = 10.0  # the most one file may take to extract (a press release takes milliseconds)
BATCH_AT = 20  # from this many files on, the derived graphs are rebuilt once at the end


@dataclass
class Outcome:
    name: str
    status: str  # loaded | replaced | renamed | unchanged | failed
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
        return (
            f"releases loaded {self.count('loaded')}, replaced {self.count('replaced')}, "
            f"renamed {self.count('renamed')}, unchanged {self.count('unchanged')}, failed {self.count('failed')}; "
            f"meetings {sum(o.meetings for o in self.outcomes)}, people {sum(o.people for o in self.outcomes)}, "
            f"triples written {sum(o.triples for o in self.outcomes)}"
        )


class RecordError(ValueError):
    """A record that may not be written: str() is one line naming the input and its first
    problem; `problems` lists them all."""

    def __init__(self, message: str, problems: list[str] | None = None):
        super().__init__(message)
        self.problems = problems or [message]


class ExtractionTimeout(Exception):
    pass


# --- one input -> (record, source) ------------------------------------------------------------


@contextmanager
def budget(seconds: float | None):
    """Stop work on one file after `seconds` (only where signals can be used: a main thread)."""
    if not seconds or threading.current_thread() is not threading.main_thread() or not hasattr(signal, "setitimer"):
        yield
        return

    def expired(signum, frame):
        raise ExtractionTimeout()

    old = signal.signal(signal.SIGALRM, expired)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)


def parse_record(raw: bytes, name: str) -> dict:
    """A hand-written or corrected extraction record: JSON, then every check of records.py."""
    if len(raw) > MAX_BYTES:
        raise RecordError(f"{name}: {len(raw)} bytes is larger than the {MAX_BYTES}-byte limit")
    try:
        record = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError) as e:
        raise RecordError(f"{name}: not a JSON extraction record ({str(e).splitlines()[0][:160]})") from None
    if isinstance(record, dict) and isinstance(record.get("document"), dict):
        record["document"].setdefault("sha256", hashlib.sha256(raw).hexdigest())
    found = problems(record)
    if found:
        more = f" (and {len(found) - 1} more)" if len(found) > 1 else ""
        raise RecordError(f"{name}: not a valid record: {found[0]}{more}", [f"{name}: {p}" for p in found])
    return record


def prepare(raw: bytes, name: str, file_name: str | None = None, seconds: float | None = BUDGET_SECONDS):
    """(record, source) for one input, or raise ReadError/RecordError/ExtractionTimeout. Needs no
    store, so it runs in worker processes while the main process resolves and writes."""
    if name.lower().endswith(".json"):
        record = parse_record(raw, name)
        sha = hashlib.sha256(raw).hexdigest()
        url = (record.get("document") or {}).get("url")
        digest = text_digest(raw.decode("utf-8"))
        return record, Source(release_key(url, file_name, digest), sha, None, "record", file_name, digest)
    release = read_bytes(raw, name)
    try:
        with budget(seconds):
            record = extract(release)
    except ExtractionTimeout:
        raise ExtractionTimeout(f"{name}: extraction took longer than {seconds:g} s (the per-file budget)") from None
    found = problems(record, len(release.body))
    if found:  # never expected: extraction writes what the checks accept
        raise RecordError(f"{name}: extraction produced an invalid record: {found[0]}")
    url = record["document"].get("url")
    key = release_key(url, file_name, release.text_sha256)
    return record, Source(key, release.sha256, release.body, release.kind, file_name, release.text_sha256)


def release_key(url: str | None, file_name: str | None, digest: str) -> str:
    if url:
        return mint.release_key(url, digest)
    if file_name:
        return mint.release_key("file:" + file_name, digest)
    return mint.release_key(None, digest)


def prepare_path(job: tuple) -> tuple:
    """A worker's job: (path, file name relative to the load root, budget) -> (name, record,
    source) or (name, None, one-line reason). Nothing escapes: one bad file fails alone."""
    path, file_name, seconds = job
    p = Path(path)
    try:
        size = p.stat().st_size
        if size > MAX_BYTES:
            return str(p), None, f"{p}: {size} bytes is larger than the {MAX_BYTES}-byte limit for a release"
        record, source = prepare(p.read_bytes(), str(p), file_name, seconds)
        return str(p), record, source
    except OSError as e:
        return str(p), None, f"{p}: cannot read ({e.strerror or e})"
    except (ReadError, RecordError, ExtractionTimeout) as e:
        return str(p), None, str(e)
    except Exception as e:  # an extraction bug must not stop the batch
        return str(p), None, f"{p}: internal error while extracting ({type(e).__name__}: {str(e)[:160]})"


def relative_name(path: Path, root: Path | None) -> str:
    try:
        return str(path.resolve().relative_to(root.resolve())) if root else path.name
    except ValueError:
        return path.name


# --- the store side ---------------------------------------------------------------------------------


class Loader:
    """Resolves and writes prepared releases. `incremental` keeps the derived graphs in step
    release by release; otherwise they are marked stale at the first write and rebuilt by
    `finish()` (a batch)."""

    def __init__(self, store, incremental: bool = True):
        self.store = store
        # derived graphs a crash left stale (or a store made before they existed) cannot be kept
        # in step by adding to them: the releases go as a batch, whose end rebuilds them
        self.fresh_at_start = not stale(store) and store.has_graph(CURRENT_GRAPH)
        incremental = incremental and self.fresh_at_start
        self.resolver = Resolver(StoreLookup(store), few=incremental)
        self.incremental = incremental
        self.marked = False  # the derived graphs are marked stale by this batch
        self.additive = True  # the batch has only added new releases
        self.index: ReleaseIndex | None = None
        self.pending = Pending()
        self.written = 0

    def existing(self, source: Source) -> dict | None:
        """The stored release this input is: same key, else (no url) same file, else same text."""
        if not self.incremental:
            if self.index is None:
                self.index = ReleaseIndex(self.store)
            return self.index.find(mint.release(source.key), source.file_name, source.text_sha256)
        rows = run_named(self.store, "release-lookup", {"release": str(mint.release(source.key))}).dicts()
        if not rows and source.file_name:
            rows = run_named(self.store, "release-lookup", {"file": source.file_name}).dicts()
            rows = [r for r in rows if r["url"] is None]
        if not rows:
            rows = run_named(self.store, "release-lookup", {"digest": source.text_sha256}).dicts()
        return rows[0] if rows else None

    def assert_record(self, name: str, record: dict, source: Source) -> Outcome:
        try:
            return self._assert(name, record, source)
        except Exception as e:  # resolution or writing failed for this release only
            return Outcome(
                name, "failed", f"{name}: could not be written ({type(e).__name__}: {str(e).splitlines()[0][:160]})"
            )

    def _assert(self, name: str, record: dict, source: Source) -> Outcome:
        found = self.existing(source)
        status = "loaded"
        if found is not None:
            key = str(found["release"]).rsplit("/", 1)[-1]
            same_text = found["digest"] is not None and str(found["digest"]) == source.text_sha256
            if same_text or str(found["sha256"]) == source.sha256:
                if source.file_name and str(found["file"] or "") != source.file_name and found["url"] is None:
                    self.store.update(
                        filled(
                            "rename-file",
                            graph=found["graph"],
                            release=found["release"],
                            file=Literal(source.file_name),
                        )
                    )
                    return Outcome(name, "renamed", key=key)
                return Outcome(name, "unchanged", key=key)
            source.key, status = key, "replaced"  # the same release, edited: its graph is replaced
        graph_iri = mint.release_graph(source.key)
        resolved = self.resolver.resolve(record, source.key)
        triples = release_triples(resolved, source)
        broken = violations(triples)  # the shapes hold at write time, or nothing is written
        if broken:
            v = broken[0]
            more = f" (and {len(broken) - 1} more)" if len(broken) > 1 else ""
            return Outcome(
                name,
                "failed",
                f"{name}: the release graph breaks {str(v.shape).rsplit('#', 1)[-1]}: "
                f"{v.focus} {v.path or ''} {v.message}{more}",
            )
        self.write(graph_iri, triples, resolved.renames, status == "replaced")
        if self.index is not None:
            self.index.add(
                {
                    "release": mint.release(source.key),
                    "graph": graph_iri,
                    "sha256": source.sha256,
                    "digest": source.text_sha256,
                    "file": source.file_name,
                    "url": (record.get("document") or {}).get("url"),
                }
            )
        reported = [m for m in record["meetings"] if m.get("status") == "reported"]
        people = sum(len(m.get("attendees") or []) for m in record["meetings"])
        return Outcome(name, status, key=source.key, triples=len(triples), meetings=len(reported), people=people)

    def write(self, graph_iri: URIRef, triples: list, renames: dict, replacing: bool = False) -> None:
        """A new release without renames is added, with its facts added to the derived graphs
        (at once, or at the batch's end); anything else (a replacement, nodes renamed) goes
        through one SPARQL update that keeps or marks the derived graphs."""
        facts = [t for t in triples if is_fact(*t)]
        simple = not renames and not replacing and graph_iri not in self.pending.graphs
        if self.incremental:
            if simple and not self.store.has_graph(graph_iri):
                self.store.add_graphs({graph_iri: triples}, mark_stale=True)
                add_facts(self.store, facts)
            else:
                write_release(self.store, graph_iri, triples, with_derived(self.store, renames))
            self.written += 1
            return
        if simple:
            self.pending.add(graph_iri, triples, facts)
            if self.pending.full:
                self.flush()
        else:
            self.flush()
            self.additive = False
            if not self.marked:
                self.store.update(mark_stale_text())
                self.marked = True
            self.store.update(release_update(self.store, graph_iri, triples, with_derived(self.store, renames)))
        self.written += 1

    def flush(self) -> None:
        """Write the pending release graphs in one transaction (marking the derived graphs stale
        in it, the first time)."""
        graphs = self.pending.take()
        if graphs:
            self.store.add_graphs(graphs, mark_stale=not self.marked)
            self.marked = True

    def load_bytes(self, raw: bytes, name: str, file_name: str | None = None) -> Outcome:
        try:
            record, source = prepare(raw, name, file_name)
        except (ReadError, RecordError, ExtractionTimeout) as e:
            return Outcome(name, "failed", str(e))
        except Exception as e:
            return Outcome(
                name, "failed", f"{name}: internal error while extracting ({type(e).__name__}: {str(e)[:160]})"
            )
        return self.assert_record(name, record, source)

    def load_path(self, path, root: Path | None = None, seconds: float | None = BUDGET_SECONDS) -> Outcome:
        path = Path(path)
        name, record, source = prepare_path((str(path), relative_name(path, root or path.parent), seconds))
        if record is None:
            return Outcome(name, "failed", source)
        return self.assert_record(name, record, source)

    def load_paths(self, paths, root: Path | None = None, workers: int = 1, seconds: float | None = BUDGET_SECONDS):
        """Outcomes in input order. With workers > 1, reading and extraction run in that many
        processes while this one resolves and writes (resolution depends on order)."""
        jobs = [(str(p), relative_name(Path(p), root or Path(p).parent), seconds) for p in paths]
        if workers <= 1 or len(jobs) < 32:
            results = map(prepare_path, jobs)
            for name, record, source in results:
                yield Outcome(name, "failed", source) if record is None else self.assert_record(name, record, source)
            return
        import multiprocessing as mp

        with mp.get_context("spawn").Pool(workers) as pool:
            for name, record, source in pool.imap(prepare_path, jobs, chunksize=8):
                yield Outcome(name, "failed", source) if record is None else self.assert_record(name, record, source)

    def finish(self) -> dict | None:
        """End a batch: the derived graphs take the facts it added (or, after replacements and
        renames, or when they were stale already, are rebuilt from every source)."""
        self.flush()
        if not self.marked:
            return None
        self.marked = False
        t0 = time.perf_counter()
        if self.additive and self.fresh_at_start:
            figures = add_facts(self.store, self.pending.facts)
        else:
            figures = rebuild(self.store)
        self.pending.facts = set()
        self.store.optimise()
        figures["seconds"] = round(time.perf_counter() - t0, 3)
        return figures


RELEASE_PATTERNS = ("*.txt", "*.html", "*.htm", "*.json")


def inputs_of(paths, patterns=RELEASE_PATTERNS) -> list[tuple[Path, Path]]:
    """(file, load root) for each file named and each release file inside a directory named
    (a release without a url is known by its path relative to that root)."""
    out = []
    for p in paths:
        path = Path(p)
        if path.is_dir():
            found = {f for pattern in patterns for f in path.rglob(pattern) if f.is_file()}
            out += [(f, path) for f in sorted(found)]
        elif str(p) != "-":
            out.append((path, path.parent))
    return out


def load_inputs(
    store,
    inputs: list[tuple[Path, Path]],
    *,
    stdin: bytes | None = None,
    stdin_name: str = "stdin",
    workers: int | None = None,
    seconds: float | None = BUDGET_SECONDS,
):
    """Outcomes, one per input, as each release is written; from BATCH_AT inputs on the derived
    graphs are rebuilt once at the end (also when the caller stops early)."""
    loader = Loader(store, incremental=len(inputs) + (stdin is not None) < BATCH_AT)
    by_root: dict = {}
    for f, root in inputs:
        by_root.setdefault(root, []).append(f)
    with collecting_less():
        try:
            if stdin is not None:
                yield loader.load_bytes(stdin, stdin_name)
            for root, files in by_root.items():
                yield from loader.load_paths(files, root, workers or workers_default(), seconds)
        finally:
            loader.finish()


def with_derived(store, renames: dict) -> dict:
    """Every node a rename takes along: a meeting's attendances, discussions and instrument
    actions (their IRIs extend the meeting's), a person's attendances (ending in its slug)."""
    out = {}
    for old, new in (renames or {}).items():
        out[old] = new
        old_s, new_s = str(old), str(new)
        old_slug, new_slug = mint.local(old), mint.local(new)
        for row in run_named(store, "derived-nodes", {"node": old_s}).dicts():
            d = str(row["derived"])
            if d.startswith(old_s + "/"):
                out[row["derived"]] = URIRef(new_s + d[len(old_s) :])
            elif d.endswith("/" + old_slug):
                out[row["derived"]] = URIRef(d[: -len(old_slug)] + new_slug)
    return out


def retract(store, source: str) -> list[str]:
    """Drop the graph of every release whose sha256, url or file name is `source` (a path is also
    matched by its bytes and its text); its facts leave graph/current unless another source
    states them, and what they implied leaves graph/inferred, in one transaction per release."""
    values = {source, source.removeprefix("./")}
    p = Path(source)
    if p.is_file():
        raw = p.read_bytes()
        values |= {hashlib.sha256(raw).hexdigest(), p.name}
        try:
            values.add(text_digest(raw.decode("utf-8-sig")))
        except UnicodeDecodeError:
            pass
    dropped = []
    for v in sorted(values):
        for row in run_named(store, "releases-matching", {"value": v, "url": v}).dicts():
            if row["graph"] not in dropped:
                write_release(store, row["graph"], None)
                dropped.append(row["graph"])
    return [str(g) for g in dropped]


def workers_default() -> int:
    return min(2, os.cpu_count() or 1)


__all__ = [
    "BATCH_AT",
    "Loader",
    "Outcome",
    "RecordError",
    "Summary",
    "inputs_of",
    "load_inputs",
    "parse_record",
    "prepare",
    "retract",
]
