"""Published snapshots of an on-disk store, so readers in other processes never open a store
another process is writing (Oxigraph leaves that undefined).

A process that wrote the store publishes, when it closes it, a checkpoint of the committed state
(RocksDB hard-links its files: milliseconds, little space) into PATH.snapshots/NNNNNN, then
points PATH.snapshots/LATEST at it with an atomic rename. The endpoint serves the latest
snapshot and switches to a new one as soon as it appears: readers see each write whole, or not
yet, and never half of it. The three newest snapshots are kept (one may still be in use while
the next is published); older ones are removed.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

KEEP = 3


def directory(store_path: str | Path) -> Path:
    return Path(f"{Path(store_path)}.snapshots")


def latest(store_path: str | Path) -> Path | None:
    """The newest published snapshot, or None."""
    pointer = directory(store_path) / "LATEST"
    try:
        name = pointer.read_text(encoding="utf-8").strip()
    except OSError:
        return None
    path = directory(store_path) / name
    return path if name and path.is_dir() else None


def publish(native_store, store_path: str | Path) -> Path:
    """Checkpoint the store's committed state and make it the latest snapshot."""
    root = directory(store_path)
    root.mkdir(parents=True, exist_ok=True)
    numbers = sorted(int(p.name) for p in root.iterdir() if p.name.isdigit())
    target = root / f"{(numbers[-1] + 1) if numbers else 1:06d}"
    native_store.backup(str(target))
    tmp = root / f"LATEST.{os.getpid()}"
    tmp.write_text(target.name + "\n", encoding="utf-8")
    os.replace(tmp, root / "LATEST")
    for n in numbers[: max(0, len(numbers) + 1 - KEEP)]:
        shutil.rmtree(root / f"{n:06d}", ignore_errors=True)
    return target


def stamp(store_path: str | Path) -> tuple | None:
    """What changes when a new snapshot is published (cheap to poll)."""
    try:
        st = (directory(store_path) / "LATEST").stat()
    except OSError:
        return None
    return (st.st_mtime_ns, st.st_ino)
