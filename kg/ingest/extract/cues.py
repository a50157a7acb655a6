"""Cue words, read from kg/data/cues/*.txt (one regex alternative per line, '#' comments).

`cue(name)` matches any alternative as whole words, case-insensitively; `alternation(name)`
gives the bare alternation for rules that compose it into a larger pattern.
"""

from __future__ import annotations

import re
from functools import cache

from ...resources import data


@cache
def lines(name: str) -> tuple[str, ...]:
    text = (data() / "cues" / f"{name}.txt").read_text(encoding="utf-8")
    return tuple(line.strip() for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#"))


@cache
def alternation(name: str) -> str:
    return "|".join(f"(?:{alt})" for alt in lines(name))


@cache
def cue(name: str) -> re.Pattern:
    return re.compile(rf"(?<![\w-])(?:{alternation(name)})(?![\w])", re.I)


@cache
def line_opener(name: str) -> re.Pattern:
    """The cue opening a line (after a bullet), case as written: 'ABOUT ASEAN', 'Read more'."""
    return re.compile(rf"^(?:[-•–—]\s*)?(?:{alternation(name)})")
