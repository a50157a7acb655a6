"""Rendering query results: table (for people), csv, tsv, json (a list of objects keyed by column)."""
from __future__ import annotations

import csv
import io
import json
import re

from rdflib import Literal, URIRef

from .namespaces import PREFIXES

FORMATS = ("table", "csv", "tsv", "json")
# read-only SPARQL: the words that change data or reach outside the store
FORBIDDEN = re.compile(r"\b(INSERT|DELETE|LOAD|CLEAR|DROP|CREATE|ADD|MOVE|COPY|SERVICE)\b", re.I)


class ReadOnlyError(ValueError):
    pass


def value(term):
    """The plain value of a term for csv/json: IRIs and lexical forms as strings, numbers as numbers."""
    if term is None:
        return None
    if isinstance(term, Literal):
        v = term.toPython()
        if isinstance(v, (int, float)) and not isinstance(v, bool):
            return v
        return str(term)
    return str(term)


def curie(term) -> str:
    if term is None:
        return ""
    s = str(term)
    if isinstance(term, URIRef):
        best = max(((p, str(ns)) for p, ns in PREFIXES.items() if s.startswith(str(ns))),
                   key=lambda pn: len(pn[1]), default=None)
        if best:
            return f"{best[0]}:{s[len(best[1]):]}"
    return s


def render(rows, fmt: str) -> str:
    cols = rows.vars
    if fmt == "json":
        return json.dumps([{c: value(v) for c, v in zip(cols, r)} for r in rows.rows], indent=1, ensure_ascii=False)
    if fmt in ("csv", "tsv"):
        buf = io.StringIO()
        w = csv.writer(buf, delimiter="," if fmt == "csv" else "\t", lineterminator="\n")
        w.writerow(cols)
        for r in rows.rows:
            w.writerow(["" if v is None else value(v) for v in r])
        return buf.getvalue().rstrip("\n")
    cells = [[curie(v) for v in r] for r in rows.rows]
    widths = [min(60, max([len(c)] + [len(row[i]) for row in cells])) for i, c in enumerate(cols)]
    line = lambda vals: "  ".join(v[:w].ljust(w) for v, w in zip(vals, widths)).rstrip()
    out = [line(cols), line(["-" * w for w in widths])] + [line(r) for r in cells]
    out.append(f"({len(cells)} row{'s' if len(cells) != 1 else ''})")
    return "\n".join(out)


def strip_literals(query: str) -> str:
    """The query without comments, strings and IRIs, so keywords inside them do not count."""
    q = re.sub(r'"""[\s\S]*?"""|\'\'\'[\s\S]*?\'\'\'', '""', query)
    q = re.sub(r'"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\'', '""', q)
    q = re.sub(r"<[^<>\s]*>", "<>", q)
    return re.sub(r"#[^\n]*", "", q)


def check_read_only(query: str) -> str:
    """The query form (SELECT, ASK, CONSTRUCT, DESCRIBE); refuses updates, SERVICE and LOAD."""
    bare = strip_literals(query)
    m = FORBIDDEN.search(bare)
    if m:
        word = m.group(1).upper()
        if word == "SERVICE":
            raise ReadOnlyError("SERVICE is refused: queries may not reach other endpoints")
        raise ReadOnlyError(f"{word} is refused: the store is read-only here (SELECT, ASK, CONSTRUCT, DESCRIBE)")
    form = re.search(r"\b(SELECT|ASK|CONSTRUCT|DESCRIBE)\b", bare, re.I)
    if not form:
        raise ReadOnlyError("not a query: expected SELECT, ASK, CONSTRUCT or DESCRIBE")
    return form.group(1).upper()
