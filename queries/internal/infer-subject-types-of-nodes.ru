# Update: infer-subject-types for a few nodes only (incremental maintenance), asked with EXISTS
# (see infer-object-types-of-nodes).
# Slots: source, target -- graphs; pairs -- (?p ?c) rows: a fact (n p y) implies (n a c)
# Param: n iri required -- the nodes a change touched
INSERT { GRAPH {target} { ?n a ?c } } WHERE {
  VALUES (?p ?c) { {pairs} }
  FILTER EXISTS { GRAPH {source} { ?n ?p ?y } }
  FILTER NOT EXISTS { GRAPH graph:ontology { ?n ?tp ?to } }  # terms of the ontology describe no data
  FILTER NOT EXISTS { GRAPH {source} { ?n a ?c } }
}
