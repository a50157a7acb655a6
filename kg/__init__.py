"""aseankg: a sourced knowledge graph of ASEAN's external relations.

The public API is small: open a store, initialise it, extract and load releases, ask the
named questions, reason and validate.
"""
__version__ = "0.1.0"

from .store import open_store, Store, StoreError  # noqa: E402
from .initialise import initialise  # noqa: E402
from .queries import run_named  # noqa: E402
from .reason import materialise  # noqa: E402
from .validate import validate_store  # noqa: E402

__all__ = ["__version__", "open_store", "Store", "StoreError", "initialise", "run_named",
           "materialise", "validate_store"]
