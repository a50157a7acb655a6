# Update: What the facts of a graph imply by property domains (prp-dom, with subproperties, inverses and superclasses).
# Slots: source, target -- graphs; pairs -- (?p ?c) rows: a fact (n p y) implies (n a c)
# Param: n iri optional -- only consequences about these nodes (incremental maintenance)
INSERT { GRAPH {target} { ?n a ?c } } WHERE {
  VALUES (?p ?c) { {pairs} }
  GRAPH {source} { ?n ?p ?y }
  FILTER NOT EXISTS { GRAPH graph:ontology { ?n ?tp ?to } }  # terms of the ontology describe no data
  FILTER NOT EXISTS { GRAPH {source} { ?n a ?c } }
}
