"""When values releases give one single-valued property disagree (kg/model/agreement.py)."""

import pytest
from rdflib import XSD, Literal, URIRef

from kg.model.agreement import agree, disagree


@pytest.mark.parametrize(
    "a, b",
    [
        (Literal("2014", datatype=XSD.gYear), Literal("2014-12-16", datatype=XSD.date)),
        (Literal("2023-07", datatype=XSD.gYearMonth), Literal("2023-07-13", datatype=XSD.date)),
        ("Deputy Minister for Foreign Affairs", "Deputy Minister of Foreign Affairs of the Kingdom of Norway"),
        (
            "Second Permanent Secretary, Ministry of Foreign Affairs",
            "Second Permanent Secretary of the Ministry of Foreign Affairs",
        ),
        ("Vice Foreign Minister", "Vice Minister of Foreign Affairs of Chile"),
        ("Director-General", "Director-General for ASEAN Affairs"),
        ("Ambassador", "Ambassador"),
        (
            URIRef("https://w3id.org/aseankg/vocab/action/mentioned"),
            URIRef("https://w3id.org/aseankg/vocab/action/adopted"),
        ),
    ],
)
def test_values_that_say_more_or_less_of_one_thing_agree(a, b):
    a, b = (Literal(x) if type(x) is str else x for x in (a, b))
    assert agree(a, b) and agree(b, a)
    assert not disagree([a, b])


@pytest.mark.parametrize(
    "a, b",
    [
        (Literal("1995-12", datatype=XSD.gYearMonth), Literal("1996", datatype=XSD.gYear)),
        (Literal("2021-10", datatype=XSD.gYearMonth), Literal("2021-11-22", datatype=XSD.date)),
        (Literal("2024-03-04", datatype=XSD.date), Literal("2024-03-06", datatype=XSD.date)),
        (Literal(6), Literal(16)),
        ("Secretary", "Secretary-General"),  # a hyphenated post is one word
        ("Minister", "Deputy Minister"),
        ("Assistant Secretary of the Department of Foreign Affairs", "Senior Officials' Meeting Leader"),
        (URIRef("https://w3id.org/aseankg/vocab/role/chair"), URIRef("https://w3id.org/aseankg/vocab/role/co-chair")),
        (
            URIRef("https://w3id.org/aseankg/vocab/action/adopted"),
            URIRef("https://w3id.org/aseankg/vocab/action/noted"),
        ),
    ],
)
def test_values_that_cannot_both_be_true_disagree(a, b):
    a, b = (Literal(x) if type(x) is str else x for x in (a, b))
    assert not agree(a, b)
    assert disagree([a, b])


def test_a_value_that_agrees_with_two_does_not_reconcile_them():
    year, one_day, other_day = (Literal(v) for v in ("2019", "2019-08-01", "2019-08-02"))
    assert not disagree([year, one_day])
    assert disagree([year, one_day, other_day])
