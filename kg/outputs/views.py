"""The graph seen as networks (networkx), built from the questions in queries/internal/export-*.rq.
Every writer (GraphML, GEXF, CYJS, JSON, DOT, HTML, pictures) draws from these views, so a node
has the same attributes, colour and shape everywhere. Colours of statuses, levels and pillars
come from the vocabulary's display annotations (ontology/vocab.ttl).

Views:  partners  ASEAN, members and partners; edges weighted by meetings held together
        meetings  bipartite party <-> meeting
        people    persons linked when they attended the same meeting
        areas     partner <-> cooperation area, weighted by meetings; areas coloured by pillar

Node attributes: label, kind (asean, member, partner, meeting, person, area), color, shape
(circle, square, diamond, triangle), size, and by kind: status (in force at the end of the year
filtered on, else today), meetings, level, framework, start, year, party, pillar, wikidata.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

import networkx as nx

from ..model.vocab import display
from ..questions import run_named

KINDS = {  # kind -> (colour, shape): what is not a vocabulary concept
    "asean": ("#212121", "diamond"),
    "member": ("#ef9a9a", "circle"),
    "partner": ("#455a64", "square"),
    "meeting": ("#616161", "triangle"),
    "person": ("#78909c", "circle"),
    "area": ("#9e9e9e", "circle"),
}
NO_STATUS = "#e0e0e0"
CROSS_PILLAR = "#6a1b9a"


def filters(partner=None, year=None, date_from=None, date_to=None) -> dict:
    out = {"partner": partner, "year": year, "from": date_from, "to": date_to}
    return {k: str(v) for k, v in out.items() if v}


def status_colour(status: str | None) -> str:
    d = display("partnership-status").get(status or "")
    return d.colour if d and d.colour else NO_STATUS


def statuses_on(store, on: str) -> dict[str, str]:
    """Each partner's highest formal status in force on a date (ranks from the vocabulary)."""
    rank = {code: d.rank for code, d in display("partnership-status").items()}
    best: dict = {}
    for r in run_named(store, "partners", {"on": on}).dicts():
        code, status = str(r["partner"]), str(r["status"])
        if status in rank and (code not in best or rank[status] < rank[best[code]]):
            best[code] = status
    return best


def status_date(year=None, date_to=None, **_) -> str:
    """The day whose statuses a view shows: the end of the year or period filtered on, else today."""
    if date_to:
        return str(date_to)
    if year:
        return f"{year}-12-31"
    return dt.date.today().isoformat()


def wikidata_links(store) -> dict[str, str]:
    return {str(r["code"]): str(r["qid"]) for r in run_named(store, "export-actors").dicts() if r.get("qid")}


def party_node(g, code, label, kind, status=None, qid=None):
    colour, shape = KINDS[kind]
    if kind == "partner" and status is not None:
        colour = status_colour(status)
    attrs = {"label": label, "kind": kind, "color": colour, "shape": shape, "meetings": 0}
    if status is not None:
        attrs["status"] = status
    if qid:
        attrs["wikidata"] = qid
    g.add_node(code, **attrs)


def bump(g, a, b, relation="meetings"):
    if g.has_edge(a, b):
        g.edges[a, b]["weight"] += 1
    else:
        g.add_edge(a, b, weight=1, relation=relation)


def meeting_rows(store, **kw):
    return run_named(store, "export-meeting-parties", filters(**kw)).dicts()


def partners_view(store, **kw) -> nx.Graph:
    g = nx.Graph(name="partners")
    status = statuses_on(store, status_date(**kw))
    qids = wikidata_links(store)
    party_node(g, "ASEAN", "ASEAN", "asean", qid=qids.get("ASEAN"))
    for r in run_named(store, "export-actors").dicts():
        if str(r["kind"]) == "member":
            code = str(r["code"])
            party_node(g, code, str(r["name"] or code), "member", "member", qids.get(code))
            g.add_edge("ASEAN", code, weight=0, relation="member")
    per_meeting = defaultdict(lambda: {"partner": set(), "member": set()})
    for r in meeting_rows(store, **kw):
        if r["code"] is not None:
            per_meeting[str(r["meeting"])][str(r["kind"])].add((str(r["code"]), str(r["partyName"] or r["code"])))
    g.nodes["ASEAN"]["meetings"] = len(per_meeting)
    for parties in per_meeting.values():
        for code, name in parties["partner"]:
            if code not in g:
                party_node(g, code, name, "partner", status.get(code, "none"), qids.get(code))
            g.nodes[code]["meetings"] += 1
            bump(g, "ASEAN", code)
            for member, _ in parties["member"]:
                if member in g:
                    g.nodes[member]["meetings"] += 1
                    bump(g, member, code)
    return sized(g, "meetings")


def meetings_view(store, **kw) -> nx.Graph:
    g = nx.Graph(name="meetings")
    status = statuses_on(store, status_date(**kw))
    levels = display("level")
    for r in meeting_rows(store, **kw):
        m = str(r["meeting"])
        if m not in g:
            start = str(r["start"] or "")
            level = str(r["level"])
            attrs = {
                "label": str(r["name"] or m.rsplit("/", 2)[-2]),
                "kind": "meeting",
                "bipartite": 1,
                "level": level,
                "framework": str(r["framework"]),
                "start": start,
                "color": levels[level].colour if level in levels else KINDS["meeting"][0],
                "shape": KINDS["meeting"][1],
                "meetings": 1,
            }
            if start[:4].isdigit():
                attrs["year"] = int(start[:4])
            g.add_node(m, **attrs)
        if r["code"] is None:
            continue
        code, kind = str(r["code"]), str(r["kind"])
        if code not in g:
            party_node(
                g, code, str(r["partyName"] or code), kind, "member" if kind == "member" else status.get(code, "none")
            )
            g.nodes[code]["bipartite"] = 0
        if not g.has_edge(code, m):
            g.nodes[code]["meetings"] += 1
            g.add_edge(code, m, weight=1, relation="took part")
    return sized(g, "meetings")


def people_view(store, **kw) -> nx.Graph:
    g = nx.Graph(name="people")
    rows = run_named(store, "export-people", filters(**kw)).dicts()
    parties = sorted({str(r["party"]) for r in rows})
    colour = dict(zip(parties, palette(len(parties))))
    by_meeting = defaultdict(list)
    for r in rows:
        p = str(r["person"])
        if p not in g:
            g.add_node(
                p,
                label=str(r["name"]),
                kind="person",
                party=str(r["party"]),
                color=colour[str(r["party"])],
                shape=KINDS["person"][1],
                meetings=0,
            )
        g.nodes[p]["meetings"] += 1
        by_meeting[str(r["meeting"])].append(p)
    for people in by_meeting.values():
        for i, a in enumerate(people):
            for b in people[i + 1 :]:
                bump(g, a, b, "sat together")
    return sized(g, "meetings")


def areas_view(store, **kw) -> nx.Graph:
    g = nx.Graph(name="areas")
    pillars = display("pillar")
    for r in run_named(store, "export-areas", filters(**kw)).dicts():
        code, area = str(r["code"]), "area:" + str(r["area"])
        if code not in g:
            party_node(g, code, str(r["partyName"] or code), "partner")
        if area not in g:
            pillar = str(r["pillar"] or "")
            colour = pillars[pillar].colour if pillar in pillars else CROSS_PILLAR
            g.add_node(
                area,
                label=str(r["label"]),
                kind="area",
                pillar=pillar or "cross-pillar",
                color=colour,
                shape=KINDS["area"][1],
                meetings=0,
            )
        n = int(r["meetings"])
        g.add_edge(code, area, weight=n, relation="discussed")
        g.nodes[code]["meetings"] += n
        g.nodes[area]["meetings"] += n
    return sized(g, "meetings")


VIEWS = {"partners": partners_view, "meetings": meetings_view, "people": people_view, "areas": areas_view}


def sized(g: nx.Graph, by: str) -> nx.Graph:
    """A node size (8 to 40) growing with the square root of `by`, for every writer alike."""
    top = max((d.get(by, 0) for _, d in g.nodes(data=True)), default=0) or 1
    for _, d in g.nodes(data=True):
        d["size"] = round(8 + 32 * (d.get(by, 0) / top) ** 0.5, 1)
    return g


def palette(n: int) -> list[str]:
    """n distinct colours, evenly spaced hues (for parties, which have no vocabulary colour)."""
    import colorsys

    return [
        "#{:02x}{:02x}{:02x}".format(*(int(c * 255) for c in colorsys.hsv_to_rgb(i / max(n, 1), 0.55, 0.75)))
        for i in range(n)
    ]


def layout(g: nx.Graph) -> dict:
    """Positions in [-1, 1] for writers that carry them (GEXF, CYJS) and the pictures. The
    partners view is drawn in rings (ASEAN, its members, then partners by status and meetings);
    other views by force, with every link pulling (a weight-0 membership link too)."""
    if g.number_of_nodes() == 0:
        return {}
    if g.graph.get("name") == "partners":
        return rings(g)
    if g.graph.get("name") == "areas":
        return area_rings(g)
    if g.number_of_nodes() > 3000:
        return nx.random_layout(g, seed=7)
    h = nx.Graph()
    h.add_nodes_from(g.nodes)
    h.add_weighted_edges_from((a, b, 1 + d.get("weight", 1) ** 0.5) for a, b, d in g.edges(data=True))
    return nx.spring_layout(h, seed=7, k=2.5 / g.number_of_nodes() ** 0.5, iterations=200)


def on_ring(nodes: list, radius: float) -> dict:
    import math

    return {
        n: (
            radius * math.cos(2 * math.pi * i / max(len(nodes), 1) + math.pi / 2),
            radius * math.sin(2 * math.pi * i / max(len(nodes), 1) + math.pi / 2),
        )
        for i, n in enumerate(nodes)
    }


def area_rings(g: nx.Graph) -> dict:
    """Partners on an inner ring (most meetings first), areas on the outer ring in one sector per
    pillar (the pillar's order in the vocabulary), so the links show who talks about what."""
    ranks = {code: d.rank for code, d in display("pillar").items()}
    partners = sorted(
        (n for n, d in g.nodes(data=True) if d.get("kind") == "partner"),
        key=lambda n: (-g.nodes[n].get("meetings", 0), n),
    )
    areas = sorted(
        (n for n, d in g.nodes(data=True) if d.get("kind") == "area"),
        key=lambda n: (ranks.get(g.nodes[n].get("pillar"), 99), -g.nodes[n].get("meetings", 0), n),
    )
    return {**on_ring(partners, 0.42), **on_ring(areas, 1.0)}


def rings(g: nx.Graph) -> dict:
    """ASEAN at the centre, its members on the inner ring, partners on the outer one by status
    (the vocabulary's rank) and meetings."""
    ranks = {code: d.rank for code, d in display("partnership-status").items()}
    members = sorted(n for n, d in g.nodes(data=True) if d.get("kind") == "member")
    partners = sorted(
        (n for n, d in g.nodes(data=True) if d.get("kind") == "partner"),
        key=lambda n: (ranks.get(g.nodes[n].get("status"), 99), -g.nodes[n].get("meetings", 0), n),
    )
    pos = {n: (0.0, 0.0) for n, d in g.nodes(data=True) if d.get("kind") == "asean"}
    return {**pos, **on_ring(members, 0.45), **on_ring(partners, 1.0)}


def legend_entries(g) -> list[tuple[str, str, str]]:
    """(label, colour, shape) of every category the view shows, once each."""
    seen = {}
    for _, d in g.nodes(data=True):
        kind = d.get("kind", "")
        category = d.get("status") or d.get("pillar") or d.get("level") or d.get("party") or kind
        label = kind if category == kind else f"{kind}: {category}"
        seen.setdefault(label, (d.get("color", "#999999"), d.get("shape", "circle")))
    return [(label, c, s) for label, (c, s) in sorted(seen.items())]
