"""Named SPARQL questions: queries/NAME.rq, each headed by a comment block

    # Question: Which partners does ASEAN have on a date?
    # Param: on date optional default=today   -- name, type, required|optional, default
    # Param: partner code optional var=partnerIri  -- bound to ?partnerIri when a column is named 'partner'
    # Columns: partner, name, status, since, sources

Parameters are bound as typed RDF terms (a VALUES block), never pasted into the query text.
Lines between `# if: NAME` and `# endif` count only when parameter NAME is given: an optional
filter can then be a plain triple pattern the store answers from its indexes, instead of a
FILTER tried on every row. queries/internal/ holds the questions the tool itself asks.
"""
from __future__ import annotations

import datetime as dt
from functools import lru_cache
import re
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Literal, URIRef

from . import mint
from .namespaces import XSD
from .paths import QUERIES_DIR


class ParameterError(ValueError):
    """A parameter is unknown or malformed; the message names it."""


@dataclass
class Param:
    name: str
    type: str
    required: bool
    default: str | None = None
    var: str | None = None      # the SPARQL variable it binds, when not its own name

    @property
    def variable(self) -> str:
        return self.var or self.name


@dataclass
class NamedQuery:
    name: str
    path: Path
    text: str
    question: str = ""
    params: list[Param] = field(default_factory=list)
    columns: list[str] = field(default_factory=list)


HEADER_RE = re.compile(r"^#\s*(Question|Param|Columns)\s*:\s*(.*)$", re.I)


def parse(path: Path) -> NamedQuery:
    return _parse(path, path.stat().st_mtime_ns)


@lru_cache(maxsize=256)
def _parse(path: Path, mtime: int) -> NamedQuery:
    """Parsed once per file version: the loader asks some questions once per release."""
    text = path.read_text(encoding="utf-8")
    q = NamedQuery(path.stem, path, text)
    for line in text.splitlines():
        m = HEADER_RE.match(line.strip())
        if not m:
            continue
        key, value = m.group(1).lower(), m.group(2).strip()
        if key == "question":
            q.question = value
        elif key == "columns":
            q.columns = [c.strip() for c in value.split(",") if c.strip()]
        else:
            parts = value.split("--")[0].split()
            default = next((p.split("=", 1)[1] for p in parts if p.startswith("default=")), None)
            var = next((p.split("=", 1)[1] for p in parts if p.startswith("var=")), None)
            q.params.append(Param(parts[0], parts[1], "required" in parts[2:], default, var))
    return q


def available() -> list[NamedQuery]:
    return [parse(p) for p in sorted(QUERIES_DIR.glob("*.rq"))]


def update_text(name: str, **slots) -> str:
    """The text of queries/internal/NAME.ru. Slots ({graph}, {data}) take typed rdflib terms or
    triples of them, written in their N-Triples form; nothing else is ever pasted in."""
    text = (QUERIES_DIR / "internal" / f"{name}.ru").read_text(encoding="utf-8")
    body = "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("#"))
    for key, value in slots.items():
        if isinstance(value, (list, tuple, set)):
            filled = "\n".join(f"{s.n3()} {p.n3()} {o.n3()} ." for s, p, o in value)
        else:
            filled = value.n3()
        body = body.replace("{" + key + "}", filled)
    return body


def find(name: str) -> NamedQuery:
    for candidate in (QUERIES_DIR / f"{name}.rq", QUERIES_DIR / "internal" / f"{name.lstrip('_')}.rq"):
        if candidate.is_file():
            return parse(candidate)
    raise ParameterError(f"no question named {name!r} (see `aseankg query --list`)")


# --- typed parameter conversion -----------------------------------------------------

def _date(v: str):
    if v == "today":
        return Literal(dt.date.today().isoformat(), datatype=XSD.date)
    try:
        return mint.date_literal(v)
    except ValueError:
        raise ValueError("expected YYYY, YYYY-MM or YYYY-MM-DD") from None


def _year(v: str):
    if not re.fullmatch(r"\d{4}", v):
        raise ValueError("expected a four-digit year")
    return Literal(int(v), datatype=XSD.integer)


def _int(v: str):
    if not re.fullmatch(r"-?\d+", str(v).strip()):
        raise ValueError("expected an integer")
    return Literal(int(v), datatype=XSD.integer)


def _code(v: str):
    from .reference import actor, member_codes, partner_names
    v = v.strip().upper()
    if v not in partner_names() and v not in member_codes() and v != "ASEAN":
        raise ValueError("expected a partner or member code such as RU, EU, PH")
    return actor(v)


def _iri(v: str):
    if not re.match(r"^[a-z][a-z0-9+.-]*:", v):
        raise ValueError("expected an absolute IRI")
    return URIRef(v)


def _concept(scheme):
    def conv(v: str):
        from .ontology import ontology_terms
        node = mint.concept(scheme, v)
        if node not in ontology_terms():
            raise ValueError(f"expected a {scheme} code")
        return node
    return conv


def _string(v: str):
    return Literal(v)


CONVERTERS = {
    "date": _date, "year": _year, "int": _int, "code": _code, "iri": _iri, "string": _string,
    "level": _concept("level"), "framework": _concept("framework"),
}


def bind(q: NamedQuery, raw: dict[str, str], store=None) -> dict:
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
            if p.type == "person":
                from .resolve import person_iris
                out[p.variable] = person_iris(store, value)
            else:
                out[p.variable] = CONVERTERS[p.type](value)
        except (ValueError, LookupError) as e:
            raise ParameterError(f"parameter {p.name}={value!r}: {e}") from None
    return out


IF_RE = re.compile(r"^\s*#\s*if:\s*([\w-]+)\s*$")
ENDIF_RE = re.compile(r"^\s*#\s*endif\s*$")


def specialise(text: str, bound: set[str]) -> str:
    """Keep the `# if: NAME` blocks whose parameter is bound, drop the others."""
    out, keep = [], [True]
    for line in text.splitlines():
        m = IF_RE.match(line)
        if m:
            keep.append(keep[-1] and m.group(1) in bound)
            continue
        if ENDIF_RE.match(line):
            if len(keep) > 1:
                keep.pop()
            continue
        if keep[-1]:
            out.append(line)
    return "\n".join(out)


def run_named(store, name: str, params: dict[str, str] | None = None, *, include_inferred: bool = True):
    q = find(name)
    bindings = bind(q, params or {}, store)
    bound = {p.name for p in q.params if p.variable in bindings}
    return store.select(specialise(q.text, bound), bindings, include_inferred=include_inferred)
