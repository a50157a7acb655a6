# Update: Replace one named graph with the triples given.
# Slots: graph -- the graph's IRI; data -- its triples (N-Triples of typed terms)
# One update request, so a server applies it whole or not at all.
DROP SILENT GRAPH {graph} ;
INSERT DATA { GRAPH {graph} {
{data}
} }
