"""The `aseankg` command (also `python -m kg` and `python -m kg.cli`): thin commands over the
library; state lives in ctx.obj.

Exit codes: 0 ok; 1 a check failed (violations, some releases failed); 2 bad input or usage
(one line on stderr, nothing written). No traceback reaches a user unless -v is given.
"""

from __future__ import annotations

import functools
import itertools
import json
import logging
import sys
from pathlib import Path

import click

from . import __version__

EXIT_OK, EXIT_CHECK_FAILED, EXIT_BAD_INPUT = 0, 1, 2
log = logging.getLogger("aseankg")


class Context:
    def __init__(self, descriptor: str, verbosity: int):
        self.descriptor = descriptor
        self.verbosity = verbosity
        self._store = None

    def store(self, create: bool = False):
        """The store, opened once. Only `init` and `load --create` may create one."""
        if self._store is None:
            from .stores import open_store

            self._store = open_store(self.descriptor, create=create)
        return self._store

    def fresh_store(self):
        """The store with its derived graphs rebuilt first if a write left them stale."""
        from .model.derived import ensure_fresh, stale

        store = self.store()
        if stale(store):
            with activity(self, "rebuilding the derived graphs (a write left them stale)"):
                ensure_fresh(store)
        else:
            ensure_fresh(store)  # a store made before they existed
        return store

    def say(self, message: str):
        if self.verbosity >= 0:
            click.echo(message)

    @property
    def interactive(self) -> bool:
        return self.verbosity >= 0 and sys.stderr.isatty()

    def close(self):
        if self._store is not None:
            self._store.close()
            self._store = None


def fail(message: str, code: int = EXIT_BAD_INPUT):
    """One clear line on stderr and a documented exit code."""
    click.echo(f"error: {message}", err=True)
    sys.exit(code)


def guarded(fn):
    """Every error a user can cause becomes one line and exit 2; anything else one line and
    exit 1, with the traceback only under -v."""

    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        from .ingest.read import ReadError
        from .questions import ParameterError
        from .sparql_text import ReadOnlyError
        from .stores import StoreError

        ctx = click.get_current_context()
        try:
            return fn(*args, **kwargs)
        except (StoreError, ParameterError, ReadOnlyError, ReadError) as e:
            fail(str(e).splitlines()[0])
        except OSError as e:
            fail(f"{e.filename or ''}: {e.strerror or e}".lstrip(": "))
        except (click.exceptions.Exit, click.ClickException):
            raise  # click's own: usage errors exit 2 with their message
        except Exception as e:
            if ctx.obj is not None and ctx.obj.verbosity > 0:
                raise
            fail(
                f"internal error: {type(e).__name__}: {str(e).splitlines()[0] if str(e) else ''} (run with -v for details)",
                EXIT_CHECK_FAILED,
            )

    return wrapper


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--store",
    "descriptor",
    default=None,
    metavar="DESCRIPTOR",
    help="oxigraph:PATH (default ./aseankg-data or $ASEANKG_STORE), memory:, sparql:URL[,UPDATE_URL]",
)
@click.option("-v", "--verbose", count=True, help="More log output, and tracebacks (repeatable).")
@click.option("-q", "--quiet", is_flag=True, help="Only errors: no progress, no summaries.")
@click.version_option(__version__, prog_name="aseankg")
@click.pass_context
def main(ctx, descriptor, verbose, quiet):
    """aseankg: a sourced knowledge graph of ASEAN's external relations."""
    from .stores import default_descriptor

    verbosity = -1 if quiet else verbose
    level = logging.ERROR if quiet else (logging.DEBUG if verbose > 1 else logging.INFO if verbose else logging.WARNING)
    logging.basicConfig(level=level, format="%(levelname)s %(name)s: %(message)s", stream=sys.stderr)
    ctx.obj = Context(descriptor or default_descriptor(), verbosity)
    ctx.call_on_close(ctx.obj.close)


# --- making and changing the graph -----------------------------------------------------------------


@main.command()
@click.pass_obj
@guarded
def init(obj: Context):
    """Create the store and load the ontology and the reference graph (idempotent)."""
    from .model.initialise import initialise

    with activity(obj, "initialising"):
        figures = initialise(obj.store(create=True))
    obj.say(
        f"initialised {obj.descriptor}: ontology {figures['ontology_triples']} triples, "
        f"reference {figures['reference_triples']} triples, current {figures['current']}, "
        f"inferred {figures['inferred']}"
    )


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(["json", "jsonl", "turtle"]), default="json", show_default=True)
@click.option(
    "--out-dir",
    type=click.Path(file_okay=False),
    default=None,
    help="Write DIR/<input file stem>.<ext> per input instead of printing.",
)
@click.option("--timeout", default=10.0, show_default=True, help="Seconds one file may take to extract.")
@click.pass_obj
@guarded
def extract(obj: Context, paths, fmt, out_dir, timeout):
    """Extract facts from releases (no store needed): one record per release. A file that
    fails is reported on one line and the others go on."""
    from .ingest.load import ExtractionTimeout, RecordError, inputs_of, prepare
    from .ingest.read import ReadError

    inputs = inputs_of(paths, ("*.txt", "*.html", "*.htm"))
    stdin = "-" in paths
    if out_dir:
        Path(out_dir).mkdir(parents=True, exist_ok=True)
    failed = done = 0
    jobs = ([("-", None)] if stdin else []) + inputs
    with progress(obj, len(jobs) > 1, jobs, "extracting") as bar:
        for path, _root in bar:
            name = "stdin" if path == "-" else str(path)
            try:
                raw = sys.stdin.buffer.read() if path == "-" else Path(path).read_bytes()
                record, source = prepare(raw, name, None, timeout)
            except (ReadError, RecordError, ExtractionTimeout) as e:  # every file fails alone
                failed += 1
                click.echo(f"error: {e}", err=True)
                continue
            except OSError as e:
                failed += 1
                click.echo(f"error: {name}: cannot read ({e.strerror or e})", err=True)
                continue
            except Exception as e:  # an extraction bug: this file fails, the others go on
                failed += 1
                click.echo(f"error: {name}: internal error while extracting ({type(e).__name__}: {e})", err=True)
                continue
            text = render_record(record, source.body, fmt)
            done += 1
            if out_dir:
                ext = {"json": "json", "jsonl": "jsonl", "turtle": "ttl"}[fmt]
                (Path(out_dir) / f"{Path(name).stem}.{ext}").write_text(text + "\n", encoding="utf-8")
            else:
                click.echo(text)
    if out_dir or failed:
        click.echo(f"extracted {done}, failed {failed}", err=not out_dir)
    if failed:
        sys.exit(EXIT_BAD_INPUT if not done else EXIT_CHECK_FAILED)


def render_record(record: dict, body, fmt: str) -> str:
    if fmt == "json":
        return json.dumps(record, indent=1, ensure_ascii=False)
    if fmt == "jsonl":
        return json.dumps(record, ensure_ascii=False)
    from .ingest.assertion import record_graph

    return record_graph(record, release_body=body).serialize(format="turtle")


class progress:
    """A progress bar on stderr when it is a terminal and -q is not given; a plain loop otherwise."""

    def __init__(self, obj: Context, wanted: bool, items, label: str, length: int | None = None):
        self.bar = (
            click.progressbar(items, length=length, label=label, file=sys.stderr, show_pos=True)
            if wanted and obj.interactive
            else None
        )
        self.items = items

    def __enter__(self):
        return self.bar.__enter__() if self.bar else self.items

    def __exit__(self, *exc):
        return self.bar.__exit__(*exc) if self.bar else False


class activity:
    """For a step that runs as one call (a rebuild, a validation, a dump): on a terminal, and
    unless -q, the step's name with a spinner and the seconds elapsed, then how long it took."""

    def __init__(self, obj: Context, label: str):
        self.label, self.wanted = label, obj.interactive
        self.done = None

    def __enter__(self):
        import threading
        import time

        self.t0 = time.perf_counter()
        if self.wanted:
            self.done = threading.Event()

            def spin():
                for frame in itertools.cycle("|/-\\"):
                    if self.done.wait(0.25):
                        break
                    sys.stderr.write(f"\r{self.label} {frame} {time.perf_counter() - self.t0:.0f} s")
                    sys.stderr.flush()

            self.thread = threading.Thread(target=spin, daemon=True)
            self.thread.start()
        return self

    def __exit__(self, *exc):
        import time

        if self.done is not None:
            self.done.set()
            self.thread.join()
            sys.stderr.write(f"\r{self.label}: {time.perf_counter() - self.t0:.1f} s\n")
        return False


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--create", is_flag=True, help="Create (and initialise) the store if it does not exist.")
@click.option("--no-progress", is_flag=True, help="No progress bar.")
@click.option("--workers", default=None, type=int, help="Extraction processes (default: CPU count, at most 2).")
@click.option("--timeout", default=10.0, show_default=True, help="Seconds one file may take to extract.")
@click.pass_obj
@guarded
def load(obj: Context, paths, create, no_progress, workers, timeout):
    """Extract and load releases (files, directories, - for stdin; .json records too). A file
    that fails is reported on one line and the others load; exit 1 when any failed."""
    from .ingest.load import Summary, inputs_of, load_inputs
    from .model.initialise import initialise, is_initialised

    store = obj.store(create=create)
    if not is_initialised(store):
        initialise(store)
    inputs = inputs_of(paths)
    stdin = sys.stdin.buffer.read() if "-" in paths else None
    total = len(inputs) + (stdin is not None)
    summary = Summary()
    outcomes = load_inputs(store, inputs, stdin=stdin, workers=workers, seconds=timeout)
    with progress(obj, len(inputs) > 1 and not no_progress, outcomes, "loading", total) as bar:
        for outcome in bar:
            summary.outcomes.append(outcome)
            log.info(
                "%s %s%s", outcome.status, outcome.name, f" ({outcome.triples} triples)" if outcome.triples else ""
            )
    if total == 1 and summary.outcomes and summary.outcomes[0].status in ("unchanged", "renamed"):
        obj.say(f"{summary.outcomes[0].name}: {summary.outcomes[0].status}")
    if not (total == 1 and summary.failed):  # one bad file: its one error line says it all
        obj.say(summary.line())
    for o in summary.failed:
        for line in o.message.splitlines():
            click.echo(f"error: {line}", err=True)
    if summary.failed:
        sys.exit(EXIT_BAD_INPUT if len(summary.failed) == total else EXIT_CHECK_FAILED)


@main.command()
@click.argument("source")
@click.pass_obj
@guarded
def retract(obj: Context, source):
    """Remove one release (by url, sha256, file name or path); facts other releases state remain."""
    from .ingest.load import retract as retract_release

    dropped = retract_release(obj.store(), source)
    if not dropped:
        fail(f"no release matches {source!r} (give its url, sha256, file name or the path it was loaded from)")
    obj.say(f"retracted {len(dropped)} release(s): " + " ".join(dropped))


@main.command()
@click.option(
    "--engine",
    type=click.Choice(["store", "owlrl"]),
    default="store",
    show_default=True,
    help="store: the ontology's OWL RL rules in the store; owlrl: the reference engine (slow).",
)
@click.pass_obj
@guarded
def reason(obj: Context, engine):
    """Rebuild the derived graphs: every fact once (graph/current) and its OWL 2 RL consequences
    (graph/inferred), swapped in atomically."""
    from .model.derived import rebuild

    store = obj.store()
    if engine == "owlrl":
        import time

        from .model.reason import owlrl_inferences
        from .model.validate import data_graph
        from .namespaces import INFERRED_GRAPH

        t0 = time.perf_counter()
        with activity(obj, "reasoning with owlrl"):
            inferred = owlrl_inferences(data_graph(store))
            store.put_graph(INFERRED_GRAPH, list(inferred))
        obj.say(f"inferred graph rebuilt with owlrl: {len(inferred)} triples in {time.perf_counter() - t0:.3f} s")
        return
    with activity(obj, "rebuilding graph/current, graph/inferred and graph/disagreements"):
        figures = rebuild(store)
    obj.say(
        f"derived graphs rebuilt: current {figures['current']} triples, inferred {figures['inferred']} triples, "
        f"{figures['disagreements']} disagreements in {figures['seconds']} s (engine {engine})"
    )


@main.command()
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text")
@click.option("--limit", default=50, show_default=True, help="Violations to list.")
@click.pass_obj
@guarded
def validate(obj: Context, fmt, limit):
    """Validate the data against the SHACL shapes; exit 1 on violations."""
    from .model.validate import validate_store

    store = obj.fresh_store()
    with activity(obj, "validating"):
        report = validate_store(store)
    if fmt == "json":
        click.echo(
            json.dumps(
                {"conforms": report.conforms, "violations": report.violations, "disagreements": report.disagreements},
                indent=1,
            )
        )
    elif report.conforms:
        obj.say(
            "conforms: no SHACL violations"
            + (
                f" ({len(report.disagreements)} properties given more values than the shapes allow, each"
                " source within bounds; those that cannot all be true: `aseankg query conflicts`)"
                if report.disagreements
                else ""
            )
        )
    else:
        click.echo(f"{len(report.violations)} SHACL violation(s):")
        for v in report.violations[:limit]:
            path = v["path"].rsplit("#", 1)[-1].rsplit("/", 1)[-1]
            click.echo(f"  {v['focus']}  {path}: {v['message']}")
        if len(report.violations) > limit:
            click.echo(f"  ... and {len(report.violations) - limit} more (--limit)")
    if not report.conforms:
        sys.exit(EXIT_CHECK_FAILED)


# --- asking -------------------------------------------------------------------------------------------


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
@click.option(
    "--dataset",
    type=click.Choice(["facts", "asserted", "union"]),
    default=None,
    help="Default graph: every fact once with what it implies (facts), without the implied (asserted), "
    "or every graph merged, a triple once per source (union). GRAPH reaches every source. "
    "Default: the one the question's header names (`Reads:`), else facts.",
)
@click.option("--list", "list_", is_flag=True, help="List every question with its parameters.")
@click.pass_obj
@guarded
def query(obj: Context, name, params, fmt, dataset, list_):
    """Ask a competency question (queries/NAME.rq)."""
    from .outputs.render import render
    from .questions import available, find, run_named

    if list_ or not name:
        for q in available():
            ps = ", ".join(f"{p.name}:{p.type}{'' if p.required else '?'}" for p in q.params) or "-"
            click.echo(f"{q.name:20s} {q.question}\n{'':20s} parameters: {ps}; columns: {', '.join(q.columns)}")
        return
    find(name)
    rows = run_named(obj.fresh_store(), name, parse_params(params), dataset=dataset)
    click.echo(render(rows, fmt, find(name).lists))


@main.command()
@click.argument("query_text", required=False)
@click.option("--file", "-f", "file_", type=click.File("r", encoding="utf-8"), help="Read the query from a file.")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "csv", "tsv", "json", "turtle", "nt", "json-ld"]),
    default=None,
    help="table/csv/tsv/json for SELECT; turtle/nt/json-ld for CONSTRUCT/DESCRIBE.",
)
@click.option(
    "--dataset",
    type=click.Choice(["facts", "asserted", "union"]),
    default="facts",
    show_default=True,
    help="Default graph: every fact once with what it implies (facts), without the implied (asserted), "
    "or every graph merged, a triple once per source (union). GRAPH reaches every source.",
)
@click.pass_obj
@guarded
def sparql(obj: Context, query_text, file_, fmt, dataset):
    """Run a read-only SPARQL query (SELECT, ASK, CONSTRUCT, DESCRIBE)."""
    from .namespaces import PREFIXES
    from .outputs.render import render
    from .sparql_text import check_read_only

    text = file_.read() if file_ else query_text
    if not text:
        raise click.UsageError("give a query or --file")
    form = check_read_only(text)
    store = obj.fresh_store()
    if form == "SELECT":
        click.echo(render(store.select(text, dataset=dataset), fmt or "table"))
    elif form == "ASK":
        click.echo("true" if store.ask(text, dataset=dataset) else "false")
    else:
        g = store.construct(text, dataset=dataset)
        for p, ns in PREFIXES.items():
            g.bind(p, ns)
        click.echo(g.serialize(format={"nt": "nt", "json-ld": "json-ld"}.get(fmt or "turtle", "turtle")))


@main.command()
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text")
@click.option("--network", is_flag=True, help="Per partner: meetings, ASEAN counterparts, degree and betweenness.")
@click.option(
    "--year", type=click.IntRange(1967, 2100), default=None, help="With --network: meetings of this year only."
)
@click.pass_obj
@guarded
def stats(obj: Context, fmt, network, year):
    """Counts: triples, named graphs, instances per class, sources (--network: centralities)."""
    store = obj.fresh_store()
    if network:
        from .outputs.export import network_stats
        from .outputs.render import render_dicts

        rows = network_stats(store, year=str(year) if year else None)
        if fmt == "json":
            click.echo(json.dumps(rows, indent=1))
            return
        cols = [
            "partner",
            "name",
            "status",
            "meetings",
            "asean_counterparts",
            "degree",
            "betweenness",
            "people",
            "people_degree",
            "people_betweenness",
        ]
        click.echo(render_dicts(rows, cols))
        return
    from .outputs.stats import store_stats

    s = store_stats(store)
    if fmt == "json":
        click.echo(json.dumps(s, indent=1))
        return
    click.echo(f"store            {obj.descriptor}")
    for k in (
        "triples",
        "named_graphs",
        "release_graphs",
        "current_triples",
        "inferred_triples",
        "releases",
        "reference_sources",
    ):
        click.echo(f"{k:16s} {s[k]}")
    click.echo("instances per class:")
    for cls, n in s["instances"].items():
        click.echo(f"  {cls:32s} {n}")


# --- outputs ----------------------------------------------------------------------------------------


def writable(out: str) -> str:
    """An output path whose directory exists and can be written, or one line and exit 2."""
    import os

    parent = Path(out).expanduser().resolve().parent
    if not parent.is_dir():
        fail(f"{out}: the directory {parent} does not exist")
    if not os.access(parent, os.W_OK):
        fail(f"{out}: cannot write in {parent}")
    if Path(out).is_dir():
        fail(f"{out}: is a directory")
    return out


@main.command()
@click.argument("view", type=click.Choice(["partners", "meetings", "people", "areas", "timeline"]))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["graphml", "gexf", "json", "cyjs", "dot", "html", "svg", "png"]),
    required=True,
)
@click.option("--out", "out", required=True)
@click.option("--year", type=click.IntRange(1967, 2100), default=None)
@click.option("--partner", default=None, help="Partner code, e.g. RU.")
@click.option("--from", "date_from", default=None, help="Earliest start date.")
@click.option("--to", "date_to", default=None, help="Latest start date.")
@click.pass_obj
@guarded
def export(obj: Context, view, fmt, out, year, partner, date_from, date_to):
    """Export a view of the graph (GraphML, GEXF, JSON, Cytoscape JSON, DOT, HTML, SVG, PNG)."""
    from .outputs.export import ExportError
    from .outputs.export import export as export_view

    writable(out)
    store = obj.fresh_store()
    try:
        with activity(obj, f"exporting the {view} view"):
            figures = export_view(
                store, view, fmt, out, partner=partner, year=year, date_from=date_from, date_to=date_to
            )
    except ExportError as e:
        fail(str(e))
    obj.say(f"wrote {out}: " + ", ".join(f"{v} {k}" for k, v in figures.items()))


DUMP_SUFFIXES = {".nq": "nquads", ".nquads": "nquads", ".trig": "trig"}


def dump_format(file: str, fmt: str | None) -> str:
    """The format a file name asks for; a format that cannot hold named graphs is refused."""
    by_name = DUMP_SUFFIXES.get(Path(file).suffix.lower())
    if fmt and by_name and fmt != by_name:
        fail(f"{file}: the name says {by_name} but --format says {fmt}")
    if not (fmt or by_name):
        fail(f"{file}: name the dump .nq (N-Quads) or .trig (TriG): other formats cannot hold named graphs")
    return fmt or by_name


@main.command()
@click.argument("file")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["nquads", "trig"]),
    default=None,
    help="Default: from the file name (.nq, .trig).",
)
@click.pass_obj
@guarded
def dump(obj: Context, file, fmt):
    """Write every named graph of the store to FILE (N-Quads or TriG)."""
    fmt = dump_format(file, fmt)
    writable(file)
    store = obj.store()
    with activity(obj, f"dumping to {file}"):
        store.dump(file, fmt)
    obj.say(f"dumped {store.count()} quads in {len(store.graph_names())} graphs to {file} ({fmt})")


@main.command()
@click.argument("file", type=click.Path(exists=True, dir_okay=False))
@click.option("--format", "fmt", type=click.Choice(["nquads", "trig"]), default=None)
@click.option("--create", is_flag=True, help="Create the store if it does not exist.")
@click.pass_obj
@guarded
def restore(obj: Context, file, fmt, create):
    """Load a dump (N-Quads or TriG) into the store, graph by graph."""
    from .model.derived import rebuild

    fmt = dump_format(file, fmt)
    store = obj.store(create=create)
    try:
        with activity(obj, f"restoring {file}"):
            store.restore(file, fmt)
    except (SyntaxError, ValueError) as e:
        fail(f"{file}: not a valid {fmt} dump ({str(e).splitlines()[0]})")
    with activity(obj, "rebuilding the derived graphs"):
        rebuild(store)
    obj.say(f"restored {file}: store has {store.count()} quads in {len(store.graph_names())} graphs")


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Interface to bind (loopback by default).")
@click.option("--port", default=7878, show_default=True)
@click.option("--timeout", default=10.0, show_default=True, help="Seconds a query may run.")
@click.option("--max-rows", default=10000, show_default=True, help="Largest result a query may return.")
@click.option("--workers", default=None, type=int, help="Query worker processes (default: the CPU count, at least 2).")
@click.option("--queue", default=64, show_default=True, help="Requests that may wait for a worker; beyond, 503.")
@click.option("--cors", default=None, metavar="ORIGIN", help="Allow browsers on ORIGIN (or *) to query the endpoint.")
@click.pass_obj
@guarded
def serve(obj: Context, host, port, timeout, max_rows, workers, queue, cors):
    """Serve the store read-only over the SPARQL 1.1 Protocol, with a query page at /. The
    endpoint follows the store: what another process writes is served as soon as it finishes."""
    from .outputs.serve import serve as run_endpoint
    from .outputs.workers import default_workers

    obj.fresh_store()
    obj.close()

    def ready(url):
        obj.say(f"serving {obj.descriptor} read-only at {url} (query page at /); Ctrl-C stops")

    try:
        run_endpoint(
            obj.descriptor,
            host,
            port,
            timeout=timeout,
            max_rows=max_rows,
            workers=workers or default_workers(),
            queue=queue,
            cors=cors,
            ready=ready,
        )
    except KeyboardInterrupt:
        pass
    except OSError as e:
        fail(f"cannot serve on {host}:{port}: {e.strerror or e}")


if __name__ == "__main__":
    main()
