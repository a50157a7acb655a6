"""aseankg: a sourced knowledge graph of ASEAN's external relations.

`import kg` is cheap: nothing heavy is imported until used. The Python API lives in `kg.api`
(open a store, load releases, ask questions, get rows, DataFrames or networkx graphs); its
main names are reachable from here too: `kg.open`, `kg.Graph`.
"""

__version__ = "0.2.0"

_LAZY = {
    "open": "kg.api",
    "Graph": "kg.api",
    "Result": "kg.api",
    "open_store": "kg.stores",
    "Store": "kg.stores",
    "StoreError": "kg.stores",
}


def __getattr__(name):
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'kg' has no attribute {name!r}")


__all__ = ["__version__", *_LAZY]
