# Update: Forget the disagreements recorded about these subjects and properties (they are found again).
# Rows: s, p -- subjects and single-valued properties a write touched
DELETE { GRAPH graph:disagreements { ?old ?x ?y } }
WHERE { GRAPH graph:disagreements { ?old akg:disputedSubject ?s ; akg:disputedProperty ?p ; ?x ?y } }
