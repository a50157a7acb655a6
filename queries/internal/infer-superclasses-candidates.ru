# Update: infer-superclasses for some candidate types only (incremental maintenance after a
# change): each row names a candidate (n a d) and a class c with (c d) a rule pair.
# Slots: source, target -- graphs
# Param: n iri required -- the candidate's node
# Param: c iri required -- a premise class
# Param: d iri required -- the candidate's class
INSERT { GRAPH {target} { ?n a ?d } } WHERE {
  GRAPH {source} { ?n a ?c }
  FILTER NOT EXISTS { GRAPH graph:ontology { ?n ?tp ?to } }  # terms of the ontology describe no data
  FILTER NOT EXISTS { GRAPH {source} { ?n a ?d } }
}
