# Update: Build a current graph from every source graph (the full rebuild incremental maintenance is checked against).
# Slots: target -- the graph to fill; release -- the IRI prefix of releases' own nodes (provenance, not facts)
INSERT { GRAPH {target} { ?s ?p ?o } } WHERE {
  GRAPH ?g { ?s ?p ?o }
  FILTER(STRSTARTS(STR(?g), STR(graph:)))  # the project's graphs only: a shared server has others
  FILTER(?g NOT IN (graph:current, graph:inferred, graph:state, graph:next-current, graph:next-inferred, graph:disagreements))
  FILTER(?p != akg:evidence && !STRSTARTS(STR(?s), {release}))
}
