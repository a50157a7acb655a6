# Update: The disagreements about these subjects and properties found again: forgotten, then recorded where release graphs give the subject several values of the property.
# Rows: d, s, p -- the disagreement's IRI (kg/mint.py), its subject and single-valued property
# Slots: release -- the IRI prefix of releases; releaseGraph -- the IRI prefix of their graphs
# Only values a release states count (the reference data keeps its alternative claims apart, and
# the conflicts question reads them there). Each value is looked up, subject and property bound,
# in the quad index: the graphs holding it are its releases.
DELETE { GRAPH graph:disagreements { ?old ?x ?y } }
WHERE { GRAPH graph:disagreements { ?old akg:disputedSubject ?s ; akg:disputedProperty ?p ; ?x ?y } } ;
INSERT {
  GRAPH graph:disagreements {
    ?d a akg:Disagreement ; akg:disputedSubject ?s ; akg:disputedProperty ?p ; akg:disputedValue ?o ;
       prov:wasDerivedFrom ?source .
  }
}
WHERE {
  { SELECT ?s ?p WHERE {
      GRAPH ?vg { ?s ?p ?v }
      FILTER(STRSTARTS(STR(?vg), {releaseGraph}))
    } GROUP BY ?s ?p HAVING (COUNT(DISTINCT ?v) > 1) }
  GRAPH ?g { ?s ?p ?o }
  FILTER(STRSTARTS(STR(?g), {releaseGraph}))
  BIND(IRI(CONCAT({release}, STRAFTER(STR(?g), {releaseGraph}))) AS ?release)
  OPTIONAL { GRAPH ?g { ?release schema:url ?url } }
  BIND(COALESCE(IRI(STR(?url)), ?release) AS ?source)  # the page read, where the release names it
}
