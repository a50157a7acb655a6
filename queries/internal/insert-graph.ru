# Update: Add triples to one named graph.
# Slots: graph -- the graph's IRI; data -- the triples (N-Triples of typed terms)
INSERT DATA { GRAPH {graph} {
{data}
} }
