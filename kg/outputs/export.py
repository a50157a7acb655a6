"""Writers for the network views (kg/outputs/views.py): GraphML and GEXF with typed attributes
(GEXF also with viz colour, size and position, so Gephi opens a styled graph), node-link JSON,
Cytoscape's CYJS (with a style file beside it), DOT, a self-contained HTML view (the vendored
cytoscape.js inlined: it works offline), and pictures (kg/outputs/pictures.py).
"""

from __future__ import annotations

import html
import json
from collections import defaultdict
from pathlib import Path

import networkx as nx

from ..resources import data
from .views import VIEWS, layout, legend_entries, partners_view, people_view

VENDOR_JS = data() / "vendor" / "cytoscape.min.js"
CY_SHAPES = {"circle": "ellipse", "square": "round-rectangle", "diamond": "diamond", "triangle": "triangle"}
DOT_SHAPES = {"circle": "ellipse", "square": "box", "diamond": "diamond", "triangle": "triangle"}
GEXF_SHAPES = {"circle": "disc", "square": "square", "diamond": "diamond", "triangle": "triangle"}


class ExportError(ValueError):
    pass


def rgb(colour: str) -> dict:
    c = colour.lstrip("#")
    return {"r": int(c[0:2], 16), "g": int(c[2:4], 16), "b": int(c[4:6], 16), "a": 1.0}


def typed(g: nx.Graph) -> nx.Graph:
    """A copy whose attribute values GraphML and GEXF can type (str, int, float, bool)."""
    h = g.copy()
    for _, d in list(h.nodes(data=True)) + [(None, d) for *_, d in h.edges(data=True)]:
        for k, v in list(d.items()):
            if v is None:
                del d[k]
            elif not isinstance(v, (str, int, float, bool)):
                d[k] = str(v)
    return h


def write_graphml(g, path):
    nx.write_graphml(typed(g), path, named_key_ids=True)


def write_gexf(g, path):
    h = typed(g)
    pos = layout(h)
    for n, d in h.nodes(data=True):
        x, y = pos.get(n, (0.0, 0.0))
        d["viz"] = {
            "color": rgb(d.get("color", "#9e9e9e")),
            "size": float(d.get("size", 10)),
            "position": {"x": round(float(x) * 1000, 2), "y": round(float(y) * 1000, 2), "z": 0.0},
            "shape": GEXF_SHAPES.get(d.get("shape"), "disc"),
        }
    for *_, d in h.edges(data=True):
        d["viz"] = {"color": rgb("#b0bec5"), "thickness": float(1 + min(d.get("weight", 1), 20) / 4)}
    nx.write_gexf(h, path)


def write_json(g, path):
    Path(path).write_text(
        json.dumps(nx.node_link_data(g, edges="links"), indent=1, ensure_ascii=False), encoding="utf-8"
    )


CY_STYLE = [
    {
        "selector": "node",
        "style": {
            "background-color": "data(color)",
            "label": "data(label)",
            "shape": "data(cyshape)",
            "width": "data(size)",
            "height": "data(size)",
            "font-size": 8,
            "border-width": 1,
            "border-color": "#555555",
        },
    },
    {"selector": "edge", "style": {"width": "mapData(weight, 0, 20, 0.5, 8)", "line-color": "#b0bec5"}},
]


def write_cyjs(g, path):
    """Cytoscape's JSON (File > Import > Network from File), with positions, and beside it
    PATH.style.json (File > Import > Styles from File) mapping colour, shape and size."""
    pos = layout(g)
    nodes = [
        {
            "data": {"id": str(n), "name": d.get("label", str(n)), **cy_data(d)},
            "position": {"x": round(float(pos[n][0]) * 800, 2), "y": round(float(pos[n][1]) * 800, 2)},
        }
        for n, d in g.nodes(data=True)
    ]
    edges = [
        {"data": {"id": f"e{i}", "source": str(a), "target": str(b), **cy_data(d)}}
        for i, (a, b, d) in enumerate(g.edges(data=True))
    ]
    doc = {
        "format_version": "1.0",
        "generated_by": "aseankg",
        "target_cytoscapejs_version": "~3.0",
        "data": {"name": f"aseankg {g.graph.get('name', '')} view", "shared_name": g.graph.get("name", "")},
        "elements": {"nodes": nodes, "edges": edges},
    }
    Path(path).write_text(json.dumps(doc, indent=1, ensure_ascii=False), encoding="utf-8")
    style = [
        {
            "format_version": "1.0",
            "generated_by": "aseankg",
            "target_cytoscapejs_version": "~3.0",
            "title": f"aseankg {g.graph.get('name', '')}",
            "style": CY_STYLE,
        }
    ]
    Path(str(path) + ".style.json").write_text(json.dumps(style, indent=1), encoding="utf-8")


def cy_data(d: dict) -> dict:
    out = {k: v for k, v in d.items() if isinstance(v, (str, int, float, bool))}
    if "shape" in d:
        out["cyshape"] = CY_SHAPES.get(d["shape"], "ellipse")
    return out


def write_dot(g, path):
    def q(s):
        return '"' + str(s).replace("\\", "\\\\").replace('"', '\\"') + '"'

    lines = [f"graph {q(g.graph.get('name', 'aseankg'))} {{", "  node [style=filled, fontname=Helvetica];"]
    for n, d in g.nodes(data=True):
        lines.append(
            f"  {q(n)} [label={q(d.get('label', n))}, fillcolor={q(d.get('color', '#cccccc'))}, "
            f"shape={DOT_SHAPES.get(d.get('shape'), 'ellipse')}];"
        )
    for a, b, d in g.edges(data=True):
        w = int(d.get("weight", 1)) or 1
        lines.append(f"  {q(a)} -- {q(b)} [weight={w}, penwidth={1 + min(w, 10) / 3:.2f}];")
    lines.append("}")
    Path(path).write_text("\n".join(lines) + "\n", encoding="utf-8")


def write_html(g, path):
    if not VENDOR_JS.is_file():
        raise ExportError(f"{VENDOR_JS} is missing from the package: reinstall aseankg (or run `make vendor`)")
    elements = [{"data": {"id": str(n), **cy_data(d)}} for n, d in g.nodes(data=True)]
    elements += [
        {"data": {"id": f"e{i}", "source": str(a), "target": str(b), **cy_data(d)}}
        for i, (a, b, d) in enumerate(g.edges(data=True))
    ]
    legend = "".join(
        f'<li><span class="{s}" style="background:{c}"></span>{html.escape(label)}</li>'
        for label, c, s in legend_entries(g)[:60]
    )
    page = (
        (data() / "templates" / "view.html")
        .read_text(encoding="utf-8")
        .replace("__TITLE__", html.escape(f"aseankg: {g.graph.get('name', 'graph')} view"))
        .replace("__LEGEND__", legend)
        .replace("__CYTOSCAPE__", VENDOR_JS.read_text(encoding="utf-8"))
        .replace("__ELEMENTS__", json.dumps(elements, ensure_ascii=False).replace("</", "<\\/"))
        .replace("__COUNT__", f"{g.number_of_nodes()} nodes, {g.number_of_edges()} edges")
    )
    Path(path).write_text(page, encoding="utf-8")


def picture(fmt):
    def write(g, path):
        from .pictures import draw_network

        draw_network(g, path, fmt)

    return write


WRITERS = {
    "graphml": write_graphml,
    "gexf": write_gexf,
    "json": write_json,
    "cyjs": write_cyjs,
    "dot": write_dot,
    "html": write_html,
    "svg": picture("svg"),
    "png": picture("png"),
}
TIMELINE_FORMATS = ("svg", "png", "json")


def export(store, view: str, fmt: str, out: str, **filters) -> dict:
    """Write one view in one format; counts of what was written."""
    if view == "timeline":
        from .pictures import draw_timeline, timeline_data

        if fmt not in TIMELINE_FORMATS:
            raise ExportError(f"the timeline view is a chart: --format {' | '.join(TIMELINE_FORMATS)}")
        rows = timeline_data(store, **filters)
        if fmt == "json":
            Path(out).write_text(json.dumps(rows, indent=1, ensure_ascii=False), encoding="utf-8")
        else:
            draw_timeline(rows, out, fmt)
        return {"partners": len(rows)}
    if view not in VIEWS:
        raise ExportError(f"unknown view {view!r} (views: {', '.join([*VIEWS, 'timeline'])})")
    if fmt not in WRITERS:
        raise ExportError(f"unknown format {fmt!r} (formats: {', '.join(WRITERS)})")
    g = VIEWS[view](store, **filters)
    WRITERS[fmt](g, out)
    return {"nodes": g.number_of_nodes(), "edges": g.number_of_edges()}


def network_stats(store, year=None) -> list[dict]:
    """Per partner: meetings, distinct ASEAN counterparts (members whose people sat with it),
    degree and betweenness centrality in the partners and people views; the status is the one
    in force at the end of `year` (today without one)."""
    pv = partners_view(store, year=year)
    bet = nx.betweenness_centrality(pv, weight=None)
    deg = nx.degree_centrality(pv)
    people = people_view(store, year=year)
    pbet = (
        nx.betweenness_centrality(people)
        if people.number_of_nodes() <= 3000
        else nx.betweenness_centrality(people, k=300, seed=7)
    )
    pdeg = nx.degree_centrality(people)
    by_party = defaultdict(list)
    for n, d in people.nodes(data=True):
        by_party[d.get("party")].append(n)
    out = []
    for n, d in pv.nodes(data=True):
        if d.get("kind") != "partner":
            continue
        counterparts = [m for m in pv.neighbors(n) if pv.nodes[m].get("kind") == "member"]
        ppl = by_party.get(n, [])
        out.append(
            {
                "partner": n,
                "name": d.get("label"),
                "status": d.get("status"),
                "meetings": d.get("meetings", 0),
                "asean_counterparts": len(counterparts),
                "degree": round(deg[n], 4),
                "betweenness": round(bet[n], 4),
                "people": len(ppl),
                "people_degree": round(sum(pdeg[p] for p in ppl) / len(ppl), 4) if ppl else 0.0,
                "people_betweenness": round(sum(pbet[p] for p in ppl) / len(ppl), 4) if ppl else 0.0,
            }
        )
    return sorted(out, key=lambda r: (-r["meetings"], r["partner"]))
