"""Exports: GraphML/GEXF read back with networkx keep their attributes; JSON is node-link;
DOT parses as text; the HTML view renders in headless Chromium with no console error."""

import json
import shutil
import subprocess
from pathlib import Path

import networkx as nx
import pytest

from kg.outputs.export import VENDOR_JS, export, network_stats

FIX = Path(__file__).parent / "fixtures"


@pytest.fixture(scope="module")
def store(fixture_store):
    return fixture_store


@pytest.mark.parametrize("view", ["partners", "meetings", "people", "areas"])
def test_graphml_and_gexf_read_back(store, tmp_path, view):
    for fmt, reader in (("graphml", nx.read_graphml), ("gexf", nx.read_gexf)):
        out = tmp_path / f"{view}.{fmt}"
        figures = export(store, view, fmt, str(out))
        g = reader(out)
        assert g.number_of_nodes() == figures["nodes"] > 0
        assert g.number_of_edges() == figures["edges"]
        attrs = next(iter(g.nodes(data=True)))[1]
        assert "label" in attrs and "color" in attrs


def test_graphml_attributes_are_typed(store, tmp_path):
    out = tmp_path / "m.graphml"
    export(store, "meetings", "graphml", str(out))
    g = nx.read_graphml(out)
    meeting = next(d for _, d in g.nodes(data=True) if d["kind"] == "meeting" and "year" in d)
    assert isinstance(meeting["year"], int) and isinstance(meeting["size"], float) and isinstance(meeting["level"], str)
    assert '<key id="year" for="node" attr.name="year" attr.type="long"' in out.read_text()


def test_gexf_carries_colour_size_position(store, tmp_path):
    out = tmp_path / "p.gexf"
    export(store, "partners", "gexf", str(out))
    text = out.read_text()
    assert "viz:color" in text and "viz:size" in text and "viz:position" in text and "viz:shape" in text
    g = nx.read_gexf(out)
    jp = g.nodes["JP"]
    assert jp["status"] == "comprehensive-strategic-partnership" and jp["wikidata"] == "Q17"
    assert {"color", "size", "position"} <= set(jp["viz"])


def test_cyjs_opens_in_cytoscape_with_styles(store, tmp_path):
    out = tmp_path / "areas.cyjs"
    figures = export(store, "areas", "cyjs", str(out))
    doc = json.loads(out.read_text())
    nodes, edges = doc["elements"]["nodes"], doc["elements"]["edges"]
    assert len(nodes) == figures["nodes"] and len(edges) == figures["edges"]
    area = next(n for n in nodes if n["data"]["kind"] == "area")
    assert {"x", "y"} <= set(area["position"]) and area["data"]["color"].startswith("#") and area["data"]["pillar"]
    style = json.loads((tmp_path / "areas.cyjs.style.json").read_text())
    assert style[0]["style"][0]["style"]["background-color"] == "data(color)"


def test_pillar_colours_and_partner_shapes_differ(store):
    from kg.outputs.views import areas_view

    g = areas_view(store)
    partners = {d["color"] for _, d in g.nodes(data=True) if d["kind"] == "partner"}
    areas = {d["color"] for _, d in g.nodes(data=True) if d["kind"] == "area"}
    assert not partners & areas
    assert {d["shape"] for _, d in g.nodes(data=True) if d["kind"] == "partner"} == {"square"}


def test_status_in_force_in_the_year_asked(store):
    from kg.outputs.views import partners_view, statuses_on

    assert statuses_on(store, "2019-12-31")["JP"] == "strategic-partnership"
    assert statuses_on(store, "2019-12-31")["CN"] == "strategic-partnership"  # comprehensive from 2021
    assert partners_view(store, year=2024).nodes["JP"]["status"] == "comprehensive-strategic-partnership"


def test_partners_view_attributes(store, tmp_path):
    out = tmp_path / "p.graphml"
    export(store, "partners", "graphml", str(out))
    g = nx.read_graphml(out)
    assert g.nodes["JP"]["status"] == "comprehensive-strategic-partnership"
    assert g.nodes["VN"]["kind"] == "member"
    assert g.edges["ASEAN", "JP"]["weight"] >= 3  # summit, working group, APT/EAS/ADMM-Plus meetings
    assert g.edges["LA", "NZ"]["weight"] == 1  # a Lao co-chair sat with New Zealand


def test_meetings_view_is_bipartite(store, tmp_path):
    out = tmp_path / "m.json"
    export(store, "meetings", "json", str(out))
    data = json.loads(out.read_text())
    g = nx.node_link_graph(data, edges="links")
    top = {n for n, d in g.nodes(data=True) if d["bipartite"] == 0}
    assert nx.is_bipartite(g) and nx.bipartite.is_bipartite_node_set(g, top)


def test_areas_coloured_by_pillar_and_filters(store, tmp_path):
    out = tmp_path / "a.json"
    export(store, "areas", "json", str(out), partner="JP", year="2024")
    g = nx.node_link_graph(json.loads(out.read_text()), edges="links")
    assert "JP" in g and "area:energy" in g and g.nodes["area:energy"]["pillar"] == "AEC"
    assert "area:cybersecurity" not in g  # the 2023 working group is outside the year


def test_people_view_links_co_attendees(store, tmp_path):
    out = tmp_path / "people.json"
    export(store, "people", "json", str(out))
    g = nx.node_link_graph(json.loads(out.read_text()), edges="links")
    a, b = "https://w3id.org/aseankg/person/grace-whitfield", "https://w3id.org/aseankg/person/bounmy-sisavath"
    assert g.has_edge(a, b) and g.nodes[a]["party"] == "NZ"


@pytest.mark.slow  # matplotlib renders pictures
def test_dot_and_timeline(store, tmp_path):
    out = tmp_path / "p.dot"
    export(store, "partners", "dot", str(out))
    text = out.read_text()
    assert text.startswith('graph "partners"') and '"ASEAN" -- "JP"' in text
    rows_out = tmp_path / "t.json"
    export(store, "timeline", "json", str(rows_out))
    rows = {r["partner"]: r for r in json.loads(rows_out.read_text())}
    jp = rows["JP"]
    assert {"start": "2024-10-10", "level": "summit", "name": "27th ASEAN-Japan Summit"} in jp["meetings"] or any(
        m["start"].startswith("2024") and m["level"] == "summit" for m in jp["meetings"]
    )
    # status bands: dialogue partner from 1977, then the comprehensive strategic partnership (2023)
    assert [s["status"] for s in jp["statuses"]][:1] == ["dialogue-partner"]
    assert jp["statuses"][-1]["status"] == "comprehensive-strategic-partnership"
    assert all(a["to"] <= b["from"] + 1e-6 for a, b in zip(jp["statuses"], jp["statuses"][1:]))
    for fmt in ("svg", "png"):
        export(store, "timeline", fmt, str(tmp_path / f"t.{fmt}"))
        assert (tmp_path / f"t.{fmt}").stat().st_size > 1000
    assert (tmp_path / "t.svg").read_text().lstrip().startswith(("<?xml", "<svg"))


def test_network_stats(store):
    rows = {r["partner"]: r for r in network_stats(store)}
    assert rows["NZ"]["meetings"] == 2 and rows["NZ"]["asean_counterparts"] == 1
    assert 0 <= rows["JP"]["betweenness"] <= 1


CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


def test_vendored_cytoscape_is_the_locked_one():
    import hashlib

    manifest = json.loads((VENDOR_JS.parent / "cytoscape.json").read_text(encoding="utf-8"))
    lock = json.loads((Path(__file__).parent.parent / "js" / "package-lock.json").read_text(encoding="utf-8"))
    locked = lock["packages"]["node_modules/cytoscape"]
    assert (manifest["version"], manifest["npm_integrity"]) == (locked["version"], locked["integrity"])
    assert hashlib.sha256(VENDOR_JS.read_bytes()).hexdigest() == manifest["sha256"]
    assert "Permission is hereby granted" in (VENDOR_JS.parent / "cytoscape.LICENSE").read_text(encoding="utf-8")


@pytest.mark.slow  # a real browser per view
@pytest.mark.skipif(CHROMIUM is None, reason="Debian's chromium is not installed (.ci/run installs it)")
@pytest.mark.parametrize("view", ["partners", "people"])
def test_html_renders_offline_in_headless_chromium(store, tmp_path, view):
    out = tmp_path / f"{view}.html"
    figures = export(store, view, "html", str(out))
    page = out.read_text()
    assert "http://" not in page.split("<script>")[0] and 'src="http' not in page  # nothing fetched from a network
    dom = subprocess.run(
        [
            CHROMIUM,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            f"--user-data-dir={tmp_path / 'profile'}",
            "--virtual-time-budget=5000",
            "--dump-dom",
            out.as_uri(),
        ],
        capture_output=True,
        text=True,
        timeout=120,
    ).stdout
    body = dom[dom.index("<body") : dom.index(">", dom.index("<body"))]
    assert 'data-ready="1"' in body
    assert f'data-nodes="{figures["nodes"]}"' in body
    assert "data-errors" not in body
