# Update: Record that graph/disagreements no longer follows the release graphs (a write judges the disagreements it touched again next, and clears this).
INSERT DATA { GRAPH graph:state { graph:disagreements akg:stale true } }
