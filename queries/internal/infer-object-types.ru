# Update: What the facts of a graph imply by property ranges (prp-rng, with subproperties, inverses and superclasses).
# Slots: source, target -- graphs; pairs -- (?p ?c) rows: a fact (y p n), n a node, implies (n a c)
# Param: n iri optional -- only consequences about these nodes (incremental maintenance)
INSERT { GRAPH {target} { ?n a ?c } } WHERE {
  VALUES (?p ?c) { {pairs} }
  GRAPH {source} { ?y ?p ?n }
  FILTER(!isLiteral(?n))
  FILTER NOT EXISTS { GRAPH graph:ontology { ?n ?tp ?to } }  # terms of the ontology describe no data
  FILTER NOT EXISTS { GRAPH {source} { ?n a ?c } }
}
