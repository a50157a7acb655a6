"""`aseankg serve`: a read-only SPARQL 1.1 Protocol endpoint with a query page at `/`.

GET and POST (urlencoded or application/sparql-query); results as SPARQL JSON, XML, CSV or
TSV, graphs as Turtle, N-Triples or JSON-LD, by the Accept header. Updates, SERVICE and LOAD
are refused. Each query runs in a worker process with a time limit and a row cap: a query
that breaks them gets a clear error, its worker is replaced, and the server keeps serving.
"""

from __future__ import annotations

import csv
import html
import io
import json
import multiprocessing as mp
import threading
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from xml.sax.saxutils import escape

from rdflib import BNode, Graph, Literal, URIRef

from ..resources import sparql
from ..sparql_text import ReadOnlyError, check_read_only

RESULT_TYPES = {
    "application/sparql-results+json": "json",
    "application/json": "json",
    "application/sparql-results+xml": "xml",
    "application/xml": "xml",
    "text/csv": "csv",
    "text/tab-separated-values": "tsv",
}
GRAPH_TYPES = {
    "text/turtle": "turtle",
    "application/n-triples": "nt",
    "application/ld+json": "json-ld",
    "application/rdf+xml": "xml",
}


class QueryFailed(Exception):
    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status = status


# --- workers ------------------------------------------------------------------------------


def _term_json(t):
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


def execute(store, form: str, query: str, max_rows: int):
    """Run one query on a store; results come back as plain data (picklable)."""
    from ..stores import QueryError

    try:
        if form == "SELECT":
            rows = store.select(query)
            if len(rows) > max_rows:
                return (
                    "error",
                    400,
                    f"the result has more than {max_rows} rows (the row cap): add LIMIT or narrow the query",
                )
            return ("select", rows.vars, [[_term_json(v) for v in r] for r in rows.rows])
        if form == "ASK":
            return ("ask", store.ask(query))
        g = store.construct(query)
        if len(g) > max_rows:
            return ("error", 400, f"the graph has more than {max_rows} triples (the row cap): narrow the query")
        return ("graph", g.serialize(format="nt"))
    except QueryError as e:
        return ("error", 400, str(e))
    except Exception as e:  # a worker never dies of a bad query
        return ("error", 500, f"query failed: {str(e).splitlines()[0] if str(e) else type(e).__name__}")


def _worker(descriptor: str, conn):
    from ..stores import open_store

    store = open_store(descriptor, create=False, read_only=True)
    while True:
        try:
            job = conn.recv()
        except EOFError:
            return
        conn.send(execute(store, *job))


class ProcessRunner:
    """Worker processes over a read-only view of an on-disk Oxigraph store; a query past its
    time limit is stopped by ending its process, which is then replaced."""

    def __init__(self, descriptor: str, workers: int, timeout: float):
        self.descriptor, self.timeout = descriptor, timeout
        self.ctx = mp.get_context("spawn")
        self.idle: list = []
        self.lock = threading.Condition()
        for _ in range(workers):
            self.idle.append(self._spawn())

    def _spawn(self):
        parent, child = self.ctx.Pipe()
        p = self.ctx.Process(target=_worker, args=(self.descriptor, child), daemon=True)
        p.start()
        return p, parent

    def run(self, form, query, max_rows):
        with self.lock:
            while not self.idle:
                self.lock.wait()
            proc, conn = self.idle.pop()
        try:
            conn.send((form, query, max_rows))
            if conn.poll(self.timeout):
                result = conn.recv()
                with self.lock:
                    self.idle.append((proc, conn))
                    self.lock.notify()
                return result
            proc.kill()
            proc.join()
            replacement = self._spawn()
            with self.lock:
                self.idle.append(replacement)
                self.lock.notify()
            return ("error", 503, f"the query ran past the time limit of {self.timeout:g} s and was stopped")
        except (EOFError, OSError, BrokenPipeError):
            replacement = self._spawn()
            with self.lock:
                self.idle.append(replacement)
                self.lock.notify()
            return ("error", 500, "the query worker failed; it has been restarted")

    def close(self):
        for p, _conn in self.idle:
            p.kill()


class ThreadRunner:
    """For in-memory and remote stores: the query runs in a thread; past the time limit the
    client gets its error at once (the thread's result is dropped)."""

    def __init__(self, store, timeout: float):
        self.store, self.timeout = store, timeout
        self.lock = threading.Lock()

    def run(self, form, query, max_rows):
        box = {}

        def go():
            box["r"] = execute(self.store, form, query, max_rows)

        t = threading.Thread(target=go, daemon=True)
        t.start()
        t.join(self.timeout)
        if t.is_alive():
            return ("error", 503, f"the query ran past the time limit of {self.timeout:g} s and was stopped")
        return box["r"]

    def close(self):
        pass


# --- serialisation ---------------------------------------------------------------------------


def serialise_select(vars_, rows, fmt: str) -> bytes:
    if fmt == "json":
        return json.dumps(
            {
                "head": {"vars": vars_},
                "results": {"bindings": [{v: t for v, t in zip(vars_, r) if t is not None} for r in rows]},
            },
            ensure_ascii=False,
        ).encode("utf-8")
    if fmt == "xml":
        out = [
            '<?xml version="1.0"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#">',
            "<head>" + "".join(f'<variable name="{v}"/>' for v in vars_) + "</head><results>",
        ]
        for r in rows:
            out.append("<result>")
            for v, t in zip(vars_, r):
                if t is None:
                    continue
                if t["type"] == "uri":
                    val = f"<uri>{escape(t['value'])}</uri>"
                elif t["type"] == "bnode":
                    val = f"<bnode>{escape(t['value'])}</bnode>"
                else:
                    attrs = (
                        f' xml:lang="{t["xml:lang"]}"'
                        if "xml:lang" in t
                        else (f' datatype="{escape(t["datatype"])}"' if "datatype" in t else "")
                    )
                    val = f"<literal{attrs}>{escape(t['value'])}</literal>"
                out.append(f'<binding name="{v}">{val}</binding>')
            out.append("</result>")
        out.append("</results></sparql>")
        return "".join(out).encode("utf-8")
    buf = io.StringIO()
    if fmt == "csv":
        w = csv.writer(buf, lineterminator="\r\n")
        w.writerow(vars_)
        for r in rows:
            w.writerow(["" if t is None else t["value"] for t in r])
    else:
        buf.write("\t".join("?" + v for v in vars_) + "\n")
        for r in rows:
            buf.write("\t".join("" if t is None else _tsv(t) for t in r) + "\n")
    return buf.getvalue().encode("utf-8")


def _tsv(t) -> str:
    if t["type"] == "uri":
        return f"<{t['value']}>"
    if t["type"] == "bnode":
        return f"_:{t['value']}"
    lit = Literal(t["value"], lang=t.get("xml:lang"), datatype=URIRef(t["datatype"]) if "datatype" in t else None)
    return lit.n3()


def serialise_ask(value: bool, fmt: str) -> bytes:
    if fmt == "xml":
        return (
            f'<?xml version="1.0"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#"><head/>'
            f"<boolean>{'true' if value else 'false'}</boolean></sparql>"
        ).encode()
    if fmt in ("csv", "tsv"):
        return ("_askResult\n" + ("true" if value else "false") + "\n").encode()
    return json.dumps({"head": {}, "boolean": value}).encode()


def negotiate(accept: str, table: dict, default: str) -> tuple[str, str]:
    """(mime, format) for the first acceptable type, by q-value."""
    prefs = []
    for i, part in enumerate((accept or "").split(",")):
        bits = [b.strip() for b in part.split(";")]
        q = 1.0
        for b in bits[1:]:
            if b.startswith("q="):
                try:
                    q = float(b[2:])
                except ValueError:
                    q = 0.0
        prefs.append((-q, i, bits[0].lower()))
    for _, _, mime in sorted(prefs):
        if mime in table:
            return mime, table[mime]
        if mime in ("*/*", "application/*", "text/*"):
            break
    return default, table[default]


# --- HTTP --------------------------------------------------------------------------------


class Handler(BaseHTTPRequestHandler):
    server_version = "aseankg-sparql/0.1"
    runner = None
    max_rows = 10000
    quiet = False

    def log_message(self, fmt, *args):
        if not self.quiet:
            super().log_message(fmt, *args)

    def _send(self, status: int, body: bytes, ctype: str):
        try:
            self.send_response(status)
            self.send_header(
                "Content-Type", ctype + ("; charset=utf-8" if ctype.startswith("text/") or "json" in ctype else "")
            )
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass

    def _error(self, status: int, message: str):
        self._send(status, (message + "\n").encode("utf-8"), "text/plain")

    def do_GET(self):
        url = urllib.parse.urlsplit(self.path)
        if url.path in ("/", "/index.html"):
            return self._send(200, page().encode("utf-8"), "text/html")
        if url.path not in ("/sparql", "/query"):
            return self._error(404, f"no such path {url.path}: the endpoint is /sparql")
        params = urllib.parse.parse_qs(url.query)
        if "update" in params:
            return self._error(403, "updates are refused: this endpoint is read-only")
        if "query" not in params:
            return self._error(400, "missing query parameter")
        self._answer(params["query"][0])

    def do_POST(self):
        url = urllib.parse.urlsplit(self.path)
        if url.path not in ("/sparql", "/query", "/update"):
            return self._error(404, f"no such path {url.path}: the endpoint is /sparql")
        length = int(self.headers.get("Content-Length") or 0)
        if length > 1_000_000:
            return self._error(413, "request too large (1 MB limit for a query)")
        body = self.rfile.read(length).decode("utf-8", "replace")
        ctype = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
        if ctype == "application/sparql-update" or url.path == "/update":
            return self._error(403, "updates are refused: this endpoint is read-only")
        if ctype == "application/sparql-query":
            return self._answer(body)
        if ctype == "application/x-www-form-urlencoded":
            params = urllib.parse.parse_qs(body)
            if "update" in params:
                return self._error(403, "updates are refused: this endpoint is read-only")
            if "query" not in params:
                return self._error(400, "missing query parameter")
            return self._answer(params["query"][0])
        self._error(415, f"unsupported content type {ctype or '(none)'}: use application/sparql-query or a form")

    def _answer(self, query: str):
        try:
            form = check_read_only(query)
        except ReadOnlyError as e:
            return self._error(403 if e.refused else 400, str(e))
        result = self.runner.run(form, query, self.max_rows)
        kind = result[0]
        if kind == "error":
            return self._error(result[1], result[2])
        accept = self.headers.get("Accept", "")
        if kind == "select":
            mime, fmt = negotiate(accept, RESULT_TYPES, "application/sparql-results+json")
            return self._send(200, serialise_select(result[1], result[2], fmt), mime)
        if kind == "ask":
            mime, fmt = negotiate(accept, RESULT_TYPES, "application/sparql-results+json")
            return self._send(200, serialise_ask(result[1], fmt), mime)
        mime, fmt = negotiate(accept, GRAPH_TYPES, "text/turtle")
        g = Graph().parse(data=result[1], format="nt")
        self._send(200, g.serialize(format=fmt).encode("utf-8"), mime)


def make_server(
    descriptor: str,
    host: str,
    port: int,
    timeout: float,
    max_rows: int,
    workers: int = 2,
    store=None,
    quiet: bool = False,
):
    from ..stores.registry import on_disk

    if on_disk(descriptor):
        runner = ProcessRunner(descriptor, workers, timeout)
    else:
        from ..stores import open_store

        runner = ThreadRunner(store or open_store(descriptor), timeout)
    handler = type("BoundHandler", (Handler,), {"runner": runner, "max_rows": max_rows, "quiet": quiet})
    server = ThreadingHTTPServer((host, port), handler)
    server.daemon_threads = True
    return server, runner


def page() -> str:
    """The query page, its example query read from queries/internal/page-example.rq."""
    example = "\n".join(line for line in sparql("page-example").splitlines() if not line.startswith("#"))
    return PAGE.replace("@EXAMPLE@", html.escape(example))


PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>aseankg SPARQL</title>
<style>body{font:14px system-ui,sans-serif;margin:1.5em}textarea{width:100%;height:12em;font:13px monospace}
table{border-collapse:collapse;margin-top:1em}td,th{border:1px solid #ccc;padding:3px 6px;text-align:left;vertical-align:top}
th{background:#f0f0f0}#msg{white-space:pre-wrap}#msg.error{color:#b00020}</style></head>
<body><h1>aseankg SPARQL endpoint</h1>
<p>Read-only SPARQL 1.1 at <code>/sparql</code> (GET or POST). Prefixes <code>akg:</code>, <code>id:</code>,
<code>vocab:</code>, <code>skos:</code>, <code>prov:</code>, <code>schema:</code> ... are predeclared.</p>
<form id="f"><textarea id="q" name="query">@EXAMPLE@</textarea><br><button type="submit">Run</button></form>
<div id="msg"></div><div id="out"></div>
<script>
document.getElementById("f").addEventListener("submit", function (ev) {
  ev.preventDefault();
  var msg = document.getElementById("msg"), out = document.getElementById("out");
  msg.textContent = "running..."; out.innerHTML = "";
  fetch("sparql", {method: "POST", headers: {"Content-Type": "application/sparql-query",
    "Accept": "application/sparql-results+json, text/turtle;q=0.9"}, body: document.getElementById("q").value})
  .then(function (r) { return r.text().then(function (t) { return {ok: r.ok, type: r.headers.get("Content-Type") || "", text: t}; }); })
  .then(function (r) {
    if (!r.ok) { msg.className = "error"; msg.textContent = r.text; return; }
    msg.className = "";
    msg.textContent = "";
    if (r.type.indexOf("json") < 0) { var pre = document.createElement("pre"); pre.textContent = r.text; out.appendChild(pre); return; }
    var data = JSON.parse(r.text);
    if ("boolean" in data) { out.textContent = String(data.boolean); return; }
    var t = document.createElement("table"), head = t.insertRow();
    data.head.vars.forEach(function (v) { var th = document.createElement("th"); th.textContent = v; head.appendChild(th); });
    data.results.bindings.forEach(function (b) { var row = t.insertRow();
      data.head.vars.forEach(function (v) { row.insertCell().textContent = b[v] ? b[v].value : ""; }); });
    out.appendChild(t);
    msg.textContent = data.results.bindings.length + " row(s)";
  }).catch(function (e) { msg.textContent = String(e); });
});
</script></body></html>
"""
