"""Typed parameter values: what a user types on the command line (or passes in Python) becomes
an RDF term of the right type, or a one-line error saying what is expected."""

from __future__ import annotations

import datetime as dt
import re

from rdflib import Literal, URIRef

from .. import mint
from ..namespaces import XSD, expand


class ParameterError(ValueError):
    """A parameter is unknown or malformed; the message names it and what is expected."""


DATE_EXPECTED = "expected a real date: YYYY, YYYY-MM or YYYY-MM-DD"


def to_date(v: str):
    v = str(v).strip()
    if v == "today":
        return Literal(dt.date.today().isoformat(), datatype=XSD.date)
    if not re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", v):
        raise ValueError(DATE_EXPECTED)
    y, m, d = (v.split("-") + [None, None])[:3]
    try:
        dt.date(int(y), int(m or 1), int(d or 1))
    except ValueError:
        raise ValueError(f"{DATE_EXPECTED} ({v} is not in the calendar)") from None
    return mint.date_literal(v)


def to_year(v: str):
    if not re.fullmatch(r"\d{4}", str(v).strip()):
        raise ValueError("expected a four-digit year")
    return Literal(int(v), datatype=XSD.integer)


def to_int(v: str):
    if not re.fullmatch(r"-?\d+", str(v).strip()):
        raise ValueError("expected an integer")
    return Literal(int(v), datatype=XSD.integer)


def to_code(v: str):
    from ..model.reference import actor, member_codes, partner_names

    v = str(v).strip().upper()
    if v not in partner_names() and v not in member_codes() and v != "ASEAN":
        raise ValueError("expected a partner or member code such as RU, EU, PH")
    return actor(v)


def to_iri(v: str):
    v = expand(str(v).strip())
    if not re.match(r"^[a-z][a-z0-9+.-]*:[^\s<>\"{}|\\^`]+$", v, re.I):
        raise ValueError("expected an absolute IRI or a CURIE such as id:meeting/asean-russia-som/17")
    return URIRef(v)


def to_concept(scheme: str):
    def conv(v: str):
        from ..model.vocab import codes, concept

        if v not in codes(scheme):
            raise ValueError(f"expected a {scheme} code: {', '.join(sorted(codes(scheme)))}")
        return concept(scheme, v)

    return conv


def to_string(v: str):
    return Literal(str(v))


def to_anyuri(v: str):
    """A URL as a literal typed xsd:anyURI (how releases' urls are stored)."""
    return Literal(str(v), datatype=XSD.anyURI)


CONVERTERS = {
    "date": to_date,
    "year": to_year,
    "int": to_int,
    "code": to_code,
    "iri": to_iri,
    "string": to_string,
    "anyuri": to_anyuri,
    "level": to_concept("level"),
    "framework": to_concept("framework"),
}


def convert(kind: str, value):
    """The typed term of a value of this kind (a person is looked up: kg/questions/people.py)."""
    return CONVERTERS[kind](value)
