"""Hostile releases, generated from the project's own vocabularies (every cue list and gazetteer
entry), so new rules meet them as soon as they are added: repetitions of every cue with every
separator, the glued partner chain, very long lines, deep brackets and quotes, and huge inputs.
Used by tests/test_hostile.py and by bench/fuzz.py."""

from __future__ import annotations

import csv
from importlib.resources import files

GAZETTEER = files("kg") / "data" / "gazetteer"
CUES = files("kg") / "data" / "cues"
SEPARATORS = ("", " ", "-", ", ", " and ", "\n", "’s ", " (", ") ")


def phrases() -> list[str]:
    """Every cue and gazetteer phrase the extractor matches on."""
    out = set()
    for entry in list(CUES.iterdir()) + list(GAZETTEER.iterdir()):
        if not entry.name.endswith((".txt", ".tsv")):
            continue
        for line in entry.read_text(encoding="utf-8").splitlines():
            if not line.strip() or line.startswith("#"):
                continue
            first = next(csv.reader([line], delimiter="\t"))[0] if entry.name.endswith(".tsv") else line
            if first.strip():
                out.add(first.strip())
    return sorted(out)


FIXED = {
    "partner chain": lambda n: "ASEAN-" * n + "Russia Summit",
    "framework chain": lambda n: "ASEAN Plus Three " * n + "Summit",
    "ordinal chain": lambda n: "the 1st " * n + "ASEAN-Japan Summit",
    "long line": lambda n: ("the ASEAN-China Senior Officials' Meeting on the Plan of Action " * n).strip(),
    "brackets": lambda n: "(" * n + "ASEAN-Japan Summit" + ")" * n,
    "quotes": lambda n: '“‘"' * n + "Declaration on the ASEAN-Japan Partnership" + '"’”' * n,
    "capitals": lambda n: "H.E. Mr. " + "WANG " * n + "Yi, Minister of Foreign Affairs",
    "dates": lambda n: "on 1-2-3-4-5 " * n + "January 2021",
    "names": lambda n: "co-chaired by " + ", ".join(["Ms. Ana Cruz, Director-General"] * n),
    "instruments": lambda n: "adopted the " + " on the ".join(["Plan of Action"] * n),
}


def cue_repetitions(n: int):
    """(label, body) for every phrase repeated n times with each separator."""
    for phrase in phrases():
        for sep in SEPARATORS:
            yield f"{phrase!r} x{n} sep {sep!r}", sep.join([phrase] * n)


def fixed(n: int):
    for label, make in FIXED.items():
        yield label, make(n)


def release_text(body: str, title: str = "ASEAN-Japan Summit") -> str:
    return f"url: https://example.org/hostile\npublisher: Test\n\n{title}\nJAKARTA, 3 March 2024 – {body}\n"
