"""The controlled vocabularies, read from ontology/vocab.ttl (and the cooperation areas from
ontology/reference/cooperation_areas.csv): the one source of every code the project uses.

`codes('level')` -> {'summit', 'ministerial', ...}; `concept('framework', 'ASEAN+1')` -> its IRI.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import cache

from rdflib import URIRef

from .. import mint
from ..resources import ontology, reference_csv

NOTATION = re.compile(r'skos:notation\s+"([^"]+)"')


@cache
def schemes() -> dict[str, dict[str, URIRef]]:
    """scheme -> {notation: concept IRI}. vocab.ttl writes one concept per statement, so its
    notations are read without a full Turtle parse (this runs in every extraction worker)."""
    text = (ontology() / "vocab.ttl").read_text(encoding="utf-8")
    out: dict[str, dict[str, URIRef]] = {}
    for statement in re.split(r"(?<=\.)\s*\n(?=v:|\S)", text):
        m = re.match(r"\s*v:(?P<scheme>[\w-]+)\\/(?P<local>[\w+.-]+)\s+a\s+skos:Concept\b", statement)
        if not m:
            continue
        notation = NOTATION.search(statement)
        if notation:
            out.setdefault(m.group("scheme"), {})[notation.group(1)] = mint.concept_iri(
                m.group("scheme"), m.group("local")
            )
    out["pillar"] = dict(out.get("area", {}))  # the area scheme's top concepts, written in vocab.ttl
    with reference_csv("cooperation_areas.csv").open(encoding="utf-8") as f:
        for row in csv.DictReader(f):
            out.setdefault("area", {})[row["id"]] = mint.area(row["id"])
    return out


def codes(scheme: str) -> frozenset[str]:
    return frozenset(schemes().get(scheme, {}))


def concept(scheme: str, code: str) -> URIRef:
    """The concept of a code; a code the vocabulary lacks is an error, never a new IRI."""
    try:
        return schemes()[scheme][code]
    except KeyError:
        raise ValueError(f"{code!r} is not a code of the {scheme} vocabulary") from None


def pillar_codes() -> frozenset[str]:
    """The three ASEAN Community pillars: the cooperation-area scheme's top concepts."""
    return codes("pillar")


def area_codes() -> frozenset[str]:
    """Cooperation areas proper (the pillars are the area scheme's top concepts)."""
    return codes("area") - pillar_codes()


DISPLAY = re.compile(
    r"^v:(?P<scheme>[\w-]+)\\/(?P<local>[\w+.-]+)\s+akg:displayRank\s+(?P<rank>\d+)(?P<rest>[^\n]*)\.\s*$", re.M
)


@dataclass(frozen=True)
class Display:
    """How a concept is shown: its rank in its scheme (1 first), colour and series words."""

    code: str
    rank: int
    colour: str | None = None
    series_label: str | None = None


@cache
def display(scheme: str) -> dict[str, Display]:
    """code -> Display for a scheme, in rank order (from vocab.ttl's display annotations)."""
    text = (ontology() / "vocab.ttl").read_text(encoding="utf-8")
    by_local = {str(iri).rsplit("/", 1)[-1]: code for code, iri in schemes().get(scheme, {}).items()}
    out = []
    for m in DISPLAY.finditer(text):
        if m.group("scheme") != (scheme if scheme != "pillar" else "area"):
            continue
        colour = re.search(r'akg:displayColour\s+"([^"]+)"', m.group("rest"))
        label = re.search(r'akg:seriesLabel\s+"([^"]+)"', m.group("rest"))
        code = by_local.get(m.group("local"), m.group("local"))
        out.append(Display(code, int(m.group("rank")), colour and colour.group(1), label and label.group(1)))
    return {d.code: d for d in sorted(out, key=lambda d: d.rank)}
