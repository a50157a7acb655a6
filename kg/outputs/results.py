"""SPARQL results in the formats the Protocol's clients ask for: SELECT and ASK as SPARQL JSON,
XML, CSV or TSV; graphs as Turtle, N-Triples, RDF/XML or JSON-LD; chosen by the Accept header."""

from __future__ import annotations

import csv
import io
import json
from xml.sax.saxutils import escape

from rdflib import Literal, URIRef

RESULT_TYPES = {
    "application/sparql-results+json": "json",
    "application/json": "json",
    "application/sparql-results+xml": "xml",
    "application/xml": "xml",
    "text/csv": "csv",
    "text/tab-separated-values": "tsv",
}
BOOLEAN_TYPES = {k: v for k, v in RESULT_TYPES.items() if v in ("json", "xml")}
GRAPH_TYPES = {
    "text/turtle": "turtle",
    "application/n-triples": "nt",
    "application/ld+json": "json-ld",
    "application/rdf+xml": "xml",
}


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


def negotiate(accept: str, table: dict, default: str) -> tuple[str, str] | None:
    """(media type, format) of the most preferred acceptable type, by q-value; the default for
    no Accept header or a wildcard; None when nothing offered is acceptable (a 406)."""
    if not (accept or "").strip():
        return default, table[default]
    prefs = []
    for i, part in enumerate(accept.split(",")):
        bits = [b.strip() for b in part.split(";")]
        q = 1.0
        for b in bits[1:]:
            if b.startswith("q="):
                try:
                    q = float(b[2:])
                except ValueError:
                    q = 0.0
        if q > 0:
            prefs.append((-q, i, bits[0].lower()))
    for _, _, mime in sorted(prefs):
        if mime in table:
            return mime, table[mime]
        if mime == "*/*":
            return default, table[default]
        if mime.endswith("/*"):
            major = mime[:-1]
            match = default if default.startswith(major) else next((m for m in table if m.startswith(major)), None)
            if match:
                return match, table[match]
    return None


def graph_text(ntriples: str, fmt: str) -> bytes:
    if fmt == "nt":
        return ntriples.encode("utf-8")
    from rdflib import Graph

    from ..namespaces import PREFIXES

    g = Graph().parse(data=ntriples, format="nt")
    for p, ns in PREFIXES.items():
        g.bind(p, ns)
    return g.serialize(format=fmt).encode("utf-8")
