"""Gazetteers, read once from data files (kg/data/gazetteer/ and the ontology's reference CSVs).

Nothing here is tuned to a particular release: names, adjectives, cities, posts, titles,
meeting types and the cooperation-area vocabulary with its alternative labels.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import lru_cache

from ...model.parties import parties as all_parties
from ...resources import data, ontology_files, reference_csv


def _rows(name: str):
    with (data() / "gazetteer" / name).open(encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if line.strip() and not line.startswith("#"):
                yield line.split("\t")


def alternation(words, boundary=True) -> str:
    """Longest first, so 'Republic of Korea' wins over 'Korea'."""
    alts = "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))
    return rf"(?<![\w-])(?:{alts})(?![\w])" if boundary else f"(?:{alts})"


@dataclass
class Gazetteer:
    parties: dict  # code -> Party
    name_to_code: dict  # lower-cased name or adjective -> code
    party_re: re.Pattern  # any name of a state/organisation (not adjectives)
    adjective_re: re.Pattern
    partner_name_re: re.Pattern  # names of non-members only
    partner_alt: str  # the same names as a bare alternation, to compose 'ASEAN-Russia'
    cities: dict  # lower-cased city or alias -> (display, country)
    city_re: re.Pattern
    honorifics: list
    honorific_re: re.Pattern
    post_re: re.Pattern
    meeting_types: list  # (compiled regex, level, acronym)
    meeting_type_re: str
    area_pillars: dict
    area_terms: dict  # normalised token tuple -> area id (lower case terms)
    area_acronyms: dict  # exact token tuple -> area id (acronyms match case-sensitively)
    area_max_len: int
    area_lengths: dict  # first token -> term lengths starting with it, longest first
    not_names: frozenset  # lower-cased words never part of a person's name (negative lexicon)

    def code(self, name: str) -> str | None:
        return self.name_to_code.get(norm(name))

    def is_member(self, code: str | None) -> bool:
        return code is not None and code in self.parties and self.parties[code].kind == "member"


def norm(s: str) -> str:
    return (
        re.sub(
            r"\s+",
            " ",
            s.replace("’", "'").replace("the ", "", 1) if s.lower().startswith("the ") else s.replace("’", "'"),
        )
        .strip()
        .lower()
    )


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    parties, name_to_code = {}, {}
    names, adjs, partner_names = [], [], []
    for code, party in all_parties().items():
        kind, ns, ads = party.kind, party.names, party.adjectives
        parties[code] = party
        for n in ns:
            name_to_code.setdefault(norm(n), code)
            names.append(n)
            if kind != "member":
                partner_names.append(n)
        for a in ads:
            name_to_code.setdefault(norm(a), code)
            adjs.append(a)
    cities, city_names = {}, []
    for row in _rows("cities.tsv"):
        display, country = row[0], row[1]
        for n in [display] + (row[2].split("|") if len(row) > 2 and row[2] else []):
            cities[n.lower()] = (display, country)
            city_names.append(n)
    honorifics = [r[0] for r in _rows("honorifics.txt")]
    posts = [r[0] for r in _rows("posts.txt")]
    mtypes = [(re.compile(r[0], re.I), r[1], r[2] if len(r) > 2 and r[2] else None) for r in _rows("meeting_types.tsv")]
    area_pillars, all_terms = {}, []
    extra_terms = list(_rows("area_terms.tsv"))
    with reference_csv("cooperation_areas.csv").open(encoding="utf-8") as f:
        for r in csv.DictReader(f):
            terms = [r["label"]] + [a.strip() for a in r["alt_labels"].split(";") if a.strip()]
            extra = [row[1] for row in extra_terms if row[0] == r["id"]]
            terms = [t for t in terms + extra if len(t) > 2]
            pillars = [p.strip() for p in r["pillars"].split("|")]
            area_pillars[r["id"]] = pillars
            all_terms += [(t, r["id"]) for t in terms]
    # terms are looked up as token n-grams: one dictionary probe per position and length
    area_terms, area_acronyms = {}, {}
    for term, area in all_terms:
        if term.isupper() and len(term) <= 6:
            area_acronyms.setdefault(tuple(t for t, _, _ in term_tokens(term, lower=False)), area)
        else:
            area_terms.setdefault(tuple(t for t, _, _ in term_tokens(term)), area)
    area_max_len = max(len(k) for k in list(area_terms) + list(area_acronyms))
    area_lengths: dict = {}
    for k in list(area_terms) + list(area_acronyms):
        area_lengths.setdefault(k[0], set()).add(len(k))
    area_lengths = {t: sorted(ls, reverse=True) for t, ls in area_lengths.items()}
    # a city's name is one phrase: 'Ho Chi Minh City' must not make 'Minh' a non-name word
    lexicon_phrases = (
        names
        + adjs
        + [c for c in city_names if " " not in c.strip()]
        + posts
        + [t for t, _ in all_terms]
        + vocabulary_labels()
        + [w for r, _, _ in mtypes for w in re.findall(r"[A-Za-z][a-z]+", r.pattern)]
    )
    not_names = frozenset(
        negative_lexicon(lexicon_phrases) | {w.lower() for (w,) in _rows("not_names.txt")} | MONTH_AND_DAY_WORDS
    )
    return Gazetteer(
        parties,
        name_to_code,
        re.compile(alternation(names)),
        re.compile(alternation(adjs)),
        re.compile(alternation(partner_names)),
        alternation(partner_names, boundary=False) + r"(?![\w])",
        cities,
        re.compile(alternation(city_names)),
        honorifics,
        re.compile(alternation(honorifics, boundary=False)),
        re.compile(alternation(posts), re.I),
        mtypes,
        "|".join(r.pattern for r, _, _ in mtypes),
        area_pillars,
        area_terms,
        area_acronyms,
        area_max_len,
        area_lengths,
        not_names,
    )


MONTH_AND_DAY_WORDS = frozenset(
    [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
    ]
)


def negative_lexicon(phrases) -> set[str]:
    """The words of the project's own vocabulary labels, lower-cased: a person's name is never
    made of them. Words of one or two letters are left out (initials are names' business)."""
    out = set()
    for phrase in phrases:
        for w in re.findall(r"[^\W\d_]+", phrase):
            if len(w) >= 3 or (w.isupper() and len(w) >= 2):
                out.add(w.lower())
    return out


def vocabulary_labels() -> list[str]:
    """Labels the ontology and the reference data give to things that are not people: SKOS
    labels of the vocabularies, class and property labels, mechanism, plan and framework names."""
    labels = []
    for f in ontology_files():
        labels += re.findall(r'(?:skos:prefLabel|skos:altLabel|rdfs:label)\s+"([^"]+)"', f.read_text(encoding="utf-8"))
    for name, column in (
        ("mechanisms.csv", "mechanism_name"),
        ("plans_of_action.csv", "document_name"),
        ("framework_members.csv", "member_name"),
    ):
        with reference_csv(name).open(encoding="utf-8") as f:
            labels += [r[column] for r in csv.DictReader(f) if r.get(column)]
    return labels


TERM_TOKEN = re.compile(r"[^\W_]+")


def term_tokens(text: str, lower: bool = True) -> list[tuple[str, int, int]]:
    """Word tokens with offsets; lower-cased and with a plural 's' dropped, so 'SMEs' meets 'SME'
    and 'smart cities' meets 'smart city' only where both are listed ('cities' != 'city')."""
    out = []
    for m in TERM_TOKEN.finditer(text):
        t = m.group(0)
        if lower:
            t = t.lower()
            if len(t) > 3 and t.endswith("s") and not t.endswith("ss"):
                t = t[:-1]
        out.append((t, m.start(), m.end()))
    return out
