"""The parties ASEAN deals with, as the project names them: members, partners and other
organisations, each with its code, kind, names (the first is the display name) and adjectives,
read from kg/data/gazetteer/parties.tsv. Extraction matches these names in text; assertion
labels parties the reference data does not describe."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from ..resources import data


@dataclass(frozen=True)
class Party:
    code: str
    kind: str  # member | partner | other
    names: tuple
    adjectives: tuple

    @property
    def display_name(self) -> str:
        return self.names[0]


@cache
def parties() -> dict[str, Party]:
    """code -> Party, in the file's order."""
    out = {}
    with (data() / "gazetteer" / "parties.tsv").open(encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line.strip() or line.startswith("#"):
                continue
            row = line.split("\t")
            adjectives = tuple(row[3].split("|")) if len(row) > 3 and row[3] else ()
            out[row[0]] = Party(row[0], row[1], tuple(row[2].split("|")), adjectives)
    return out


def display_name(code: str) -> str:
    """The name a party is shown by; its code when the project has none."""
    party = parties().get(code)
    return party.display_name if party else code
