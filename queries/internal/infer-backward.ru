# Update: What the facts of a graph imply by inverse and symmetric properties (prp-inv1/2, prp-symp).
# Slots: source, target -- graphs; pairs -- (?p ?q) rows: a fact (y p n), n a node, implies (n q y)
# Param: n iri optional -- only consequences about these nodes (incremental maintenance)
INSERT { GRAPH {target} { ?n ?q ?y } } WHERE {
  VALUES (?p ?q) { {pairs} }
  GRAPH {source} { ?y ?p ?n }
  FILTER(!isLiteral(?n))
  FILTER NOT EXISTS { GRAPH graph:ontology { ?n ?tp ?to } }  # terms of the ontology describe no data
  FILTER NOT EXISTS { GRAPH {source} { ?n ?q ?y } }
}
