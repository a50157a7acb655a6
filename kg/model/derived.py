"""The derived graphs, kept in step with the graphs that state facts (the ontology, the reference
data, each release):

- graph/current holds every fact once, however many sources state it (the Wikidata "truthy"
  pattern): a fact enters with its first source and leaves with its last. The questions read it.
- graph/inferred holds the OWL 2 RL consequences of graph/current (kg/model/reason.py).
- graph/disagreements holds a node per subject and single-valued property (a meeting's start,
  an attendee's role) that releases give values of that cannot all be true (kg/model/agreement.py):
  the values and the releases. The conflicts question reads it, where finding them among every
  release graph took 0.6 s at 2M quads; a write judges again only those of the subjects and
  properties it touched.

Either a write updates graph/current and graph/inferred in the same transaction (`write_release`:
one SPARQL update that renames, replaces the release graph, moves its facts in and out of
graph/current and infers again what the touched nodes imply, and marks graph/disagreements stale
until the next update has judged them again), or the write marks them all stale in graph/state
in that same transaction and they are rebuilt (`rebuild`, one atomic swap) before anything reads
them (`ensure_fresh`). A crash can therefore leave them stale, never wrong unnoticed.
"""

from __future__ import annotations

import time
from functools import cache

from rdflib import Literal, URIRef

from .. import mint
from ..collector import collecting_less
from ..namespaces import (
    AGREEMENT_RULE,
    AKG,
    CURRENT_GRAPH,
    DISAGREEMENTS_GRAPH,
    INFERRED_GRAPH,
    ONTOLOGY_GRAPH,
    PROV,
    RDF,
    RELEASE_GRAPH_PREFIX,
    RELEASE_PREFIX,
)
from ..resources import sparql
from ..stores.base import DerivePlan, bind_values, filled, inference_texts, rule_tables
from .agreement import disagree
from .ontology import single_valued_properties
from .reason import templates

EVIDENCE = AKG.evidence
RDF_TYPE = str(RDF.type)


@cache
def plan() -> DerivePlan:
    pairs = {family: [(str(a), str(b)) for a, b in rows] for family, rows in templates().pairs().items()}
    return DerivePlan(pairs, RELEASE_PREFIX, str(AKG.evidence), str(ONTOLOGY_GRAPH))


def is_fact(s, p, o) -> bool:
    """A triple that enters graph/current: anything but a release's own provenance."""
    return p != EVIDENCE and not s.startswith(RELEASE_PREFIX)  # terms are str subclasses


# --- staleness ---------------------------------------------------------------------------------


def stale(store) -> set:
    return {row[0] for row in store.select(sparql("stale-graphs"))}


def mark_stale_text() -> str:
    return sparql("mark-stale")


def ensure_fresh(store) -> bool:
    """Rebuild the derived graphs when a write left them stale, or when they were never built
    (a store made before they existed). True when a rebuild ran."""
    marks = stale(store)
    if not store.has_graph(CURRENT_GRAPH) or marks - {DISAGREEMENTS_GRAPH}:
        rebuild(store)
        return True
    if marks or not judged_by_this_rule(store):
        rebuild_disagreements(store)  # graph/current and graph/inferred are fresh
        return True
    return False


def rebuild(store, full: bool = True) -> dict:
    """Bring graph/current (from every source graph; with `full=False` it is kept as it is),
    graph/inferred (its OWL RL consequences) and graph/disagreements up to date, and clear their
    stale marks."""
    t0 = time.perf_counter()
    with collecting_less():
        figures = store.rebuild_derived(plan(), full)
        figures["disagreements"] = rebuild_disagreements(store)
    figures["seconds"] = round(time.perf_counter() - t0, 3)
    return figures


def add_facts(store, facts) -> dict:
    """Facts that sources added (nothing retracted or renamed since the derived graphs were last
    fresh) join them: graph/current and graph/inferred through the store, then the disagreements
    about their subjects are found again (or all of them, after a batch that touched many)."""
    figures = store.add_to_derived(plan(), set(facts))
    pairs = disputed_pairs(facts)
    if len(pairs) > PAIRS_AT or not judged_by_this_rule(store):
        figures["disagreements"] = rebuild_disagreements(store)
    else:
        refresh_disagreements(store, pairs)
    return figures


# --- where releases disagree ----------------------------------------------------------------------

# past this many subjects and properties touched, finding every disagreement again is quicker
# than a VALUES row for each (measured at 2M quads: 0.5 ms a row, 1.4 s the whole); one release
# touches a few dozen, a batch's end thousands
PAIRS_AT = 2000


def disputed_pairs(facts) -> set:
    """(subject, property) of the facts whose property is single-valued: the disagreements a
    change of these facts may start or end."""
    props = single_valued_properties()
    return {(s, p) for s, p, _ in facts if p in props}


def refresh_disagreements(store, pairs) -> None:
    """The disagreements about these subjects and properties found again after a write: their
    values read (disagreement-values.rq) and judged (kg/model/agreement.py), then one update
    forgets the old, writes the found and clears the graph's stale mark (the write set it, so a
    crash in between leaves it stale, not wrong)."""
    clear = filled("clear-stale-disagreements", rule=AGREEMENT_RULE)
    rows = [{"s": s, "p": p} for s, p in sorted(pairs)]
    if not rows:
        store.update(clear)
        return
    triples, _ = disagreement_triples(store.select(filled("disagreement-values", **prefix_slots()), rows))
    parts = [bind_values(sparql("disagreements-forget"), rows)]
    if triples:
        parts.append(filled("insert-graph", graph=DISAGREEMENTS_GRAPH, data=triples))
    store.update(" ;\n".join([*parts, clear]))


def disagreement_triples(rows) -> tuple[list, int]:
    """From rows (subject, property, value, source): a node for each subject and property whose
    values disagree, with its values and sources; and how many."""
    found: dict = {}
    for s, p, o, source in rows:
        values, sources = found.setdefault((s, p), (set(), set()))
        values.add(o)
        sources.add(source)
    triples, count = [], 0
    for (s, p), (values, sources) in found.items():
        if not disagree(values):
            continue  # one value, or values that say more or less of one (a year and a day in it)
        d = mint.disagreement(s, p)
        triples += [(d, RDF.type, AKG.Disagreement), (d, AKG.disputedSubject, s), (d, AKG.disputedProperty, p)]
        triples += [(d, AKG.disputedValue, o) for o in values]
        triples += [(d, PROV.wasDerivedFrom, source) for source in sources]
        count += 1
    return triples, count


def rebuild_disagreements(store) -> int:
    """graph/disagreements found again whole: the subjects with several values of a single-valued
    property in graph/current, the values releases give them and the releases (one query), kept
    where they disagree, written at once (through the bulk loader when large). It is marked
    stale meanwhile, and its mark cleared last. The number of disagreements."""
    # emptied and marked stale until it is found again whole
    store.update(sparql("mark-stale-disagreements") + " ;\n" + filled("drop-graph", graph=DISAGREEMENTS_GRAPH))
    rows = store.select(filled("disagreement-values", **prefix_slots()), {"p": sorted(single_valued_properties())})
    triples, count = disagreement_triples(rows)
    if triples:
        store.add_graphs({DISAGREEMENTS_GRAPH: triples})
    store.update(filled("clear-stale-disagreements", rule=AGREEMENT_RULE))
    return count


def judged_by_this_rule(store) -> bool:
    """graph/disagreements exists and was judged by this version's rule (a store built before it
    existed, or judged by an earlier rule, has it judged again)."""
    return store.ask(sparql("disagreements-judged-by"), {"rule": AGREEMENT_RULE})


def prefix_slots() -> dict:
    return {"release": Literal(RELEASE_PREFIX), "releaseGraph": Literal(RELEASE_GRAPH_PREFIX)}


# --- one release, in one transaction --------------------------------------------------------------


def nodes_of(triples) -> set:
    return {t for s, _, o in triples for t in (s, o) if isinstance(t, URIRef)}


@cache
def tables() -> tuple[dict, dict]:
    """The rules both ways (kg.stores.base.rule_tables): premise -> consequences, and back."""
    return rule_tables(plan()), rule_tables(plan(), backwards=True)


def candidates(facts) -> tuple[set, set]:
    """What a change of these facts (entering or leaving graph/current) may make or unmake in
    graph/inferred: (property triples (n, q, y), types (n, c)). The rules take one premise each,
    so a consequence can only change with a premise among the facts, or with the fact itself
    (stated now, it is no longer inferred; no longer stated, it may be inferred again)."""
    t, _ = tables()
    props, types = set(), set()
    for s, p, o in facts:
        if p == RDF_TYPE:
            types.add((s, o))
            types.update((s, d) for d in t["superclasses"].get(str(o), ()))
            continue
        props.add((s, p, o))
        props.update((s, q, o) for q in t["forward"].get(str(p), ()))
        types.update((s, c) for c in t["subject-types"].get(str(p), ()))
        if not isinstance(o, Literal):
            props.update((o, q, s) for q in t["backward"].get(str(p), ()))
            types.update((o, c) for c in t["object-types"].get(str(p), ()))
    return props, types


def reinfer_texts(facts) -> list[str]:
    """Updates that bring graph/inferred in step after these facts changed in graph/current:
    the candidate consequences forgotten, then each inferred again where a rule still gives it
    (one row per candidate and premise it may come from). Every pattern is bound, so this reads
    a few hundred index entries where inferring again all about the touched nodes walked every
    fact of a hub (an area, a partner): 1.4 s -> 0.05 s for one release at 2M quads."""
    props, types = candidates(facts)
    if not props and not types:
        return []
    _, back = tables()
    rdf_type = URIRef(RDF_TYPE)
    forget = [{"s": s, "p": q, "o": o} for s, q, o in sorted(props)] + [
        {"s": n, "p": rdf_type, "o": c} for n, c in sorted(types)
    ]
    # one row per candidate and premise: (n q y) for the property rules, (n c) for the type rules
    rows = {
        family: [
            {"n": n, "premise": p, "q": q, "y": y} for n, q, y in sorted(props) for p in back[family].get(str(q), ())
        ]
        for family in ("forward", "backward")
    } | {
        family: [{"n": n, "premise": p, "c": c} for n, c in sorted(types) for p in back[family].get(str(c), ())]
        for family in ("subject-types", "object-types", "superclasses")
    }
    out = [bind_values(sparql("inferred-forget-triples"), forget)]
    for family, bound in rows.items():
        if bound:
            out.append(
                bind_values(filled(f"infer-{family}-candidates", source=CURRENT_GRAPH, target=INFERRED_GRAPH), bound)
            )
    return out


def write_release(store, graph_iri: URIRef, triples: list | None, renames: dict | None = None) -> None:
    """Write a release (or retract it, when `triples` is None) with the derived graphs kept in
    step: one update renames the nodes resolution decided, replaces the release graph and moves
    graph/current and graph/inferred with it, marking graph/disagreements stale; then the
    disagreements about what the change touched are judged again and the mark cleared."""
    was_stale = DISAGREEMENTS_GRAPH in stale(store)
    parts, pairs = release_parts(store, graph_iri, triples, renames, incremental=True)
    if not pairs and not was_stale:
        store.update(" ;\n".join(parts))  # nothing said of a single-valued property
        return
    store.update(" ;\n".join([*parts, sparql("mark-stale-disagreements")]))
    if was_stale:
        rebuild_disagreements(store)  # an earlier write left it stale: the pairs are not all
    else:
        refresh_disagreements(store, pairs)


def release_update(store, graph_iri: URIRef, triples: list | None, renames: dict | None = None) -> str:
    """The one update that writes a release in a batch (or retracts it, when `triples` is None):
    renames, the release graph replaced, the derived graphs marked stale (the batch rebuilds them
    once at its end)."""
    parts, _ = release_parts(store, graph_iri, triples, renames, incremental=False)
    return " ;\n".join([*parts, mark_stale_text()])


def release_parts(
    store, graph_iri: URIRef, triples: list | None, renames: dict | None, incremental: bool
) -> tuple[list[str], set]:
    """The updates that write a release: renames decided by resolution, the release graph
    replaced, and (`incremental`) graph/current and graph/inferred kept in step for every node
    the change touches; with the subjects and properties whose disagreements it may change."""
    parts = []
    if renames:
        parts.append(bind_values(sparql("rename-nodes"), [{"old": a, "new": b} for a, b in renames.items()]))
    exists = store.has_graph(graph_iri)
    old = list(store.triples(graph_iri)) if exists and incremental else []
    touched = set()
    if incremental:
        if exists:
            touched |= nodes_of(old)
            parts.append(filled("current-retract", graph=graph_iri, release=Literal(RELEASE_PREFIX)))
        touched |= nodes_of(triples or []) | set((renames or {}).keys()) | set((renames or {}).values())
    if exists:
        parts.append(filled("drop-graph", graph=graph_iri))
    if triples:
        parts.append(filled("insert-graph", graph=graph_iri, data=triples))
        if incremental:
            parts.append(filled("current-add", graph=graph_iri, release=Literal(RELEASE_PREFIX)))
    touched = {n for n in touched if not str(n).startswith(RELEASE_PREFIX)}
    if incremental and touched and renames:
        # a rename changes nodes in every graph: infer again all that is said about them
        parts.append(bind_values(sparql("inferred-forget"), {"n": sorted(touched)}))
        parts += inference_texts(plan(), CURRENT_GRAPH, INFERRED_GRAPH, touched)
    elif incremental and touched:
        parts += reinfer_texts([t for t in {*old, *(triples or [])} if is_fact(*t)])
    pairs = changed_pairs(store, [*old, *(triples or [])], renames) if incremental else set()
    return [p for p in parts if p.strip()], pairs


def changed_pairs(store, triples, renames: dict | None) -> set:
    """The subjects and single-valued properties whose disagreements a release's change may
    start or end: those it states (before and after), and with renames every single-valued
    property of a renamed node, and the disagreements counting a renamed node among their values
    (two values may become one)."""
    pairs = disputed_pairs(t for t in triples if is_fact(*t))
    if renames:
        nodes = sorted({*renames.keys(), *renames.values()})
        pairs |= {(n, p) for n in renames.values() for p in single_valued_properties()}
        pairs |= {(row[0], row[1]) for row in store.select(sparql("disagreements-of-values"), {"n": nodes})}
    return pairs
