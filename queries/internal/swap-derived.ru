# Update: Replace a derived graph by its rebuilt copy and record it fresh, in one transaction (never an empty window).
# Slots: target -- the derived graph; rebuilt -- where it was rebuilt
DROP SILENT GRAPH {target} ;
MOVE SILENT GRAPH {rebuilt} TO {target} ;
DELETE WHERE { GRAPH graph:state { {target} akg:stale ?v } }
