# Update: Drop one named graph (silently when absent).
# Slots: graph -- the graph's IRI
DROP SILENT GRAPH {graph}
