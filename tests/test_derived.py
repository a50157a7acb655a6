"""graph/current and graph/inferred kept in step release by release (incremental), or at the
end of a batch, are exactly what a full rebuild from the sources gives, after any sequence of
loads, replacements and retractions."""

import random
from pathlib import Path

import pytest

from kg.ingest.load import Loader, retract
from kg.model.derived import rebuild, stale
from kg.model.initialise import initialise
from kg.namespaces import CURRENT_GRAPH, INFERRED_GRAPH
from kg.stores import open_store

REL = Path(__file__).parent / "fixtures" / "releases"
FILES = sorted(p for p in REL.glob("*.txt") if p.read_text().startswith("url:"))


def derived(store):
    return {g: set(store.triples(g)) for g in (CURRENT_GRAPH, INFERRED_GRAPH)}


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


def test_a_batch_ends_as_a_rebuild_would(tmp_path):
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
