"""Stores: one contract (`Store`), three backends (embedded Oxigraph on disk or in memory, any
SPARQL 1.1 server), chosen by `open_store(descriptor)`."""

from .base import (
    DATASETS,
    DUMP_FORMATS,
    GraphSet,
    QueryError,
    Rows,
    Store,
    StoreError,
    StoreMissing,
    bind_values,
    filled,
)
from .registry import BACKENDS, default_descriptor, open_store, parse_descriptor

__all__ = [
    "BACKENDS",
    "DATASETS",
    "DUMP_FORMATS",
    "GraphSet",
    "QueryError",
    "Rows",
    "Store",
    "StoreError",
    "StoreMissing",
    "bind_values",
    "default_descriptor",
    "filled",
    "open_store",
    "parse_descriptor",
]
