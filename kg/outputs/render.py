"""Rendering query results: table (for people), csv, tsv, json (a list of objects keyed by column)."""

from __future__ import annotations

import csv
import io
import json

from rdflib import Literal, URIRef

from ..namespaces import PREFIXES

FORMATS = ("table", "csv", "tsv", "json")


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
        best = max(
            ((p, str(ns)) for p, ns in PREFIXES.items() if s.startswith(str(ns))),
            key=lambda pn: len(pn[1]),
            default=None,
        )
        if best:
            return f"{best[0]}:{s[len(best[1]) :]}"
    return s


def split(cell, separator: str) -> list:
    """A multi-valued cell as a list of its values (empty for none), in a stable order."""
    if cell is None:
        return []
    return sorted(v.strip() for v in str(cell).split(separator.strip() or None) if v.strip())


def records(rows, lists: dict | None = None) -> list[dict]:
    """Rows as plain Python values: numbers as numbers, IRIs and dates as strings, and the
    multi-valued columns a question declares (`partners[]`) as lists."""
    lists = lists or {}
    return [{c: (split(v, lists[c]) if c in lists else value(v)) for c, v in zip(rows.vars, r)} for r in rows.rows]


def render_dicts(dicts: list[dict], cols: list[str]) -> str:
    """A table of plain dicts (for computed results such as network statistics)."""
    cells = [[str(d.get(c, "")) for c in cols] for d in dicts]
    return _table(cols, cells)


def _table(cols, cells) -> str:
    widths = [min(60, max([len(c)] + [len(row[i]) for row in cells])) for i, c in enumerate(cols)]

    def line(vals):
        return "  ".join(v[:w].ljust(w) for v, w in zip(vals, widths)).rstrip()

    out = [line(cols), line(["-" * w for w in widths])] + [line(r) for r in cells]
    out.append(f"({len(cells)} row{'s' if len(cells) != 1 else ''})")
    return "\n".join(out)


def render(rows, fmt: str, lists: dict | None = None) -> str:
    """Rows as a table, CSV, TSV or JSON (a list of objects; multi-valued columns as arrays)."""
    cols = rows.vars
    lists = lists or {}
    if fmt == "json":
        return json.dumps(records(rows, lists), indent=1, ensure_ascii=False)
    # GROUP_CONCAT's order is the server's choice: multi-valued cells are re-joined in sorted
    # order, so the same answer reads the same from any store (and diffs cleanly)
    seps = [lists.get(c) for c in cols]
    if fmt in ("csv", "tsv"):
        buf = io.StringIO()
        w = csv.writer(buf, delimiter="," if fmt == "csv" else "\t", lineterminator="\n")
        w.writerow(cols)
        for r in rows.rows:
            w.writerow([_joined(v, s) if s else ("" if v is None else value(v)) for v, s in zip(r, seps)])
        return buf.getvalue().rstrip("\n")
    return _table(cols, [[_joined(v, s) if s else curie(v) for v, s in zip(r, seps)] for r in rows.rows])


def _joined(cell, separator: str) -> str:
    return separator.join(split(cell, separator))
