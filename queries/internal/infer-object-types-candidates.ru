# Update: infer-object-types for some candidate types only (incremental maintenance after a
# change): each row names a candidate (n a c) and a property, its premise, with (premise c) a rule pair.
# Slots: source, target -- graphs
# Param: n iri required -- the candidate's node
# Param: premise iri required -- a premise property
# Param: c iri required -- the candidate's class
INSERT { GRAPH {target} { ?n a ?c } } WHERE {
  FILTER EXISTS { GRAPH {source} { ?y ?premise ?n } }
  FILTER NOT EXISTS { GRAPH graph:ontology { ?n ?tp ?to } }  # terms of the ontology describe no data
  FILTER NOT EXISTS { GRAPH {source} { ?n a ?c } }
}
