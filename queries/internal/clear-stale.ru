# Update: Record that the derived graphs follow their sources again.
DELETE WHERE { GRAPH graph:state { ?graph akg:stale ?v } }
