# Update: Rename nodes in every graph, as subject and as object.
# Rows: old iri, new iri -- each node and its canonical IRI
# Resolution merged a node with another source's and found it a better IRI (an edition, an earlier
# day, a person's full name). Subjects are renamed first, then objects, so a triple naming two
# renamed nodes is renamed whole.
DELETE { GRAPH ?g { ?old ?p ?o } } INSERT { GRAPH ?g { ?new ?p ?o } }
WHERE { GRAPH ?g { ?old ?p ?o } } ;
DELETE { GRAPH ?g { ?s ?p ?old } } INSERT { GRAPH ?g { ?s ?p ?new } }
WHERE { GRAPH ?g { ?s ?p ?old } }
