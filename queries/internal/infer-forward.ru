# Update: What the facts of a graph imply by subproperties and equivalent properties (prp-spo1, prp-eqp).
# Slots: source, target -- graphs; pairs -- (?p ?q) rows: a fact (n p y) implies (n q y)
# Param: n iri optional -- only consequences about these nodes (incremental maintenance)
INSERT { GRAPH {target} { ?n ?q ?y } } WHERE {
  VALUES (?p ?q) { {pairs} }
  GRAPH {source} { ?n ?p ?y }
  FILTER NOT EXISTS { GRAPH graph:ontology { ?n ?tp ?to } }  # terms of the ontology describe no data
  FILTER NOT EXISTS { GRAPH {source} { ?n ?q ?y } }
}
