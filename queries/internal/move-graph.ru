# Update: Move a staged graph onto its target (the target's old content replaced, the stage dropped).
# Slots: source -- the staging graph; target -- the graph written
MOVE GRAPH {source} TO GRAPH {target}
