# Update: Record that graph/disagreements follows graph/current and the release graphs again.
# It also says what it derives from: an absent graph/disagreements is then one never built (a
# store made before it existed, which the next reader builds), not one where nobody disagrees.
DELETE WHERE { GRAPH graph:state { graph:disagreements akg:stale ?v } } ;
INSERT DATA { GRAPH graph:disagreements { graph:disagreements prov:wasDerivedFrom graph:current } }
