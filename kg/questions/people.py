"""People a parameter names: an IRI or CURIE, a name in any variant a release used, or a
surname alone (every person with that surname, and no one else)."""

from __future__ import annotations

from rdflib import URIRef

from ..model.names import name_key, name_words, surname_of
from ..namespaces import expand
from ..resources import sparql


def person_iris(store, value: str) -> list[URIRef]:
    value = expand(value.strip())
    if value.startswith(("http://", "https://")):
        return [URIRef(value)]
    key = name_key(value)
    words = name_words(value)
    hits = set()
    for row in store.select(sparql("persons")).dicts():
        name = str(row["name"])
        if (key is not None and name_key(name) == key) or (key is None and words and words[-1] in surname_of(name)):
            hits.add(row["person"])
    if not hits:
        raise LookupError(f"no person named {value!r} in the store")
    return sorted(hits)
