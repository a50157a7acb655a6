"""Named SPARQL questions: queries/NAME.rq, each headed by a comment block

    # Question: Which partners does ASEAN have on a date?
    # Param: on date optional default=today   -- name, type, required|optional, default
    # Param: partner code optional var=partnerIri  -- bound to ?partnerIri when a column is named 'partner'
    # Columns: partner, name, status, since, sources
    # Reads: asserted  -- the dataset it reads (kg.stores.DATASETS); facts when not said

A question that asks nothing implied declares `Reads: asserted`: it then reads graph/current
alone, one index lookup per pattern where the facts dataset (current and inferred) takes two.
tests/test_queries.py proves such a question gives the same rows on the facts.
Parameters are bound as typed RDF terms (a VALUES block), never pasted into the query text.
Lines between `# if: NAME` and `# endif` count only when parameter NAME is given (lines after an
`# else` only when it is not): an optional filter can then be a plain triple pattern the store
answers from its indexes, instead of a FILTER tried on every row. queries/internal/ holds the questions the tool itself asks.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

from ..resources import queries
from .params import ParameterError, convert
from .people import person_iris


@dataclass
class Param:
    name: str
    type: str
    required: bool
    default: str | None = None
    var: str | None = None  # the SPARQL variable it binds, when not its own name
    help: str = ""

    @property
    def variable(self) -> str:
        return self.var or self.name


@dataclass
class NamedQuery:
    name: str
    text: str
    internal: bool = False
    question: str = ""
    params: list[Param] = field(default_factory=list)
    columns: list[str] = field(default_factory=list)
    lists: dict = field(default_factory=dict)  # multi-valued column -> the separator its values are joined by
    dataset: str = "facts"  # what its default graph is (kg.stores.DATASETS)


HEADER_RE = re.compile(r"^#\s*(Question|Param|Columns|Reads)\s*:\s*(.*)$", re.I)


def parse(name: str, text: str, internal: bool = False) -> NamedQuery:
    q = NamedQuery(name, text, internal)
    for line in text.splitlines():
        m = HEADER_RE.match(line.strip())
        if not m:
            continue
        key, value = m.group(1).lower(), m.group(2).strip()
        if key == "question":
            q.question = value
        elif key == "reads":
            q.dataset = value.partition("--")[0].strip()
        elif key == "columns":
            # 'partners[]' holds several values joined by spaces, 'post[|]' joined by ' | '
            for spec in (c.strip() for c in value.split(",") if c.strip()):
                m = re.fullmatch(r"([\w-]+)(?:\[(.?)\])?", spec)
                name = m.group(1) if m else spec
                q.columns.append(name)
                if m and m.group(2) is not None:
                    q.lists[name] = f" {m.group(2)} " if m.group(2) else " "
        else:
            spec, _, help_text = value.partition("--")
            parts = spec.split()
            default = next((p.split("=", 1)[1] for p in parts if p.startswith("default=")), None)
            var = next((p.split("=", 1)[1] for p in parts if p.startswith("var=")), None)
            q.params.append(Param(parts[0], parts[1], "required" in parts[2:], default, var, help_text.strip()))
    return q


@cache
def catalogue() -> dict[str, NamedQuery]:
    """Every question, read once: the competency questions, then the internal ones."""
    out = {}
    for f in sorted(queries().iterdir(), key=lambda f: f.name):
        if f.name.endswith(".rq"):
            out[f.name[:-3]] = parse(f.name[:-3], f.read_text(encoding="utf-8"))
    for f in sorted((queries() / "internal").iterdir(), key=lambda f: f.name):
        if f.name.endswith(".rq") and f.name[:-3] not in out:
            out[f.name[:-3]] = parse(f.name[:-3], f.read_text(encoding="utf-8"), internal=True)
    return out


def available() -> list[NamedQuery]:
    """The competency questions users ask (`aseankg query --list`)."""
    return [q for q in catalogue().values() if not q.internal]


def find(name: str) -> NamedQuery:
    q = catalogue().get(name.lstrip("_"))
    if q is None:
        raise ParameterError(f"no question named {name!r} (see `aseankg query --list`)")
    return q


def bind(q: NamedQuery, raw: dict[str, str], store=None) -> dict:
    """Typed terms for the parameters given (and the defaults), checked one by one."""
    known = {p.name: p for p in q.params}
    for k in raw:
        if k not in known:
            names = ", ".join(known) or "none"
            raise ParameterError(f"unknown parameter {k!r} for {q.name} (parameters: {names})")
    out = {}
    for p in q.params:
        value = raw.get(p.name, p.default)
        if value is None:
            if p.required:
                raise ParameterError(f"missing parameter {p.name!r} for {q.name}")
            continue
        try:
            out[p.variable] = person_iris(store, value) if p.type == "person" else convert(p.type, value)
        except (ValueError, LookupError) as e:
            raise ParameterError(f"parameter {p.name}={value!r}: {e}") from None
    return out


IF_RE = re.compile(r"^\s*#\s*if:\s*([\w-]+)\s*$")
ELSE_RE = re.compile(r"^\s*#\s*else\s*$")
ENDIF_RE = re.compile(r"^\s*#\s*endif\s*$")


def specialise(text: str, bound: set[str]) -> str:
    """Keep the `# if: NAME` blocks whose parameter is bound, drop the others; lines after an
    `# else` count when the parameter is not given."""
    out, keep = [], [(True, True)]  # (lines count here, the parent's lines count)
    for line in text.splitlines():
        m = IF_RE.match(line)
        if m:
            keep.append((keep[-1][0] and m.group(1) in bound, keep[-1][0]))
            continue
        if ELSE_RE.match(line) and len(keep) > 1:
            here, parent = keep.pop()
            keep.append((parent and not here, parent))
            continue
        if ENDIF_RE.match(line):
            if len(keep) > 1:
                keep.pop()
            continue
        if keep[-1][0]:
            out.append(line)
    return "\n".join(out)


def constants() -> dict:
    """Values every question may use without a parameter: the IRI prefixes of release graphs
    and releases (kg/mint.py), so a query can name a graph's release without a lookup."""
    from rdflib import Literal

    from .. import mint

    return {"releaseGraphPrefix": Literal(str(mint.release_graph(""))), "releasePrefix": Literal(str(mint.release("")))}


def prepared(store, name: str, params: dict[str, str] | None = None) -> tuple[str, dict]:
    """The text a question runs with these parameters (optional blocks kept or dropped), and its bindings."""
    q = find(name)
    bindings = bind(q, params or {}, store)
    bindings.update({k: v for k, v in constants().items() if f"?{k}" in q.text})
    bound = {p.name for p in q.params if p.variable in bindings}
    return specialise(q.text, bound), bindings


def run_named(store, name: str, params: dict[str, str] | None = None, *, dataset: str | None = None):
    """Ask a question of a store: rows of rdflib terms. A question reads the dataset its header
    names (the facts, every fact once with what it implies, when it names none); `dataset` may
    name another (kg.stores.DATASETS)."""
    text, bindings = prepared(store, name, params)
    return store.select(text, bindings, dataset=dataset or find(name).dataset)
