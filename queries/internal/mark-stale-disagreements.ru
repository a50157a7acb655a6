# Update: Record that graph/disagreements no longer follows the release graphs (a write's pairs, or the whole graph, are judged again next, and the mark cleared).
INSERT DATA { GRAPH graph:state { graph:disagreements akg:stale true } }
