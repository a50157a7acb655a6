# Update: Copy one graph into another (the target's old content replaced).
# Slots: source -- the graph copied; target -- the graph written
COPY SILENT GRAPH {source} TO {target}
