"""When two values releases give one subject's single-valued property disagree.

Two values agree when one says less than the other: a date given to the year or the month agrees
with a day in it ("2014" and "2014-12-16"), and a post agrees with the same post stated with more
words after it ("Vice Minister for Foreign Affairs" and "Vice Minister of Foreign Affairs of the
Republic of Chile"), and a concept agrees with a narrower one (a document "mentioned" and
"adopted": vocab.ttl makes every action narrower than mentioning). Of the 19 disagreements the
project found in 87 real releases, six were only that. Other values that are not literals (a
role, a modality, a place) agree only when equal.

The comparison is by words: lower case, punctuation and the words that vary between publishers'
wordings of one post ("the", "of", "for") dropped, and the wordings of
kg/data/gazetteer/post_wordings.tsv made one ("Assistant Foreign Minister" is "Assistant Minister
of Foreign Affairs").

graph/disagreements records which judgement made it (AGREEMENT_RULE, kg/namespaces.py): a change
to what agrees gets a new IRI there, and stores judged by the old one are judged again on their
next read (kg/model/derived.py).
"""

from __future__ import annotations

import re
from functools import cache
from itertools import combinations

from rdflib import Literal

from ..resources import data
from .ontology import broader_concepts

GLUE_WORDS = frozenset({"the", "of", "for"})
NOT_A_WORD = re.compile(r"[^\w-]+|_|(?<!\w)-|-(?!\w)")  # a hyphen inside a word stays: "Secretary-General"
ISO_DATE = re.compile(r"\d{4}(?:-\d\d){0,2}")


@cache
def wordings() -> tuple[tuple[str, str], ...]:
    """(a wording, the one it is compared as), both as words, longest first."""
    pairs = []
    with (data() / "gazetteer" / "post_wordings.tsv").open(encoding="utf-8") as f:
        for line in f:
            if line.strip() and not line.startswith("#"):
                wording, same_as = line.rstrip("\n").split("\t")
                pairs.append((" ".join(words(wording)), " ".join(words(same_as))))
    return tuple(sorted(pairs, key=lambda p: -len(p[0])))


def words(text: str) -> list[str]:
    return [w for w in NOT_A_WORD.sub(" ", text.lower()).split() if w not in GLUE_WORDS]


def compared_as(value) -> str | None:
    """The words a literal value is compared by (None for an IRI: compared whole)."""
    if not isinstance(value, Literal):
        return None
    if ISO_DATE.fullmatch(str(value)):
        return str(value).replace("-", " ")  # year, month, day: "2014" says less than "2014-12-16"
    text = " " + " ".join(words(str(value))) + " "
    for wording, same_as in wordings():
        text = text.replace(f" {wording} ", f" {same_as} ")
    return text.strip()


def agree(a, b) -> bool:
    """Both can be true of one subject: equal, or one says less than the other (its words are
    the other's first words)."""
    if a == b:
        return True
    ka, kb = compared_as(a), compared_as(b)
    if ka is None or kb is None:
        broader = broader_concepts()
        return a in broader.get(b, ()) or b in broader.get(a, ())
    short, long = sorted((ka, kb), key=len)
    return long == short or long.startswith(short + " ")


def disagree(values) -> bool:
    """Two of these values cannot both be true."""
    return any(not agree(a, b) for a, b in combinations(set(values), 2))
