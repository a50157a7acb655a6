"""`aseankg serve`: a read-only SPARQL 1.1 Protocol endpoint at /sparql, with a query page at /.

The Protocol as the recommendation words it: queries by GET (in the URL) or POST (form-encoded,
or the query itself as application/sparql-query, in UTF-8); one `query` parameter, no
more; `default-graph-uri` and `named-graph-uri` give the dataset and override the query's FROM
and FROM NAMED; relative IRIs resolve against the endpoint's URL; results as SPARQL JSON, XML,
CSV or TSV, graphs as Turtle, N-Triples, RDF/XML or JSON-LD, by the Accept header (406 when
nothing acceptable is offered). Updates are refused (403), as is SERVICE, so the server never
fetches a URL; other methods get 405. Without a dataset in the request the default graph is
the facts (graph/current and graph/inferred) and every graph is reachable with GRAPH.

HTTP is uvicorn's (HTTP/1.1, keep-alive, malformed requests answered 400, on uvloop and the
httptools parser where installed: an event loop, so a slow client holds nothing but its own
connection); queries run in kg/outputs/workers.py under a time limit and a row cap.
"""

from __future__ import annotations

import codecs
import html
import socket
import urllib.parse
from dataclasses import dataclass
from functools import cache

from ..resources import sparql
from ..sparql_text import ReadOnlyError, check_read_only
from .results import BOOLEAN_TYPES, GRAPH_TYPES, RESULT_TYPES, negotiate
from .workers import Busy

MAX_BODY = 1_000_000
CONNECTION_LIMIT = 1000  # open connections and requests in flight; beyond, 503 at once
ALLOW = "GET, POST, HEAD, OPTIONS"
READ_ONLY = "updates are refused: this endpoint is read-only"


class Reply(Exception):
    def __init__(self, status: int, message: str, headers=()):
        super().__init__(message)
        self.status, self.message, self.headers = status, message, list(headers)


@dataclass
class Request:
    """What the Protocol reads of an HTTP request: header names lower-case, the query string
    still percent-encoded, `url` the endpoint's own URL (the base of relative IRIs)."""

    method: str
    path: str
    query_string: str
    headers: dict
    body: bytes
    url: str


class Endpoint:
    """The ASGI application: the Protocol (`handle`) between reading the request (`__call__`)
    and running its query (the runner, kg/outputs/workers.py)."""

    def __init__(self, runner, max_rows: int = 10000, cors: str | None = None):
        self.runner, self.max_rows, self.cors = runner, max_rows, cors

    async def __call__(self, scope, receive, send):
        if scope["type"] == "lifespan":
            await self.lifespan(receive, send)
            return
        if scope["type"] != "http":
            return
        headers: dict = {}
        for k, v in scope["headers"]:
            name = k.decode("latin-1").lower()
            headers[name] = f"{headers[name]}, {v.decode('latin-1')}" if name in headers else v.decode("latin-1")
        server = scope.get("server") or ("localhost", "")
        host = headers.get("host") or f"{server[0]}:{server[1]}"
        method = scope["method"]
        try:
            body = await read_body(receive, headers)
            req = Request(
                method,
                scope["path"] or "/",
                scope["query_string"].decode("latin-1"),
                headers,
                body,
                f"{scope.get('scheme', 'http')}://{host}{scope['path'] or '/sparql'}",
            )
            status, out, ctype, extra = await self.respond(req)
        except Reply as r:
            status, out, ctype, extra = r.status, (r.message + "\n").encode("utf-8"), "text/plain", r.headers
        head = [
            ("content-type", ctype + ("; charset=utf-8" if ctype.startswith("text/") or "json" in ctype else "")),
            ("content-length", str(len(out))),
            ("cache-control", "no-store"),
            *extra,
        ]
        if self.cors:
            head += [
                ("access-control-allow-origin", self.cors),
                ("access-control-allow-methods", ALLOW),
                ("access-control-allow-headers", "Content-Type, Accept"),
                ("vary", "Origin"),
            ]
        await send(
            {"type": "http.response.start", "status": status, "headers": [(k.encode(), v.encode()) for k, v in head]}
        )
        await send({"type": "http.response.body", "body": b"" if method == "HEAD" or status == 204 else out})

    async def lifespan(self, receive, send):
        while True:
            message = await receive()
            if message["type"] == "lifespan.startup":
                await self.runner.start()
                await send({"type": "lifespan.startup.complete"})
            elif message["type"] == "lifespan.shutdown":
                self.runner.close()
                await send({"type": "lifespan.shutdown.complete"})
                return

    async def respond(self, req: Request):
        prepared = self.handle(req)
        if not isinstance(prepared, Job):
            return prepared
        try:
            result = await self.runner.run(prepared.job)
        except Busy:
            raise Reply(
                503, "the server is busy: every worker is taken and the queue is full", [("retry-after", "1")]
            ) from None
        if result[0] == "error":
            raise Reply(result[1], result[2])
        return 200, result[1], prepared.media_type, []

    # --- the Protocol ---------------------------------------------------------------------------
    def handle(self, req: Request):
        """The answer to give (status, body, media type, headers), or the Job to run for it."""
        method, path = req.method, req.path
        if path in ("/", "/index.html"):
            if method not in ("GET", "HEAD"):
                raise Reply(405, f"{method} is not allowed on the query page", [("allow", "GET, HEAD")])
            return 200, page().encode("utf-8"), "text/html", []
        if path not in ("/sparql", "/query", "/update"):
            raise Reply(404, f"no such path {path}: the endpoint is /sparql")
        if method == "OPTIONS":
            return 204, b"", "text/plain", [("allow", ALLOW)]
        if method not in ("GET", "POST", "HEAD"):
            raise Reply(405, f"{method} is not allowed: this endpoint answers queries ({ALLOW})", [("allow", ALLOW)])
        url_params = parse_params(req.query_string)
        if path == "/update" or "update" in url_params:
            raise Reply(403, READ_ONLY)
        if method in ("GET", "HEAD"):
            if req.body or content_length(req.headers):
                raise Reply(400, "a GET request carries its query in the URL, not in a body")
            params = url_params
        else:
            params = self.post_params(req, url_params)
        queries = params.get("query", [])
        if len(queries) != 1:
            raise Reply(400, "give exactly one query parameter" if queries else "missing query parameter")
        return self.answer(req, queries[0], params)

    def post_params(self, req: Request, url_params: dict) -> dict:
        ctype, options = content_type(req.headers)
        body = req.body
        if ctype == "application/sparql-update":
            raise Reply(403, READ_ONLY)
        if ctype == "application/x-www-form-urlencoded":
            try:
                form = parse_params(body.decode("utf-8"))
            except UnicodeDecodeError:
                raise Reply(400, "the form is not UTF-8") from None
            if "update" in form:
                raise Reply(403, READ_ONLY)
            if "query" in url_params:
                raise Reply(400, "give exactly one query parameter")
            return {**{k: v for k, v in url_params.items() if k != "query"}, **form}
        if ctype == "application/sparql-query":
            # the media type has one encoding, UTF-8 (its registration in the SPARQL 1.1 Query
            # recommendation); ASCII, a subset, is accepted as declared
            charset = options.get("charset", "utf-8")
            try:
                known = codecs.lookup(charset).name
            except LookupError:
                known = charset
            if known not in ("utf-8", "ascii"):
                raise Reply(415, f"a query is sent in UTF-8, not {charset} (application/sparql-query has one encoding)")
            try:
                text = body.decode(known)
            except UnicodeDecodeError:
                raise Reply(400, f"the query is not valid {charset}") from None
            if "query" in url_params:
                raise Reply(400, "give exactly one query: in the body or in the URL")
            return {**url_params, "query": [text.lstrip("\ufeff")]}
        raise Reply(415, "POST a query as application/x-www-form-urlencoded or application/sparql-query")

    def answer(self, req: Request, query: str, params: dict) -> Job:
        try:
            form = check_read_only(query)
        except ReadOnlyError as e:
            # a query that reaches out (SERVICE) is refused; an update sent as a query is no query
            raise Reply(403 if e.refused and "SERVICE" in str(e) else 400, str(e)) from None
        if form is None:
            raise Reply(400, "not a query: expected SELECT, ASK, CONSTRUCT or DESCRIBE")
        table, default = (
            (RESULT_TYPES, "application/sparql-results+json")
            if form == "SELECT"
            else (BOOLEAN_TYPES, "application/sparql-results+json")
            if form == "ASK"
            else (GRAPH_TYPES, "text/turtle")
        )
        chosen = negotiate(req.headers.get("accept", ""), table, default)
        if chosen is None:
            raise Reply(406, f"none of the accepted types can hold this result; offered: {', '.join(table)}")
        job = {
            "form": form,
            "query": query,
            "max_rows": self.max_rows,
            "base_iri": req.url,
            "dataset": protocol_dataset(params),
            "fmt": chosen[1],  # the worker writes the answer out, off this process's GIL
        }
        return Job(job, chosen[0])


@dataclass
class Job:
    job: dict  # what a worker runs (kg.outputs.workers.execute)
    media_type: str  # of its answer


async def read_body(receive, headers: dict) -> bytes:
    """The request body, refused past MAX_BODY before it is read when its length is declared."""
    if content_length(headers) > MAX_BODY:
        raise Reply(413, f"request too large ({MAX_BODY} bytes at most)")
    chunks, size = [], 0
    while True:
        message = await receive()
        if message["type"] != "http.request":
            break
        chunk = message.get("body", b"")
        size += len(chunk)
        if size > MAX_BODY:
            raise Reply(413, f"request too large ({MAX_BODY} bytes at most)")
        chunks.append(chunk)
        if not message.get("more_body"):
            break
    return b"".join(chunks)


def parse_params(text: str) -> dict:
    try:
        pairs = urllib.parse.parse_qsl(text, keep_blank_values=True, strict_parsing=False, errors="strict")
    except (UnicodeDecodeError, ValueError):
        raise Reply(400, "the parameters are not valid URL encoding in UTF-8") from None
    out: dict = {}
    for k, v in pairs:
        out.setdefault(k, []).append(v)
    return out


def content_length(headers: dict) -> int:
    raw = headers.get("content-length") or "0"
    try:
        n = int(raw)
    except ValueError:
        raise Reply(400, f"bad Content-Length {raw!r}") from None
    if n < 0:
        raise Reply(400, f"bad Content-Length {raw!r}")
    return n


def content_type(headers: dict) -> tuple[str, dict]:
    parts = [p.strip() for p in (headers.get("content-type") or "").split(";")]
    options = {}
    for p in parts[1:]:
        k, _, v = p.partition("=")
        options[k.strip().lower()] = v.strip().strip('"')
    return parts[0].lower(), options


def protocol_dataset(params: dict):
    """The Protocol's dataset, when the request gives one (it overrides FROM and FROM NAMED)."""
    from rdflib import URIRef

    from ..stores import GraphSet

    default, named = params.get("default-graph-uri", []), params.get("named-graph-uri", [])
    if not default and not named:
        return None
    return GraphSet(tuple(URIRef(g) for g in default), tuple(URIRef(g) for g in named))


@cache
def page() -> str:
    """The query page, its example query read from queries/internal/page-example.rq (once)."""
    example = "\n".join(line for line in sparql("page-example").splitlines() if not line.startswith("#"))
    from ..resources import data

    return (
        (data() / "templates" / "query-page.html")
        .read_text(encoding="utf-8")
        .replace("@EXAMPLE@", html.escape(example))
    )


# --- running it ---------------------------------------------------------------------------------


def make_runner(descriptor: str, workers: int, timeout: float, queue: int):
    from ..stores import open_store
    from ..stores import snapshots as snap
    from ..stores.registry import on_disk, parse_descriptor
    from .workers import ProcessRunner, ThreadRunner

    if on_disk(descriptor):
        path = parse_descriptor(descriptor)[1] or "./aseankg-data"
        if snap.latest(path) is None:
            # nothing published yet: publish the store as it is (this also checks it exists and
            # that no other process is writing it)
            with open_store(descriptor, create=False) as store:
                snap.publish(store.native, path)
        return ProcessRunner(path, workers, timeout, queue)
    return ThreadRunner(open_store(descriptor, create=False, read_only=True), timeout, workers, queue)


def serve(
    descriptor: str,
    host: str,
    port: int,
    *,
    timeout: float,
    max_rows: int,
    workers: int,
    queue: int = 64,
    cors: str | None = None,
    ready=None,
) -> None:
    """Serve until interrupted. `ready(url)` is called once the socket listens."""
    import uvicorn

    runner = make_runner(descriptor, workers, timeout, queue)
    try:
        family = socket.AF_INET6 if ":" in host else socket.AF_INET
        sock = socket.create_server((host, port), family=family, backlog=1024)
        config = uvicorn.Config(
            Endpoint(runner, max_rows, cors),
            loop=best("uvloop", "asyncio"),
            http=best("httptools", "h11"),
            lifespan="on",
            log_level="warning",
            access_log=False,
            server_header=False,
            timeout_keep_alive=60,
            limit_concurrency=CONNECTION_LIMIT,
        )
        if ready:
            ready(f"http://{host}:{sock.getsockname()[1]}/sparql")
        uvicorn.Server(config).run(sockets=[sock])
    finally:
        runner.close()


def best(fast: str, fallback: str) -> str:
    """The C-accelerated event loop or HTTP parser when installed (not on every platform)."""
    import importlib.util

    return fast if importlib.util.find_spec(fast) else fallback
