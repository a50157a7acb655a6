# Update: infer-backward for some candidate consequences only (incremental maintenance after a
# change): each row names a candidate (n q y) and a property, its premise, with (premise q) a rule pair.
# Slots: source, target -- graphs
# Param: n iri required -- the candidate's subject
# Param: premise iri required -- a premise property
# Param: q iri required -- the candidate's property
# Param: y term required -- the candidate's object
INSERT { GRAPH {target} { ?n ?q ?y } } WHERE {
  GRAPH {source} { ?y ?premise ?n }
  FILTER NOT EXISTS { GRAPH graph:ontology { ?n ?tp ?to } }  # terms of the ontology describe no data
  FILTER NOT EXISTS { GRAPH {source} { ?n ?q ?y } }
}
