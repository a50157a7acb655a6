"""How people's names are compared: the same person across variants ('Igor V. Morgulov',
'MORGULOV Igor', 'DFM Morgulov'). Resolution mints person IRIs by these keys; questions look
people up by them."""

from __future__ import annotations

import re
import unicodedata

TITLE_WORDS = {
    "h",
    "e",
    "he",
    "mr",
    "ms",
    "mrs",
    "dr",
    "prof",
    "amb",
    "ambassador",
    "dato",
    "datuk",
    "u",
    "daw",
    "dfm",
    "fm",
    "pm",
    "sg",
    "dsg",
    "minister",
    "deputy",
    "president",
    "premier",
    "sir",
    "hon",
}


def name_tokens(name: str) -> list[str]:
    """Lower-cased word tokens of a name, accents and titles dropped."""
    s = unicodedata.normalize("NFKD", name)
    s = "".join(c for c in s if not unicodedata.combining(c)).lower()
    return [t for t in re.findall(r"[a-z0-9]+(?:-[a-z0-9]+)*", s) if t not in TITLE_WORDS]


def name_words(name: str) -> list[str]:
    """The tokens that identify: initials (one letter) dropped."""
    return [t for t in name_tokens(name) if len(t) > 1]


def name_key(name: str) -> tuple[str, str] | None:
    """First and last name in a fixed order, middle names and initials dropped: 'Igor V.
    Morgulov' and 'MORGULOV Igor' -> ('igor', 'morgulov'). None for a surname alone."""
    toks = name_words(name)
    if len(toks) >= 2:
        return tuple(sorted((toks[0], toks[-1])))
    return None


def surname_of(name: str) -> set[str]:
    """The tokens that may be a surname: the last, or the first when written surname-first."""
    toks = name_words(name)
    return {toks[0], toks[-1]} if len(toks) >= 2 else set(toks)
