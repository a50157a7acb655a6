# Update: The facts of one source graph leave the current graph, unless another source states them too.
# Slots: graph -- the source graph (a release being replaced or retracted); release -- the IRI prefix of releases' own nodes
# A fact leaves with its last source: the other graphs are looked up through the quad index, fact by fact.
DELETE { GRAPH graph:current { ?s ?p ?o } } WHERE {
  GRAPH {graph} { ?s ?p ?o }
  FILTER(?p != akg:evidence && !STRSTARTS(STR(?s), {release}))
  FILTER NOT EXISTS {
    GRAPH ?other { ?s ?p ?o }
    FILTER(?other != {graph} && ?other NOT IN (graph:current, graph:inferred, graph:state, graph:next-current, graph:next-inferred, graph:disagreements))
  }
}
