"""networkx views of the graph (built from SPARQL results) and writers for GraphML, GEXF,
node-link JSON, DOT, a self-contained HTML view (cytoscape.js inlined), SVG and PNG.

Views:  partners  ASEAN, members and partners; edges weighted by meetings held
        meetings  bipartite party <-> meeting
        people    persons linked when they attended the same meeting
        areas     partner <-> cooperation area, weighted by meetings; areas coloured by pillar
        timeline  meetings per partner per year by level (a chart: svg, png, json)
"""

from __future__ import annotations

import datetime as dt
import html
import json
from collections import Counter, defaultdict
from pathlib import Path

import networkx as nx

from ..questions import run_named
from ..resources import data

STATUS_RANK = [
    "comprehensive-strategic-partnership",
    "strategic-partnership",
    "dialogue-partner",
    "summit-level-partnership",
    "sectoral-dialogue-partner",
    "development-partner",
    "observer",
]
STATUS_COLOURS = {
    "comprehensive-strategic-partnership": "#7b1fa2",
    "strategic-partnership": "#1565c0",
    "dialogue-partner": "#2e7d32",
    "summit-level-partnership": "#00838f",
    "sectoral-dialogue-partner": "#f9a825",
    "development-partner": "#ef6c00",
    "observer": "#6d4c41",
    "none": "#9e9e9e",
    "member": "#c62828",
    "asean": "#212121",
}
PILLAR_COLOURS = {"APSC": "#1565c0", "AEC": "#2e7d32", "ASCC": "#ef6c00", "cross": "#6a1b9a"}
KIND_COLOURS = {"meeting": "#546e7a", "partner": "#1565c0", "member": "#c62828", "area": "#2e7d32"}
VENDOR_JS = data() / "vendor" / "cytoscape.min.js"


class ExportError(ValueError):
    pass


def _filters(partner=None, year=None, date_from=None, date_to=None) -> dict:
    out = {"partner": partner, "year": year, "from": date_from, "to": date_to}
    return {k: str(v) for k, v in out.items() if v}


def current_status(store) -> dict:
    """Each partner's highest formal status today."""
    best: dict = {}
    for r in run_named(store, "partners", {"on": dt.date.today().isoformat()}).dicts():
        code, status = str(r["partner"]), str(r["status"])
        if status in STATUS_RANK and (code not in best or STATUS_RANK.index(status) < STATUS_RANK.index(best[code])):
            best[code] = status
    return best


def _meeting_rows(store, flt):
    return run_named(store, "export-meeting-parties", flt).dicts()


def partners_view(store, **kw) -> nx.Graph:
    g = nx.Graph(name="partners")
    status = current_status(store)
    g.add_node("ASEAN", label="ASEAN", kind="asean", status="asean", color=STATUS_COLOURS["asean"], meetings=0)
    for r in run_named(store, "export-actors").dicts():
        code, kind = str(r["code"]), str(r["kind"])
        st = "member" if kind == "member" else status.get(code, "none")
        if kind == "member":
            g.add_node(code, label=str(r["name"] or code), kind=kind, status=st, color=STATUS_COLOURS[st], meetings=0)
            g.add_edge("ASEAN", code, weight=0, relation="member")
    per_meeting = defaultdict(lambda: {"partner": set(), "member": set()})
    for r in _meeting_rows(store, _filters(**kw)):
        if r["code"] is not None:
            per_meeting[str(r["meeting"])][str(r["kind"])].add((str(r["code"]), str(r["partyName"] or r["code"])))
    for parties in per_meeting.values():
        for code, name in parties["partner"]:
            if code not in g:
                st = status.get(code, "none")
                g.add_node(code, label=name, kind="partner", status=st, color=STATUS_COLOURS[st], meetings=0)
            g.nodes[code]["meetings"] += 1
            _bump(g, "ASEAN", code, "meetings")
            for mcode, _mname in parties["member"]:
                if mcode in g:
                    _bump(g, mcode, code, "meetings")
    return g


def _bump(g, a, b, relation):
    if g.has_edge(a, b) and g.edges[a, b].get("relation") != "member":
        g.edges[a, b]["weight"] += 1
    elif g.has_edge(a, b):
        g.edges[a, b]["weight"] += 1
        g.edges[a, b]["relation"] = "member, " + relation
    else:
        g.add_edge(a, b, weight=1, relation=relation)


def meetings_view(store, **kw) -> nx.Graph:
    g = nx.Graph(name="meetings")
    for r in _meeting_rows(store, _filters(**kw)):
        m = str(r["meeting"])
        if m not in g:
            g.add_node(
                m,
                label=str(r["name"] or m.rsplit("/", 2)[-2] + " " + m.rsplit("/", 1)[-1]),
                kind="meeting",
                bipartite=1,
                level=str(r["level"]),
                framework=str(r["framework"]),
                start=str(r["start"] or ""),
                color=KIND_COLOURS["meeting"],
            )
        if r["code"] is None:
            continue
        code = str(r["code"])
        if code not in g:
            g.add_node(
                code,
                label=str(r["partyName"] or code),
                kind=str(r["kind"]),
                bipartite=0,
                color=KIND_COLOURS[str(r["kind"])],
            )
        g.add_edge(code, m, weight=1)
    return g


def people_view(store, **kw) -> nx.Graph:
    g = nx.Graph(name="people")
    by_meeting = defaultdict(list)
    parties = sorted({str(r["party"]) for r in run_named(store, "export-people", _filters(**kw)).dicts()})
    palette = _palette(len(parties))
    colour = dict(zip(parties, palette))
    for r in run_named(store, "export-people", _filters(**kw)).dicts():
        p = str(r["person"])
        if p not in g:
            g.add_node(
                p, label=str(r["name"]), party=str(r["party"]), kind="person", color=colour[str(r["party"])], meetings=0
            )
        g.nodes[p]["meetings"] += 1
        by_meeting[str(r["meeting"])].append(p)
    for people in by_meeting.values():
        for i, a in enumerate(people):
            for b in people[i + 1 :]:
                if g.has_edge(a, b):
                    g.edges[a, b]["weight"] += 1
                else:
                    g.add_edge(a, b, weight=1)
    return g


def areas_view(store, **kw) -> nx.Graph:
    g = nx.Graph(name="areas")
    for r in run_named(store, "export-areas", _filters(**kw)).dicts():
        code, area = str(r["code"]), "area:" + str(r["area"])
        if code not in g:
            g.add_node(code, label=str(r["partyName"] or code), kind="partner", color=KIND_COLOURS["partner"])
        if area not in g:
            pillar = str(r["pillar"] or "cross")
            g.add_node(
                area,
                label=str(r["label"]),
                kind="area",
                pillar=pillar,
                color=PILLAR_COLOURS.get(pillar, PILLAR_COLOURS["cross"]),
            )
        g.add_edge(code, area, weight=int(r["meetings"]))
    return g


def timeline_data(store, **kw) -> list[dict]:
    counts = Counter()
    seen = set()
    for r in _meeting_rows(store, _filters(**kw)):
        if str(r["kind"]) != "partner" or not r["start"] or r["code"] is None:
            continue
        key = (str(r["meeting"]), str(r["code"]))
        if key in seen:
            continue
        seen.add(key)
        counts[(str(r["code"]), str(r["start"])[:4], str(r["level"]))] += 1
    return [{"partner": p, "year": int(y), "level": lv, "meetings": n} for (p, y, lv), n in sorted(counts.items())]


VIEWS = {"partners": partners_view, "meetings": meetings_view, "people": people_view, "areas": areas_view}


def _palette(n: int) -> list[str]:
    import colorsys

    return [
        "#{:02x}{:02x}{:02x}".format(*(int(c * 255) for c in colorsys.hsv_to_rgb(i / max(n, 1), 0.65, 0.8)))
        for i in range(n)
    ]


# --- writers ----------------------------------------------------------------------------


def _clean_attrs(g: nx.Graph) -> nx.Graph:
    """GraphML and GEXF take only str/int/float/bool attribute values."""
    h = g.copy()
    for _, d in list(h.nodes(data=True)) + [(None, d) for *_, d in h.edges(data=True)]:
        for k, v in list(d.items()):
            if v is None:
                d[k] = ""
            elif not isinstance(v, (str, int, float, bool)):
                d[k] = str(v)
    return h


def write_graphml(g, path):
    nx.write_graphml(_clean_attrs(g), path)


def write_gexf(g, path):
    nx.write_gexf(_clean_attrs(g), path)


def write_json(g, path):
    Path(path).write_text(
        json.dumps(nx.node_link_data(g, edges="links"), indent=1, ensure_ascii=False), encoding="utf-8"
    )


def write_dot(g, path):
    def q(s):
        return '"' + str(s).replace("\\", "\\\\").replace('"', '\\"') + '"'

    lines = [f"graph {q(g.graph.get('name', 'aseankg'))} {{", "  node [style=filled, fontname=Helvetica];"]
    for n, d in g.nodes(data=True):
        lines.append(f"  {q(n)} [label={q(d.get('label', n))}, fillcolor={q(d.get('color', '#cccccc'))}];")
    for a, b, d in g.edges(data=True):
        lines.append(
            f"  {q(a)} -- {q(b)} [weight={int(d.get('weight', 1)) or 1}, penwidth={1 + min(d.get('weight', 1), 10) / 3:.2f}];"
        )
    lines.append("}")
    Path(path).write_text("\n".join(lines) + "\n", encoding="utf-8")


def write_html(g, path):
    if not VENDOR_JS.is_file():
        raise ExportError(f"{VENDOR_JS} is missing: run `make install` (it vendors the pinned cytoscape.js with npm)")
    elements = [{"data": {"id": str(n), **{k: _js(v) for k, v in d.items()}}} for n, d in g.nodes(data=True)]
    elements += [
        {"data": {"id": f"e{i}", "source": str(a), "target": str(b), **{k: _js(v) for k, v in d.items()}}}
        for i, (a, b, d) in enumerate(g.edges(data=True))
    ]
    legend = sorted(
        {
            (
                d.get("kind", ""),
                d.get("status") or d.get("pillar") or d.get("party") or d.get("kind", ""),
                d.get("color", "#999"),
            )
            for _, d in g.nodes(data=True)
        },
        key=lambda t: (t[0], t[1]),
    )
    page = (
        HTML_TEMPLATE.replace("__TITLE__", html.escape(f"aseankg: {g.graph.get('name', 'graph')} view"))
        .replace(
            "__LEGEND__",
            "".join(
                f'<li><span style="background:{c}"></span>{html.escape(str(label))}</li>' for _, label, c in legend[:40]
            ),
        )
        .replace("__CYTOSCAPE__", VENDOR_JS.read_text(encoding="utf-8"))
        .replace("__ELEMENTS__", json.dumps(elements, ensure_ascii=False).replace("</", "<\\/"))
        .replace("__COUNT__", f"{g.number_of_nodes()} nodes, {g.number_of_edges()} edges")
    )
    Path(path).write_text(page, encoding="utf-8")


def _js(v):
    return v if isinstance(v, (str, int, float, bool)) or v is None else str(v)


def draw(g, path, fmt):
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(12, 9))
    pos = nx.spring_layout(g, seed=7, weight="weight") if g.number_of_nodes() < 2000 else nx.random_layout(g, seed=7)
    nx.draw_networkx_edges(
        g, pos, ax=ax, alpha=0.3, width=[0.5 + min(d.get("weight", 1), 8) / 4 for *_, d in g.edges(data=True)]
    )
    nx.draw_networkx_nodes(
        g, pos, ax=ax, node_size=60, node_color=[d.get("color", "#999") for _, d in g.nodes(data=True)]
    )
    if g.number_of_nodes() <= 150:
        nx.draw_networkx_labels(
            g, pos, ax=ax, labels={n: str(d.get("label", n))[:24] for n, d in g.nodes(data=True)}, font_size=7
        )
    ax.set_axis_off()
    ax.set_title(f"aseankg {g.graph.get('name', '')} view")
    fig.savefig(path, format=fmt, bbox_inches="tight")
    plt.close(fig)


def draw_timeline(rows: list[dict], path, fmt):
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    levels = ["summit", "ministerial", "som", "jcc", "working", "other"]
    partners = sorted({r["partner"] for r in rows})
    years = sorted({r["year"] for r in rows})
    fig, axes = plt.subplots(
        max(len(partners), 1), 1, figsize=(10, 1.6 * max(len(partners), 1) + 1), sharex=True, squeeze=False
    )
    colours = dict(zip(levels, ["#7b1fa2", "#1565c0", "#2e7d32", "#f9a825", "#ef6c00", "#9e9e9e"]))
    for ax, p in zip(axes[:, 0], partners or ["(none)"]):
        bottom = [0] * len(years)
        for lv in levels:
            vals = [
                sum(r["meetings"] for r in rows if r["partner"] == p and r["year"] == y and r["level"] == lv)
                for y in years
            ]
            if any(vals):
                ax.bar(years, vals, bottom=bottom, color=colours[lv], label=lv)
                bottom = [b + v for b, v in zip(bottom, vals)]
        ax.set_ylabel(p, rotation=0, ha="right")
    handles = [plt.Rectangle((0, 0), 1, 1, color=colours[lv]) for lv in levels]
    fig.legend(handles, levels, loc="upper right", ncol=6, fontsize=8)
    fig.suptitle("Meetings with ASEAN per partner per year, by level")
    fig.savefig(path, format=fmt, bbox_inches="tight")
    plt.close(fig)


WRITERS = {
    "graphml": write_graphml,
    "gexf": write_gexf,
    "json": write_json,
    "dot": write_dot,
    "html": write_html,
    "svg": lambda g, p: draw(g, p, "svg"),
    "png": lambda g, p: draw(g, p, "png"),
}
TIMELINE_FORMATS = ("svg", "png", "json")


def export(store, view: str, fmt: str, out: str, **filters) -> dict:
    if view == "timeline":
        if fmt not in TIMELINE_FORMATS:
            raise ExportError(f"the timeline view is a chart: --format {' | '.join(TIMELINE_FORMATS)}")
        rows = timeline_data(store, **filters)
        if fmt == "json":
            Path(out).write_text(json.dumps(rows, indent=1), encoding="utf-8")
        else:
            draw_timeline(rows, out, fmt)
        return {"rows": len(rows)}
    if view not in VIEWS:
        raise ExportError(f"unknown view {view!r} (views: {', '.join(list(VIEWS) + ['timeline'])})")
    g = VIEWS[view](store, **filters)
    WRITERS[fmt](g, out)
    return {"nodes": g.number_of_nodes(), "edges": g.number_of_edges()}


def network_stats(store, year=None) -> list[dict]:
    """Per partner: meetings, distinct ASEAN counterparts (members whose people sat with it),
    degree and betweenness centrality in the partners and people views."""
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


HTML_TEMPLATE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>__TITLE__</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>
html,body{margin:0;height:100%;font:14px system-ui,sans-serif}
#cy{position:absolute;left:0;right:260px;top:0;bottom:0}
#side{position:absolute;right:0;top:0;bottom:0;width:250px;padding:8px;overflow:auto;background:#fafafa;border-left:1px solid #ddd}
#side input{width:100%;box-sizing:border-box;padding:4px}
#legend{list-style:none;padding:0}#legend li{margin:2px 0}#legend span{display:inline-block;width:12px;height:12px;margin-right:6px;border-radius:6px;vertical-align:middle}
#tip{position:absolute;pointer-events:none;background:#fff;border:1px solid #999;padding:4px 6px;font-size:12px;display:none;max-width:320px;z-index:9}
</style></head>
<body>
<div id="cy"></div>
<div id="side"><h3>__TITLE__</h3><p id="count">__COUNT__</p>
<input id="search" type="search" placeholder="search nodes..." aria-label="search nodes">
<p id="found"></p><h4>Legend</h4><ul id="legend">__LEGEND__</ul>
<p>Scroll to zoom, drag to pan, hover for details, click to highlight neighbours.</p></div>
<div id="tip"></div>
<script>
window.__errors = [];
window.addEventListener("error", function (e) { window.__errors.push(String(e.message)); document.body.dataset.errors = window.__errors.length; });
var origError = console.error; console.error = function () { window.__errors.push(Array.from(arguments).join(" ")); document.body.dataset.errors = window.__errors.length; origError.apply(console, arguments); };
</script>
<script>__CYTOSCAPE__</script>
<script>
(function () {
  var elements = __ELEMENTS__;
  var n = elements.filter(function (e) { return !e.data.source; }).length;
  var big = n > 1500;
  var cy = cytoscape({
    container: document.getElementById("cy"), elements: elements, wheelSensitivity: 0.3,
    textureOnViewport: big, hideEdgesOnViewport: big, pixelRatio: big ? 1 : "auto",
    style: [
      {selector: "node", style: {"background-color": "data(color)", "label": big ? "" : "data(label)", "font-size": 8,
        "width": "mapData(meetings, 0, 50, 10, 40)", "height": "mapData(meetings, 0, 50, 10, 40)"}},
      {selector: "edge", style: {"width": "mapData(weight, 0, 20, 0.5, 8)", "line-color": "#b0bec5", "opacity": 0.6}},
      {selector: ".faded", style: {"opacity": 0.12}},
      {selector: ".hit", style: {"border-width": 3, "border-color": "#000", "label": "data(label)"}}
    ],
    layout: big ? {name: "grid"} : {name: "cose", animate: false, randomize: false, nodeRepulsion: 8000, numIter: 600}
  });
  var tip = document.getElementById("tip");
  cy.on("mouseover", "node", function (e) {
    var d = e.target.data(), lines = [];
    Object.keys(d).forEach(function (k) { if (k !== "color") lines.push("<b>" + k + "</b>: " + String(d[k]).replace(/[<&]/g, function (c) { return c === "<" ? "&lt;" : "&amp;"; })); });
    tip.innerHTML = lines.join("<br>"); tip.style.display = "block";
  });
  cy.on("mouseout", "node", function () { tip.style.display = "none"; });
  cy.on("mousemove", function (e) { var p = e.renderedPosition || {x: 0, y: 0}; tip.style.left = (p.x + 14) + "px"; tip.style.top = (p.y + 14) + "px"; });
  cy.on("tap", "node", function (e) { cy.elements().addClass("faded"); e.target.closedNeighborhood().removeClass("faded"); });
  cy.on("tap", function (e) { if (e.target === cy) cy.elements().removeClass("faded"); });
  document.getElementById("search").addEventListener("input", function (e) {
    var q = e.target.value.toLowerCase(); cy.nodes().removeClass("hit");
    if (!q) { document.getElementById("found").textContent = ""; return; }
    var hits = cy.nodes().filter(function (x) { return String(x.data("label")).toLowerCase().indexOf(q) >= 0 || x.id().toLowerCase().indexOf(q) >= 0; });
    hits.addClass("hit"); document.getElementById("found").textContent = hits.length + " match(es)";
    if (hits.length) cy.fit(hits, 80);
  });
  document.body.dataset.nodes = cy.nodes().length;
  document.body.dataset.edges = cy.edges().length;
  document.body.dataset.ready = "1";
})();
</script>
</body></html>
"""
