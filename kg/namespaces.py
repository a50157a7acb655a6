"""Every namespace the project uses. No IRI string lives anywhere else in the code."""

from rdflib import Namespace, URIRef
from rdflib.namespace import DCTERMS, FOAF, OWL, PROV, RDF, RDFS, SH, SKOS, XSD

BASE = "https://w3id.org/aseankg/"

AKG = Namespace(BASE + "ontology#")  # classes and properties of our ontology
ID = Namespace(BASE)  # instances: partner/RU, meeting/..., person/...
VOCAB = Namespace(BASE + "vocab/")  # SKOS concepts: vocab/level/som, vocab/area/health
GRAPH = Namespace(BASE + "graph/")  # named graphs: graph/ontology, graph/release/<key>
STAGING = Namespace(BASE + "staging/")  # graphs written in parts, then moved whole (outside graph/)
SHAPES = Namespace(BASE + "shapes#")

ORG = Namespace("http://www.w3.org/ns/org#")
SCHEMA = Namespace("https://schema.org/")
WD = Namespace("http://www.wikidata.org/entity/")  # Wikidata entities
TIME = Namespace("http://www.w3.org/2006/time#")
OA = Namespace("http://www.w3.org/ns/oa#")
SEM = Namespace("http://semanticweb.cs.vu.nl/2009/11/sem/")
LODE = Namespace("http://linkedevents.org/ontology/")

ONTOLOGY_GRAPH = GRAPH["ontology"]
REFERENCE_GRAPH = GRAPH["reference"]
INFERRED_GRAPH = GRAPH["inferred"]  # OWL 2 RL consequences of the current graph
CURRENT_GRAPH = GRAPH["current"]  # every fact once, however many sources state it
STATE_GRAPH = GRAPH["state"]  # whether the derived graphs are up to date
NEXT_CURRENT = GRAPH["next-current"]  # where the derived graphs are rebuilt before they replace the old
NEXT_INFERRED = GRAPH["next-inferred"]
# where sources disagree: one node per subject and single-valued property given several values
DISAGREEMENTS_GRAPH = GRAPH["disagreements"]
RELEASE_GRAPH_PREFIX = str(GRAPH["release/"])
RELEASE_PREFIX = str(ID["release/"])  # releases, their load activities and evidence spans

SOFTWARE = ID["software/aseankg"]
# the judgement graph/disagreements was made by (kg/model/agreement.py): a new judgement gets a
# new IRI, and a store judged by another one judges again on its next read
AGREEMENT_RULE = ID["software/aseankg/agreement/2"]

PREFIXES = {
    "akg": AKG,
    "id": ID,
    "vocab": VOCAB,
    "graph": GRAPH,
    "org": ORG,
    "schema": SCHEMA,
    "time": TIME,
    "oa": OA,
    "sem": SEM,
    "lode": LODE,
    "prov": PROV,
    "skos": SKOS,
    "dcterms": DCTERMS,
    "wd": WD,
    "foaf": FOAF,
    "owl": OWL,
    "rdf": RDF,
    "rdfs": RDFS,
    "xsd": XSD,
    "sh": SH,
}


def expand(value: str) -> str:
    """A CURIE the CLI prints ('akg:...', 'id:meeting/...') as the IRI it stands for; anything
    else unchanged."""
    prefix, sep, local = value.partition(":")
    if sep and prefix in PREFIXES and not local.startswith("//"):
        return str(PREFIXES[prefix]) + local
    return value


def sparql_prologue() -> str:
    """PREFIX lines for every namespace, prepended to queries so .rq files may stay short."""
    return "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in PREFIXES.items())


def is_release_graph(iri) -> bool:
    return str(iri).startswith(RELEASE_GRAPH_PREFIX)


DERIVED_GRAPHS = (CURRENT_GRAPH, INFERRED_GRAPH, STATE_GRAPH, NEXT_CURRENT, NEXT_INFERRED, DISAGREEMENTS_GRAPH)


def is_source_graph(iri) -> bool:
    """Graphs that state facts (the ontology, the reference data, each release), as opposed to
    the graphs derived from them."""
    return iri not in DERIVED_GRAPHS


__all__ = [n for n in dir() if n.isupper()] + ["URIRef", "sparql_prologue", "is_release_graph"]
