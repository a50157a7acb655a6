"""graph/current, graph/inferred and graph/disagreements kept in step release by release
(incremental), or at the end of a batch, are exactly what a full rebuild from the sources gives,
after any sequence of loads, replacements and retractions."""

import random
from pathlib import Path

import pytest

from kg.ingest.load import Loader, retract
from kg.model.derived import ensure_fresh, rebuild, stale
from kg.model.initialise import initialise
from kg.namespaces import AKG, CURRENT_GRAPH, DISAGREEMENTS_GRAPH, INFERRED_GRAPH, PROV
from kg.stores import embedded, open_store

REL = Path(__file__).parent / "fixtures" / "releases"
FILES = sorted(p for p in REL.glob("*.txt") if p.read_text().startswith("url:"))


def derived(store):
    return {g: set(store.triples(g)) for g in (CURRENT_GRAPH, INFERRED_GRAPH, DISAGREEMENTS_GRAPH)}


def edited(path: Path, tmp: Path, n: int) -> Path:
    """The same release (same url), edited: a sentence added."""
    out = tmp / f"{path.stem}-v{n}.txt"
    out.write_text(path.read_text() + f"\nThe sides also discussed tourism and education (revision {n}).\n")
    return out


@pytest.mark.slow  # random sequences over a real store: make test runs them, test-fast does not
@pytest.mark.parametrize("seed", range(4))
def test_incremental_equals_rebuilt_after_random_changes(seed, tmp_path):
    rng = random.Random(seed)
    with open_store("memory:") as store:
        initialise(store)
        loader = Loader(store)
        loaded = []
        for step in range(14):
            action = rng.choice(["load", "load", "replace", "retract"]) if loaded else "load"
            if action == "load":
                f = rng.choice(FILES)
                loader.load_path(f)
                loaded.append(f)
            elif action == "replace":
                f = rng.choice(loaded)
                loader.load_path(edited(f, tmp_path, step))
            else:
                f = loaded.pop(rng.randrange(len(loaded)))
                retract(store, f.read_text().split("\n", 1)[0].split(": ", 1)[1])
            assert not stale(store)
            kept = derived(store)
            rebuild(store)
            assert derived(store) == kept, (seed, step, action, f.name)


@pytest.mark.parametrize("bulk", [False, True])
def test_a_batch_ends_as_a_rebuild_would(tmp_path, monkeypatch, bulk):
    if bulk:  # writes as a large batch's: through the bulk loader, the derived quads a part at a time
        monkeypatch.setattr(embedded, "BULK_AT", 1)
        monkeypatch.setattr(embedded, "BULK_CHUNK", 7)
    with open_store("memory:") as store:
        initialise(store)
        first = Loader(store, incremental=False)
        for f in FILES[:5]:
            first.load_path(f)
        first.finish()  # additive: the batch's facts join the derived graphs
        kept = derived(store)
        rebuild(store)
        assert derived(store) == kept
        second = Loader(store, incremental=False)
        second.load_path(edited(FILES[0], tmp_path, 1))  # a replacement: the batch rebuilds at its end
        for f in FILES[5:]:
            second.load_path(f)
        second.finish()
        assert not stale(store)
        kept = derived(store)
        rebuild(store)
        assert derived(store) == kept


def test_a_rebuild_mends_derived_graphs_that_lack_or_hold_a_fact_wrongly():
    """A rebuild changes only what differs: a fact missing is added, one no source states (or
    that follows from none) is removed, whatever the sizes of the graphs say at first."""
    with open_store("memory:") as store:
        initialise(store)
        loader = Loader(store, incremental=False)
        for f in FILES[:3]:
            loader.load_path(f)
        loader.finish()
        kept = derived(store)
        stray = (AKG.nowhere, AKG.partner, AKG.nobody)
        for graph in (CURRENT_GRAPH, INFERRED_GRAPH):
            wrong = sorted(kept[graph])
            store.put_graph(graph, [*wrong[1:], stray])  # as many triples as before, one of them wrong
        rebuild(store)
        assert derived(store) == kept
        store.put_graph(INFERRED_GRAPH, [stray])
        rebuild(store)
        assert derived(store) == kept


def disagreements(store) -> dict:
    """(subject, property) -> (values, sources), as graph/disagreements holds them."""
    g = store.get_graph(DISAGREEMENTS_GRAPH)
    out = {}
    for d in g.subjects(AKG.disputedSubject, None):
        key = (str(g.value(d, AKG.disputedSubject)).rsplit("/", 1)[-1], str(g.value(d, AKG.disputedProperty)))
        out[key] = (
            {str(v) for v in g.objects(d, AKG.disputedValue)},
            {str(s) for s in g.objects(d, PROV.wasDerivedFrom)},
        )
    return out


@pytest.mark.parametrize("incremental", [True, False])
def test_a_disagreement_lives_while_two_releases_give_different_values(incremental):
    # r01 and r01b report one meeting; they give its New Zealand delegate different posts and roles
    first, second = REL / "r01_som_today.txt", REL / "r01b_som_other_publisher.txt"
    with open_store("memory:") as store:
        initialise(store)
        loader = Loader(store, incremental=incremental)
        loader.load_path(first)
        loader.finish()
        assert disagreements(store) == {}
        loader.load_path(second)
        loader.finish()
        found = disagreements(store)
        role = found[("grace-whitfield", str(AKG.role))]
        assert len(role[0]) == 2
        assert role[1] == {"https://example.org/asean/nz-dialogue-31", "https://example.org/nz/officials-in-laos"}
        # "Deputy Secretary" says less than "Deputy Secretary for Asia, New Zealand Ministry of
        # Foreign Affairs and Trade": both true, no disagreement
        assert ("grace-whitfield", str(AKG.postAsStated)) not in found
        kept = derived(store)
        rebuild(store)
        assert derived(store) == kept
        retract(store, "https://example.org/nz/officials-in-laos")
        assert disagreements(store) == {}


def test_a_store_without_the_disagreements_graph_gets_it_from_the_next_reader():
    with open_store("memory:") as store:
        initialise(store)
        loader = Loader(store)
        for f in (REL / "r01_som_today.txt", REL / "r01b_som_other_publisher.txt"):
            loader.load_path(f)
        kept = derived(store)
        store.drop_graph(DISAGREEMENTS_GRAPH)  # as a store made before the graph existed
        assert ensure_fresh(store)
        assert derived(store) == kept
        assert not ensure_fresh(store)


def test_a_rename_carries_the_disagreements_about_the_renamed_node():
    # two releases disagree about a meeting; a third, which says nothing of that, renames it
    from rdflib import Literal

    from kg import mint
    from kg.model.derived import write_release
    from kg.namespaces import ID, VOCAB

    old, new = ID["meeting/asean-x-som/2023-05-13"], ID["meeting/asean-x-som/9"]
    with open_store("memory:") as store:
        initialise(store)
        store.add_graphs(
            {
                mint.release_graph("a"): [(old, AKG.modality, VOCAB["modality/in-person"])],
                mint.release_graph("b"): [(old, AKG.modality, VOCAB["modality/virtual"])],
            }
        )
        rebuild(store)
        assert set(disagreements(store)) == {("2023-05-13", str(AKG.modality))}
        third = [(new, AKG.edition, Literal(9))]
        write_release(store, mint.release_graph("c"), third, {old: new})
        assert set(disagreements(store)) == {("9", str(AKG.modality))}
        kept = derived(store)
        rebuild(store)
        assert derived(store) == kept


def test_a_rename_that_makes_two_values_one_ends_the_disagreement():
    from rdflib import Literal

    from kg import mint
    from kg.model.derived import write_release
    from kg.namespaces import ID

    meeting, near, far = ID["meeting/asean-x-som/9"], ID["place/vientiane-city"], ID["place/vientiane"]
    with open_store("memory:") as store:
        initialise(store)
        store.add_graphs(
            {
                mint.release_graph("a"): [(meeting, AKG.location, near)],
                mint.release_graph("b"): [(meeting, AKG.location, far)],
            }
        )
        rebuild(store)
        assert set(disagreements(store)) == {("9", str(AKG.location))}
        third = [(far, AKG.name, Literal("Vientiane"))]
        write_release(store, mint.release_graph("c"), third, {near: far})
        assert disagreements(store) == {}
        kept = derived(store)
        rebuild(store)
        assert derived(store) == kept


def test_values_that_agree_are_no_disagreement_until_one_that_does_not():
    # a post and the same post with its country agree; a third, other post does not; its retraction
    # ends the disagreement again (written one release at a time, judged as a rebuild judges)
    from rdflib import Literal

    from kg import mint
    from kg.model.derived import write_release
    from kg.namespaces import ID

    seat = ID["meeting/asean-x-som/9/attendance/ana-pereira"]
    posts = {
        "a": "Deputy Minister for Foreign Affairs",
        "b": "Deputy Minister of Foreign Affairs of the Republic of X",
        "c": "Permanent Secretary",
    }
    with open_store("memory:") as store:
        initialise(store)
        rebuild(store)
        for key in "ab":
            write_release(store, mint.release_graph(key), [(seat, AKG.postAsStated, Literal(posts[key]))])
        assert disagreements(store) == {}
        write_release(store, mint.release_graph("c"), [(seat, AKG.postAsStated, Literal(posts["c"]))])
        assert disagreements(store)[("ana-pereira", str(AKG.postAsStated))][0] == set(posts.values())
        kept = derived(store)
        rebuild(store)
        assert derived(store) == kept
        assert not stale(store)
        write_release(store, mint.release_graph("c"), None)
        assert disagreements(store) == {}


@pytest.mark.parametrize("how", ["new", "replaced"])
def test_a_load_after_a_crash_that_left_the_derived_graphs_stale_rebuilds_them(how, tmp_path):
    # a batch wrote release graphs and died before its end: the derived graphs are marked stale and
    # lack those facts; the next load of one release must not add its facts and clear the mark
    from kg.ingest.load import inputs_of, load_inputs

    first, second = FILES[0], FILES[1]
    with open_store("memory:") as store:
        initialise(store)
        list(load_inputs(store, inputs_of([str(first)])))
        loader = Loader(store, incremental=False)
        loader.load_path(second)
        loader.flush()  # the batch's graphs written, marked stale; finish() never runs
        assert stale(store)
        again = edited(first, tmp_path, 1) if how == "replaced" else FILES[2]
        list(load_inputs(store, inputs_of([str(again)])))
        kept = derived(store)
        rebuild(store)
        assert derived(store) == kept


def test_disagreements_judged_by_an_earlier_rule_are_judged_again_by_the_next_reader():
    # a store from before kg/model/agreement.py: graph/disagreements holds a post said with and
    # without its ministry, and no mark of the rule that judged it
    from rdflib import Literal

    from kg import mint
    from kg.namespaces import DCTERMS, ID
    from kg.stores.base import filled

    seat, posts = ID["meeting/asean-x-som/9/attendance/ana-pereira"], ("Director", "Director of the Ministry")
    with open_store("memory:") as store:
        initialise(store)
        store.add_graphs({mint.release_graph(k): [(seat, AKG.postAsStated, Literal(p))] for k, p in zip("ab", posts)})
        rebuild(store)
        assert disagreements(store) == {}
        d = mint.disagreement(seat, AKG.postAsStated)
        older = [(d, AKG.disputedSubject, seat), (d, AKG.disputedProperty, AKG.postAsStated)]
        older += [(d, AKG.disputedValue, Literal(p)) for p in posts]
        store.update(f"DELETE WHERE {{ GRAPH <{DISAGREEMENTS_GRAPH}> {{ ?g <{DCTERMS.conformsTo}> ?rule }} }}")
        store.update(filled("insert-graph", graph=DISAGREEMENTS_GRAPH, data=older))
        assert disagreements(store)
        assert ensure_fresh(store)
        assert disagreements(store) == {}
        assert not ensure_fresh(store)
