# Update: Remove some triples from a graph and add others, in one transaction (a derived graph brought up to date).
# Slots: graph -- the graph; gone -- triples to remove; added -- triples to add
DELETE DATA { GRAPH {graph} {
{gone}
} } ;
INSERT DATA { GRAPH {graph} {
{added}
} }
