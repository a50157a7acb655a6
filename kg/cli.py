"""The `aseankg` command. Thin commands over library functions; state lives in ctx.obj.

Exit codes: 0 ok, 1 a check failed (violations, failed releases), 2 bad input or usage.
"""
from __future__ import annotations

import json
import logging
import sys

import click

from . import __version__
from .store import StoreError, default_descriptor, open_store

EXIT_OK, EXIT_CHECK_FAILED, EXIT_BAD_INPUT = 0, 1, 2
log = logging.getLogger("aseankg")


class Context:
    def __init__(self, descriptor: str, verbosity: int):
        self.descriptor = descriptor
        self.verbosity = verbosity
        self._store = None

    @property
    def store(self):
        if self._store is None:
            self._store = open_store(self.descriptor)
        return self._store

    def close(self):
        if self._store is not None:
            self._store.close()
            self._store = None


def fail(message: str, code: int = EXIT_BAD_INPUT):
    """One clear line on stderr and a documented exit code."""
    click.echo(f"error: {message}", err=True)
    sys.exit(code)


def say(ctx_obj: Context, message: str):
    if ctx_obj.verbosity >= 0:
        click.echo(message)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--store", "descriptor", default=None, metavar="DESCRIPTOR",
              help="oxigraph:PATH (default ./aseankg-data or $ASEANKG_STORE), memory:, sparql:URL[,UPDATE_URL]")
@click.option("-v", "--verbose", count=True, help="More log output (repeatable).")
@click.option("-q", "--quiet", is_flag=True, help="Only errors.")
@click.version_option(__version__, prog_name="aseankg")
@click.pass_context
def main(ctx, descriptor, verbose, quiet):
    """aseankg: a sourced knowledge graph of ASEAN's external relations."""
    verbosity = -1 if quiet else verbose
    level = logging.ERROR if quiet else (logging.DEBUG if verbose > 1 else logging.INFO if verbose else logging.WARNING)
    logging.basicConfig(level=level, format="%(levelname)s %(name)s: %(message)s", stream=sys.stderr)
    ctx.obj = Context(descriptor or default_descriptor(), verbosity)
    ctx.call_on_close(ctx.obj.close)


def with_store(fn):
    """Open the store lazily and turn store errors into one-line messages (exit 2)."""
    import functools

    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        try:
            return fn(*args, **kwargs)
        except StoreError as e:
            fail(str(e))
    return wrapper


@main.command()
@click.pass_obj
@with_store
def init(obj: Context):
    """Create the store and load the ontology and the reference graph (idempotent)."""
    from .initialise import initialise
    figures = initialise(obj.store)
    say(obj, f"initialised {obj.descriptor}: ontology {figures['ontology_triples']} triples, "
             f"reference {figures['reference_triples']} triples")


@main.command()
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text")
@click.option("--limit", default=50, show_default=True, help="Violations to list.")
@click.pass_obj
@with_store
def validate(obj: Context, fmt, limit):
    """Validate the data against the SHACL shapes; exit 1 on violations."""
    from .validate import validate_store
    report = validate_store(obj.store)
    if fmt == "json":
        click.echo(json.dumps({"conforms": report.conforms, "violations": report.violations,
                               "disagreements": report.disagreements}, indent=1))
    elif report.conforms:
        say(obj, "conforms: no SHACL violations"
            + (f" ({len(report.disagreements)} values on which releases disagree: `aseankg query conflicts`)"
               if report.disagreements else ""))
    else:
        click.echo(f"{len(report.violations)} SHACL violation(s):")
        for v in report.violations[:limit]:
            path = v["path"].rsplit("#", 1)[-1].rsplit("/", 1)[-1]
            click.echo(f"  {v['focus']}  {path}: {v['message']}")
        if len(report.violations) > limit:
            click.echo(f"  ... and {len(report.violations) - limit} more (--limit)")
    if not report.conforms:
        sys.exit(EXIT_CHECK_FAILED)


@main.command()
@click.option("--engine", type=click.Choice(["store", "owlrl"]), default="store", show_default=True,
              help="store: OWL RL rules run inside the store; owlrl: the reference engine (slow).")
@click.pass_obj
@with_store
def reason(obj: Context, engine):
    """Rebuild the inferred graph (OWL 2 RL) from scratch."""
    from .namespaces import INFERRED_GRAPH
    from .reason import materialise, owlrl_inferences
    from .validate import data_graph
    if engine == "store":
        figures = materialise(obj.store)
    else:
        import time
        t0 = time.perf_counter()
        inferred = owlrl_inferences(data_graph(obj.store))
        obj.store.put_graph(INFERRED_GRAPH, inferred)
        figures = {"inferred": len(inferred), "rounds": "-", "seconds": round(time.perf_counter() - t0, 3)}
    say(obj, f"inferred graph rebuilt: {figures['inferred']} triples in {figures['seconds']} s "
             f"({figures['rounds']} rounds, engine {engine})")


@main.command()
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text")
@click.option("--network", is_flag=True, help="Per partner: meetings, ASEAN counterparts, degree and betweenness.")
@click.option("--year", type=int, default=None, help="With --network: meetings of this year only.")
@click.pass_obj
@with_store
def stats(obj: Context, fmt, network, year):
    """Counts: triples, named graphs, instances per class, sources (--network: centralities)."""
    if network:
        from .export import network_stats
        from .output import render
        from .store import Rows
        from rdflib import Literal
        rows = network_stats(obj.store, year=str(year) if year else None)
        if fmt == "json":
            click.echo(json.dumps(rows, indent=1))
            return
        cols = ["partner", "name", "status", "meetings", "asean_counterparts", "degree", "betweenness",
                "people", "people_degree", "people_betweenness"]
        click.echo(render(Rows(cols, [tuple(Literal(r[c]) for c in cols) for r in rows]), "table"))
        return
    from .stats import store_stats
    s = store_stats(obj.store)
    if fmt == "json":
        click.echo(json.dumps(s, indent=1))
        return
    click.echo(f"store            {obj.descriptor}")
    for k in ("triples", "named_graphs", "release_graphs", "inferred_triples", "releases", "reference_sources"):
        click.echo(f"{k:16s} {s[k]}")
    click.echo("instances per class:")
    for cls, n in s["instances"].items():
        click.echo(f"  {cls:32s} {n}")


def iter_inputs(paths, patterns=("*.txt", "*.html", "*.htm", "*.json")):
    """Files named, and the release files inside directories named (sorted, recursive)."""
    from pathlib import Path
    for p in paths:
        path = Path(p)
        if path.is_dir():
            files = sorted({f for pat in patterns for f in path.rglob(pat) if f.is_file()})
            yield from files
        else:
            yield path


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(["json", "jsonl", "turtle"]), default="json", show_default=True)
@click.option("--out-dir", type=click.Path(file_okay=False), default=None,
              help="Write DIR/<input file stem>.<ext> per input instead of printing.")
@click.pass_obj
def extract(obj: Context, paths, fmt, out_dir):
    """Extract facts from releases (no store needed): one record per release."""
    from pathlib import Path
    from .extract import extract as extract_record
    from .read import ReadError, read_bytes, read_path
    failed = 0
    inputs = list(iter_inputs(paths, ("*.txt", "*.html", "*.htm")))
    if out_dir:
        Path(out_dir).mkdir(parents=True, exist_ok=True)
    for path in inputs:
        try:
            release = read_bytes(sys.stdin.buffer.read(), "stdin") if str(path) == "-" else read_path(path)
        except ReadError as e:
            click.echo(f"error: {e}", err=True)
            failed += 1
            continue
        record = extract_record(release)
        text = render_record(record, release, fmt)
        if out_dir:
            ext = {"json": "json", "jsonl": "jsonl", "turtle": "ttl"}[fmt]
            (Path(out_dir) / f"{Path(str(path)).stem}.{ext}").write_text(text + "\n", encoding="utf-8")
        else:
            click.echo(text)
    if out_dir:
        say(obj, f"extracted {len(inputs) - failed} release(s) into {out_dir}" + (f", {failed} failed" if failed else ""))
    if failed:
        sys.exit(EXIT_BAD_INPUT if failed == len(inputs) else EXIT_CHECK_FAILED)


def render_record(record: dict, release, fmt: str) -> str:
    if fmt == "json":
        return json.dumps(record, indent=1, ensure_ascii=False)
    if fmt == "jsonl":
        return json.dumps(record, ensure_ascii=False)
    from .assertion import record_graph
    return record_graph(record, release_body=release.body).serialize(format="turtle")


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--no-progress", is_flag=True, help="No progress bar.")
@click.option("--workers", default=None, type=int, help="Extraction processes (default: CPU count, at most 2).")
@click.pass_obj
@with_store
def load(obj: Context, paths, no_progress, workers):
    """Extract and load releases (files, directories, - for stdin; .json records too)."""
    from .load import Loader, Summary, refresh_inferences
    from .initialise import initialise, is_initialised
    store = obj.store
    if not is_initialised(store):
        initialise(store)
    loader = Loader(store)
    summary = Summary()
    inputs = list(iter_inputs(paths))
    show_bar = len(inputs) > 1 and not no_progress and obj.verbosity >= 0 and sys.stderr.isatty()
    if workers is None:
        import os
        workers = min(2, os.cpu_count() or 1)
    files = [p for p in inputs if str(p) != "-"]
    outcomes = loader.load_paths(files, workers)
    if len(files) != len(inputs):  # stdin, read once, first
        import itertools
        outcomes = itertools.chain([loader.load_bytes(sys.stdin.buffer.read(), "stdin")], outcomes)
    with click.progressbar(outcomes, length=len(inputs), label="loading", file=sys.stderr, show_pos=True) \
            if show_bar else _nullbar(outcomes) as bar:
        for outcome in bar:
            path = outcome.name
            summary.outcomes.append(outcome)
            log.info("%s %s%s", outcome.status, path, f" ({outcome.triples} triples)" if outcome.triples else "")
            if outcome.status == "unchanged" and len(inputs) == 1:
                say(obj, f"{path}: unchanged")
    if summary.count("loaded") + summary.count("replaced"):
        refresh_inferences(store)
    say(obj, summary.line())
    for o in summary.failed:
        click.echo(f"error: {o.message}", err=True)
    if summary.failed:
        sys.exit(EXIT_BAD_INPUT if len(summary.failed) == len(inputs) else EXIT_CHECK_FAILED)


class _nullbar:
    def __init__(self, items):
        self.items = items

    def __enter__(self):
        return self.items

    def __exit__(self, *exc):
        return False


@main.command()
@click.argument("source")
@click.pass_obj
@with_store
def retract(obj: Context, source):
    """Remove one release's graph (by sha256, url or path); other releases' facts remain."""
    from .load import retract as retract_release
    dropped = retract_release(obj.store, source)
    if not dropped:
        fail(f"no release matches {source!r} (give its sha256, url or the path it was loaded from)")
    say(obj, f"retracted {len(dropped)} release graph(s): " + " ".join(dropped))



@main.command()
@click.argument("view", type=click.Choice(["partners", "meetings", "people", "areas", "timeline"]))
@click.option("--format", "fmt", type=click.Choice(["graphml", "gexf", "json", "dot", "html", "svg", "png"]), required=True)
@click.option("--out", "out", type=click.Path(dir_okay=False), required=True)
@click.option("--year", type=int, default=None)
@click.option("--partner", default=None, help="Partner code, e.g. RU.")
@click.option("--from", "date_from", default=None, help="Earliest start date.")
@click.option("--to", "date_to", default=None, help="Latest start date.")
@click.pass_obj
@with_store
def export(obj: Context, view, fmt, out, year, partner, date_from, date_to):
    """Export a networkx view of the graph (GraphML, GEXF, JSON, DOT, HTML, SVG, PNG)."""
    from .export import ExportError, export as export_view
    from .queries import ParameterError
    try:
        figures = export_view(obj.store, view, fmt, out, partner=partner, year=year,
                              date_from=date_from, date_to=date_to)
    except (ExportError, ParameterError) as e:
        fail(str(e))
    say(obj, f"wrote {out}: " + ", ".join(f"{v} {k}" for k, v in figures.items()))



@main.command()
@click.argument("file", type=click.Path(dir_okay=False))
@click.option("--format", "fmt", type=click.Choice(["nquads", "trig"]), default=None,
              help="Default: from the file name (.nq / .trig), else nquads.")
@click.pass_obj
@with_store
def dump(obj: Context, file, fmt):
    """Write every named graph of the store to FILE (N-Quads or TriG)."""
    fmt = fmt or ("trig" if file.endswith(".trig") else "nquads")
    obj.store.dump(file, fmt)
    say(obj, f"dumped {obj.store.count()} quads in {len(obj.store.graph_names())} graphs to {file}")


@main.command()
@click.argument("file", type=click.Path(exists=True, dir_okay=False))
@click.option("--format", "fmt", type=click.Choice(["nquads", "trig"]), default=None)
@click.pass_obj
@with_store
def restore(obj: Context, file, fmt):
    """Load a dump (N-Quads or TriG) into the store, graph by graph."""
    fmt = fmt or ("trig" if file.endswith(".trig") else "nquads")
    try:
        obj.store.restore(file, fmt)
    except (SyntaxError, ValueError) as e:
        fail(f"{file}: not a valid {fmt} dump ({str(e).splitlines()[0]})")
    say(obj, f"restored {file}: store has {obj.store.count()} quads in {len(obj.store.graph_names())} graphs")



@main.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Interface to bind (loopback by default).")
@click.option("--port", default=7878, show_default=True)
@click.option("--timeout", default=10.0, show_default=True, help="Seconds a query may run.")
@click.option("--max-rows", default=10000, show_default=True, help="Largest result a query may return.")
@click.option("--workers", default=2, show_default=True, help="Query worker processes (embedded store).")
@click.pass_obj
def serve(obj: Context, host, port, timeout, max_rows, workers):
    """Serve the store read-only over the SPARQL 1.1 Protocol, with a query page at /."""
    from .serve import make_server
    try:
        server, runner = make_server(obj.descriptor, host, port, timeout, max_rows, workers,
                                     quiet=obj.verbosity < 1)
    except OSError as e:
        fail(f"cannot serve on {host}:{port}: {e.strerror or e}")
    except StoreError as e:
        fail(str(e))
    say(obj, f"serving {obj.descriptor} read-only at http://{host}:{port}/sparql (page at /); Ctrl-C stops")
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
        runner.close()


if __name__ == "__main__":
    main()


def parse_params(pairs) -> dict:
    out = {}
    for pair in pairs:
        key, sep, val = pair.partition("=")
        if not sep or not key.strip():
            raise click.UsageError(f"parameter {pair!r} is not KEY=VALUE")
        out[key.strip()] = val.strip()
    return out


@main.command()
@click.argument("name", required=False)
@click.option("--param", "-p", "params", multiple=True, metavar="KEY=VALUE", help="A parameter (repeatable).")
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "tsv", "json"]), default="table", show_default=True)
@click.option("--no-inferred", is_flag=True, help="Leave the inferred graph out.")
@click.option("--list", "list_", is_flag=True, help="List every question with its parameters.")
@click.pass_obj
@with_store
def query(obj: Context, name, params, fmt, no_inferred, list_):
    """Ask a competency question (queries/NAME.rq)."""
    from .output import render
    from .queries import ParameterError, available, find, run_named
    if list_ or not name:
        for q in available():
            ps = ", ".join(f"{p.name}:{p.type}{'' if p.required else '?'}" for p in q.params) or "-"
            click.echo(f"{q.name:20s} {q.question}\n{'':20s} parameters: {ps}; columns: {', '.join(q.columns)}")
        return
    try:
        find(name)
        rows = run_named(obj.store, name, parse_params(params), include_inferred=not no_inferred)
    except ParameterError as e:
        raise click.UsageError(str(e))
    click.echo(render(rows, fmt))


@main.command()
@click.argument("query_text", required=False)
@click.option("--file", "-f", "file_", type=click.File("r", encoding="utf-8"), help="Read the query from a file.")
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "tsv", "json", "turtle", "nt", "json-ld"]),
              default=None, help="table/csv/tsv/json for SELECT; turtle/nt/json-ld for CONSTRUCT/DESCRIBE.")
@click.option("--no-inferred", is_flag=True, help="Leave the inferred graph out.")
@click.pass_obj
@with_store
def sparql(obj: Context, query_text, file_, fmt, no_inferred):
    """Run a read-only SPARQL query (SELECT, ASK, CONSTRUCT, DESCRIBE)."""
    from .output import ReadOnlyError, check_read_only, render
    from .store import QueryError
    text = file_.read() if file_ else query_text
    if not text:
        raise click.UsageError("give a query or --file")
    try:
        form = check_read_only(text)
    except ReadOnlyError as e:
        fail(str(e))
    try:
        if form == "SELECT":
            click.echo(render(obj.store.select(text, include_inferred=not no_inferred), fmt or "table"))
        elif form == "ASK":
            click.echo("true" if obj.store.ask(text, include_inferred=not no_inferred) else "false")
        else:
            g = obj.store.construct(text, include_inferred=not no_inferred)
            from .namespaces import PREFIXES
            for p, ns in PREFIXES.items():
                g.bind(p, ns)
            click.echo(g.serialize(format={"nt": "nt", "json-ld": "json-ld"}.get(fmt or "turtle", "turtle")))
    except QueryError as e:
        fail(str(e))
