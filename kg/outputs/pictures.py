"""Pictures for reports (matplotlib; PNG at 300 dpi, or SVG): network views with a legend and
labels that do not overlap, and the partnership timeline: one row per partner, its status bands
over the years and its meetings with ASEAN as marks coloured by level. Colours and shapes are the
views' (kg/outputs/views.py), so a picture, the HTML view and Gephi agree."""

from __future__ import annotations

import datetime as dt
import itertools
import math
import textwrap

from ..model.vocab import display
from ..questions import run_named
from .views import filters, layout, legend_entries, status_colour

MARKERS = {"circle": "o", "square": "s", "diamond": "D", "triangle": "^"}
DPI = 300


def pyplot():
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    return plt


def wrapped(label: str, width: int = 22) -> str:
    return "\n".join(textwrap.wrap(str(label), width)) or str(label)


def place_labels(ax, fig, pos, labels: dict, radii: dict) -> int:
    """Label nodes, largest first, each where its box overlaps no node and no label placed
    before (away from the picture's centre first, then the other side, above, below); a label
    that fits nowhere is left out rather than drawn over another. `radii` are the nodes' radii in
    points. Returns the labels drawn."""
    from matplotlib.transforms import Bbox

    renderer = fig.canvas.get_renderer()
    scale = fig.dpi / 72
    taken = []
    for n, (x, y) in pos.items():
        px, py = ax.transData.transform((x, y))
        r = radii.get(n, 3) * scale
        taken.append(Bbox([[px - r, py - r], [px + r, py + r]]))
    cx = sum(x for x, _ in pos.values()) / max(len(pos), 1)
    cy = sum(y for _, y in pos.values()) / max(len(pos), 1)
    drawn = 0
    for n in sorted(labels, key=lambda n: -radii.get(n, 0)):
        x, y = pos[n]
        gap = radii.get(n, 3) + 2
        right, left = (gap, 0, "left", "center"), (-gap, 0, "right", "center")
        above, below = (0, gap, "center", "bottom"), (0, -gap, "center", "top")
        angle = math.atan2(y - cy, x - cx)
        ux, uy = math.cos(angle), math.sin(angle)
        radial = (
            gap * ux,
            gap * uy,
            "left" if ux > 0.35 else "right" if ux < -0.35 else "center",
            "bottom" if uy > 0.35 else "top" if uy < -0.35 else "center",
        )
        sides = [radial] + ([right, left] if x >= cx else [left, right])
        sides += [above, below] if y >= cy else [below, above]
        own = ax.transData.transform((x, y))
        for dx, dy, ha, va in sides:
            text = ax.annotate(
                wrapped(labels[n]),
                (x, y),
                xytext=(dx, dy),
                textcoords="offset points",
                ha=ha,
                va=va,
                fontsize=6.5,
                zorder=7,
                bbox={"boxstyle": "round,pad=0.12", "fc": "white", "ec": "none", "alpha": 0.7},
            )
            box = text.get_window_extent(renderer).expanded(1.04, 1.08)
            clash = [b for b in taken if box.overlaps(b) and not b.contains(*own)]
            if not clash:
                taken.append(box)
                drawn += 1
                break
            text.remove()
    return drawn


def draw_network(g, path, fmt: str) -> None:
    import networkx as nx
    from matplotlib.lines import Line2D

    plt = pyplot()
    fig, ax = plt.subplots(figsize=(12, 9))
    pos = layout(g)
    widths = [0.3 + min(d.get("weight", 1), 12) / 4 for *_, d in g.edges(data=True)]
    nx.draw_networkx_edges(g, pos, ax=ax, alpha=0.25, width=widths, edge_color="#78909c")
    for shape, marker in MARKERS.items():
        nodes = [n for n, d in g.nodes(data=True) if d.get("shape", "circle") == shape]
        if nodes:
            drawn = nx.draw_networkx_nodes(
                g,
                pos,
                nodelist=nodes,
                ax=ax,
                node_shape=marker,
                linewidths=0.6,
                edgecolors="#37474f",
                node_color=[g.nodes[n].get("color", "#999") for n in nodes],
                node_size=[(g.nodes[n].get("size", 10) * 1.6) ** 1.5 for n in nodes],
            )
            drawn.set_zorder(6)
    radii = {n: ((d.get("size", 10) * 1.6) ** 1.5) ** 0.5 / 2 for n, d in g.nodes(data=True)}
    top = sorted(radii, key=lambda n: -radii[n])[:80]
    ax.set_axis_off()
    ax.margins(0.1)
    fig.canvas.draw()
    place_labels(ax, fig, pos, {n: g.nodes[n].get("label", n) for n in top}, radii)
    handles = [
        Line2D(
            [],
            [],
            marker=MARKERS.get(s, "o"),
            linestyle="",
            markerfacecolor=c,
            markeredgecolor="#37474f",
            markersize=8,
            label=label,
        )
        for label, c, s in legend_entries(g)[:24]
    ]
    ax.legend(
        handles=handles,
        loc="upper left",
        bbox_to_anchor=(1.0, 1.0),
        frameon=False,
        fontsize=8,
        title=f"{g.graph.get('name', '')} view",
        title_fontsize=9,
    )
    ax.set_title(
        f"ASEAN's external relations: {g.graph.get('name', '')} ({g.number_of_nodes()} nodes, "
        f"{g.number_of_edges()} links)",
        fontsize=11,
    )
    fig.savefig(path, format=fmt, bbox_inches="tight", dpi=DPI)
    plt.close(fig)


# --- the partnership timeline ------------------------------------------------------------------


def decimal_year(value: str) -> float | None:
    """'2021', '2021-06' or '2021-06-23' as a position on a year axis."""
    parts = str(value or "").split("-")
    if not parts[0].isdigit():
        return None
    y = int(parts[0])
    m = int(parts[1]) if len(parts) > 1 and parts[1].isdigit() else 1
    d = int(parts[2][:2]) if len(parts) > 2 and parts[2][:2].isdigit() else 1
    return y + (m - 1) / 12 + (d - 1) / 365


def bands(claims: list[dict], until: float) -> list[tuple[float, float, str]]:
    """(from, to, status) where at each moment the highest-ranked status in force is shown."""
    rank = {code: d.rank for code, d in display("partnership-status").items()}
    points = sorted({c["start"] for c in claims} | {c["end"] for c in claims if c["end"]} | {until})
    out = []
    for a, b in itertools.pairwise(points):
        live = [c["status"] for c in claims if c["start"] <= a and (c["end"] is None or c["end"] > a)]
        if live:
            best = min(live, key=lambda s: rank.get(s, 99))
            if out and out[-1][2] == best and abs(out[-1][1] - a) < 1e-9:
                out[-1] = (out[-1][0], b, best)
            else:
                out.append((a, b, best))
    return out


def timeline_data(store, **kw) -> list[dict]:
    """Per partner: name, status periods and dated meetings (start, level, name)."""
    today = dt.date.today()
    until = today.year + (today.month - 1) / 12
    partners: dict = {}
    for r in run_named(store, "export-status-history").dicts():
        p = partners.setdefault(
            str(r["code"]), {"partner": str(r["code"]), "name": str(r["name"]), "claims": [], "meetings": []}
        )
        start = decimal_year(str(r["start"]))
        if start is not None:
            p["claims"].append(
                {
                    "status": str(r["status"]),
                    "start": start,
                    "end": decimal_year(str(r["end"])) if r["end"] else None,
                    "since": str(r["start"]),
                }
            )
    seen = set()
    for r in run_named(store, "export-meeting-parties", filters(**kw)).dicts():
        if str(r["kind"]) != "partner" or not r["start"] or r["code"] is None:
            continue
        key = (str(r["meeting"]), str(r["code"]))
        if key in seen:
            continue
        seen.add(key)
        p = partners.setdefault(
            str(r["code"]),
            {"partner": str(r["code"]), "name": str(r["partyName"] or r["code"]), "claims": [], "meetings": []},
        )
        p["meetings"].append({"start": str(r["start"]), "level": str(r["level"]), "name": str(r["name"] or "")})
    out = []
    for p in partners.values():
        if kw.get("partner") and p["partner"] != str(kw["partner"]).upper():
            continue
        periods = bands(p["claims"], until)
        out.append(
            {
                "partner": p["partner"],
                "name": p["name"],
                "statuses": [{"status": s, "from": round(a, 3), "to": round(b, 3)} for a, b, s in periods],
                "meetings": sorted(p["meetings"], key=lambda m: m["start"]),
            }
        )
    return sorted(out, key=lambda p: (p["statuses"][0]["from"] if p["statuses"] else 9999, p["partner"]))


def draw_timeline(rows: list[dict], path, fmt: str) -> None:
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    plt = pyplot()
    rows = [r for r in rows if r["statuses"] or r["meetings"]]
    height = 1.2 + 0.34 * max(len(rows), 1)
    fig, ax = plt.subplots(figsize=(11, height))
    levels = display("level")
    shown_status, shown_level = {}, {}
    for i, r in enumerate(reversed(rows)):
        for s in r["statuses"]:
            ax.broken_barh(
                [(s["from"], s["to"] - s["from"])],
                (i - 0.32, 0.64),
                facecolors=status_colour(s["status"]),
                edgecolors="none",
            )
            shown_status[s["status"]] = status_colour(s["status"])
        for m in r["meetings"]:
            x = decimal_year(m["start"])
            level = levels.get(m["level"])
            if x is not None and level:
                ax.plot(x, i, marker="|", markersize=9, markeredgewidth=1.6, color=level.colour, alpha=0.85)
                shown_level[m["level"]] = level
    ax.set_yticks(range(len(rows)))
    ax.set_yticklabels([r["name"] for r in reversed(rows)], fontsize=8)
    starts = [s["from"] for r in rows for s in r["statuses"]] + [
        decimal_year(m["start"]) or 9999 for r in rows for m in r["meetings"]
    ]
    first = int(min(starts)) if starts else dt.date.today().year - 10
    ax.set_xlim(first - 0.5, dt.date.today().year + 1)
    ax.set_ylim(-0.7, len(rows) - 0.3)
    ax.xaxis.grid(True, color="#e0e0e0", linewidth=0.6)
    ax.set_axisbelow(True)
    for side in ("top", "right", "left"):
        ax.spines[side].set_visible(False)
    ranks = {code: d.rank for code, d in display("partnership-status").items()}
    handles = [
        Patch(facecolor=c, label=s.replace("-", " "))
        for s, c in sorted(shown_status.items(), key=lambda t: ranks.get(t[0], 99))
    ]
    handles += [
        Line2D(
            [], [], marker="|", linestyle="", markersize=10, markeredgewidth=2, color=lv.colour, label=f"{code} meeting"
        )
        for code, lv in sorted(shown_level.items(), key=lambda t: t[1].rank)
    ]
    ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.01, 1.0), frameon=False, fontsize=8)
    ax.set_title("ASEAN's partners: status over the years (bands) and meetings held (marks, by level)", fontsize=11)
    fig.savefig(path, format=fmt, bbox_inches="tight", dpi=DPI)
    plt.close(fig)
