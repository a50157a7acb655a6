"""A load killed with SIGKILL in the middle of a directory leaves every release either fully
present or absent, and the store opens again."""
import os
import signal
import subprocess
import sys
from pathlib import Path

from kg import mint
from kg.model.initialise import initialise
from kg.ingest.load import Loader
from kg.namespaces import is_release_graph
from kg.stores import open_store

REL = Path(__file__).parent / "fixtures" / "releases"


SOURCES = [p for p in sorted(REL.glob("*.txt")) if p.read_text().startswith("url:")]
TEMPLATES = len(SOURCES)


def make_releases(directory: Path, n: int) -> list[Path]:
    sources = SOURCES
    out = []
    for i in range(n):
        src = sources[i % len(sources)].read_text()
        p = directory / f"rel{i:04d}.txt"
        p.write_text(src.replace("url: https://example.org/", f"url: https://example.org/copy{i}/", 1))
        out.append(p)
    return out


def test_kill_during_directory_load(tmp_path):
    (tmp_path / "in").mkdir()
    files = make_releases(tmp_path / "in", 600)
    db = tmp_path / "db"
    env = dict(os.environ, PYTHONPATH=str(Path(__file__).parent.parent))
    proc = subprocess.Popen([sys.executable, "-m", "kg.cli", "-v", "--store", f"oxigraph:{db}", "load", "--create", "--no-progress",
                             str(tmp_path / "in")], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    # read the per-release log; once a sixth of the releases are in, kill without warning
    loaded = 0
    for line in proc.stderr:
        loaded += line.startswith("INFO aseankg: loaded")
        if loaded >= len(files) // 6:
            break
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    proc.stderr.close()

    store = open_store(f"oxigraph:{db}")
    present = [g for g in store.graph_names() if is_release_graph(g)]
    assert 0 < len(present) < len(files), "the kill should land in the middle of the load"
    # every release present is complete: as many triples as the same file loaded alone (copies
    # differ from their template only in the url, so one load per template gives the count)
    alone = open_store("memory:")
    initialise(alone)
    loader = Loader(alone)
    expected, by_key = {}, {}
    for i, f in enumerate(files):
        template = i % TEMPLATES
        if template not in expected:
            expected[template] = loader.load_path(f).triples
        url = f.read_text().split("\n", 1)[0].split(": ", 1)[1]
        by_key[mint.release_key(url, "")] = (f, expected[template])
    for g in present:
        f, count = by_key[str(g).rsplit("/", 1)[-1]]
        assert store.count(g) == count, f
    alone.close()
    store.close()
