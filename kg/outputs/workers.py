"""Where the endpoint's queries run. On the embedded on-disk store: a pool of worker processes,
each with the latest published snapshot open read-only (kg/stores/snapshots.py), so the server
never opens a store another process is writing; a query past its time limit is stopped by
ending its process, which is replaced; when a new snapshot is published the workers move to it
(within a fraction of a second, between queries). Other stores: threads. A bounded queue: when
every worker is busy and the queue is full the request is turned away (503 with Retry-After).
The runners are driven by the server's event loop: `await runner.run(job)`."""

from __future__ import annotations

import asyncio
import collections
import multiprocessing as mp
import os
from concurrent.futures import ThreadPoolExecutor

from rdflib import BNode, URIRef

from ..stores import QueryError
from ..stores import snapshots as snap
from .results import graph_text, serialise_ask, serialise_select


class Busy(Exception):
    """Every worker is busy and the queue is full."""


def term_json(t):
    if t is None:
        return None
    if isinstance(t, URIRef):
        return {"type": "uri", "value": str(t)}
    if isinstance(t, BNode):
        return {"type": "bnode", "value": str(t)}
    d = {"type": "literal", "value": str(t)}
    if t.language:
        d["xml:lang"] = t.language
    elif t.datatype is not None:
        d["datatype"] = str(t.datatype)
    return d


def execute(store, job: dict):
    """Run one query and write its answer in the format asked (`fmt`): ("body", bytes), or
    ("error", status, message). Writing it here keeps the serving process's GIL for HTTP."""
    form, query, max_rows, fmt = job["form"], job["query"], job["max_rows"], job.get("fmt", "json")
    kwargs = {"dataset": job.get("dataset") or "facts", "base_iri": job.get("base_iri")}
    try:
        if form == "SELECT":
            rows = store.select(query, **kwargs)
            if len(rows) > max_rows:
                return ("error", 400, f"the result has more than {max_rows} rows (the row cap): add LIMIT or narrow it")
            return ("body", serialise_select(rows.vars, [[term_json(v) for v in r] for r in rows.rows], fmt))
        if form == "ASK":
            return ("body", serialise_ask(store.ask(query, **kwargs), fmt))
        g = store.construct(query, **kwargs)
        if len(g) > max_rows:
            return ("error", 400, f"the graph has more than {max_rows} triples (the row cap): narrow the query")
        return ("body", graph_text(g.serialize(format="nt"), fmt))
    except QueryError as e:
        return ("error", 400, str(e))
    except Exception as e:  # a worker never dies of a bad query
        return ("error", 500, f"query failed: {str(e).splitlines()[0] if str(e) else type(e).__name__}")


def worker_main(snapshot: str, conn) -> None:
    from ..stores.embedded import OxigraphStore

    store = OxigraphStore(snapshot, f"oxigraph:{snapshot}", create=False, read_only=True)
    while True:
        try:
            job = conn.recv()
        except EOFError:
            return
        conn.send(execute(store, job))


class Worker:
    def __init__(self, ctx, snapshot: str):
        self.snapshot = snapshot
        self.conn, child = ctx.Pipe()
        self.proc = ctx.Process(target=worker_main, args=(snapshot, child), daemon=True)
        self.proc.start()
        child.close()

    def stop(self) -> None:
        self.proc.kill()
        self.proc.join(timeout=5)
        self.conn.close()


class ProcessRunner:
    """Worker processes over the latest snapshot of an on-disk store. Everything here runs on
    the server's event loop (one thread), so the pool needs no lock: an idle worker goes to the
    longest-waiting request, and a request finds no idle worker waits in a bounded queue."""

    def __init__(self, store_path: str, workers: int, timeout: float, queue: int):
        self.path, self.timeout, self.queue_limit = store_path, timeout, queue
        self.ctx = mp.get_context("spawn")
        self.snapshot = self.current_snapshot()
        self.stamp = snap.stamp(store_path)
        self.idle = [Worker(self.ctx, self.snapshot) for _ in range(workers)]
        self.waiting: collections.deque = collections.deque()
        self.follower = None

    def current_snapshot(self) -> str:
        latest = snap.latest(self.path)
        if latest is None:
            raise FileNotFoundError(f"{self.path} has no published snapshot")
        return str(latest)

    async def start(self) -> None:
        self.follower = asyncio.get_running_loop().create_task(self.follow())

    async def follow(self) -> None:
        """Move to each newly published snapshot: idle workers at once, busy ones when done."""
        while True:
            await asyncio.sleep(0.2)
            stamp = snap.stamp(self.path)
            if stamp == self.stamp:
                continue
            try:
                latest = self.current_snapshot()
            except FileNotFoundError:
                continue
            self.stamp, self.snapshot = stamp, latest
            stale = [w for w in self.idle if w.snapshot != latest]
            self.idle = [w for w in self.idle if w.snapshot == latest]
            for w in stale:
                self.replace(w)

    def replace(self, worker: Worker) -> None:
        """End a worker whose query is not answered, and put a fresh one in its place."""
        worker.stop()
        self.give(Worker(self.ctx, self.snapshot))

    def give(self, worker: Worker) -> None:
        """A worker is free: to the first request still waiting, else back to the pool."""
        if worker.snapshot != self.snapshot:
            worker.stop()
            worker = Worker(self.ctx, self.snapshot)
        while self.waiting:
            waiter = self.waiting.popleft()
            if not waiter.done():
                waiter.set_result(worker)
                return
        self.idle.append(worker)

    async def acquire(self) -> Worker:
        if self.idle:
            return self.idle.pop()
        if len(self.waiting) >= self.queue_limit:
            raise Busy()
        waiter = asyncio.get_running_loop().create_future()
        self.waiting.append(waiter)
        try:
            return await waiter
        except asyncio.CancelledError:
            if waiter.done() and not waiter.cancelled():
                self.give(waiter.result())  # handed a worker just as the request went away
            raise

    async def run(self, job: dict):
        worker = await self.acquire()
        loop = asyncio.get_running_loop()
        answered = loop.create_future()
        fd = worker.conn.fileno()
        try:
            worker.conn.send(job)
            loop.add_reader(fd, lambda: answered.done() or answered.set_result(None))
            try:
                await asyncio.wait_for(answered, self.timeout)
            finally:
                loop.remove_reader(fd)
            result = worker.conn.recv()
        except TimeoutError:
            self.replace(worker)
            return ("error", 503, f"the query ran past the time limit of {self.timeout:g} s and was stopped")
        except (EOFError, OSError):
            self.replace(worker)
            return ("error", 500, "the query worker failed; it has been restarted")
        except asyncio.CancelledError:
            self.replace(worker)  # its answer would go to nobody, or to the next request
            raise
        self.give(worker)
        return result

    def close(self) -> None:
        if self.follower is not None:
            self.follower.cancel()
        for w in self.idle:
            w.stop()
        self.idle = []


class ThreadRunner:
    """For in-memory and remote stores: queries in threads; past the time limit the client gets
    its error at once (the thread's result is dropped)."""

    def __init__(self, store, timeout: float, workers: int, queue: int):
        self.store, self.timeout = store, timeout
        self.limit, self.busy = workers + queue, 0
        self.pool = ThreadPoolExecutor(max_workers=workers + queue, thread_name_prefix="query")

    async def start(self) -> None:
        pass

    async def run(self, job: dict):
        if self.busy >= self.limit:
            raise Busy()
        self.busy += 1
        try:
            work = asyncio.get_running_loop().run_in_executor(self.pool, execute, self.store, job)
            return await asyncio.wait_for(work, self.timeout)
        except TimeoutError:
            return ("error", 503, f"the query ran past the time limit of {self.timeout:g} s and was stopped")
        finally:
            self.busy -= 1

    def close(self) -> None:
        self.pool.shutdown(wait=False, cancel_futures=True)


def default_workers() -> int:
    return max(2, os.cpu_count() or 2)
