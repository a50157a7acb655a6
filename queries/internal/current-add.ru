# Update: The facts of one source graph enter the current graph (a fact already there stays once).
# Slots: graph -- the source graph; release -- the IRI prefix of releases' own nodes (provenance, not facts)
INSERT { GRAPH graph:current { ?s ?p ?o } } WHERE {
  GRAPH {graph} { ?s ?p ?o }
  FILTER(?p != akg:evidence && !STRSTARTS(STR(?s), {release}))
}
