# Update: Record that graph/current and graph/inferred follow their sources again.
# graph/disagreements is found after them (kg/model/derived.py) and clears its own mark.
DELETE WHERE { GRAPH graph:state { graph:current akg:stale ?current } } ;
DELETE WHERE { GRAPH graph:state { graph:inferred akg:stale ?inferred } }
