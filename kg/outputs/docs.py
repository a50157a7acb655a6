"""Reference documentation of the ontology, rendered from the Turtle into one HTML page.

Equivalent of pyLODE for our needs, with no extra dependency: classes, properties and the
SKOS vocabularies, each with label, comment, alignments, domain and range.
"""

from __future__ import annotations

import html
from pathlib import Path

from rdflib import Graph, URIRef

from ..model.ontology import ontology_graph
from ..namespaces import DCTERMS, OWL, PREFIXES, RDF, RDFS, SKOS


def curie(term) -> str:
    s = str(term)
    for p, ns in sorted(PREFIXES.items(), key=lambda kv: -len(str(kv[1]))):
        if s.startswith(str(ns)):
            return f"{p}:{s[len(str(ns)) :]}"
    return s


def _link(term) -> str:
    c = curie(term)
    if c.startswith("akg:"):
        return f'<a href="#{html.escape(c[4:])}">{html.escape(c)}</a>'
    return f"<code>{html.escape(c)}</code>"


def _entry(g: Graph, term: URIRef, rows: list[tuple[str, object]]) -> str:
    label = g.value(term, RDFS.label) or curie(term)
    out = [
        f'<section id="{html.escape(curie(term)[4:])}"><h3>{html.escape(str(label))} '
        f"<small>{html.escape(curie(term))}</small></h3>"
    ]
    comment = g.value(term, RDFS.comment)
    if comment:
        out.append(f"<p>{html.escape(str(comment))}</p>")
    out.append("<dl>")
    for name, pred in rows:
        values = sorted(g.objects(term, pred), key=str)
        if values:
            out.append(f"<dt>{name}</dt><dd>{', '.join(_link(v) for v in values)}</dd>")
    out.append("</dl></section>")
    return "\n".join(out)


def render(g: Graph | None = None) -> str:
    g = g if g is not None else ontology_graph()
    onto = next(g.subjects(RDF.type, OWL.Ontology))
    classes = sorted((c for c in g.subjects(RDF.type, OWL.Class) if curie(c).startswith("akg:")), key=curie)
    props = sorted(
        (
            p
            for t in (OWL.ObjectProperty, OWL.DatatypeProperty)
            for p in g.subjects(RDF.type, t)
            if curie(p).startswith("akg:")
        ),
        key=curie,
    )
    schemes = sorted(g.subjects(RDF.type, SKOS.ConceptScheme), key=str)
    parts = [
        f"<!doctype html><html lang='en'><head><meta charset='utf-8'><title>{html.escape(str(g.value(onto, RDFS.label)))}</title>",
        "<style>body{font:15px/1.5 system-ui,sans-serif;max-width:60em;margin:2em auto;padding:0 1em}"
        "section{border-top:1px solid #ddd;padding:.3em 0}small{color:#777;font-weight:normal}"
        "dt{font-weight:bold;float:left;width:9em}dd{margin-left:10em}</style></head><body>",
        f"<h1>{html.escape(str(g.value(onto, RDFS.label)))}</h1>",
        f"<p>{html.escape(str(g.value(onto, DCTERMS.description) or ''))}</p>",
        f"<p>IRI <code>{html.escape(str(onto))}</code>, version {html.escape(str(g.value(onto, OWL.versionInfo)))}</p>",
        "<h2>Classes</h2>",
    ]
    parts += [
        _entry(
            g,
            c,
            [("subclass of", RDFS.subClassOf), ("disjoint with", OWL.disjointWith), ("exact match", SKOS.exactMatch)],
        )
        for c in classes
    ]
    parts.append("<h2>Properties</h2>")
    parts += [
        _entry(
            g,
            p,
            [
                ("type", RDF.type),
                ("domain", RDFS.domain),
                ("range", RDFS.range),
                ("subproperty of", RDFS.subPropertyOf),
                ("inverse of", OWL.inverseOf),
            ],
        )
        for p in props
    ]
    parts.append("<h2>Vocabularies</h2>")
    for s in schemes:
        concepts = sorted(g.subjects(SKOS.inScheme, s), key=lambda c: str(g.value(c, SKOS.notation)))
        parts.append(
            f"<section><h3>{html.escape(str(g.value(s, SKOS.prefLabel)))} <small>{html.escape(curie(s))}</small></h3><ul>"
        )
        for c in concepts:
            broader = ", ".join(str(g.value(b, SKOS.notation)) for b in g.objects(c, SKOS.broader))
            parts.append(
                f"<li><code>{html.escape(str(g.value(c, SKOS.notation)))}</code> "
                f"{html.escape(str(g.value(c, SKOS.prefLabel)))}{' (' + broader + ')' if broader else ''}</li>"
            )
        parts.append("</ul></section>")
    parts.append("</body></html>")
    return "\n".join(parts)


def write_docs(out_dir: Path) -> Path:
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / "index.html"
    path.write_text(render(), encoding="utf-8")
    (out_dir / "aseankg.ttl").write_text(ontology_graph().serialize(format="turtle"), encoding="utf-8")
    return path


if __name__ == "__main__":
    import sys

    print(write_docs(Path(sys.argv[1] if len(sys.argv) > 1 else "dist/docs")))
