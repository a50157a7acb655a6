"""Choosing a backend by the descriptor's scheme: the one place that reads descriptors.

oxigraph:PATH   embedded on-disk Oxigraph (the default: ./aseankg-data, or $ASEANKG_STORE)
memory:         in-memory Oxigraph, for tests and one-off runs
sparql:QUERY_URL[,UPDATE_URL[,STORE_URL]]   any SPARQL 1.1 server (a bare http(s) URL too)
"""

from __future__ import annotations

import os
from collections.abc import Callable

from .base import Store, StoreError

DEFAULT_PATH = "./aseankg-data"


def _oxigraph(rest: str, descriptor: str, create: bool, read_only: bool) -> Store:
    from .embedded import OxigraphStore

    return OxigraphStore(rest or DEFAULT_PATH, descriptor, create=create, read_only=read_only)


def _memory(rest: str, descriptor: str, create: bool, read_only: bool) -> Store:
    from .embedded import OxigraphStore

    return OxigraphStore(None, descriptor)


def _sparql(rest: str, descriptor: str, create: bool, read_only: bool) -> Store:
    from .remote import SparqlStore

    return SparqlStore.from_descriptor(rest, descriptor, read_only=read_only)


BACKENDS: dict[str, Callable[[str, str, bool, bool], Store]] = {
    "oxigraph": _oxigraph,
    "memory": _memory,
    "sparql": _sparql,
}


def default_descriptor() -> str:
    """$ASEANKG_STORE may hold a descriptor or just a path for the embedded store."""
    env = os.environ.get("ASEANKG_STORE", "").strip()
    if not env:
        return f"oxigraph:{DEFAULT_PATH}"
    if env.startswith(("http://", "https://")) or env.partition(":")[0] in BACKENDS:
        return env
    return f"oxigraph:{env}"


def parse_descriptor(descriptor: str) -> tuple[str, str]:
    """(scheme, rest) of a descriptor; an http(s) URL is a SPARQL server."""
    if descriptor.startswith(("http://", "https://")):
        return "sparql", descriptor
    scheme, sep, rest = descriptor.partition(":")
    if not sep or scheme not in BACKENDS:
        known = ", ".join(f"{k}:" for k in BACKENDS)
        raise StoreError(f"unknown store descriptor {descriptor!r} (expected one of {known} or an http(s) URL)")
    return scheme, rest


def on_disk(descriptor: str) -> bool:
    """The embedded store on disk: worker processes may each open it read-only."""
    return parse_descriptor(descriptor)[0] == "oxigraph"


def open_store(descriptor: str | None = None, *, create: bool = True, read_only: bool = False) -> Store:
    """The store a descriptor names. With `create=False` a store that does not exist is an
    error (StoreMissing) rather than an empty new one."""
    descriptor = descriptor or default_descriptor()
    scheme, rest = parse_descriptor(descriptor)
    return BACKENDS[scheme](rest, descriptor, create, read_only)
