"""The questions: competency questions (queries/*.rq) and the internal ones the tool asks
(queries/internal/), with typed parameters."""

from .catalogue import NamedQuery, Param, available, bind, catalogue, find, prepared, run_named, specialise
from .params import ParameterError

__all__ = [
    "NamedQuery",
    "Param",
    "ParameterError",
    "available",
    "bind",
    "catalogue",
    "find",
    "prepared",
    "run_named",
    "specialise",
]
