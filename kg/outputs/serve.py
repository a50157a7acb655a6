"""`aseankg serve`: a read-only SPARQL 1.1 Protocol endpoint at /sparql, with a query page at /.

The Protocol as the recommendation words it: queries by GET (in the URL) or POST (form-encoded,
or the query itself as application/sparql-query, in its charset); one `query` parameter, no
more; `default-graph-uri` and `named-graph-uri` give the dataset and override the query's FROM
and FROM NAMED; relative IRIs resolve against the endpoint's URL; results as SPARQL JSON, XML,
CSV or TSV, graphs as Turtle, N-Triples, RDF/XML or JSON-LD, by the Accept header (406 when
nothing acceptable is offered). Updates are refused (403), as is SERVICE, so the server never
fetches a URL; other methods get 405. Without a dataset in the request the default graph is
the facts (graph/current and graph/inferred) and every graph is reachable with GRAPH.

HTTP is waitress's (HTTP/1.1, keep-alive, malformed requests answered 400, slow clients on
their own channel); queries run in kg/outputs/workers.py under a time limit and a row cap.
"""

from __future__ import annotations

import codecs
import html
import urllib.parse

from ..resources import sparql
from ..sparql_text import ReadOnlyError, check_read_only
from .results import BOOLEAN_TYPES, GRAPH_TYPES, RESULT_TYPES, negotiate
from .workers import Busy

MAX_BODY = 1_000_000
ALLOW = "GET, POST, HEAD, OPTIONS"
READ_ONLY = "updates are refused: this endpoint is read-only"


class Reply(Exception):
    def __init__(self, status: int, message: str, headers=()):
        super().__init__(message)
        self.status, self.message, self.headers = status, message, list(headers)


STATUS = {
    200: "OK",
    204: "No Content",
    400: "Bad Request",
    403: "Forbidden",
    404: "Not Found",
    405: "Method Not Allowed",
    406: "Not Acceptable",
    413: "Payload Too Large",
    415: "Unsupported Media Type",
    500: "Internal Server Error",
    503: "Service Unavailable",
}


class Endpoint:
    """The WSGI application."""

    def __init__(self, runner, max_rows: int = 10000, cors: str | None = None):
        self.runner, self.max_rows, self.cors = runner, max_rows, cors

    def __call__(self, environ, start_response):
        method = environ["REQUEST_METHOD"]
        path = environ.get("PATH_INFO") or "/"
        try:
            status, body, ctype, headers = self.handle(environ, method, path)
        except Reply as r:
            status, body, ctype, headers = r.status, (r.message + "\n").encode("utf-8"), "text/plain", r.headers
        out = [
            ("Content-Type", ctype + ("; charset=utf-8" if ctype.startswith("text/") or "json" in ctype else "")),
            ("Content-Length", str(len(body))),
            ("Cache-Control", "no-store"),
            *headers,
        ]
        if self.cors:
            out += [
                ("Access-Control-Allow-Origin", self.cors),
                ("Access-Control-Allow-Methods", ALLOW),
                ("Access-Control-Allow-Headers", "Content-Type, Accept"),
                ("Vary", "Origin"),
            ]
        start_response(f"{status} {STATUS.get(status, '')}", out)
        return [b""] if method == "HEAD" or status == 204 else [body]

    # --- the Protocol ---------------------------------------------------------------------------
    def handle(self, environ, method: str, path: str):
        if path in ("/", "/index.html"):
            if method not in ("GET", "HEAD"):
                raise Reply(405, f"{method} is not allowed on the query page", [("Allow", "GET, HEAD")])
            return 200, page().encode("utf-8"), "text/html", []
        if path not in ("/sparql", "/query", "/update"):
            raise Reply(404, f"no such path {path}: the endpoint is /sparql")
        if method == "OPTIONS":
            return 204, b"", "text/plain", [("Allow", ALLOW)]
        if method not in ("GET", "POST", "HEAD"):
            raise Reply(405, f"{method} is not allowed: this endpoint answers queries ({ALLOW})", [("Allow", ALLOW)])
        url_params = parse_params(environ.get("QUERY_STRING", ""))
        if path == "/update" or "update" in url_params:
            raise Reply(403, READ_ONLY)
        if method in ("GET", "HEAD"):
            if content_length(environ):
                raise Reply(400, "a GET request carries its query in the URL, not in a body")
            params = url_params
        else:
            params = self.post_params(environ, url_params)
        queries = params.get("query", [])
        if len(queries) != 1:
            raise Reply(400, "give exactly one query parameter" if queries else "missing query parameter")
        return self.answer(environ, queries[0], params)

    def post_params(self, environ, url_params: dict) -> dict:
        ctype, options = content_type(environ)
        length = content_length(environ)
        if length > MAX_BODY:
            raise Reply(413, f"request too large ({MAX_BODY} bytes at most)")
        body = environ["wsgi.input"].read(length) if length else b""
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
            charset = options.get("charset", "utf-8")
            try:
                codecs.lookup(charset)
                text = body.decode(charset)
            except LookupError:
                raise Reply(415, f"unknown charset {charset}") from None
            except UnicodeDecodeError:
                raise Reply(400, f"the query is not valid {charset}") from None
            if "query" in url_params:
                raise Reply(400, "give exactly one query: in the body or in the URL")
            return {**url_params, "query": [text.lstrip("\ufeff")]}
        raise Reply(415, "POST a query as application/x-www-form-urlencoded or application/sparql-query")

    def answer(self, environ, query: str, params: dict):
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
        chosen = negotiate(environ.get("HTTP_ACCEPT", ""), table, default)
        if chosen is None:
            raise Reply(406, f"none of the accepted types can hold this result; offered: {', '.join(table)}")
        job = {
            "form": form,
            "query": query,
            "max_rows": self.max_rows,
            "base_iri": request_url(environ),
            "dataset": protocol_dataset(params),
            "fmt": chosen[1],  # the worker writes the answer out, off this process's GIL
        }
        try:
            result = self.runner.run(job)
        except Busy:
            raise Reply(
                503, "the server is busy: every worker is taken and the queue is full", [("Retry-After", "1")]
            ) from None
        if result[0] == "error":
            raise Reply(result[1], result[2])
        return 200, result[1], chosen[0], []


def parse_params(text: str) -> dict:
    try:
        pairs = urllib.parse.parse_qsl(text, keep_blank_values=True, strict_parsing=False, errors="strict")
    except (UnicodeDecodeError, ValueError):
        raise Reply(400, "the parameters are not valid URL encoding in UTF-8") from None
    out: dict = {}
    for k, v in pairs:
        out.setdefault(k, []).append(v)
    return out


def content_length(environ) -> int:
    raw = environ.get("CONTENT_LENGTH") or "0"
    try:
        n = int(raw)
    except ValueError:
        raise Reply(400, f"bad Content-Length {raw!r}") from None
    if n < 0:
        raise Reply(400, f"bad Content-Length {raw!r}")
    return n


def content_type(environ) -> tuple[str, dict]:
    parts = [p.strip() for p in (environ.get("CONTENT_TYPE") or "").split(";")]
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


def request_url(environ) -> str:
    host = environ.get("HTTP_HOST") or f"{environ.get('SERVER_NAME', 'localhost')}:{environ.get('SERVER_PORT', '')}"
    return f"{environ.get('wsgi.url_scheme', 'http')}://{host}{environ.get('PATH_INFO', '/sparql')}"


def page() -> str:
    """The query page, its example query read from queries/internal/page-example.rq."""
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
    import waitress

    runner = make_runner(descriptor, workers, timeout, queue)
    app = Endpoint(runner, max_rows, cors)
    server = waitress.create_server(
        app, host=host, port=port, threads=workers + 4, connection_limit=256, channel_timeout=60, ident="aseankg"
    )
    if ready:
        ready(f"http://{host}:{server.effective_port}/sparql")
    try:
        server.run()
    finally:
        runner.close()
