# Update: What the facts of a graph imply by subclasses and equivalent classes (cax-sco, cax-eqc).
# Slots: source, target -- graphs; pairs -- (?c ?d) rows: a fact (n a c) implies (n a d)
# Param: n iri optional -- only consequences about these nodes (incremental maintenance)
INSERT { GRAPH {target} { ?n a ?d } } WHERE {
  VALUES (?c ?d) { {pairs} }
  GRAPH {source} { ?n a ?c }
  FILTER NOT EXISTS { GRAPH graph:ontology { ?n ?tp ?to } }  # terms of the ontology describe no data
  FILTER NOT EXISTS { GRAPH {source} { ?n a ?d } }
}
