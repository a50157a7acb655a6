# Update: Record that the derived graphs no longer follow their sources (the next reader rebuilds them).
INSERT DATA { GRAPH graph:state { graph:current akg:stale true . graph:inferred akg:stale true . graph:disagreements akg:stale true } }
