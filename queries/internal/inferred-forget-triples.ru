# Update: Forget some inferred triples (the candidates a change may have made or unmade), before
# inferring them again from the current facts.
# Param: s iri required -- subject; p iri required -- predicate; o term required -- object
DELETE { GRAPH graph:inferred { ?s ?p ?o } } WHERE { GRAPH graph:inferred { ?s ?p ?o } }
