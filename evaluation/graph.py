"""`make eval`, graph section: load a corpus of releases with gold records, then measure what a
user finds through the graph (the `meetings` and `meeting-attendees` questions), not what
extraction wrote.

usage: python -m evaluation.graph CORPUS_DIR      (CORPUS_DIR holds raw/, gold/, INDEX.tsv, score.py)

Figures:
- dated meetings found with their date: gold reported meetings with a start, for which the
  graph has a reported meeting of the same framework, level and partner, sourced from the same
  release, whose start agrees at gold's precision (ASEAN+1 and all frameworks);
- attendees through the graph: `meeting-attendees` of that meeting against gold's attendees;
- same-meeting groups merged: releases INDEX.tsv says report one meeting whose meetings are one
  node; wrong merges: nodes holding two meetings gold tells apart.
"""

from __future__ import annotations

import csv
import importlib.util
import json
import sys
from collections import defaultdict
from pathlib import Path

from kg.ingest.load import Loader
from kg.model.initialise import initialise
from kg.questions import run_named
from kg.stores import open_store


def load_scorer(corpus: Path):
    spec = importlib.util.spec_from_file_location("score", corpus / "score.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def graph_meetings(store) -> list[dict]:
    out = []
    for r in run_named(store, "meetings").dicts():
        out.append(
            {
                "iri": str(r["meeting"]),
                "level": str(r["level"]),
                "framework": str(r["framework"]),
                "starts": str(r["start"] or "").split(),
                "partners": set(str(r["partners"] or "").split()),
                "sources": set(str(r["sources"] or "").split()),
            }
        )
    return out


def match(gold: dict, url: str, nodes: list[dict], date_ok) -> dict | None:
    """The graph meeting sourced from the gold meeting's release, of its framework, level and partners."""
    candidates = [
        n
        for n in nodes
        if url in n["sources"]
        and n["level"] == gold["level"]
        and n["framework"] == gold["framework"]
        and (not gold.get("partners") or not n["partners"] or n["partners"] & set(gold["partners"]))
    ]
    if gold.get("start"):
        dated = [n for n in candidates if any(date_ok(gold["start"], s) for s in n["starts"])]
        candidates = dated or candidates
    return candidates[0] if len(candidates) >= 1 else None


def main(argv=None) -> int:
    corpus = Path((argv or sys.argv[1:])[0])
    score = load_scorer(corpus)
    with open(corpus / "INDEX.tsv", encoding="utf-8") as f:
        index = {r["file"].removesuffix(".txt"): r for r in csv.DictReader(f, delimiter="\t")}
    store = open_store("memory:")
    initialise(store)
    files = sorted((corpus / "raw").glob("*.txt"))
    list(Loader(store).load_paths(files, workers=1))
    nodes = graph_meetings(store)
    urls = {}
    for p in files:
        head = p.read_text(encoding="utf-8").split("\n\n", 1)[0]
        urls[p.stem] = next(
            (line.split(":", 1)[1].strip() for line in head.splitlines() if line.startswith("url:")), ""
        )

    dated = {"ASEAN+1": [0, 0], "all": [0, 0]}
    att = {"tp": 0, "fp": 0, "fn": 0}
    node_gold = defaultdict(set)  # node -> gold meeting identities it holds
    group_nodes = defaultdict(set)  # same-meeting group -> nodes its releases' meetings became
    attendees_by_node: dict = defaultdict(list)
    for gp in sorted((corpus / "gold").glob("*.json")):
        f = gp.stem
        gold = json.loads(gp.read_text(encoding="utf-8"))
        group = index.get(f, {}).get("same_meeting_group", "-")
        reported = [m for m in gold["meetings"] if m.get("status") == "reported"]
        for i, g in enumerate(reported):
            node = match(g, urls.get(f, ""), nodes, score.date_ok)
            if g.get("start"):
                found = bool(node and any(score.date_ok(g["start"], s) for s in node["starts"]))
                for key in ["ASEAN+1", "all"] if g["framework"] == "ASEAN+1" else ["all"]:
                    dated[key][0] += found
                    dated[key][1] += 1
            main_of_group = group != "-" and g["level"] == index[f]["meeting_level"]
            identity = group if main_of_group else f"{f}/{i}"
            if node:
                node_gold[node["iri"]].add(identity)
                attendees_by_node[node["iri"]] += g.get("attendees") or []
                if main_of_group:
                    group_nodes[group].add(node["iri"])
            elif main_of_group:
                group_nodes[group].add(f"missing:{f}")
            if not node:
                att["fn"] += len(g.get("attendees") or [])
    for iri, gold_people in attendees_by_node.items():
        rows = run_named(store, "meeting-attendees", {"meeting": iri}).dicts()
        found = list({str(r["person"]): str(r["name"]) for r in rows}.values())
        wanted = []
        for a in gold_people:
            if not any(score.same_person(a["name"], w["name"]) for w in wanted):
                wanted.append(a)
        pairs, fn, fp = score.match_sets(
            wanted, [{"name": n} for n in found], lambda x, y: score.same_person(x["name"], y["name"])
        )
        att["tp"] += len(pairs)
        att["fn"] += fn
        att["fp"] += fp
    groups = {
        g: n for g, n in group_nodes.items() if sum(1 for r in index.values() if r["same_meeting_group"] == g) >= 2
    }
    merged = sum(1 for n in groups.values() if len(n) == 1 and not any(x.startswith("missing:") for x in n))
    wrong = sum(1 for ids in node_gold.values() if len({i for i in ids if "/" not in i}) > 1)
    p = att["tp"] / (att["tp"] + att["fp"]) if att["tp"] + att["fp"] else 1.0
    r = att["tp"] / (att["tp"] + att["fn"]) if att["tp"] + att["fn"] else 1.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    print("graph (load, then `query meetings` and `query meeting-attendees`):")
    for key, (ok, n) in dated.items():
        print(f"  dated meetings found with their date ({key:7s}) {ok}/{n} = {ok / n if n else 1:.3f}")
    print(f"  attendees via meeting-attendees       P={p:.3f} R={r:.3f} F1={f1:.3f}")
    print(f"  same-meeting groups merged             {merged}/{len(groups)}")
    print(f"  wrong merges                           {wrong}")
    store.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
