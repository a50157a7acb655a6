# Update: A release found under another path keeps its graph and takes the new file name.
# Slots: graph -- its graph; release -- its IRI; file -- the new path (a literal)
DELETE { GRAPH {graph} { {release} akg:fileName ?old } } INSERT { GRAPH {graph} { {release} akg:fileName {file} } }
WHERE { OPTIONAL { GRAPH {graph} { {release} akg:fileName ?old } } }
