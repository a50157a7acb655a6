# Update: Record that graph/disagreements follows graph/current and the release graphs again, judged by this rule.
# Slots: rule -- the IRI of the judgement that made it (kg/namespaces.py AGREEMENT_RULE)
# It also says what it derives from: an absent graph/disagreements is then one never built (a
# store made before it existed, which the next reader builds), not one where nobody disagrees;
# and one judged by another rule (an earlier version's) is judged again by the next reader.
DELETE WHERE { GRAPH graph:state { graph:disagreements akg:stale ?v } } ;
DELETE WHERE { GRAPH graph:disagreements { graph:disagreements dcterms:conformsTo ?rule } } ;
INSERT DATA { GRAPH graph:disagreements { graph:disagreements prov:wasDerivedFrom graph:current ; dcterms:conformsTo {rule} } }
