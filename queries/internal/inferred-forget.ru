# Update: Forget what was inferred about some nodes, before inferring it again from the current facts.
# Param: n iri required -- the nodes a change touched
DELETE { GRAPH graph:inferred { ?n ?p ?o } } WHERE { GRAPH graph:inferred { ?n ?p ?o } }
