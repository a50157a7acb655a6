# Update: infer-object-types for a few nodes only (incremental maintenance): whether a node is the
# object of a property is asked with EXISTS, which stops at the first fact, where matching every
# fact would walk all the meetings a partner took part in.
# Slots: source, target -- graphs; pairs -- (?p ?c) rows: a fact (y p n), n a node, implies (n a c)
# Param: n iri required -- the nodes a change touched
INSERT { GRAPH {target} { ?n a ?c } } WHERE {
  VALUES (?p ?c) { {pairs} }
  FILTER(!isLiteral(?n))
  FILTER EXISTS { GRAPH {source} { ?y ?p ?n } }
  FILTER NOT EXISTS { GRAPH graph:ontology { ?n ?tp ?to } }  # terms of the ontology describe no data
  FILTER NOT EXISTS { GRAPH {source} { ?n a ?c } }
}
